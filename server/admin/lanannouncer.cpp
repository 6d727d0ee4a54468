#include "lanannouncer.h"

#include "logging.h"

#include <avahi-client/client.h>
#include <avahi-client/publish.h>
#include <avahi-common/alternative.h>
#include <avahi-common/error.h>
#include <avahi-common/malloc.h>

namespace sb {

LanAnnouncer::LanAnnouncer() : m_avahi([this](AvahiClient *c, int state, int error) { clientChanged(c, state, error); })
{
    if (!m_avahi.ok())
        setState(QStringLiteral("not announced on the LAN: Avahi could not start"));
    m_avahi.start();
}

void LanAnnouncer::announce(const QString &name, const QList<AnnouncedService> &services)
{
    AvahiSession::Lock lock(m_avahi);
    if (name == m_name && services == m_services)
        return;
    m_name = name;
    m_published = name;
    m_services = services;
    publish();
}

void LanAnnouncer::setState(const QString &state)
{
    if (state == m_state)
        return;
    m_state = state;
    qCInfo(lcHost).noquote() << state;
}

void LanAnnouncer::clientChanged(AvahiClient *client, int state, int error)
{
    m_client = client;
    switch (AvahiClientState(state)) {
    case AVAHI_CLIENT_S_RUNNING:
        publish();
        break;
    case AVAHI_CLIENT_S_COLLISION:
    case AVAHI_CLIENT_S_REGISTERING:
        if (m_group)
            avahi_entry_group_reset(m_group);
        break;
    case AVAHI_CLIENT_CONNECTING:
        setState(QStringLiteral("not announced on the LAN yet: no Avahi daemon is running (the node announces itself once one starts)"));
        break;
    case AVAHI_CLIENT_FAILURE:
        m_group = nullptr;  // went with the client
        m_client = nullptr;
        setState(QStringLiteral("not announced on the LAN yet: %1 (the node announces itself once Avahi runs)")
                     .arg(QString::fromUtf8(avahi_strerror(error))));
        break;
    }
}

void LanAnnouncer::groupChanged(AvahiEntryGroup *group, int state, void *self)
{
    auto *me = static_cast<LanAnnouncer *>(self);
    switch (AvahiEntryGroupState(state)) {
    case AVAHI_ENTRY_GROUP_ESTABLISHED:
        me->setState(QStringLiteral("announced on the LAN as \"%1\"").arg(me->m_published));
        break;
    case AVAHI_ENTRY_GROUP_COLLISION: {
        char *next = avahi_alternative_service_name(me->m_published.toUtf8().constData());
        me->m_published = QString::fromUtf8(next);
        avahi_free(next);
        me->publish();
        break;
    }
    case AVAHI_ENTRY_GROUP_FAILURE:
        me->setState(QStringLiteral("not announced on the LAN: %1")
                         .arg(QString::fromUtf8(avahi_strerror(avahi_client_errno(avahi_entry_group_get_client(group))))));
        break;
    default:
        break;
    }
}

void LanAnnouncer::publish()
{
    if (!m_client || avahi_client_get_state(m_client) != AVAHI_CLIENT_S_RUNNING)
        return;  // done when the client runs
    if (!m_group)
        m_group = avahi_entry_group_new(m_client, reinterpret_cast<AvahiEntryGroupCallback>(&LanAnnouncer::groupChanged), this);
    if (!m_group)
        return;
    avahi_entry_group_reset(m_group);
    if (m_services.isEmpty()) {
        setState(QStringLiteral("not announced on the LAN: nothing of this node is reachable from it"));
        return;
    }
    const QByteArray name = m_published.toUtf8();
    for (const AnnouncedService &s : m_services) {
        AvahiStringList *txt = nullptr;
        for (const QString &t : s.txt)
            txt = avahi_string_list_add(txt, t.toUtf8().constData());
        const int r = avahi_entry_group_add_service_strlst(m_group, AVAHI_IF_UNSPEC, AVAHI_PROTO_UNSPEC, AvahiPublishFlags(0), name.constData(),
                                                           s.type.toUtf8().constData(), nullptr, nullptr, s.port, txt);
        avahi_string_list_free(txt);
        if (r == AVAHI_ERR_COLLISION) {
            groupChanged(m_group, AVAHI_ENTRY_GROUP_COLLISION, this);
            return;
        }
        if (r < 0) {
            setState(QStringLiteral("not announced on the LAN: %1").arg(QString::fromUtf8(avahi_strerror(r))));
            return;
        }
    }
    avahi_entry_group_commit(m_group);
}

}  // namespace sb
