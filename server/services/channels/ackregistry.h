#pragma once
// Emits that wait for ACKs (`?require-ack=true`). Thread-safe: expectations are registered
// on the emitting worker, ACKs arrive on the recipients' workers, the timeout fires on the
// emitting worker. `done` runs once, on whichever thread completed the wait.

#include <QHash>
#include <QMutex>
#include <QSet>
#include <QStringList>

#include <functional>

namespace sb::channels {

struct AckOutcome {
    bool complete = false;  // every targeted client acknowledged
    QStringList acked;
    QStringList pending;    // never acknowledged (those that left included)
    QStringList left;       // left the channel before acknowledging
};

class AckRegistry final
{
public:
    using Done = std::function<void(const AckOutcome &)>;

    void expect(const QString &eventId, const QStringList &clients, Done done);
    void ack(const QString &eventId, const QString &clientId);
    // The client is gone: its pending ACKs can never come. A wait whose remaining clients
    // have all left ends at once (as incomplete).
    void clientLeft(const QString &clientId);
    void timeout(const QString &eventId);
    int waiting() const;

private:
    struct Wait {
        QStringList order;  // targeted clients, in delivery order
        QSet<QString> pending;
        QSet<QString> left;
        QStringList acked;
        Done done;
    };
    static AckOutcome outcomeOf(const Wait &w, bool complete);

    mutable QMutex m_mutex;
    QHash<QString, Wait> m_waits;
};

}  // namespace sb::channels
