#pragma once
// Password checks are the most expensive thing an anonymous client can ask for (Argon2id:
// 64 MiB and ~0.1 s of a core each), so they are bounded on their own (docs/configuration.md, "Limits"):
// - PasswordHasher: its own small pool, below normal scheduling priority (nice 5), with a
//   bounded queue; past it a login is refused at once (503) instead of waiting behind
//   hundreds. File reads and writes keep the blocking pool to themselves.
// - LoginLimiter: failed logins (and failed HTTP Basic checks) counted per address and per
//   account over a window; past the limit the next try is refused (429 with Retry-After)
//   before any hashing. Thread-safe. In a cluster every node counts every node's failures
//   (told through the broker, by the host: setTell and applyOther).

#include <QHash>
#include <QHostAddress>
#include <QMutex>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <deque>
#include <functional>

namespace sb {

class PasswordHasher final
{
public:
    // `afterEach` runs on the hashing thread after every job (the server closes the thread's
    // database connection there: none is left for the thread's end at process exit).
    PasswordHasher(int threads, int maxQueued, std::function<void()> afterEach = {});
    Q_DISABLE_COPY_MOVE(PasswordHasher)

    // Runs `job` on the hashing threads; false (and `job` dropped) when `maxQueued` jobs are
    // already waiting or running.
    bool tryStart(std::function<void()> job);
    int pending() const { return m_pending.load(std::memory_order_relaxed); }
    // Checks started since the server did (switchboard_password_checks_total).
    qint64 started() const { return m_started.load(std::memory_order_relaxed); }
    void waitForDone(int ms = -1) { m_pool.waitForDone(ms); }

private:
    QThreadPool m_pool;
    std::atomic<int> m_pending{0};
    std::atomic<qint64> m_started{0};
    int m_maxQueued;
    std::function<void()> m_afterEach;
};

class LoginLimiter final
{
public:
    struct Policy {
        int failuresPerAddress = 20;
        int failuresPerAccount = 10;
        int windowMs = 60'000;
    };
    explicit LoginLimiter(Policy policy) : m_policy(policy) {}
    Q_DISABLE_COPY_MOVE(LoginLimiter)

    // 0 when a try may go ahead; else the seconds until one may (for Retry-After), and
    // `perAccount` says which limit was reached.
    int retryAfterSeconds(const QHostAddress &peer, const QString &email, bool *perAccount = nullptr);
    void failed(const QHostAddress &peer, const QString &email);
    // A right password clears the account's failures (not the address's).
    void succeeded(const QString &email);
    const Policy &policy() const { return m_policy; }

    // Cluster mode: `tell` carries each failure and success to the other nodes, whose
    // limiters applyOther() it. Set before the server serves.
    void setTell(std::function<void(const QByteArray &event)> tell) { m_tell = std::move(tell); }
    void applyOther(const QByteArray &event);

private:
    using Times = std::deque<qint64>;
    static QString accountKey(const QString &email) { return email.trimmed().left(254).toLower(); }
    void prune(qint64 now);
    void record(const QString &address, const QString &account, qint64 now);
    void forget(const QString &account);  // a right password: the account's failures go
    int waitFor(Times &times, int limit, qint64 now) const;

    Policy m_policy;
    QMutex m_mutex;
    QHash<QString, Times> m_byAddress;  // QHostAddress::toString of the peer (v4-mapped as v4)
    QHash<QString, Times> m_byAccount;
    qint64 m_lastPruneMs = 0;
    std::function<void(const QByteArray &)> m_tell;
};

}  // namespace sb
