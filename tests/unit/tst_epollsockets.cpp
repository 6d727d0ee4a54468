// EpollDispatcher's socket notifiers: deletion in the middle of a batch, fd reuse, the write
// fast path and its fallback under back-pressure, accepted sockets (first write without a
// poll, removal from the set left to close(), a stray event of one left open), half-closed
// sockets that must not spin, a refused connect, and read hooks (a socket's reads taken over
// until the hook declines; gone with the socket's notifiers), and the turn's end. Runs on the
// dispatcher, as the workers do.

#include "epolltest.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSocketNotifier>
#include <QTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>

using namespace epolltest;

class TestEpollSockets : public QObject
{
    Q_OBJECT
private slots:
    void notifierDeletedMidBatchDoesNotFire()
    {
        int a[2], b[2];
        QCOMPARE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, a), 0);
        QCOMPARE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, b), 0);
        auto na = std::make_unique<QSocketNotifier>(a[0], QSocketNotifier::Read);
        auto nb = std::make_unique<QSocketNotifier>(b[0], QSocketNotifier::Read);
        int fired = 0;
        // Whichever fires first deletes the other; both are ready in the same epoll batch.
        connect(na.get(), &QSocketNotifier::activated, this, [&] { ++fired; nb.reset(); na->setEnabled(false); });
        connect(nb.get(), &QSocketNotifier::activated, this, [&] { ++fired; na.reset(); nb->setEnabled(false); });
        QCOMPARE(::write(a[1], "x", 1), 1);
        QCOMPARE(::write(b[1], "y", 1), 1);
        QTest::qWait(50);
        QCOMPARE(fired, 1);
        na.reset();
        nb.reset();
        for (int fd : {a[0], a[1], b[0], b[1]})
            ::close(fd);
    }

    void fdReuseStartsAfresh()
    {
        int a[2];
        QCOMPARE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, a), 0);
        const int reused = a[0];
        {
            QSocketNotifier n(a[0], QSocketNotifier::Read);
            QCOMPARE(::write(a[1], "x", 1), 1);
            QSignalSpy spy(&n, &QSocketNotifier::activated);
            QVERIFY(spy.wait(1000));
        }
        ::close(a[0]);
        ::close(a[1]);
        int b[2];
        QCOMPARE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, b), 0);
        QCOMPARE(b[0], reused);  // the kernel hands out the lowest free fd
        QSocketNotifier n(b[0], QSocketNotifier::Read);
        QSocketNotifier w(b[0], QSocketNotifier::Write);
        QSignalSpy reads(&n, &QSocketNotifier::activated);
        QSignalSpy writes(&w, &QSocketNotifier::activated);
        QTest::qWait(30);
        QCOMPARE(reads.size(), 0);  // nothing to read on the new socket
        QVERIFY(writes.size() >= 1);  // a fresh socket is writable
        w.setEnabled(false);
        QCOMPARE(::write(b[1], "z", 1), 1);
        QVERIFY(reads.wait(1000));
        n.setEnabled(false);
        ::close(b[0]);
        ::close(b[1]);
    }

    void writeFastPathOnRealSockets()
    {
        LoopbackPair pair;
        QVERIFY(pair.connect());
        QTcpSocket &client = pair.client;
        QTcpSocket *peer = pair.peer.get();
        auto *d = mainDispatcher();
        // Warm up: the first write learns that the socket is writable.
        client.write("w");
        QTRY_COMPARE(peer->bytesAvailable(), 1);
        peer->readAll();
        const quint64 ctlBefore = d->epollCtlCalls();
        const quint64 fastBefore = d->writeFastPaths();
        for (int i = 0; i < 500; ++i) {
            client.write(QByteArray::number(i).rightJustified(8, '0'));
            QTRY_VERIFY(peer->bytesAvailable() >= 8);
            QCOMPARE(peer->read(8), QByteArray::number(i).rightJustified(8, '0'));
        }
        const quint64 ctl = d->epollCtlCalls() - ctlBefore;
        const quint64 fast = d->writeFastPaths() - fastBefore;
        QVERIFY2(fast >= 500, qPrintable(QString::number(fast)));
        QVERIFY2(ctl < 50, qPrintable(QString::number(ctl)));  // no epoll_ctl pair per write
    }

    void firstWriteOfNewSocketAsksTheKernelOnce()
    {
        // A new socket's first write: one poll() says it is writable and the write goes out on
        // the same turn — no EPOLLOUT added to the set and taken out again (the handshake's
        // 101, a greeting).
        LoopbackPair pair;
        QVERIFY(pair.connect());
        QTcpSocket &client = pair.client;
        QTcpSocket *peer = pair.peer.get();
        auto *d = mainDispatcher();
        const quint64 ctlBefore = d->epollCtlCalls();
        const quint64 pollsBefore = d->writablePolls();
        const quint64 fastBefore = d->writeFastPaths();
        peer->write("hello");
        QTRY_COMPARE(client.bytesAvailable(), 5);
        QCOMPARE(client.readAll(), QByteArray("hello"));
        QCOMPARE(d->writablePolls() - pollsBefore, 1u);
        QVERIFY(d->writeFastPaths() > fastBefore);
        QCOMPARE(d->epollCtlCalls() - ctlBefore, 0u);
        // Later writes need neither.
        peer->write("again");
        QTRY_COMPARE(client.bytesAvailable(), 5);
        QCOMPARE(d->writablePolls() - pollsBefore, 1u);
        QCOMPARE(d->epollCtlCalls() - ctlBefore, 0u);
    }

    void acceptedSocketWritesWithoutAsking()
    {
        // A socket that just came out of accept() is connected with an empty send buffer: the
        // worker says so, and its first write asks the kernel nothing.
        AcceptingServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        auto *d = mainDispatcher();
        QTcpSocket client;
        const auto peer = server.acceptOne(client, d);
        QVERIFY(peer);
        const quint64 pollsBefore = d->writablePolls();
        const quint64 ctlBefore = d->epollCtlCalls();
        peer->write("hello");
        QTRY_COMPARE(client.bytesAvailable(), 5);
        QCOMPARE(client.readAll(), QByteArray("hello"));
        QCOMPARE(d->writablePolls() - pollsBefore, 0u);
        QCOMPARE(d->epollCtlCalls() - ctlBefore, 0u);
        // And it still reads.
        client.write("back");
        QTRY_COMPARE(peer->bytesAvailable(), 4);
    }

    // An accepted socket leaves its removal from the epoll set to close(): no EPOLL_CTL_DEL
    // per connection. The number's next owner — accepted or not — must still get its events.
    void acceptedSocketLeavesRemovalToClose()
    {
        AcceptingServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        auto *d = mainDispatcher();
        QTcpSocket client;
        auto peer = server.acceptOne(client, d);
        QVERIFY(peer);
        const int fd = int(peer->socketDescriptor());
        client.write("ping");
        QTRY_COMPARE(peer->bytesAvailable(), 4);
        const quint64 ctlBefore = d->epollCtlCalls();
        const quint64 leftBefore = d->removalsLeftToClose();
        peer->abort();  // notifiers go, then the descriptor
        QCOMPARE(d->epollCtlCalls() - ctlBefore, 0u);
        QCOMPARE(d->removalsLeftToClose() - leftBefore, 1u);
        peer.reset();
        QTRY_COMPARE(client.state(), QAbstractSocket::UnconnectedState);

        // The next accepted socket gets the same number and works both ways.
        QTcpSocket client2;
        auto peer2 = server.acceptOne(client2, d);
        QVERIFY(peer2);
        QCOMPARE(int(peer2->socketDescriptor()), fd);
        client2.write("again");
        QTRY_COMPARE(peer2->bytesAvailable(), 5);
        peer2->write("back");
        QTRY_COMPARE(client2.bytesAvailable(), 4);
        peer2->abort();
        peer2.reset();

        // A descriptor that is not an accepted socket takes the number next: added afresh.
        int p[2];
        QCOMPARE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, p), 0);
        QCOMPARE(p[0], fd);
        {
            QSocketNotifier n(p[0], QSocketNotifier::Read);
            QSignalSpy reads(&n, &QSocketNotifier::activated);
            QCOMPARE(::write(p[1], "x", 1), 1);
            QVERIFY(reads.wait(1000));
            char c;
            QCOMPARE(::read(p[0], &c, 1), 1);
        }
        ::close(p[0]);
        ::close(p[1]);
        QCOMPARE(d->strayRemovals(), 0u);
    }

    // An accepted socket whose owner switches its notifiers off but keeps it open: the
    // registration left in the set reports the next data once and is removed then (no
    // spin); switched back on, before or after that, the notifier works again.
    void strayEventOfOpenAcceptedSocketIsRemoved()
    {
        AcceptingServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        auto *d = mainDispatcher();
        char buf[16];
        {
            QTcpSocket client;
            const int fd = server.acceptRaw(client, d);
            QVERIFY(fd >= 0);
            QSocketNotifier n(fd, QSocketNotifier::Read);
            QSignalSpy reads(&n, &QSocketNotifier::activated);
            client.write("1");
            QVERIFY(reads.wait(1000));
            QCOMPARE(::read(fd, buf, sizeof buf), 1);

            // Off, then data arrives: one stray event, removed; the loop stays idle.
            const quint64 strayBefore = d->strayRemovals();
            n.setEnabled(false);
            int turns = 0;
            auto conn = connect(d, &QAbstractEventDispatcher::awake, this, [&] { ++turns; });
            client.write("2");
            QTest::qWait(300);
            disconnect(conn);
            QVERIFY2(turns < 100, qPrintable(QString::number(turns)));
            QCOMPARE(d->strayRemovals() - strayBefore, 1u);
            QCOMPARE(reads.size(), 1);  // nothing delivered while off

            // On again: the unread data is reported.
            n.setEnabled(true);
            QVERIFY(reads.wait(1000));
            QCOMPARE(::read(fd, buf, sizeof buf), 1);
            n.setEnabled(false);
            ::close(fd);
        }
        {
            // Off and on again before anything arrives: the registration left in the set is
            // taken back with one EPOLL_CTL_MOD.
            QTcpSocket client;
            const int fd = server.acceptRaw(client, d);
            QVERIFY(fd >= 0);
            QSocketNotifier n(fd, QSocketNotifier::Read);
            QSignalSpy reads(&n, &QSocketNotifier::activated);
            const quint64 ctlBefore = d->epollCtlCalls();
            n.setEnabled(false);
            n.setEnabled(true);
            QCOMPARE(d->epollCtlCalls() - ctlBefore, 1u);
            client.write("3");
            QVERIFY(reads.wait(1000));
            QCOMPARE(::read(fd, buf, sizeof buf), 1);
            n.setEnabled(false);
            ::close(fd);
        }
    }

    void backPressureFallsBackToEpollOut()
    {
        LoopbackPair pair;
        QVERIFY(pair.connect());
        QTcpSocket &client = pair.client;
        QTcpSocket *peer = pair.peer.get();
        // 32 MiB in one go: far more than the kernel buffers; the peer reads it slowly.
        QByteArray big(32 * 1024 * 1024, Qt::Uninitialized);
        for (qsizetype i = 0; i < big.size(); ++i)
            big[i] = char(i * 7 + (i >> 12));
        client.write(big);
        QByteArray got;
        QElapsedTimer clock;
        clock.start();
        while (got.size() < big.size() && clock.elapsed() < 20000) {
            QTest::qWait(1);
            got += peer->read(256 * 1024);
        }
        QCOMPARE(got.size(), big.size());
        QVERIFY(got == big);
        QTRY_COMPARE(client.bytesToWrite(), 0);
    }

    void halfClosedPeerDoesNotSpin()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(server.serverPort());
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr), 0);
        QTRY_VERIFY(server.hasPendingConnections());
        std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
        QSignalSpy gone(peer.get(), &QTcpSocket::disconnected);
        QCOMPARE(::write(fd, "bye", 3), 3);
        ::shutdown(fd, SHUT_WR);  // half-close: EOF for the reader, the fd stays open here
        QVERIFY(gone.wait(2000));
        QCOMPARE(peer->readAll(), QByteArray("bye"));
        // Idle now: count loop turns over 300 ms. A level-triggered EOF left in the set would
        // wake the loop thousands of times.
        int turns = 0;
        auto conn = connect(mainDispatcher(), &QAbstractEventDispatcher::awake, this, [&] { ++turns; });
        QTest::qWait(300);
        disconnect(conn);
        QVERIFY2(turns < 100, qPrintable(QString::number(turns)));
        ::close(fd);
    }

    void readHookTakesReadsUntilItDeclines()
    {
        int a[2];
        QCOMPARE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, a), 0);
        auto *d = mainDispatcher();
        struct Hook final : sb::ReadHook {
            int fd = -1;
            bool take = true;
            QByteArray got;
            int calls = 0;
            bool readReady() override
            {
                ++calls;
                if (!take)
                    return false;
                char buf[64];
                const ssize_t n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
                if (n <= 0)
                    return false;  // the end: the notifier's owner sees it
                got.append(buf, n);
                return true;
            }
        } hook;
        hook.fd = a[0];
        QVERIFY(!d->setReadHook(a[0], &hook));  // no read notifier yet: nothing to take over
        auto n = std::make_unique<QSocketNotifier>(a[0], QSocketNotifier::Read);
        QSignalSpy activated(n.get(), &QSocketNotifier::activated);
        QVERIFY(d->setReadHook(a[0], &hook));
        const quint64 before = d->hookedReads();
        QCOMPARE(::write(a[1], "hello", 5), 5);
        QTRY_COMPARE(hook.got, QByteArray("hello"));
        QCOMPARE(activated.size(), 0);  // the hook read it: the notifier never fired
        QCOMPARE(d->hookedReads() - before, 1u);
        // Declined: the notifier runs as if there were no hook.
        hook.take = false;
        QCOMPARE(::write(a[1], "x", 1), 1);
        QVERIFY(activated.wait(1000));
        char c;
        QCOMPARE(::read(a[0], &c, 1), 1);
        hook.take = true;
        // The end of the stream goes to the notifier.
        ::close(a[1]);
        QVERIFY(activated.wait(1000));
        QVERIFY(activated.size() >= 2);
        // A notifier gone takes the hook with it: the next socket with this number has none.
        const int calls = hook.calls;
        const int old = a[0];
        n.reset();
        ::close(a[0]);
        int c2[2];
        QCOMPARE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, c2), 0);
        QCOMPARE(c2[0], old);  // the kernel hands out the lowest free fd
        {
            QSocketNotifier m(c2[0], QSocketNotifier::Read);
            QSignalSpy mine(&m, &QSocketNotifier::activated);
            QCOMPARE(::write(c2[1], "y", 1), 1);
            QVERIFY(mine.wait(1000));
        }
        QCOMPARE(hook.calls, calls);
        ::close(c2[0]);
        ::close(c2[1]);
    }

    // The turn's end (what a worker's sessions gathered goes out there): after the turn's
    // posted events, and again after its ready sockets, before the loop waits — so what a
    // socket's data led to is sent on the turn it came.
    void turnEndFollowsPostedEventsAndReadySockets()
    {
        auto *d = mainDispatcher();
        QStringList order;
        d->setTurnEnd([&order] {
            if (!order.isEmpty() && order.last() != QLatin1String("end"))
                order.append(QStringLiteral("end"));
        });
        QMetaObject::invokeMethod(this, [&order] { order.append(QStringLiteral("posted")); }, Qt::QueuedConnection);
        QTRY_COMPARE(order, (QStringList{QStringLiteral("posted"), QStringLiteral("end")}));
        int a[2];
        QCOMPARE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, a), 0);
        QSocketNotifier n(a[0], QSocketNotifier::Read);
        connect(&n, &QSocketNotifier::activated, this, [&] {
            char c;
            while (::read(a[0], &c, 1) == 1)
                order.append(QStringLiteral("read"));
        });
        QCOMPARE(::write(a[1], "x", 1), 1);
        QTRY_COMPARE(order.size(), 4);
        QCOMPARE(order.mid(2), (QStringList{QStringLiteral("read"), QStringLiteral("end")}));
        d->setTurnEnd({});
        ::close(a[0]);
        ::close(a[1]);
    }

    void connectRefusedIsNotMistakenForWritable()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();  // nothing listens there now
        QTcpSocket s;
        QSignalSpy error(&s, &QTcpSocket::errorOccurred);
        QSignalSpy connected(&s, &QTcpSocket::connected);
        s.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(error.wait(3000));
        QCOMPARE(s.error(), QAbstractSocket::ConnectionRefusedError);
        QCOMPARE(connected.size(), 0);
    }
};

int main(int argc, char **argv)
{
    return run<TestEpollSockets>(argc, argv);
}

#include "tst_epollsockets.moc"
