#pragma once
// Server configuration (docs/configuration.md): defaults, a JSON file over them, CLI overrides on top.
// Plain values; validated once at start-up.

#include "wire/limits.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <any>
#include <optional>

namespace sb {

struct TlsFiles {
    QString certificate;  // PEM
    QString key;          // PEM
};

struct ListenerConfig {
    QString name;                 // defaults to the services joined with '+'
    QString address;              // "any", "localhost", or an IP address
    int port = 0;                 // 0 = pick a free port
    QStringList services;
    std::optional<TlsFiles> tls;
    bool fromPortOverride = false;  // made by --port; later overrides to the same port join it
    int group = -1;                 // which configured listener this is (or came from, for --port)

    QString displayName() const { return name.isEmpty() ? services.join(QLatin1Char('+')) : name; }
};

struct ServiceConfig {
    Limits limits;
    QStringList allowedOrigins;  // empty = any Origin
    // The service's own settings: the struct its descriptor reads (services/descriptor.h),
    // e.g. chat::ChatSettings. Empty means its defaults.
    std::any own;

    template <typename T>
    T settings() const
    {
        if (const T *p = std::any_cast<T>(&own))
            return *p;
        return T{};
    }
    template <typename T>
    T &edit()
    {
        if (!own.has_value())
            own = T{};
        return *std::any_cast<T>(&own);
    }
};

// The admin endpoint (docs/admin-api.md): a WebSocket for the desktop app to watch and
// administer this node from another machine or process.
struct AdminConfig {
    QString reach = QStringLiteral("local");  // "local" (this computer), "lan" or "off"
    int port = 8070;                          // 0 = pick a free port
    std::optional<TlsFiles> tls;              // wss:// when set (recommended for "lan")
};

// Cluster mode (docs/cluster.md): several nodes serve as one over Redis (events, presence)
// and PostgreSQL (everything SQLite stores). Both empty: the embedded default.
struct ClusterConfig {
    QString node;      // this node's name, unique in the cluster (default: the host name)
    QString redis;     // redis://[:password@]host[:port][/db]
    QString database;  // postgresql://user:password@host[:port]/dbname
    bool enabled() const { return !redis.isEmpty() || !database.isEmpty(); }
};

struct ServerConfig {
    QString dataDir;
    int workers = 0;  // 0 = one per core
    QString eventLoop = QStringLiteral("epoll");  // worker threads: "epoll" (EpollDispatcher) or "qt"
    QString listenAddress = QStringLiteral("any");
    QList<ListenerConfig> listeners;
    Limits limits;  // server-wide: request heads, total connections
    QHash<QString, ServiceConfig> services;
    AdminConfig admin;
    ClusterConfig cluster;
    // Load balancers that send the PROXY protocol header (v1 or v2) before each connection:
    // addresses and subnets. From these the header is required and its source address is the
    // client's (limits per address, logs); from any other address none is read.
    QStringList proxyProtocolFrom;
    bool announce = true;  // DNS-SD on the LAN (Avahi): _switchboard._tcp and _http._tcp
    // A listener that cannot bind (a busy port) is reported and the rest start; with
    // strictListeners (--strict) the server does not start at all. None bound: no start.
    bool strictListeners = false;
    int accessTokenTtlDays = 30;
    int ticketTtlSeconds = 30;
    int shutdownGraceMs = 3000;
    // Password checks (docs/configuration.md, "Limits"): failed logins per address and per account within a window,
    // and the threads and queue that hash passwords (0 threads: half the cores, at least 1).
    int loginFailuresPerAddress = 20;
    int loginFailuresPerAccount = 10;
    int loginWindowSeconds = 60;
    int passwordHashThreads = 0;
    int passwordHashQueue = 64;

    // The default listeners (docs/configuration.md), limited to the services this build provides.
    static ServerConfig defaults();
    // Every service name (docs/configuration.md, "Listeners").
    static QStringList knownServices();

    // Reads a JSON configuration file over `base`. Errors name the offending key.
    static std::optional<ServerConfig> fromJson(const QJsonObject &obj, const ServerConfig &base, QString *error);
    static std::optional<ServerConfig> fromFile(const QString &path, const ServerConfig &base, QString *error);
    // Defaults, then `configFile` if given, else <dataDir>/config.json if it exists.
    // An empty dataDir means the user's application-data directory.
    static std::optional<ServerConfig> load(const QString &dataDir, const QString &configFile, QString *error);
    static QString defaultDataDir();
    QJsonObject toJson() const;

    // `--port SERVICE=PORT`: moves the service to that port, splitting it from listener
    // mates that were not given the same port.
    bool overridePort(const QString &service, int port, QString *error);
    // `--listen-address`: every listener binds this address.
    void overrideAddress(const QString &address);

    ServiceConfig service(const QString &name) const
    {
        auto it = services.constFind(name);
        if (it != services.constEnd())
            return *it;
        ServiceConfig c;
        c.limits = limits;
        return c;
    }
    // Empty when the configuration can be served; else a message naming the key.
    QString validate() const;
};

}  // namespace sb
