#include "acceptor.h"

#include "servercontext.h"
#include "worker.h"

#include <QHostAddress>

namespace sb {

TcpListener::TcpListener(std::shared_ptr<const ListenerRuntime> runtime, const std::vector<Worker *> &workers, QObject *parent)
    : QTcpServer(parent), m_runtime(std::move(runtime)), m_workers(workers)
{
}

void TcpListener::incomingConnection(qintptr fd)
{
    Worker *w = m_workers[m_next++ % m_workers.size()];
    auto runtime = m_runtime;
    w->post([w, fd, runtime] { w->acceptDescriptor(fd, runtime); });
}

Acceptor::Acceptor(const std::vector<Worker *> &workers) : m_workers(workers) {}

quint16 Acceptor::listen(std::shared_ptr<const ListenerRuntime> runtime, QString *error)
{
    close(runtime->id);
    const QString a = runtime->config.address;
    QHostAddress address = a == QLatin1String("any")         ? QHostAddress(QHostAddress::Any)
                           : a == QLatin1String("localhost") ? QHostAddress(QHostAddress::LocalHost)
                                                              : QHostAddress(a);
    auto *l = new TcpListener(runtime, m_workers, this);
    l->setListenBacklogSize(1024);
    if (!l->listen(address, quint16(runtime->config.port))) {
        *error = QStringLiteral("cannot listen on %1 port %2 for %3: %4")
                     .arg(a)
                     .arg(runtime->config.port)
                     .arg(runtime->displayName(), l->errorString());
        delete l;
        return 0;
    }
    m_listeners.insert(runtime->id, l);
    return l->serverPort();
}

void Acceptor::close(int listenerId)
{
    if (TcpListener *l = m_listeners.take(listenerId)) {
        l->close();
        delete l;
    }
}

void Acceptor::closeAll()
{
    const auto ids = m_listeners.keys();
    for (int id : ids)
        close(id);
}

}  // namespace sb
