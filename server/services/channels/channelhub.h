#pragma once
// Channel membership, presence and fan-out for the channels service (seed 004), across
// workers and, in cluster mode, across nodes (docs/cluster.md, "Channels"). Thread-safe.
// What callers ask (join, leave, update, emit, ack) is published to the broker as an
// operation (channelops.h) on an Ordered stream; every node applies the operations in the
// one order the broker gives (at once with LocalBroker, Redis' order in a cluster) to its
// copy of every channel, and delivers the events to its own members: so every member on
// every node sees one order of events (no JOINED before CONNECTED, no lost LEFT).
// Events are serialized once: a per-recipient message is the shared prefix plus
// `,"clientID":"…","latency":N}`, appended on the recipient's own worker.

#include "broker/broker.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QSet>
#include <QString>

#include <deque>
#include <functional>
#include <optional>

namespace sb {
class Worker;
}

namespace sb::channels {

class ChannelSubscriber;

// Random ids in the seed's format: "client_" / "evt_" + 8 characters of [A-Za-z0-9_-].
QString randomId(const char *prefix);
// 1-100 characters of A-Z a-z 0-9 . _ ~ : - (already percent-decoded).
bool isValidChannelName(const QString &name);
// {"type":T,"payload":P,"eventID":E[,"requires_ack":true] — the shared part of an event.
QByteArray eventPrefix(QLatin1String type, const QByteArray &payloadJson, const QString &eventId, bool requiresAck = false);
// {"clientID":C,"presence":P}
QByteArray memberJson(const QString &clientId, const QByteArray &presence);

struct MemberInfo {
    QString clientId;
    QByteArray presenceJson;  // compact JSON object
    QString node;             // the node it is connected to (empty: a single process)
};

class AckRegistry;
struct ChannelOp;

struct EmitResult {
    QString eventId;
    QStringList delivered;  // client ids the event was posted to
    QStringList missing;    // requested ids that are not members
};

// Subscribers by id, so that posted batches find them (or find them gone) on their worker.
// A subscriber is added and removed on its own worker, which is also where batches for it
// are delivered, so a pointer found there stays valid while that batch runs.
class SubscriberRegistry final
{
public:
    void add(ChannelSubscriber *s);
    void remove(quint64 id);
    // One lock for a whole batch.
    QList<ChannelSubscriber *> find(const QList<quint64> &ids) const;

private:
    mutable QMutex m_mutex;
    QHash<quint64, ChannelSubscriber *> m_byId;
};

class ChannelHub final : public BrokerSubscriber
{
public:
    // History for ?since= recovery: per channel at most `historyEvents` events, `historyMs` old
    // and `historyBytes`; over all channels at most `historyTotalBytes` (the oldest go first),
    // so that emits to ever new channel names cannot hold memory without bound.
    struct HistoryLimits {
        int events = 100;
        qint64 ms = 300'000;
        qint64 bytes = 1024 * 1024;
        qint64 totalBytes = 32 * 1024 * 1024;
    };
    // `acks` (may be null) hears of ACKs and of members that left, from every node.
    ChannelHub(Broker &broker, const QString &stream, HistoryLimits limits, AckRegistry *acks = nullptr);
    Q_DISABLE_COPY_MOVE(ChannelHub)

    // Adds a member: CONNECTED (with the members of every node, and recovery of events after
    // `since`) to it and PRESENCE:JOINED to the others.
    void join(const QString &channel, ChannelSubscriber *subscriber, const QByteArray &presenceJson, const QString &since);
    // Removes it: PRESENCE:LEFT to the others. Unknown members are ignored.
    void leave(const QString &channel, const QString &clientId);
    // PRESENCE:UPDATED to every member, the updater included. False: not a member here.
    bool updatePresence(const QString &channel, const QString &clientId, const QByteArray &presenceJson);
    // DATA to all members, to `count` random ones, or to the listed ids, chosen among the
    // members of every node.
    enum class Target { All, Random, Listed };
    EmitResult publish(const QString &channel, const QByteArray &payloadJson, Target target, int count,
                    const QStringList &ids, bool requiresAck, const std::function<void(const EmitResult &)> &beforePosting = {});
    // A member acknowledged an event (the emitting node's AckRegistry hears of it).
    void ack(const QString &eventId, const QString &clientId);
    // `prefix` to this node's member `clientId`, behind every event the hub has for it yet
    // (the answer to a message keeps its place after the events of the messages before).
    void replyInOrder(const QString &clientId, const QByteArray &prefix);

    QList<MemberInfo> members(const QString &channel) const;
    QHash<QString, int> channelSizes() const;
    // Every channel with its members and their presence, for the dashboard.
    struct ChannelState {
        QString name;
        QList<MemberInfo> members;
        int history = 0;  // recent events kept
    };
    QList<ChannelState> channels() const;
    SubscriberRegistry &subscribers() { return m_subscribers; }
    // Bytes the channels' histories hold together.
    qint64 historyBytes() const;

    // Applies an operation (from any node, this one's included).
    void receive(const BrokerMessage &message) override;
    // Cluster: after (re)connecting, ask every node for its members and tell them ours.
    void streamReady() override;
    // Cluster: the members of a node that stopped beating leave.
    void nodesAlive(const QSet<QString> &nodes) override;

private:
    struct Member {
        QString clientId;
        QByteArray presenceJson;
        QString node;
        Worker *worker = nullptr;  // this node's members: where the subscriber lives
        quint64 subscriberId = 0;
    };
    struct Event {
        QString eventId;
        QByteArray prefix;  // without requires_ack: replays are never awaited
        qint64 atMs;
    };
    struct Channel {
        QList<Member> members;
        std::deque<Event> history;
        qint64 historyBytes = 0;
    };

    // An operation of this node (`kind`: ChannelOp::Kind).
    ChannelOp op(int kind, const QString &channel = {}, const QString &clientId = {}) const;
    void send(const ChannelOp &op);  // publishes; never with the hub lock held
    // Applies an operation (hub lock held); what must be published in answer goes to `then`.
    void apply(const ChannelOp &op, QList<ChannelOp> *then);
    void applyJoin(const ChannelOp &op);
    // Removes a member and tells the others (PRESENCE:LEFT). Hub lock held.
    void removeMember(QHash<QString, Channel>::iterator channel, qsizetype index, const QString &eventId);
    void applyData(const ChannelOp &op);
    void applySnapshot(const ChannelOp &op);
    ChannelOp snapshot() const;  // hub lock held
    // Posts `prefix` to this node's members among `recipients`. Hub lock held.
    void deliver(const QList<const Member *> &recipients, const QByteArray &prefix);
    void remember(Channel &c, const QString &eventId, const QByteArray &prefix);
    void forget(Channel &c);  // drops the channel's oldest event
    // Over the total: drops the oldest events of all channels, down to three quarters of it.
    void evictOldest();

    // Drops channels with no members whose history has expired (at most once a second), so
    // emits to ever new names cannot grow memory without bound. Hub lock held.
    void sweep(qint64 nowMs);

    mutable QMutex m_mutex;
    QHash<QString, Channel> m_channels;  // every node's members
    // This node's members as it announced them (join, update and leave as called, before
    // they come back applied): what a snapshot tells the other nodes.
    struct Announced {
        QString channel;
        QByteArray presence;
        Worker *worker;
        quint64 subscriberId;
    };
    QHash<QString, Announced> m_announced;  // by client id
    QSet<QString> m_goneSent;               // nodes whose NodeGone this node published
    QString m_node;
    AckRegistry *m_acks;
    SubscriberRegistry m_subscribers;
    HistoryLimits m_limits;
    qint64 m_historyBytes = 0;  // over all channels
    qint64 m_lastSweepMs = 0;
    std::unique_ptr<BrokerStream> m_stream;  // last: unsubscribes first
};

// What the hub delivers to: a WebSocket session or an SSE stream. Lives on its worker; the
// hub only posts to that worker and the subscriber is looked up there by id.
class ChannelSubscriber
{
public:
    virtual ~ChannelSubscriber() = default;
    virtual QString clientId() const = 0;
    virtual Worker *worker() const = 0;
    virtual quint64 subscriberId() const = 0;
    // Appends clientID and latency to `prefix` and sends it. On the subscriber's worker.
    virtual void deliver(const QByteArray &prefix) = 0;
};


}  // namespace sb::channels
