#include "roomhub.h"

#include "net/worker.h"

#include <QJsonObject>
#include <QThread>

namespace sb {

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

template <typename Deliver>
void RoomHub::relay(const QString &room, quint64 from, Deliver deliver)
{
    QHash<Worker *, QList<quint64>> batches;
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_rooms.constFind(room);
        if (it == m_rooms.constEnd())
            return;
        for (const Member &m : *it) {
            if (m.id != from)
                batches[m.worker].append(m.id);
        }
    }
    for (auto b = batches.begin(); b != batches.end(); ++b) {
        Worker *w = b.key();
        if (w->thread() == QThread::currentThread())
            deliver(w, b.value());
        else
            w->post([w, ids = b.value(), deliver] { deliver(w, ids); });
    }
}

void RoomHub::relayText(const QString &room, quint64 from, const QString &message)
{
    relayFrame(room, from, wsframe::Text, message.toUtf8());
}

void RoomHub::relayUtf8(const QString &room, quint64 from, const QByteArray &utf8)
{
    relayFrame(room, from, wsframe::Text, utf8);
}

void RoomHub::relayBinary(const QString &room, quint64 from, const QByteArray &message)
{
    relayFrame(room, from, wsframe::Binary, message);
}

void RoomHub::relayFrame(const QString &room, quint64 from, wsframe::Opcode opcode, const QByteArray &payload)
{
    // Framed once here, shared (not copied) by every worker and every recipient.
    relay(room, from, [frame = wsframe::frame(opcode, payload), opcode, size = payload.size()](Worker *w, const QList<quint64> &ids) {
        w->deliverFrame(ids, frame, opcode, size);
    });
}

QJsonArray RoomHub::snapshot() const
{
    QJsonArray out;
    const auto sizes = roomSizes();
    for (auto it = sizes.constBegin(); it != sizes.constEnd(); ++it)
        out.append(QJsonObject{{QStringLiteral("name"), it.key()}, {QStringLiteral("connections"), it.value()}});
    return out;
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
