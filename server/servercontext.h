#pragma once
// What every worker and service shares. Built by ServerHost before the threads start and
// immutable afterwards, except for the thread-safe members (telemetry, gate, accounts).

#include "config.h"
#include "net/connectiongate.h"
#include "net/router.h"
#include "telemetry/capture.h"
#include "telemetry/counters.h"

#include <QElapsedTimer>
#include <QSslConfiguration>
#include <QThreadPool>

#include <atomic>
#include <memory>
#include <optional>

namespace sb {

class AccountStore;
class Database;
class Worker;

struct ListenerRuntime {
    int id = 0;
    ListenerConfig config;
    Router router;
    std::optional<QSslConfiguration> tls;
    QString displayName() const { return config.displayName(); }
};

struct ServerContext {
    ServerConfig config;
    std::unique_ptr<Telemetry> telemetry;
    std::unique_ptr<ConnectionGate> gate;
    std::unique_ptr<Database> database;
    std::unique_ptr<AccountStore> accounts;
    QThreadPool blockingPool;  // password hashing and other work that must not stall a worker
    QElapsedTimer uptime;
    std::atomic<quint64> nextConnectionId{1};
    std::vector<Worker *> workers;  // set while the server runs (shards for felix)
    CaptureRing capture;
    std::atomic<int> observers{0};  // > 0: workers publish their connection registry

    const Limits &limitsFor(const QString &service) const
    {
        auto it = config.services.constFind(service);
        return it == config.services.constEnd() ? config.limits : it->limits;
    }
};

}  // namespace sb
