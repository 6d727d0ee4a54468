#include "connectiongate.h"

namespace sb {

namespace {
ConnectionGate::AddressKey addressKey(const QHostAddress &peer)
{
    // v4 and v4-mapped v6 count as the same address: both become ::ffff:a.b.c.d.
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4);
    if (isV4)
        return {0, 0xffff00000000ULL | v4};
    const Q_IPV6ADDR a = peer.toIPv6Address();
    ConnectionGate::AddressKey k;
    for (int i = 0; i < 8; ++i) {
        k.high = (k.high << 8) | a[i];
        k.low = (k.low << 8) | a[i + 8];
    }
    return k;
}
}  // namespace

bool ConnectionGate::tryOpenTcp()
{
    if (m_tcp.fetch_add(1, std::memory_order_relaxed) >= m_maxTcp) {
        m_tcp.fetch_sub(1, std::memory_order_relaxed);
        return false;
    }
    return true;
}

void ConnectionGate::closeTcp()
{
    m_tcp.fetch_sub(1, std::memory_order_relaxed);
}

std::optional<LimitKind> ConnectionGate::tryOpenWs(const QString &service, const QHostAddress &peer, const Limits &limits)
{
    const AddressKey key = addressKey(peer);
    QMutexLocker lock(&m_mutex);
    ServiceCount &svc = m_services[service];
    if (svc.open >= limits.maxConnections)
        return LimitKind::ServiceConnections;
    int &addr = svc.perAddress[key];
    if (addr >= limits.maxConnectionsPerIp) {
        if (addr == 0)
            svc.perAddress.remove(key);
        return LimitKind::ConnectionsPerIp;
    }
    ++svc.open;
    ++addr;
    return std::nullopt;
}

void ConnectionGate::closeWs(const QString &service, const QHostAddress &peer)
{
    const AddressKey key = addressKey(peer);
    QMutexLocker lock(&m_mutex);
    ServiceCount *svc = m_services.find(service);
    if (!svc)
        return;
    --svc->open;
    auto it = svc->perAddress.find(key);
    if (it != svc->perAddress.end() && --it.value() <= 0)
        svc->perAddress.erase(it);
}

}  // namespace sb
