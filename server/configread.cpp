// ServerConfig::fromJson: config.json read key by key, every error naming its key.
#include "config.h"

#include <QJsonArray>

#include <variant>

namespace sb {

namespace {

bool readStringList(const QJsonValue &v, const QString &key, QStringList *out, QString *error)
{
    if (!v.isArray()) {
        *error = QStringLiteral("%1: must be an array of strings").arg(key);
        return false;
    }
    out->clear();
    for (const QJsonValue &e : v.toArray()) {
        if (!e.isString()) {
            *error = QStringLiteral("%1: must be an array of strings").arg(key);
            return false;
        }
        out->append(e.toString());
    }
    return true;
}

bool readInt(const QJsonValue &v, const QString &key, int lo, int hi, int *out, QString *error)
{
    const double d = v.toDouble(-1e18);
    if (!v.isDouble() || d != double(qint64(d)) || d < lo || d > hi) {
        *error = QStringLiteral("%1: must be an integer from %2 to %3").arg(key).arg(lo).arg(hi);
        return false;
    }
    *out = int(d);
    return true;
}

bool checkKeys(const QJsonObject &obj, const QString &where, const QStringList &allowed, QString *error)
{
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        if (!allowed.contains(it.key())) {
            *error = QStringLiteral("%1%2: unknown key (expected one of: %3)")
                         .arg(where.isEmpty() ? QString() : where + QLatin1Char('.'), it.key(),
                              allowed.join(QStringLiteral(", ")));
            return false;
        }
    }
    return true;
}

// The whole-number settings, with their ranges: one row each, read the same way.
template <typename Owner>
struct IntField {
    const char *key;
    std::variant<int Owner::*, qint64 Owner::*> field;
    int lo;
    int hi;
};

const IntField<ServerConfig> kServerInts[] = {
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

const IntField<ServiceConfig> kServiceInts[] = {
    {"text_price", &ServiceConfig::textPrice, 0, 1'000'000},
    {"history_limit", &ServiceConfig::historyLimit, 0, 100'000},
    {"file_bytes", &ServiceConfig::fileBytes, 1, 1'000'000'000},
    {"history_events", &ServiceConfig::historyEvents, 0, 100'000},
    {"history_ms", &ServiceConfig::historyMs, 0, 86'400'000},
    {"history_bytes", &ServiceConfig::historyBytes, 0, 1 << 30},
    {"history_total_bytes", &ServiceConfig::historyTotalBytes, 0, 1 << 30},
    {"ack_timeout_ms", &ServiceConfig::ackTimeoutMs, 10, 600'000},
    {"view_max_per_report", &ServiceConfig::viewMaxPerReport, 1, 1'000'000},
    {"view_max_per_user", &ServiceConfig::viewMaxPerUser, 1, 1'000'000},
    {"view_reports_per_minute", &ServiceConfig::viewReportsPerMinute, 1, 1'000'000},
};

// Reads the rows of `fields` present in `o` into `out`; `where` prefixes the key in errors.
template <typename Owner, size_t N>
bool readInts(const QJsonObject &o, const QString &where, const IntField<Owner> (&fields)[N], Owner *out, QString *error)
{
    for (const IntField<Owner> &f : fields) {
        const QLatin1String key(f.key);
        int value = 0;
        if (!o.contains(key))
            continue;
        if (!readInt(o[key], where.isEmpty() ? QString(key) : where + QLatin1Char('.') + key, f.lo, f.hi, &value, error))
            return false;
        std::visit([&](auto member) { out->*member = value; }, f.field);
    }
    return true;
}

template <typename Owner, size_t N>
QStringList keysOf(const IntField<Owner> (&fields)[N])
{
    QStringList keys;
    for (const IntField<Owner> &f : fields)
        keys.append(QLatin1String(f.key));
    return keys;
}

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

bool readService(const QJsonObject &o, const QString &where, ServiceConfig *s, QString *error)
{
    if (!checkKeys(o, where,
                   QStringList{QStringLiteral("limits"), QStringLiteral("allowed_origins"), QStringLiteral("allow_anonymous"),
                               QStringLiteral("emit_key")} + keysOf(kServiceInts),
                   error))
        return false;
    if (o.contains(QLatin1String("limits")) && !readLimits(o[QLatin1String("limits")], where + QStringLiteral(".limits"), &s->limits, error))
        return false;
    if (o.contains(QLatin1String("allowed_origins"))
        && !readStringList(o[QLatin1String("allowed_origins")], where + QStringLiteral(".allowed_origins"), &s->allowedOrigins, error))
        return false;
    if (o.contains(QLatin1String("allow_anonymous"))) {
        if (!o[QLatin1String("allow_anonymous")].isBool()) {
            *error = QStringLiteral("%1.allow_anonymous: must be true or false").arg(where);
            return false;
        }
        s->allowAnonymous = o[QLatin1String("allow_anonymous")].toBool();
    }
    if (o.contains(QLatin1String("emit_key"))) {
        if (!o[QLatin1String("emit_key")].isString()) {
            *error = QStringLiteral("%1.emit_key: must be a string (empty: emitting is open)").arg(where);
            return false;
        }
        s->emitKey = o[QLatin1String("emit_key")].toString();
    }
    return readInts(o, where, kServiceInts, s, error);
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
        if (!ServerConfig::knownServices().contains(it.key())) {
            *error = QStringLiteral("%1: unknown service (expected one of: %2)").arg(where, ServerConfig::knownServices().join(QStringLiteral(", ")));
            return false;
        }
        if (!it.value().isObject()) {
            *error = QStringLiteral("%1: must be an object").arg(where);
            return false;
        }
        ServiceConfig s = c->service(it.key());
        if (!readService(it.value().toObject(), where, &s, error))
            return false;
        c->services.insert(it.key(), s);
    }
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
    if (o.contains(QLatin1String("tls"))) {
        const QJsonObject t = o[QLatin1String("tls")].toObject();
        if (!o[QLatin1String("tls")].isObject() || !t[QLatin1String("certificate")].isString() || !t[QLatin1String("key")].isString()) {
            *error = QStringLiteral("%1.tls: must be {\"certificate\": PEM file, \"key\": PEM file}").arg(where);
            return false;
        }
        l->tls = TlsFiles{t[QLatin1String("certificate")].toString(), t[QLatin1String("key")].toString()};
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
                               QStringLiteral("limits"), QStringLiteral("services")} + keysOf(kServerInts),
                   error)
        || !readInts(obj, QString(), kServerInts, &c, error))
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
