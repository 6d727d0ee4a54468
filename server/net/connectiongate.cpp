#include "connectiongate.h"

namespace sb {

namespace {
ConnectionGate::AddressKey addressKey(const QString &service, const QHostAddress &peer)
{
    if (peer.protocol() == QAbstractSocket::IPv4Protocol)
        return {service, peer};  // shared, no copy
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4);  // v4-mapped v6 counts as the v4 address
    return {service, isV4 ? QHostAddress(v4) : peer};
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
    const AddressKey key = addressKey(service, peer);
    QMutexLocker lock(&m_mutex);
    int &svc = m_perService[service];
    if (svc >= limits.maxConnections)
        return LimitKind::ServiceConnections;
    int &addr = m_perServiceAddress[key];
    if (addr >= limits.maxConnectionsPerIp) {
        if (addr == 0)
            m_perServiceAddress.remove(key);
        return LimitKind::ConnectionsPerIp;
    }
    ++svc;
    ++addr;
    return std::nullopt;
}

void ConnectionGate::closeWs(const QString &service, const QHostAddress &peer)
{
    const AddressKey key = addressKey(service, peer);
    QMutexLocker lock(&m_mutex);
    --m_perService[service];
    auto it = m_perServiceAddress.find(key);
    if (it != m_perServiceAddress.end() && --it.value() <= 0)
        m_perServiceAddress.erase(it);
}

}  // namespace sb
