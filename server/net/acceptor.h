#pragma once
// Listening sockets, accepted on the workers themselves. One listening socket per listener
// (bound on worker 0, so that Qt reports a busy port or a bad address), shared by every
// worker through a duplicate descriptor: each worker's own QTcpServer accepts on its own
// thread and adopts the connection there — no hop through another thread, no wake-up of
// another thread per connection. Whichever worker is free takes the next connection from the
// kernel's queue; one that already serves more connections than another hands it over.

#include <QHash>
#include <QSocketNotifier>
#include <QTcpServer>

#include <memory>
#include <vector>

namespace sb {

struct ListenerRuntime;
class Worker;

// One worker's view of one listening socket (lives on the worker's thread). QTcpServer binds
// it (and says why it cannot); accepting is ours: Qt's loop retries accept() at once when
// descriptors run out (a spinning core), this one sheds and backs off (net/descriptors.h).
class TcpListener final : public QTcpServer
{
    Q_OBJECT
public:
    TcpListener(std::shared_ptr<const ListenerRuntime> runtime, Worker *worker);
    Q_DISABLE_COPY_MOVE(TcpListener)

    // Call once listening (listen() or setSocketDescriptor()).
    void startAccepting();

private:
    void onReadable();
    void outOfDescriptors();

    std::shared_ptr<const ListenerRuntime> m_runtime;
    Worker *m_worker;
    QSocketNotifier *m_notifier = nullptr;
    int m_backoffMs = 0;
};

// Used from the ServerHost's thread; the listeners themselves live on the workers.
class Acceptor final
{
public:
    explicit Acceptor(const std::vector<Worker *> &workers);
    ~Acceptor();
    Q_DISABLE_COPY_MOVE(Acceptor)

    // Returns the bound port, or 0 with an error message. Replaces the listener's sockets
    // only once the new one is bound: on failure, what listened before listens on.
    quint16 listen(std::shared_ptr<const ListenerRuntime> runtime, QString *error);
    void close(int listenerId);
    bool isListening(int listenerId) const { return m_listeners.contains(listenerId); }
    void closeAll();

private:
    // Binds `runtime` once and shares the socket with every worker; empty if it cannot.
    std::vector<TcpListener *> bindOnWorkers(const std::shared_ptr<const ListenerRuntime> &runtime, quint16 *port,
                                             QString *error);

    const std::vector<Worker *> &m_workers;
    // Per listener id: each worker's TcpListener (index = worker index).
    QHash<int, std::vector<TcpListener *>> m_listeners;
};

}  // namespace sb
