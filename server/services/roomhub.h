#pragma once
// Named groups of sessions across workers (generic rooms, chat conversations). Thread-safe.
// Relay posts one batch per worker (serialized once), never one event per recipient.

#include "net/wsframe.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QMutex>
#include <QString>

namespace sb {

class Worker;

class RoomHub final
{
public:
    RoomHub() = default;
    Q_DISABLE_COPY_MOVE(RoomHub)

    void join(const QString &room, Worker *worker, quint64 sessionId);
    void leave(const QString &room, quint64 sessionId);
    // Sends to every member of `room` except `from` (0: to every member).
    void relayText(const QString &room, quint64 from, const QString &message);
    void relayUtf8(const QString &room, quint64 from, const QByteArray &utf8);
    void relayBinary(const QString &room, quint64 from, const QByteArray &message);
    QHash<QString, int> roomSizes() const;
    // {"<key>": [<name>, <size>], ...} as a JSON array of {name, connections}.
    QJsonArray snapshot() const;

private:
    struct Member {
        Worker *worker;
        quint64 id;
    };
    void relayFrame(const QString &room, quint64 from, wsframe::Opcode opcode, const QByteArray &payload);
    template <typename Deliver>
    void relay(const QString &room, quint64 from, Deliver deliver);

    mutable QMutex m_mutex;
    QHash<QString, QList<Member>> m_rooms;
};

}  // namespace sb
