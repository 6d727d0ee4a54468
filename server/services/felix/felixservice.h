#pragma once
// The bot-status service "felix" (seed 002, docs/felix.md): the WebSocket at / with the API token
// in the Authorization header (403 before the handshake otherwise), {code,data} messages,
// and the guild/user document REST API on the same listener.

#include "felixhub.h"
#include "felixstore.h"
#include "net/service.h"

namespace sb {
struct ServerContext;
struct ApiToken;
}

namespace sb::felix {

class FelixService final : public Service
{
public:
    explicit FelixService(ServerContext &context);
    QString name() const override { return QStringLiteral("felix"); }
    void registerRoutes(Router &router) override;
    std::optional<PresenceNode> presence() const override;

    ServerContext &context() { return m_ctx; }
    FelixStore &store() { return m_store; }
    FelixHub &hub() { return m_hub; }
    // The 10001 heartbeat answer.
    QByteArray heartbeatReply() const;

private:
    void handleDocument(Kind kind, HttpRequest &request, const HttpResponder &respond);
    void handleList(Kind kind, HttpRequest &request, const HttpResponder &respond);
    // A private API token as Bearer, or answers 401/403 itself.
    bool authorized(const HttpRequest &request, const HttpResponder &respond);

    ServerContext &m_ctx;
    FelixHub m_hub;
    FelixStore m_store;  // reports each commit to m_hub
};

}  // namespace sb::felix
