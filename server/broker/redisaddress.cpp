#include "redisaddress.h"

#include <QUrl>

namespace sb {

std::optional<RedisAddress> RedisAddress::parse(const QString &text, QString *error)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("redis") || url.host().isEmpty()) {
        *error = QStringLiteral("'%1' is not a Redis URL (expected redis://host:port/db, e.g. redis://127.0.0.1:6379/0)").arg(text);
        return std::nullopt;
    }
    RedisAddress a;
    a.host = url.host();
    a.port = url.port(6379);
    a.password = url.password();
    const QString path = url.path().mid(1);
    if (!path.isEmpty()) {
        bool ok = false;
        a.db = path.toInt(&ok);
        if (!ok || a.db < 0 || a.db > 1000) {
            *error = QStringLiteral("'%1': the database after the port must be a number, e.g. /0").arg(text);
            return std::nullopt;
        }
    }
    if (a.port < 1 || a.port > 65535) {
        *error = QStringLiteral("'%1': the port must be from 1 to 65535").arg(text);
        return std::nullopt;
    }
    return a;
}

}  // namespace sb
