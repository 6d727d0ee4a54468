#include "popservice.h"

#include "popsession.h"

#include "accounts/accountstore.h"
#include "net/worker.h"
#include "net/wsendpoint.h"
#include "net/wssession.h"
#include "servercontext.h"
#include "store/database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace sb::pop {

namespace {

const QString kService = QStringLiteral("pop");

class PopEndpoint final : public WsEndpoint
{
public:
    explicit PopEndpoint(PopService &service) : m_service(service) {}
    QString service() const override { return kService; }
    void admit(const HttpRequest &, std::function<void(WsAdmission)> done) override
    {
        done(WsAdmission::accept(0, QStringLiteral("(not yet authenticated)")));
    }
    WsSession *createSession(const SessionContext &context) override
    {
        return newPopSession(context, m_service.context().telemetry->service(kService), m_service);
    }

private:
    PopService &m_service;
};

}  // namespace

PopService::PopService(ServerContext &context) : PopService(context, context.config.service(kService).settings<PopSettings>())
{
}

PopService::PopService(ServerContext &context, const PopSettings &settings)
    : m_ctx(context)
    , m_rules{100, settings.viewMaxPerReport, settings.viewMaxPerUser}
    , m_reportsPerMinute(settings.viewReportsPerMinute)
    , m_groups(*context.broker, kService)
    , m_writer(std::make_unique<ViewCountWriter>(*context.database, m_rules, context.telemetry->service(kService)))
    , m_clock([] {
        QElapsedTimer t;
        t.start();
        return t;
    }())
    , m_rateTally(*context.broker, kService + QStringLiteral("/rate"), [this](const QByteArray &user) { reportedElsewhere(user); })
{
}

std::optional<PresenceNode> PopService::presence() const
{
    const auto sizes = m_groups.roomSizes();
    PresenceNode top{QCoreApplication::translate("sb::Presence", "Pop groups"),
                     QCoreApplication::translate("sb::Presence", "%n active", nullptr, int(sizes.size())), {}};
    for (auto it = sizes.constBegin(); it != sizes.constEnd(); ++it) {
        // Group keys are the JSON of active_group_id ({"g": 42}); show the id itself.
        const QJsonValue id = QJsonDocument::fromJson(it.key().toUtf8()).object().value(QStringLiteral("g"));
        top.children.append({id.isString() ? id.toString() : id.toVariant().toString(),
                             QCoreApplication::translate("sb::Presence", "%n connection(s)", nullptr, it.value()), {}});
    }
    return top;
}

void PopService::drain()
{
    m_writer->flush();
}

PopService::Bucket &PopService::bucketOf(qint64 userId, qint64 now)
{
    const double cap = double(m_reportsPerMinute);
    auto refilled = [&](const Bucket &b) { return qMin(cap, b.tokens + double(now - b.lastMs) * cap / 60000.0); };
    auto it = m_buckets.find(userId);
    if (it == m_buckets.end()) {
        // Buckets that have filled up again say nothing a new one would not: at most so
        // many are kept, however many users ever reported.
        if (m_buckets.size() >= 10'000)
            m_buckets.removeIf([&](const auto &b) { return refilled(b.value()) >= cap; });
        it = m_buckets.insert(userId, {cap, now});
    }
    it->tokens = refilled(*it);
    it->lastMs = now;
    return *it;
}

bool PopService::allowReport(qint64 userId)
{
    {
        QMutexLocker lock(&m_rateMutex);
        Bucket &b = bucketOf(userId, m_clock.elapsed());
        if (b.tokens < 1.0)
            return false;
        b.tokens -= 1.0;
    }
    m_rateTally.tell(QByteArray::number(userId));
    return true;
}

void PopService::reportedElsewhere(const QByteArray &userId)
{
    bool ok = false;
    const qint64 id = userId.toLongLong(&ok);
    if (!ok)
        return;
    QMutexLocker lock(&m_rateMutex);
    Bucket &b = bucketOf(id, m_clock.elapsed());
    b.tokens = qMax(0.0, b.tokens - 1.0);
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
