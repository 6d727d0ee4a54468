#include "passwordwork.h"

#include <QDateTime>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace sb {

namespace {
// A third of a normal thread's share of a busy core (CFS weights 335 : 1024): serving comes
// first, and logins still go on when the workers keep every core busy (at nice 10, a tenth,
// they crawled).
constexpr int kNice = 5;
}  // namespace

PasswordHasher::PasswordHasher(int threads, int maxQueued, std::function<void()> afterEach)
    : m_maxQueued(qMax(1, maxQueued)), m_afterEach(std::move(afterEach))
{
    m_pool.setMaxThreadCount(qMax(1, threads));
    m_pool.setExpiryTimeout(30'000);
}

bool PasswordHasher::tryStart(std::function<void()> job)
{
    if (m_pending.fetch_add(1, std::memory_order_relaxed) >= m_maxQueued) {
        m_pending.fetch_sub(1, std::memory_order_relaxed);
        return false;
    }
    m_started.fetch_add(1, std::memory_order_relaxed);
    m_pool.start([this, job = std::move(job)] {
        // Serving comes first: a login flood's hashing takes what the workers leave.
        thread_local bool niced = false;
        if (!niced) {
            niced = true;
            setpriority(PRIO_PROCESS, id_t(syscall(SYS_gettid)), kNice);
        }
        job();
        if (m_afterEach)
            m_afterEach();
        m_pending.fetch_sub(1, std::memory_order_relaxed);
    });
    return true;
}

namespace {
QString addressKey(const QHostAddress &peer)
{
    bool v4 = false;
    const quint32 a = peer.toIPv4Address(&v4);
    return v4 ? QHostAddress(a).toString() : peer.toString();
}
}  // namespace

int LoginLimiter::waitFor(Times &times, int limit, qint64 now) const
{
    while (!times.empty() && now - times.front() >= m_policy.windowMs)
        times.pop_front();
    if (int(times.size()) < limit)
        return 0;
    // The try is allowed again when the oldest failure in the window leaves it.
    return int((times.front() + m_policy.windowMs - now + 999) / 1000);
}

void LoginLimiter::prune(qint64 now)
{
    // Entries whose failures all left the window, at most once a second: the maps hold only
    // what happened within a window, however many addresses and accounts were tried.
    if (now - m_lastPruneMs < 1000)
        return;
    m_lastPruneMs = now;
    for (QHash<QString, Times> *map : {&m_byAddress, &m_byAccount}) {
        map->removeIf([&](const auto &it) { return it.value().empty() || now - it.value().back() >= m_policy.windowMs; });
    }
}

int LoginLimiter::retryAfterSeconds(const QHostAddress &peer, const QString &email, bool *perAccount)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QMutexLocker lock(&m_mutex);
    prune(now);
    int wait = 0;
    auto a = m_byAddress.find(addressKey(peer));
    if (a != m_byAddress.end())
        wait = waitFor(*a, m_policy.failuresPerAddress, now);
    if (perAccount)
        *perAccount = false;
    auto u = m_byAccount.find(accountKey(email));
    if (u != m_byAccount.end()) {
        const int accountWait = waitFor(*u, m_policy.failuresPerAccount, now);
        if (accountWait > wait && perAccount)
            *perAccount = true;
        wait = qMax(wait, accountWait);
    }
    return wait;
}

void LoginLimiter::record(const QString &address, const QString &account, qint64 now)
{
    QMutexLocker lock(&m_mutex);
    auto add = [&](Times &t, int limit) {
        t.push_back(now);
        while (int(t.size()) > limit)  // older ones no longer decide anything
            t.pop_front();
    };
    add(m_byAddress[address], m_policy.failuresPerAddress);
    if (!account.isEmpty())  // a wrong token names no account
        add(m_byAccount[account], m_policy.failuresPerAccount);
}

void LoginLimiter::failed(const QHostAddress &peer, const QString &email)
{
    const QString address = addressKey(peer);
    const QString account = email.isEmpty() ? QString() : accountKey(email);
    record(address, account, QDateTime::currentMSecsSinceEpoch());
    if (m_tell)
        m_tell('F' + address.toUtf8() + '\t' + account.toUtf8());
}

void LoginLimiter::forget(const QString &account)
{
    QMutexLocker lock(&m_mutex);
    m_byAccount.remove(account);
}

void LoginLimiter::succeeded(const QString &email)
{
    const QString account = accountKey(email);
    forget(account);
    if (m_tell)
        m_tell('S' + account.toUtf8());
}

void LoginLimiter::applyOther(const QByteArray &event)
{
    // Counted at the time it arrives here: nodes' clocks need not agree.
    if (event.startsWith('F')) {
        const qsizetype tab = event.indexOf('\t');
        if (tab > 1)
            record(QString::fromUtf8(event.mid(1, tab - 1)), QString::fromUtf8(event.mid(tab + 1)), QDateTime::currentMSecsSinceEpoch());
    } else if (event.startsWith('S')) {
        forget(QString::fromUtf8(event.mid(1)));
    }
}

}  // namespace sb
