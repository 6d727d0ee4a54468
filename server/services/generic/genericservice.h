#pragma once
// The generic RFC 6455 service (seed 003, docs/configuration.md): /echo, and /chat, /chat/{room} relay
// rooms authenticated by HTTP Basic, the session cookie or a ?ticket=.

#include "services/roomhub.h"
#include "net/service.h"

#include <memory>

namespace sb {

struct ServerContext;

// "services.generic" in config.json, besides limits and allowed_origins.
struct GenericSettings {
    bool allowAnonymous = false;  // /chat rooms without credentials
};

class GenericService final : public Service
{
public:
    explicit GenericService(ServerContext &context);
    QString name() const override { return QStringLiteral("generic"); }
    void registerRoutes(Router &router) override;
    RoomHub &rooms() { return *m_rooms; }
    std::optional<PresenceNode> presence() const override;

private:
    ServerContext &m_ctx;
    const GenericSettings m_settings;
    std::shared_ptr<RoomHub> m_rooms;
};

}  // namespace sb
