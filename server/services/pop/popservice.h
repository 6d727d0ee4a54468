#pragma once
// The social-app socket "pop" (seed 000, docs/pop.md): first-message Bearer authentication,
// `state` echo within groups across workers, and `view_counts` reports that are validated,
// clamped, rate-limited per user and stored in batches.

#include "broker/clustertally.h"
#include "services/roomhub.h"
#include "net/service.h"
#include "viewcounts.h"

#include <QElapsedTimer>

#include <memory>

namespace sb {
struct ServerContext;
}

namespace sb::pop {

// "services.pop" in config.json, besides limits and allowed_origins.
struct PopSettings {
    int viewMaxPerReport = 10;      // each reported count is clamped to this
    int viewMaxPerUser = 100;       // a user's total for one content is capped at this
    int viewReportsPerMinute = 60;  // per user, over all of their sockets
};

class PopService final : public Service
{
public:
    explicit PopService(ServerContext &context);
    QString name() const override { return QStringLiteral("pop"); }
    void registerRoutes(Router &router) override;
    void drain() override;
    std::optional<PresenceNode> presence() const override;

    ServerContext &context() { return m_ctx; }
    RoomHub &groups() { return m_groups; }
    ViewCountWriter &writer() { return *m_writer; }
    const ViewRules &rules() const { return m_rules; }
    // A user's view-count reports per minute (token bucket shared by all their sockets, and
    // in a cluster by every node: each report allowed is told to the others).
    bool allowReport(qint64 userId);

private:
    PopService(ServerContext &context, const PopSettings &settings);  // the settings, read once
    void viewCounts(HttpRequest &request, const HttpResponder &respond);
    // Brings the user's bucket up to now (a new one is full); m_rateMutex held.
    struct Bucket;
    Bucket &bucketOf(qint64 userId, qint64 now);
    void reportedElsewhere(const QByteArray &userId);

    ServerContext &m_ctx;
    ViewRules m_rules;
    int m_reportsPerMinute;
    RoomHub m_groups;  // keyed by the JSON of active_group_id
    std::unique_ptr<ViewCountWriter> m_writer;
    QMutex m_rateMutex;
    struct Bucket {
        double tokens;
        qint64 lastMs;
    };
    QHash<qint64, Bucket> m_buckets;
    QElapsedTimer m_clock;
    ClusterTally m_rateTally;  // last: stops telling and hearing first
};

}  // namespace sb::pop
