#pragma once
// Runs blocking work (the database, Argon2id, certificate generation) on a thread pool and
// hands its result back as a QFuture.

#include <QFuture>
#include <QFutureWatcher>
#include <QPromise>
#include <QThreadPool>

#include <memory>
#include <type_traits>

namespace sb {

template <typename Fn>
auto runAsync(QThreadPool &pool, Fn fn) -> QFuture<std::invoke_result_t<Fn>>
{
    using R = std::invoke_result_t<Fn>;
    auto promise = std::make_shared<QPromise<R>>();
    QFuture<R> future = promise->future();
    promise->start();
    pool.start([promise, fn = std::move(fn)]() mutable {
        promise->addResult(fn());
        promise->finish();
    });
    return future;
}

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
