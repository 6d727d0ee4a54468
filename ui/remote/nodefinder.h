#pragma once
// Switchboard nodes found on the LAN (docs/admin-api.md, "Finding nodes"): each node
// announces `_switchboard._tcp` with its admin endpoint and its services' ports in the TXT
// record. NodeFinder is what the connect dialog and the Clients tab's "Add server…" list,
// live; AvahiNodeFinder fills it by browsing with Avahi (no daemon running: the list stays
// empty and fills once one starts). GUI thread.

#include "admin/avahisession.h"

#include <QHash>
#include <QMap>
#include <QObject>
#include <QString>

struct AvahiServiceBrowser;

namespace sb::ui {

struct FoundNode {
    QString name;      // "Switchboard on pi"
    QString host;      // "pi.local"
    QString address;   // "192.168.1.20"
    quint16 port = 0;  // the SRV port: the admin endpoint's, when it is reachable from the LAN
    QHash<QString, QString> txt;

    // The admin endpoint, when the node lets the LAN reach it (0: it does not).
    quint16 adminPort() const { return txt.value(QStringLiteral("admin")).toUShort(); }
    bool adminTls() const { return txt.value(QStringLiteral("admin_tls")) == QLatin1String("1"); }
    // A service's port on the LAN (0: not reachable from it), and whether it speaks TLS.
    quint16 servicePort(const QString &service) const { return txt.value(service).toUShort(); }
    bool serviceTls(const QString &service) const { return txt.value(QStringLiteral("tls_%1").arg(servicePort(service))) == QLatin1String("1"); }
};

class NodeFinder : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    QList<FoundNode> nodes() const { return m_nodes.values(); }

    // What a browser reports (on this object's thread).
    void found(const FoundNode &node);
    void lost(const QString &name);
    void clear();

signals:
    void changed();

private:
    QMap<QString, FoundNode> m_nodes;
};

class AvahiNodeFinder final : public NodeFinder
{
    Q_OBJECT
public:
    explicit AvahiNodeFinder(QObject *parent = nullptr);
    ~AvahiNodeFinder() override;
    Q_DISABLE_COPY_MOVE(AvahiNodeFinder)

private:
    void clientChanged(AvahiClient *client, int state);

    AvahiServiceBrowser *m_browser = nullptr;
    QHash<QString, int> m_seen;  // announcements per name (one per interface), on Avahi's thread
    AvahiSession m_avahi;        // last: its thread stops before the rest goes
};

}  // namespace sb::ui
