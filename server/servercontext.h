#pragma once
// What every worker and service shares. Built by ServerHost before the threads start and
// immutable afterwards, except for the thread-safe members (telemetry, gate, accounts, and
// the limits, which the operator can change while the server runs).

#include "config.h"
#include "net/connectiongate.h"
#include "net/router.h"
#include "net/servicemap.h"
#include "telemetry/capture.h"
#include "telemetry/counters.h"
#include "wire/proxyheader.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSslConfiguration>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace sb {

// The limits in force: server-wide and per service. Replaced whole (never edited) when the
// operator changes one, so readers on any thread see either the old table or the new one.
struct LimitsTable {
    Limits server;
    ServiceMap<Limits> services;
};

class AccessWatcher;
class Broker;
class AccountStore;
class LoginLimiter;
class PasswordHasher;
class CredentialCache;

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
    std::unique_ptr<AccessWatcher> access;  // closes sockets whose access ended
    std::function<void(qint64 nowMs)> everySecond;  // from each worker's tick: the access watcher's poll
    std::unique_ptr<Broker> broker;         // carries every hub's cross-connection events
    QThreadPool blockingPool;  // file reads and writes and other work that must not stall a worker
    std::unique_ptr<PasswordHasher> hasher;  // password checks: their own bounded queue
    std::unique_ptr<LoginLimiter> logins;    // failed logins per address and account
    std::unique_ptr<CredentialCache> credentials;  // HTTP Basic credentials verified in the last minute
    QElapsedTimer uptime;
    std::atomic<quint64> nextConnectionId{1};
    std::vector<Worker *> workers;  // set while the server runs (shards for felix)
    CaptureRing capture;
    std::atomic<int> observers{0};  // > 0: workers publish their connection registry
    int connectionBudget = 0;       // TCP connections at most: max_connections, or fewer if descriptors are short
    proxyheader::Sources proxySources;  // proxy_protocol_from: balancers whose connections start with a PROXY header

    // Any thread. New connections and requests take the limits in force when they start.
    Limits limitsFor(const QString &service) const
    {
        const auto t = currentLimits.load();
        if (!t) {
            auto it = config.services.constFind(service);
            return it == config.services.constEnd() ? config.limits : it->limits;
        }
        const Limits *l = t->services.find(service);
        return l ? *l : t->server;
    }
    Limits serverLimits() const
    {
        const auto t = currentLimits.load();
        return t ? t->server : config.limits;
    }
    // Starts the table from the configuration (before the threads start).
    void publishLimits()
    {
        auto t = std::make_shared<LimitsTable>();
        t->server = config.limits;
        for (auto it = config.services.constBegin(); it != config.services.constEnd(); ++it)
            t->services.insert(it.key(), it->limits);
        currentLimits.store(std::move(t));
    }
    std::atomic<std::shared_ptr<const LimitsTable>> currentLimits;
};

}  // namespace sb
