#pragma once
// Base of every service's WebSocket session. Lives on the worker thread that accepted the
// connection, owns its QWebSocket, counts traffic, applies the message-rate limit and the
// heartbeat (server ping, pong deadline). Subclasses handle messages.

#include "telemetry/capture.h"
#include "telemetry/connectioninfo.h"
#include "wsendpoint.h"
#include "wsframe.h"

#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QWebSocket>

namespace sb {

struct ServiceCounters;

class WsSession : public QObject
{
    Q_OBJECT
public:
    WsSession(QWebSocket *socket, const SessionContext &context, ServiceCounters &counters);
    ~WsSession() override;
    Q_DISABLE_COPY_MOVE(WsSession)

    quint64 id() const { return m_ctx.id; }
    const SessionContext &context() const { return m_ctx; }
    QWebSocket *socket() const { return m_socket; }

    // Sending writes whole frames straight to the TCP (or TLS) socket that QWebSocket runs
    // on, in call order with QWebSocket's own control frames: one copy into the socket's
    // buffer, no per-message allocation (QWebSocket copies every payload and writes the
    // header separately). Messages over kDirectLimit go through QWebSocket, fragmented.
    // An answer to the message being handled goes to a plain socket's descriptor at once
    // when Qt's buffer for it is empty (see transmit()).
    void sendText(const QString &message);
    // A text message that is UTF-8 already (JSON built as bytes): no QString round trip.
    void sendUtf8(const QByteArray &utf8);
    void sendBinary(const QByteArray &message);
    // A frame built once (wsframe::frame) for many recipients; `payloadSize` for the counters.
    void sendFrame(const QByteArray &frame, wsframe::Opcode opcode, qsizetype payloadSize);
    static constexpr qsizetype kDirectLimit = 512 * 1024;  // QWebSocket's own frame size
    void close(int code, const QString &reason);
    void abort();

    // Called by the worker about once a second: pings and pong deadlines.
    void heartbeatTick(qint64 nowMs);
    qint64 lastRoundTripMs() const { return m_rttMs; }
    qint64 connectedAtMs() const { return m_connectedAtMs; }
    // A registry row for the dashboard (worker thread).
    ConnectionInfo info() const;
    // Who is on the other end, once known (after first-message authentication, say).
    void setIdentity(const QString &identity) { m_identity = identity; }

protected:
    virtual void onText(const QString &message) { Q_UNUSED(message); }
    virtual void onBinary(const QByteArray &message) { Q_UNUSED(message); }
    virtual void onDisconnected() {}
    // The message-rate limit was hit; the message was dropped. Default: close 1008.
    virtual void onRateLimited();
    ServiceCounters &counters() { return m_counters; }
    // For protocols with an application-level heartbeat (channels' PING/PONG): they report
    // their own pings and pongs for the registry.
    void disableWebSocketHeartbeat() { m_wsHeartbeat = false; }
    void notePingSent(qint64 nowMs)
    {
        m_lastPingMs = nowMs;
        ++m_pingsSent;
    }
    void notePong(qint64 nowMs, qint64 rttMs)
    {
        m_lastPongMs = nowMs;
        m_rttMs = rttMs;
    }
    void noteMissedHeartbeat() { ++m_missed; }

private:
    bool admitMessage(qsizetype bytes);
    bool canWriteDirect() const;
    void writeDirect(wsframe::Opcode opcode, QByteArrayView payload);
    void transmit(const char *data, qsizetype size);
    // Counters and capture for one message sent; `payload` is its bytes as sent.
    void noteSent(wsframe::Opcode opcode, QByteArrayView payload, qint64 size);
    void captureText(const QString &message, qsizetype bytes);  // an incoming text message of `bytes` UTF-8 bytes
    qsizetype captureKeep() const { return m_ctx.captureRing ? m_ctx.captureRing->keepBytes() : 0; }
    // The ring copies what it keeps of `data` (cut, masked) into its arena: callers hand over
    // a view of the message itself, never a copy made for the record.
    void capture(CaptureRecord::Direction direction, CaptureRecord::Kind kind, QByteArrayView data, qint64 size);
    void handleDisconnected();

    QWebSocket *m_socket;
    QPointer<QTcpSocket> m_transport;  // the socket QWebSocket writes to
    bool m_plain = false;               // not TLS: frames may go to its descriptor directly
    bool m_answering = false;           // inside onText/onBinary of this session
    SessionContext m_ctx;
    ServiceCounters &m_counters;
    qint64 m_connectedAtMs = 0;
    // Token bucket for messages per second.
    double m_tokens = 0;
    qint64 m_lastRefillMs = 0;
    // Heartbeat.
    qint64 m_lastPingMs = 0;
    qint64 m_pingSentMs = 0;  // 0 when no pong is outstanding
    qint64 m_rttMs = -1;
    qint64 m_pingsSent = 0;
    qint64 m_lastPongMs = 0;
    int m_missed = 0;
    int m_limitHits = 0;
    qint64 m_msgIn = 0, m_msgOut = 0, m_bytesIn = 0, m_bytesOut = 0;
    QString m_identity;
    bool m_closing = false;
    bool m_finished = false;
    bool m_wsHeartbeat = true;
    bool m_listensForPongs = false;
};

}  // namespace sb
