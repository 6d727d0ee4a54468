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

namespace {
// Every per-service metric of /metrics: one row each. A row with `out` set has a
// direction label (in: `member`, out: `out`).
struct ServiceMetric {
    const char *name;
    const char *type;
    const char *help;
    qint64 ServiceCountersSnapshot::*member;
    qint64 ServiceCountersSnapshot::*out = nullptr;
};
using S = ServiceCountersSnapshot;
const ServiceMetric kServiceMetrics[] = {
    {"switchboard_connections", "gauge", "Open WebSocket connections.", &S::connectionsOpen},
    {"switchboard_connections_total", "counter", "WebSocket connections accepted.", &S::connectionsTotal},
    {"switchboard_messages_total", "counter", "WebSocket messages received and sent.", &S::messagesIn, &S::messagesOut},
    {"switchboard_bytes_total", "counter", "WebSocket payload bytes received and sent.", &S::bytesIn, &S::bytesOut},
    {"switchboard_http_requests_total", "counter", "HTTP requests answered.", &S::httpRequests},
    {"switchboard_errors_total", "counter", "Protocol and server errors.", &S::errors},
    {"switchboard_limit_hits_total", "counter", "Requests and connections refused or closed by a limit.", &S::limitHits},
    {"switchboard_heartbeat_timeouts_total", "counter", "Connections dropped for a missed heartbeat.", &S::heartbeatTimeouts},
    {"switchboard_slow_consumers_total", "counter", "Connections closed because they did not read what was sent to them.",
     &S::slowConsumers},
    {"switchboard_store_commits_total", "counter", "Database transactions committed for client writes.", &S::storeCommits},
    {"switchboard_store_rows_total", "counter", "Client writes stored (messages, reports) in those transactions.", &S::storeRows},
    {"switchboard_reports_clamped_total", "counter", "View counts lowered to a limit (pop abuse).", &S::reportsClamped},
    {"switchboard_reports_refused_total", "counter", "View-count reports refused (pop abuse).", &S::reportsRefused},
};
}  // namespace

QByteArray Telemetry::prometheusText(qint64 uptimeMs) const
{
    const auto snap = snapshot();
    QByteArray out;
    auto family = [&](const char *name, const char *type, const char *help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    };
    auto sample = [&](const char *name, const ServiceCountersSnapshot &s, const char *direction, qint64 value) {
        out.append(name).append("{service=\"").append(s.service.toUtf8()).append('"');
        if (direction)
            out.append(",direction=\"").append(direction).append('"');
        out.append("} ").append(QByteArray::number(value)).append('\n');
    };
    family("switchboard_uptime_seconds", "gauge", "Seconds since the server started.");
    out.append("switchboard_uptime_seconds ").append(QByteArray::number(double(uptimeMs) / 1000.0, 'f', 3)).append('\n');
    for (const ServiceMetric &m : kServiceMetrics) {
        family(m.name, m.type, m.help);
        for (const auto &s : snap) {
            sample(m.name, s, m.out ? "in" : nullptr, s.*m.member);
            if (m.out)
                sample(m.name, s, "out", s.*m.out);
        }
    }
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
