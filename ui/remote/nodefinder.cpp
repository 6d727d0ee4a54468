#include "nodefinder.h"

#include <avahi-client/client.h>
#include <avahi-client/lookup.h>
#include <avahi-common/address.h>
#include <avahi-common/error.h>
#include <avahi-common/malloc.h>
#include <avahi-common/strlst.h>

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

AvahiNodeFinder::AvahiNodeFinder(QObject *parent)
    : NodeFinder(parent), m_avahi([this](AvahiClient *c, int state, int) { clientChanged(c, state); })
{
    m_avahi.start();
}

AvahiNodeFinder::~AvahiNodeFinder() = default;

namespace {

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

void AvahiNodeFinder::clientChanged(AvahiClient *client, int state)
{
    if (state == AVAHI_CLIENT_S_RUNNING && !m_browser) {
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
        m_browser = avahi_service_browser_new(client, AVAHI_IF_UNSPEC, AVAHI_PROTO_INET, kType, nullptr, AvahiLookupFlags(0), browsed, this);
    } else if (state == AVAHI_CLIENT_FAILURE) {
        // The daemon went away (the browser with it): what it found goes too.
        m_browser = nullptr;
        m_seen.clear();
        QMetaObject::invokeMethod(this, [this] { clear(); }, Qt::QueuedConnection);
    }
}

}  // namespace sb::ui
