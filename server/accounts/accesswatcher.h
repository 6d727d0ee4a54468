#pragma once
// Ending access ends it (docs/configuration.md, "Limits"): follows the access events in the database (logout,
// disable, API token revocation — made here, by the GUI, or by `switchboardd` from another
// process) and has every worker close the sockets opened with that access. Changes made in
// this process are applied at once; others within a second (the workers' tick). Thread-safe.

#include "accountstore.h"

#include <QMutex>

#include <atomic>

namespace sb {

struct ServerContext;

class AccessWatcher final
{
public:
    explicit AccessWatcher(ServerContext &context);
    Q_DISABLE_COPY_MOVE(AccessWatcher)

    // Reads the events recorded since the last look and sends them to every worker.
    void poll();
    // From a worker's one-second tick: polls if no one did in the last second.
    void tick(qint64 nowMs);

private:
    ServerContext &m_ctx;
    QMutex m_mutex;
    qint64 m_lastEvent = 0;
    std::atomic<qint64> m_lastPollMs{0};
};

}  // namespace sb
