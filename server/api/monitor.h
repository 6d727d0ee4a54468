#pragma once
// Watching a Switchboard node: its listeners and counters, the connection registry,
// presence and the other services' live state, and the capture of frames. Reads that never
// make a worker wait, plus the switches of watching itself (observe, capture) and closing a
// connection. The embedded server implements it (ServerHost); a remote node's monitor will
// answer from what its stream brought last (docs/architecture.md, "Administration and
// monitoring").

#include "api/types.h"
#include "telemetry/capture.h"
#include "telemetry/connectioninfo.h"
#include "telemetry/counters.h"
#include "telemetry/presence.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace sb {

struct ListenerStatus {
    int id = 0;
    QString name;
    QStringList services;
    QString address;      // as configured: "any", "localhost" or an IP
    quint16 port = 0;     // bound port (the real one when 0 was asked), 0 when not bound
    int configuredPort = 0;   // as configured (0: any free one)
    bool tls = false;         // in use now
    QString certificateFile;  // configured TLS files (empty: plain http/ws)
    QString keyFile;
    bool running = false;
    qint64 startedAtMs = 0;
    QString error;        // why it is not running, if it failed
    QString localUrl;     // http(s)://127.0.0.1:port (or the bound address)
    QStringList lanUrls;  // one per non-loopback address other machines can use
};

// The admin endpoint of a node (docs/admin-api.md).
struct AdminEndpointStatus {
    QString reach;        // "local", "lan" or "off"
    quint16 port = 0;     // bound port, 0 when not listening
    bool tls = false;
    bool running = false;
    QString error;        // why it is not listening, if it failed
    int clients = 0;      // admin connections open now
};

// A node of the cluster this node belongs to (docs/cluster.md).
struct ClusterNodeStatus {
    enum class State { Up, Stopped, Lost };
    QString name;
    QString address;          // the address other machines reach it at (or where it listens)
    QList<int> ports;         // its listeners' ports
    int connections = 0;      // open connections, as of its last beat
    State state = State::Up;
    qint64 seenAtMs = 0;      // its last beat (ms since the epoch)
    qint64 startedAtMs = 0;
    QString version;
    bool self = false;        // the node this snapshot is of
};

struct ClusterStatus {
    QString node;             // empty: not in a cluster
    QString problem;          // empty while events reach every node
    QList<ClusterNodeStatus> nodes;  // this node first
};

struct ServerSnapshot {
    qint64 uptimeMs = 0;
    qint64 startedAtMs = 0;  // when this run of the node started (ms since the epoch)
    int workers = 0;
    int openTcp = 0;
    QString node;     // the node's host name
    QString version;  // Switchboard's version there
    QString dataDir;
    QList<ListenerStatus> listeners;
    QList<ServiceCountersSnapshot> services;
    QHash<QString, int> pingIntervalMs;  // per service: how often the server pings (0: never)
    QStringList capturing;               // services whose frames are being captured
    AdminEndpointStatus admin;
    ClusterStatus cluster;
};

// What of the capture a watcher wants (the remote endpoint applies it before sending).
struct CaptureFilter {
    QString service;          // empty: every service
    quint64 connection = 0;   // 0: every connection
    int direction = -1;       // -1: both, else CaptureRecord::Direction
    QString text;             // empty: any payload; else it contains this (case-insensitive)
    bool matches(const CaptureRecord &r) const;
    bool isEmpty() const { return service.isEmpty() && !connection && direction < 0 && text.isEmpty(); }
};

class Monitor
{
public:
    virtual ~Monitor() = default;

    virtual ServerSnapshot snapshot() const = 0;
    virtual QList<ListenerStatus> listeners() const = 0;
    // While observed, the workers publish their connection rows every second.
    virtual void setObserved(bool observed) = 0;
    virtual QList<ConnectionInfo> connections() const = 0;
    // Asks the connection's worker to close it with this code and reason.
    virtual void closeConnection(quint64 id, int code, const QString &reason) = 0;
    virtual void setCapture(const QString &service, bool on) = 0;
    virtual bool capturing(const QString &service) const = 0;
    virtual QList<CaptureRecord> captured(quint64 after, int max, quint64 *dropped = nullptr) const = 0;
    // Which records captured() needs to return at least: a remote node sends only these. The
    // embedded server keeps every record (the Traffic tab filters what it shows itself).
    virtual void setCaptureFilter(const CaptureFilter &) {}
    // Each running service's live state (channel presence, pop groups, felix subscriptions,
    // rooms): one section per service, ready to show.
    virtual QList<PresenceNode> presence() const = 0;
};

}  // namespace sb
