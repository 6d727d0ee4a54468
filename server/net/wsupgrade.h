#pragma once
// Validation of a WebSocket upgrade request (RFC 6455 §4.2.1, seed 003, SPEC §7) before any
// 101: what to refuse, with which status, code, reason and metrics label. Pure, any thread.

#include "httphead.h"

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

}  // namespace sb
