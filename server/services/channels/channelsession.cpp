#include "channelsession.h"

#include "protocol/channels.h"

#include "ackregistry.h"
#include "net/httpconnection.h"
#include "net/worker.h"
#include "telemetry/counters.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimerEvent>

#include <charconv>

namespace sb::channels {

using namespace protocol::channels;

namespace {
// `,"clientID":"…","latency":N}`: what completes a shared event prefix for one recipient.
QByteArray recipientEnding(const QByteArray &clientId, qint64 latency)
{
    char number[24];
    const int digits = int(std::to_chars(number, number + sizeof number, latency).ptr - number);
    QByteArray out;
    out.reserve(clientId.size() + 28 + digits);
    out.append(",\"clientID\":\"").append(clientId).append("\",\"latency\":");
    out.append(number, digits).append('}');
    return out;
}
}  // namespace

// ---- ChannelSession ----------------------------------------------------------------------

ChannelSession::ChannelSession(const SessionContext &context, ServiceCounters &counters,
                               ChannelShared shared, QString channel, QByteArray presence, QString since)
    : WsSession(context, counters)
    , m_shared(shared)
    , m_channel(std::move(channel))
    , m_clientId(randomId("client_"))
    , m_clientIdUtf8(m_clientId.toUtf8())
{
    disableWebSocketHeartbeat();  // seed 004 has its own PING/PONG
    setIdentity(m_clientId);
    m_shared.hub->subscribers().add(this);
    m_shared.hub->join(m_channel, this, presence, since);
    if (context.limits.pingIntervalMs > 0)
        m_pingTimer.start(context.limits.pingIntervalMs, this);
}

ChannelSession::~ChannelSession()
{
    leave();
}

void ChannelSession::leave()
{
    if (m_left)
        return;
    m_left = true;
    m_pingTimer.stop();
    m_pongDeadline.stop();
    m_shared.hub->subscribers().remove(id());
    m_shared.hub->leave(m_channel, m_clientId);
    m_shared.acks->clientLeft(m_clientId);
}

void ChannelSession::onDisconnected()
{
    leave();
}

void ChannelSession::deliver(const QByteArray &prefix)
{
    sendUtf8(prefix, recipientEnding(m_clientIdUtf8, m_latencyMs));
}

void ChannelSession::sendError(QLatin1String code, const QString &message)
{
    ServiceCounters::add(counters().errors);
    QJsonObject payload{{key::message, message}, {key::code, code}};
    deliver(eventPrefix(event::error, QJsonDocument(payload).toJson(QJsonDocument::Compact), randomId("evt_")));
}

void ChannelSession::replyError(QLatin1String code, const QString &message)
{
    // Behind the events already posted to this socket (the PRESENCE:UPDATED of an update sent
    // before this message, say): answers keep the order of the messages that caused them.
    ServiceCounters::add(counters().errors);
    QJsonObject payload{{key::message, message}, {key::code, code}};
    const QByteArray prefix = eventPrefix(event::error, QJsonDocument(payload).toJson(QJsonDocument::Compact), randomId("evt_"));
    m_shared.hub->replyInOrder(m_clientId, prefix);  // through the hub: in a cluster, its events come back from Redis
}

void ChannelSession::timerEvent(QTimerEvent *event)
{
    if (event->timerId() == m_pingTimer.timerId()) {
        if (m_pongDeadline.isActive())
            return;  // still waiting for the last PONG
        m_pingSent.start();
        notePingSent(QDateTime::currentMSecsSinceEpoch());
        deliver(eventPrefix(event::ping, "{}", randomId("evt_")));
        m_pongDeadline.start(context().limits.pongTimeoutMs, Qt::PreciseTimer, this);
    } else if (event->timerId() == m_pongDeadline.timerId()) {
        m_pongDeadline.stop();
        m_pingTimer.stop();
        ServiceCounters::add(counters().heartbeatTimeouts);
        noteMissedHeartbeat();
        sendError(code::pingTimeout, QStringLiteral("Client did not respond to PING event"));
        close(1008, code::pingTimeout);
    } else {
        WsSession::timerEvent(event);
    }
}

void ChannelSession::onBinary(const QByteArray &)
{
    replyError(code::invalidJson, QStringLiteral("messages must be JSON text"));
}

void ChannelSession::onText(const QString &message)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(message.toUtf8(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        replyError(code::invalidJson, pe.error != QJsonParseError::NoError ? QStringLiteral("invalid JSON: %1").arg(pe.errorString())
                                                                       : QStringLiteral("a message must be a JSON object"));
        return;
    }
    const QJsonObject o = doc.object();
    const QString type = o.value(key::type).toString();
    if (type == event::pong) {
        if (m_pongDeadline.isActive()) {
            m_pongDeadline.stop();
            m_latencyMs = m_pingSent.elapsed();
            notePong(QDateTime::currentMSecsSinceEpoch(), m_latencyMs);
        }
    } else if (type == event::ack) {
        const QString eventId = o.value(key::payload).toObject().value(key::eventId).toString();
        if (eventId.isEmpty()) {
            replyError(code::invalidPayload, QStringLiteral("ACK needs payload.eventID"));
            return;
        }
        m_shared.hub->ack(eventId, m_clientId);  // the emitting node may be another one
    } else if (type == event::updatePresence) {
        const QJsonValue payload = o.value(key::payload);
        if (!payload.isObject()) {
            replyError(code::invalidPayload, QStringLiteral("PRESENCE:UPDATE needs an object payload"));
            return;
        }
        const QByteArray json = QJsonDocument(payload.toObject()).toJson(QJsonDocument::Compact);
        if (json.size() > 4096) {
            replyError(code::invalidPayload, QStringLiteral("presence is limited to 4 KiB"));
            return;
        }
        m_shared.hub->updatePresence(m_channel, m_clientId, json);
    } else {
        replyError(code::unknownType, type.isEmpty() ? QStringLiteral("the message needs a type")
                                                 : QStringLiteral("unknown message type '%1'").arg(type));
    }
}

// ---- SseStream ---------------------------------------------------------------------------

SseStream::SseStream(HttpConnection *connection, Worker *worker, quint64 id, ChannelShared shared, QString channel, int keepAliveMs)
    : QObject(connection)
    , m_connection(connection)
    , m_worker(worker)
    , m_id(id)
    , m_shared(shared)
    , m_channel(std::move(channel))
    , m_clientId(randomId("client_"))
{
    if (keepAliveMs > 0)
        m_keepAlive.start(keepAliveMs, this);
}

SseStream::~SseStream()
{
    m_shared.hub->subscribers().remove(m_id);
    m_shared.hub->leave(m_channel, m_clientId);
    m_shared.acks->clientLeft(m_clientId);
}

void SseStream::start(const QByteArray &presence, const QString &since)
{
    m_shared.hub->subscribers().add(this);
    m_shared.hub->join(m_channel, this, presence, since);
}

void SseStream::deliver(const QByteArray &prefix)
{
    // One event per message; `id:` lets EventSource reconnect with Last-Event-ID.
    const qsizetype at = prefix.indexOf("\"eventID\":\"");
    QByteArray frame;
    if (at >= 0) {
        const qsizetype start = at + 11;
        frame.append("id: ").append(prefix.mid(start, prefix.indexOf('"', start) - start)).append('\n');
    }
    frame.append("data: ").append(prefix).append(recipientEnding(m_clientId.toUtf8(), 0)).append("\n\n");
    m_connection->streamWrite(frame);
}

void SseStream::timerEvent(QTimerEvent *event)
{
    if (event->timerId() == m_keepAlive.timerId())
        m_connection->streamWrite(": ping\n\n");
    else
        QObject::timerEvent(event);
}

}  // namespace sb::channels
