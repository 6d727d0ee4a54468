#include "wsupgrade.h"

#include <QUrl>

namespace sb {
namespace {
// 16 bytes are 22 base64 characters and "==" (RFC 4648 alphabet, padded): checked in place.
bool isSixteenBytesInBase64(QByteArrayView key)
{
    if (key.size() != 24 || !key.endsWith("=="))
        return false;
    for (char c : key.first(22)) {
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'))
            return false;
    }
    return true;
}
}  // namespace

std::optional<UpgradeRefusal> validateUpgrade(const HttpRequestHead &h, const QStringList &allowedOrigins)
{
    auto bad = [](const char *detail, const char *metric, QList<QPair<QByteArray, QByteArray>> headers = {}) {
        return UpgradeRefusal{400, "BAD_HANDSHAKE", QString::fromLatin1(detail), metric, std::move(headers)};
    };
    if (h.method != "GET")
        return UpgradeRefusal{405, "METHOD_NOT_ALLOWED", QStringLiteral("a WebSocket handshake must use GET"), "bad_method", {{"Allow", "GET"}}};
    if (h.versionMinor < 1)
        return bad("a WebSocket handshake needs HTTP/1.1", "bad_http_version");
    if (!h.headerHasToken("Upgrade", "websocket"))
        return bad("the Upgrade header must be 'websocket'", "bad_upgrade");
    if (!h.headerHasToken("Connection", "upgrade"))
        return bad("the Connection header must include 'Upgrade'", "bad_connection");
    if (!h.hasHeader("Sec-WebSocket-Version"))
        return bad("the Sec-WebSocket-Version header is missing", "missing_version", {{"Sec-WebSocket-Version", "13"}});
    if (h.headerView("Sec-WebSocket-Version") != "13")
        return UpgradeRefusal{426, "UNSUPPORTED_WEBSOCKET_VERSION", QStringLiteral("only WebSocket version 13 is supported"),
                              "unsupported_version", {{"Sec-WebSocket-Version", "13"}, {"Upgrade", "websocket"}}};
    if (!isSixteenBytesInBase64(h.headerView("Sec-WebSocket-Key")))
        return bad("Sec-WebSocket-Key must be 16 bytes in base64", "bad_key");
    if (!allowedOrigins.isEmpty()) {
        const QString origin = QString::fromUtf8(h.header("Origin"));
        if (!allowedOrigins.contains(origin, Qt::CaseInsensitive))
            return UpgradeRefusal{403, "ORIGIN_NOT_ALLOWED",
                                  origin.isEmpty() ? QStringLiteral("an Origin header is required")
                                                   : QStringLiteral("origin %1 is not allowed").arg(origin),
                                  "origin", {}};
    }
    return std::nullopt;
}

bool isSameOrigin(const HttpRequestHead &h, bool tls)
{
    if (!h.hasHeader("Origin"))
        return true;
    const QUrl origin(QString::fromUtf8(h.header("Origin")), QUrl::StrictMode);
    const QString scheme = tls ? QStringLiteral("https") : QStringLiteral("http");
    if (!origin.isValid() || origin.scheme().compare(scheme, Qt::CaseInsensitive) != 0 || origin.host().isEmpty())
        return false;  // "null" (a sandboxed page or a file), another scheme
    // Host is "host[:port]", an IPv6 address in brackets: read it the way a URL's authority is.
    const QUrl host(scheme + QStringLiteral("://") + QString::fromUtf8(h.header("Host")), QUrl::StrictMode);
    if (!host.isValid() || host.host().isEmpty())
        return false;
    const int defaultPort = tls ? 443 : 80;
    return origin.host().compare(host.host(), Qt::CaseInsensitive) == 0 && origin.port(defaultPort) == host.port(defaultPort);
}

std::optional<UpgradeRefusal> refuseCrossOriginCookie(const HttpRequestHead &h, bool tls, const QStringList &allowedOrigins)
{
    if (isSameOrigin(h, tls))
        return std::nullopt;
    const QString origin = QString::fromUtf8(h.header("Origin"));
    if (allowedOrigins.contains(origin, Qt::CaseInsensitive))
        return std::nullopt;
    return UpgradeRefusal{403, "CROSS_ORIGIN",
                          QStringLiteral("a page from %1 cannot use this server's session cookie: open the page from this "
                                         "server, authenticate with a ticket, or add the origin to allowed_origins")
                              .arg(origin),
                          "cross_origin_cookie", {}};
}

}  // namespace sb
