#pragma once
// The admin endpoint (docs/admin-api.md): a WebSocket server on its own port, on the host
// thread beside the ServerHost it serves — the workers never see its traffic. Reachable from
// this computer only (127.0.0.1), from the LAN, or not at all (AdminConfig::reach). Bounded:
// at most kMaxClients connections, kMaxPerAddress from one address; no Origin header (no web
// page may drive it); the streams of a client that does not read are cut, not queued.

#include "api/monitor.h"
#include "config.h"

#include <QObject>
#include <QTimer>

#include <vector>

class QWebSocketServer;

namespace sb {

class AdminSession;
class ServerHost;
struct ServerContext;

class AdminEndpoint final : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxClients = 32;
    static constexpr int kMaxPerAddress = 8;

    AdminEndpoint(ServerHost &host, ServerContext &ctx);
    ~AdminEndpoint() override;
    Q_DISABLE_COPY_MOVE(AdminEndpoint)

    // Listens as configured; false (and status().error says why) when it cannot. Not being
    // able to listen is not fatal to the server.
    bool start(const AdminConfig &config);
    // Closes every client (1001) and stops listening.
    void stop();
    AdminEndpointStatus status() const;

private:
    void accept();
    void tick();

    ServerHost &m_host;
    ServerContext &m_ctx;
    QWebSocketServer *m_server = nullptr;
    std::vector<AdminSession *> m_sessions;
    QTimer m_timer;
    AdminEndpointStatus m_status;
};

}  // namespace sb
