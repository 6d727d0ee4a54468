#pragma once
// Where a cluster's Redis is: redis://[:password@]host[:port][/db] (docs/cluster.md).

#include <QString>

#include <optional>

namespace sb {

struct RedisAddress {
    QString host;
    int port = 6379;
    QString password;  // AUTH when not empty
    int db = 0;        // SELECT when not 0

    // Null, with the reason in `error`, when `url` is not a redis:// URL of this form.
    static std::optional<RedisAddress> parse(const QString &url, QString *error);
    QString display() const { return QStringLiteral("redis://%1:%2/%3").arg(host).arg(port).arg(db); }
};

}  // namespace sb
