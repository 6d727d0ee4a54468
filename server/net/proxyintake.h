#pragma once
// A connection from a load balancer named in `proxy_protocol_from` (docs/configuration.md):
// its PROXY protocol header (wire/proxyheader.h) is read off the descriptor before the
// connection's stream takes it — before TLS too, which follows the header — and the
// connection then goes on as any other, known by the client's address. Lives on the worker that accepted the connection.

#include "stream.h"  // ClientAddress

#include <QBasicTimer>
#include <QByteArray>
#include <QHostAddress>
#include <QObject>

#include <memory>

class QSocketNotifier;

namespace sb {

class ConnectionGate;
struct ListenerRuntime;
class Worker;

class ProxyIntake final : public QObject
{
public:
    // Takes `fd` over, and its slot in the connection budget (taken by the caller): hands
    // both to the worker once the header is read, else closes the one and frees the other.
    // `peer` is the balancer's own address (the TCP peer).
    static void start(int fd, const ClientAddress &peer, std::shared_ptr<const ListenerRuntime> listener, Worker &worker);
    ~ProxyIntake() override;
    Q_DISABLE_COPY_MOVE(ProxyIntake)

private:
    ProxyIntake(int fd, const ClientAddress &peer, std::shared_ptr<const ListenerRuntime> listener, Worker &worker);
    void onReadable();
    void refuse(const char *reason);
    void timerEvent(QTimerEvent *event) override;
    void release();

    int m_fd;
    ClientAddress m_peer;
    std::shared_ptr<const ListenerRuntime> m_listener;
    Worker &m_worker;
    ConnectionGate &m_gate;
    QSocketNotifier *m_notifier = nullptr;
    QBasicTimer m_deadline;
    QByteArray m_header;  // the part of the header read so far
};

}  // namespace sb
