#include "roomhub.h"

#include <QJsonObject>

namespace sb {

RoomHub::RoomHub(Broker &broker, const QString &stream) : m_stream(broker.subscribe(stream, this, Delivery::LocalFirst)) {}

void RoomHub::join(const QString &room, Worker *worker, quint64 sessionId)
{
    QMutexLocker lock(&m_mutex);
    m_rooms[room].append({worker, sessionId});
}

void RoomHub::leave(const QString &room, quint64 sessionId)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_rooms.find(room);
    if (it == m_rooms.end())
        return;
    it->removeIf([sessionId](const Member &m) { return m.id == sessionId; });
    if (it->isEmpty())
        m_rooms.erase(it);
}

void RoomHub::relayText(const QString &room, quint64 from, const QString &message)
{
    relayUtf8(room, from, message.toUtf8());
}

void RoomHub::relayUtf8(const QString &room, quint64 from, const QByteArray &utf8)
{
    m_stream->publish({room, utf8, wsframe::Text, from, {}});
}

void RoomHub::relayBinary(const QString &room, quint64 from, const QByteArray &message)
{
    m_stream->publish({room, message, wsframe::Binary, from, {}});
}

void RoomHub::receive(const BrokerMessage &m)
{
    FanoutBatches batches;
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_rooms.constFind(m.topic);
        if (it == m_rooms.constEnd())
            return;
        for (const Member &member : *it) {
            if (member.id != m.except)
                batches.add(member.worker, member.id);
        }
    }
    if (batches.isEmpty())
        return;
    // Framed once here, shared (not copied) by every worker and every recipient.
    const auto opcode = wsframe::Opcode(m.kind);
    batches.postOrRun([frame = wsframe::frame(opcode, m.payload), opcode, size = m.payload.size()](Worker *w, const QList<quint64> &ids) {
        w->deliverFrame(ids, frame, opcode, size);
    });
}

QHash<QString, int> RoomHub::roomSizes() const
{
    QMutexLocker lock(&m_mutex);
    QHash<QString, int> out;
    for (auto it = m_rooms.constBegin(); it != m_rooms.constEnd(); ++it)
        out.insert(it.key(), int(it->size()));
    return out;
}

}  // namespace sb
