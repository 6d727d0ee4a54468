#include "felixservice.h"

#include "protocol/felix.h"

#include "felixsession.h"

#include "accounts/accountstore.h"
#include "broker/broker.h"
#include "net/worker.h"
#include "net/wsendpoint.h"
#include "servercontext.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

#include <unistd.h>

namespace sb::felix {

namespace pf = protocol::felix;

namespace {

const QString kService = QStringLiteral("felix");

qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> f = statm.readAll().split(' ');
    return f.size() > 1 ? f[1].toLongLong() * sysconf(_SC_PAGESIZE) : 0;
}

class FelixEndpoint final : public WsEndpoint
{
public:
    explicit FelixEndpoint(FelixService &service) : m_service(service) {}
    QString service() const override { return kService; }
    void admit(const HttpRequest &request, std::function<void(WsAdmission)> done) override
    {
        // The token as is (seed 002): no header, an unknown or revoked token, a public one
        // or a "Bearer <token>" form are all refused with 403 before any 101.
        const QByteArray token = request.header("Authorization");
        const auto api = token.isEmpty() ? std::nullopt : m_service.context().accounts->apiTokenFor(token);
        if (!api || api->scope != QLatin1String("private")) {
            const QString why = token.isEmpty()                 ? QStringLiteral("an Authorization header with a private API token is required")
                                : !api && token.startsWith("Bearer ") ? QStringLiteral("send the token as is, without 'Bearer'")
                                : !api                          ? QStringLiteral("unknown or revoked API token")
                                                                : QStringLiteral("a %1 API token cannot open this socket").arg(api->scope);
            return done(WsAdmission::refuse(HttpResponse::error(403, "FORBIDDEN", why), "felix_token"));
        }
        const QString agent = QString::fromUtf8(request.header("User-Agent")).left(80);
        WsAdmission a = WsAdmission::accept(0, agent.isEmpty() ? api->name : QStringLiteral("%1 (%2)").arg(api->name, agent));
        a.apiTokenId = api->id;  // revoking the token closes the socket
        done(std::move(a));
    }
    WsSession *createSession(const SessionContext &context) override
    {
        return newFelixSession(context, m_service.context().telemetry->service(kService), m_service);
    }

private:
    FelixService &m_service;
};

}  // namespace

FelixService::FelixService(ServerContext &context)
    : m_ctx(context),
      m_hub(*context.broker, kService),
      m_store(*context.database, [hub = &m_hub](Kind kind, const QString &id, const std::optional<QJsonObject> &doc, qint64 order) {
          hub->changed(kind, id, doc, order);
      })
{
}

std::optional<PresenceNode> FelixService::presence() const
{
    const QJsonObject subs = m_hub.subscriptions();
    PresenceNode top{QCoreApplication::translate("sb::Presence", "Felix subscriptions"), QString(), {}};
    const std::pair<QString, QString> kinds[] = {{pf::key::guilds, QCoreApplication::translate("sb::Presence", "Guilds")},
                                                 {pf::key::users, QCoreApplication::translate("sb::Presence", "Users")}};
    for (const auto &[key, title] : kinds) {
        const QJsonObject ids = subs.value(key).toObject();
        PresenceNode kind{title, QCoreApplication::translate("sb::Presence", "%n id(s) listened to", nullptr, int(ids.size())), {}};
        for (auto it = ids.begin(); it != ids.end(); ++it)
            kind.children.append({it.key(), QCoreApplication::translate("sb::Presence", "%n connection(s)", nullptr, it.value().toInt()), {}});
        top.children.append(kind);
    }
    return top;
}

QByteArray FelixService::heartbeatReply() const
{
    // A shard is a worker thread. In a cluster, every live node's, numbered across the
    // nodes in name order (the same ids from every node), each naming its node; this node's
    // as they are now, the others' as of their last beat (at most a second or two old).
    QJsonArray shards;
    auto shard = [&shards](int ping, int connections, const QString &node) {
        QJsonObject s{{pf::key::id, int(shards.size())},
                      {pf::key::status, QStringLiteral("ready")},
                      {pf::key::ping, ping},
                      {pf::key::connections, connections}};
        if (!node.isEmpty())
            s.insert(pf::key::node, node);
        shards.append(s);
    };
    QList<ClusterNodeInfo> nodes = m_ctx.broker->clusterNodes();
    std::sort(nodes.begin(), nodes.end(), [](const ClusterNodeInfo &x, const ClusterNodeInfo &y) { return x.name < y.name; });
    const QString self = m_ctx.broker->node();
    if (nodes.isEmpty())
        nodes.append({self, {}, true, false});
    for (const ClusterNodeInfo &n : std::as_const(nodes)) {
        if (n.name == self) {
            for (const Worker *w : m_ctx.workers)
                shard(w->loopLatencyMs(), w->sessionCount(), self);
        } else if (n.alive) {
            for (const QJsonValue &v : n.info.value(QStringLiteral("shards")).toArray())
                shard(v[QLatin1String("ping")].toInt(), v[QLatin1String("connections")].toInt(), n.name);
        }
    }
    const QJsonObject data{{pf::key::receivedAt, double(QDateTime::currentMSecsSinceEpoch())},
                           {pf::key::shards, shards},
                           {pf::key::guildsCount, const_cast<FelixStore &>(m_store).count(Kind::Guild)},
                           {pf::key::memoryUsage, double(residentBytes())},
                           {pf::key::uptime, double(m_ctx.uptime.elapsed())}};
    return QJsonDocument(QJsonObject{{pf::key::code, pf::code::status}, {pf::key::data, data}}).toJson(QJsonDocument::Compact);
}

void FelixService::registerRoutes(Router &router)
{
    router.addWs({QStringLiteral("/"), kService, std::make_shared<FelixEndpoint>(*this)});
    for (Kind kind : {Kind::Guild, Kind::User}) {
        const QString base = kind == Kind::Guild ? pf::guildsPath : pf::usersPath;
        router.addHttp({"GET", base, kService, [this, kind](HttpRequest &r, const HttpResponder &s) { handleList(kind, r, s); }});
        for (const QByteArray &method : {QByteArray("GET"), QByteArray("PUT"), QByteArray("PATCH"), QByteArray("DELETE")})
            router.addHttp({method, base + QStringLiteral("/{id}"), kService,
                            [this, kind](HttpRequest &r, const HttpResponder &s) { handleDocument(kind, r, s); }});
    }
}

bool FelixService::authorized(const HttpRequest &request, const HttpResponder &respond)
{
    const QByteArray token = request.bearerToken();
    if (token.isEmpty()) {
        HttpResponse r = HttpResponse::error(401, "NOT_AUTHENTICATED", QStringLiteral("send 'Authorization: Bearer <private API token>'"));
        r.setHeader("WWW-Authenticate", "Bearer");
        respond.send(r);
        return false;
    }
    const auto api = m_ctx.accounts->apiTokenFor(token);
    if (!api || api->scope != QLatin1String("private")) {
        respond.send(HttpResponse::error(403, "FORBIDDEN", api ? QStringLiteral("a %1 API token cannot use this API").arg(api->scope)
                                                               : QStringLiteral("unknown or revoked API token")));
        return false;
    }
    return true;
}

void FelixService::handleList(Kind kind, HttpRequest &request, const HttpResponder &respond)
{
    if (!authorized(request, respond))
        return;
    QJsonArray out;
    for (const auto &d : m_store.list(kind))
        out.append(QJsonObject{{pf::key::id, d.first}, {pf::key::data, d.second}});
    respond.send(HttpResponse::json(200, QJsonDocument(out).toJson(QJsonDocument::Compact)));
}

void FelixService::handleDocument(Kind kind, HttpRequest &request, const HttpResponder &respond)
{
    if (!authorized(request, respond))
        return;
    const QString id = request.params.value(QStringLiteral("id"));
    if (id.size() > 128) {
        respond.send(HttpResponse::error(400, "INVALID_ID", QStringLiteral("ids are at most 128 characters")));
        return;
    }
    const QByteArray method = request.head.method == "HEAD" ? QByteArray("GET") : request.head.method;
    const QString what = kindName(kind);
    auto notFound = [&] { respond.send(HttpResponse::error(404, "NOT_FOUND", QStringLiteral("no %1 %2").arg(what, id))); };
    if (method == "GET") {
        if (const auto doc = m_store.get(kind, id))
            respond.send(HttpResponse::json(200, *doc));
        else
            notFound();
        return;
    }
    if (method == "DELETE") {
        const auto r = m_store.remove(kind, id);
        if (r == FelixStore::Result::NotFound)
            notFound();
        else if (r == FelixStore::Result::StorageError)
            respond.send(HttpResponse::error(500, "STORAGE_ERROR", QStringLiteral("the change could not be stored")));
        else
            respond.send(HttpResponse{204, {}, {}, false, false});
        return;
    }
    // PUT and PATCH carry JSON.
    const QByteArray type = request.header("Content-Type").toLower();
    const bool json = type.isEmpty() || type.startsWith("application/json")
        || (method == "PATCH" && type.startsWith("application/merge-patch+json"));
    if (!json) {
        respond.send(HttpResponse::error(415, "UNSUPPORTED_MEDIA_TYPE",
                                         method == "PATCH" ? QStringLiteral("send application/merge-patch+json or application/json")
                                                           : QStringLiteral("send application/json")));
        return;
    }
    QJsonParseError pe;
    const QJsonDocument body = QJsonDocument::fromJson(request.body, &pe);
    if (pe.error != QJsonParseError::NoError) {
        respond.send(HttpResponse::error(400, "INVALID_JSON", QStringLiteral("the body is not valid JSON: %1").arg(pe.errorString())));
        return;
    }
    if (method == "PUT") {
        if (!body.isObject()) {
            respond.send(HttpResponse::error(400, "NOT_AN_OBJECT", QStringLiteral("a %1 document is a JSON object").arg(what)));
            return;
        }
        const auto r = m_store.put(kind, id, body.object());
        if (r == FelixStore::Result::StorageError)
            respond.send(HttpResponse::error(500, "STORAGE_ERROR", QStringLiteral("the change could not be stored")));
        else
            respond.send(HttpResponse::json(r == FelixStore::Result::Created ? 201 : 200, body.object()));
        return;
    }
    QJsonObject after;
    const QJsonValue patch = body.isObject() ? QJsonValue(body.object()) : QJsonValue(body.array());
    switch (m_store.patch(kind, id, patch, &after)) {
    case FelixStore::Result::NotFound: notFound(); return;
    case FelixStore::Result::NotAnObject:
        respond.send(HttpResponse::error(400, "NOT_AN_OBJECT", QStringLiteral("the patch would turn the %1 into something other than an object").arg(what)));
        return;
    case FelixStore::Result::StorageError:
        respond.send(HttpResponse::error(500, "STORAGE_ERROR", QStringLiteral("the change could not be stored")));
        return;
    default: respond.send(HttpResponse::json(200, after));
    }
}

}  // namespace sb::felix
