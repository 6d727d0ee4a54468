#include "httpauth.h"

#include "net/httpmessage.h"

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

}  // namespace sb
