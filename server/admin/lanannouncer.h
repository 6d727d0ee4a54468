#pragma once
// Announces this node on the LAN with DNS-SD over mDNS (Avahi): `_switchboard._tcp` (the
// admin endpoint, with the services' ports in its TXT record, docs/admin-api.md "Finding
// nodes") and `_http._tcp` (the web chat page), under the node's name. Talks to the
// avahi-daemon over D-Bus from Avahi's own thread; no daemon running is a log line, and the
// node announces itself once one starts. A name taken on the LAN gets " #2" and so on.

#include "avahisession.h"

#include <QList>
#include <QString>
#include <QStringList>

struct AvahiEntryGroup;

namespace sb {

struct AnnouncedService {
    QString type;     // "_switchboard._tcp", "_http._tcp"
    quint16 port = 0;
    QStringList txt;  // "key=value"

    bool operator==(const AnnouncedService &) const = default;
};

class LanAnnouncer final
{
public:
    LanAnnouncer();
    Q_DISABLE_COPY_MOVE(LanAnnouncer)

    // Announces these services under `name` (replacing what was announced); none: withdraws.
    void announce(const QString &name, const QList<AnnouncedService> &services);

private:
    void clientChanged(AvahiClient *client, int state, int error);
    static void groupChanged(AvahiEntryGroup *group, int state, void *self);
    void publish();  // with Avahi's lock held
    // Logs what is announced now, once per change (before Avahi's thread runs or under its lock).
    void setState(const QString &state);

    AvahiClient *m_client = nullptr;
    AvahiEntryGroup *m_group = nullptr;
    QString m_name;        // as wanted
    QString m_published;   // as announced (after renames)
    QList<AnnouncedService> m_services;
    QString m_state;  // the last line logged
    AvahiSession m_avahi;  // last: its thread stops before the rest goes
};

}  // namespace sb
