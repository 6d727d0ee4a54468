#include "popservice.h"

#include "accounts/accountstore.h"
#include "net/worker.h"
#include "net/wsendpoint.h"
#include "net/wssession.h"
#include "servercontext.h"
#include "store/database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QUuid>

namespace sb::pop {

namespace {

const QString kService = QStringLiteral("pop");

// A reply as it goes on the wire: UTF-8 JSON, sent without a QString round trip.
QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

class PopSession final : public WsSession
{
public:
    PopSession(QWebSocket *socket, const SessionContext &context, ServiceCounters &counters, PopService &service)
        : WsSession(socket, context, counters), m_service(service)
    {
        m_authTimer.setParent(this);
        m_authTimer.setSingleShot(true);
        m_authTimer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_authTimer, &QTimer::timeout, this, [this] {
            ServiceCounters::add(this->counters().limitHits);
            refuseAuth(QStringLiteral("not authenticated within %1 ms").arg(this->context().limits.unauthenticatedMs));
        });
        m_authTimer.start(context.limits.unauthenticatedMs);
    }
    ~PopSession() override { leaveGroup(); }

protected:
    void onText(const QString &message) override
    {
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(message.toUtf8(), &pe);
        const QJsonObject o = doc.object();
        if (!m_user) {
            authenticate(pe.error == QJsonParseError::NoError && doc.isObject() ? o : QJsonObject());
            return;
        }
        if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
            ServiceCounters::add(counters().errors);
            sendUtf8(compact({{QStringLiteral("error"), QStringLiteral("INVALID_JSON")},
                              {QStringLiteral("detail"), QStringLiteral("messages are JSON objects with \"state\" or \"view_counts\"")}}));
            return;
        }
        if (o.contains(QLatin1String("state")))
            handleState(o.value(QLatin1String("state")));
        else if (o.contains(QLatin1String("view_counts")))
            handleViewCounts(o.value(QLatin1String("view_counts")));
        else {
            ServiceCounters::add(counters().errors);
            sendUtf8(compact({{QStringLiteral("error"), QStringLiteral("UNKNOWN_MESSAGE")},
                              {QStringLiteral("detail"), QStringLiteral("expected \"state\" or \"view_counts\"")}}));
        }
    }
    void onBinary(const QByteArray &) override
    {
        if (!m_user)
            return refuseAuth(QStringLiteral("the first message must be {\"authorization\": \"Bearer <session id>\"}"));
        ServiceCounters::add(counters().errors);
        sendUtf8(compact({{QStringLiteral("error"), QStringLiteral("INVALID_JSON")}, {QStringLiteral("detail"), QStringLiteral("binary messages are not used")}}));
    }
    void onDisconnected() override { leaveGroup(); }

private:
    void refuseAuth(const QString &detail)
    {
        m_authTimer.stop();
        ServiceCounters::add(counters().errors);
        sendUtf8(compact({{QStringLiteral("authenticated"), false}, {QStringLiteral("detail"), detail}}));
        close(1008, detail);
    }

    void authenticate(const QJsonObject &first)
    {
        m_authTimer.stop();
        const QString auth = first.value(QLatin1String("authorization")).toString();
        if (!auth.startsWith(QLatin1String("Bearer "), Qt::CaseInsensitive))
            return refuseAuth(QStringLiteral("the first message must be {\"authorization\": \"Bearer <session id>\"}"));
        const QByteArray token = auth.mid(7).trimmed().toLatin1();
        const auto user = m_service.context().accounts->userForAccessToken(token);
        if (!user)
            return refuseAuth(QStringLiteral("invalid or expired session"));
        m_user = user;
        setAccess(user->id, AccountStore::accessTokenDigest(token));  // a logout closes this socket
        setIdentity(user->email);
        sendUtf8(compact({{QStringLiteral("authenticated"), true}}));
    }

    void stateError(const QString &detail)
    {
        ServiceCounters::add(counters().errors);
        sendUtf8(compact({{QStringLiteral("state"), false}, {QStringLiteral("detail"), detail}}));
    }

    void handleState(const QJsonValue &value)
    {
        if (!value.isObject())
            return stateError(QStringLiteral("state must be an object"));
        const QJsonObject s = value.toObject();
        const QJsonValue group = s.value(QLatin1String("active_group_id"));
        const QJsonValue typing = s.value(QLatin1String("is_typing"));
        // The seed does not know the group id's type: a string, an integer or null.
        const bool groupOk = group.isUndefined() || group.isNull() || group.isString()
            || (group.isDouble() && group.toDouble() == double(qint64(group.toDouble())));
        if (!groupOk)
            return stateError(QStringLiteral("active_group_id must be a string, an integer or null"));
        if (!typing.isUndefined() && !typing.isNull() && !typing.isBool())
            return stateError(QStringLiteral("is_typing must be true, false or null"));
        // Only the known keys are echoed; anything else a client adds is dropped.
        QJsonObject echo{{QStringLiteral("user_id"), m_user->uuid},
                         {QStringLiteral("active_group_id"), group.isUndefined() ? QJsonValue(QJsonValue::Null) : group},
                         {QStringLiteral("is_typing"), typing.toBool(false)}};
        const QByteArray message = compact({{QStringLiteral("state"), echo}});
        const QString newGroup = group.isString() || group.isDouble() ? QString::fromUtf8(compact({{QStringLiteral("g"), group}})) : QString();
        if (newGroup != m_group) {
            leaveGroup();
            m_group = newGroup;
            if (!m_group.isEmpty())
                m_service.groups().join(m_group, context().worker, id());
        }
        sendUtf8(message);
        if (!m_group.isEmpty())
            m_service.groups().relayUtf8(m_group, id(), message);
    }

    void handleViewCounts(const QJsonValue &value)
    {
        ServiceCounters &c = counters();
        auto refuse = [&](const QString &detail) {
            ServiceCounters::add(c.reportsRefused);
            sendUtf8(compact({{QStringLiteral("view_counts"), false}, {QStringLiteral("detail"), detail}}));
        };
        QString detail;
        auto report = parseViewCounts(value, m_service.rules(), &detail);
        if (!report)
            return refuse(detail);
        if (!m_service.allowReport(m_user->id))
            return refuse(QStringLiteral("too many view count reports; slow down"));
        ServiceCounters::add(c.reportsClamped, report->clamped);
        Worker *worker = context().worker;
        const quint64 sid = id();
        ServiceCounters *counters = &c;
        // Answered after the commit; what this socket sends next waits for that answer.
        holdInput();
        m_service.writer().submit(m_user->id, std::move(*report), [worker, sid, counters](bool stored, int capped) {
            ServiceCounters::add(counters->reportsClamped, capped);
            const QByteArray reply = stored ? compact({{QStringLiteral("view_counts"), true}})
                                         : compact({{QStringLiteral("view_counts"), false}, {QStringLiteral("detail"), QStringLiteral("the report could not be stored")}});
            worker->post([worker, sid, reply] {
                if (WsSession *s = worker->session(sid)) {
                    s->sendUtf8(reply);
                    s->releaseInput();
                }
            });
        });
    }

    void leaveGroup()
    {
        if (!m_group.isEmpty())
            m_service.groups().leave(m_group, id());
        m_group.clear();
    }

    PopService &m_service;
    QTimer m_authTimer;
    std::optional<User> m_user;
    QString m_group;
};

class PopEndpoint final : public WsEndpoint
{
public:
    explicit PopEndpoint(PopService &service) : m_service(service) {}
    QString service() const override { return kService; }
    void admit(const HttpRequest &, std::function<void(WsAdmission)> done) override
    {
        done(WsAdmission::accept(0, QStringLiteral("(not yet authenticated)")));
    }
    WsSession *createSession(QWebSocket *socket, const SessionContext &context) override
    {
        return new PopSession(socket, context, m_service.context().telemetry->service(kService), m_service);
    }

private:
    PopService &m_service;
};

}  // namespace

PopService::PopService(ServerContext &context) : m_ctx(context)
{
    const ServiceConfig cfg = context.config.service(kService);
    m_rules = ViewRules{100, cfg.viewMaxPerReport, cfg.viewMaxPerUser};
    m_reportsPerMinute = cfg.viewReportsPerMinute;
    m_writer = std::make_unique<ViewCountWriter>(*context.database, m_rules, context.telemetry->service(kService));
    m_clock.start();
}

QJsonObject PopService::snapshot() const
{
    // Group keys are the JSON of active_group_id ({"g": 42}); show the id itself.
    QJsonArray groups;
    for (const QJsonValue &v : m_groups.snapshot()) {
        QJsonObject g = v.toObject();
        g.insert(QStringLiteral("name"), QJsonDocument::fromJson(g.value(QStringLiteral("name")).toString().toUtf8()).object().value(QStringLiteral("g")));
        groups.append(g);
    }
    return {{QStringLiteral("groups"), groups}};
}

void PopService::drain()
{
    m_writer->flush();
}

bool PopService::allowReport(qint64 userId)
{
    QMutexLocker lock(&m_rateMutex);
    const qint64 now = m_clock.elapsed();
    const double rate = double(m_reportsPerMinute) / 60000.0;
    auto it = m_buckets.find(userId);
    if (it == m_buckets.end())
        it = m_buckets.insert(userId, {double(m_reportsPerMinute), now});
    it->tokens = qMin(double(m_reportsPerMinute), it->tokens + double(now - it->lastMs) * rate);
    it->lastMs = now;
    if (it->tokens < 1.0)
        return false;
    it->tokens -= 1.0;
    return true;
}

void PopService::registerRoutes(Router &router)
{
    router.addWs({QStringLiteral("/"), kService, std::make_shared<PopEndpoint>(*this)});
    router.addHttp({"GET", QStringLiteral("/view_counts"), kService, [this](HttpRequest &r, const HttpResponder &s) { viewCounts(r, s); }});
}

void PopService::viewCounts(HttpRequest &request, const HttpResponder &respond)
{
    QStringList ids;
    for (const QByteArray &id : request.head.queryItem("ids").split(',')) {
        const QString s = QString::fromUtf8(id.trimmed());
        if (s.isEmpty())
            continue;
        if (s.size() != 36 || QUuid::fromString(s).isNull()) {
            respond.send(HttpResponse::error(400, "INVALID_ID", QStringLiteral("'%1' is not a content id (a UUID)").arg(s.left(64))));
            return;
        }
        ids.append(s);
    }
    if (ids.isEmpty() || ids.size() > 100) {
        respond.send(HttpResponse::error(400, "INVALID_IDS", QStringLiteral("ids= takes 1 to 100 comma-separated content ids")));
        return;
    }
    QJsonObject out;
    const auto views = readViews(*m_ctx.database, ids);
    for (auto it = views.begin(); it != views.end(); ++it)
        out.insert(it.key(), QJsonObject{{QStringLiteral("total"), double(it->total)}, {QStringLiteral("viewers"), double(it->viewers)}});
    respond.send(HttpResponse::json(200, out));
}

}  // namespace sb::pop
