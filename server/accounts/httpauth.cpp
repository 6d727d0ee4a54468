#include "httpauth.h"

#include "credentialcache.h"

#include <QDateTime>

#include "wire/httpmessage.h"
#include "passwordwork.h"

namespace sb {

std::optional<BasicCredentials> basicCredentials(const HttpRequest &request)
{
    const QByteArray auth = request.header("Authorization");
    if (auth.size() < 7 || auth.first(6).compare("Basic ", Qt::CaseInsensitive) != 0)
        return std::nullopt;
    const auto decoded = QByteArray::fromBase64Encoding(auth.mid(6).trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const qsizetype colon = decoded.decoded.indexOf(':');
    if (colon <= 0)
        return std::nullopt;
    return BasicCredentials{QString::fromUtf8(decoded.decoded.left(colon)), QString::fromUtf8(decoded.decoded.mid(colon + 1))};
}

QByteArray accessTokenOf(const HttpRequest &request)
{
    const QByteArray bearer = request.bearerToken();
    if (!bearer.isEmpty())
        return bearer;
    return request.cookie(kSessionCookie);
}

std::optional<User> requestUser(AccountStore &accounts, const HttpRequest &request)
{
    return accounts.userForAccessToken(accessTokenOf(request));  // an empty token is no user
}

QByteArray sessionCookie(const QString &token, int maxAgeSeconds)
{
    return QByteArray(kSessionCookie) + '=' + token.toLatin1() + "; Max-Age=" + QByteArray::number(maxAgeSeconds)
        + "; Path=/; HttpOnly; SameSite=Lax";
}

HttpResponse PasswordCheck::refusal() const
{
    switch (result) {
    case TooManyFailures: {
        HttpResponse r = HttpResponse::error(429, "TOO_MANY_LOGINS",
                                             perAccount ? QStringLiteral("too many failed logins for this account; try again in %1 s").arg(retryAfterSeconds)
                                                        : QStringLiteral("too many failed logins from this address; try again in %1 s").arg(retryAfterSeconds));
        r.setHeader("Retry-After", QByteArray::number(retryAfterSeconds));
        return r;
    }
    case Busy: {
        HttpResponse r = HttpResponse::error(503, "BUSY", QStringLiteral("the server is busy checking passwords; try again shortly"));
        r.setHeader("Retry-After", "1");
        return r;
    }
    case StoreUnavailable: {
        HttpResponse r = HttpResponse::error(503, "STORAGE_ERROR", QStringLiteral("the account database cannot be reached; try again shortly"));
        r.setHeader("Retry-After", "5");
        return r;
    }
    case Ok:
    case Wrong:
        break;
    }
    return HttpResponse::error(401, "INVALID_CREDENTIALS", QStringLiteral("wrong email or password"));
}

void checkPassword(AccountStore &accounts, PasswordHasher &hasher, LoginLimiter &limiter, const QHostAddress &peer,
                   const QString &email, const QString &password, std::function<void(PasswordCheck)> done)
{
    PasswordCheck refused;
    refused.retryAfterSeconds = limiter.retryAfterSeconds(peer, email, &refused.perAccount);
    if (refused.retryAfterSeconds > 0) {
        refused.result = PasswordCheck::TooManyFailures;
        return done(refused);  // no hashing at all for a guesser over the limit
    }
    const bool started = hasher.tryStart([&accounts, &limiter, peer, email, password, done] {
        PasswordCheck c;
        bool unavailable = false;
        c.user = accounts.verifyLogin(email, password, &unavailable);
        c.result = c.user ? PasswordCheck::Ok : unavailable ? PasswordCheck::StoreUnavailable : PasswordCheck::Wrong;
        if (c.user)
            limiter.succeeded(email);
        else if (!unavailable)
            limiter.failed(peer, email);
        done(std::move(c));
    });
    if (!started) {
        refused.result = PasswordCheck::Busy;
        done(refused);
    }
}

void checkBasicCredentials(AccountStore &accounts, PasswordHasher &hasher, LoginLimiter &limiter, CredentialCache &cache,
                           const QHostAddress &peer, const QString &email, const QString &password,
                           std::function<void(PasswordCheck)> done)
{
    if (const auto userId = cache.find(email, password, QDateTime::currentMSecsSinceEpoch())) {
        PasswordCheck hit;
        hit.user = accounts.userById(*userId);
        if (hit.user && !hit.user->disabled && hit.user->email.compare(email.trimmed(), Qt::CaseInsensitive) == 0) {
            hit.result = PasswordCheck::Ok;
            return done(std::move(hit));
        }
        cache.forgetUser(*userId);  // disabled or gone since: the full check says so
    }
    // The same credentials being checked already (the room's other members connecting at
    // the same moment): wait for that check, then look again.
    if (cache.joinRunning(email, password, [&accounts, &hasher, &limiter, &cache, peer, email, password, done] {
            checkBasicCredentials(accounts, hasher, limiter, cache, peer, email, password, done);
        }))
        return;
    checkPassword(accounts, hasher, limiter, peer, email, password, [&cache, email, password, done = std::move(done)](PasswordCheck check) {
        if (check.result == PasswordCheck::Ok && check.user)
            cache.remember(email, password, check.user->id, QDateTime::currentMSecsSinceEpoch());
        cache.checked(email, password);  // the waiting ones look again: remembered, or their own check
        done(std::move(check));
    });
}

QByteArray passwordMetrics(const PasswordHasher &hasher, const CredentialCache &cache)
{
    return "# HELP switchboard_password_checks_total Passwords checked with Argon2id (logins and HTTP Basic).\n"
           "# TYPE switchboard_password_checks_total counter\n"
           "switchboard_password_checks_total "
         + QByteArray::number(hasher.started())
         + "\n# HELP switchboard_basic_auth_cache_hits_total HTTP Basic credentials admitted as verified in the last minute, without a new check.\n"
           "# TYPE switchboard_basic_auth_cache_hits_total counter\n"
           "switchboard_basic_auth_cache_hits_total "
         + QByteArray::number(cache.hits()) + "\n";
}

}  // namespace sb
