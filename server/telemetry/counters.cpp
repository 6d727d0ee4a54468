#include "counters.h"

namespace sb {

Telemetry::Telemetry(const QStringList &services)
{
    QStringList all = services;
    if (!all.contains(QStringLiteral("http")))
        all.append(QStringLiteral("http"));
    for (const QString &s : all) {
        auto c = std::make_unique<ServiceCounters>();
        c->service = s;
        m_services.push_back(std::move(c));
    }
}

ServiceCounters &Telemetry::service(const QString &name)
{
    for (auto &c : m_services) {
        if (c->service == name)
            return *c;
    }
    // Unknown names fold into "http"; registration at start-up makes this unreachable for
    // services, and it keeps a typo from crashing a worker.
    for (auto &c : m_services) {
        if (c->service == QLatin1String("http"))
            return *c;
    }
    Q_UNREACHABLE();
}

QList<ServiceCountersSnapshot> Telemetry::snapshot() const
{
    QList<ServiceCountersSnapshot> out;
    for (const auto &c : m_services) {
        ServiceCountersSnapshot s;
        s.service = c->service;
        s.connectionsOpen = c->connectionsOpen.load(std::memory_order_relaxed);
        s.connectionsTotal = c->connectionsTotal.load(std::memory_order_relaxed);
        s.messagesIn = c->messagesIn.load(std::memory_order_relaxed);
        s.messagesOut = c->messagesOut.load(std::memory_order_relaxed);
        s.bytesIn = c->bytesIn.load(std::memory_order_relaxed);
        s.bytesOut = c->bytesOut.load(std::memory_order_relaxed);
        s.httpRequests = c->httpRequests.load(std::memory_order_relaxed);
        s.errors = c->errors.load(std::memory_order_relaxed);
        s.limitHits = c->limitHits.load(std::memory_order_relaxed);
        s.heartbeatTimeouts = c->heartbeatTimeouts.load(std::memory_order_relaxed);
        s.slowConsumers = c->slowConsumers.load(std::memory_order_relaxed);
        s.storeCommits = c->storeCommits.load(std::memory_order_relaxed);
        s.storeRows = c->storeRows.load(std::memory_order_relaxed);
        s.reportsClamped = c->reportsClamped.load(std::memory_order_relaxed);
        s.reportsRefused = c->reportsRefused.load(std::memory_order_relaxed);
        out.append(s);
    }
    return out;
}

void Telemetry::countRejection(const QByteArray &reason)
{
    QMutexLocker lock(&m_rejectionMutex);
    ++m_rejections[reason];
}

QHash<QByteArray, qint64> Telemetry::rejections() const
{
    QMutexLocker lock(&m_rejectionMutex);
    return m_rejections;
}

QByteArray Telemetry::prometheusText(qint64 uptimeMs) const
{
    const auto snap = snapshot();
    QByteArray out;
    auto family = [&](const char *name, const char *type, const char *help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    };
    auto perService = [&](const char *name, const char *type, const char *help, auto member) {
        family(name, type, help);
        for (const auto &s : snap)
            out.append(name).append("{service=\"").append(s.service.toUtf8()).append("\"} ")
                .append(QByteArray::number(s.*member)).append('\n');
    };
    auto inOut = [&](const char *name, const char *help, auto in, auto outMember) {
        family(name, "counter", help);
        for (const auto &s : snap) {
            out.append(name).append("{service=\"").append(s.service.toUtf8()).append("\",direction=\"in\"} ")
                .append(QByteArray::number(s.*in)).append('\n');
            out.append(name).append("{service=\"").append(s.service.toUtf8()).append("\",direction=\"out\"} ")
                .append(QByteArray::number(s.*outMember)).append('\n');
        }
    };
    family("switchboard_uptime_seconds", "gauge", "Seconds since the server started.");
    out.append("switchboard_uptime_seconds ").append(QByteArray::number(double(uptimeMs) / 1000.0, 'f', 3)).append('\n');
    perService("switchboard_connections", "gauge", "Open WebSocket connections.",
               &ServiceCountersSnapshot::connectionsOpen);
    perService("switchboard_connections_total", "counter", "WebSocket connections accepted.",
               &ServiceCountersSnapshot::connectionsTotal);
    inOut("switchboard_messages_total", "WebSocket messages received and sent.",
          &ServiceCountersSnapshot::messagesIn, &ServiceCountersSnapshot::messagesOut);
    inOut("switchboard_bytes_total", "WebSocket payload bytes received and sent.",
          &ServiceCountersSnapshot::bytesIn, &ServiceCountersSnapshot::bytesOut);
    perService("switchboard_http_requests_total", "counter", "HTTP requests answered.",
               &ServiceCountersSnapshot::httpRequests);
    perService("switchboard_errors_total", "counter", "Protocol and server errors.",
               &ServiceCountersSnapshot::errors);
    perService("switchboard_limit_hits_total", "counter", "Requests and connections refused or closed by a limit.",
               &ServiceCountersSnapshot::limitHits);
    perService("switchboard_heartbeat_timeouts_total", "counter", "Connections dropped for a missed heartbeat.",
               &ServiceCountersSnapshot::heartbeatTimeouts);
    perService("switchboard_slow_consumers_total", "counter",
               "Connections closed because they did not read what was sent to them.",
               &ServiceCountersSnapshot::slowConsumers);
    perService("switchboard_store_commits_total", "counter", "Database transactions committed for client writes.",
               &ServiceCountersSnapshot::storeCommits);
    perService("switchboard_store_rows_total", "counter", "Client writes stored (messages, reports) in those transactions.",
               &ServiceCountersSnapshot::storeRows);
    perService("switchboard_reports_clamped_total", "counter", "View counts lowered to a limit (pop abuse).",
               &ServiceCountersSnapshot::reportsClamped);
    perService("switchboard_reports_refused_total", "counter", "View-count reports refused (pop abuse).",
               &ServiceCountersSnapshot::reportsRefused);
    family("switchboard_handshake_rejections_total", "counter", "Requests refused before a WebSocket handshake, by reason.");
    const auto rej = rejections();
    QList<QByteArray> reasons = rej.keys();
    std::sort(reasons.begin(), reasons.end());
    for (const QByteArray &r : reasons)
        out.append("switchboard_handshake_rejections_total{reason=\"").append(r).append("\"} ")
            .append(QByteArray::number(rej.value(r))).append('\n');
    return out;
}

}  // namespace sb
