#include "apijson.h"

#include <QJsonDocument>

namespace sb {

bool CaptureFilter::matches(const CaptureRecord &r) const
{
    if (!service.isEmpty() && r.service != service)
        return false;
    if (connection && r.connection != connection)
        return false;
    if (direction >= 0 && int(r.direction) != direction)
        return false;
    return text.isEmpty() || QString::fromUtf8(r.data).contains(text, Qt::CaseInsensitive);
}

namespace apijson {

namespace {

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}
qint64 num(const QJsonObject &o, const char *key, qint64 otherwise = 0)
{
    return o.value(QLatin1String(key)).toInteger(otherwise);
}
QJsonValue time(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toMSecsSinceEpoch()) : QJsonValue();
}
QDateTime timeFrom(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isDouble() ? QDateTime::fromMSecsSinceEpoch(v.toInteger(), Qt::UTC) : QDateTime();
}

// The counters, by their names in /metrics and here.
const std::pair<const char *, qint64 ServiceCountersSnapshot::*> kCounters[] = {
    {"connections_open", &ServiceCountersSnapshot::connectionsOpen},
    {"connections_total", &ServiceCountersSnapshot::connectionsTotal},
    {"messages_in", &ServiceCountersSnapshot::messagesIn},
    {"messages_out", &ServiceCountersSnapshot::messagesOut},
    {"bytes_in", &ServiceCountersSnapshot::bytesIn},
    {"bytes_out", &ServiceCountersSnapshot::bytesOut},
    {"http_requests", &ServiceCountersSnapshot::httpRequests},
    {"errors", &ServiceCountersSnapshot::errors},
    {"limit_hits", &ServiceCountersSnapshot::limitHits},
    {"heartbeat_timeouts", &ServiceCountersSnapshot::heartbeatTimeouts},
    {"slow_consumers", &ServiceCountersSnapshot::slowConsumers},
    {"store_commits", &ServiceCountersSnapshot::storeCommits},
    {"store_rows", &ServiceCountersSnapshot::storeRows},
    {"reports_clamped", &ServiceCountersSnapshot::reportsClamped},
    {"reports_refused", &ServiceCountersSnapshot::reportsRefused},
};

QJsonObject toJson(const ListenerStatus &l)
{
    return {{QStringLiteral("id"), l.id},
            {QStringLiteral("name"), l.name},
            {QStringLiteral("services"), QJsonArray::fromStringList(l.services)},
            {QStringLiteral("address"), l.address},
            {QStringLiteral("port"), l.port},
            {QStringLiteral("configured_port"), l.configuredPort},
            {QStringLiteral("tls"), l.tls},
            {QStringLiteral("certificate_file"), l.certificateFile},
            {QStringLiteral("key_file"), l.keyFile},
            {QStringLiteral("running"), l.running},
            {QStringLiteral("started_at"), l.startedAtMs},
            {QStringLiteral("error"), l.error},
            {QStringLiteral("local_url"), l.localUrl},
            {QStringLiteral("lan_urls"), QJsonArray::fromStringList(l.lanUrls)}};
}

ListenerStatus listenerFrom(const QJsonObject &o)
{
    ListenerStatus l;
    l.id = int(num(o, "id"));
    l.name = str(o, "name");
    for (const QJsonValue &s : o.value(QLatin1String("services")).toArray())
        l.services.append(s.toString());
    l.address = str(o, "address");
    l.port = quint16(num(o, "port"));
    l.configuredPort = int(num(o, "configured_port"));
    l.tls = o.value(QLatin1String("tls")).toBool();
    l.certificateFile = str(o, "certificate_file");
    l.keyFile = str(o, "key_file");
    l.running = o.value(QLatin1String("running")).toBool();
    l.startedAtMs = num(o, "started_at");
    l.error = str(o, "error");
    l.localUrl = str(o, "local_url");
    for (const QJsonValue &s : o.value(QLatin1String("lan_urls")).toArray())
        l.lanUrls.append(s.toString());
    return l;
}

QJsonObject toJson(const ServiceCountersSnapshot &c)
{
    QJsonObject o{{QStringLiteral("service"), c.service}};
    for (const auto &[key, member] : kCounters)
        o.insert(QLatin1String(key), c.*member);
    return o;
}

ServiceCountersSnapshot countersFrom(const QJsonObject &o)
{
    ServiceCountersSnapshot c;
    c.service = str(o, "service");
    for (const auto &[key, member] : kCounters)
        c.*member = num(o, key);
    return c;
}

const char *const kNodeStates[] = {"up", "stopped", "lost"};

QJsonObject toJson(const ClusterStatus &c)
{
    QJsonArray nodes;
    for (const ClusterNodeStatus &n : c.nodes) {
        QJsonArray ports;
        for (int p : n.ports)
            ports.append(p);
        nodes.append(QJsonObject{{QStringLiteral("name"), n.name},
                                 {QStringLiteral("address"), n.address},
                                 {QStringLiteral("ports"), ports},
                                 {QStringLiteral("connections"), n.connections},
                                 {QStringLiteral("state"), QLatin1String(kNodeStates[int(n.state)])},
                                 {QStringLiteral("seen_at"), n.seenAtMs},
                                 {QStringLiteral("started_at"), n.startedAtMs},
                                 {QStringLiteral("version"), n.version}});
    }
    return {{QStringLiteral("node"), c.node}, {QStringLiteral("problem"), c.problem}, {QStringLiteral("nodes"), nodes}};
}

ClusterStatus clusterFrom(const QJsonObject &o)
{
    ClusterStatus c{str(o, "node"), str(o, "problem"), {}};
    for (const QJsonValue &v : o.value(QLatin1String("nodes")).toArray()) {
        const QJsonObject n = v.toObject();
        ClusterNodeStatus s;
        s.name = str(n, "name");
        s.address = str(n, "address");
        for (const QJsonValue &p : n.value(QLatin1String("ports")).toArray())
            s.ports.append(p.toInt());
        s.connections = int(num(n, "connections"));
        const QString state = str(n, "state");
        s.state = state == QLatin1String("stopped") ? ClusterNodeStatus::State::Stopped
                  : state == QLatin1String("lost") ? ClusterNodeStatus::State::Lost
                                                    : ClusterNodeStatus::State::Up;
        s.seenAtMs = num(n, "seen_at");
        s.startedAtMs = num(n, "started_at");
        s.version = str(n, "version");
        s.self = s.name == c.node;
        c.nodes.append(s);
    }
    return c;
}

}  // namespace

QJsonObject toJson(const ServerSnapshot &s)
{
    QJsonArray listeners, services;
    for (const ListenerStatus &l : s.listeners)
        listeners.append(toJson(l));
    for (const ServiceCountersSnapshot &c : s.services)
        services.append(toJson(c));
    QJsonObject ping;
    for (auto it = s.pingIntervalMs.constBegin(); it != s.pingIntervalMs.constEnd(); ++it)
        ping.insert(it.key(), it.value());
    QJsonObject out{{QStringLiteral("uptime_ms"), s.uptimeMs},
            {QStringLiteral("started_at"), s.startedAtMs},
            {QStringLiteral("workers"), s.workers},
            {QStringLiteral("open_tcp"), s.openTcp},
            {QStringLiteral("node"), s.node},
            {QStringLiteral("version"), s.version},
            {QStringLiteral("data_dir"), s.dataDir},
            {QStringLiteral("listeners"), listeners},
            {QStringLiteral("services"), services},
            {QStringLiteral("ping_interval_ms"), ping},
            {QStringLiteral("capturing"), QJsonArray::fromStringList(s.capturing)},
            {QStringLiteral("admin"), QJsonObject{{QStringLiteral("reach"), s.admin.reach},
                                                  {QStringLiteral("port"), s.admin.port},
                                                  {QStringLiteral("tls"), s.admin.tls},
                                                  {QStringLiteral("running"), s.admin.running},
                                                  {QStringLiteral("error"), s.admin.error},
                                                  {QStringLiteral("clients"), s.admin.clients}}}};
    if (!s.cluster.node.isEmpty())
        out.insert(QStringLiteral("cluster"), toJson(s.cluster));
    return out;
}

ServerSnapshot snapshotFrom(const QJsonObject &o)
{
    ServerSnapshot s;
    s.uptimeMs = num(o, "uptime_ms");
    s.startedAtMs = num(o, "started_at");
    s.workers = int(num(o, "workers"));
    s.openTcp = int(num(o, "open_tcp"));
    s.node = str(o, "node");
    s.version = str(o, "version");
    s.dataDir = str(o, "data_dir");
    for (const QJsonValue &l : o.value(QLatin1String("listeners")).toArray())
        s.listeners.append(listenerFrom(l.toObject()));
    for (const QJsonValue &c : o.value(QLatin1String("services")).toArray())
        s.services.append(countersFrom(c.toObject()));
    const QJsonObject ping = o.value(QLatin1String("ping_interval_ms")).toObject();
    for (auto it = ping.constBegin(); it != ping.constEnd(); ++it)
        s.pingIntervalMs.insert(it.key(), it->toInt());
    for (const QJsonValue &c : o.value(QLatin1String("capturing")).toArray())
        s.capturing.append(c.toString());
    const QJsonObject a = o.value(QLatin1String("admin")).toObject();
    s.admin = {str(a, "reach"), quint16(num(a, "port")), a.value(QLatin1String("tls")).toBool(),
               a.value(QLatin1String("running")).toBool(), str(a, "error"), int(num(a, "clients"))};
    s.cluster = clusterFrom(o.value(QLatin1String("cluster")).toObject());
    return s;
}

QJsonObject toJson(const ConnectionInfo &c)
{
    return {{QStringLiteral("id"), qint64(c.id)},
            {QStringLiteral("service"), c.service},
            {QStringLiteral("peer"), c.peer},
            {QStringLiteral("identity"), c.identity},
            {QStringLiteral("worker"), c.worker},
            {QStringLiteral("listener"), c.listenerId},
            {QStringLiteral("since"), c.sinceMs},
            {QStringLiteral("messages_in"), c.messagesIn},
            {QStringLiteral("messages_out"), c.messagesOut},
            {QStringLiteral("bytes_in"), c.bytesIn},
            {QStringLiteral("bytes_out"), c.bytesOut},
            {QStringLiteral("last_ping"), c.lastPingMs},
            {QStringLiteral("last_pong"), c.lastPongMs},
            {QStringLiteral("rtt_ms"), c.rttMs},
            {QStringLiteral("ping_interval_ms"), c.pingIntervalMs},
            {QStringLiteral("missed_heartbeats"), c.missedHeartbeats},
            {QStringLiteral("limit_hits"), c.limitHits}};
}

ConnectionInfo connectionFrom(const QJsonObject &o)
{
    ConnectionInfo c;
    c.id = quint64(num(o, "id"));
    c.service = str(o, "service");
    c.peer = str(o, "peer");
    c.identity = str(o, "identity");
    c.worker = int(num(o, "worker"));
    c.listenerId = int(num(o, "listener"));
    c.sinceMs = num(o, "since");
    c.messagesIn = num(o, "messages_in");
    c.messagesOut = num(o, "messages_out");
    c.bytesIn = num(o, "bytes_in");
    c.bytesOut = num(o, "bytes_out");
    c.lastPingMs = num(o, "last_ping");
    c.lastPongMs = num(o, "last_pong");
    c.rttMs = num(o, "rtt_ms", -1);
    c.pingIntervalMs = num(o, "ping_interval_ms");
    c.missedHeartbeats = int(num(o, "missed_heartbeats"));
    c.limitHits = int(num(o, "limit_hits"));
    return c;
}

void appendJson(QByteArray &out, const CaptureRecord &r)
{
    // Service names are ours (letters); the payload travels in base64: nothing to escape.
    out += "{\"id\":";
    out += QByteArray::number(r.id);
    out += ",\"time\":";
    out += QByteArray::number(r.timeMs);
    out += ",\"connection\":";
    out += QByteArray::number(r.connection);
    out += ",\"service\":\"";
    out += r.service.toLatin1();
    out += "\",\"direction\":";
    out += char('0' + int(r.direction));
    out += ",\"kind\":";
    out += QByteArray::number(int(r.kind));
    out += ",\"size\":";
    out += QByteArray::number(r.size);
    out += ",\"data\":\"";
    out += r.data.toBase64();
    out += "\"}";
}

CaptureRecord captureFrom(const QJsonObject &o)
{
    CaptureRecord r;
    r.id = quint64(num(o, "id"));
    r.timeMs = num(o, "time");
    r.connection = quint64(num(o, "connection"));
    r.service = str(o, "service");
    r.direction = num(o, "direction") == CaptureRecord::Out ? CaptureRecord::Out : CaptureRecord::In;
    r.kind = CaptureRecord::Kind(qBound(qint64(0), num(o, "kind"), qint64(CaptureRecord::Handshake)));
    r.size = num(o, "size");
    r.data = QByteArray::fromBase64(str(o, "data").toLatin1());
    return r;
}

QJsonObject toJson(const CaptureFilter &f)
{
    return {{QStringLiteral("service"), f.service},
            {QStringLiteral("connection"), qint64(f.connection)},
            {QStringLiteral("direction"), f.direction},
            {QStringLiteral("text"), f.text}};
}

CaptureFilter captureFilterFrom(const QJsonObject &o)
{
    CaptureFilter f;
    f.service = str(o, "service");
    f.connection = quint64(num(o, "connection"));
    f.direction = int(qBound(qint64(-1), num(o, "direction", -1), qint64(1)));
    f.text = str(o, "text").left(200);
    return f;
}

QJsonObject toJson(const PresenceNode &n)
{
    QJsonObject o{{QStringLiteral("label"), n.label}};
    if (!n.detail.isEmpty())
        o.insert(QStringLiteral("detail"), n.detail);
    if (!n.children.isEmpty())
        o.insert(QStringLiteral("children"), arrayOf(n.children));
    return o;
}

PresenceNode presenceFrom(const QJsonObject &o)
{
    return {str(o, "label"), str(o, "detail"), listFrom<PresenceNode>(o.value(QLatin1String("children")), presenceFrom)};
}

QJsonObject toJson(const UserInfo &u)
{
    return {{QStringLiteral("id"), u.id},         {QStringLiteral("uuid"), u.uuid},
            {QStringLiteral("email"), u.email},   {QStringLiteral("role"), u.role},
            {QStringLiteral("balance"), u.balance}, {QStringLiteral("disabled"), u.disabled},
            {QStringLiteral("created_at"), time(u.createdAt)}};
}

UserInfo userFrom(const QJsonObject &o)
{
    return {num(o, "id"), str(o, "uuid"), str(o, "email"), str(o, "role"), num(o, "balance"),
            o.value(QLatin1String("disabled")).toBool(), timeFrom(o, "created_at")};
}

QJsonObject toJson(const ApiTokenInfo &t)
{
    return {{QStringLiteral("id"), t.id},
            {QStringLiteral("name"), t.name},
            {QStringLiteral("scope"), t.scope},
            {QStringLiteral("created_at"), time(t.createdAt)},
            {QStringLiteral("revoked"), t.revoked}};
}

ApiTokenInfo apiTokenFrom(const QJsonObject &o)
{
    return {num(o, "id"), str(o, "name"), str(o, "scope"), timeFrom(o, "created_at"), o.value(QLatin1String("revoked")).toBool()};
}

QJsonObject toJson(const SmileInfo &s)
{
    return {{QStringLiteral("id"), s.id}, {QStringLiteral("file_uuid"), s.fileUuid}, {QStringLiteral("price"), s.price}};
}

SmileInfo smileFrom(const QJsonObject &o)
{
    return {num(o, "id"), str(o, "file_uuid"), num(o, "price")};
}

QJsonObject toJson(const FelixDocument &d)
{
    return {{QStringLiteral("id"), d.id}, {QStringLiteral("data"), d.data}};
}

FelixDocument felixDocumentFrom(const QJsonObject &o)
{
    return {str(o, "id"), o.value(QLatin1String("data")).toObject()};
}

QJsonObject toJson(const CertificateInfo &c)
{
    return {{QStringLiteral("certificate_file"), c.certificateFile},
            {QStringLiteral("key_file"), c.keyFile},
            {QStringLiteral("sha256"), c.sha256Fingerprint}};
}

CertificateInfo certificateFrom(const QJsonObject &o)
{
    return {str(o, "certificate_file"), str(o, "key_file"), str(o, "sha256")};
}

QJsonObject toJson(const AuditEntry &e)
{
    return {{QStringLiteral("id"), e.id},           {QStringLiteral("at"), time(e.at)},
            {QStringLiteral("who"), e.who},         {QStringLiteral("address"), e.address},
            {QStringLiteral("action"), e.action},   {QStringLiteral("detail"), e.detail}};
}

AuditEntry auditFrom(const QJsonObject &o)
{
    return {num(o, "id"), timeFrom(o, "at"), str(o, "who"), str(o, "address"), str(o, "action"), str(o, "detail")};
}

QJsonValue toJson(const std::optional<TlsFiles> &tls)
{
    if (!tls)
        return QJsonValue::Null;
    return QJsonObject{{QStringLiteral("certificate"), tls->certificate}, {QStringLiteral("key"), tls->key}};
}

std::optional<TlsFiles> tlsFrom(const QJsonValue &v)
{
    if (!v.isObject())
        return std::nullopt;
    const QJsonObject o = v.toObject();
    return TlsFiles{str(o, "certificate"), str(o, "key")};
}

}  // namespace apijson
}  // namespace sb
