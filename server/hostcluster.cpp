// ServerHost: where the node keeps its state — SQLite in its data directory, or in cluster
// mode a shared PostgreSQL with events through Redis (docs/cluster.md) — and its broker.
#include "serverhost.h"

#include "accounts/passwordwork.h"
#include "broker/clusterbroker.h"
#include "broker/clustertally.h"
#include "logging.h"
#include "servercontext.h"
#include "services/descriptor.h"
#include "net/worker.h"
#include "store/database.h"

#include <QDir>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSysInfo>
#include <QUrl>

namespace sb {

std::unique_ptr<Database> makeDatabase(const ServerConfig &config)
{
    QString ignored;  // validated with the configuration
    if (const auto postgres = config.cluster.enabled() ? PostgresAddress::parse(config.cluster.database, &ignored) : std::nullopt)
        return std::make_unique<Database>(*postgres, schemaMigrations());
    return std::make_unique<Database>(QDir(config.dataDir).filePath(QStringLiteral("switchboard.sqlite")), schemaMigrations());
}

bool ServerHost::startBroker(QString *error)
{
    ServerContext &ctx = *m_ctx;
    m_cluster = nullptr;
    m_loginTally.reset();
    if (!ctx.config.cluster.enabled())
        ctx.broker = std::make_unique<LocalBroker>();
    else if (!joinCluster(error))
        return false;
    // Failed logins count on every node of a cluster (alone, nothing is told).
    m_loginTally = std::make_unique<ClusterTally>(*ctx.broker, QStringLiteral("logins"),
                                                  [logins = ctx.logins.get()](const QByteArray &e) { logins->applyOther(e); });
    ctx.logins->setTell([tally = m_loginTally.get()](const QByteArray &e) { tally->tell(e); });
    return true;
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

void ServerHost::describeToCluster()
{
    if (!m_cluster)
        return;
    QString address;
    QJsonArray ports, shards;
    for (const ListenerStatus &l : listeners()) {
        if (!l.running || !l.port)
            continue;
        ports.append(l.port);
        if (address.isEmpty())  // where other machines reach it, else where it listens
            address = QUrl(l.lanUrls.isEmpty() ? l.localUrl : l.lanUrls.first()).host();
    }
    // Its workers, for felix's heartbeat answer (10001 lists every node's shards).
    for (const Worker *w : m_workers)
        shards.append(QJsonObject{{QStringLiteral("ping"), w->loopLatencyMs()}, {QStringLiteral("connections"), w->sessionCount()}});
    m_cluster->setSelfInfo({{QStringLiteral("address"), address},
                            {QStringLiteral("shards"), shards},
                            {QStringLiteral("ports"), ports},
                            {QStringLiteral("connections"), m_ctx->gate ? m_ctx->gate->openTcp() : 0},
                            {QStringLiteral("started"), double(m_startedAtMs)},
                            {QStringLiteral("version"), QStringLiteral(SWITCHBOARD_VERSION)}});
}

ClusterStatus ServerHost::clusterStatus() const
{
    ClusterStatus out;
    if (!m_cluster)
        return out;
    out.node = m_cluster->node();
    out.problem = m_cluster->problem();
    for (const ClusterNodeInfo &n : m_cluster->clusterNodes()) {
        ClusterNodeStatus s;
        s.name = n.name;
        s.self = n.name == out.node;
        s.address = n.info.value(QStringLiteral("address")).toString();
        for (const QJsonValue &p : n.info.value(QStringLiteral("ports")).toArray())
            s.ports.append(p.toInt());
        s.connections = n.info.value(QStringLiteral("connections")).toInt();
        s.state = n.alive ? ClusterNodeStatus::State::Up : n.stopped ? ClusterNodeStatus::State::Stopped : ClusterNodeStatus::State::Lost;
        s.seenAtMs = qint64(n.info.value(QStringLiteral("seen")).toDouble());
        s.startedAtMs = qint64(n.info.value(QStringLiteral("started")).toDouble());
        s.version = n.info.value(QStringLiteral("version")).toString();
        out.nodes.append(s);
    }
    return out;
}

}  // namespace sb
