// ServerHost: where the node keeps its state — SQLite in its data directory, or in cluster
// mode a shared PostgreSQL with events through Redis (docs/cluster.md).
#include "serverhost.h"

#include "broker/clusterbroker.h"
#include "logging.h"
#include "servercontext.h"
#include "services/descriptor.h"
#include "store/database.h"

#include <QDir>
#include <QRegularExpression>
#include <QSysInfo>

namespace sb {

std::unique_ptr<Database> makeDatabase(const ServerConfig &config)
{
    QString ignored;  // validated with the configuration
    if (const auto postgres = config.cluster.enabled() ? PostgresAddress::parse(config.cluster.database, &ignored) : std::nullopt)
        return std::make_unique<Database>(*postgres, schemaMigrations());
    return std::make_unique<Database>(QDir(config.dataDir).filePath(QStringLiteral("switchboard.sqlite")), schemaMigrations());
}

bool ServerHost::joinCluster(QString *error)
{
    ServerContext &ctx = *m_ctx;
    ClusterConfig &cluster = ctx.config.cluster;
    if (cluster.node.isEmpty()) {
        cluster.node = QSysInfo::machineHostName().section(QLatin1Char('.'), 0, 0);
        cluster.node.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("-"));
        if (cluster.node.isEmpty())
            cluster.node = QStringLiteral("node");
    }
    const auto redis = RedisAddress::parse(cluster.redis, error);
    if (!redis)
        return false;
    const QByteArray prefix = "sb:" + ctx.database->clusterId().toUtf8() + ":";
    if (!ClusterBroker::claimName(*redis, prefix, cluster.node, error))
        return false;
    auto broker = std::make_unique<ClusterBroker>(*redis, prefix, cluster.node);
    m_cluster = broker.get();
    ctx.broker = std::move(broker);
    qCInfo(lcCluster) << "cluster node" << cluster.node << "with Redis at" << redis->display() << "and PostgreSQL at"
                      << ctx.database->filePath();
    return true;
}

}  // namespace sb
