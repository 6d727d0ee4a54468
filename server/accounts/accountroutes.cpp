#include "accountroutes.h"

#include "protocol/accounts.h"

#include "accountstore.h"
#include "httpauth.h"
#include "passwordwork.h"
#include "servercontext.h"

#include <QJsonObject>

namespace sb {

namespace pa = protocol::accounts;

namespace {

// Reads a JSON object body or answers 400 itself. The Content-Type is not checked: a
// browser fetch() with a string body sends text/plain, and the seed's clients must work.
std::optional<QJsonObject> jsonObjectOr400(const HttpRequest &request, const HttpResponder &respond)
{
    bool ok = false;
    QString error;
    QJsonObject obj = request.jsonBody(&ok, &error);
    if (!ok) {
        respond.send(HttpResponse::error(400, "INVALID_JSON", error));
        return std::nullopt;
    }
    return obj;
}

bool stringField(const QJsonObject &obj, const char *key, QString *out)
{
    const QJsonValue v = obj.value(QLatin1String(key));
    if (!v.isString())
        return false;
    *out = v.toString();
    return true;
}

}  // namespace

void AccountRoutes::registerRoutes(Router &router)
{
    const QString svc = name();
    router.addHttp({"POST", pa::registerPath, svc, [this](HttpRequest &r, const HttpResponder &s) { registerUser(r, s); }});
    router.addHttp({"POST", pa::loginPath, svc, [this](HttpRequest &r, const HttpResponder &s) { login(r, s); }});
    router.addHttp({"POST", pa::logoutPath, svc, [this](HttpRequest &r, const HttpResponder &s) { logout(r, s); }});
    router.addHttp({"POST", pa::ticketPath, svc, [this](HttpRequest &r, const HttpResponder &s) { ticket(r, s); }});
}

void AccountRoutes::registerUser(HttpRequest &request, const HttpResponder &respond)
{
    const auto body = jsonObjectOr400(request, respond);
    if (!body)
        return;
    QString email, password, repeat;
    if (!stringField(*body, "email", &email) || !stringField(*body, "password", &password)
        || !stringField(*body, "repeat_password", &repeat)) {
        respond.send(HttpResponse::error(400, "MISSING_FIELD", QStringLiteral("email, password and repeat_password are required strings")));
        return;
    }
    if (!AccountStore::isValidEmail(email.trimmed())) {
        respond.send(HttpResponse::error(400, "INVALID_EMAIL", QStringLiteral("malformed email address")));
        return;
    }
    if (password.isEmpty()) {
        respond.send(HttpResponse::error(400, "INVALID_PASSWORD", QStringLiteral("password must not be empty")));
        return;
    }
    if (password != repeat) {
        respond.send(HttpResponse::error(400, "PASSWORD_MISMATCH", QStringLiteral("password and repeat_password differ")));
        return;
    }
    AccountStore *accounts = m_ctx.accounts.get();
    const bool started = m_ctx.hasher->tryStart([accounts, email, password, respond] {
        AccountStore::Error err = AccountStore::Error::None;
        const auto user = accounts->createUser(email, password, pa::role::member, 0, &err);
        if (user) {
            respond.send(HttpResponse::json(201, QJsonObject{{pa::key::id, double(user->id)}, {pa::key::email, user->email}}));
            return;
        }
        switch (err) {
        case AccountStore::Error::EmailTaken:
            respond.send(HttpResponse::error(409, "EMAIL_EXISTS", AccountStore::describe(err)));
            break;
        case AccountStore::Error::InvalidEmail:
        case AccountStore::Error::InvalidPassword:
            respond.send(HttpResponse::error(400, "INVALID_INPUT", AccountStore::describe(err)));
            break;
        default:
            respond.send(HttpResponse::error(500, "STORAGE_ERROR", QStringLiteral("the account could not be stored")));
        }
    });
    if (!started) {
        PasswordCheck busy;
        busy.result = PasswordCheck::Busy;
        respond.send(busy.refusal());
    }
}

void AccountRoutes::login(HttpRequest &request, const HttpResponder &respond)
{
    const auto body = jsonObjectOr400(request, respond);
    if (!body)
        return;
    QString email, password;
    if (!stringField(*body, "email", &email) || !stringField(*body, "password", &password)) {
        respond.send(HttpResponse::error(400, "MISSING_FIELD", QStringLiteral("email and password are required strings")));
        return;
    }
    AccountStore *accounts = m_ctx.accounts.get();
    checkPassword(*accounts, *m_ctx.hasher, *m_ctx.logins, request.peer, email, password, [accounts, respond](PasswordCheck check) {
        if (check.result != PasswordCheck::Ok) {
            respond.send(check.refusal());
            return;
        }
        const User *user = &*check.user;
        const QString token = accounts->issueAccessToken(user->id);
        if (token.isEmpty()) {
            respond.send(HttpResponse::error(500, "STORAGE_ERROR", QStringLiteral("could not create a session")));
            return;
        }
        const int maxAge = accounts->tokenTtlDays() * 86400;
        HttpResponse r = HttpResponse::json(200, QJsonObject{{pa::key::accessToken, token},
                                                             {pa::key::tokenType, QStringLiteral("bearer")},
                                                             {pa::key::expiresIn, maxAge}});
        r.setHeader("Set-Cookie", sessionCookie(token, maxAge));
        r.setHeader("Cache-Control", "no-store");
        respond.send(r);
    });
}

void AccountRoutes::logout(HttpRequest &request, const HttpResponder &respond)
{
    const QByteArray token = accessTokenOf(request);
    if (!requestUser(*m_ctx.accounts, request)) {
        respond.send(HttpResponse::error(401, "NOT_AUTHENTICATED", QStringLiteral("send the access token as 'Authorization: Bearer <token>' or the session cookie")));
        return;
    }
    m_ctx.accounts->revokeAccessToken(token);
    HttpResponse r = HttpResponse::json(200, QJsonObject{{pa::key::detail, QStringLiteral("logged out")}});
    r.setHeader("Set-Cookie", sessionCookie(QString(), 0));
    respond.send(r);
}

void AccountRoutes::ticket(HttpRequest &request, const HttpResponder &respond)
{
    const auto user = requestUser(*m_ctx.accounts, request);
    if (!user) {
        respond.send(HttpResponse::error(401, "NOT_AUTHENTICATED", QStringLiteral("send the access token as 'Authorization: Bearer <token>' or the session cookie")));
        return;
    }
    const QByteArray t = m_ctx.accounts->issueTicket(user->id, accessTokenOf(request));
    if (t.isEmpty()) {
        respond.send(HttpResponse::error(500, "STORAGE_ERROR", QStringLiteral("could not create a ticket")));
        return;
    }
    HttpResponse r = HttpResponse::json(200, QJsonObject{{pa::key::ticket, QString::fromLatin1(t)},
                                                         {pa::key::expiresIn, m_ctx.accounts->ticketTtlSeconds()}});
    r.setHeader("Cache-Control", "no-store");
    respond.send(r);
}

}  // namespace sb
