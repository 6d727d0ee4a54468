#include "serverhost.h"

#include "accounts/accesswatcher.h"
#include "accounts/accountroutes.h"
#include "accounts/credentialcache.h"
#include "accounts/httpauth.h"
#include "accounts/passwordwork.h"
#include "accounts/accountstore.h"
#include "admin/adminendpoint.h"
#include "admin/auditedadmin.h"
#include "admin/lanannouncer.h"
#include "api/localadmin.h"
#include "broker/broker.h"
#include "broker/clusterbroker.h"
#include "broker/clustertally.h"  // (the unique_ptr in ServerHost)
#include "logging.h"
#include "net/acceptor.h"
#include "net/descriptors.h"
#include "net/epolldispatcher.h"
#include "net/tls.h"
#include "net/worker.h"
#include "servercontext.h"
#include "services/descriptor.h"
#include "store/database.h"

#include <QDateTime>
#include <QDir>
#include <QJsonDocument>
#include <QSaveFile>
#include <QFile>
#include <QUuid>
#include <QJsonArray>
#include <QJsonObject>
#include <QSysInfo>
#include <QThread>

#include <cerrno>

namespace sb {

namespace {

void addBuiltinRoutes(Router &router, ServerContext &ctx, const ListenerConfig &listener)
{
    const QStringList services = listener.services;
    router.addHttp({"GET", QStringLiteral("/healthz"), QStringLiteral("http"),
                    [&ctx, services](HttpRequest &, const HttpResponder &respond) {
                        QJsonObject health{{QStringLiteral("status"), QStringLiteral("ok")},
                                           {QStringLiteral("version"), QStringLiteral(SWITCHBOARD_VERSION)},
                                           {QStringLiteral("uptime_ms"), double(ctx.uptime.elapsed())},
                                           {QStringLiteral("services"), QJsonArray::fromStringList(services)}};
                        if (ctx.config.cluster.enabled()) {
                            // Still 200: the node serves its own clients; "degraded" says the
                            // cluster's events do not flow (docs/cluster.md, "Faults").
                            const QString problem = ctx.broker->problem();
                            health.insert(QStringLiteral("node"), ctx.config.cluster.node);
                            if (!problem.isEmpty()) {
                                health.insert(QStringLiteral("status"), QStringLiteral("degraded"));
                                health.insert(QStringLiteral("problem"), problem);
                            }
                        }
                        respond.send(HttpResponse::json(200, health));
                    }});
    router.addHttp({"GET", QStringLiteral("/metrics"), QStringLiteral("http"),
                    [&ctx](HttpRequest &, const HttpResponder &respond) {
                        respond.send(HttpResponse::text(200, ctx.telemetry->prometheusText(ctx.uptime.elapsed()) + passwordMetrics(*ctx.hasher, *ctx.credentials),
                                                        "text/plain; version=0.0.4; charset=utf-8"));
                    }});
}

}  // namespace

ServerHost::ServerHost(ServerConfig config, QObject *parent)
    : QObject(parent), m_ctx(std::make_unique<ServerContext>()), m_admin(std::make_unique<LocalAdministration>(*this))
{
    m_ctx->config = std::move(config);
}

ServerHost::~ServerHost()
{
    stop();
}

const ServerConfig &ServerHost::config() const
{
    return m_ctx->config;
}

Administration &ServerHost::admin()
{
    if (!m_desktopAdmin)
        m_desktopAdmin = adminFor({QStringLiteral("desktop app"), QStringLiteral("this computer")});
    return *m_desktopAdmin;
}

std::unique_ptr<Administration> ServerHost::adminFor(const Actor &actor)
{
    return std::make_unique<AuditedAdministration>(*m_admin, actor, [admin = m_admin.get()](const AuditEntry &e) { admin->record(e); });
}

AccountStore *ServerHost::runningAccounts() const
{
    return m_running ? m_ctx->accounts.get() : nullptr;
}

Database *ServerHost::runningDatabase() const
{
    return m_running ? m_ctx->database.get() : nullptr;
}

void ServerHost::closeAdminConnection()
{
    if (m_ctx->database)
        m_ctx->database->closeThisThread();
}

AccountStore &ServerHost::accounts()
{
    return *m_ctx->accounts;
}

bool ServerHost::start(QString *error)
{
    if (m_running)
        return true;
    ServerContext &ctx = *m_ctx;
    const QString problem = ctx.config.validate();
    if (!problem.isEmpty()) {
        *error = problem;
        return false;
    }
    if (!QDir().mkpath(ctx.config.dataDir)) {
        const int why = errno;
        *error = QStringLiteral("cannot create the data directory %1: %2").arg(ctx.config.dataDir, describeErrno(why));
        return false;
    }
    ctx.uptime.start();
    m_startedAtMs = QDateTime::currentMSecsSinceEpoch();
    m_admin->waitForDone();  // nothing of the administration runs while the context is rebuilt
    if (!prepareContext(error) || !buildListeners(error))
        return false;
    startWorkers();
    if (m_cluster)
        m_cluster->start(m_workers.front());
    // Everything that can listen does; a busy port is that listener's failure (its status
    // says why), not the server's, unless nothing listens or the configuration is strict.
    QStringList failures;
    for (int i = 0; i < int(m_runtimes.size()); ++i) {
        QString why;
        if (!bind(i, &why)) {
            failures.append(why);
            qCWarning(lcHost) << "not listening:" << why;
        }
    }
    if (!failures.isEmpty() && (failures.size() == int(m_runtimes.size()) || ctx.config.strictListeners)) {
        *error = failures.join(QLatin1Char('\n'));
        stop();
        return false;
    }
    if (m_cluster) {
        m_clusterInfo = new QTimer(this);
        connect(m_clusterInfo, &QTimer::timeout, this, &ServerHost::describeToCluster);
        connect(this, &ServerHost::listenersChanged, m_clusterInfo, [this] { describeToCluster(); });
        m_clusterInfo->start(1000);
        describeToCluster();
    }
    m_endpoint = std::make_unique<AdminEndpoint>(*this, ctx);
    m_endpoint->start(ctx.config.admin);  // a busy admin port is logged and shown, not fatal
    if (ctx.config.announce && !m_announcer) {
        m_announcer = std::make_unique<LanAnnouncer>();
        connect(this, &ServerHost::listenersChanged, this, &ServerHost::updateAnnouncement);
    }
    emit listenersChanged();
    return true;
}

bool ServerHost::prepareContext(QString *error)
{
    ServerContext &ctx = *m_ctx;
    QStringList serviceNames;
    for (const ListenerConfig &l : ctx.config.listeners)
        serviceNames.append(l.services);
    serviceNames.append(QStringLiteral("accounts"));
    ctx.telemetry = std::make_unique<Telemetry>(serviceNames);
    // Connections stay below the descriptor limit, with room for everything else (docs/configuration.md, "Limits").
    const int threads = (ctx.config.workers > 0 ? ctx.config.workers : QThread::idealThreadCount()) + qMax(2, QThread::idealThreadCount()) + 2;
    const int budget = connectionBudget(raiseDescriptorLimit(), threads);
    if (budget < ctx.config.limits.maxConnections)
        qCInfo(lcHost) << "at most" << budget << "connections: the file descriptor limit leaves room for no more"
                       << "(max_connections is" << ctx.config.limits.maxConnections << ")";
    ctx.connectionBudget = qMin(budget, ctx.config.limits.maxConnections);
    SpareDescriptor::instance();  // held from now on, for when descriptors run out
    ctx.gate = std::make_unique<ConnectionGate>(ctx.connectionBudget);
    const auto proxySources = proxyheader::Sources::fromStrings(ctx.config.proxyProtocolFrom, error);
    if (!proxySources)
        return false;
    ctx.proxySources = *proxySources;
    ctx.publishLimits();
    ctx.database = makeDatabase(ctx.config);
    if (!ctx.database->open(error))
        return false;
    ctx.accounts = std::make_unique<AccountStore>(*ctx.database, ctx.config.accessTokenTtlDays, ctx.config.ticketTtlSeconds);
    ctx.access = std::make_unique<AccessWatcher>(ctx);
    ctx.accounts->setAccessChangeHandler([access = ctx.access.get()] { access->poll(); });
    ctx.everySecond = [access = ctx.access.get()](qint64 nowMs) { access->tick(nowMs); };
    ctx.blockingPool.setMaxThreadCount(qMax(2, QThread::idealThreadCount()));
    ctx.hasher = std::make_unique<PasswordHasher>(
        ctx.config.passwordHashThreads > 0 ? ctx.config.passwordHashThreads : qMax(1, QThread::idealThreadCount() / 2),
        ctx.config.passwordHashQueue, [db = ctx.database.get()] { db->closeThisThread(); });
    ctx.credentials = std::make_unique<CredentialCache>();
    ctx.logins = std::make_unique<LoginLimiter>(LoginLimiter::Policy{ctx.config.loginFailuresPerAddress,
                                                                     ctx.config.loginFailuresPerAccount,
                                                                     ctx.config.loginWindowSeconds * 1000});
    return startBroker(error);
}

bool ServerHost::buildListeners(QString *error)
{
    // Services, one instance each, then one router per listener.
    ServerContext &ctx = *m_ctx;
    auto accounts = std::make_unique<AccountRoutes>(ctx);
    m_services.clear();
    m_runtimes.clear();
    m_status.clear();
    for (qsizetype i = 0; i < ctx.config.listeners.size(); ++i) {
        const ListenerConfig &lc = ctx.config.listeners[i];
        auto rt = std::make_shared<ListenerRuntime>();
        rt->id = int(i);
        rt->config = lc;
        addBuiltinRoutes(rt->router, ctx, lc);
        accounts->registerRoutes(rt->router);
        for (const QString &name : lc.services) {
            const ServiceDescriptor *descriptor = findService(name);
            std::unique_ptr<Service> svc = descriptor ? descriptor->create(ctx) : nullptr;
            if (!svc) {
                *error = QStringLiteral("listeners[%1].services: the '%2' service is not available in this build").arg(i).arg(name);
                return false;
            }
            svc->registerRoutes(rt->router);
            m_services.push_back(std::move(svc));
        }
        rt->router.setAllowedOrigins([&ctx](const QString &service) { return ctx.config.service(service).allowedOrigins; });
        const QString clash = rt->router.findClash(lc.displayName());
        if (!clash.isEmpty()) {
            *error = QStringLiteral("listeners[%1]: %2").arg(i).arg(clash);
            return false;
        }
        if (lc.tls) {
            QString tlsError;
            rt->tls = loadServerTls(lc.tls->certificate, lc.tls->key, &tlsError);
            if (!rt->tls) {
                *error = QStringLiteral("listeners[%1].tls: %2").arg(i).arg(tlsError);
                return false;
            }
        }
        ListenerStatus st;
        st.id = rt->id;
        st.name = lc.displayName();
        st.services = lc.services;
        st.address = lc.address;
        st.tls = lc.tls.has_value();
        m_status.append(st);
        m_runtimes.push_back(rt);
    }
    m_services.push_back(std::move(accounts));  // its routes live in every router
    return true;
}

void ServerHost::startWorkers()
{
    ServerContext &ctx = *m_ctx;
    const int n = ctx.config.workers > 0 ? ctx.config.workers : qMax(1, QThread::idealThreadCount());
    for (int i = 0; i < n; ++i) {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("sb-worker-%1").arg(i));
        if (ctx.config.eventLoop == QLatin1String("epoll"))
            thread->setEventDispatcher(new EpollDispatcher);
        auto *worker = new Worker(i, ctx);
        worker->moveToThread(thread);
        connect(thread, &QThread::finished, worker, &QObject::deleteLater);
        m_workers.push_back(worker);
        m_workerThreads.push_back(thread);
        thread->start();
    }
    ctx.workers = m_workers;
    m_acceptor = std::make_unique<Acceptor>(m_workers);  // the workers accept for themselves
    m_running = true;
}

Limits ServerHost::limits(const QString &service) const
{
    return service.isEmpty() ? m_ctx->serverLimits() : m_ctx->limitsFor(service);
}

void ServerHost::setLimits(const QString &service, const Limits &limits)
{
    const auto current = m_ctx->currentLimits.load();
    auto next = current ? std::make_shared<LimitsTable>(*current) : std::make_shared<LimitsTable>();
    if (service.isEmpty()) {
        // Server-wide, only what applies before a request is routed: the rest of `limits`
        // belongs to each service (set there), and the total of connections is the budget
        // worked out at start (max_connections in config.json).
        Limits &s = next->server;
        s.headBytes = limits.headBytes;
        s.headTimeoutMs = limits.headTimeoutMs;
        s.keepAliveMs = limits.keepAliveMs;
        s.sendQueueBytes = limits.sendQueueBytes;
        s.sendTimeoutMs = limits.sendTimeoutMs;
    } else
        next->services.insert(service, limits);
    m_ctx->currentLimits.store(std::move(next));
}

QString ServerHost::saveConfig(QString *error) const
{
    ServerConfig c = m_ctx->config;
    if (const auto t = m_ctx->currentLimits.load()) {
        c.limits = t->server;
        for (const auto &[service, limits] : t->services)
            c.services[service].limits = limits;
    }
    const QString path = QDir(c.dataDir).filePath(QStringLiteral("config.json"));
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(c.toJson()).toJson(QJsonDocument::Indented)) < 0 || !f.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
        return {};
    }
    return path;
}

void ServerHost::stop()
{
    if (!m_running)
        return;
    ServerContext &ctx = *m_ctx;
    if (m_endpoint)
        m_endpoint->stop();  // no admin client asks anything of what stops next
    m_admin->waitForDone();  // administration in flight reaches the services it started on
    m_acceptor->closeAll();
    for (ListenerStatus &st : m_status)
        st.running = false;
    // In-flight password checks and registrations finish and post their responses.
    ctx.hasher->waitForDone(ctx.config.shutdownGraceMs);
    ctx.blockingPool.waitForDone(ctx.config.shutdownGraceMs);
    for (Worker *w : m_workers)
        w->post([w] { w->beginShutdown(1001, QStringLiteral("server shutting down")); });
    QElapsedTimer waited;
    waited.start();
    auto busy = [this] {
        for (Worker *w : m_workers) {
            if (w->sessionCount() + w->httpCount() > 0)
                return true;
        }
        return false;
    };
    while (busy() && waited.elapsed() < ctx.config.shutdownGraceMs)
        QThread::msleep(10);
    for (Worker *w : m_workers)
        runOn(w, [w] { w->abortAll(); });
    // No session takes messages any more: finish what is in flight (file writes on the
    // pool, then the services' writers), while the workers can still receive the results.
    ctx.hasher->waitForDone();
    ctx.blockingPool.waitForDone();
    for (const auto &svc : m_services)
        svc->drain();
    if (m_cluster)
        runOn(m_workers.front(), [c = m_cluster] { c->stopHere(); });
    delete m_clusterInfo;
    m_clusterInfo = nullptr;
    for (Worker *w : m_workers)
        runOn(w, [&ctx] { ctx.database->closeThisThread(); });
    for (QThread *t : m_workerThreads) {
        t->quit();
        t->wait();
        delete t;
    }
    m_workerThreads.clear();
    m_workers.clear();
    ctx.workers.clear();
    m_acceptor.reset();
    ctx.blockingPool.waitForDone();
    m_services.clear();
    ctx.database->closeThisThread();
    m_running = false;
    qCInfo(lcHost) << "server stopped";
    emit listenersChanged();
}

void ServerHost::setObserved(bool observed)
{
    if (observed == m_observed)
        return;
    m_observed = observed;
    m_ctx->observers.fetch_add(observed ? 1 : -1, std::memory_order_relaxed);
}

QList<ConnectionInfo> ServerHost::connections() const
{
    QList<ConnectionInfo> all;
    for (const Worker *w : m_workers)
        all += w->publishedConnections();
    return all;
}

void ServerHost::closeConnection(quint64 id, int code, const QString &reason)
{
    for (Worker *w : m_workers)
        w->post([w, id, code, reason] { w->closeSession(id, code, reason); });
}

void ServerHost::setCapture(const QString &service, bool on)
{
    if (m_ctx->telemetry)
        m_ctx->telemetry->service(service).capture.store(on, std::memory_order_relaxed);
}

bool ServerHost::capturing(const QString &service) const
{
    return m_ctx->telemetry && m_ctx->telemetry->service(service).capture.load(std::memory_order_relaxed);
}

QList<CaptureRecord> ServerHost::captured(quint64 after, int max, quint64 *dropped) const
{
    return m_ctx->capture.since(after, max, dropped);
}

QList<PresenceNode> ServerHost::presence() const
{
    QList<PresenceNode> out;
    for (const auto &svc : m_services) {
        if (auto node = svc->presence())
            out.append(std::move(*node));
    }
    return out;
}

void ServerHost::updateAnnouncement()
{
    if (!m_announcer)
        return;
    QStringList txt{QStringLiteral("node=") + QSysInfo::machineHostName(), QStringLiteral("version=") + QStringLiteral(SWITCHBOARD_VERSION)};
    quint16 chatPort = 0, anyPort = 0;
    bool chatTls = false;
    for (const ListenerStatus &l : std::as_const(m_status)) {
        if (!m_running || !l.running || !l.port || l.lanUrls.isEmpty())
            continue;  // other machines reach only listeners with LAN addresses
        anyPort = anyPort ? anyPort : l.port;
        for (const QString &service : l.services)
            txt.append(QStringLiteral("%1=%2").arg(service).arg(l.port));
        if (l.services.contains(QLatin1String("chat"))) {
            chatPort = l.port;
            chatTls = l.tls;
        }
        if (l.tls)
            txt.append(QStringLiteral("tls_%1=1").arg(l.port));
    }
    const AdminEndpointStatus admin = m_endpoint ? m_endpoint->status() : AdminEndpointStatus{};
    const bool adminOnLan = m_running && admin.running && admin.reach == QLatin1String("lan");
    if (adminOnLan) {
        txt.append(QStringLiteral("admin=%1").arg(admin.port));
        txt.append(QStringLiteral("admin_tls=%1").arg(admin.tls ? 1 : 0));
    }
    QList<AnnouncedService> services;
    if (adminOnLan || anyPort)
        services.append({QStringLiteral("_switchboard._tcp"), adminOnLan ? admin.port : anyPort, txt});
    if (chatPort)
        services.append({chatTls ? QStringLiteral("_https._tcp") : QStringLiteral("_http._tcp"), chatPort, {QStringLiteral("path=/")}});
    m_announcer->announce(QStringLiteral("Switchboard on %1").arg(QSysInfo::machineHostName()), services);
}

ServerSnapshot ServerHost::snapshot() const
{
    ServerSnapshot s;
    s.listeners = listeners();
    if (!m_ctx->telemetry)
        return s;
    s.uptimeMs = m_ctx->uptime.elapsed();
    s.startedAtMs = m_startedAtMs;
    s.workers = int(m_workers.size());
    s.openTcp = m_ctx->gate ? m_ctx->gate->openTcp() : 0;
    s.services = m_ctx->telemetry->snapshot();
    s.node = QSysInfo::machineHostName();
    s.version = QStringLiteral(SWITCHBOARD_VERSION);
    s.dataDir = m_ctx->config.dataDir;
    for (const ServiceCountersSnapshot &c : s.services) {
        s.pingIntervalMs.insert(c.service, m_ctx->limitsFor(c.service).pingIntervalMs);
        if (capturing(c.service))
            s.capturing.append(c.service);
    }
    if (m_endpoint)
        s.admin = m_endpoint->status();
    else
        s.admin.reach = m_ctx->config.admin.reach;
    s.cluster = clusterStatus();
    return s;
}

}  // namespace sb
