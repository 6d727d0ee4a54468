#include "lanannouncer.h"

#include "logging.h"

#include <avahi-client/client.h>
#include <avahi-client/publish.h>
#include <avahi-common/alternative.h>
#include <avahi-common/error.h>
#include <avahi-common/malloc.h>
#include <avahi-common/thread-watch.h>
#include <avahi-common/timeval.h>

namespace sb {

namespace {

// Avahi's poll lock, held for a scope (outside Avahi's own callbacks).
struct PollLock {
    AvahiThreadedPoll *poll;
    explicit PollLock(AvahiThreadedPoll *p) : poll(p) { avahi_threaded_poll_lock(poll); }
    ~PollLock() { avahi_threaded_poll_unlock(poll); }
};

}  // namespace

LanAnnouncer::LanAnnouncer() : m_poll(avahi_threaded_poll_new())
{
    if (!m_poll) {
        setState(QStringLiteral("not announced on the LAN: Avahi could not start"));
        return;
    }
    connectClient();
    avahi_threaded_poll_start(m_poll);
}

LanAnnouncer::~LanAnnouncer()
{
    if (!m_poll)
        return;
    avahi_threaded_poll_stop(m_poll);
    if (m_client)
        avahi_client_free(m_client);  // frees the entry group too
    avahi_threaded_poll_free(m_poll);
}

void LanAnnouncer::connectClient()
{
    int error = 0;
    // NO_FAIL: without a daemon the client waits for one (state CONNECTING) instead of
    // failing. Without even a system D-Bus it fails: then it tries again every 30 s.
    m_client = avahi_client_new(avahi_threaded_poll_get(m_poll), AVAHI_CLIENT_NO_FAIL,
                                reinterpret_cast<AvahiClientCallback>(&LanAnnouncer::clientChanged), this, &error);
    if (m_client)
        return;
    setState(QStringLiteral("not announced on the LAN yet: %1 (trying again every 30 s)").arg(QString::fromUtf8(avahi_strerror(error))));
    const AvahiPoll *api = avahi_threaded_poll_get(m_poll);
    timeval when{};
    avahi_elapse_time(&when, 30'000, 0);
    api->timeout_new(api, &when, [](AvahiTimeout *timeout, void *self) {
        auto *me = static_cast<LanAnnouncer *>(self);
        avahi_threaded_poll_get(me->m_poll)->timeout_free(timeout);
        me->connectClient();
    }, this);
}

void LanAnnouncer::announce(const QString &name, const QList<AnnouncedService> &services)
{
    if (!m_poll)
        return;
    PollLock lock(m_poll);
    if (name == m_name && services == m_services)
        return;
    m_name = name;
    m_published = name;
    m_services = services;
    publish();
}

QString LanAnnouncer::state() const
{
    QMutexLocker lock(&m_stateMutex);
    return m_state;
}

void LanAnnouncer::setState(const QString &state)
{
    {
        QMutexLocker lock(&m_stateMutex);
        if (state == m_state)
            return;
        m_state = state;
    }
    qCInfo(lcHost).noquote() << state;
}

void LanAnnouncer::clientChanged(AvahiClient *client, int state, void *self)
{
    auto *me = static_cast<LanAnnouncer *>(self);
    me->m_client = client;  // also during avahi_client_new, before it returned
    switch (AvahiClientState(state)) {
    case AVAHI_CLIENT_S_RUNNING:
        me->publish();
        break;
    case AVAHI_CLIENT_S_COLLISION:
    case AVAHI_CLIENT_S_REGISTERING:
        if (me->m_group)
            avahi_entry_group_reset(me->m_group);
        break;
    case AVAHI_CLIENT_CONNECTING:
        me->setState(QStringLiteral("not announced on the LAN yet: no Avahi daemon is running (the node announces itself once one starts)"));
        break;
    case AVAHI_CLIENT_FAILURE:
        // The daemon went away: start over and wait for it.
        if (avahi_client_errno(client) == AVAHI_ERR_DISCONNECTED) {
            me->m_group = nullptr;
            avahi_client_free(client);
            me->m_client = nullptr;
            me->connectClient();
        } else {
            me->setState(QStringLiteral("not announced on the LAN: %1").arg(QString::fromUtf8(avahi_strerror(avahi_client_errno(client)))));
        }
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
