#pragma once
// Verified HTTP Basic credentials, remembered for a short while, so that a relay room of
// hundreds of members who send the same email and password with every connection costs one
// Argon2id check, not one per connection (issue 23). Thread-safe.
//
// - The key is a keyed hash (HMAC-SHA256 under a random key of this process) of the email
//   and password: the cache holds no password, and nothing in it can be tried offline.
// - An entry lives `ttlMs` (60 s) from its check; at most `capacity` (10,000) are kept,
//   the oldest going first: memory is bounded whatever clients send.
// - A wrong password is never remembered (it is another key), so guessing still costs a
//   check and counts toward the login limits.
// - forgetUser() drops a user's entries: the access watcher calls it for every access event
//   (logout, disable, role change) on any node of a cluster; a hit is also checked against
//   the user as stored now (disabled or gone: no admission).

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>

#include <atomic>
#include <deque>
#include <functional>
#include <optional>

namespace sb {

class CredentialCache final
{
public:
    static constexpr qint64 kDefaultTtlMs = 60'000;
    static constexpr int kDefaultCapacity = 10'000;
    explicit CredentialCache(qint64 ttlMs = kDefaultTtlMs, int capacity = kDefaultCapacity);
    Q_DISABLE_COPY_MOVE(CredentialCache)

    // The user these credentials were verified for, if they were within the last ttlMs.
    std::optional<qint64> find(const QString &email, const QString &password, qint64 nowMs);
    void remember(const QString &email, const QString &password, qint64 userId, qint64 nowMs);
    void forgetUser(qint64 userId);
    // Many connections with the same credentials at once (a room filling up): one check
    // runs, the others wait for it. True when a check of these credentials is running:
    // `retry` runs once it ended (and finds its outcome remembered, or checks again). False
    // when none is: the caller checks, and calls checked() when done.
    bool joinRunning(const QString &email, const QString &password, std::function<void()> retry);
    void checked(const QString &email, const QString &password);
    int size() const;
    qint64 hits() const { return m_hits.load(std::memory_order_relaxed); }

private:
    QByteArray keyOf(const QString &email, const QString &password) const;
    void dropExpired(qint64 nowMs);

    struct Entry {
        qint64 userId = 0;
        qint64 expiresMs = 0;
    };
    const qint64 m_ttlMs;
    const int m_capacity;
    const QByteArray m_secret;
    mutable QMutex m_mutex;
    QHash<QByteArray, Entry> m_entries;
    std::deque<std::pair<QByteArray, qint64>> m_order;  // keys by expiry (the TTL is fixed: by insertion)
    std::atomic<qint64> m_hits{0};
    QHash<QByteArray, QList<std::function<void()>>> m_running;  // checks running, and who waits for them
};

}  // namespace sb
