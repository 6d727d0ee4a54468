// HttpConnection's WebSocket path: validating an upgrade before any 101 (wsupgrade.h),
// asking the endpoint to admit it, answering it, then handing the socket to the worker,
// whose session reads and writes the frames from there.
#include "httpconnection.h"

#include "logging.h"
#include "servercontext.h"
#include "stream.h"
#include "worker.h"
#include "wsupgrade.h"

#include <QCryptographicHash>

#include <cstdio>
#include <ctime>

namespace sb {

namespace {

// An HTTP date (RFC 7231 §7.1.1.1) of this second: formatted once per second per thread.
QByteArrayView httpDateNow()
{
    thread_local time_t t_second = 0;
    thread_local char t_text[64] = {};  // (room for any int the format could be given)
    thread_local int t_size = 0;
    const time_t now = time(nullptr);
    if (now != t_second) {
        static const char days[][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
        static const char months[][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        struct tm tm;
        gmtime_r(&now, &tm);
        t_size = snprintf(t_text, sizeof t_text, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday], tm.tm_mday,
                          months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
        t_second = now;
    }
    return QByteArrayView(t_text, t_size);
}

// The 101 (RFC 6455 §4.2.2), built in one buffer. No subprotocol or extension is offered.
// Its other headers are those QWebSocketServer (Qt 6.4) wrote when it answered the
// handshake, kept so that no client sees a change.
QByteArray upgradeAnswer(const HttpRequestHead &head)
{
    QCryptographicHash sha1(QCryptographicHash::Sha1);
    sha1.addData(head.headerView("Sec-WebSocket-Key").trimmed());
    sha1.addData(QByteArrayView("258EAFA5-E914-47DA-95CA-C5AB0DC85B11"));
    const QByteArrayView digest = sha1.resultView();
    QByteArrayView origin = head.headerView("Origin").trimmed();
    if (origin.isEmpty())
        origin = "*";
    QByteArray out;
    out.reserve(384 + origin.size());
    out.append("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ");
    out.append(QByteArray::fromRawData(digest.data(), digest.size()).toBase64());
    out.append("\r\nServer: Switchboard/" SWITCHBOARD_VERSION "\r\nAccess-Control-Allow-Credentials: false\r\n"
               "Access-Control-Allow-Methods: GET\r\nAccess-Control-Allow-Headers: content-type\r\nAccess-Control-Allow-Origin: ");
    out.append(origin);
    out.append("\r\nDate: ");
    out.append(httpDateNow());
    out.append("\r\n\r\n");
    return out;
}

}  // namespace

void HttpConnection::handleUpgrade(int headLength)
{
    ServerContext &ctx = m_worker.context();
    const HttpRequestHead &h = m_request.head;
    const RouteMatch match = m_listener->router.matchWs(h.path);
    m_state = State::Handling;
    if (!match.ws) {
        refuse(404, "NOT_FOUND", QStringLiteral("no WebSocket endpoint at %1").arg(QString::fromUtf8(h.path)), "not_found");
        return;
    }
    const QString service = match.ws->service;
    if (const auto refusal = validateUpgrade(h, match.ws->allowedOrigins)) {
        refuse(refusal->status, refusal->code, refusal->detail, refusal->metric, refusal->headers);
        return;
    }
    // A client that sends frames before it has the 101 does not know whether it will get one
    // (RFC 6455 §4.1): refused, as they would be anywhere else than an upgrade.
    if (m_socket->bytesAvailable() > headLength) {
        refuse(400, "BAD_HANDSHAKE", QStringLiteral("data sent before the handshake completed"), "early_data");
        return;
    }
    const Limits limits = ctx.limitsFor(service);
    if (auto refused = ctx.gate->tryOpenWs(service, m_request.peer, limits)) {
        const LimitReaction lr = limitReaction(*refused);
        ServiceCounters::add(ctx.telemetry->service(service).limitHits);
        refuse(lr.httpStatus, lr.code, QString::fromLatin1(lr.reason), "limit", {{"Retry-After", "5"}});
        return;
    }
    m_request.params = match.params;
    m_pendingUpgrade = {match.ws->endpoint, service, match.params, limits, headLength};
    // Admission may finish on another thread; it comes back through the worker. If this
    // connection is gone by then, the gate slot taken above is released there.
    QPointer<HttpConnection> guard(this);
    Worker *worker = &m_worker;
    const quint64 serial = m_serial;
    const QHostAddress peer = m_request.peer;
    match.ws->endpoint->admit(m_request, [guard, worker, serial, service, peer](WsAdmission admission) {
        auto finish = [guard, worker, serial, service, peer](WsAdmission a) {
            if (guard && !guard->m_finished && guard->m_serial == serial && guard->m_state == State::Handling)
                guard->completeUpgrade(std::move(a));
            else
                worker->context().gate->closeWs(service, peer);
        };
        if (worker->thread() == QThread::currentThread())
            finish(std::move(admission));
        else
            worker->post([finish, admission]() { finish(admission); });
    });
    // Still waiting (a password check on the blocking pool, say): from here the admission's
    // own time counts, bounded like any handler. Most admissions answer at once.
    if (guard && !m_finished && m_serial == serial && m_state == State::Handling)
        arm(kHandlerDeadlineMs);
}

void HttpConnection::completeUpgrade(WsAdmission admission)
{
    ServerContext &ctx = m_worker.context();
    PendingUpgrade up = std::move(m_pendingUpgrade);
    m_pendingUpgrade = {};
    if (!admission.accepted) {
        ctx.gate->closeWs(up.service, m_request.peer);
        ctx.telemetry->countRejection(admission.rejectReason.isEmpty() ? QByteArray("refused") : admission.rejectReason);
        admission.refusal.closeAfter = true;
        write(std::move(admission.refusal));
        return;
    }
    if (m_socket->bytesAvailable() > up.headLength) {
        ctx.gate->closeWs(up.service, m_request.peer);
        refuse(400, "BAD_HANDSHAKE", QStringLiteral("data sent before the handshake completed"), "early_data");
        return;
    }

    // Designated: a default QHostAddress allocates, a copied one does not.
    SessionContext sc{.id = ctx.nextConnectionId.fetch_add(1, std::memory_order_relaxed),
                      .listenerId = m_listener->id,
                      .listenerRuntime = m_listener.get(),
                      .service = up.service,
                      .path = m_request.head.path,
                      .query = m_request.head.query,
                      .params = up.params,
                      .peer = m_request.peer,
                      .peerPort = m_request.peerPort,
                      .admission = std::move(admission),
                      .limits = up.limits,
                      .captureRing = &ctx.capture,
                      .handshakeRequest = {},
                      .handshakeResponse = {}};
    const QByteArray answer = upgradeAnswer(m_request.head);
    if (ctx.telemetry->service(up.service).capture.load(std::memory_order_relaxed)) {
        sc.handshakeRequest = m_request.head.raw + "\r\n\r\n";
        sc.handshakeResponse = answer;
    }

    m_state = State::Handed;
    m_timer.stop();
    Stream *socket = m_socket;
    socket->skip(up.headLength);  // the head stayed in the buffer until now
    // The 101 leaves once the session exists (Worker::handOver): a client that has it can be
    // reached, by its rooms' relays too. (A peer gone already: nothing is sent, its session
    // ends at once.)
    socket->holdOutput();
    socket->write(answer);
    disconnect(socket, nullptr, this, nullptr);
    socket->setParent(nullptr);
    m_socket = nullptr;
    m_finished = true;
    m_worker.handOver(socket, std::move(sc), std::move(up.endpoint));
    m_worker.httpFinished(this, false);  // the TCP connection lives on as a WebSocket
}

}  // namespace sb
