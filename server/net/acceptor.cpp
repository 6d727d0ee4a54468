#include "acceptor.h"

#include "descriptors.h"
#include "logging.h"
#include "servercontext.h"
#include "worker.h"

#include <QHostAddress>
#include <QTimer>

#include <cerrno>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace sb {

TcpListener::TcpListener(std::shared_ptr<const ListenerRuntime> runtime, Worker *worker)
    : QTcpServer(worker), m_runtime(std::move(runtime)), m_worker(worker)
{
}

void TcpListener::startAccepting()
{
    pauseAccepting();  // Qt's own notifier stays off; ours takes the connections
    m_notifier = new QSocketNotifier(socketDescriptor(), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &TcpListener::onReadable);
}

void TcpListener::onReadable()
{
    const int listenFd = int(socketDescriptor());
    // A batch per wake-up; the notifier fires again while more are waiting.
    for (int i = 0; i < 64; ++i) {
        const int fd = ::accept4(listenFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd >= 0) {
            m_backoffMs = 0;
            m_worker->accepted(fd, m_runtime);  // this thread is the worker's
            continue;
        }
        if (errno == EINTR || errno == ECONNABORTED)
            continue;
        if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM)
            outOfDescriptors();
        return;  // EAGAIN: nothing more waiting (another worker may have taken it)
    }
}

void TcpListener::outOfDescriptors()
{
    // Those waiting are told 503 through the spare descriptor rather than left hanging; then
    // the listener rests (50 ms, doubling to 1 s) instead of failing accept() in a loop.
    int shed = 0;
    while (shed < 256 && SpareDescriptor::instance().shedOne(int(socketDescriptor()), !m_runtime->tls))
        ++shed;
    ServerContext &ctx = m_worker->context();
    for (int i = 0; i < qMax(shed, 1); ++i)
        ctx.telemetry->countRejection("out_of_descriptors");
    if (m_backoffMs == 0)
        qCWarning(lcNet) << "out of file descriptors: refusing new connections on" << m_runtime->displayName()
                         << "for now (" << shed << "answered 503)";
    m_backoffMs = qBound(50, m_backoffMs * 2, 1000);
    m_notifier->setEnabled(false);
    QTimer::singleShot(m_backoffMs, this, [this] { m_notifier->setEnabled(true); });
}

Acceptor::Acceptor(const std::vector<Worker *> &workers) : m_workers(workers) {}

Acceptor::~Acceptor()
{
    closeAll();
}

quint16 Acceptor::listen(std::shared_ptr<const ListenerRuntime> runtime, QString *error)
{
    // The new socket first: a listener that cannot move keeps listening where it was. Only
    // when its own socket holds the address (the same port, TLS switched) is the old one
    // closed before binding again.
    quint16 port = 0;
    std::vector<TcpListener *> listeners = bindOnWorkers(runtime, &port, error);
    if (listeners.empty() && m_listeners.contains(runtime->id)) {
        close(runtime->id);
        listeners = bindOnWorkers(runtime, &port, error);
    }
    if (listeners.empty())
        return 0;
    close(runtime->id);
    m_listeners.insert(runtime->id, std::move(listeners));
    return port;
}

std::vector<TcpListener *> Acceptor::bindOnWorkers(const std::shared_ptr<const ListenerRuntime> &runtime, quint16 *port,
                                                   QString *error)
{
    const QString a = runtime->config.address;
    const QHostAddress address = a == QLatin1String("any")         ? QHostAddress(QHostAddress::Any)
                                 : a == QLatin1String("localhost") ? QHostAddress(QHostAddress::LocalHost)
                                                                    : QHostAddress(a);
    std::vector<TcpListener *> listeners(m_workers.size(), nullptr);
    qintptr fd = -1;
    runOn(m_workers[0], [&] {
        auto *l = new TcpListener(runtime, m_workers[0]);
        l->setListenBacklogSize(1024);
        if (!l->listen(address, quint16(runtime->config.port))) {
            *error = QStringLiteral("cannot listen on %1 port %2 for %3: %4")
                         .arg(a)
                         .arg(runtime->config.port)
                         .arg(runtime->displayName(), l->errorString());
            delete l;
            return;
        }
        listeners[0] = l;
        l->startAccepting();
        *port = l->serverPort();
        fd = l->socketDescriptor();
        // Accepted sockets inherit TCP_NODELAY from the listening socket (Linux copies it):
        // set once here instead of one setsockopt per connection.
        const int one = 1;
        setsockopt(int(fd), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    });
    if (!listeners[0])
        return {};
    for (std::size_t i = 1; i < m_workers.size(); ++i) {
        const int copy = fcntl(int(fd), F_DUPFD_CLOEXEC, 0);
        if (copy < 0)
            continue;  // that worker just does not accept on this listener
        runOn(m_workers[i], [&, copy] {
            auto *l = new TcpListener(runtime, m_workers[i]);
            if (l->setSocketDescriptor(copy)) {
                listeners[i] = l;
                l->startAccepting();
            } else {
                ::close(copy);
                delete l;
            }
        });
    }
    return listeners;
}

void Acceptor::close(int listenerId)
{
    const std::vector<TcpListener *> listeners = m_listeners.take(listenerId);
    for (std::size_t i = 0; i < listeners.size() && i < m_workers.size(); ++i) {
        if (TcpListener *l = listeners[i]) {
            runOn(m_workers[i], [l] {
                l->close();
                delete l;
            });
        }
    }
}

void Acceptor::closeAll()
{
    const auto ids = m_listeners.keys();
    for (int id : ids)
        close(id);
}

}  // namespace sb
