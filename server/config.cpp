#include "config.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <tuple>

namespace sb {

namespace {

Limits serviceDefaults(const QString &service, const Limits &base)
{
    Limits l = base;
    if (service == QLatin1String("generic")) {
        // Conformance suites echo messages up to 16 MiB (Autobahn 9.x).
        l.frameBytes = 16 * 1024 * 1024;
        l.messageBytes = 16 * 1024 * 1024;
        l.messagesPerSecond = 10'000;
    }
    if (service == QLatin1String("chat")) {
        // A file frame carries up to file_bytes plus its JSON info; smiles come over HTTP.
        l.frameBytes = 5'000'000 + 64 * 1024;
        l.messageBytes = 5'000'000 + 64 * 1024;
        l.bodyBytes = 5'000'000 + 64 * 1024;
        l.messagesPerSecond = 50;
        // Files of up to 5 MB go to every socket of both members: room for three of them.
        l.sendQueueBytes = 16 * 1024 * 1024;
    }
    if (service == QLatin1String("channels")) {
        // Application-level PING every 30 s, PONG due within 10 s (seed 004, SPEC §4).
        l.pingIntervalMs = 30'000;
        l.pongTimeoutMs = 10'000;
    }
    return l;
}

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

}  // namespace

QStringList ServerConfig::knownServices()
{
    return {QStringLiteral("chat"), QStringLiteral("generic"), QStringLiteral("channels"),
            QStringLiteral("felix"), QStringLiteral("pop")};
}

ServerConfig ServerConfig::defaults()
{
    ServerConfig c;
    // SPEC §1: chat + generic on 8000, channels 8080, felix 8090, pop 8081.
    const std::pair<int, QStringList> listeners[] = {
        {8000, {QStringLiteral("chat"), QStringLiteral("generic")}},
        {8080, {QStringLiteral("channels")}},
        {8090, {QStringLiteral("felix")}},
        {8081, {QStringLiteral("pop")}},
    };
    for (const auto &[port, services] : listeners) {
        ListenerConfig l;
        l.address = c.listenAddress;
        l.port = port;
        l.services = services;
        l.group = int(c.listeners.size());
        c.listeners.append(l);
    }
    for (const QString &s : knownServices()) {
        ServiceConfig sc;
        sc.limits = serviceDefaults(s, c.limits);
        c.services.insert(s, sc);
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

std::optional<ServerConfig> ServerConfig::fromJson(const QJsonObject &obj, const ServerConfig &base, QString *error)
{
    ServerConfig c = base;
    if (!checkKeys(obj, QString(),
                   {QStringLiteral("workers"), QStringLiteral("event_loop"), QStringLiteral("listen_address"), QStringLiteral("listeners"),
                    QStringLiteral("limits"), QStringLiteral("services"), QStringLiteral("access_token_ttl_days"),
                    QStringLiteral("ticket_ttl_seconds"), QStringLiteral("shutdown_grace_ms"),
                    QStringLiteral("login_failures_per_address"), QStringLiteral("login_failures_per_account"),
                    QStringLiteral("login_window_seconds"), QStringLiteral("password_hash_threads"), QStringLiteral("password_hash_queue")},
                   error))
        return std::nullopt;
    for (const auto &[key, field, lo, hi] : std::initializer_list<std::tuple<const char *, int ServerConfig::*, int, int>>{
             {"login_failures_per_address", &ServerConfig::loginFailuresPerAddress, 1, 1'000'000},
             {"login_failures_per_account", &ServerConfig::loginFailuresPerAccount, 1, 1'000'000},
             {"login_window_seconds", &ServerConfig::loginWindowSeconds, 1, 86'400},
             {"password_hash_threads", &ServerConfig::passwordHashThreads, 0, 64},
             {"password_hash_queue", &ServerConfig::passwordHashQueue, 1, 100'000}}) {
        if (obj.contains(QLatin1String(key)) && !readInt(obj[QLatin1String(key)], QLatin1String(key), lo, hi, &(c.*field), error))
            return std::nullopt;
    }
    if (obj.contains(QLatin1String("workers")) && !readInt(obj[QLatin1String("workers")], QStringLiteral("workers"), 0, 256, &c.workers, error))
        return std::nullopt;
    if (obj.contains(QLatin1String("event_loop"))) {
        const QString loop = obj[QLatin1String("event_loop")].toString();
        if (loop != QLatin1String("epoll") && loop != QLatin1String("qt")) {
            *error = QStringLiteral("event_loop: must be \"epoll\" or \"qt\"");
            return std::nullopt;
        }
        c.eventLoop = loop;
    }
    if (obj.contains(QLatin1String("access_token_ttl_days"))
        && !readInt(obj[QLatin1String("access_token_ttl_days")], QStringLiteral("access_token_ttl_days"), 1, 3650, &c.accessTokenTtlDays, error))
        return std::nullopt;
    if (obj.contains(QLatin1String("ticket_ttl_seconds"))
        && !readInt(obj[QLatin1String("ticket_ttl_seconds")], QStringLiteral("ticket_ttl_seconds"), 1, 3600, &c.ticketTtlSeconds, error))
        return std::nullopt;
    if (obj.contains(QLatin1String("shutdown_grace_ms"))
        && !readInt(obj[QLatin1String("shutdown_grace_ms")], QStringLiteral("shutdown_grace_ms"), 0, 60'000, &c.shutdownGraceMs, error))
        return std::nullopt;
    if (obj.contains(QLatin1String("listen_address"))) {
        if (!obj[QLatin1String("listen_address")].isString()) {
            *error = QStringLiteral("listen_address: must be a string");
            return std::nullopt;
        }
        c.overrideAddress(obj[QLatin1String("listen_address")].toString());
    }
    if (obj.contains(QLatin1String("limits"))) {
        if (!obj[QLatin1String("limits")].isObject()) {
            *error = QStringLiteral("limits: must be an object");
            return std::nullopt;
        }
        QString e;
        c.limits = Limits::fromJson(obj[QLatin1String("limits")].toObject(), c.limits, QStringLiteral("limits"), &e);
        if (!e.isEmpty()) {
            *error = e;
            return std::nullopt;
        }
        // Service limits follow the server-wide ones unless a service sets its own below.
        for (auto it = c.services.begin(); it != c.services.end(); ++it) {
            const QJsonObject changed = obj[QLatin1String("limits")].toObject();
            it->limits = Limits::fromJson(changed, it->limits, QString(), &e);
        }
    }
    if (obj.contains(QLatin1String("services"))) {
        const QJsonValue sv = obj[QLatin1String("services")];
        if (!sv.isObject()) {
            *error = QStringLiteral("services: must be an object keyed by service name");
            return std::nullopt;
        }
        const QJsonObject so = sv.toObject();
        for (auto it = so.begin(); it != so.end(); ++it) {
            const QString where = QStringLiteral("services.") + it.key();
            if (!knownServices().contains(it.key())) {
                *error = QStringLiteral("%1: unknown service (expected one of: %2)")
                             .arg(where, knownServices().join(QStringLiteral(", ")));
                return std::nullopt;
            }
            if (!it.value().isObject()) {
                *error = QStringLiteral("%1: must be an object").arg(where);
                return std::nullopt;
            }
            const QJsonObject o = it.value().toObject();
            if (!checkKeys(o, where, {QStringLiteral("limits"), QStringLiteral("allowed_origins"), QStringLiteral("allow_anonymous"),
                                      QStringLiteral("text_price"), QStringLiteral("history_limit"), QStringLiteral("file_bytes"),
                                      QStringLiteral("history_events"), QStringLiteral("history_ms"), QStringLiteral("history_bytes"),
                                      QStringLiteral("history_total_bytes"), QStringLiteral("ack_timeout_ms"),
                                      QStringLiteral("emit_key"), QStringLiteral("view_max_per_report"), QStringLiteral("view_max_per_user"),
                                      QStringLiteral("view_reports_per_minute")}, error))
                return std::nullopt;
            ServiceConfig s = c.service(it.key());
            if (o.contains(QLatin1String("limits"))) {
                if (!o[QLatin1String("limits")].isObject()) {
                    *error = QStringLiteral("%1.limits: must be an object").arg(where);
                    return std::nullopt;
                }
                QString e;
                s.limits = Limits::fromJson(o[QLatin1String("limits")].toObject(), s.limits, where + QStringLiteral(".limits"), &e);
                if (!e.isEmpty()) {
                    *error = e;
                    return std::nullopt;
                }
            }
            if (o.contains(QLatin1String("allowed_origins"))
                && !readStringList(o[QLatin1String("allowed_origins")], where + QStringLiteral(".allowed_origins"), &s.allowedOrigins, error))
                return std::nullopt;
            if (o.contains(QLatin1String("allow_anonymous"))) {
                if (!o[QLatin1String("allow_anonymous")].isBool()) {
                    *error = QStringLiteral("%1.allow_anonymous: must be true or false").arg(where);
                    return std::nullopt;
                }
                s.allowAnonymous = o[QLatin1String("allow_anonymous")].toBool();
            }
            int value = 0;
            if (o.contains(QLatin1String("text_price"))) {
                if (!readInt(o[QLatin1String("text_price")], where + QStringLiteral(".text_price"), 0, 1'000'000, &value, error))
                    return std::nullopt;
                s.textPrice = value;
            }
            if (o.contains(QLatin1String("history_limit"))) {
                if (!readInt(o[QLatin1String("history_limit")], where + QStringLiteral(".history_limit"), 0, 100'000, &value, error))
                    return std::nullopt;
                s.historyLimit = value;
            }
            if (o.contains(QLatin1String("file_bytes"))) {
                if (!readInt(o[QLatin1String("file_bytes")], where + QStringLiteral(".file_bytes"), 1, 1'000'000'000, &value, error))
                    return std::nullopt;
                s.fileBytes = value;
            }
            if (o.contains(QLatin1String("history_events"))) {
                if (!readInt(o[QLatin1String("history_events")], where + QStringLiteral(".history_events"), 0, 100'000, &value, error))
                    return std::nullopt;
                s.historyEvents = value;
            }
            if (o.contains(QLatin1String("history_ms"))) {
                if (!readInt(o[QLatin1String("history_ms")], where + QStringLiteral(".history_ms"), 0, 86'400'000, &value, error))
                    return std::nullopt;
                s.historyMs = value;
            }
            if (o.contains(QLatin1String("ack_timeout_ms"))) {
                if (!readInt(o[QLatin1String("ack_timeout_ms")], where + QStringLiteral(".ack_timeout_ms"), 10, 600'000, &value, error))
                    return std::nullopt;
                s.ackTimeoutMs = value;
            }
            if (o.contains(QLatin1String("emit_key"))) {
                if (!o[QLatin1String("emit_key")].isString()) {
                    *error = QStringLiteral("%1.emit_key: must be a string (empty: emitting is open)").arg(where);
                    return std::nullopt;
                }
                s.emitKey = o[QLatin1String("emit_key")].toString();
            }
            for (const auto &[key, field] : std::initializer_list<std::pair<const char *, int ServiceConfig::*>>{
                     {"view_max_per_report", &ServiceConfig::viewMaxPerReport},
                     {"view_max_per_user", &ServiceConfig::viewMaxPerUser},
                     {"view_reports_per_minute", &ServiceConfig::viewReportsPerMinute}}) {
                if (!o.contains(QLatin1String(key)))
                    continue;
                if (!readInt(o[QLatin1String(key)], where + QLatin1Char('.') + QLatin1String(key), 1, 1'000'000, &value, error))
                    return std::nullopt;
                s.*field = value;
            }
            for (const auto &[key, field] : std::initializer_list<std::pair<const char *, int ServiceConfig::*>>{
                     {"history_bytes", &ServiceConfig::historyBytes}, {"history_total_bytes", &ServiceConfig::historyTotalBytes}}) {
                if (!o.contains(QLatin1String(key)))
                    continue;
                if (!readInt(o[QLatin1String(key)], where + QLatin1Char('.') + QLatin1String(key), 0, 1 << 30, &value, error))
                    return std::nullopt;
                s.*field = value;
            }
            c.services.insert(it.key(), s);
        }
    }
    if (obj.contains(QLatin1String("listeners"))) {
        const QJsonValue lv = obj[QLatin1String("listeners")];
        if (!lv.isArray()) {
            *error = QStringLiteral("listeners: must be an array");
            return std::nullopt;
        }
        c.listeners.clear();
        const QJsonArray arr = lv.toArray();
        for (qsizetype i = 0; i < arr.size(); ++i) {
            const QString where = QStringLiteral("listeners[%1]").arg(i);
            if (!arr[i].isObject()) {
                *error = QStringLiteral("%1: must be an object").arg(where);
                return std::nullopt;
            }
            const QJsonObject o = arr[i].toObject();
            if (!checkKeys(o, where, {QStringLiteral("name"), QStringLiteral("address"), QStringLiteral("port"), QStringLiteral("services"), QStringLiteral("tls")}, error))
                return std::nullopt;
            ListenerConfig l;
            l.group = int(i);
            l.address = c.listenAddress;
            l.name = o[QLatin1String("name")].toString();
            if (o.contains(QLatin1String("address"))) {
                if (!o[QLatin1String("address")].isString()) {
                    *error = QStringLiteral("%1.address: must be a string").arg(where);
                    return std::nullopt;
                }
                l.address = o[QLatin1String("address")].toString();
            }
            if (!o.contains(QLatin1String("port"))) {
                *error = QStringLiteral("%1.port: missing").arg(where);
                return std::nullopt;
            }
            if (!readInt(o[QLatin1String("port")], where + QStringLiteral(".port"), 0, 65535, &l.port, error))
                return std::nullopt;
            if (!readStringList(o[QLatin1String("services")], where + QStringLiteral(".services"), &l.services, error))
                return std::nullopt;
            if (o.contains(QLatin1String("tls"))) {
                const QJsonObject t = o[QLatin1String("tls")].toObject();
                if (!o[QLatin1String("tls")].isObject() || !t[QLatin1String("certificate")].isString() || !t[QLatin1String("key")].isString()) {
                    *error = QStringLiteral("%1.tls: must be {\"certificate\": PEM file, \"key\": PEM file}").arg(where);
                    return std::nullopt;
                }
                l.tls = TlsFiles{t[QLatin1String("certificate")].toString(), t[QLatin1String("key")].toString()};
            }
            c.listeners.append(l);
        }
    }
    const QString v = c.validate();
    if (!v.isEmpty()) {
        *error = v;
        return std::nullopt;
    }
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
                      {QStringLiteral("allowed_origins"), QJsonArray::fromStringList(it->allowedOrigins)},
                      {QStringLiteral("allow_anonymous"), it->allowAnonymous}};
        if (it.key() == QLatin1String("chat")) {
            o.insert(QStringLiteral("text_price"), double(it->textPrice));
            o.insert(QStringLiteral("history_limit"), it->historyLimit);
            o.insert(QStringLiteral("file_bytes"), double(it->fileBytes));
        }
        if (it.key() == QLatin1String("channels")) {
            o.insert(QStringLiteral("history_events"), it->historyEvents);
            o.insert(QStringLiteral("history_ms"), double(it->historyMs));
            o.insert(QStringLiteral("history_bytes"), it->historyBytes);
            o.insert(QStringLiteral("history_total_bytes"), it->historyTotalBytes);
            o.insert(QStringLiteral("ack_timeout_ms"), it->ackTimeoutMs);
            o.insert(QStringLiteral("emit_key"), it->emitKey);
        }
        if (it.key() == QLatin1String("pop")) {
            o.insert(QStringLiteral("view_max_per_report"), it->viewMaxPerReport);
            o.insert(QStringLiteral("view_max_per_user"), it->viewMaxPerUser);
            o.insert(QStringLiteral("view_reports_per_minute"), it->viewReportsPerMinute);
        }
        svc.insert(it.key(), o);
    }
    return {{QStringLiteral("workers"), workers},
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
    return {};
}

}  // namespace sb
