// EpollDispatcher: timers (order, repeat, id reuse, restarts and kills inside handlers, zero
// timers), posted events and the cross-thread wake-up race. Socket notifiers are in
// tst_epollsockets. The test's own main thread runs on the dispatcher, so every QTest wait
// below goes through it too.

#include "epolltest.h"

#include <QElapsedTimer>
#include <QSemaphore>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <functional>

using namespace epolltest;

namespace {

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
};

int main(int argc, char **argv)
{
    return run<TestEpollDispatcher>(argc, argv);
}

#include "tst_epolldispatcher.moc"
