#pragma once
// Counts that must hold across the cluster (failed logins, pop's report rate per user) are
// kept on every node: what one node counts it tells the others, which count it too. A check
// stays a look-up in memory, with no round trip to Redis; a node learns of another's count
// within the time an event takes between nodes (about a millisecond on a LAN). Alone (the
// embedded server) nothing is sent.

#include "broker.h"

#include <functional>
#include <memory>

namespace sb {

class ClusterTally final : public BrokerSubscriber
{
public:
    // `applyOther` runs (on any thread) for every event another node counted.
    ClusterTally(Broker &broker, const QString &stream, std::function<void(const QByteArray &event)> applyOther);
    Q_DISABLE_COPY_MOVE(ClusterTally)

    // Tells the other nodes (not this one: it counted already).
    void tell(const QByteArray &event);

    void receive(const BrokerMessage &message) override;

private:
    QByteArray m_origin;  // this node's name and a separator, before every event it tells
    std::function<void(const QByteArray &)> m_applyOther;
    std::unique_ptr<BrokerStream> m_stream;  // none when there are no other nodes; last: unsubscribes first
};

}  // namespace sb
