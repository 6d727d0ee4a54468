#pragma once
// Base of every service's WebSocket session. Lives on the worker thread that accepted the
// connection. The worker answered the opening handshake (HttpConnection, the 101); the
// session owns the TCP (or TLS) socket and reads and writes the frames itself on it
// (docs/decisions.md, "Hardening"):
// - reading: WsReader checks every frame against RFC 6455 and the size limits; pings, pongs
//   and closes are answered here and count in the message rate like any message; nothing is
//   delivered once a close was sent or received.
// - writing: whole frames into the socket's buffer, in call order, one copy, no allocation
//   for small messages; an answer to the message being handled goes straight to a plain
//   socket's descriptor when nothing is queued before it.
// - back-pressure: while a quarter of the service's send queue is waiting for the peer,
//   nothing more is read from it; a message that would overfill the queue, or a queue the
//   peer has not taken from for the send timeout, closes it (1008, counted as a slow
//   consumer). Heartbeat (server ping, pong deadline) and a close deadline run from the
//   worker's one-second tick.

#include "net/access.h"
#include "net/epolldispatcher.h"
#include "telemetry/capture.h"
#include "telemetry/connectioninfo.h"
#include "stream.h"
#include "wsendpoint.h"
#include "wire/wsframe.h"
#include "wire/wsreader.h"

#include <QObject>
#include <QPointer>

namespace sb {

struct ServiceCounters;

class WsSession : public QObject, private ReadHook
{
    Q_OBJECT
public:
    // Takes `context.transport` over (its parent becomes the session).
    WsSession(const SessionContext &context, ServiceCounters &counters);
    ~WsSession() override;
    // Sends what transmit() gathered this turn (Worker::deferFlush): one send() to the
    // kernel, whatever it does not take queued in the stream behind it.
    void flushDeferred();
    Q_DISABLE_COPY_MOVE(WsSession)

    quint64 id() const { return m_ctx.id; }
    const SessionContext &context() const { return m_ctx; }

    void sendText(const QString &message);
    // A text message that is UTF-8 already (JSON built as bytes): no QString round trip.
    void sendUtf8(const QByteArray &utf8);
    // A text message made of two parts (a shared prefix and a per-recipient ending), written
    // without joining them first.
    void sendUtf8(const QByteArray &head, QByteArrayView tail);
    void sendBinary(const QByteArray &message);
    // A frame built once (wsframe::frame) for many recipients; `payloadSize` for the counters.
    void sendFrame(const QByteArray &frame, wsframe::Opcode opcode, qsizetype payloadSize);
    // Starts the closing handshake: a close frame now, the TCP connection closed when the
    // peer answers with its own (or after the close timeout). Nothing is sent after it.
    void close(int code, const QString &reason);
    void abort();
    // A message whose answer comes later (from another thread) holds the socket's input until
    // it is answered, so that the next message's answer cannot overtake it (docs/configuration.md, "Limits": a
    // socket's messages are handled in the order sent). Nestable; worker thread.
    void holdInput() { ++m_held; }
    void releaseInput();

    // Called by the worker about once a second: pings, pong deadlines, stalled sends, and
    // closing handshakes that take too long.
    void heartbeatTick(qint64 nowMs);
    qint64 lastRoundTripMs() const { return m_rttMs; }
    qint64 connectedAtMs() const { return m_connectedAtMs; }
    // A registry row for the dashboard (worker thread).
    ConnectionInfo info() const;
    // Who is on the other end, once known (after first-message authentication, say).
    void setIdentity(const QString &identity) { m_identity = identity; }
    // Whether this connection was opened with the access that `event` ends (a revoked token,
    // a disabled user, a revoked API token); then the worker closes it. Role changes end
    // nothing: what depends on a role reads it when it is used (chat prices at commit).
    bool endedBy(const AccessEvent &event) const;
    // Bytes waiting to be sent to the peer (the stream's queue, encrypted bytes included).
    qint64 queuedBytes() const;
    // Memory this connection holds beyond its sockets' fixed buffers (for trimming the heap).
    qint64 heldBytes() const { return m_peakHeld; }

    static constexpr int kCloseTimeoutMs = 5000;
    // Header and payload in one buffer, one write: small messages need no heap at all.
    static constexpr qsizetype kStackFrame = 4096;

protected:
    // A text message as it arrived (valid UTF-8). Default: onText() with it converted; a
    // session that reads some messages straight from the bytes overrides this.
    virtual void onTextUtf8(QByteArrayView message) { onText(QString::fromUtf8(message)); }
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
    // Who authenticated, for sessions that authenticate with their first message.
    void setAccess(qint64 userId, const QByteArray &tokenDigest)
    {
        m_userId = userId;
        m_tokenDigest = tokenDigest;
    }

private:
    enum class Control : quint8 { Close = 0x8, Ping = 0x9, Pong = 0xA };

    void onReadyRead();
    // ReadHook: the socket is readable and the stream has nothing buffered: one recv() onto
    // the stack, parsed at once. False leaves it to the stream (end of stream, errors, not
    // reading now).
    bool readReady() override;
    // What onReadyRead and readReady do after parsing `n` bytes from the stack.
    void keepRest(const char *data, qsizetype n, qsizetype used);
    // Handles the frames in data[0, size); returns the bytes taken (a partial frame stays).
    qsizetype consume(char *data, qsizetype size);
    bool handle(const WsEvent &event);  // false: stop reading
    bool admitMessage(qsizetype bytes, bool control);
    void deliver(const WsEvent &event);
    void fail(int code, const char *reason);
    void writeClose(int code, const QString &reason);
    void writeControl(Control opcode, QByteArrayView payload);
    void finishClosing();
    bool canWrite() const;
    // False (and the connection closed as a slow consumer) when `size` more bytes would
    // overfill the send queue.
    bool makeRoom(qsizetype size);
    void slowConsumer(LimitKind why);
    void checkPause();
    void onDrained();
    void writeDirect(wsframe::Opcode opcode, QByteArrayView payload);
    void transmit(const char *data, qsizetype size);
    void transmitShared(const QByteArray &bytes);
    // True when output is to be gathered for the turn's end (scheduled with the worker).
    bool deferring();
    // A whole message whose payload is a QByteArray: big ones are queued without a copy.
    void writeShared(wsframe::Opcode opcode, const QByteArray &payload);
    // Counters and capture for one message sent; `payload` is its bytes as sent.
    void noteSent(wsframe::Opcode opcode, QByteArrayView payload, qint64 size);
    qsizetype captureKeep() const { return m_ctx.captureRing ? m_ctx.captureRing->keepBytes() : 0; }
    // The ring copies what it keeps of `data` (cut, masked) into its arena: callers hand over
    // a view of the message itself, never a copy made for the record.
    void capture(CaptureRecord::Direction direction, CaptureRecord::Kind kind, QByteArrayView data, qint64 size);
    void captureControl(CaptureRecord::Direction direction, CaptureRecord::Kind kind, QByteArrayView data);
    void handleDisconnected();

    QPointer<Stream> m_transport;  // the stream frames are read from and written to (a child)
    // The worker's dispatcher hands a plain socket's readable events to readReady().
    QPointer<EpollDispatcher> m_dispatcher;
    int m_fd = -1;
    bool m_answering = false;          // inside onText/onBinary of this session
    // Deliveries of this turn to a plain socket with nothing queued: sent together at
    // the turn's end (flushDeferred). One delivery is the shared frame itself, not a copy.
    QByteArray m_deferred;
    SessionContext m_ctx;
    ServiceCounters &m_counters;
    WsReader m_reader;
    QByteArray m_in;  // received bytes not yet parsed: the start of a frame still arriving
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
    // Send queue.
    qint64 m_wireOut = 0;         // every byte handed to the transport
    qint64 m_progressMark = 0;    // bytes known taken by the peer at the last tick
    qint64 m_stalledSinceMs = 0;  // data queued and none taken since then (0: not stalled)
    qint64 m_peakHeld = 0;
    qint64 m_closeDeadlineMs = 0;
    qint64 m_discardedBytes = 0;  // read after our close, while its answer is awaited
    QString m_identity;
    qint64 m_userId = 0;
    QByteArray m_tokenDigest;
    qint64 m_apiTokenId = 0;
    int m_held = 0;            // answers awaited from elsewhere: not reading meanwhile
    bool m_paused = false;     // back-pressure: not reading from the peer
    bool m_reading = false;    // inside onReadyRead or readReady
    bool m_closing = false;    // a close frame was sent (or the connection is being dropped)
    bool m_closeReceived = false;
    bool m_finished = false;
    bool m_wsHeartbeat = true;
};

}  // namespace sb
