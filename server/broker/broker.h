#pragma once
// The Broker carries every cross-connection event between hubs (docs/architecture.md,
// "Fan-out and the Broker"). A hub subscribes to its stream (one per service instance),
// publishes each event to a topic of that stream — a room, a conversation, a channel, a
// document — and receives every event published to the stream, its own included, to deliver
// to this node's sessions through FanoutBatches. The embedded LocalBroker hands the message
// straight back to the hub on the publishing thread: no copy, no lock, no queue. A cluster
// broker carries the same messages to every node; no service changes for it.

#include "fanout.h"

#include <QByteArray>
#include <QJsonObject>
#include <QSet>
#include <QString>

#include <memory>

namespace sb {

struct BrokerMessage {
    QString topic;       // within the stream
    QByteArray payload;  // what every recipient gets, serialized once
    int kind = 0;        // the stream's own meaning (a WebSocket opcode, say)
    quint64 except = 0;  // a session that does not get it (the sender); 0: none
    // When not empty: exactly these sessions of the publishing node, chosen by the hub (a
    // random pick, a list of ids); otherwise every subscriber of `topic`.
    FanoutBatches to;
    qint64 order = 0;    // the stream's own ordering number (felix: the commit order)
};

// A node of the cluster as the broker last saw it.
struct ClusterNodeInfo {
    QString name;
    QJsonObject info;  // what it says of itself (address, ports, connections, shards…) and "seen" (ms since the epoch)
    bool alive = false;
    bool stopped = false;  // it said goodbye (a clean stop); else, when not alive, it was lost
};

// How a stream's events reach this node's own hub.
enum class Delivery {
    // At once, inside publish(); other nodes get them later. Events of one topic keep the
    // order they were published in on each node (not across publishers on several nodes).
    LocalFirst,
    // In one order on every node: this node's own events too come back through the
    // cluster (at once with LocalBroker). For hubs that keep replicated state (channels).
    Ordered,
};

// A hub, as the broker sees it.
class BrokerSubscriber
{
public:
    virtual ~BrokerSubscriber() = default;
    // Delivers `message` to this node's sessions. Any thread; messages of one topic arrive
    // in the order they were published.
    virtual void receive(const BrokerMessage &message) = 0;
    // Cluster only, on the broker's thread: the stream is (again) connected and subscribed;
    // events may have been missed while it was not.
    virtual void streamReady() {}
    // Cluster only, on the broker's thread, every second: the nodes alive now.
    virtual void nodesAlive(const QSet<QString> &nodes) { Q_UNUSED(nodes); }
};

// A hub's way in: publishes to its stream while it lives, and unsubscribes when destroyed.
class BrokerStream
{
public:
    virtual ~BrokerStream() = default;
    // To every node's subscriber of this stream; on this node before it returns, so a hub
    // that publishes under its own lock keeps one order of events.
    virtual void publish(const BrokerMessage &message) = 0;
};

class Broker
{
public:
    virtual ~Broker() = default;
    // `stream` names the events (a service's name, and the mount when a service runs twice).
    virtual std::unique_ptr<BrokerStream> subscribe(const QString &stream, BrokerSubscriber *hub, Delivery delivery) = 0;
    // This node's name in the cluster; empty for a single process.
    virtual QString node() const { return {}; }
    // Empty while events reach every node; else what is wrong, in words (/healthz).
    virtual QString problem() const { return {}; }
    // Cluster only: every node known (this one first), as of the last beat; else empty.
    virtual QList<ClusterNodeInfo> clusterNodes() const { return {}; }
};

// One process: a publish is a call of the hub's receive().
class LocalBroker final : public Broker
{
public:
    std::unique_ptr<BrokerStream> subscribe(const QString &stream, BrokerSubscriber *hub, Delivery delivery) override;
};

}  // namespace sb
