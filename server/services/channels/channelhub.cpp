#include "channelhub.h"

#include "ackregistry.h"
#include "channelops.h"

#include "protocol/channels.h"

#include "net/worker.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

#include <sodium.h>

namespace sb::channels {

using namespace protocol::channels;

QString randomId(const char *prefix)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    unsigned char raw[8];
    randombytes_buf(raw, sizeof raw);
    QString id = QString::fromLatin1(prefix);
    for (unsigned char b : raw)
        id.append(QLatin1Char(alphabet[b & 63]));
    return id;
}

bool isValidChannelName(const QString &name)
{
    if (name.isEmpty() || name.size() > 100)
        return false;
    for (QChar c : name) {
        const char16_t u = c.unicode();
        const bool ok = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '.' || u == '_'
            || u == '~' || u == ':' || u == '-';
        if (!ok)
            return false;
    }
    return true;
}

QByteArray eventPrefix(QLatin1String type, const QByteArray &payloadJson, const QString &eventId, bool requiresAck)
{
    QByteArray out;
    out.reserve(64 + payloadJson.size());
    out.append("{\"type\":\"").append(type.data(), type.size()).append("\",\"payload\":").append(payloadJson);
    out.append(",\"eventID\":\"").append(eventId.toLatin1()).append('"');
    if (requiresAck)
        out.append(",\"requires_ack\":true");
    return out;
}

QByteArray memberJson(const QString &clientId, const QByteArray &presence)
{
    return "{\"clientID\":\"" + clientId.toLatin1() + "\",\"presence\":" + presence + "}";
}

ChannelHub::ChannelHub(Broker &broker, const QString &stream, HistoryLimits limits, AckRegistry *acks)
    : m_node(broker.node()), m_acks(acks), m_limits(limits), m_stream(broker.subscribe(stream, this, Delivery::Ordered))
{
}

ChannelOp ChannelHub::op(int kind, const QString &channel, const QString &clientId) const
{
    ChannelOp o;
    o.kind = ChannelOp::Kind(kind);
    o.node = m_node;
    o.channel = channel;
    o.clientId = clientId;
    return o;
}

void ChannelHub::send(const ChannelOp &op)
{
    m_stream->publish(BrokerMessage{op.channel, op.encode(), 0, 0, {}});
}

void ChannelHub::receive(const BrokerMessage &message)
{
    const std::optional<ChannelOp> op = ChannelOp::decode(message.payload);
    if (!op)
        return;  // not one of ours (a newer version's operation): ignored
    QList<ChannelOp> then;
    {
        QMutexLocker lock(&m_mutex);
        apply(*op, &then);
    }
    for (const ChannelOp &answer : then)
        send(answer);
}

void ChannelHub::join(const QString &channel, ChannelSubscriber *subscriber, const QByteArray &presenceJson, const QString &since)
{
    ChannelOp op = this->op(ChannelOp::Join, channel, subscriber->clientId());
    op.presence = presenceJson;
    op.since = since;
    op.eventId = randomId("evt_");
    op.eventId2 = randomId("evt_");
    {
        QMutexLocker lock(&m_mutex);
        m_announced.insert(op.clientId, {channel, presenceJson, subscriber->worker(), subscriber->subscriberId()});
    }
    send(op);
}

void ChannelHub::leave(const QString &channel, const QString &clientId)
{
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_announced.constFind(clientId);
        if (it == m_announced.constEnd() || it->channel != channel)
            return;
        m_announced.erase(it);
    }
    ChannelOp op = this->op(ChannelOp::Leave, channel, clientId);
    op.eventId = randomId("evt_");
    send(op);
}

bool ChannelHub::updatePresence(const QString &channel, const QString &clientId, const QByteArray &presenceJson)
{
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_announced.find(clientId);
        if (it == m_announced.end() || it->channel != channel)
            return false;
        it->presence = presenceJson;
    }
    ChannelOp op = this->op(ChannelOp::Update, channel, clientId);
    op.presence = presenceJson;
    op.eventId = randomId("evt_");
    send(op);
    return true;
}

EmitResult ChannelHub::publish(const QString &channel, const QByteArray &payloadJson, Target target, int count,
                               const QStringList &ids, bool requiresAck, const std::function<void(const EmitResult &)> &beforePosting)
{
    EmitResult result;
    result.eventId = randomId("evt_");
    {
        // Chosen among the members of every node, as this node knows them now.
        QMutexLocker lock(&m_mutex);
        const auto it = m_channels.constFind(channel);
        const QList<Member> none;
        const QList<Member> &members = it != m_channels.constEnd() ? it->members : none;
        switch (target) {
        case Target::All:
            for (const Member &m : members)
                result.delivered.append(m.clientId);
            break;
        case Target::Random: {
            QList<const Member *> pool;
            for (const Member &m : members)
                pool.append(&m);
            for (int i = 0; i < count && !pool.isEmpty(); ++i)
                result.delivered.append(pool.takeAt(QRandomGenerator::global()->bounded(int(pool.size())))->clientId);
            break;
        }
        case Target::Listed:
            for (const QString &id : ids) {
                const bool member = std::any_of(members.cbegin(), members.cend(), [&](const Member &x) { return x.clientId == id; });
                QStringList &list = member ? result.delivered : result.missing;
                if (!list.contains(id))
                    list.append(id);
            }
            break;
        }
    }
    // The caller registers ACK expectations before any recipient can answer.
    if (beforePosting)
        beforePosting(result);
    if (target != Target::All && result.delivered.isEmpty())
        return result;
    ChannelOp op = this->op(ChannelOp::Data, channel);
    op.presence = payloadJson;
    op.eventId = result.eventId;
    op.all = target == Target::All;
    op.requiresAck = requiresAck;
    if (!op.all)
        op.ids = result.delivered;
    send(op);
    return result;
}

void ChannelHub::ack(const QString &eventId, const QString &clientId)
{
    ChannelOp op = this->op(ChannelOp::Ack, {}, clientId);
    op.eventId = eventId;
    send(op);
}

void ChannelHub::replyInOrder(const QString &clientId, const QByteArray &prefix)
{
    ChannelOp op = this->op(ChannelOp::Reply, {}, clientId);
    op.presence = prefix;
    send(op);
}

void ChannelHub::streamReady()
{
    // Missed operations cannot be replayed: every node tells its members again (Sync asks the
    // others to), and each node sets its copy of theirs to what they say (applySnapshot).
    const ChannelOp sync = op(ChannelOp::Sync);
    ChannelOp mine;
    {
        QMutexLocker lock(&m_mutex);
        mine = snapshot();
    }
    send(sync);
    send(mine);
}

void ChannelHub::nodesAlive(const QSet<QString> &alive)
{
    QList<ChannelOp> gone;
    {
        QMutexLocker lock(&m_mutex);
        QSet<QString> holding;
        for (const Channel &c : std::as_const(m_channels)) {
            for (const Member &m : c.members)
                holding.insert(m.node);
        }
        for (const QString &node : std::as_const(holding)) {
            if (alive.contains(node) || node == m_node || m_goneSent.contains(node))
                continue;
            m_goneSent.insert(node);
            ChannelOp goneOp = op(ChannelOp::NodeGone);
            goneOp.node = node;  // the node that is gone, not this one
            gone.append(goneOp);
        }
        m_goneSent.intersect(holding);  // forget nodes that hold nobody any more
    }
    for (const ChannelOp &op : gone)
        send(op);
}

void ChannelHub::forget(Channel &c)
{
    c.historyBytes -= c.history.front().prefix.size();
    m_historyBytes -= c.history.front().prefix.size();
    c.history.pop_front();
}

void ChannelHub::remember(Channel &c, const QString &eventId, const QByteArray &prefix)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (prefix.size() > m_limits.bytes)
        return;  // an event bigger than a channel's whole history is not kept
    c.history.push_back({eventId, prefix, now});
    c.historyBytes += prefix.size();
    m_historyBytes += prefix.size();
    while (int(c.history.size()) > m_limits.events || c.historyBytes > m_limits.bytes
           || (!c.history.empty() && now - c.history.front().atMs > m_limits.ms))
        forget(c);
    if (m_historyBytes > m_limits.totalBytes)
        evictOldest();
}

void ChannelHub::evictOldest()
{
    // Each channel's history is in time order, so the oldest events are at the channels'
    // fronts: merge them through a heap until the total is down to three quarters.
    using Front = std::pair<qint64, Channel *>;
    std::vector<Front> heap;
    for (Channel &c : m_channels) {
        if (!c.history.empty())
            heap.emplace_back(c.history.front().atMs, &c);
    }
    const auto later = [](const Front &a, const Front &b) { return a.first > b.first; };
    std::make_heap(heap.begin(), heap.end(), later);
    while (m_historyBytes > m_limits.totalBytes / 4 * 3 && !heap.empty()) {
        std::pop_heap(heap.begin(), heap.end(), later);
        Channel *c = heap.back().second;
        heap.pop_back();
        forget(*c);
        if (!c->history.empty()) {
            heap.emplace_back(c->history.front().atMs, c);
            std::push_heap(heap.begin(), heap.end(), later);
        }
    }
}

qint64 ChannelHub::historyBytes() const
{
    QMutexLocker lock(&m_mutex);
    return m_historyBytes;
}

void ChannelHub::sweep(qint64 now)
{
    if (now - m_lastSweepMs < 1000)
        return;
    m_lastSweepMs = now;
    m_channels.removeIf([&](const auto &it) {
        const Channel &c = it.value();
        const bool gone = c.members.isEmpty() && (c.history.empty() || now - c.history.back().atMs > m_limits.ms);
        if (gone)
            m_historyBytes -= c.historyBytes;
        return gone;
    });
}

QList<MemberInfo> ChannelHub::members(const QString &channel) const
{
    QMutexLocker lock(&m_mutex);
    QList<MemberInfo> out;
    const auto it = m_channels.constFind(channel);
    if (it != m_channels.constEnd()) {
        for (const Member &m : it->members)
            out.append({m.clientId, m.presenceJson, m.node});
    }
    return out;
}

QList<ChannelHub::ChannelState> ChannelHub::channels() const
{
    QMutexLocker lock(&m_mutex);
    QList<ChannelState> out;
    out.reserve(m_channels.size());
    for (auto it = m_channels.constBegin(); it != m_channels.constEnd(); ++it) {
        ChannelState c{it.key(), {}, int(it->history.size())};
        for (const Member &m : it->members)
            c.members.append({m.clientId, m.presenceJson, m.node});
        out.append(c);
    }
    return out;
}

QHash<QString, int> ChannelHub::channelSizes() const
{
    QMutexLocker lock(&m_mutex);
    QHash<QString, int> out;
    for (auto it = m_channels.constBegin(); it != m_channels.constEnd(); ++it)
        out.insert(it.key(), int(it->members.size()));
    return out;
}

// ---- SubscriberRegistry ------------------------------------------------------------------

void SubscriberRegistry::add(ChannelSubscriber *s)
{
    QMutexLocker lock(&m_mutex);
    m_byId.insert(s->subscriberId(), s);
}

void SubscriberRegistry::remove(quint64 id)
{
    QMutexLocker lock(&m_mutex);
    m_byId.remove(id);
}

QList<ChannelSubscriber *> SubscriberRegistry::find(const QList<quint64> &ids) const
{
    QList<ChannelSubscriber *> out;
    out.reserve(ids.size());
    QMutexLocker lock(&m_mutex);
    for (quint64 id : ids) {
        if (ChannelSubscriber *s = m_byId.value(id))
            out.append(s);
    }
    return out;
}

}  // namespace sb::channels
