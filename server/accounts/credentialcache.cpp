#include "credentialcache.h"

#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

namespace sb {

namespace {

QByteArray randomSecret()
{
    QByteArray key(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(key.data()), reinterpret_cast<quint32 *>(key.data() + key.size()));
    return key;
}

}  // namespace

CredentialCache::CredentialCache(qint64 ttlMs, int capacity) : m_ttlMs(ttlMs), m_capacity(qMax(1, capacity)), m_secret(randomSecret()) {}

QByteArray CredentialCache::keyOf(const QString &email, const QString &password) const
{
    // Emails compare without case (as logins do); the NUL cannot occur in either part.
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, m_secret);
    mac.addData(email.trimmed().toLower().toUtf8());
    mac.addData("\0", 1);
    mac.addData(password.toUtf8());
    return mac.result();
}

void CredentialCache::dropExpired(qint64 nowMs)
{
    while (!m_order.empty() && (m_order.front().second <= nowMs || qsizetype(m_order.size()) > m_capacity)) {
        const auto it = m_entries.constFind(m_order.front().first);
        // A key remembered again has a later expiry: only its own last entry removes it.
        if (it != m_entries.cend() && it->expiresMs == m_order.front().second)
            m_entries.erase(it);
        m_order.pop_front();
    }
}

std::optional<qint64> CredentialCache::find(const QString &email, const QString &password, qint64 nowMs)
{
    const QByteArray key = keyOf(email, password);
    QMutexLocker lock(&m_mutex);
    dropExpired(nowMs);
    const auto it = m_entries.constFind(key);
    if (it == m_entries.cend() || it->expiresMs <= nowMs)
        return std::nullopt;
    m_hits.fetch_add(1, std::memory_order_relaxed);
    return it->userId;
}

void CredentialCache::remember(const QString &email, const QString &password, qint64 userId, qint64 nowMs)
{
    const QByteArray key = keyOf(email, password);
    QMutexLocker lock(&m_mutex);
    const qint64 expires = nowMs + m_ttlMs;
    m_entries.insert(key, {userId, expires});
    m_order.emplace_back(key, expires);
    dropExpired(nowMs);
}

void CredentialCache::forgetUser(qint64 userId)
{
    QMutexLocker lock(&m_mutex);
    m_entries.removeIf([userId](const QHash<QByteArray, Entry>::iterator it) { return it->userId == userId; });
}

bool CredentialCache::joinRunning(const QString &email, const QString &password, std::function<void()> retry)
{
    const QByteArray key = keyOf(email, password);
    QMutexLocker lock(&m_mutex);
    const auto it = m_running.find(key);
    if (it == m_running.end()) {
        m_running.insert(key, {});
        return false;
    }
    it->append(std::move(retry));
    return true;
}

void CredentialCache::checked(const QString &email, const QString &password)
{
    const QByteArray key = keyOf(email, password);
    QList<std::function<void()>> waiting;
    {
        QMutexLocker lock(&m_mutex);
        waiting = m_running.take(key);
    }
    for (const auto &retry : waiting)
        retry();
}

int CredentialCache::size() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_entries.size());
}

}  // namespace sb
