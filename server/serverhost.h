#pragma once
// The one API the app and the GUI use: owns the worker threads (which accept and serve),
// the listeners, the services, the store and the telemetry. A ServerHost lives on the thread that created it
// (the GUI or daemon main thread) and its methods are called there; it never waits on that
// thread's event loop, and workers never wait on it.

#include "config.h"
#include "telemetry/capture.h"
#include "telemetry/connectioninfo.h"
#include "telemetry/counters.h"

#include <QObject>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

class QThread;

namespace sb {

class AccountStore;
class Acceptor;
class Service;
class Worker;
struct ListenerRuntime;
struct ServerContext;

struct ListenerStatus {
    int id = 0;
    QString name;
    QStringList services;
    QString address;      // as configured: "any", "localhost" or an IP
    quint16 port = 0;     // bound port (the real one when 0 was asked), 0 when not bound
    bool tls = false;
    bool running = false;
    qint64 startedAtMs = 0;
    QString error;        // why it is not running, if it failed
    QString localUrl;     // http(s)://127.0.0.1:port (or the bound address)
    QStringList lanUrls;  // one per non-loopback address other machines can use
};

struct SmileInfo {
    qint64 id = 0;
    QString fileUuid;
    qint64 price = 0;
};

struct ServerSnapshot {
    qint64 uptimeMs = 0;
    int workers = 0;
    int openTcp = 0;
    QList<ListenerStatus> listeners;
    QList<ServiceCountersSnapshot> services;
};

class ServerHost final : public QObject
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
    // The listener's current settings (the configured port, the TLS files).
    ListenerConfig listenerConfig(int id) const;
    // Rebinds every running listener to `address` ("any", "localhost" or an IP).
    bool setListenAddress(const QString &address, QString *error);

    QList<ListenerStatus> listeners() const;

    // ---- telemetry for the dashboard (never makes a worker wait) ----
    // While observed, workers publish their connection rows every second.
    void setObserved(bool observed);
    QList<ConnectionInfo> connections() const;
    // Asks the connection's worker to close it with this code and reason.
    void closeConnection(quint64 id, int code, const QString &reason);
    void setCapture(const QString &service, bool on);
    bool capturing(const QString &service) const;
    QList<CaptureRecord> captured(quint64 after, int max, quint64 *dropped = nullptr) const;
    // Each service's live state (channel presence, pop groups, felix subscriptions, rooms).
    QHash<QString, QJsonObject> serviceStates() const;

    // Felix guild (guilds = true) or user documents, for the administration panel. Blocking
    // (database): call them off the GUI thread. A change is pushed to the connections that
    // listen to that id, as a REST change is. False with `error` when felix is not running
    // or the store failed.
    QList<QPair<QString, QJsonObject>> felixDocuments(bool guilds);
    bool putFelixDocument(bool guilds, const QString &id, const QJsonObject &doc, QString *error);
    bool removeFelixDocument(bool guilds, const QString &id, QString *error);

    // Chat smiles, for the administration panel; blocking like the felix calls above.
    QList<SmileInfo> smiles();
    std::optional<SmileInfo> addSmile(const QByteArray &image, const QString &name, qint64 price, QString *error);
    bool setSmilePrice(qint64 id, qint64 price, QString *error);
    // Retires the smile: gone from the grid, old messages keep it.
    bool removeSmile(qint64 id, QString *error);
    QByteArray smileImage(const QString &fileUuid);
    ServerSnapshot snapshot() const;
    const ServerConfig &config() const;
    AccountStore &accounts();
    // Addresses other machines on the LAN can reach (non-loopback, up, IPv4 first).
    static QStringList lanAddresses();

signals:
    void listenersChanged();

private:
    bool bind(int id, QString *error);
    void updateUrls(ListenerStatus &status) const;

    std::unique_ptr<ServerContext> m_ctx;
    std::vector<std::unique_ptr<Service>> m_services;
    std::vector<std::shared_ptr<ListenerRuntime>> m_runtimes;
    QList<ListenerStatus> m_status;
    std::vector<Worker *> m_workers;
    std::vector<QThread *> m_workerThreads;
    std::unique_ptr<Acceptor> m_acceptor;
    bool m_running = false;
    bool m_observed = false;
};

}  // namespace sb
