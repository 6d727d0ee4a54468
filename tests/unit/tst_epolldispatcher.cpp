// EpollDispatcher: timers (order, repeat, id reuse, restarts and kills inside handlers, zero
// timers), posted events and the cross-thread wake-up race, socket notifiers (deletion in
// the middle of a batch, fd reuse, the write fast path and its fallback under
// back-pressure), half-closed sockets that must not spin. The test's own main thread runs
// on the dispatcher, so every QTest wait below goes through it too.

#include "net/epolldispatcher.h"

#include <QElapsedTimer>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

#include <atomic>
#include <memory>

using sb::EpollDispatcher;

namespace {

EpollDispatcher *mainDispatcher()
{
    return qobject_cast<EpollDispatcher *>(QAbstractEventDispatcher::instance());
}

// A connected loopback pair on the main thread: `client`, and `peer` (the accepted side).
struct LoopbackPair {
    QTcpServer server;
    QTcpSocket client;
    std::unique_ptr<QTcpSocket> peer;

    bool connect()
    {
        if (!server.listen(QHostAddress::LocalHost))
            return false;
        client.connectToHost(QHostAddress::LocalHost, server.serverPort());
        if (!QTest::qWaitFor([this] { return server.hasPendingConnections(); }, 5000))
            return false;
        peer.reset(server.nextPendingConnection());
        if (!QTest::qWaitFor([this] { return client.state() == QAbstractSocket::ConnectedState; }, 5000))
            return false;
        // Let the client's connect notifier settle (Qt leaves it on for one more turn), so
        // that what a test counts afterwards is its own doing.
        QTest::qWait(20);
        return true;
    }
};

// A server whose accepted descriptors the test adopts itself, as the workers do.
struct AcceptingServer : QTcpServer {
    qintptr fd = -1;
    void incomingConnection(qintptr descriptor) override { fd = descriptor; }

    // Connects `client` and marks the accepted descriptor as the worker does; -1 on failure.
    int acceptRaw(QTcpSocket &client, EpollDispatcher *d)
    {
        fd = -1;
        client.connectToHost(QHostAddress::LocalHost, serverPort());
        if (!QTest::qWaitFor([this] { return fd >= 0; }, 5000))
            return -1;
        if (!QTest::qWaitFor([&client] { return client.state() == QAbstractSocket::ConnectedState; }, 5000))
            return -1;
        d->noteAccepted(int(fd));
        return int(fd);
    }
    // The same, adopted by a QTcpSocket.
    std::unique_ptr<QTcpSocket> acceptOne(QTcpSocket &client, EpollDispatcher *d)
    {
        if (acceptRaw(client, d) < 0)
            return nullptr;
        auto peer = std::make_unique<QTcpSocket>();
        if (!peer->setSocketDescriptor(fd))
            return nullptr;
        return peer;
    }
};

class TimerRecorder : public QObject
{
public:
    QList<int> fired;
    std::function<void(int)> onFire;

protected:
    void timerEvent(QTimerEvent *e) override
    {
        fired.append(e->timerId());
        if (onFire)
            onFire(e->timerId());
    }
};

}  // namespace

class TestEpollDispatcher : public QObject
{
    Q_OBJECT
private slots:
    void installed() { QVERIFY(mainDispatcher()); }

    void timersFireInDeadlineOrder()
    {
        TimerRecorder r;
        r.onFire = [&](int id) { r.killTimer(id); };  // each fires once
        const int t30 = r.startTimer(30, Qt::PreciseTimer);
        const int t10 = r.startTimer(10, Qt::PreciseTimer);
        const int t20 = r.startTimer(20, Qt::PreciseTimer);
        QTRY_VERIFY_WITH_TIMEOUT(r.fired.contains(t30), 2000);
        QCOMPARE(r.fired, (QList<int>{t10, t20, t30}));
    }

    void repeatingTimerKeepsItsPeriod()
    {
        QTimer t;
        t.setTimerType(Qt::PreciseTimer);
        t.setInterval(20);
        int count = 0;
        QElapsedTimer clock;
        connect(&t, &QTimer::timeout, this, [&] { ++count; });
        clock.start();
        t.start();
        QTRY_VERIFY_WITH_TIMEOUT(count >= 10, 3000);
        t.stop();
        // 10 periods of 20 ms: not earlier than 200 ms, and not wildly late on an idle loop.
        QVERIFY2(clock.elapsed() >= 195, qPrintable(QString::number(clock.elapsed())));
        QVERIFY2(clock.elapsed() < 1500, qPrintable(QString::number(clock.elapsed())));
    }

    void singleShotFiresOnce()
    {
        int count = 0;
        QTimer::singleShot(10, this, [&] { ++count; });
        QTest::qWait(120);
        QCOMPARE(count, 1);
    }

    void killedInSameBatchDoesNotFireAndReusedIdWaitsItsTurn()
    {
        // A and B are due on the same turn. A's handler kills B and starts C, which Qt's id
        // allocator typically gives B's freed id: neither B nor the early C may fire.
        TimerRecorder r;
        int b = -1, c = -1;
        QElapsedTimer sinceC;
        qint64 cFiredAfter = -1;
        const int a = r.startTimer(20, Qt::PreciseTimer);
        b = r.startTimer(20, Qt::PreciseTimer);
        r.onFire = [&](int id) {
            if (id == a && c < 0) {
                r.killTimer(a);
                r.killTimer(b);
                c = r.startTimer(150, Qt::PreciseTimer);
                sinceC.start();
            } else if (id == c && cFiredAfter < 0) {
                cFiredAfter = sinceC.elapsed();
                r.killTimer(c);
            }
        };
        QTRY_VERIFY_WITH_TIMEOUT(cFiredAfter >= 0, 3000);
        QVERIFY2(cFiredAfter >= 145, qPrintable(QString::number(cFiredAfter)));
        // B never fired under its own registration; if C reused B's id it fired exactly once.
        QCOMPARE(r.fired.count(a), 1);
        QCOMPARE(r.fired.count(c), 1);
        if (b != c)
            QCOMPARE(r.fired.count(b), 0);
    }

    void restartInsideHandler()
    {
        QTimer t;
        t.setTimerType(Qt::PreciseTimer);
        QList<qint64> at;
        QElapsedTimer clock;
        connect(&t, &QTimer::timeout, this, [&] {
            at.append(clock.elapsed());
            if (at.size() == 1)
                t.start(80);  // restart with a longer interval from inside the handler
            else
                t.stop();
        });
        clock.start();
        t.start(10);
        QTRY_COMPARE_WITH_TIMEOUT(at.size(), 2, 3000);
        QTest::qWait(100);
        QCOMPARE(at.size(), 2);
        QVERIFY2(at[1] - at[0] >= 75, qPrintable(QString::number(at[1] - at[0])));
    }

    void zeroTimerDoesNotStarvePostedEvents()
    {
        QTimer zero;
        zero.setInterval(0);
        int spins = 0;
        connect(&zero, &QTimer::timeout, this, [&] { ++spins; });
        zero.start();
        bool posted = false;
        QMetaObject::invokeMethod(this, [&] { posted = true; }, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(posted && spins > 10, 2000);
        zero.stop();
    }

    void remainingTimeAndRegisteredTimers()
    {
        TimerRecorder r;
        const int id = r.startTimer(500, Qt::CoarseTimer);
        auto *d = mainDispatcher();
        const int left = d->remainingTime(id);
        QVERIFY2(left > 400 && left <= 500, qPrintable(QString::number(left)));
        const auto infos = d->registeredTimers(&r);
        QCOMPARE(infos.size(), 1);
        QCOMPARE(infos.first().timerId, id);
        QCOMPARE(infos.first().interval, 500);
        r.killTimer(id);
        QCOMPARE(d->remainingTime(id), -1);
        QVERIFY(d->registeredTimers(&r).isEmpty());
    }

    void timersOfDeletedObjectAreGone()
    {
        auto *r = new TimerRecorder;
        r->startTimer(5);
        r->startTimer(7);
        QVERIFY(mainDispatcher()->registeredTimers(r).size() == 2);
        delete r;  // QObject unregisters its running timers
        QTest::qWait(30);  // nothing fires into the deleted object
    }

    void ownThreadPostsNeedNoWakeUp()
    {
        // Posts from the loop's own thread (a handler queueing work for later) are all
        // delivered, in order, without writing the eventfd; another thread's post writes it.
        auto *d = mainDispatcher();
        QTest::qWait(10);
        QList<int> got;
        const quint64 before = d->wakeWrites();
        QMetaObject::invokeMethod(this, [&] {
            for (int i = 0; i < 100; ++i)
                QMetaObject::invokeMethod(this, [&got, i] { got.append(i); }, Qt::QueuedConnection);
        }, Qt::QueuedConnection);
        QTRY_COMPARE(got.size(), 100);
        for (int i = 0; i < 100; ++i)
            QCOMPARE(got[i], i);
        QCOMPARE(d->wakeWrites() - before, 0u);
        std::unique_ptr<QThread> other(QThread::create([&] {
            QMetaObject::invokeMethod(this, [&got] { got.append(-1); }, Qt::QueuedConnection);
        }));
        other->start();
        other->wait();
        QTRY_COMPARE(got.size(), 101);
        QVERIFY(d->wakeWrites() - before >= 1);
    }

    void crossThreadPostsAreNeverLost()
    {
        // A worker thread blocked in epoll_wait with no timers: each post must wake it.
        QThread thread;
        thread.setEventDispatcher(new EpollDispatcher);
        auto *target = new QObject;
        target->moveToThread(&thread);
        connect(&thread, &QThread::finished, target, &QObject::deleteLater);
        thread.start();
        QSemaphore done;
        for (int i = 0; i < 300; ++i) {
            QMetaObject::invokeMethod(target, [&] { done.release(); }, Qt::QueuedConnection);
            QVERIFY2(done.tryAcquire(1, 2000), qPrintable(QStringLiteral("post %1 was not delivered").arg(i)));
            if (i % 50 == 0)
                QThread::msleep(5);  // let it go back to sleep
        }
        // Many posters at once.
        std::atomic<int> received{0};
        std::vector<std::unique_ptr<QThread>> posters;
        for (int p = 0; p < 4; ++p) {
            posters.emplace_back(QThread::create([&] {
                for (int i = 0; i < 5000; ++i)
                    QMetaObject::invokeMethod(target, [&] { received.fetch_add(1); }, Qt::QueuedConnection);
            }));
            posters.back()->start();
        }
        for (auto &p : posters)
            p->wait();
        QTRY_COMPARE_WITH_TIMEOUT(received.load(), 20000, 5000);
        thread.quit();
        QVERIFY(thread.wait(5000));
    }

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
        struct Server : QTcpServer {
            qintptr fd = -1;
            void incomingConnection(qintptr descriptor) override { fd = descriptor; }
        } server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, server.serverPort());
        QTRY_VERIFY(server.fd >= 0);
        QTRY_COMPARE(client.state(), QAbstractSocket::ConnectedState);
        QTest::qWait(20);
        auto *d = mainDispatcher();
        d->noteAccepted(int(server.fd));
        QTcpSocket peer;
        QVERIFY(peer.setSocketDescriptor(server.fd));
        const quint64 pollsBefore = d->writablePolls();
        const quint64 ctlBefore = d->epollCtlCalls();
        peer.write("hello");
        QTRY_COMPARE(client.bytesAvailable(), 5);
        QCOMPARE(client.readAll(), QByteArray("hello"));
        QCOMPARE(d->writablePolls() - pollsBefore, 0u);
        QCOMPARE(d->epollCtlCalls() - ctlBefore, 0u);
        // And it still reads.
        client.write("back");
        QTRY_COMPARE(peer.bytesAvailable(), 4);
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
    QCoreApplication::setEventDispatcher(new EpollDispatcher);
    QCoreApplication app(argc, argv);
    TestEpollDispatcher t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_epolldispatcher.moc"
