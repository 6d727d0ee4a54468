// net/socketbuffers.*: an idle socket gives back the chunks Qt keeps for its emptied read and
// write buffers (docs/performance.md, "Idle memory"), and works as before afterwards; a
// socket with bytes in either buffer keeps them.

#include "net/socketbuffers.h"
#include "epolltest.h"

#include <QTest>

#include <malloc.h>

using namespace epolltest;

namespace {

size_t heapInUse()
{
    return mallinfo2().uordblks;
}

// One message each way, so that `peer` has read into its buffer and written through it.
bool roundTrip(LoopbackPair &pair, const QByteArray &message)
{
    pair.client.write(message);
    // Read into our own memory, as a parser does (a QByteArray read of the whole buffer would
    // take its chunk along instead of leaving it kept).
    if (!QTest::qWaitFor([&] { return pair.peer->bytesAvailable() >= message.size(); }, 5000))
        return false;
    QByteArray got(message.size(), Qt::Uninitialized);
    if (pair.peer->read(got.data(), got.size()) != got.size() || got != message)
        return false;
    pair.peer->write(message);
    return QTest::qWaitFor([&] { return pair.client.bytesAvailable() >= message.size(); }, 5000)
        && pair.client.read(message.size()) == message && pair.peer->bytesToWrite() == 0;
}

}  // namespace

class TestSocketBuffers : public QObject
{
    Q_OBJECT
private slots:
    void thisBuildReleasesThem()
    {
        // The supported platform (Debian bookworm's Qt 6.4.2, scripts/setup.sh installs
        // qt6-base-private-dev): without it idle connections cost ~8 KiB more.
        QVERIFY2(sb::canReleaseSocketBuffers(), "built without Qt 6.4.2's private headers (qt6-base-private-dev)");
    }

    void emptyBuffersGiveTheirChunksBack()
    {
        LoopbackPair pair;
        QVERIFY(pair.connect());
        QVERIFY(roundTrip(pair, "GET / HTTP/1.1\r\n\r\n"));
        const size_t before = heapInUse();
        sb::releaseSocketBuffers(pair.peer.get());
        const size_t after = heapInUse();
        // 16 KiB kept to read and 32 KiB to write.
        QVERIFY2(before - after >= 48 * 1024, qPrintable(QStringLiteral("%1 bytes freed").arg(qint64(before) - qint64(after))));
        // And the socket goes on as before, both ways, the chunks allocated again as needed.
        QVERIFY(roundTrip(pair, "after the release"));
        sb::releaseSocketBuffers(pair.peer.get());
        QVERIFY(roundTrip(pair, QByteArray(100'000, 'x')));
    }

    void bytesWaitingKeepTheirBuffer()
    {
        LoopbackPair pair;
        QVERIFY(pair.connect());
        pair.client.write("unread");
        QTRY_COMPARE(pair.peer->bytesAvailable(), 6);
        sb::releaseSocketBuffers(pair.peer.get());
        QCOMPARE(pair.peer->bytesAvailable(), 6);
        QCOMPARE(pair.peer->readAll(), QByteArray("unread"));
    }
};

int main(int argc, char **argv)
{
    return run<TestSocketBuffers>(argc, argv);
}

#include "tst_socketbuffers.moc"
