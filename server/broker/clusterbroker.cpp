#include "clusterbroker.h"

#include "fields.h"
#include "logging.h"
#include "net/worker.h"
#include "redisconnection.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QThread>
#include <QTimer>

#include <algorithm>

namespace sb {

namespace {
constexpr qint64 kOutboxBytes = 16 * 1024 * 1024;  // held while Redis is away, then the oldest go
constexpr qsizetype kPublishBytes = 1024 * 1024;   // one PUBLISH carries at most this much

// One event on the wire: node, topic, kind, order and payload, as length-prefixed fields.
QByteArray encode(const QByteArray &node, const BrokerMessage &m)
{
    QByteArray out;
    out.reserve(32 + node.size() + m.topic.size() * 3 + m.payload.size());
    fields::put(out, node);
    fields::put(out, m.topic.toUtf8());
    fields::put(out, QByteArray::number(m.kind));
    fields::put(out, QByteArray::number(m.order));
    fields::put(out, m.payload);
    return out;
}
}  // namespace

class ClusterBroker::Stream final : public BrokerStream
{
public:
    Stream(ClusterBroker &broker, const QString &name, BrokerSubscriber *hub, Delivery delivery)
        : m_broker(broker), m_name(name), m_hub(hub), m_delivery(delivery)
    {
    }
    ~Stream() override { m_broker.unsubscribe(m_name); }
    void publish(const BrokerMessage &message) override
    {
        if (m_delivery == Delivery::Ordered) {
            m_broker.publish(m_name, message);  // back here from Redis, in its order
            return;
        }
        m_hub->receive(message);  // this node's sessions, at once
        if (message.to.isEmpty())  // exact sessions chosen on this node are this node's only
            m_broker.publish(m_name, message);
    }

private:
    ClusterBroker &m_broker;
    QString m_name;
    BrokerSubscriber *m_hub;
    Delivery m_delivery;
};

ClusterBroker::ClusterBroker(const RedisAddress &redis, const QByteArray &prefix, const QString &node)
    : m_redis(redis), m_prefix(prefix), m_node(node), m_nodeUtf8(node.toUtf8())
{
}

ClusterBroker::~ClusterBroker() = default;

QByteArray ClusterBroker::nodeKey(const QByteArray &prefix, const QString &node)
{
    return prefix + "node:" + node.toUtf8();
}

bool ClusterBroker::claimName(const RedisAddress &redis, const QByteArray &prefix, const QString &node, QString *error)
{
    // A node of the same name that is alive refreshes its key every second; one that just
    // died leaves it for at most kLivenessMs.
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        const auto taken = redisCommandNow(redis, {"SET", nodeKey(prefix, node), "starting", "PX", QByteArray::number(kLivenessMs), "NX"}, error);
        if (!taken)
            return false;
        if (taken->type != RedisReply::Type::Nil)
            return true;
        if (waited.elapsed() > kLivenessMs + 500) {
            *error = QStringLiteral("cluster.node: a node named '%1' is already running in this cluster; "
                                    "give this one another name (--node NAME)").arg(node);
            return false;
        }
        QThread::msleep(250);
    }
}

std::unique_ptr<BrokerStream> ClusterBroker::subscribe(const QString &stream, BrokerSubscriber *hub, Delivery delivery)
{
    const QByteArray channel = channelOf(stream);
    {
        QMutexLocker lock(&m_hubsMutex);
        m_hubs.insert(channel, {hub, delivery});
    }
    QMutexLocker lock(&m_outMutex);
    if (m_home)
        m_home->post([this, channel] {
            if (m_sub && m_sub->isOpen())
                m_sub->subscribe(channel);
        });
    return std::make_unique<Stream>(*this, stream, hub, delivery);
}

QString ClusterBroker::problem() const
{
    if (connected())
        return {};
    return QStringLiteral("not connected to Redis at %1: events of other nodes do not arrive (reconnecting)").arg(m_redis.display());
}

QList<BrokerSubscriber *> ClusterBroker::hubs()
{
    QMutexLocker lock(&m_hubsMutex);
    QList<BrokerSubscriber *> out;
    for (const Hub &h : std::as_const(m_hubs))
        out.append(h.hub);
    return out;
}

void ClusterBroker::unsubscribe(const QString &stream)
{
    QMutexLocker lock(&m_hubsMutex);
    m_hubs.remove(channelOf(stream));
}

void ClusterBroker::publish(const QString &stream, const BrokerMessage &message)
{
    QByteArray encoded = encode(m_nodeUtf8, message);
    QMutexLocker lock(&m_outMutex);
    m_outboxBytes += encoded.size();
    m_outbox.append({channelOf(stream), std::move(encoded)});
    while (m_outboxBytes > kOutboxBytes && !m_outbox.isEmpty()) {
        m_outboxBytes -= m_outbox.front().second.size();
        m_outbox.removeFirst();
        m_dropped.fetch_add(1, std::memory_order_relaxed);
    }
    if (m_home && !m_flushPosted) {
        m_flushPosted = true;
        m_home->post([this] { flush(); });
    }
}

void ClusterBroker::flush()
{
    QList<std::pair<QByteArray, QByteArray>> out;
    {
        QMutexLocker lock(&m_outMutex);
        m_flushPosted = false;
        if (!m_pub || !m_pub->isOpen() || !m_connected.load(std::memory_order_relaxed))
            return;  // kept until the connection is back
        out.swap(m_outbox);
        m_outboxBytes = 0;
    }
    // One PUBLISH per stream (per MiB), events of a stream in the order they were published.
    QHash<QByteArray, QByteArray> batches;
    QList<QByteArray> order;
    for (auto &[channel, event] : out) {
        auto it = batches.find(channel);
        if (it == batches.end()) {
            order.append(channel);
            it = batches.insert(channel, QByteArray());
        } else if (it->size() + event.size() > kPublishBytes) {
            m_pub->command({"PUBLISH", channel, *it});
            it->clear();
        }
        it->append(event);
    }
    for (const QByteArray &channel : order)
        m_pub->command({"PUBLISH", channel, batches.value(channel)});
}

void ClusterBroker::received(const QByteArray &channel, const QByteArray &payload)
{
    Hub hub;
    {
        QMutexLocker lock(&m_hubsMutex);
        hub = m_hubs.value(channel);
    }
    if (!hub.hub)
        return;
    const Worker::PostBatch posts;  // the events' deliveries wake each worker once
    fields::Reader r(payload);
    while (!r.atEnd()) {
        const QByteArray node = r.bytes();
        BrokerMessage m;
        m.topic = r.text();
        m.kind = r.bytes().toInt();
        m.order = r.bytes().toLongLong();
        m.payload = r.bytes();
        if (!r.ok()) {
            qCWarning(lcCluster) << "cluster: a malformed event batch on" << channel << "ignored";
            return;
        }
        if (node == m_nodeUtf8 && hub.delivery == Delivery::LocalFirst)
            continue;  // delivered here when it was published
        hub.hub->receive(m);  // no `except`: session ids are the publishing node's
    }
}

void ClusterBroker::start(Worker *home)
{
    {
        QMutexLocker lock(&m_outMutex);
        m_home = home;
    }
    home->post([this] {
        m_homeObject = new QObject;
        m_pub = new RedisConnection(m_homeObject);
        m_sub = new RedisConnection(m_homeObject);
        auto *beat = new QTimer(m_homeObject);
        QObject::connect(beat, &QTimer::timeout, m_homeObject, [this] { this->beat(); });
        beat->start(1000);
        for (RedisConnection *c : {m_pub, m_sub}) {
            QObject::connect(c, &RedisConnection::connected, m_homeObject, [this] {
                if (!m_pub->isOpen() || !m_sub->isOpen())
                    return;
                {
                    QMutexLocker lock(&m_hubsMutex);
                    for (auto it = m_hubs.constBegin(); it != m_hubs.constEnd(); ++it) {
                        m_sub->subscribe(it.key());
                        m_unconfirmed.insert(it.key());
                    }
                }
                // Ready once Redis has confirmed every SUBSCRIBE.
                if (m_unconfirmed.isEmpty())
                    ready();
            });
            QObject::connect(c, &RedisConnection::subscribed, m_homeObject, [this](const QByteArray &channel) {
                if (m_unconfirmed.remove(channel) && m_unconfirmed.isEmpty())
                    ready();
            });
            QObject::connect(c, &RedisConnection::lost, m_homeObject, [this](const QString &why) {
                m_connected.store(false);
                if (m_retryPending)
                    return;  // the other connection's loss already scheduled the next attempt
                if (m_retryMs == 0)
                    qCWarning(lcCluster) << "cluster: lost Redis at" << m_redis.display() << ":" << why << "- reconnecting";
                m_pub->close();
                m_sub->close();
                m_retryMs = m_retryMs == 0 ? 250 : qMin(m_retryMs * 2, 2000);
                m_retryPending = true;
                QTimer::singleShot(m_retryMs, m_homeObject, [this] { connectNow(); });
            });
        }
        QObject::connect(m_sub, &RedisConnection::message, m_homeObject,
                         [this](const QByteArray &channel, const QByteArray &payload) { received(channel, payload); });
        connectNow();
    });
}

void ClusterBroker::ready()
{
    if (m_retryMs > 0)
        qCInfo(lcCluster) << "cluster: Redis at" << m_redis.display() << "is back";
    m_retryMs = 0;
    m_connected.store(true, std::memory_order_relaxed);
    beat();
    flush();
    for (BrokerSubscriber *h : hubs())
        h->streamReady();
}

void ClusterBroker::connectNow()
{
    m_unconfirmed.clear();
    m_retryPending = false;
    m_pub->open(m_redis);
    m_sub->open(m_redis);
}

void ClusterBroker::setSelfInfo(const QJsonObject &info)
{
    QMutexLocker lock(&m_nodesMutex);
    m_selfInfo = info;
}

QList<ClusterNodeInfo> ClusterBroker::clusterNodes() const
{
    QMutexLocker lock(&m_nodesMutex);
    if (!m_nodes.isEmpty())
        return m_nodes;
    // Not heard from Redis yet: this node alone, as it describes itself.
    return {{m_node, m_selfInfo, true, false}};
}

QByteArray ClusterBroker::selfInfo(bool stopped) const
{
    QJsonObject info;
    {
        QMutexLocker lock(&m_nodesMutex);
        info = m_selfInfo;
    }
    info.insert(QStringLiteral("seen"), double(QDateTime::currentMSecsSinceEpoch()));
    if (stopped)
        info.insert(QStringLiteral("stopped"), true);
    return QJsonDocument(info).toJson(QJsonDocument::Compact);
}

void ClusterBroker::beat()
{
    if (!m_pub || !m_pub->isOpen() || !m_connected.load(std::memory_order_relaxed))
        return;
    const QByteArray info = selfInfo(false);
    m_pub->command({"SET", nodeKey(m_prefix, m_node), info, "PX", QByteArray::number(kLivenessMs)});
    m_pub->command({"HSET", m_prefix + "nodeinfo", m_nodeUtf8, info});
    // Who is alive: the nodes seen lately, and which of them still have their key.
    m_pub->command({"HGETALL", m_prefix + "nodeinfo"}, [this](const RedisReply &all) {
        if (!all.ok() || !m_pub || !m_pub->isOpen())
            return;
        QList<QByteArray> names, infos;
        QList<QByteArray> get{"MGET"};
        for (qsizetype i = 0; i + 1 < all.elements.size(); i += 2) {
            names.append(all.elements[i].string);
            infos.append(all.elements[i + 1].string);
            get.append(nodeKey(m_prefix, QString::fromUtf8(all.elements[i].string)));
        }
        m_pub->command(get, [this, names, infos](const RedisReply &keys) {
            if (!keys.ok() || keys.elements.size() != names.size())
                return;
            QList<bool> alive;
            QSet<QString> aliveNames{m_node};
            for (qsizetype i = 0; i < keys.elements.size(); ++i) {
                alive.append(keys.elements[i].type != RedisReply::Type::Nil);
                if (alive.last())
                    aliveNames.insert(QString::fromUtf8(names[i]));
            }
            learnNodes(names, infos, alive);
            for (BrokerSubscriber *h : hubs())
                h->nodesAlive(aliveNames);
        });
    });
}

void ClusterBroker::learnNodes(const QList<QByteArray> &names, const QList<QByteArray> &infos, const QList<bool> &alive)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<ClusterNodeInfo> nodes;
    QList<QByteArray> forget{"HDEL", m_prefix + "nodeinfo"};
    for (qsizetype i = 0; i < names.size(); ++i) {
        ClusterNodeInfo n{QString::fromUtf8(names[i]), QJsonDocument::fromJson(infos[i]).object(), alive[i], false};
        const qint64 seen = qint64(n.info.value(QStringLiteral("seen")).toDouble());
        if (!n.alive && now - seen > kForgetMs) {
            forget.append(names[i]);
            continue;
        }
        n.stopped = !n.alive && n.info.value(QStringLiteral("stopped")).toBool();
        nodes.append(n);
    }
    if (forget.size() > 2)
        m_pub->command(forget);
    std::sort(nodes.begin(), nodes.end(), [this](const ClusterNodeInfo &x, const ClusterNodeInfo &y) {
        return (x.name == m_node) != (y.name == m_node) ? x.name == m_node : x.name < y.name;
    });
    QMutexLocker lock(&m_nodesMutex);
    m_nodes = nodes;
}

void ClusterBroker::stopHere()
{
    if (!m_homeObject)
        return;
    flush();
    if (m_pub && m_pub->isOpen()) {
        m_pub->command({"HSET", m_prefix + "nodeinfo", m_nodeUtf8, selfInfo(true)});  // stopped, not lost
        m_pub->command({"DEL", nodeKey(m_prefix, m_node)});  // gone now, not in 3 s
        // The last events and the goodbye reach Redis before the connection goes.
        if (!m_pub->finish(2000))
            qCWarning(lcCluster) << "cluster: Redis did not take this node's last events and its goodbye within 2 s";
    }
    delete m_homeObject;
    m_homeObject = nullptr;
    m_pub = m_sub = nullptr;
    m_connected.store(false);
    QMutexLocker lock(&m_outMutex);
    m_home = nullptr;
}

}  // namespace sb
