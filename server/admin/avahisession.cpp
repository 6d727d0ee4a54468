#include "avahisession.h"

#include <avahi-client/client.h>
#include <avahi-common/error.h>
#include <avahi-common/thread-watch.h>
#include <avahi-common/timeval.h>

namespace sb {

AvahiSession::AvahiSession(StateHandler onState) : m_poll(avahi_threaded_poll_new()), m_onState(std::move(onState)) {}

AvahiSession::~AvahiSession()
{
    if (!m_poll)
        return;
    avahi_threaded_poll_stop(m_poll);
    if (m_client)
        avahi_client_free(m_client);  // and whatever was made with it
    avahi_threaded_poll_free(m_poll);
}

void AvahiSession::start()
{
    if (!m_poll)
        return;
    connectClient();
    avahi_threaded_poll_start(m_poll);
}

AvahiSession::Lock::Lock(AvahiSession &s) : poll(s.m_poll)
{
    if (poll)
        avahi_threaded_poll_lock(poll);
}

AvahiSession::Lock::~Lock()
{
    if (poll)
        avahi_threaded_poll_unlock(poll);
}

void AvahiSession::connectClient()
{
    int error = 0;
    // NO_FAIL: without a daemon the client waits for one (state CONNECTING) instead of
    // failing. Without even a system D-Bus it fails: then it tries again in 30 s.
    m_client = avahi_client_new(avahi_threaded_poll_get(m_poll), AVAHI_CLIENT_NO_FAIL,
                                reinterpret_cast<AvahiClientCallback>(&AvahiSession::changed), this, &error);
    if (m_client)
        return;
    m_onState(nullptr, AVAHI_CLIENT_FAILURE, error);
    const AvahiPoll *api = avahi_threaded_poll_get(m_poll);
    timeval when{};
    avahi_elapse_time(&when, 30'000, 0);
    api->timeout_new(api, &when, [](AvahiTimeout *timeout, void *self) {
        auto *me = static_cast<AvahiSession *>(self);
        avahi_threaded_poll_get(me->m_poll)->timeout_free(timeout);
        me->connectClient();
    }, this);
}

void AvahiSession::changed(AvahiClient *client, int state, void *self)
{
    auto *me = static_cast<AvahiSession *>(self);
    me->m_client = client;  // also during avahi_client_new, before it returned
    const int error = state == AVAHI_CLIENT_FAILURE ? avahi_client_errno(client) : 0;
    me->m_onState(client, state, error);
    if (error == AVAHI_ERR_DISCONNECTED) {
        // The daemon went away: start over and wait for it.
        avahi_client_free(client);
        me->m_client = nullptr;
        me->connectClient();
    }
}

}  // namespace sb
