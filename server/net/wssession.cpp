#include "wssession.h"

#include "logging.h"
#include "telemetry/counters.h"
#include "worker.h"

#include <QDateTime>
#include <QScopedValueRollback>
#include <QSslSocket>
#include <QStringEncoder>
#include <QVarLengthArray>

#include <cerrno>
#include <sys/socket.h>

namespace sb {

namespace {
// The UTF-8 size of a text message, without encoding it: a surrogate pair is four bytes.
qsizetype utf8Length(QStringView s)
{
    qsizetype n = s.size();
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if (u >= 0x80)
            n += (u < 0x800 || QChar::isSurrogate(u)) ? 1 : 2;
    }
    return n;
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
}  // namespace

WsSession::WsSession(QWebSocket *socket, const SessionContext &context, ServiceCounters &counters)
    : m_socket(socket)
    , m_transport(context.transport)
    , m_plain(context.transport && !qobject_cast<QSslSocket *>(context.transport))
    , m_ctx(context)
    , m_counters(counters)
    , m_identity(context.admission.identity)
{
    m_socket->setParent(this);
    m_socket->setMaxAllowedIncomingFrameSize(quint64(m_ctx.limits.frameBytes));
    m_socket->setMaxAllowedIncomingMessageSize(quint64(m_ctx.limits.messageBytes));
    m_connectedAtMs = nowMs();
    m_lastRefillMs = m_connectedAtMs;
    m_lastPingMs = m_connectedAtMs;
    m_tokens = m_ctx.limits.messagesPerSecond;
    ServiceCounters::add(m_counters.connectionsOpen);
    ServiceCounters::add(m_counters.connectionsTotal);

    connect(m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &message) {
        // Counted and captured in bytes as received (UTF-8), like everything sent.
        const qsizetype bytes = utf8Length(message);
        if (!admitMessage(bytes))
            return;
        if (m_counters.capture.load(std::memory_order_relaxed))
            captureText(message, bytes);
        const QScopedValueRollback answering(m_answering, true);
        onText(message);
    });
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &message) {
        if (!admitMessage(message.size()))
            return;
        if (m_counters.capture.load(std::memory_order_relaxed))
            capture(CaptureRecord::In, CaptureRecord::Binary, message, message.size());
        const QScopedValueRollback answering(m_answering, true);
        onBinary(message);
    });
    connect(m_socket, &QWebSocket::disconnected, this, &WsSession::handleDisconnected);
}

WsSession::~WsSession()
{
    if (!m_finished)
        ServiceCounters::add(m_counters.connectionsOpen, -1);
}

void WsSession::captureText(const QString &message, qsizetype bytes)
{
    // Only what the ring keeps (plus the masking margin) is converted, not a 16 MB message,
    // and a short message on the stack: the ring copies the bytes it keeps.
    const QStringView kept = QStringView(message).left(captureKeep());
    QStringEncoder encoder(QStringEncoder::Utf8);
    QVarLengthArray<char, 1024> utf8(encoder.requiredSpace(kept.size()));
    const char *end = encoder.appendToBuffer(utf8.data(), kept);
    capture(CaptureRecord::In, CaptureRecord::Text, QByteArrayView(utf8.data(), end - utf8.data()), bytes);
}

void WsSession::capture(CaptureRecord::Direction direction, CaptureRecord::Kind kind, QByteArrayView data, qint64 size)
{
    if (!m_ctx.captureRing)
        return;
    m_ctx.captureRing->add(m_ctx.service, m_ctx.id, nowMs(), direction, kind, size, data);  // masked and cut there
}

ConnectionInfo WsSession::info() const
{
    ConnectionInfo i;
    i.id = m_ctx.id;
    i.service = m_ctx.service;
    bool v4 = false;
    const quint32 address = m_ctx.peer.toIPv4Address(&v4);  // ::ffff:a.b.c.d reads as a.b.c.d
    i.peer = v4 ? QStringLiteral("%1:%2").arg(QHostAddress(address).toString()).arg(m_ctx.peerPort)
                : QStringLiteral("[%1]:%2").arg(m_ctx.peer.toString()).arg(m_ctx.peerPort);
    i.identity = m_identity;
    i.listenerId = m_ctx.listenerId;
    i.sinceMs = m_connectedAtMs;
    i.messagesIn = m_msgIn;
    i.messagesOut = m_msgOut;
    i.bytesIn = m_bytesIn;
    i.bytesOut = m_bytesOut;
    i.lastPingMs = m_pingsSent ? m_lastPingMs : 0;
    i.lastPongMs = m_lastPongMs;
    i.rttMs = m_rttMs;
    i.pingIntervalMs = m_ctx.limits.pingIntervalMs;
    i.missedHeartbeats = m_missed;
    i.limitHits = m_limitHits;
    return i;
}

bool WsSession::admitMessage(qsizetype bytes)
{
    if (m_closing)
        return false;
    ServiceCounters::add(m_counters.messagesIn);
    ServiceCounters::add(m_counters.bytesIn, bytes);
    ++m_msgIn;
    m_bytesIn += bytes;
    const qint64 now = nowMs();
    const double rate = m_ctx.limits.messagesPerSecond;
    m_tokens = qMin(rate, m_tokens + double(now - m_lastRefillMs) * rate / 1000.0);
    m_lastRefillMs = now;
    if (m_tokens < 1.0) {
        ServiceCounters::add(m_counters.limitHits);
        ++m_limitHits;
        onRateLimited();
        return false;
    }
    m_tokens -= 1.0;
    return true;
}

void WsSession::onRateLimited()
{
    const LimitReaction r = limitReaction(LimitKind::MessageRate);
    close(r.closeCode, QString::fromLatin1(r.reason));
}

bool WsSession::canWriteDirect() const
{
    // QWebSocket closes its socket (not open any more) once it sent or answered a close
    // frame or lost the connection; that is also what write() looks at first.
    return m_transport && m_transport->isWritable() && m_transport->state() == QAbstractSocket::ConnectedState;
}

void WsSession::transmit(const char *data, qsizetype size)
{
    // An answer to the message being handled, on a plain socket with nothing queued in Qt's
    // buffer: straight to the kernel, while the bytes are hot. Everything else (deliveries
    // to other connections, several per turn) goes through Qt's buffer, one write per
    // socket per turn; so does whatever the kernel does not take (full send buffer, or an
    // error Qt should see and report), behind what went before, in order.
    if (m_answering && m_plain && m_transport->bytesToWrite() == 0) {
        const qintptr fd = m_transport->socketDescriptor();
        if (fd >= 0) {
            ssize_t sent;
            do
                sent = ::send(int(fd), data, size_t(size), MSG_NOSIGNAL | MSG_DONTWAIT);
            while (sent < 0 && errno == EINTR);
            if (sent == size)
                return;
            if (sent > 0) {
                data += sent;
                size -= sent;
            }
        }
    }
    m_transport->write(data, size);
}

void WsSession::noteSent(wsframe::Opcode opcode, QByteArrayView payload, qint64 size)
{
    ServiceCounters::add(m_counters.messagesOut);
    ServiceCounters::add(m_counters.bytesOut, size);
    ++m_msgOut;
    m_bytesOut += size;
    if (m_counters.capture.load(std::memory_order_relaxed))
        capture(CaptureRecord::Out, opcode == wsframe::Text ? CaptureRecord::Text : CaptureRecord::Binary,
                payload, size);
}

namespace {
// Header and payload in one buffer, one write: small messages need no heap at all.
constexpr qsizetype kStackFrame = 4096;
}  // namespace

void WsSession::sendText(const QString &message)
{
    if (m_closing)
        return;
    if (!canWriteDirect()) {
        noteSent(wsframe::Text, message.toUtf8(), m_socket->sendTextMessage(message));
        return;
    }
    QStringEncoder utf8(QStringEncoder::Utf8);
    const qsizetype most = utf8.requiredSpace(message.size());
    if (most > kDirectLimit) {  // may still fit one frame once encoded
        const QByteArray bytes = message.toUtf8();
        if (bytes.size() > kDirectLimit)
            noteSent(wsframe::Text, bytes, m_socket->sendTextMessage(message));
        else
            writeDirect(wsframe::Text, bytes);
        return;
    }
    // Encode behind the longest header, then put the real header right before the payload.
    QVarLengthArray<char, wsframe::kMaxHeader + kStackFrame> buffer(wsframe::kMaxHeader + most);
    char *payload = buffer.data() + wsframe::kMaxHeader;
    const qsizetype size = utf8.appendToBuffer(payload, message) - payload;
    const int header = wsframe::headerSize(quint64(size));
    wsframe::writeHeader(payload - header, wsframe::Text, quint64(size));
    transmit(payload - header, header + size);
    noteSent(wsframe::Text, QByteArrayView(payload, size), size);
}

void WsSession::writeDirect(wsframe::Opcode opcode, QByteArrayView payload)
{
    const int header = wsframe::headerSize(quint64(payload.size()));
    if (payload.size() <= kStackFrame) {
        char buffer[wsframe::kMaxHeader + kStackFrame];
        wsframe::writeHeader(buffer, opcode, quint64(payload.size()));
        if (!payload.isEmpty())
            memcpy(buffer + header, payload.data(), size_t(payload.size()));
        transmit(buffer, header + payload.size());
    } else {
        char buffer[wsframe::kMaxHeader];
        wsframe::writeHeader(buffer, opcode, quint64(payload.size()));
        transmit(buffer, header);
        transmit(payload.data(), payload.size());
    }
    noteSent(opcode, payload, payload.size());
}

void WsSession::sendUtf8(const QByteArray &utf8)
{
    if (m_closing)
        return;
    if (utf8.size() > kDirectLimit || !canWriteDirect())
        noteSent(wsframe::Text, utf8, m_socket->sendTextMessage(QString::fromUtf8(utf8)));
    else
        writeDirect(wsframe::Text, utf8);
}

void WsSession::sendBinary(const QByteArray &message)
{
    if (m_closing)
        return;
    if (message.size() > kDirectLimit || !canWriteDirect())
        noteSent(wsframe::Binary, message, m_socket->sendBinaryMessage(message));
    else
        writeDirect(wsframe::Binary, message);
}

void WsSession::sendFrame(const QByteArray &frame, wsframe::Opcode opcode, qsizetype payloadSize)
{
    if (m_closing)
        return;
    const QByteArrayView payload = QByteArrayView(frame).last(payloadSize);
    if (payloadSize > kDirectLimit || !canWriteDirect()) {
        const QByteArray copy = payload.toByteArray();
        noteSent(opcode, payload,
                 opcode == wsframe::Text ? m_socket->sendTextMessage(QString::fromUtf8(copy)) : m_socket->sendBinaryMessage(copy));
        return;
    }
    transmit(frame.constData(), frame.size());
    noteSent(opcode, payload, payloadSize);
}

void WsSession::close(int code, const QString &reason)
{
    if (m_closing)
        return;
    m_closing = true;
    // Close reasons are limited to 123 bytes of UTF-8 (RFC 6455 §5.5).
    QString r = reason;
    while (r.toUtf8().size() > 123)
        r.chop(1);
    m_socket->close(QWebSocketProtocol::CloseCode(code), r);
}

void WsSession::abort()
{
    m_closing = true;
    m_socket->abort();
}

void WsSession::heartbeatTick(qint64 now)
{
    const Limits &l = m_ctx.limits;
    if (l.pingIntervalMs <= 0 || m_finished || !m_wsHeartbeat)
        return;
    if (m_pingSentMs && now - m_pingSentMs > l.pongTimeoutMs) {
        ServiceCounters::add(m_counters.heartbeatTimeouts);
        noteMissedHeartbeat();
        qCDebug(lcNet) << "connection" << m_ctx.id << "missed its pong; dropping it";
        abort();  // the peer is not answering; a close handshake would wait on it too
        return;
    }
    if (!m_pingSentMs && now - m_lastPingMs >= l.pingIntervalMs) {
        notePingSent(now);
        m_pingSentMs = now;
        if (!m_listensForPongs) {
            // Only once there is a ping to answer: a connection that lives less than a ping
            // interval (most of a connect-and-leave burst) never pays for this connection.
            m_listensForPongs = true;
            connect(m_socket, &QWebSocket::pong, this, [this](quint64, const QByteArray &) {
                if (m_pingSentMs) {
                    notePong(nowMs(), nowMs() - m_pingSentMs);
                    m_pingSentMs = 0;
                }
            });
        }
        m_socket->ping();
    }
}

void WsSession::handleDisconnected()
{
    if (m_finished)
        return;
    m_finished = true;
    m_closing = true;
    onDisconnected();
    m_ctx.worker->sessionFinished(m_ctx.id);  // releases the connection's limit slots
    // Counted as closed only now: whoever sees the count drop may connect again.
    ServiceCounters::add(m_counters.connectionsOpen, -1);
}

}  // namespace sb
