#pragma once
// Validation of a WebSocket upgrade request (RFC 6455 §4.2.1, seed 003, docs/configuration.md) before any
// 101: what to refuse, with which status, code, reason and metrics label. Pure, any thread.

#include "wire/httphead.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace sb {

struct UpgradeRefusal {
    int status;
    QByteArray code;
    QString detail;
    QByteArray metric;  // handshake rejection reason in /metrics
    QList<QPair<QByteArray, QByteArray>> headers;
};

// nullopt when the handshake may proceed. `allowedOrigins` empty = any Origin.
std::optional<UpgradeRefusal> validateUpgrade(const HttpRequestHead &head, const QStringList &allowedOrigins);

// Whether the request's Origin is the server it was sent to (scheme, host and port of the Host
// header; `tls`: https). No Origin (a client that is not a browser) counts as same-origin.
bool isSameOrigin(const HttpRequestHead &head, bool tls);

// Cross-site WebSocket hijacking: a browser sends the session cookie with an upgrade that a
// page on any site starts. An upgrade authenticated by the cookie is refused (403) unless its
// Origin is this server's own or one of `allowedOrigins`.
std::optional<UpgradeRefusal> refuseCrossOriginCookie(const HttpRequestHead &head, bool tls, const QStringList &allowedOrigins);

}  // namespace sb
