#include "config.h"

#include "broker/redisaddress.h"
#include "services/descriptor.h"
#include "store/database.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

namespace sb {

QStringList ServerConfig::knownServices()
{
    QStringList names;
    for (const ServiceDescriptor *d : serviceDescriptors())
        names.append(d->name);
    return names;
}

ServerConfig ServerConfig::defaults()
{
    ServerConfig c;
    // The default listeners (docs/configuration.md): chat + generic on 8000, channels 8080,
    // felix 8090, pop 8081 — each service's default port, services sharing a port together.
    for (const ServiceDescriptor *d : serviceDescriptors()) {
        auto same = std::find_if(c.listeners.begin(), c.listeners.end(), [d](const ListenerConfig &l) { return l.port == d->defaultPort; });
        if (same != c.listeners.end()) {
            same->services.append(d->name);
        } else {
            ListenerConfig l;
            l.address = c.listenAddress;
            l.port = d->defaultPort;
            l.services = {d->name};
            l.group = int(c.listeners.size());
            c.listeners.append(l);
        }
        ServiceConfig sc;
        sc.limits = d->defaultLimits(c.limits);
        sc.own = d->settings.defaults();
        c.services.insert(d->name, sc);
    }
    return c;
}

QString ServerConfig::defaultDataDir()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(base.isEmpty() ? QDir::homePath() : base).filePath(QStringLiteral("switchboard"));
}

std::optional<ServerConfig> ServerConfig::load(const QString &dataDir, const QString &configFile, QString *error)
{
    ServerConfig base = defaults();
    base.dataDir = dataDir.isEmpty() ? defaultDataDir() : QDir(dataDir).absolutePath();
    QString file = configFile;
    if (file.isEmpty()) {
        const QString candidate = QDir(base.dataDir).filePath(QStringLiteral("config.json"));
        if (QFile::exists(candidate))
            file = candidate;
    }
    if (file.isEmpty())
        return base;
    return fromFile(file, base, error);
}

std::optional<ServerConfig> ServerConfig::fromFile(const QString &path, const ServerConfig &base, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read configuration file: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("%1: not a JSON object (%2 at offset %3)")
                     .arg(path, pe.error != QJsonParseError::NoError ? pe.errorString() : QStringLiteral("wrong type"))
                     .arg(pe.offset);
        return std::nullopt;
    }
    QString inner;
    auto c = fromJson(doc.object(), base, &inner);
    if (!c)
        *error = QStringLiteral("%1: %2").arg(path, inner);
    return c;
}


QJsonObject ServerConfig::toJson() const
{
    QJsonArray ls;
    for (const ListenerConfig &l : listeners) {
        QJsonObject o{{QStringLiteral("address"), l.address},
                      {QStringLiteral("port"), l.port},
                      {QStringLiteral("services"), QJsonArray::fromStringList(l.services)}};
        if (!l.name.isEmpty())
            o.insert(QStringLiteral("name"), l.name);
        if (l.tls)
            o.insert(QStringLiteral("tls"), QJsonObject{{QStringLiteral("certificate"), l.tls->certificate},
                                                        {QStringLiteral("key"), l.tls->key}});
        ls.append(o);
    }
    QJsonObject svc;
    for (auto it = services.begin(); it != services.end(); ++it) {
        QJsonObject o{{QStringLiteral("limits"), it->limits.toJson()},
                      {QStringLiteral("allowed_origins"), QJsonArray::fromStringList(it->allowedOrigins)}};
        if (const ServiceDescriptor *d = findService(it.key()))
            d->settings.write(it->own, &o);
        svc.insert(it.key(), o);
    }
    QJsonObject adminObject{{QStringLiteral("reach"), admin.reach}, {QStringLiteral("port"), admin.port}};
    if (admin.tls)
        adminObject.insert(QStringLiteral("tls"), QJsonObject{{QStringLiteral("certificate"), admin.tls->certificate},
                                                              {QStringLiteral("key"), admin.tls->key}});
    QJsonObject out{{QStringLiteral("workers"), workers},
            {QStringLiteral("admin"), adminObject},
            {QStringLiteral("announce"), announce},
            {QStringLiteral("event_loop"), eventLoop},
            {QStringLiteral("listen_address"), listenAddress},
            {QStringLiteral("listeners"), ls},
            {QStringLiteral("limits"), limits.toJson()},
            {QStringLiteral("services"), svc},
            {QStringLiteral("access_token_ttl_days"), accessTokenTtlDays},
            {QStringLiteral("ticket_ttl_seconds"), ticketTtlSeconds},
            {QStringLiteral("login_failures_per_address"), loginFailuresPerAddress},
            {QStringLiteral("login_failures_per_account"), loginFailuresPerAccount},
            {QStringLiteral("login_window_seconds"), loginWindowSeconds},
            {QStringLiteral("password_hash_threads"), passwordHashThreads},
            {QStringLiteral("password_hash_queue"), passwordHashQueue},
            {QStringLiteral("shutdown_grace_ms"), shutdownGraceMs}};
    if (!proxyProtocolFrom.isEmpty())
        out.insert(QStringLiteral("proxy_protocol_from"), QJsonArray::fromStringList(proxyProtocolFrom));
    if (cluster.enabled() || !cluster.node.isEmpty())
        out.insert(QStringLiteral("cluster"), QJsonObject{{QStringLiteral("node"), cluster.node},
                                                          {QStringLiteral("redis"), cluster.redis},
                                                          {QStringLiteral("database"), cluster.database}});
    return out;
}

bool ServerConfig::overridePort(const QString &service, int port, QString *error)
{
    if (!knownServices().contains(service)) {
        *error = QStringLiteral("--port %1=%2: unknown service (expected one of: %3)")
                     .arg(service).arg(port).arg(knownServices().join(QStringLiteral(", ")));
        return false;
    }
    if (port < 0 || port > 65535) {
        *error = QStringLiteral("--port %1=%2: port must be from 0 to 65535").arg(service).arg(port);
        return false;
    }
    // Take the service off its listener, then join a listener that was given the same
    // explicit port by an earlier override, or open a new one.
    // Port 0 ("any free port") keeps services together only if they shared a listener.
    // The service keeps its listener's address and TLS.
    QString address = listenAddress;
    int group = -1;
    std::optional<TlsFiles> tls;
    for (qsizetype i = 0; i < listeners.size(); ++i) {
        if (listeners[i].services.removeAll(service) > 0) {
            address = listeners[i].address;
            group = listeners[i].group;
            tls = listeners[i].tls;
            if (listeners[i].services.isEmpty())
                listeners.removeAt(i);
            break;
        }
    }
    for (ListenerConfig &l : listeners) {
        const bool sameTls = l.tls.has_value() == tls.has_value()
            && (!tls || (l.tls->certificate == tls->certificate && l.tls->key == tls->key));
        if (l.port == port && l.fromPortOverride && sameTls && (port != 0 || l.group == group)) {
            l.services.append(service);
            return true;
        }
    }
    ListenerConfig l;
    l.fromPortOverride = true;
    l.group = group;
    l.tls = tls;
    l.address = address;
    l.port = port;
    l.services = {service};
    listeners.append(l);
    return true;
}

void ServerConfig::overrideAddress(const QString &address)
{
    listenAddress = address;
    for (ListenerConfig &l : listeners)
        l.address = address;
}

namespace {
QString validateCluster(const ClusterConfig &c)
{
    if (!c.enabled())
        return {};
    if (c.redis.isEmpty())
        return QStringLiteral("cluster.redis: missing (cluster mode needs Redis for events and presence and PostgreSQL "
                              "for storage; give both, e.g. \"redis\": \"redis://10.0.0.5:6379/0\")");
    if (c.database.isEmpty())
        return QStringLiteral("cluster.database: missing (cluster mode needs Redis for events and presence and PostgreSQL "
                              "for storage; give both, e.g. \"database\": \"postgresql://switchboard:secret@10.0.0.5:5432/switchboard\")");
    QString error;
    if (!RedisAddress::parse(c.redis, &error))
        return QStringLiteral("cluster.redis: %1").arg(error);
    if (!PostgresAddress::parse(c.database, &error))
        return QStringLiteral("cluster.database: %1").arg(error);
    static const QRegularExpression nodeName(QStringLiteral("^[A-Za-z0-9._-]{1,63}$"));
    if (!c.node.isEmpty() && !nodeName.match(c.node).hasMatch())
        return QStringLiteral("cluster.node: '%1' must be 1 to 63 of the characters A-Z a-z 0-9 . _ -").arg(c.node);
    return {};
}
}  // namespace

QString ServerConfig::validate() const
{
    if (listeners.isEmpty())
        return QStringLiteral("listeners: at least one listener is needed");
    QSet<QString> seenServices;
    QSet<QString> seenPorts;
    for (qsizetype i = 0; i < listeners.size(); ++i) {
        const ListenerConfig &l = listeners[i];
        const QString where = QStringLiteral("listeners[%1]").arg(i);
        if (l.services.isEmpty())
            return QStringLiteral("%1.services: a listener needs at least one service").arg(where);
        for (const QString &s : l.services) {
            if (!knownServices().contains(s))
                return QStringLiteral("%1.services: unknown service '%2' (expected one of: %3)")
                    .arg(where, s, knownServices().join(QStringLiteral(", ")));
            if (seenServices.contains(s))
                return QStringLiteral("%1.services: service '%2' is mounted on more than one listener").arg(where, s);
            seenServices.insert(s);
        }
        const QString a = l.address;
        if (a != QLatin1String("any") && a != QLatin1String("localhost") && QHostAddress(a).isNull())
            return QStringLiteral("%1.address: '%2' is not an IP address, \"any\" or \"localhost\"").arg(where, a);
        if (l.port != 0) {
            const QString key = a + QLatin1Char(':') + QString::number(l.port);
            if (seenPorts.contains(key))
                return QStringLiteral("%1.port: %2 is used by another listener").arg(where).arg(l.port);
            seenPorts.insert(key);
        }
        if (l.tls && (l.tls->certificate.isEmpty() || l.tls->key.isEmpty()))
            return QStringLiteral("%1.tls: certificate and key files are both needed").arg(where);
    }
    return validateCluster(cluster);
}

}  // namespace sb
