#pragma once
// Named groups of sessions across workers (generic rooms, chat conversations, pop groups).
// Thread-safe. A relay is published to the broker under the room's name and delivered here
// to the room's members: framed once, one batch per worker.

#include "broker/broker.h"
#include "wire/wsframe.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>

namespace sb {

class Worker;

class RoomHub final : public BrokerSubscriber
{
public:
    // `stream`: the broker stream this hub's relays travel on (the service's name).
    RoomHub(Broker &broker, const QString &stream);
    Q_DISABLE_COPY_MOVE(RoomHub)

    void join(const QString &room, Worker *worker, quint64 sessionId);
    void leave(const QString &room, quint64 sessionId);
    // Sends to every member of `room` except `from` (0: to every member).
    void relayText(const QString &room, quint64 from, const QString &message);
    void relayUtf8(const QString &room, quint64 from, const QByteArray &utf8);
    void relayBinary(const QString &room, quint64 from, const QByteArray &message);
    QHash<QString, int> roomSizes() const;

    void receive(const BrokerMessage &message) override;

private:
    struct Member {
        Worker *worker;
        quint64 id;
    };

    mutable QMutex m_mutex;
    QHash<QString, QList<Member>> m_rooms;
    std::unique_ptr<BrokerStream> m_stream;  // last: unsubscribes first
};

}  // namespace sb
