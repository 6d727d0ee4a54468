#include "serveroptions.h"

#include "logging.h"

namespace sb {

ServerOptions::ServerOptions()
    : dataDir(QStringLiteral("data-dir"),
              QStringLiteral("Directory for the database, files and config.json (default: %1).").arg(ServerConfig::defaultDataDir()),
              QStringLiteral("DIR"))
    , config(QStringLiteral("config"), QStringLiteral("JSON configuration file (default: <data-dir>/config.json if present)."), QStringLiteral("FILE"))
    , listenAddress(QStringLiteral("listen-address"),
                    QStringLiteral("Address every listener binds: an IP, \"any\" (default, reachable from the LAN) or \"localhost\"."),
                    QStringLiteral("ADDR"))
    , port(QStringLiteral("port"),
           QStringLiteral("Port for a service (%1); 0 picks a free port. Repeatable.").arg(ServerConfig::knownServices().join(QStringLiteral(", "))),
           QStringLiteral("SERVICE=PORT"))
    , logLevel(QStringLiteral("log-level"), QStringLiteral("debug, info (default), warning or error."), QStringLiteral("LEVEL"), QStringLiteral("info"))
    , workers(QStringLiteral("workers"), QStringLiteral("Worker threads (default: one per core)."), QStringLiteral("N"))
    , admin(QStringLiteral("admin"),
            QStringLiteral("Who may reach the admin endpoint (remote watching, docs/admin-api.md): \"local\" (this computer, default), \"lan\" or \"off\"."),
            QStringLiteral("REACH"))
    , adminPort(QStringLiteral("admin-port"), QStringLiteral("Port of the admin endpoint (default 8070; 0 picks a free port)."), QStringLiteral("PORT"))
    , noAnnounce(QStringLiteral("no-announce"), QStringLiteral("Do not announce this node on the LAN (DNS-SD/mDNS via Avahi)."))
    , node(QStringLiteral("node"), QStringLiteral("Cluster mode: this node's name, unique in the cluster (default: the host name)."), QStringLiteral("NAME"))
    , redis(QStringLiteral("redis"), QStringLiteral("Cluster mode: Redis for events and presence, redis://host:port/db (docs/cluster.md)."), QStringLiteral("URL"))
    , database(QStringLiteral("database"),
               QStringLiteral("Cluster mode: PostgreSQL for storage, postgresql://user:password@host:port/dbname (docs/cluster.md)."),
               QStringLiteral("URL"))
    , strict(QStringLiteral("strict"),
             QStringLiteral("Do not start unless every listener can listen (default: start those that can, report the others)."))
{
}

void ServerOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({dataDir, config, listenAddress, port, logLevel, workers, admin, adminPort, noAnnounce, node, redis, database, strict});
}

std::optional<ServerConfig> ServerOptions::resolve(const QCommandLineParser &p, QString *error) const
{
    if (!setLogLevel(p.value(logLevel))) {
        *error = QStringLiteral("--log-level: expected debug, info, warning or error, not '%1'").arg(p.value(logLevel));
        return std::nullopt;
    }
    auto c = ServerConfig::load(p.value(dataDir), p.value(config), error);
    if (!c)
        return std::nullopt;
    if (p.isSet(listenAddress))
        c->overrideAddress(p.value(listenAddress));
    c->strictListeners = p.isSet(strict);
    for (const QString &spec : p.values(port)) {
        const qsizetype eq = spec.indexOf(QLatin1Char('='));
        bool ok = false;
        const int n = eq > 0 ? spec.mid(eq + 1).toInt(&ok) : -1;
        if (!ok) {
            *error = QStringLiteral("--port %1: expected SERVICE=PORT, e.g. generic=8000").arg(spec);
            return std::nullopt;
        }
        if (!c->overridePort(spec.left(eq), n, error))
            return std::nullopt;
    }
    if (p.isSet(workers)) {
        bool ok = false;
        c->workers = p.value(workers).toInt(&ok);
        if (!ok || c->workers < 1 || c->workers > 256) {
            *error = QStringLiteral("--workers: expected a number from 1 to 256");
            return std::nullopt;
        }
    }
    if (p.isSet(admin)) {
        const QString reach = p.value(admin);
        if (reach != QLatin1String("local") && reach != QLatin1String("lan") && reach != QLatin1String("off")) {
            *error = QStringLiteral("--admin: expected local, lan or off, not '%1'").arg(reach);
            return std::nullopt;
        }
        c->admin.reach = reach;
    }
    if (p.isSet(adminPort)) {
        bool ok = false;
        c->admin.port = p.value(adminPort).toInt(&ok);
        if (!ok || c->admin.port < 0 || c->admin.port > 65535) {
            *error = QStringLiteral("--admin-port: expected a port from 0 to 65535");
            return std::nullopt;
        }
    }
    if (p.isSet(noAnnounce))
        c->announce = false;
    if (p.isSet(node))
        c->cluster.node = p.value(node);
    if (p.isSet(redis))
        c->cluster.redis = p.value(redis);
    if (p.isSet(database))
        c->cluster.database = p.value(database);
    const QString problem = c->validate();
    if (!problem.isEmpty()) {
        *error = p.isSet(listenAddress) && problem.contains(QLatin1String(".address"))
            ? QStringLiteral("--listen-address: %1").arg(problem)
            : problem;
        // Name the option the user typed, not the key it set.
        for (const auto &[option, key] : {std::pair{&redis, "cluster.redis"}, std::pair{&database, "cluster.database"}, std::pair{&node, "cluster.node"}}) {
            if (problem.startsWith(QLatin1String(key)) && (p.isSet(*option) || p.isSet(redis) || p.isSet(database)))
                *error = QStringLiteral("--%1%2").arg(option->names().first(), problem.mid(qsizetype(strlen(key))));
        }
        return std::nullopt;
    }
    return c;
}

}  // namespace sb
