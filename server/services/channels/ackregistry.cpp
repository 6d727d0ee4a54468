#include "ackregistry.h"

namespace sb::channels {

AckOutcome AckRegistry::outcomeOf(const Wait &w, bool complete)
{
    AckOutcome o;
    o.complete = complete;
    o.acked = w.acked;
    for (const QString &c : w.order) {
        if (w.pending.contains(c))
            o.pending.append(c);
        if (w.left.contains(c))
            o.left.append(c);
    }
    return o;
}

void AckRegistry::expect(const QString &eventId, const QStringList &clients, Done done)
{
    QMutexLocker lock(&m_mutex);
    Wait w;
    w.order = clients;
    w.pending = QSet<QString>(clients.cbegin(), clients.cend());
    w.done = std::move(done);
    m_waits.insert(eventId, std::move(w));
}

void AckRegistry::ack(const QString &eventId, const QString &clientId)
{
    Done done;
    AckOutcome outcome;
    {
        QMutexLocker lock(&m_mutex);
        auto it = m_waits.find(eventId);
        if (it == m_waits.end() || !it->pending.remove(clientId))
            return;  // late, duplicate or not targeted: nothing waits for it
        it->acked.append(clientId);
        // Still waiting while someone who may yet answer has not; those who left never will.
        for (const QString &p : std::as_const(it->pending)) {
            if (!it->left.contains(p))
                return;
        }
        outcome = outcomeOf(*it, it->pending.isEmpty());
        done = std::move(it->done);
        m_waits.erase(it);
    }
    done(outcome);
}

void AckRegistry::clientLeft(const QString &clientId)
{
    QList<std::pair<Done, AckOutcome>> finished;
    {
        QMutexLocker lock(&m_mutex);
        for (auto it = m_waits.begin(); it != m_waits.end();) {
            if (it->pending.contains(clientId)) {
                it->left.insert(clientId);
                // Nothing more can arrive when every pending client has left.
                bool allLeft = true;
                for (const QString &p : std::as_const(it->pending))
                    allLeft = allLeft && it->left.contains(p);
                if (allLeft) {
                    finished.append({std::move(it->done), outcomeOf(*it, false)});
                    it = m_waits.erase(it);
                    continue;
                }
            }
            ++it;
        }
    }
    for (auto &f : finished)
        f.first(f.second);
}

void AckRegistry::timeout(const QString &eventId)
{
    Done done;
    AckOutcome outcome;
    {
        QMutexLocker lock(&m_mutex);
        auto it = m_waits.find(eventId);
        if (it == m_waits.end())
            return;
        outcome = outcomeOf(*it, false);
        done = std::move(it->done);
        m_waits.erase(it);
    }
    done(outcome);
}

int AckRegistry::waiting() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_waits.size());
}

}  // namespace sb::channels
