#include "nodefinder.h"

#include <avahi-client/client.h>
#include <avahi-client/lookup.h>
#include <avahi-common/address.h>
#include <avahi-common/error.h>
#include <avahi-common/malloc.h>
#include <avahi-common/strlst.h>
#include <avahi-common/thread-watch.h>
#include <avahi-common/timeval.h>

#include <QHostAddress>

namespace sb::ui {

namespace {
const char *const kType = "_switchboard._tcp";

bool loopback(const QString &address)
{
    return QHostAddress(address).isLoopback();
}
}  // namespace

void NodeFinder::found(const FoundNode &node)
{
    const auto it = m_nodes.constFind(node.name);
    // One node on several interfaces: keep the address other machines use.
    if (it != m_nodes.constEnd() && !loopback(it->address) && loopback(node.address))
        return;
    m_nodes.insert(node.name, node);
    emit changed();
}

void NodeFinder::lost(const QString &name)
{
    if (m_nodes.remove(name))
        emit changed();
}

void NodeFinder::clear()
{
    if (m_nodes.isEmpty())
        return;
    m_nodes.clear();
    emit changed();
}

AvahiNodeFinder::AvahiNodeFinder(QObject *parent) : NodeFinder(parent), m_poll(avahi_threaded_poll_new())
{
    if (!m_poll)
        return;
    connectClient();
    avahi_threaded_poll_start(m_poll);
}

AvahiNodeFinder::~AvahiNodeFinder()
{
    if (!m_poll)
        return;
    avahi_threaded_poll_stop(m_poll);
    if (m_client)
        avahi_client_free(m_client);  // its browser and resolvers too
    avahi_threaded_poll_free(m_poll);
}

void AvahiNodeFinder::connectClient()
{
    int error = 0;
    // Without a daemon the client waits for one; without a system D-Bus, try again in 30 s.
    m_client = avahi_client_new(avahi_threaded_poll_get(m_poll), AVAHI_CLIENT_NO_FAIL,
                                reinterpret_cast<AvahiClientCallback>(&AvahiNodeFinder::clientChanged), this, &error);
    if (m_client)
        return;
    const AvahiPoll *api = avahi_threaded_poll_get(m_poll);
    timeval when{};
    avahi_elapse_time(&when, 30'000, 0);
    api->timeout_new(api, &when, [](AvahiTimeout *timeout, void *self) {
        auto *me = static_cast<AvahiNodeFinder *>(self);
        avahi_threaded_poll_get(me->m_poll)->timeout_free(timeout);
        me->connectClient();
    }, this);
}

namespace {

struct Context {
    AvahiNodeFinder *finder;
    QHash<QString, int> *seen;
};

void resolved(AvahiServiceResolver *resolver, AvahiIfIndex, AvahiProtocol, AvahiResolverEvent event, const char *name, const char *,
              const char *, const char *host, const AvahiAddress *address, uint16_t port, AvahiStringList *txt, AvahiLookupResultFlags,
              void *self)
{
    auto *finder = static_cast<AvahiNodeFinder *>(self);
    if (event == AVAHI_RESOLVER_FOUND && address) {
        FoundNode node;
        node.name = QString::fromUtf8(name);
        node.host = QString::fromUtf8(host);
        char text[AVAHI_ADDRESS_STR_MAX];
        avahi_address_snprint(text, sizeof text, address);
        node.address = QString::fromLatin1(text);
        node.port = port;
        for (AvahiStringList *t = txt; t; t = avahi_string_list_get_next(t)) {
            char *key = nullptr, *value = nullptr;
            if (avahi_string_list_get_pair(t, &key, &value, nullptr) == 0) {
                node.txt.insert(QString::fromUtf8(key), QString::fromUtf8(value ? value : ""));
                avahi_free(key);
                avahi_free(value);
            }
        }
        QMetaObject::invokeMethod(finder, [finder, node] { finder->found(node); }, Qt::QueuedConnection);
    }
    avahi_service_resolver_free(resolver);
}

}  // namespace

void AvahiNodeFinder::clientChanged(AvahiClient *client, int state, void *self)
{
    auto *me = static_cast<AvahiNodeFinder *>(self);
    me->m_client = client;
    if (state == AVAHI_CLIENT_S_RUNNING && !me->m_browser) {
        auto browsed = [](AvahiServiceBrowser *b, AvahiIfIndex iface, AvahiProtocol proto, AvahiBrowserEvent event, const char *name,
                          const char *type, const char *domain, AvahiLookupResultFlags, void *data) {
            auto *finder = static_cast<AvahiNodeFinder *>(data);
            const QString key = QString::fromUtf8(name ? name : "");
            if (event == AVAHI_BROWSER_NEW) {
                ++finder->m_seen[key];
                avahi_service_resolver_new(avahi_service_browser_get_client(b), iface, proto, name, type, domain, AVAHI_PROTO_INET,
                                           AvahiLookupFlags(0), resolved, finder);
            } else if (event == AVAHI_BROWSER_REMOVE && --finder->m_seen[key] <= 0) {
                finder->m_seen.remove(key);
                QMetaObject::invokeMethod(finder, [finder, key] { finder->lost(key); }, Qt::QueuedConnection);
            }
        };
        me->m_browser = avahi_service_browser_new(client, AVAHI_IF_UNSPEC, AVAHI_PROTO_INET, kType, nullptr, AvahiLookupFlags(0), browsed, me);
    } else if (state == AVAHI_CLIENT_FAILURE && avahi_client_errno(client) == AVAHI_ERR_DISCONNECTED) {
        // The daemon went away: what it found goes too; wait for it to come back.
        me->m_browser = nullptr;
        me->m_seen.clear();
        avahi_client_free(client);
        me->m_client = nullptr;
        QMetaObject::invokeMethod(me, [me] { me->clear(); }, Qt::QueuedConnection);
        me->connectClient();
    }
}

}  // namespace sb::ui
