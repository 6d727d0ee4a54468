#include "genericservice.h"

#include "genericsessions.h"

#include "accounts/accountstore.h"
#include "accounts/httpauth.h"
#include "accounts/passwordwork.h"
#include "logging.h"
#include "net/worker.h"
#include "net/wssession.h"
#include "net/wsupgrade.h"
#include "servercontext.h"

#include <QThreadPool>

namespace sb {

namespace {

const QString kService = QStringLiteral("generic");

class EchoEndpoint final : public WsEndpoint
{
public:
    explicit EchoEndpoint(ServerContext &ctx) : m_ctx(ctx) {}
    QString service() const override { return kService; }
    void admit(const HttpRequest &, std::function<void(WsAdmission)> done) override
    {
        done(WsAdmission::accept(0, QStringLiteral("anonymous")));
    }
    WsSession *createSession(const SessionContext &context) override
    {
        return newEchoSession(context, m_ctx.telemetry->service(kService));
    }

private:
    ServerContext &m_ctx;
};

class RoomEndpoint final : public WsEndpoint
{
public:
    RoomEndpoint(ServerContext &ctx, std::shared_ptr<RoomHub> rooms, bool allowAnonymous)
        : m_ctx(ctx), m_rooms(std::move(rooms)), m_allowAnonymous(allowAnonymous)
    {
    }
    QString service() const override { return kService; }

    void admit(const HttpRequest &request, std::function<void(WsAdmission)> done) override
    {
        AccountStore &accounts = *m_ctx.accounts;
        auto forbidden = [](const QString &detail) {
            return WsAdmission::refuse(HttpResponse::error(403, "INVALID_CREDENTIALS", detail), "auth");
        };
        auto accepted = [](const User &u, const QByteArray &tokenDigest = {}) {
            WsAdmission a = WsAdmission::accept(u.id, u.email);
            a.tokenDigest = tokenDigest;  // a logout closes what the token opened
            return a;
        };

        // ?ticket= (single use), then the session cookie, then HTTP Basic.
        const QByteArray ticket = request.head.queryItem("ticket");
        if (!ticket.isNull()) {
            QByteArray digest;
            if (auto u = accounts.redeemTicket(ticket, &digest))
                return done(accepted(*u, digest));
            return done(forbidden(QStringLiteral("the ticket is unknown, expired or already used")));
        }
        const QByteArray cookie = request.cookie(kSessionCookie);
        if (!cookie.isEmpty()) {
            // The browser sends the cookie whichever site's page opened the socket.
            if (const auto refusal = refuseCrossOriginCookie(request.head, request.tls, m_ctx.config.service(kService).allowedOrigins)) {
                HttpResponse r = HttpResponse::error(refusal->status, refusal->code, refusal->detail);
                return done(WsAdmission::refuse(r, refusal->metric));
            }
            if (auto u = accounts.userForAccessToken(cookie))
                return done(accepted(*u, AccountStore::accessTokenDigest(cookie)));
            return done(forbidden(QStringLiteral("the session cookie is invalid or expired; log in again")));
        }
        if (auto basic = basicCredentials(request)) {
            // Argon2id: on the hashing threads, counted like any login attempt.
            // Argon2id once per minute and credentials: a relay room of hundreds fills in seconds.
            checkBasicCredentials(accounts, *m_ctx.hasher, *m_ctx.logins, *m_ctx.credentials, request.peer, basic->email, basic->password,
                          [done, forbidden, accepted](PasswordCheck check) {
                              if (check.result == PasswordCheck::Ok)
                                  done(accepted(*check.user));
                              else if (check.result == PasswordCheck::Wrong)
                                  done(forbidden(QStringLiteral("wrong email or password")));
                              else
                                  done(WsAdmission::refuse(check.refusal(), check.result == PasswordCheck::Busy               ? "busy"
                                                                            : check.result == PasswordCheck::StoreUnavailable ? "storage"
                                                                                                                              : "login_limit"));
                          });
            return;
        }
        if (m_allowAnonymous)
            return done(WsAdmission::accept(0, QStringLiteral("anonymous")));
        HttpResponse r = HttpResponse::error(
            401, "AUTHENTICATION_REQUIRED",
            QStringLiteral("authenticate with HTTP Basic, the session cookie from /auth/login, or ?ticket= from /auth/ticket"));
        r.setHeader("WWW-Authenticate", "Basic realm=\"Switchboard\", charset=\"UTF-8\"");
        done(WsAdmission::refuse(r, "auth"));
    }

    WsSession *createSession(const SessionContext &context) override
    {
        return newRoomSession(context, m_ctx.telemetry->service(kService), m_rooms);
    }

private:
    ServerContext &m_ctx;
    std::shared_ptr<RoomHub> m_rooms;
    const bool m_allowAnonymous;
};

}  // namespace

GenericService::GenericService(ServerContext &context)
    : m_ctx(context)
    , m_settings(context.config.service(kService).settings<GenericSettings>())
    , m_rooms(std::make_shared<RoomHub>(*context.broker, kService))
{
}

void GenericService::registerRoutes(Router &router)
{
    router.addWs({QStringLiteral("/echo"), kService, std::make_shared<EchoEndpoint>(m_ctx)});
    auto rooms = std::make_shared<RoomEndpoint>(m_ctx, m_rooms, m_settings.allowAnonymous);
    router.addWs({QStringLiteral("/chat"), kService, rooms});
    router.addWs({QStringLiteral("/chat/{room}"), kService, rooms});
}

std::optional<PresenceNode> GenericService::presence() const
{
    const auto sizes = m_rooms->roomSizes();
    PresenceNode top{QCoreApplication::translate("sb::Presence", "Generic rooms"),
                     QCoreApplication::translate("sb::Presence", "%n active", nullptr, int(sizes.size())), {}};
    for (auto it = sizes.constBegin(); it != sizes.constEnd(); ++it)
        top.children.append({it.key().isEmpty() ? QCoreApplication::translate("sb::Presence", "(lobby)") : it.key(),
                             QCoreApplication::translate("sb::Presence", "%n member(s)", nullptr, it.value()), {}});
    return top;
}

}  // namespace sb
