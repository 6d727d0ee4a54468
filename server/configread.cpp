// ServerConfig::fromJson: config.json read key by key, every error naming its key.
#include "config.h"

#include "services/descriptor.h"
#include "settingfields.h"
#include "wire/proxyheader.h"

#include <QJsonArray>


namespace sb {

namespace {

using settingfields::checkKeys;
using settingfields::readStringList;

bool readInt(const QJsonValue &v, const QString &key, int lo, int hi, int *out, QString *error)
{
    qint64 n = 0;
    if (!settingfields::readInteger(v, key, lo, hi, &n, error))
        return false;
    *out = int(n);
    return true;
}

// The server's own whole-number settings, with their ranges.
const SettingField<ServerConfig> kServerFields[] = {
    {"workers", &ServerConfig::workers, 0, 256},
    {"access_token_ttl_days", &ServerConfig::accessTokenTtlDays, 1, 3650},
    {"ticket_ttl_seconds", &ServerConfig::ticketTtlSeconds, 1, 3600},
    {"shutdown_grace_ms", &ServerConfig::shutdownGraceMs, 0, 60'000},
    {"login_failures_per_address", &ServerConfig::loginFailuresPerAddress, 1, 1'000'000},
    {"login_failures_per_account", &ServerConfig::loginFailuresPerAccount, 1, 1'000'000},
    {"login_window_seconds", &ServerConfig::loginWindowSeconds, 1, 86'400},
    {"password_hash_threads", &ServerConfig::passwordHashThreads, 0, 64},
    {"password_hash_queue", &ServerConfig::passwordHashQueue, 1, 100'000},
};

// `limits` objects: over `base`, errors naming `where`.
bool readLimits(const QJsonValue &v, const QString &where, Limits *out, QString *error)
{
    if (!v.isObject()) {
        *error = QStringLiteral("%1: must be an object").arg(where);
        return false;
    }
    QString e;
    *out = Limits::fromJson(v.toObject(), *out, where, &e);
    if (!e.isEmpty()) {
        *error = e;
        return false;
    }
    return true;
}

// One service's object: `limits` and `allowed_origins`, then the keys of its own settings.
bool readService(const ServiceDescriptor &d, const QJsonObject &o, const QString &where, ServiceConfig *s, QString *error)
{
    // Versions before services had settings of their own wrote allow_anonymous for every
    // service; a file they saved still reads, the key ignored where it means nothing.
    const QLatin1String legacy("allow_anonymous");
    QJsonObject own = o;
    own.remove(QLatin1String("limits"));
    own.remove(QLatin1String("allowed_origins"));
    const QStringList ownKeys = d.settings.keys();
    if (!ownKeys.contains(legacy))
        own.remove(legacy);
    if (!checkKeys(own, where, QStringList{QStringLiteral("limits"), QStringLiteral("allowed_origins")} + ownKeys, error))
        return false;
    if (o.contains(QLatin1String("limits")) && !readLimits(o[QLatin1String("limits")], where + QStringLiteral(".limits"), &s->limits, error))
        return false;
    if (o.contains(QLatin1String("allowed_origins"))
        && !readStringList(o[QLatin1String("allowed_origins")], where + QStringLiteral(".allowed_origins"), &s->allowedOrigins, error))
        return false;
    return d.settings.read(own, where, &s->own, error);
}

bool readServices(const QJsonValue &sv, ServerConfig *c, QString *error)
{
    if (!sv.isObject()) {
        *error = QStringLiteral("services: must be an object keyed by service name");
        return false;
    }
    const QJsonObject so = sv.toObject();
    for (auto it = so.begin(); it != so.end(); ++it) {
        const QString where = QStringLiteral("services.") + it.key();
        const ServiceDescriptor *d = findService(it.key());
        if (!d) {
            *error = QStringLiteral("%1: unknown service (expected one of: %2)").arg(where, ServerConfig::knownServices().join(QStringLiteral(", ")));
            return false;
        }
        if (!it.value().isObject()) {
            *error = QStringLiteral("%1: must be an object").arg(where);
            return false;
        }
        ServiceConfig s = c->service(it.key());
        if (!readService(*d, it.value().toObject(), where, &s, error))
            return false;
        c->services.insert(it.key(), s);
    }
    return true;
}

bool readTls(const QJsonValue &v, const QString &where, std::optional<TlsFiles> *tls, QString *error)
{
    const QJsonObject t = v.toObject();
    if (!v.isObject() || !t[QLatin1String("certificate")].isString() || !t[QLatin1String("key")].isString()) {
        *error = QStringLiteral("%1: must be {\"certificate\": PEM file, \"key\": PEM file}").arg(where);
        return false;
    }
    *tls = TlsFiles{t[QLatin1String("certificate")].toString(), t[QLatin1String("key")].toString()};
    return true;
}

bool readListener(const QJsonValue &v, const QString &where, ListenerConfig *l, QString *error)
{
    if (!v.isObject()) {
        *error = QStringLiteral("%1: must be an object").arg(where);
        return false;
    }
    const QJsonObject o = v.toObject();
    if (!checkKeys(o, where, {QStringLiteral("name"), QStringLiteral("address"), QStringLiteral("port"), QStringLiteral("services"), QStringLiteral("tls")}, error))
        return false;
    l->name = o[QLatin1String("name")].toString();
    if (o.contains(QLatin1String("address"))) {
        if (!o[QLatin1String("address")].isString()) {
            *error = QStringLiteral("%1.address: must be a string").arg(where);
            return false;
        }
        l->address = o[QLatin1String("address")].toString();
    }
    if (!o.contains(QLatin1String("port"))) {
        *error = QStringLiteral("%1.port: missing").arg(where);
        return false;
    }
    if (!readInt(o[QLatin1String("port")], where + QStringLiteral(".port"), 0, 65535, &l->port, error))
        return false;
    if (!readStringList(o[QLatin1String("services")], where + QStringLiteral(".services"), &l->services, error))
        return false;
    return !o.contains(QLatin1String("tls")) || readTls(o[QLatin1String("tls")], where + QStringLiteral(".tls"), &l->tls, error);
}

bool readAdmin(const QJsonValue &v, AdminConfig *admin, QString *error)
{
    if (!v.isObject()) {
        *error = QStringLiteral("admin: must be an object");
        return false;
    }
    const QJsonObject o = v.toObject();
    if (!checkKeys(o, QStringLiteral("admin"), {QStringLiteral("reach"), QStringLiteral("port"), QStringLiteral("tls")}, error))
        return false;
    if (o.contains(QLatin1String("reach"))) {
        const QString reach = o[QLatin1String("reach")].toString();
        if (reach != QLatin1String("local") && reach != QLatin1String("lan") && reach != QLatin1String("off")) {
            *error = QStringLiteral("admin.reach: must be \"local\" (this computer), \"lan\" or \"off\"");
            return false;
        }
        admin->reach = reach;
    }
    if (o.contains(QLatin1String("port")) && !readInt(o[QLatin1String("port")], QStringLiteral("admin.port"), 0, 65535, &admin->port, error))
        return false;
    return !o.contains(QLatin1String("tls")) || readTls(o[QLatin1String("tls")], QStringLiteral("admin.tls"), &admin->tls, error);
}

bool readCluster(const QJsonValue &v, ClusterConfig *cluster, QString *error)
{
    if (!v.isObject()) {
        *error = QStringLiteral("cluster: must be an object");
        return false;
    }
    const QJsonObject o = v.toObject();
    if (!checkKeys(o, QStringLiteral("cluster"), {QStringLiteral("node"), QStringLiteral("redis"), QStringLiteral("database")}, error))
        return false;
    for (const auto &[key, out] : {std::pair{QLatin1String("node"), &cluster->node}, std::pair{QLatin1String("redis"), &cluster->redis},
                                   std::pair{QLatin1String("database"), &cluster->database}}) {
        if (!o.contains(key))
            continue;
        if (!o[key].isString()) {
            *error = QStringLiteral("cluster.%1: must be a string").arg(key);
            return false;
        }
        *out = o[key].toString();
    }
    return true;
}

bool readListeners(const QJsonValue &lv, ServerConfig *c, QString *error)
{
    if (!lv.isArray()) {
        *error = QStringLiteral("listeners: must be an array");
        return false;
    }
    c->listeners.clear();
    const QJsonArray arr = lv.toArray();
    for (qsizetype i = 0; i < arr.size(); ++i) {
        ListenerConfig l;
        l.group = int(i);
        l.address = c->listenAddress;
        if (!readListener(arr[i], QStringLiteral("listeners[%1]").arg(i), &l, error))
            return false;
        c->listeners.append(l);
    }
    return true;
}

}  // namespace

std::optional<ServerConfig> ServerConfig::fromJson(const QJsonObject &obj, const ServerConfig &base, QString *error)
{
    ServerConfig c = base;
    if (!checkKeys(obj, QString(),
                   QStringList{QStringLiteral("event_loop"), QStringLiteral("listen_address"), QStringLiteral("listeners"),
                               QStringLiteral("limits"), QStringLiteral("services"), QStringLiteral("admin"), QStringLiteral("announce"),
                               QStringLiteral("cluster"), QStringLiteral("proxy_protocol_from")} + keysOf(kServerFields),
                   error)
        || !readFields(obj, QString(), kServerFields, &c, error))
        return std::nullopt;
    if (obj.contains(QLatin1String("event_loop"))) {
        const QString loop = obj[QLatin1String("event_loop")].toString();
        if (loop != QLatin1String("epoll") && loop != QLatin1String("qt")) {
            *error = QStringLiteral("event_loop: must be \"epoll\" or \"qt\"");
            return std::nullopt;
        }
        c.eventLoop = loop;
    }
    if (obj.contains(QLatin1String("listen_address"))) {
        if (!obj[QLatin1String("listen_address")].isString()) {
            *error = QStringLiteral("listen_address: must be a string");
            return std::nullopt;
        }
        c.overrideAddress(obj[QLatin1String("listen_address")].toString());
    }
    if (obj.contains(QLatin1String("limits"))) {
        if (!readLimits(obj[QLatin1String("limits")], QStringLiteral("limits"), &c.limits, error))
            return std::nullopt;
        // Service limits follow the server-wide ones unless a service sets its own below.
        QString ignored;
        for (auto it = c.services.begin(); it != c.services.end(); ++it)
            it->limits = Limits::fromJson(obj[QLatin1String("limits")].toObject(), it->limits, QString(), &ignored);
    }
    if (obj.contains(QLatin1String("admin")) && !readAdmin(obj[QLatin1String("admin")], &c.admin, error))
        return std::nullopt;
    if (obj.contains(QLatin1String("cluster")) && !readCluster(obj[QLatin1String("cluster")], &c.cluster, error))
        return std::nullopt;
    if (obj.contains(QLatin1String("proxy_protocol_from"))) {
        if (!readStringList(obj[QLatin1String("proxy_protocol_from")], QStringLiteral("proxy_protocol_from"), &c.proxyProtocolFrom, error)
            || !proxyheader::Sources::fromStrings(c.proxyProtocolFrom, error))
            return std::nullopt;
    }
    if (obj.contains(QLatin1String("announce"))) {
        if (!obj[QLatin1String("announce")].isBool()) {
            *error = QStringLiteral("announce: must be true or false");
            return std::nullopt;
        }
        c.announce = obj[QLatin1String("announce")].toBool();
    }
    if ((obj.contains(QLatin1String("services")) && !readServices(obj[QLatin1String("services")], &c, error))
        || (obj.contains(QLatin1String("listeners")) && !readListeners(obj[QLatin1String("listeners")], &c, error)))
        return std::nullopt;
    const QString v = c.validate();
    if (!v.isEmpty()) {
        *error = v;
        return std::nullopt;
    }
    return c;
}

}  // namespace sb
