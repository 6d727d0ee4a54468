#include "httpconnection.h"

#include "logging.h"
#include "servercontext.h"
#include "stream.h"
#include "worker.h"
#include "wsupgrade.h"

#include <QDateTime>
#include <QThread>
#include <QTimerEvent>

namespace sb {

// ---- HttpResponder ---------------------------------------------------------------------

HttpResponder::HttpResponder(HttpConnection *conn)
    : m_conn(conn), m_worker(&conn->worker()), m_requestSerial(conn->currentSerial())
{
}

HttpConnection *HttpResponder::stream(HttpResponse head) const
{
    if (m_worker->thread() != QThread::currentThread() || !m_conn)
        return nullptr;
    return m_conn->startStream(m_requestSerial, std::move(head)) ? m_conn.data() : nullptr;
}

void HttpResponder::send(HttpResponse response) const
{
    // Responses may come from the blocking pool. The hop goes through the worker, which
    // outlives every connection; the QPointer is only read on the connection's own thread.
    if (m_worker->thread() == QThread::currentThread()) {
        if (m_conn)
            m_conn->respond(m_requestSerial, std::move(response));
        return;
    }
    m_worker->post([conn = m_conn, serial = m_requestSerial, response = std::move(response)]() mutable {
        if (conn)
            conn->respond(serial, std::move(response));
    });
}

// ---- HttpConnection --------------------------------------------------------------------

HttpConnection::HttpConnection(Stream *socket, std::shared_ptr<const ListenerRuntime> listener, Worker &worker)
    : m_socket(socket), m_listener(std::move(listener)), m_worker(worker)
{
    m_socket->setParent(this);
    m_id = worker.context().nextConnectionId.fetch_add(1, std::memory_order_relaxed);
    connect(m_socket, &Stream::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &Stream::disconnected, this, &HttpConnection::onDisconnected);
    // The stream reads ahead of the parser no further than a head (and a bit): a client that
    // sends request after request without reading the answers is held back by TCP, not by
    // memory.
    m_socket->setReadBufferSize(qMax<qint64>(256 * 1024, worker.context().serverLimits().headBytes + 8));
}

HttpConnection::~HttpConnection() = default;

void HttpConnection::arm(int ms)
{
    // One deadline at a time (head, body, handler, response, keep-alive), single-shot. A
    // precise timer: a coarse one may fire up to 5% before the limit. QBasicTimer: no timer
    // object and no connection per HTTP connection.
    m_timer.start(ms, Qt::PreciseTimer, this);
}

void HttpConnection::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_timer.timerId())
        return QObject::timerEvent(event);
    m_timer.stop();
    onTimeout();
}

int HttpConnection::listenerId() const
{
    return m_listener->id;
}

void HttpConnection::start()
{
    arm(m_worker.context().serverLimits().headTimeoutMs);
    if (m_socket->bytesAvailable() > 0)
        process();
}

void HttpConnection::onReadyRead()
{
    const bool firstBytes = m_state == State::Head && !m_headStarted;
    if (firstBytes)
        m_headStarted = true;
    process();
    // The head's deadline counts from its first byte. A head that came whole in this read has
    // moved on (body, handler, hand-over: each sets its own deadline), so the timer is only
    // restarted for a head still incomplete — not twice for every connection.
    if (firstBytes && m_state == State::Head && m_socket && !m_finished)
        arm(m_worker.context().serverLimits().headTimeoutMs);
}

qint64 HttpConnection::queuedBytes() const
{
    return m_socket ? m_socket->bytesToWrite() : 0;
}

bool HttpConnection::waitForDrain()
{
    // Pipelined requests are answered as long as the client takes the answers.
    if (queuedBytes() <= m_worker.context().serverLimits().sendQueueBytes)
        return false;
    if (!m_waitingDrain) {
        m_waitingDrain = true;
        connect(m_socket, &Stream::bytesWritten, this, &HttpConnection::onDrained);
        arm(m_worker.context().serverLimits().sendTimeoutMs);
    }
    return true;
}

void HttpConnection::onDrained()
{
    if (!m_waitingDrain || !m_socket || queuedBytes() > m_worker.context().serverLimits().sendQueueBytes / 2)
        return;
    m_waitingDrain = false;
    disconnect(m_socket, &Stream::bytesWritten, this, &HttpConnection::onDrained);
    const Limits limits = m_worker.context().serverLimits();
    arm(m_socket->bytesAvailable() > 0 ? limits.headTimeoutMs : limits.keepAliveMs);
    QMetaObject::invokeMethod(this, &HttpConnection::process, Qt::QueuedConnection);
}

void HttpConnection::process()
{
    while (m_socket && !m_finished) {
        if (m_state == State::Head) {
            if (m_socket->bytesAvailable() == 0 || waitForDrain() || !parseHead())
                return;
        } else if (m_state == State::Body) {
            if (!readBody())
                return;
        } else {
            return;  // Handling: the next request waits; Closing/Handed: nothing more to read
        }
    }
}

bool HttpConnection::parseHead()
{
    const Limits limits = m_worker.context().serverLimits();
    // What has arrived, up to the limit: not a 16 KiB buffer for a 200-byte head.
    const QByteArray buffer = m_socket->peek(qMin<qint64>(m_socket->bytesAvailable(), limits.headBytes + 4));
    HttpRequestHead head;
    const HeadParseResult r = parseRequestHead(buffer, head, limits.headBytes);
    if (r.status == HeadParseResult::Incomplete)
        return false;
    if (r.status == HeadParseResult::Error) {
        const bool tooLarge = r.httpStatus == 431;
        refuse(r.httpStatus, tooLarge ? limitReaction(LimitKind::HeadSize).code : "BAD_REQUEST",
               QString::fromLatin1(r.reason), tooLarge ? "head_too_large" : "bad_request");
        return false;
    }
    // Field by field: a fresh HttpRequest would allocate a QHostAddress only to replace it.
    m_request.head = std::move(head);
    m_request.body.clear();
    m_request.params.clear();
    m_request.peer = m_client ? m_client->address : m_socket->peerAddress();
    m_request.peerPort = m_client ? m_client->port : m_socket->peerPort();
    m_request.tls = m_socket->isTls();
    ++m_serial;

    const HttpRequestHead &h = m_request.head;
    const bool upgrade = h.hasHeader("Upgrade") || h.hasHeader("Sec-WebSocket-Key");
    if (upgrade && (h.headerHasToken("Upgrade", "websocket") || h.hasHeader("Sec-WebSocket-Key")
                    || !m_listener->router.matchHttp(h.method, h.path).http)) {
        handleUpgrade(r.headLength);
        return false;
    }
    m_socket->skip(r.headLength);  // consume the head
    m_keepAlive = h.versionMinor >= 1 ? !h.headerHasToken("Connection", "close")
                                      : h.headerHasToken("Connection", "keep-alive");
    beginBody();
    return true;
}

void HttpConnection::beginBody()
{
    ServerContext &ctx = m_worker.context();
    const HttpRequestHead &h = m_request.head;
    RouteMatch match = m_listener->router.matchHttp(h.method, h.path);
    m_route = match.http;
    m_request.params = std::move(match.params);
    m_service = m_route ? m_route->service : QStringLiteral("http");
    if (!m_route) {
        m_state = State::Handling;
        if (match.otherMethods) {
            refuse(405, "METHOD_NOT_ALLOWED",
                   QStringLiteral("%1 is not allowed here").arg(QString::fromLatin1(h.method)), "",
                   {{"Allow", match.allowed.join(", ")}});
        } else if (m_listener->router.matchWs(h.path).ws) {
            // A WebSocket endpoint asked without the upgrade headers (seed 003: 400).
            refuse(400, "WEBSOCKET_REQUIRED",
                   QStringLiteral("%1 is a WebSocket endpoint: the request needs 'Upgrade: websocket' and 'Connection: Upgrade'")
                       .arg(QString::fromUtf8(h.path)),
                   "bad_upgrade");
        } else {
            refuse(404, "NOT_FOUND", QStringLiteral("no route for %1 %2").arg(QString::fromLatin1(h.method), QString::fromUtf8(h.path)), "");
        }
        return;
    }
    const Limits limits = ctx.limitsFor(m_service);
    m_chunked.reset();
    m_bodyLeft = 0;
    if (h.hasHeader("Transfer-Encoding")) {
        m_chunked = std::make_unique<ChunkedDecoder>(limits.bodyBytes);
    } else if (h.hasHeader("Content-Length")) {
        m_bodyLeft = h.header("Content-Length").toLongLong();
        if (m_bodyLeft > limits.bodyBytes) {
            const LimitReaction lr = limitReaction(LimitKind::BodySize);
            ServiceCounters::add(ctx.telemetry->service(m_service).limitHits);
            m_state = State::Handling;
            refuse(lr.httpStatus, lr.code, QStringLiteral("request body of %1 bytes is over the limit of %2 bytes").arg(m_bodyLeft).arg(limits.bodyBytes), "");
            return;
        }
    }
    if ((m_chunked || m_bodyLeft > 0) && h.headerHasToken("Expect", "100-continue"))
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    m_state = State::Body;
    arm(limits.headTimeoutMs * 6);  // whole-body deadline
}

bool HttpConnection::readBody()
{
    if (m_chunked) {
        const QByteArray avail = m_socket->peek(qMin<qint64>(m_socket->bytesAvailable(), 1 << 20));
        if (avail.isEmpty())
            return false;
        qsizetype used = 0;
        const ChunkedDecoder::Result r = m_chunked->feed(avail, used);
        m_socket->skip(used);
        if (r == ChunkedDecoder::NeedMore)
            return m_socket->bytesAvailable() > 0;
        if (r == ChunkedDecoder::Error) {
            m_state = State::Handling;
            refuse(400, "BAD_REQUEST", QStringLiteral("malformed chunked body: %1").arg(QString::fromLatin1(m_chunked->error())), "");
            return false;
        }
        if (r == ChunkedDecoder::TooLarge) {
            const LimitReaction lr = limitReaction(LimitKind::BodySize);
            ServiceCounters::add(m_worker.context().telemetry->service(m_service).limitHits);
            m_state = State::Handling;
            refuse(lr.httpStatus, lr.code, QStringLiteral("request body is over the limit"), "");
            return false;
        }
        m_request.body = m_chunked->takeBody();
        m_chunked.reset();
    } else if (m_bodyLeft > 0) {
        if (m_request.body.isEmpty())
            m_request.body.reserve(m_bodyLeft);  // within the body limit: one allocation, no regrowth
        const QByteArray part = m_socket->read(m_bodyLeft);
        m_request.body.append(part);
        m_bodyLeft -= part.size();
        if (m_bodyLeft > 0)
            return false;
    }
    dispatch();
    return true;
}

void HttpConnection::dispatch()
{
    m_state = State::Handling;
    arm(kHandlerDeadlineMs);  // a handler that never answers must not pin the socket
    ServerContext &ctx = m_worker.context();
    ServiceCounters &counters = ctx.telemetry->service(m_service);
    ServiceCounters::add(counters.httpRequests);
    if (counters.capture.load(std::memory_order_relaxed)) {
        // The head exactly as received.
        QByteArray text = m_request.head.raw + "\r\n\r\n" + m_request.body.left(ctx.capture.keepBytes());
        ctx.capture.add({0, QDateTime::currentMSecsSinceEpoch(), m_id, m_service, CaptureRecord::In, CaptureRecord::HttpRequest,
                         m_request.body.size(), text});
    }
    m_route->handler(m_request, HttpResponder(this));
}

void HttpConnection::respond(quint64 serial, HttpResponse response)
{
    if (serial != m_serial || m_state != State::Handling || !m_socket)
        return;
    write(std::move(response));
}

bool HttpConnection::startStream(quint64 serial, HttpResponse head)
{
    if (serial != m_serial || m_state != State::Handling || !m_socket || m_shutdown)
        return false;
    head.closeAfter = true;  // no length: the body ends when the connection does
    head.setHeader("Cache-Control", "no-cache");
    head.setHeader("X-Accel-Buffering", "no");
    head.stream = true;
    m_socket->write(head.serialize());
    m_state = State::Streaming;
    m_timer.stop();
    ++m_served;
    return true;
}

void HttpConnection::streamWrite(const QByteArray &data)
{
    if (m_state != State::Streaming || !m_socket)
        return;
    const qint64 queued = queuedBytes();
    const Limits limits = m_worker.context().limitsFor(m_service);
    if (queued > 0 && queued + data.size() > limits.sendQueueBytes) {
        // An event stream whose reader stopped reading: closed, not buffered without end.
        ServerContext &ctx = m_worker.context();
        ServiceCounters::add(ctx.telemetry->service(m_service).slowConsumers);
        ServiceCounters::add(ctx.telemetry->service(m_service).limitHits);
        qCInfo(lcNet) << "event stream closed:" << limitReaction(LimitKind::SendQueue).reason;
        m_state = State::Closing;
        arm(2000);
        m_socket->disconnectFromHost();
        return;
    }
    m_socket->write(data);
}

void HttpConnection::write(HttpResponse response)
{
    if (!m_keepAlive || m_shutdown)
        response.closeAfter = true;
    const bool head = m_request.head.method == "HEAD";
    const QByteArray bytes = response.serialize(head);
    // Captured before it leaves: a client holding the response finds it in the capture.
    ServerContext &ctx = m_worker.context();
    if (ctx.telemetry->service(m_service).capture.load(std::memory_order_relaxed))
        ctx.capture.add({0, QDateTime::currentMSecsSinceEpoch(), m_id, m_service, CaptureRecord::Out, CaptureRecord::HttpResponse,
                         response.body.size(), bytes});  // the ring keeps what it needs of it
    m_socket->write(bytes);
    ++m_served;
    m_request = HttpRequest();
    if (response.closeAfter) {
        m_state = State::Closing;
        arm(5000);  // a peer that never reads its response is dropped
        m_socket->disconnectFromHost();
        return;
    }
    m_state = State::Head;
    m_headStarted = m_socket->bytesAvailable() > 0;
    const Limits limits = m_worker.context().serverLimits();
    arm(m_headStarted ? limits.headTimeoutMs : limits.keepAliveMs);
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::process, Qt::QueuedConnection);
}

void HttpConnection::refuse(int status, const QByteArray &code, const QString &detail, const QByteArray &metric,
                            QList<QPair<QByteArray, QByteArray>> extraHeaders)
{
    if (!metric.isEmpty())
        m_worker.context().telemetry->countRejection(metric);
    HttpResponse r = HttpResponse::error(status, code, detail);
    for (const auto &h : extraHeaders)
        r.setHeader(h.first, h.second);
    r.closeAfter = true;
    m_state = State::Handling;
    write(std::move(r));
}

void HttpConnection::onTimeout()
{
    const Limits limits = m_worker.context().serverLimits();
    if (m_waitingDrain) {
        // Answers queued and none taken for the send timeout: a client that does not read.
        ServiceCounters::add(m_worker.context().telemetry->service(m_service.isEmpty() ? QStringLiteral("http") : m_service).slowConsumers);
        abort();
        return;
    }
    switch (m_state) {
    case State::Head:
        if (m_socket->bytesAvailable() == 0 && !m_headStarted) {
            // An idle keep-alive connection (or one that never spoke) is closed quietly
            // after a response; a first request that never came gets 408.
            if (m_served > 0) {
                m_state = State::Closing;
                arm(5000);
                m_socket->disconnectFromHost();  // (may end the connection at once)
                return;
            }
        }
        {
            const LimitReaction r = limitReaction(LimitKind::HeadTime);
            ServiceCounters::add(m_worker.context().telemetry->service(QStringLiteral("http")).limitHits);
            refuse(r.httpStatus, r.code, QStringLiteral("request head not complete within %1 ms").arg(limits.headTimeoutMs), "head_timeout");
        }
        return;
    case State::Body: {
        const LimitReaction r = limitReaction(LimitKind::BodyTime);
        ServiceCounters::add(m_worker.context().telemetry->service(m_service).limitHits);
        m_state = State::Handling;
        refuse(r.httpStatus, r.code, QString::fromLatin1(r.reason), "");
        return;
    }
    case State::Handling:
        qCWarning(lcNet) << "handler for" << m_request.head.method << m_request.head.path << "never answered";
        write(HttpResponse::error(500, "INTERNAL", QStringLiteral("the request handler did not answer")));
        return;
    case State::Closing:
        abort();
        return;
    case State::Streaming:
    case State::Handed:
        return;
    }
}

void HttpConnection::shutdownGracefully()
{
    m_shutdown = true;
    if (!m_socket)
        return;
    if (m_state == State::Head || m_state == State::Body || m_state == State::Streaming) {
        m_state = State::Closing;
        arm(2000);
        m_socket->disconnectFromHost();
    }
    // Handling: write() closes after the response goes out.
}

QHostAddress HttpConnection::peerAddress() const
{
    if (m_client)
        return m_client->address;
    return m_socket ? m_socket->peerAddress() : QHostAddress();
}

void HttpConnection::abort()
{
    if (m_socket)
        m_socket->abort();
    finish(true);
}

void HttpConnection::onDisconnected()
{
    finish(true);
}

void HttpConnection::finish(bool closeTcp)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    m_worker.httpFinished(this, closeTcp);
}

}  // namespace sb
