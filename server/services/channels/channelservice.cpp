#include "channelservice.h"

#include "protocol/channels.h"

#include "channelsession.h"
#include "net/httpconnection.h"
#include "wire/jsonminify.h"
#include "net/worker.h"
#include "net/wsendpoint.h"
#include "servercontext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <algorithm>

namespace sb::channels {

using namespace protocol::channels;

namespace {
ChannelHub::HistoryLimits historyLimits(const ChannelSettings &c)
{
    return {c.historyEvents, c.historyMs, c.historyBytes, c.historyTotalBytes};
}
}  // namespace

namespace {

const QString kService = QStringLiteral("channels");

HttpResponse badChannel()
{
    return HttpResponse::error(400, code::invalidChannel.latin1(),
                               QStringLiteral("a channel name is 1-100 characters of A-Z a-z 0-9 . _ ~ : -"));
}

QString sinceOf(const HttpRequest &request)
{
    const QByteArray since = request.head.queryItem("since");
    if (!since.isEmpty())
        return QString::fromUtf8(since);
    return QString::fromUtf8(request.header("Last-Event-ID"));  // EventSource reconnects
}

class ListenEndpoint final : public WsEndpoint
{
public:
    explicit ListenEndpoint(ChannelService &service) : m_service(service) {}
    QString service() const override { return kService; }
    void admit(const HttpRequest &request, std::function<void(WsAdmission)> done) override
    {
        if (!isValidChannelName(request.params.value(QStringLiteral("channel"))))
            return done(WsAdmission::refuse(badChannel(), "bad_channel"));
        QByteArray presence;
        QString error;
        if (!parsePresence(request.head.query, &presence, &error))
            return done(WsAdmission::refuse(HttpResponse::error(400, code::invalidPresence.latin1(), error), "bad_presence"));
        done(WsAdmission::accept());
    }
    WsSession *createSession(const SessionContext &context) override
    {
        QByteArray presence;
        QString error;
        parsePresence(context.query, &presence, &error);  // validated in admit()
        QString since = QString::fromUtf8(queryItem(context.query, "since"));
        return new ChannelSession(context, m_service.context().telemetry->service(kService),
                                  ChannelShared{&m_service.hub(), &m_service.acks()},
                                  context.params.value(QStringLiteral("channel")), presence, since);
    }

private:
    ChannelService &m_service;
};

QJsonArray toArray(const QStringList &l)
{
    return QJsonArray::fromStringList(l);
}

void appendJsonString(QByteArray &out, const QString &s)
{
    out.append('"');
    // Client and event ids are plain ASCII: copied as they are, no conversion.
    const bool plain = std::all_of(s.cbegin(), s.cend(), [](QChar c) { return c.unicode() >= 0x20 && c.unicode() < 0x7f && c != u'"' && c != u'\\'; });
    if (plain) {
        const qsizetype at = out.size();
        out.resize(at + s.size());
        char *p = out.data() + at;
        for (const QChar c : s)
            *p++ = char(c.unicode());
        out.append('"');
        return;
    }
    for (const char c : s.toUtf8()) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out.append('\\').append(c);
        } else if (u < 0x20) {
            static const char hex[] = "0123456789abcdef";
            out.append("\\u00").append(hex[u >> 4]).append(hex[u & 15]);
        } else {
            out.append(c);
        }
    }
    out.append('"');
}

void appendJsonArray(QByteArray &out, const QStringList &l)
{
    out.append('[');
    for (qsizetype i = 0; i < l.size(); ++i) {
        if (i)
            out.append(',');
        appendJsonString(out, l[i]);
    }
    out.append(']');
}

// The answer to an emit without ACKs, written straight as bytes: with hundreds of clients,
// QJsonArray + QJsonDocument cost more than the fan-out itself. Same keys and order as the
// QJsonObject form ({"clients","delivered","eventID","missing"}).
QByteArray emitBody(const EmitResult &r, bool emptyAcked)
{
    QByteArray out;
    out.reserve(96 + r.delivered.size() * 20 + r.missing.size() * 20);
    if (emptyAcked)
        out.append("{\"acked\":[],\"clients\":");
    else
        out.append("{\"clients\":");
    appendJsonArray(out, r.delivered);
    out.append(",\"delivered\":").append(QByteArray::number(r.delivered.size())).append(",\"eventID\":");
    appendJsonString(out, r.eventId);
    out.append(",\"missing\":");
    appendJsonArray(out, r.missing);
    out.append('}');
    return out;
}

}  // namespace

bool parsePresence(const QByteArray &query, QByteArray *json, QString *error)
{
    const QByteArray raw = queryItem(query, "presence");
    if (raw.isNull() || raw.isEmpty()) {
        *json = "{}";
        return true;
    }
    if (raw.size() > 4096) {
        *error = QStringLiteral("presence is limited to 4 KiB");
        return false;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(raw, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("presence must be a URL-encoded JSON object");
        return false;
    }
    *json = doc.toJson(QJsonDocument::Compact);
    return true;
}

ChannelService::ChannelService(ServerContext &context)
    : m_ctx(context)
    , m_settings(context.config.service(kService).settings<ChannelSettings>())
    , m_emitKey(m_settings.emitKey.toUtf8())
    , m_hub(*context.broker, kService, historyLimits(m_settings), &m_acks)
{
}

std::optional<PresenceNode> ChannelService::presence() const
{
    const QList<ChannelHub::ChannelState> channels = m_hub.channels();
    PresenceNode top{QCoreApplication::translate("sb::Presence", "Channels"),
                     QCoreApplication::translate("sb::Presence", "%n channel(s)", nullptr, int(channels.size())), {}};
    for (const ChannelHub::ChannelState &c : channels) {
        PresenceNode node{c.name,
                          QCoreApplication::translate("sb::Presence", "%n member(s), %1 recent events kept", nullptr, int(c.members.size()))
                              .arg(c.history),
                          {}};
        for (const MemberInfo &m : c.members) {
            // In a cluster, each member is marked with the node it is connected to.
            const QString label = m.node.isEmpty() ? m.clientId : QCoreApplication::translate("sb::Presence", "%1 (on %2)").arg(m.clientId, m.node);
            node.children.append({label, QString::fromUtf8(m.presenceJson), {}});
        }
        top.children.append(node);
    }
    return top;
}

void ChannelService::registerRoutes(Router &router)
{
    router.addWs({QStringLiteral("/{channel}/listen"), kService, std::make_shared<ListenEndpoint>(*this)});
    router.addHttp({"GET", QStringLiteral("/{channel}/listen"), kService, [this](HttpRequest &r, const HttpResponder &s) { listenSse(r, s); }});
    router.addHttp({"GET", QStringLiteral("/{channel}/emit"), kService, [this](HttpRequest &r, const HttpResponder &s) { emitEvent(r, s); }});
    router.addHttp({"POST", QStringLiteral("/{channel}/emit"), kService, [this](HttpRequest &r, const HttpResponder &s) { emitEvent(r, s); }});
}

void ChannelService::listenSse(HttpRequest &request, const HttpResponder &respond)
{
    const QString channel = request.params.value(QStringLiteral("channel"));
    if (!isValidChannelName(channel)) {
        respond.send(badChannel());
        return;
    }
    QByteArray presence;
    QString error;
    if (!parsePresence(request.head.query, &presence, &error)) {
        respond.send(HttpResponse::error(400, code::invalidPresence.latin1(), error));
        return;
    }
    HttpResponse head;
    head.setHeader("Content-Type", "text/event-stream; charset=utf-8");
    HttpConnection *conn = respond.stream(head);
    if (!conn)
        return;
    const Limits limits = m_ctx.limitsFor(kService);
    auto *stream = new SseStream(conn, &conn->worker(), m_ctx.nextConnectionId.fetch_add(1), ChannelShared{&m_hub, &m_acks},
                                 channel, limits.pingIntervalMs);
    stream->start(presence, sinceOf(request));
}

namespace {

// The event's payload: the JSON body (POST), or the query parameters as strings (GET).
// Answers 400 itself when the body is not JSON.
std::optional<QByteArray> emitPayload(const HttpRequest &request, const HttpResponder &respond)
{
    QByteArray payload;
    if (request.head.method != "POST") {
        QJsonObject o;
        for (const QByteArray &pair : request.head.query.split('&')) {
            if (pair.isEmpty())
                continue;
            const qsizetype eq = pair.indexOf('=');
            const QString key = QString::fromUtf8(percentDecode(eq < 0 ? pair : pair.left(eq), true));
            if (key == param::clients || key == param::requireAck)
                continue;
            o.insert(key, QString::fromUtf8(eq < 0 ? QByteArray() : percentDecode(pair.mid(eq + 1), true)));
        }
        return QJsonDocument(o).toJson(QJsonDocument::Compact);
    }
    if (request.body.trimmed().isEmpty())
        return QByteArray("{}");
    // Any JSON value (seed 004), passed on as sent minus insignificant whitespace: checked in
    // one pass, no document built (a 1 MB emit costs ~1 ms, not ~20).
    const JsonMinifyResult r = minifyJson(request.body, payload);
    if (!r.ok) {
        respond.send(HttpResponse::error(400, code::invalidJson.latin1(),
                                         QStringLiteral("the body is not valid JSON: %1 at byte %2").arg(QString::fromLatin1(r.error)).arg(r.offset)));
        return std::nullopt;
    }
    return payload;
}

// Who gets the event (`clients`) and whether the emit waits for ACKs (`require-ack`).
struct EmitTarget {
    ChannelHub::Target target = ChannelHub::Target::All;
    int count = 0;
    QStringList ids;
    bool requireAck = false;
};

// Answers 400 itself when a parameter is malformed.
std::optional<EmitTarget> emitTarget(const HttpRequest &request, const HttpResponder &respond)
{
    EmitTarget t;
    const QByteArray ackParam = request.head.queryItem("require-ack");
    if (!ackParam.isNull() && ackParam != "true" && ackParam != "false") {
        respond.send(HttpResponse::error(400, code::invalidParameter.latin1(), QStringLiteral("require-ack must be true or false")));
        return std::nullopt;
    }
    t.requireAck = ackParam == "true";
    const QByteArray clients = request.head.queryItem("clients");
    if (clients.isNull())
        return t;
    bool isNumber = false;
    t.count = clients.toInt(&isNumber);
    if (isNumber && t.count >= 0) {
        t.target = ChannelHub::Target::Random;
        return t;
    }
    t.target = ChannelHub::Target::Listed;
    for (const QByteArray &id : clients.split(',')) {
        if (!id.trimmed().isEmpty())
            t.ids.append(QString::fromUtf8(id.trimmed()));
    }
    if (t.ids.isEmpty()) {
        respond.send(HttpResponse::error(400, code::invalidParameter.latin1(),
                                         QStringLiteral("clients must be a number or a comma-separated list of client ids")));
        return std::nullopt;
    }
    return t;
}

}  // namespace

void ChannelService::emitEvent(HttpRequest &request, const HttpResponder &respond)
{
    const QString channel = request.params.value(QStringLiteral("channel"));
    if (!isValidChannelName(channel)) {
        respond.send(badChannel());
        return;
    }
    if (!m_emitKey.isEmpty() && request.bearerToken() != m_emitKey) {
        HttpResponse r = HttpResponse::error(401, "NOT_AUTHENTICATED", QStringLiteral("emitting needs 'Authorization: Bearer <emit key>'"));
        r.setHeader("WWW-Authenticate", "Bearer");
        respond.send(r);
        return;
    }

    const std::optional<QByteArray> payload = emitPayload(request, respond);
    const std::optional<EmitTarget> to = payload ? emitTarget(request, respond) : std::nullopt;
    if (!to)
        return;
    const bool requireAck = to->requireAck;

    auto body = [](const EmitResult &r) {
        return QJsonObject{{key::eventId, r.eventId},
                           {key::delivered, int(r.delivered.size())},
                           {key::clients, toArray(r.delivered)},
                           {key::missing, toArray(r.missing)}};
    };
    AckRegistry *acks = &m_acks;
    const EmitResult result = m_hub.publish(channel, *payload, to->target, to->count, to->ids, requireAck, [&](const EmitResult &r) {
        if (!requireAck || r.delivered.isEmpty())
            return;
        acks->expect(r.eventId, r.delivered, [respond, r, body](const AckOutcome &o) {
            QJsonObject b = body(r);
            b.insert(key::acked, toArray(o.acked));
            if (o.complete) {
                respond.send(HttpResponse::json(200, b));
                return;
            }
            b.insert(key::pending, toArray(o.pending));
            b.insert(key::gone, toArray(o.left));
            b.insert(key::code, code::ackTimeout);
            b.insert(key::detail, o.left.size() == o.pending.size()
                                                   ? QStringLiteral("every client still pending left the channel before acknowledging")
                                                   : QStringLiteral("not every client acknowledged in time"));
            respond.send(HttpResponse::json(408, b));
        });
    });
    ServiceCounters::add(m_ctx.telemetry->service(kService).messagesIn);
    if (!requireAck || result.delivered.isEmpty()) {
        respond.send(HttpResponse::json(200, emitBody(result, requireAck)));
        return;
    }
    // The emitting worker owns the deadline; ACKs may complete the wait earlier elsewhere.
    // Precise: a coarse timer may fire up to 5% early, and clients rely on the full timeout.
    QTimer::singleShot(m_settings.ackTimeoutMs, Qt::PreciseTimer, respond.worker(), [acks, id = result.eventId] { acks->timeout(id); });
}

}  // namespace sb::channels
