#include "limits.h"

#include <QJsonValue>

#include <functional>

namespace sb {

namespace {
struct Field {
    const char *key;
    std::function<qint64(const Limits &)> get;
    std::function<void(Limits &, qint64)> set;
    qint64 min;
    qint64 max;
};

const std::vector<Field> &fields()
{
#define SB_FIELD(key, member, lo, hi)                                                                         \
    Field { key, [](const Limits &l) { return qint64(l.member); },                                            \
            [](Limits &l, qint64 v) { l.member = decltype(l.member)(v); }, lo, hi }
    static const std::vector<Field> f = {
        SB_FIELD("head_bytes", headBytes, 1024, 1 << 20),
        SB_FIELD("head_timeout_ms", headTimeoutMs, 100, 600'000),
        SB_FIELD("keep_alive_ms", keepAliveMs, 100, 3'600'000),
        SB_FIELD("body_bytes", bodyBytes, 0, qint64(1) << 32),
        SB_FIELD("frame_bytes", frameBytes, 125, qint64(1) << 31),
        SB_FIELD("message_bytes", messageBytes, 125, qint64(1) << 31),
        SB_FIELD("max_connections", maxConnections, 1, 10'000'000),
        SB_FIELD("max_connections_per_ip", maxConnectionsPerIp, 1, 10'000'000),
        SB_FIELD("unauthenticated_ms", unauthenticatedMs, 10, 600'000),
        SB_FIELD("messages_per_second", messagesPerSecond, 1, 100'000'000),
        SB_FIELD("ping_interval_ms", pingIntervalMs, 0, 86'400'000),
        SB_FIELD("pong_timeout_ms", pongTimeoutMs, 10, 86'400'000),
        SB_FIELD("send_queue_bytes", sendQueueBytes, 4096, qint64(1) << 32),
        SB_FIELD("send_timeout_ms", sendTimeoutMs, 100, 86'400'000),
    };
#undef SB_FIELD
    return f;
}
}  // namespace

Limits Limits::fromJson(const QJsonObject &obj, const Limits &base, const QString &where, QString *error)
{
    Limits out = base;
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        const Field *field = nullptr;
        for (const Field &f : fields()) {
            if (it.key() == QLatin1String(f.key))
                field = &f;
        }
        const QString name = where + QLatin1Char('.') + it.key();
        if (!field) {
            *error = QStringLiteral("%1: unknown limit").arg(name);
            return base;
        }
        const QJsonValue v = it.value();
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d != double(qint64(d)) || qint64(d) < field->min || qint64(d) > field->max) {
            *error = QStringLiteral("%1: must be an integer from %2 to %3")
                         .arg(name)
                         .arg(field->min)
                         .arg(field->max);
            return base;
        }
        field->set(out, qint64(d));
    }
    return out;
}

QJsonObject Limits::toJson() const
{
    QJsonObject o;
    for (const Field &f : fields())
        o.insert(QLatin1String(f.key), double(f.get(*this)));
    return o;
}

LimitReaction limitReaction(LimitKind kind)
{
    switch (kind) {
    case LimitKind::HeadSize: return {431, 1009, "HEAD_TOO_LARGE", "request head too large"};
    case LimitKind::HeadTime: return {408, 1008, "HEAD_TIMEOUT", "request head not received in time"};
    case LimitKind::BodySize: return {413, 1009, "BODY_TOO_LARGE", "request body too large"};
    case LimitKind::BodyTime: return {408, 1008, "BODY_TIMEOUT", "request body not received in time"};
    case LimitKind::FrameSize: return {413, 1009, "FRAME_TOO_LARGE", "frame too large"};
    case LimitKind::MessageSize: return {413, 1009, "MESSAGE_TOO_LARGE", "message too large"};
    case LimitKind::TotalConnections: return {503, 1013, "SERVER_FULL", "too many connections"};
    case LimitKind::ServiceConnections: return {503, 1013, "SERVICE_FULL", "too many connections to this service"};
    case LimitKind::ConnectionsPerIp: return {429, 1008, "TOO_MANY_CONNECTIONS_FROM_ADDRESS", "too many connections from this address"};
    case LimitKind::Unauthenticated: return {408, 1008, "AUTH_TIMEOUT", "not authenticated in time"};
    case LimitKind::MessageRate: return {429, 1008, "RATE_LIMITED", "message rate limit exceeded"};
    case LimitKind::PongTimeout: return {408, 1001, "PONG_TIMEOUT", "no pong in time"};
    case LimitKind::SendQueue: return {503, 1008, "SLOW_CONSUMER", "send queue full: the client does not read"};
    case LimitKind::SendTimeout: return {408, 1008, "SLOW_CONSUMER", "the client has not read for too long"};
    }
    return {500, 1011, "INTERNAL", "internal error"};
}

}  // namespace sb
