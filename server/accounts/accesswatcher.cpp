#include "accesswatcher.h"

#include "credentialcache.h"
#include "logging.h"
#include "net/worker.h"
#include "servercontext.h"

#include <QDateTime>

namespace sb {

AccessWatcher::AccessWatcher(ServerContext &context) : m_ctx(context)
{
    // What was ended before the server started ended nothing it serves.
    m_lastEvent = m_ctx.accounts->lastAccessEventId();
}

void AccessWatcher::tick(qint64 nowMs)
{
    qint64 last = m_lastPollMs.load(std::memory_order_relaxed);
    if (nowMs - last < 1000 || !m_lastPollMs.compare_exchange_strong(last, nowMs))
        return;  // another worker's tick looked in the last second
    poll();
}

void AccessWatcher::poll()
{
    m_lastPollMs.store(QDateTime::currentMSecsSinceEpoch(), std::memory_order_relaxed);
    QList<AccessEvent> events;
    {
        QMutexLocker lock(&m_mutex);
        events = m_ctx.accounts->accessEventsAfter(m_lastEvent);
        if (events.isEmpty())
            return;
        m_lastEvent = events.last().id;
    }
    // Remembered HTTP Basic credentials of these users go too: the next connection checks the
    // password again (and finds the account disabled, say).
    for (const AccessEvent &e : std::as_const(events)) {
        if (e.userId > 0)
            m_ctx.credentials->forgetUser(e.userId);
    }
    events.removeIf([](const AccessEvent &e) { return e.kind == AccessEvent::Role; });
    if (events.isEmpty())
        return;
    qCInfo(lcAccounts) << events.size() << "access change(s): closing the connections they end";
    for (Worker *w : m_ctx.workers)
        w->post([w, events] { w->endAccess(events); });
}

}  // namespace sb
