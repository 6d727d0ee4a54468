#pragma once
// Lock-free counters bumped by worker threads and read by anyone (GUI, /metrics).

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>

namespace sb {

struct ServiceCounters {
    QString service;
    std::atomic<qint64> connectionsOpen{0};
    std::atomic<qint64> connectionsTotal{0};
    std::atomic<qint64> messagesIn{0};
    std::atomic<qint64> messagesOut{0};
    std::atomic<qint64> bytesIn{0};
    std::atomic<qint64> bytesOut{0};
    std::atomic<qint64> httpRequests{0};
    std::atomic<qint64> errors{0};
    std::atomic<qint64> limitHits{0};
    std::atomic<qint64> heartbeatTimeouts{0};
    std::atomic<qint64> slowConsumers{0};  // closed because they did not read what was sent to them
    std::atomic<qint64> storeCommits{0};  // database transactions committed
    std::atomic<qint64> storeRows{0};     // client-visible writes in them (messages, reports)
    std::atomic<qint64> reportsClamped{0};  // pop view counts lowered to a limit
    std::atomic<qint64> reportsRefused{0};  // pop view-count reports refused
    std::atomic<bool> capture{false};      // frames of this service go to the capture ring

    static void add(std::atomic<qint64> &c, qint64 n = 1) { c.fetch_add(n, std::memory_order_relaxed); }
};

struct ServiceCountersSnapshot {
    QString service;
    qint64 connectionsOpen = 0, connectionsTotal = 0, messagesIn = 0, messagesOut = 0, bytesIn = 0,
           bytesOut = 0, httpRequests = 0, errors = 0, limitHits = 0, heartbeatTimeouts = 0, slowConsumers = 0, storeCommits = 0,
           storeRows = 0, reportsClamped = 0, reportsRefused = 0;
};

// One per server. Services are registered at start-up; lookups after that are read-only.
class Telemetry final
{
public:
    explicit Telemetry(const QStringList &services);
    Q_DISABLE_COPY_MOVE(Telemetry)

    ServiceCounters &service(const QString &name);  // "http" for requests outside any service
    QList<ServiceCountersSnapshot> snapshot() const;

    void countRejection(const QByteArray &reason);
    QHash<QByteArray, qint64> rejections() const;

    // Prometheus text exposition format (version 0.0.4).
    QByteArray prometheusText(qint64 uptimeMs) const;

private:
    std::vector<std::unique_ptr<ServiceCounters>> m_services;
    mutable QMutex m_rejectionMutex;
    QHash<QByteArray, qint64> m_rejections;
};

}  // namespace sb
