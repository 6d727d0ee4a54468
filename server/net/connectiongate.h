#pragma once
// Counts open connections against the limits (docs/configuration.md, "Limits"): TCP connections to the whole server,
// and WebSockets per service and per service+address. Thread-safe.

#include "wire/limits.h"
#include "servicemap.h"

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

    // A peer's address as two integers (v4 and v4-mapped v6 alike): hashed as integers, not
    // as QHostAddress bytes.
    struct AddressKey {
        quint64 high = 0, low = 0;
        friend bool operator==(const AddressKey &, const AddressKey &) = default;
        friend size_t qHash(const AddressKey &k, size_t seed = 0) { return qHashMulti(seed, k.high, k.low); }
    };

private:
    struct ServiceCount {
        int open = 0;
        QHash<AddressKey, int> perAddress;
    };
    int m_maxTcp;
    std::atomic<int> m_tcp{0};
    QMutex m_mutex;
    ServiceMap<ServiceCount> m_services;
};

}  // namespace sb
