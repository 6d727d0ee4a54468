#include "channelhub.h"

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

namespace {
QByteArray memberJson(const QString &clientId, const QByteArray &presence)
{
    return "{\"clientID\":\"" + clientId.toLatin1() + "\",\"presence\":" + presence + "}";
}
}  // namespace

ChannelHub::ChannelHub(Broker &broker, const QString &stream, HistoryLimits limits)
    : m_limits(limits), m_stream(broker.subscribe(stream, this))
{
}

void ChannelHub::post(const QString &channel, const QList<const Member *> &recipients, const QByteArray &prefix)
{
    BrokerMessage message{channel, prefix, 0, 0, {}};
    for (const Member *m : recipients)
        message.to.add(m->subscriber->worker(), m->subscriber->subscriberId());
    m_stream->publish(message);
}

void ChannelHub::receive(const BrokerMessage &message)
{
    message.to.post([registry = &m_subscribers, prefix = message.payload](Worker *, const QList<quint64> &ids) {
        for (ChannelSubscriber *s : registry->find(ids))
            s->deliver(prefix);
    });
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

JoinResult ChannelHub::join(const QString &channel, ChannelSubscriber *subscriber, const QByteArray &presenceJson, const QString &since)
{
    QMutexLocker lock(&m_mutex);
    Channel &c = m_channels[channel];
    c.members.append({subscriber->clientId(), presenceJson, subscriber});
    JoinResult result;
    QByteArray list("[");
    for (qsizetype i = 0; i < c.members.size(); ++i) {
        result.members.append({c.members[i].clientId, c.members[i].presenceJson});
        if (i)
            list.append(',');
        list.append(memberJson(c.members[i].clientId, c.members[i].presenceJson));
    }
    list.append(']');

    // Recovery: the events after `since`, if `since` is still in the history.
    QList<QByteArray> replay;
    if (!since.isEmpty()) {
        // Drop what expired by time before looking.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        while (!c.history.empty() && now - c.history.front().atMs > m_limits.ms)
            forget(c);
        auto it = std::find_if(c.history.begin(), c.history.end(), [&](const Event &e) { return e.eventId == since; });
        if (it != c.history.end()) {
            result.recovered = true;
            for (++it; it != c.history.end(); ++it)
                replay.append(it->prefix);
        }
    }
    QByteArray payload = "{\"members\":" + list;
    if (!since.isEmpty())
        payload.append(result.recovered ? ",\"recovered\":true" : ",\"recovered\":false");
    payload.append('}');

    const Member *self = &c.members.last();
    post(channel, {self}, eventPrefix(event::connected, payload, randomId("evt_")));
    for (const QByteArray &p : replay)
        post(channel, {self}, p);
    QList<const Member *> others;
    for (const Member &m : c.members) {
        if (m.subscriber != subscriber)
            others.append(&m);
    }
    if (!others.isEmpty())
        post(channel, others, eventPrefix(event::joined, memberJson(subscriber->clientId(), presenceJson), randomId("evt_")));
    return result;
}

void ChannelHub::leave(const QString &channel, const QString &clientId)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_channels.find(channel);
    if (it == m_channels.end())
        return;
    const qsizetype removed = it->members.removeIf([&](const Member &m) { return m.clientId == clientId; });
    if (!removed)
        return;
    if (it->members.isEmpty()) {
        // Keep the history for reconnects until it expires; drop an empty channel with none.
        if (it->history.empty())
            m_channels.erase(it);
        return;
    }
    QList<const Member *> others;
    for (const Member &m : it->members)
        others.append(&m);
    post(channel, others, eventPrefix(event::left, "{\"clientID\":\"" + clientId.toLatin1() + "\"}", randomId("evt_")));
}

bool ChannelHub::updatePresence(const QString &channel, const QString &clientId, const QByteArray &presenceJson)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_channels.find(channel);
    if (it == m_channels.end())
        return false;
    bool found = false;
    QList<const Member *> all;
    for (Member &m : it->members) {
        if (m.clientId == clientId) {
            m.presenceJson = presenceJson;
            found = true;
        }
        all.append(&m);
    }
    if (found)
        post(channel, all, eventPrefix(event::updated, memberJson(clientId, presenceJson), randomId("evt_")));
    return found;
}

EmitResult ChannelHub::publish(const QString &channel, const QByteArray &payloadJson, Target target, int count,
                            const QStringList &ids, bool requiresAck, const std::function<void(const EmitResult &)> &beforePosting)
{
    EmitResult result;
    result.eventId = randomId("evt_");
    QMutexLocker lock(&m_mutex);
    Channel *c = nullptr;
    auto it = m_channels.find(channel);
    if (it != m_channels.end())
        c = &it.value();
    else if (target == Target::All) {
        sweep(QDateTime::currentMSecsSinceEpoch());
        c = &m_channels[channel];  // remember the event for listeners that join with ?since=
    }
    QList<const Member *> recipients;
    if (c) {
        switch (target) {
        case Target::All:
            for (const Member &m : c->members)
                recipients.append(&m);
            break;
        case Target::Random: {
            QList<const Member *> pool;
            for (const Member &m : c->members)
                pool.append(&m);
            for (int i = 0; i < count && !pool.isEmpty(); ++i)
                recipients.append(pool.takeAt(QRandomGenerator::global()->bounded(int(pool.size()))));
            break;
        }
        case Target::Listed:
            for (const QString &id : ids) {
                auto m = std::find_if(c->members.cbegin(), c->members.cend(), [&](const Member &x) { return x.clientId == id; });
                if (m != c->members.cend()) {
                    if (!recipients.contains(&*m))
                        recipients.append(&*m);
                } else if (!result.missing.contains(id)) {
                    result.missing.append(id);
                }
            }
            break;
        }
    } else {
        result.missing = target == Target::Listed ? ids : QStringList();
    }
    for (const Member *m : recipients)
        result.delivered.append(m->clientId);
    // The caller registers ACK expectations before any recipient can answer.
    if (beforePosting)
        beforePosting(result);
    // Serialized once: the history keeps the same bytes unless ACKs are required (replays
    // are never awaited).
    const QByteArray prefix = eventPrefix(event::data, payloadJson, result.eventId, requiresAck);
    if (!recipients.isEmpty())
        post(channel, recipients, prefix);
    if (c && target == Target::All)
        remember(*c, result.eventId, requiresAck ? eventPrefix(event::data, payloadJson, result.eventId, false) : prefix);
    return result;
}

QList<MemberInfo> ChannelHub::members(const QString &channel) const
{
    QMutexLocker lock(&m_mutex);
    QList<MemberInfo> out;
    const auto it = m_channels.constFind(channel);
    if (it != m_channels.constEnd()) {
        for (const Member &m : it->members)
            out.append({m.clientId, m.presenceJson});
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
            c.members.append({m.clientId, m.presenceJson});
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
