#include "felixhub.h"

#include "protocol/felix.h"

#include <QJsonDocument>

namespace sb::felix {

namespace pf = protocol::felix;

FelixHub::FelixHub(Broker &broker, const QString &stream) : m_stream(broker.subscribe(stream, this, Delivery::LocalFirst)) {}

void FelixHub::changed(Kind kind, const QString &id, const std::optional<QJsonObject> &doc, qint64 order)
{
    const bool guild = kind == Kind::Guild;
    const QJsonObject data{{guild ? pf::key::guildId : pf::key::userId, id},
                           {guild ? pf::key::guildData : pf::key::userData,
                            doc ? QJsonValue(*doc) : QJsonValue(QJsonValue::Null)}};
    const QByteArray message = QJsonDocument(QJsonObject{{pf::key::code, guild ? pf::code::guildUpdate : pf::code::userUpdate},
                                                         {pf::key::data, data}})
                                   .toJson(QJsonDocument::Compact);
    m_stream->publish({id, message, int(kind), 0, {}, order});
}

void FelixHub::receive(const BrokerMessage &m)
{
    FanoutBatches batches;
    {
        QMutexLocker lock(&m_mutex);
        const auto &subs = Kind(m.kind) == Kind::Guild ? m_guildSubs : m_userSubs;
        const auto it = subs.constFind(m.topic);
        if (it == subs.constEnd())
            return;
        qint64 &last = m_lastOrder[m.kind == int(Kind::Guild) ? 0 : 1][m.topic];
        if (m.order <= last)
            return;  // a later change of this document was pushed already
        last = m.order;
        for (const Subscriber &s : *it)
            batches.add(s.worker, s.sessionId);
    }
    // Framed once for every subscriber.
    batches.post([frame = wsframe::frame(wsframe::Text, m.payload), size = m.payload.size()](Worker *w, const QList<quint64> &ids) {
        w->deliverFrame(ids, frame, wsframe::Text, size);
    });
}

void FelixHub::subscribe(const Subscriber &s, const QSet<QString> &users, const QSet<QString> &guilds)
{
    QMutexLocker lock(&m_mutex);
    auto &mine = m_bySession[s.sessionId];
    for (const QString &u : std::as_const(mine.first))
        m_userSubs[u].removeAll(s);
    for (const QString &g : std::as_const(mine.second))
        m_guildSubs[g].removeAll(s);
    for (const QString &u : users)
        m_userSubs[u].append(s);
    for (const QString &g : guilds)
        m_guildSubs[g].append(s);
    mine = {users, guilds};
    m_userSubs.removeIf([](const auto &it) { return it.value().isEmpty(); });
    m_guildSubs.removeIf([](const auto &it) { return it.value().isEmpty(); });
    m_lastOrder[0].removeIf([this](const auto &it) { return !m_guildSubs.contains(it.key()); });
    m_lastOrder[1].removeIf([this](const auto &it) { return !m_userSubs.contains(it.key()); });
}

void FelixHub::unsubscribeAll(const Subscriber &s)
{
    subscribe(s, {}, {});
    QMutexLocker lock(&m_mutex);
    m_bySession.remove(s.sessionId);
}

QJsonObject FelixHub::subscriptions() const
{
    QMutexLocker lock(&m_mutex);
    QJsonObject guilds, users;
    for (auto it = m_guildSubs.constBegin(); it != m_guildSubs.constEnd(); ++it)
        guilds.insert(it.key(), int(it->size()));
    for (auto it = m_userSubs.constBegin(); it != m_userSubs.constEnd(); ++it)
        users.insert(it.key(), int(it->size()));
    return {{pf::key::guilds, guilds}, {pf::key::users, users}};
}

}  // namespace sb::felix
