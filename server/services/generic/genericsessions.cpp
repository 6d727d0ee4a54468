#include "genericsessions.h"

#include "net/wssession.h"
#include "services/roomhub.h"

namespace sb {

namespace {

class EchoSession final : public WsSession
{
public:
    using WsSession::WsSession;

protected:
    void onText(const QString &message) override { sendText(message); }
    void onBinary(const QByteArray &message) override { sendBinary(message); }
};

class RoomSession final : public WsSession
{
public:
    RoomSession(const SessionContext &context, ServiceCounters &counters,
                std::shared_ptr<RoomHub> rooms)
        : WsSession(context, counters), m_rooms(std::move(rooms)), m_room(context.params.value(QStringLiteral("room")))
    {
        m_rooms->join(m_room, context.worker, context.id);
    }
    ~RoomSession() override { m_rooms->leave(m_room, id()); }

protected:
    void onText(const QString &message) override { m_rooms->relayText(m_room, id(), message); }
    void onBinary(const QByteArray &message) override { m_rooms->relayBinary(m_room, id(), message); }
    void onDisconnected() override { m_rooms->leave(m_room, id()); }

private:
    std::shared_ptr<RoomHub> m_rooms;
    QString m_room;
};

}  // namespace

WsSession *newEchoSession(const SessionContext &context, ServiceCounters &counters)
{
    return new EchoSession(context, counters);
}

WsSession *newRoomSession(const SessionContext &context, ServiceCounters &counters,
                          std::shared_ptr<RoomHub> rooms)
{
    return new RoomSession(context, counters, std::move(rooms));
}

}  // namespace sb
