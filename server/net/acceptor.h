#pragma once
// Listening sockets, accepted on the workers themselves. One listening socket per worker for
// each listener, all bound to the same port with SO_REUSEPORT: the kernel spreads incoming
// connections over them, so a connection wakes only the worker whose queue it lands in (one
// shared descriptor would wake every worker for each, all but one to find nothing). Each
// worker's own QTcpServer accepts on its own thread and adopts the connection there — no hop
// through another thread; a worker that already serves more connections than another hands
// the new one over, so few long-lived connections still land on different workers.

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
    // Binds `runtime` once per worker (net/acceptor.cpp: listeningSockets); empty if it cannot.
    std::vector<TcpListener *> bindOnWorkers(const std::shared_ptr<const ListenerRuntime> &runtime, quint16 *port,
                                             QString *error);

    const std::vector<Worker *> &m_workers;
    // Per listener id: each worker's TcpListener (index = worker index).
    QHash<int, std::vector<TcpListener *>> m_listeners;
};

}  // namespace sb
