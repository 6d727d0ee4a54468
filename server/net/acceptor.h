#pragma once
// Listening sockets. The Acceptor lives on its own thread; each accepted descriptor goes
// to the next worker round-robin, which adopts it on its thread.

#include <QObject>
#include <QTcpServer>

#include <memory>
#include <vector>

namespace sb {

struct ListenerRuntime;
class Worker;

class TcpListener final : public QTcpServer
{
    Q_OBJECT
public:
    TcpListener(std::shared_ptr<const ListenerRuntime> runtime, const std::vector<Worker *> &workers, QObject *parent);
    Q_DISABLE_COPY_MOVE(TcpListener)

protected:
    void incomingConnection(qintptr fd) override;

private:
    std::shared_ptr<const ListenerRuntime> m_runtime;
    const std::vector<Worker *> &m_workers;
    std::size_t m_next = 0;
};

class Acceptor final : public QObject
{
    Q_OBJECT
public:
    explicit Acceptor(const std::vector<Worker *> &workers);
    Q_DISABLE_COPY_MOVE(Acceptor)

    // On the acceptor thread. Returns the bound port, or 0 with an error message.
    quint16 listen(std::shared_ptr<const ListenerRuntime> runtime, QString *error);
    void close(int listenerId);
    void closeAll();

private:
    const std::vector<Worker *> &m_workers;
    QHash<int, TcpListener *> m_listeners;
};

}  // namespace sb
