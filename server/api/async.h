#pragma once
// Blocking work handed back as QFutures, and continuing a future on a widget's thread.

#include <QFuture>
#include <QFutureWatcher>
#include <QPromise>
#include <QThread>

#include <functional>
#include <memory>
#include <type_traits>

namespace sb {

// One thread for blocking administrative work (SQLite, Argon2id, files, RSA keys), run in
// submission order. `afterEach` runs on it after every task: the administration closes its
// database connection there, so that no connection is left for the thread's end (a
// thread_local torn down at process exit races with the rest of the teardown).
class WorkThread final
{
public:
    explicit WorkThread(const QString &name, std::function<void()> afterEach = {}) : m_afterEach(std::move(afterEach))
    {
        m_thread.setObjectName(name);
        m_context.moveToThread(&m_thread);
        m_thread.start();
    }
    // Finishes what was submitted, then stops.
    ~WorkThread()
    {
        waitForDone();
        m_thread.quit();
        m_thread.wait();
    }
    Q_DISABLE_COPY_MOVE(WorkThread)

    template <typename Fn>
    auto run(Fn fn) -> QFuture<std::invoke_result_t<Fn>>
    {
        using R = std::invoke_result_t<Fn>;
        auto promise = std::make_shared<QPromise<R>>();
        QFuture<R> future = promise->future();
        promise->start();
        QMetaObject::invokeMethod(
            &m_context,
            [this, promise, fn = std::move(fn)]() mutable {
                promise->addResult(fn());
                if (m_afterEach)
                    m_afterEach();
                promise->finish();
            },
            Qt::QueuedConnection);
        return future;
    }
    // Blocks until everything submitted so far has run. Not from the work thread itself.
    void waitForDone() { QMetaObject::invokeMethod(&m_context, [] {}, Qt::BlockingQueuedConnection); }

private:
    QThread m_thread;
    QObject m_context;
    std::function<void()> m_afterEach;
};

template <typename T>
QFuture<T> readyFuture(T value)
{
    QPromise<T> promise;
    QFuture<T> future = promise.future();
    promise.start();
    promise.addResult(std::move(value));
    promise.finish();
    return future;
}

// Runs `fn(result)` on `context`'s thread once `future` has its result — always later, from
// the event loop, even when it is ready already — unless `context` is gone by then (a widget
// closed while the server was still answering). Qt 6.4's QFuture::then(context, …) asserts
// when its context dies first, so the GUI continues through this instead.
template <typename T, typename Fn>
void whenReady(const QFuture<T> &future, QObject *context, Fn fn)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, watcher, [watcher, fn = std::move(fn)]() mutable {
        fn(watcher->future().result());
        watcher->deleteLater();
    });
    watcher->setFuture(future);
}

}  // namespace sb
