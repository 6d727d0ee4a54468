#pragma once
// Counts open connections against the SPEC §8 limits: TCP connections to the whole server,
// and WebSockets per service and per service+address. Thread-safe.

#include "limits.h"

#include <QHash>
#include <QHostAddress>
#include <QMutex>

#include <atomic>
#include <optional>

namespace sb {

class ConnectionGate final
{
public:
    explicit ConnectionGate(int maxTcp) : m_maxTcp(maxTcp) {}
    Q_DISABLE_COPY_MOVE(ConnectionGate)

    bool tryOpenTcp();
    void closeTcp();
    int openTcp() const { return m_tcp.load(std::memory_order_relaxed); }

    // Refusal kind, or nullopt when admitted (then closeWs must follow).
    std::optional<LimitKind> tryOpenWs(const QString &service, const QHostAddress &peer, const Limits &limits);
    void closeWs(const QString &service, const QHostAddress &peer);

    using AddressKey = std::pair<QString, QHostAddress>;  // service, peer (v4-mapped as v4)

private:
    int m_maxTcp;
    std::atomic<int> m_tcp{0};
    QMutex m_mutex;
    QHash<QString, int> m_perService;
    QHash<AddressKey, int> m_perServiceAddress;
};

}  // namespace sb
