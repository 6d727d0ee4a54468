// net/stream.h's PlainStream, a plain connection served on its descriptor (no QTcpSocket):
// on real loopback sockets, under the epoll dispatcher as in the workers. What the front
// door and the sessions depend on: bytes read in order, readable after the peer's end; a
// write sent at once or queued in order behind what the kernel did not take, with
// bytesWritten as the queue drains; output held and then sent together; a read-ahead bound
// that holds the peer back by TCP; a graceful close that sends the queue first; an abort; a
// write to a reset peer that reports the end from the event loop, not from inside write();
// disconnected exactly once.

#include "epolltest.h"
#include "net/stream.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <fcntl.h>
#include <sys/socket.h>

#include <memory>

using namespace epolltest;
using sb::ClientAddress;
using sb::PlainStream;

namespace {

QByteArray pattern(qsizetype size, int seed)
{
    QByteArray out(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        out[i] = char((i * 131 + seed) & 0xff);
    return out;
}

struct StreamPair {
    AcceptingServer server;
    QTcpSocket client;
    std::unique_ptr<PlainStream> stream;

    bool connect()
    {
        if (!server.listen(QHostAddress::LocalHost))
            return false;
        const int fd = server.acceptRaw(client, mainDispatcher());
        if (fd < 0)
            return false;
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);  // as accept4(SOCK_NONBLOCK) leaves it
        // A fixed send buffer (no autotuning): a few MiB the client does not read are sure
        // to stay queued in the stream.
        const int sendBuffer = 128 * 1024;
        ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sendBuffer, sizeof sendBuffer);
        stream = std::make_unique<PlainStream>(fd, ClientAddress{client.localAddress(), client.localPort()});
        return true;
    }
};

// Reads from `client` until `size` bytes came (or 10 s passed).
QByteArray readAll(QTcpSocket &client, qsizetype size)
{
    QByteArray got;
    static_cast<void>(QTest::qWaitFor([&] {
        got += client.readAll();
        return got.size() >= size;
    }, 10000));
    return got;
}

}  // namespace

class TestPlainStream : public QObject
{
    Q_OBJECT
private slots:
    void readsInOrderAndKeepsBytesAfterThePeersEnd()
    {
        StreamPair p;
        QVERIFY(p.connect());
        QCOMPARE(p.stream->peerAddress(), p.client.localAddress());
        QCOMPARE(p.stream->peerPort(), p.client.localPort());
        QSignalSpy ready(p.stream.get(), &sb::Stream::readyRead);
        QSignalSpy ended(p.stream.get(), &sb::Stream::disconnected);

        p.client.write("GET / HTTP/1.1\r\n");
        QTRY_VERIFY(p.stream->bytesAvailable() == 16);
        QVERIFY(ready.count() >= 1);
        QCOMPARE(p.stream->peek(4), QByteArray("GET "));
        p.stream->skip(4);
        QCOMPARE(p.stream->read(100), QByteArray("/ HTTP/1.1\r\n"));
        QCOMPARE(p.stream->bytesAvailable(), 0);

        // Bytes and then the end: both reported, the bytes still readable afterwards.
        p.client.write("last words");
        p.client.disconnectFromHost();
        QTRY_COMPARE(ended.count(), 1);
        QVERIFY(!p.stream->isConnected());
        QCOMPARE(p.stream->plainDescriptor(), -1);
        QCOMPARE(p.stream->read(100), QByteArray("last words"));
        QTest::qWait(50);
        QCOMPARE(ended.count(), 1);
    }

    void writesWhatTheKernelRefusesInOrderAndSaysWhenItDrains()
    {
        StreamPair p;
        QVERIFY(p.connect());
        QSignalSpy drained(p.stream.get(), &sb::Stream::bytesWritten);
        p.client.setReadBufferSize(1);  // the client takes nothing until told
        const QByteArray sent = pattern(8 << 20, 7);
        for (qsizetype at = 0; at < sent.size(); at += 64 * 1024)
            p.stream->write(sent.constData() + at, 64 * 1024);
        // 8 MiB do not fit in loopback's buffers: the rest is queued, nothing lost.
        QVERIFY(p.stream->bytesToWrite() > 0);
        QCOMPARE(drained.count(), 0);  // nothing went from the queue yet
        // A shared array behind the queue: sent after the rest, not copied ahead of it.
        const QByteArray tail = pattern(100 * 1024, 9);
        p.stream->write(tail);

        p.client.setReadBufferSize(0);
        const QByteArray got = readAll(p.client, sent.size() + tail.size());
        QCOMPARE(got.size(), sent.size() + tail.size());
        QVERIFY(got.first(sent.size()) == sent);
        QVERIFY(got.sliced(sent.size()) == tail);
        QTRY_COMPARE(p.stream->bytesToWrite(), 0);
        QVERIFY(drained.count() >= 1);
        QVERIFY(p.stream->isConnected());
    }

    void readAheadBoundHoldsThePeerBack()
    {
        StreamPair p;
        QVERIFY(p.connect());
        constexpr qint64 bound = 64 * 1024;
        p.stream->setReadBufferSize(bound);
        const QByteArray sent = pattern(6 << 20, 3);
        p.client.write(sent);
        QTRY_VERIFY(p.stream->bytesAvailable() == bound);
        QTest::qWait(200);
        // Not read further while nobody takes it: the kernel and TCP hold the rest.
        QCOMPARE(p.stream->bytesAvailable(), bound);
        QVERIFY(p.client.bytesToWrite() > 0);

        QByteArray got;
        QVERIFY(QTest::qWaitFor([&] {
            got += p.stream->read(bound);
            return got.size() >= sent.size();
        }, 10000));
        QCOMPARE(got.size(), sent.size());
        QVERIFY(got == sent);
    }

    void gracefulCloseSendsTheQueueFirst()
    {
        StreamPair p;
        QVERIFY(p.connect());
        QSignalSpy ended(p.stream.get(), &sb::Stream::disconnected);
        p.client.setReadBufferSize(1);
        const QByteArray sent = pattern(4 << 20, 5);
        p.stream->write(sent);
        QVERIFY(p.stream->bytesToWrite() > 0);
        p.stream->disconnectFromHost();
        QVERIFY(!p.stream->isConnected());  // closing: nothing more is written
        p.stream->write("dropped");
        QCOMPARE(ended.count(), 0);  // not before the queue has gone

        p.client.setReadBufferSize(0);
        const QByteArray got = readAll(p.client, sent.size());
        QVERIFY(got == sent);
        QTRY_COMPARE(ended.count(), 1);
        QTRY_COMPARE(p.client.state(), QAbstractSocket::UnconnectedState);  // then the end
        QCOMPARE(p.client.readAll(), QByteArray());
    }

    void closeWithNothingQueuedIsAtOnce()
    {
        StreamPair p;
        QVERIFY(p.connect());
        QSignalSpy ended(p.stream.get(), &sb::Stream::disconnected);
        p.stream->write("bye");
        p.stream->disconnectFromHost();
        QCOMPARE(ended.count(), 1);
        p.stream->abort();
        p.stream->disconnectFromHost();
        QCOMPARE(ended.count(), 1);
        QCOMPARE(readAll(p.client, 3), QByteArray("bye"));
        QTRY_COMPARE(p.client.state(), QAbstractSocket::UnconnectedState);
    }

    void heldOutputLeavesTogetherOnRelease()
    {
        // The front door holds the 101 until the session exists (Worker::handOver).
        StreamPair p;
        QVERIFY(p.connect());
        QSignalSpy ended(p.stream.get(), &sb::Stream::disconnected);
        p.stream->holdOutput();
        p.stream->write("HTTP/1.1 101 Switching Protocols\r\n\r\n");
        p.stream->write(QByteArray("first frame"));
        QCOMPARE(p.stream->bytesToWrite(), 47);
        QTest::qWait(100);
        QCOMPARE(p.client.bytesAvailable(), 0);  // nothing left while held
        p.stream->releaseOutput();
        QCOMPARE(p.stream->bytesToWrite(), 0);
        QCOMPARE(readAll(p.client, 47), QByteArray("HTTP/1.1 101 Switching Protocols\r\n\r\nfirst frame"));

        // A graceful close asked for while held ends the stream once what was held has gone.
        p.stream->holdOutput();
        p.stream->write("bye");
        p.stream->disconnectFromHost();
        QCOMPARE(ended.count(), 0);
        p.stream->releaseOutput();
        QCOMPARE(ended.count(), 1);
        QCOMPARE(readAll(p.client, 3), QByteArray("bye"));
        QTRY_COMPARE(p.client.state(), QAbstractSocket::UnconnectedState);
    }

    void abortDropsTheQueue()
    {
        StreamPair p;
        QVERIFY(p.connect());
        QSignalSpy ended(p.stream.get(), &sb::Stream::disconnected);
        p.client.setReadBufferSize(1);
        p.stream->write(pattern(4 << 20, 1));
        QVERIFY(p.stream->bytesToWrite() > 0);
        p.stream->abort();
        QCOMPARE(ended.count(), 1);
        QCOMPARE(p.stream->bytesToWrite(), 0);
        p.client.setReadBufferSize(0);
        QTRY_COMPARE(p.client.state(), QAbstractSocket::UnconnectedState);
    }

    void writeToAResetPeerEndsFromTheLoop()
    {
        StreamPair p;
        QVERIFY(p.connect());
        QSignalSpy ended(p.stream.get(), &sb::Stream::disconnected);
        // The client resets the connection (linger 0: RST, not FIN).
        const linger hard{1, 0};
        QCOMPARE(::setsockopt(int(p.client.socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard, sizeof hard), 0);
        p.client.abort();
        // Until the stream sees it, writes may fail; none reports the end from inside write().
        QElapsedTimer clock;
        clock.start();
        bool failedWithin = false;
        while (p.stream->isConnected() && clock.elapsed() < 5000) {
            const qsizetype before = ended.count();
            p.stream->write(pattern(1024, 2));
            failedWithin = failedWithin || ended.count() != before;
            QTest::qWait(5);
        }
        QVERIFY(!failedWithin);
        QVERIFY(!p.stream->isConnected());
        QTRY_COMPARE(ended.count(), 1);
        QTest::qWait(50);
        QCOMPARE(ended.count(), 1);
    }
};

int main(int argc, char **argv)
{
    return run<TestPlainStream>(argc, argv);
}

#include "tst_plainstream.moc"
