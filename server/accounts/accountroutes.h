#pragma once
// The shared HTTP surface of docs/configuration.md, "HTTP API": /auth/register, /auth/login, /auth/logout,
// /auth/ticket. Mounted on every listener.

#include "net/service.h"

namespace sb {

struct ServerContext;

class AccountRoutes final : public Service
{
public:
    explicit AccountRoutes(ServerContext &context) : m_ctx(context) {}
    QString name() const override { return QStringLiteral("accounts"); }
    void registerRoutes(Router &router) override;

private:
    void registerUser(HttpRequest &request, const HttpResponder &respond);
    void login(HttpRequest &request, const HttpResponder &respond);
    void logout(HttpRequest &request, const HttpResponder &respond);
    void ticket(HttpRequest &request, const HttpResponder &respond);

    ServerContext &m_ctx;
};

}  // namespace sb
