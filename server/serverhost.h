#pragma once
// The embedded server: owns the worker threads (which accept and serve), the listeners, the
// services, the store and the telemetry. Its own calls are the lifecycle, the listeners and
// the limits; watching goes through the Monitor it implements, administration through
// admin() (docs/architecture.md, "Administration and monitoring"). A ServerHost lives on the
// thread that created it (the GUI or daemon main thread) and is called there; it never
// waits on that thread's event loop, and workers never wait on it.

#include "api/administration.h"
#include "api/monitor.h"
#include "config.h"

#include <QObject>
#include <QTimer>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

class QThread;

namespace sb {

class AccountStore;
class Acceptor;
class ClusterBroker;
class ClusterTally;
class AdminEndpoint;
class LanAnnouncer;
class Database;
class LocalAdministration;
class Service;
class Worker;
struct ListenerRuntime;
struct ServerContext;

// The store `config` asks for: <dataDir>/switchboard.sqlite, or the cluster's PostgreSQL
// (docs/cluster.md). Not yet opened.
std::unique_ptr<Database> makeDatabase(const ServerConfig &config);

class ServerHost final : public QObject, public Monitor
{
    Q_OBJECT
public:
    explicit ServerHost(ServerConfig config, QObject *parent = nullptr);
    ~ServerHost() override;
    Q_DISABLE_COPY_MOVE(ServerHost)

    // Opens the store, starts the threads and every listener. On failure nothing is left
    // running and `error` says why (naming the configuration key where one is at fault).
    bool start(QString *error);
    // Graceful: stop accepting, close WebSockets with 1001, finish HTTP responses and
    // database writes, then stop the threads. Idempotent.
    void stop();
    bool isRunning() const { return m_running; }

    bool startListener(int id, QString *error);
    void stopListener(int id);
    // Changes a listener's port (0: any free one) and TLS (nullopt: plain http/ws). A running
    // listener restarts: its open connections are closed with 1001 and it listens again with
    // the new settings. Nothing changes when the certificate cannot be loaded or the port
    // cannot be bound (then the old settings are restored and listening again).
    bool reconfigureListener(int id, int port, const std::optional<TlsFiles> &tls, QString *error);
    // The limits in force for a service ("" = server-wide: request heads, keep-alive). A change
    // applies to connections and requests that start after it; open ones keep theirs.
    Limits limits(const QString &service) const;
    void setLimits(const QString &service, const Limits &limits);
    // Writes the settings in force — listeners (ports, TLS), listen address, limits — to the
    // data directory's config.json, which the next start reads when no --config is given.
    // Returns the file's path, or an empty string with `error`.
    QString saveConfig(QString *error) const;
    // Rebinds every running listener to `address` ("any", "localhost" or an IP).
    bool setListenAddress(const QString &address, QString *error);

    // ---- Monitor ----
    ServerSnapshot snapshot() const override;
    QList<ListenerStatus> listeners() const override;
    void setObserved(bool observed) override;
    QList<ConnectionInfo> connections() const override;
    void closeConnection(quint64 id, int code, const QString &reason) override;
    void setCapture(const QString &service, bool on) override;
    bool capturing(const QString &service) const override;
    QList<CaptureRecord> captured(quint64 after, int max, quint64 *dropped = nullptr) const override;
    QList<PresenceNode> presence() const override;

    // Users, tokens, smiles, felix documents, listeners and limits, as asynchronous calls:
    // the desktop app's (its changes are audited as the "desktop app" on "this computer").
    Administration &admin();
    // The same for someone else (an admin endpoint session): their changes are audited as theirs.
    std::unique_ptr<Administration> adminFor(const Actor &actor);
    const ServerConfig &config() const;
    // The store itself, for tests that set up users and tokens directly; everything else
    // goes through admin().
    AccountStore &accounts();
    // Addresses other machines on the LAN can reach (non-loopback, up, IPv4 first).
    static QStringList lanAddresses();

signals:
    void listenersChanged();

private:
    friend class LocalAdministration;
    // While running: the account store, or a service of type T (else null).
    AccountStore *runningAccounts() const;
    Database *runningDatabase() const;
    // On the administration's thread, after each task: its database connection goes.
    void closeAdminConnection();
    template <typename T>
    T *runningService() const
    {
        if (!m_running)
            return nullptr;
        for (const auto &svc : m_services) {
            if (auto *t = dynamic_cast<T *>(svc.get()))
                return t;
        }
        return nullptr;
    }

    // start(), in steps: the shared context (store, accounts, limits, broker), the services
    // and one router per listener, the worker threads.
    bool prepareContext(QString *error);
    // The broker (in-process, or the cluster's through Redis) and what counts on every node.
    bool startBroker(QString *error);
    bool joinCluster(QString *error);  // cluster mode: the node name, Redis, the broker
    // Cluster mode, every second and when listeners change: what this node tells the others
    // of itself (address, ports, connections); and what it knows of them, for snapshot().
    void describeToCluster();
    ClusterStatus clusterStatus() const;
    bool buildListeners(QString *error);
    void startWorkers();
    bool bind(int id, QString *error);
    void updateUrls(ListenerStatus &status) const;
    // Announces on the LAN what of this node other machines can reach (or withdraws it).
    void updateAnnouncement();

    std::unique_ptr<ServerContext> m_ctx;
    std::vector<std::unique_ptr<Service>> m_services;
    std::vector<std::shared_ptr<ListenerRuntime>> m_runtimes;
    QList<ListenerStatus> m_status;
    std::vector<Worker *> m_workers;
    std::vector<QThread *> m_workerThreads;
    std::unique_ptr<Acceptor> m_acceptor;
    ClusterBroker *m_cluster = nullptr;  // ctx.broker in cluster mode
    std::unique_ptr<ClusterTally> m_loginTally;  // failed logins, told to the other nodes
    QTimer *m_clusterInfo = nullptr;     // describeToCluster() every second while running
    bool m_running = false;
    bool m_observed = false;
    qint64 m_startedAtMs = 0;
    std::unique_ptr<LocalAdministration> m_admin;  // after everything it reaches: goes first
    std::unique_ptr<Administration> m_desktopAdmin;  // m_admin, audited as the desktop app
    std::unique_ptr<AdminEndpoint> m_endpoint;       // the admin endpoint (docs/admin-api.md)
    std::unique_ptr<LanAnnouncer> m_announcer;       // DNS-SD, while config.announce
};

}  // namespace sb
