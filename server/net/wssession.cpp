#include "wssession.h"

#include "logging.h"
#include "telemetry/counters.h"
#include "worker.h"

#include <QDateTime>
#include <QScopedValueRollback>

#include <sys/socket.h>

#include <cerrno>

namespace sb {

namespace {
qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Received bytes are parsed from the stack when no partial frame is held: no heap either.
constexpr qsizetype kStackRead = 16 * 1024;
// The stream reads at most this much ahead of the session; when the session stops reading
// (back-pressure), the stream stops reading from the kernel and TCP flow control reaches
// the peer.
constexpr qint64 kTransportReadAhead = 256 * 1024;
// What is read (and dropped) after a close was sent, while waiting for the peer's close.
constexpr qint64 kDiscardAfterClose = 1024 * 1024;
// A partial frame's buffer above this size is given back once the frame is done.
constexpr qsizetype kKeepInBuffer = 64 * 1024;
}  // namespace

WsSession::WsSession(const SessionContext &context, ServiceCounters &counters)
    : m_transport(context.transport)
    , m_ctx(context)
    , m_counters(counters)
    , m_reader(context.limits.frameBytes, context.limits.messageBytes)
    , m_identity(context.admission.identity)
    , m_userId(context.admission.userId)
    , m_tokenDigest(context.admission.tokenDigest)
    , m_apiTokenId(context.admission.apiTokenId)
{
    m_transport->setParent(this);
    m_connectedAtMs = nowMs();
    m_lastRefillMs = m_connectedAtMs;
    m_lastPingMs = m_connectedAtMs;
    m_tokens = m_ctx.limits.messagesPerSecond;
    ServiceCounters::add(m_counters.connectionsOpen);
    ServiceCounters::add(m_counters.connectionsTotal);
    if (m_counters.capture.load(std::memory_order_relaxed)) {
        // The capture's first record of a connection: what it asked for (exports name it by
        // its URL); the ring masks credentials in the query, as in any request line.
        const QByteArray opened = "GET " + m_ctx.path + (m_ctx.query.isEmpty() ? QByteArray() : '?' + m_ctx.query);
        capture(CaptureRecord::In, CaptureRecord::Opened, opened, opened.size());
        // Then the handshake itself: the request's headers as they came, and the answer.
        if (!m_ctx.handshakeRequest.isEmpty()) {
            capture(CaptureRecord::In, CaptureRecord::Handshake, m_ctx.handshakeRequest, m_ctx.handshakeRequest.size());
            capture(CaptureRecord::Out, CaptureRecord::Handshake, m_ctx.handshakeResponse, m_ctx.handshakeResponse.size());
            m_ctx.handshakeRequest = m_ctx.handshakeResponse = QByteArray();  // not kept for the connection's life
        }
    }

    m_transport->setReadBufferSize(kTransportReadAhead);
    connect(m_transport, &Stream::readyRead, this, &WsSession::onReadyRead);
    connect(m_transport, &Stream::disconnected, this, &WsSession::handleDisconnected);
    if (!m_transport->isTls()) {  // a plain stream's bytes may be read from its descriptor
        if (auto *epoll = qobject_cast<EpollDispatcher *>(QAbstractEventDispatcher::instance())) {
            m_fd = m_transport->plainDescriptor();
            if (epoll->setReadHook(m_fd, this))
                m_dispatcher = epoll;
        }
    }
    // Bytes that came with the handshake's last read: once the subclass exists.
    if (m_transport->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &WsSession::onReadyRead, Qt::QueuedConnection);
}

WsSession::~WsSession()
{
    if (m_dispatcher)
        m_dispatcher->clearReadHook(m_fd, this);
    if (!m_finished)
        ServiceCounters::add(m_counters.connectionsOpen, -1);
}

// ---- reading ---------------------------------------------------------------------------

void WsSession::releaseInput()
{
    if (m_held > 0 && --m_held == 0 && !m_finished)
        QMetaObject::invokeMethod(this, &WsSession::onReadyRead, Qt::QueuedConnection);
}

void WsSession::onReadyRead()
{
    if (m_reading || m_paused || m_held || m_finished || m_closeReceived || !m_transport)
        return;
    const QScopedValueRollback reading(m_reading, true);
    for (;;) {
        if (!m_in.isEmpty()) {
            // Frames held back by a pause, or the rest of a frame that is still arriving.
            const qsizetype used = consume(m_in.data(), m_in.size());
            m_in.remove(0, used);
        }
        if (m_paused || m_held || m_finished || m_closeReceived || !m_transport)
            break;
        const qint64 available = m_transport->bytesAvailable();
        if (available <= 0)
            break;
        if (m_in.isEmpty()) {
            char stack[kStackRead];
            const qint64 n = m_transport->read(stack, qMin<qint64>(available, kStackRead));
            if (n <= 0)
                break;
            keepRest(stack, qsizetype(n), consume(stack, qsizetype(n)));
        } else {
            const qint64 frame = m_reader.pendingFrameSize();
            if (frame > m_in.capacity())
                m_in.reserve(qsizetype(frame));
            const qsizetype old = m_in.size();
            m_in.resize(old + qsizetype(available));
            const qint64 n = m_transport->read(m_in.data() + old, available);
            m_in.resize(old + qsizetype(qMax<qint64>(n, 0)));
            if (n <= 0)
                break;
        }
    }
    m_peakHeld = qMax<qint64>(m_peakHeld, m_in.capacity() + m_reader.bufferedBytes());
    if (m_in.isEmpty() && m_in.capacity() > kKeepInBuffer)
        m_in = QByteArray();
}

bool WsSession::readReady()
{
    // Anything in the stream's buffer, or a partial frame of ours, is read first by onReadyRead.
    if (m_reading || m_paused || m_held || m_finished || m_closeReceived || !m_transport || !m_in.isEmpty()
        || m_transport->bytesAvailable() > 0)
        return false;
    char stack[kStackRead];
    const ssize_t n = ::recv(m_fd, stack, sizeof stack, MSG_DONTWAIT);
    if (n <= 0)  // the peer's end or an error: the stream's read finds it and reports it
        return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
    const QScopedValueRollback reading(m_reading, true);
    keepRest(stack, qsizetype(n), consume(stack, qsizetype(n)));
    return true;
}

void WsSession::keepRest(const char *data, qsizetype n, qsizetype used)
{
    if (used < n && !m_finished && !m_closeReceived)
        m_in.append(data + used, n - used);
    m_peakHeld = qMax<qint64>(m_peakHeld, m_in.capacity() + m_reader.bufferedBytes());
}

qsizetype WsSession::consume(char *data, qsizetype size)
{
    qsizetype pos = 0;
    while (pos < size && !m_paused && !m_held && !m_finished && !m_closeReceived) {
        WsEvent event;
        const qsizetype n = m_reader.next(data + pos, size - pos, event);
        if (event.type == WsEvent::NeedMore)
            break;
        pos += n;
        if (m_closing && event.type != WsEvent::Close && event.type != WsEvent::Fail) {
            // After our close only the peer's close is looked for; a peer that keeps sending
            // instead (a flood that was closed for its rate) is not read for long.
            m_discardedBytes += n;
            if (m_discardedBytes > kDiscardAfterClose) {
                m_closeReceived = true;
                finishClosing();
                break;
            }
        }
        if (!handle(event))
            break;
    }
    return pos;
}

bool WsSession::handle(const WsEvent &event)
{
    switch (event.type) {
    case WsEvent::NeedMore:
    case WsEvent::Frame:
        return true;
    case WsEvent::Text:
    case WsEvent::Binary:
        if (m_closing)
            return true;  // a close was sent: nothing more is taken from this peer
        deliver(event);
        checkPause();
        return !m_finished;
    case WsEvent::Ping:
        captureControl(CaptureRecord::In, CaptureRecord::Ping, event.payload);
        if (m_closing || !admitMessage(event.payload.size(), true))
            return !m_finished;
        writeControl(Control::Pong, event.payload);
        checkPause();
        return true;
    case WsEvent::Pong:
        captureControl(CaptureRecord::In, CaptureRecord::Pong, event.payload);
        if (m_closing || !admitMessage(event.payload.size(), true))
            return !m_finished;
        if (m_pingSentMs) {
            const qint64 now = nowMs();
            notePong(now, now - m_pingSentMs);
            m_pingSentMs = 0;
        }
        return true;
    case WsEvent::Close:
        captureControl(CaptureRecord::In, CaptureRecord::Close, QByteArray::number(event.code) + ' ' + event.payload.toByteArray());
        m_closeReceived = true;
        if (!m_closing) {
            // The peer closes: answer with its code (RFC 6455 §5.5.1), then end the TCP connection.
            m_closing = true;
            writeClose(event.code == 1005 ? 0 : event.code, QString());
        }
        finishClosing();
        return false;
    case WsEvent::Fail:
        fail(event.code, event.reason);
        return false;
    }
    return false;
}

void WsSession::deliver(const WsEvent &event)
{
    const qsizetype bytes = event.payload.size();
    if (!admitMessage(bytes, false))
        return;
    const bool text = event.type == WsEvent::Text;
    if (m_counters.capture.load(std::memory_order_relaxed))
        capture(CaptureRecord::In, text ? CaptureRecord::Text : CaptureRecord::Binary, event.payload, bytes);
    const QScopedValueRollback answering(m_answering, true);
    if (text)
        onTextUtf8(event.payload);
    else
        onBinary(event.payload.toByteArray());
}

bool WsSession::admitMessage(qsizetype bytes, bool control)
{
    if (m_closing)
        return false;
    if (!control) {
        ServiceCounters::add(m_counters.messagesIn);
        ServiceCounters::add(m_counters.bytesIn, bytes);
        ++m_msgIn;
        m_bytesIn += bytes;
    }
    // Pings and pongs take from the same bucket: answering them costs as much as a message.
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

void WsSession::fail(int code, const char *reason)
{
    // RFC 6455 §7.1.7: a close frame saying why, then the TCP connection ends; the stream
    // may be unparseable from here, so no close reply is waited for.
    ServiceCounters::add(m_counters.errors);
    if (code == 1009)
        ServiceCounters::add(m_counters.limitHits);
    qCDebug(lcNet) << "connection" << m_ctx.id << "failed:" << code << reason;
    if (!m_closing) {
        m_closing = true;
        writeClose(code, QString::fromLatin1(reason));
    }
    m_closeReceived = true;
    finishClosing();
}

// ---- closing and the heartbeat ---------------------------------------------------------

void WsSession::close(int code, const QString &reason)
{
    if (m_closing)
        return;
    m_closing = true;
    writeClose(code, reason);
    // The peer's close frame ends the connection (handle(), Close); reading goes on until then.
    if (!m_paused && m_transport && m_transport->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &WsSession::onReadyRead, Qt::QueuedConnection);
}

void WsSession::abort()
{
    m_closing = true;
    m_closeReceived = true;
    if (m_transport)
        m_transport->abort();
}

void WsSession::heartbeatTick(qint64 now)
{
    if (m_finished)
        return;
    if (m_closing) {
        if (now < m_closeDeadlineMs)
            return;
        if (!m_closeReceived) {
            // No close reply in time: end it from this side.
            m_closeReceived = true;
            finishClosing();
        } else {
            qCDebug(lcNet) << "connection" << m_ctx.id << "did not finish closing; dropping it";
            abort();
        }
        return;
    }
    const Limits &l = m_ctx.limits;
    // A send queue the peer takes nothing from.
    const qint64 queued = queuedBytes();
    if (queued == 0) {
        m_stalledSinceMs = 0;
    } else {
        const qint64 taken = m_wireOut - queued;
        if (m_stalledSinceMs == 0 || taken > m_progressMark) {
            m_progressMark = taken;
            m_stalledSinceMs = now;
        } else if (now - m_stalledSinceMs >= l.sendTimeoutMs) {
            slowConsumer(LimitKind::SendTimeout);
            return;
        }
    }
    if (l.pingIntervalMs <= 0 || !m_wsHeartbeat)
        return;
    // (While this side holds the input, waiting on its own storage, the pong may be there unread.)
    if (m_pingSentMs && now - m_pingSentMs > l.pongTimeoutMs && m_held == 0) {
        ServiceCounters::add(m_counters.heartbeatTimeouts);
        noteMissedHeartbeat();
        qCDebug(lcNet) << "connection" << m_ctx.id << "missed its pong; dropping it";
        abort();  // the peer is not answering; a close handshake would wait on it too
        return;
    }
    if (!m_pingSentMs && now - m_lastPingMs >= l.pingIntervalMs) {
        notePingSent(now);
        m_pingSentMs = now;
        writeControl(Control::Ping, {});
    }
}

void WsSession::handleDisconnected()
{
    if (m_finished)
        return;
    m_finished = true;
    m_closing = true;
    m_closeReceived = true;
    onDisconnected();
    m_ctx.worker->sessionFinished(m_ctx.id);  // releases the connection's limit slots
    // Counted as closed only now: whoever sees the count drop may connect again.
    ServiceCounters::add(m_counters.connectionsOpen, -1);
}

bool WsSession::endedBy(const AccessEvent &event) const
{
    switch (event.kind) {
    case AccessEvent::Token: return !m_tokenDigest.isEmpty() && m_tokenDigest == event.tokenDigest;
    case AccessEvent::User: return m_userId != 0 && m_userId == event.userId;
    case AccessEvent::ApiToken: return m_apiTokenId != 0 && m_apiTokenId == event.apiTokenId;
    case AccessEvent::Role: return false;
    }
    return false;
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

}  // namespace sb
