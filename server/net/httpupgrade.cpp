// HttpConnection's WebSocket path: validating an upgrade before any 101 (wsupgrade.h),
// asking the endpoint to admit it, then handing the untouched socket to the worker.
#include "httpconnection.h"

#include "logging.h"
#include "servercontext.h"
#include "worker.h"
#include "wsupgrade.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QLocale>
#include <QSslSocket>
#include <QTcpSocket>

namespace sb {

namespace {

// The 101 that QWebSocketServer (Qt 6.4) writes for this request, byte for byte, for the
// capture: Qt writes it to the socket itself, so it is built again here (tst_capture checks
// it against what a raw client receives). The server offers no subprotocol or extension.
QByteArray upgradeAnswer(const HttpRequestHead &head)
{
    const QByteArray accept = QCryptographicHash::hash(head.headerView("Sec-WebSocket-Key").toByteArray().trimmed()
                                                           + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11",
                                                       QCryptographicHash::Sha1)
                                  .toBase64();
    QByteArray origin = head.headerView("Origin").toByteArray().trimmed();
    if (origin.isEmpty())
        origin = "*";
    const QString date = QLocale::c().toString(QDateTime::currentDateTimeUtc(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
    return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept
         + "\r\nServer: Switchboard/" SWITCHBOARD_VERSION "\r\nAccess-Control-Allow-Credentials: false\r\n"
           "Access-Control-Allow-Methods: GET\r\nAccess-Control-Allow-Headers: content-type\r\nAccess-Control-Allow-Origin: "
         + origin + "\r\nDate: " + date.toLatin1() + "\r\n\r\n";
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
    // Bytes after the upgrade head would be parsed by QWebSocket before any limit is set.
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
    if (ctx.telemetry->service(up.service).capture.load(std::memory_order_relaxed)) {
        sc.handshakeRequest = m_request.head.raw + "\r\n\r\n";
        sc.handshakeResponse = upgradeAnswer(m_request.head);
    }

    m_state = State::Handed;
    m_timer.stop();
    QTcpSocket *socket = m_socket;
    disconnect(socket, nullptr, this, nullptr);
    socket->setParent(nullptr);
    m_socket = nullptr;
    m_finished = true;
    m_worker.handOver(socket, sc, up.endpoint);
    m_worker.httpFinished(this, false);  // the TCP connection lives on as a WebSocket
}

}  // namespace sb
