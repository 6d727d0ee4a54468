#pragma once
// The cluster's broker (docs/cluster.md): every hub's events reach the hubs of every node
// through Redis pub/sub. A publish to a LocalFirst stream is delivered to this node's hub at
// once (as LocalBroker does) and queued for the other nodes; an Ordered stream's events all
// come back from Redis, this node's too, so every node sees them in Redis' one order; the queue leaves as one PUBLISH per stream per turn
// of the home worker's event loop, however many events it holds, so Redis sees one command
// per batch, not one per event or per recipient. Each node skips its own events on the way
// back. The Redis connections live on one worker's thread (the "home"), driven by its loop.
//
// Also on the home worker: this node's liveness key ({prefix}node:{name}, expiring after
// 3 s, refreshed every second, holding what the node says of itself) so that the others see
// it alive, the last of what each node said in {prefix}nodeinfo (kept for a day after it was
// last seen), and every second the nodes alive for the hubs (BrokerSubscriber::nodesAlive)
// and for watchers (clusterNodes()).

#include "broker.h"
#include "redisaddress.h"

#include <QHash>
#include <QMutex>

#include <atomic>

namespace sb {

class RedisConnection;
class Worker;

class ClusterBroker final : public Broker
{
public:
    // `prefix` names this cluster's keys and channels ("sb:<cluster id>:"); `node` this node.
    ClusterBroker(const RedisAddress &redis, const QByteArray &prefix, const QString &node);
    ~ClusterBroker() override;
    Q_DISABLE_COPY_MOVE(ClusterBroker)

    std::unique_ptr<BrokerStream> subscribe(const QString &stream, BrokerSubscriber *hub, Delivery delivery) override;
    QString node() const override { return m_node; }
    QString problem() const override;

    // Connects from `home`'s thread; until then events for other nodes wait in the queue.
    void start(Worker *home);
    // On the home worker's thread (ServerHost runs it there): sends what is queued, closes.
    void stopHere();
    // Both connections up and subscribed (/healthz says "degraded" otherwise).
    bool connected() const { return m_connected.load(std::memory_order_relaxed); }

    // A node's liveness key lives this long unless refreshed (every second).
    static constexpr int kLivenessMs = 3000;
    // Start-up, blocking: takes this node's name in the cluster; refused (with the reason in
    // `error`) while a live node holds it, after waiting out the key of one that just died.
    static bool claimName(const RedisAddress &redis, const QByteArray &prefix, const QString &node, QString *error);

    // What this node tells the others of itself from now on (its address, its connections…).
    // Any thread.
    void setSelfInfo(const QJsonObject &info);
    // The cluster's nodes, this one first, the others by name, as of the last beat (updated
    // every second while Redis is connected). Any thread.
    QList<ClusterNodeInfo> clusterNodes() const override;
    // How long a node that is no longer seen stays in clusterNodes().
    static constexpr qint64 kForgetMs = 24 * 3600 * 1000;

private:
    class Stream;
    void publish(const QString &stream, const BrokerMessage &message);
    void unsubscribe(const QString &stream);
    void flush();                // home thread
    void connectNow();           // home thread
    void ready();                // home thread: connected and subscribed
    void received(const QByteArray &channel, const QByteArray &payload);
    void beat();                 // home thread: the liveness key, and who else is alive
    void learnNodes(const QList<QByteArray> &names, const QList<QByteArray> &infos, const QList<bool> &alive);
    QByteArray selfInfo(bool stopped) const;
    struct Hub {
        BrokerSubscriber *hub = nullptr;
        Delivery delivery = Delivery::LocalFirst;
    };
    QList<BrokerSubscriber *> hubs();
    QByteArray channelOf(const QString &stream) const { return m_prefix + "ev:" + stream.toUtf8(); }
    static QByteArray nodeKey(const QByteArray &prefix, const QString &node);

    RedisAddress m_redis;
    QByteArray m_prefix;
    QString m_node;
    QByteArray m_nodeUtf8;

    QMutex m_hubsMutex;
    QHash<QByteArray, Hub> m_hubs;  // by Redis channel

    QMutex m_outMutex;
    QList<std::pair<QByteArray, QByteArray>> m_outbox;  // (channel, encoded event), in order
    qint64 m_outboxBytes = 0;
    bool m_flushPosted = false;
    Worker *m_home = nullptr;

    // Home thread only: the connections and timers, children of m_homeObject.
    QObject *m_homeObject = nullptr;
    RedisConnection *m_pub = nullptr;
    RedisConnection *m_sub = nullptr;
    int m_retryMs = 0;           // the wait before the next attempt (0: connected)
    bool m_retryPending = false;
    QSet<QByteArray> m_unconfirmed;  // SUBSCRIBEs Redis has not confirmed yet
    std::atomic<bool> m_connected{false};

    mutable QMutex m_nodesMutex;
    QJsonObject m_selfInfo;
    QList<ClusterNodeInfo> m_nodes;
    std::atomic<quint64> m_dropped{0};
};

}  // namespace sb
