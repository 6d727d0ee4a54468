#include "adminendpoint.h"

#include "adminsession.h"
#include "logging.h"
#include "net/tls.h"

#include <QDateTime>
#include <QWebSocket>
#include <QWebSocketCorsAuthenticator>
#include <QWebSocketServer>

namespace sb {

AdminEndpoint::AdminEndpoint(ServerHost &host, ServerContext &ctx) : m_host(host), m_ctx(ctx)
{
    m_timer.setInterval(100);
    connect(&m_timer, &QTimer::timeout, this, &AdminEndpoint::tick);
}

AdminEndpoint::~AdminEndpoint()
{
    stop();
}

bool AdminEndpoint::start(const AdminConfig &config)
{
    stop();
    m_status = {};
    m_status.reach = config.reach;
    m_status.tls = config.tls.has_value();
    if (config.reach == QLatin1String("off"))
        return true;
    std::optional<QSslConfiguration> tls;
    if (config.tls) {
        QString error;
        tls = loadServerTls(config.tls->certificate, config.tls->key, &error);
        if (!tls) {
            m_status.error = QStringLiteral("admin.tls: %1").arg(error);
            qCWarning(lcHost).noquote() << "admin endpoint not started:" << m_status.error;
            return false;
        }
    }
    m_server = new QWebSocketServer(QStringLiteral("Switchboard admin"), tls ? QWebSocketServer::SecureMode : QWebSocketServer::NonSecureMode, this);
    if (tls)
        m_server->setSslConfiguration(*tls);
    m_server->setHandshakeTimeout(std::chrono::seconds(10));
    m_server->setMaxPendingConnections(kMaxClients);
    // Browsers always send an Origin; the desktop app and scripts do not. No web page on
    // this computer or the LAN may drive the admin endpoint.
    connect(m_server, &QWebSocketServer::originAuthenticationRequired, this,
            [](QWebSocketCorsAuthenticator *auth) { auth->setAllowed(auth->origin().isEmpty()); });
    connect(m_server, &QWebSocketServer::newConnection, this, &AdminEndpoint::accept);
    const QHostAddress address = config.reach == QLatin1String("lan") ? QHostAddress(QHostAddress::Any) : QHostAddress(QHostAddress::LocalHost);
    if (!m_server->listen(address, quint16(config.port))) {
        m_status.error = QStringLiteral("cannot listen on port %1: %2").arg(config.port).arg(m_server->errorString());
        qCWarning(lcHost).noquote() << "admin endpoint not started:" << m_status.error;
        delete m_server;
        m_server = nullptr;
        return false;
    }
    m_status.running = true;
    m_status.port = m_server->serverPort();
    m_timer.start();
    qCInfo(lcHost).noquote() << QStringLiteral("admin endpoint on %1://%2:%3 (%4)")
                                    .arg(tls ? QStringLiteral("wss") : QStringLiteral("ws"), address.toString())
                                    .arg(m_status.port)
                                    .arg(config.reach == QLatin1String("lan") ? QStringLiteral("reachable from the LAN")
                                                                              : QStringLiteral("this computer only"));
    return true;
}

void AdminEndpoint::stop()
{
    m_timer.stop();
    for (AdminSession *s : std::exchange(m_sessions, {})) {
        s->disconnect(this);
        s->close(1001, QStringLiteral("server shutting down"));
        s->deleteLater();
    }
    if (m_server) {
        m_server->close();
        m_server->deleteLater();
        m_server = nullptr;
    }
    m_status.running = false;
    m_status.port = 0;
}

AdminEndpointStatus AdminEndpoint::status() const
{
    AdminEndpointStatus s = m_status;
    s.clients = int(m_sessions.size());
    return s;
}

void AdminEndpoint::accept()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        const QHostAddress peer = socket->peerAddress();
        int fromPeer = 0;
        for (const AdminSession *s : m_sessions)
            fromPeer += s->peer().isEqual(peer) ? 1 : 0;
        if (int(m_sessions.size()) >= kMaxClients || fromPeer >= kMaxPerAddress) {
            socket->close(QWebSocketProtocol::CloseCode(1013), fromPeer >= kMaxPerAddress
                                                                          ? QStringLiteral("too many admin connections from your address")
                                                                          : QStringLiteral("too many admin connections"));
            socket->deleteLater();
            continue;
        }
        auto *session = new AdminSession(socket, m_host, m_ctx, this);
        connect(session, &AdminSession::finished, this, [this](AdminSession *s) {
            std::erase(m_sessions, s);
            s->deleteLater();
        });
        m_sessions.push_back(session);
    }
}

void AdminEndpoint::tick()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const std::vector<AdminSession *> sessions = m_sessions;  // a tick may close one
    for (AdminSession *s : sessions)
        s->tick(now);
}

}  // namespace sb
