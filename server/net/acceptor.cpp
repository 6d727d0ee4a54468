#include "acceptor.h"

#include "descriptors.h"
#include "logging.h"
#include "servercontext.h"
#include "worker.h"

#include <QHostAddress>
#include <QNetworkInterface>
#include <QTimer>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <arpa/inet.h>
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
        sockaddr_storage peer;
        socklen_t length = sizeof peer;
        const int fd = ::accept4(listenFd, reinterpret_cast<sockaddr *>(&peer), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd >= 0) {
            m_backoffMs = 0;
            // The peer's address as accept() gave it: no getpeername() later.
            const auto *a = reinterpret_cast<const sockaddr *>(&peer);
            const quint16 port = a->sa_family == AF_INET6 ? ntohs(reinterpret_cast<const sockaddr_in6 *>(a)->sin6_port)
                                                          : ntohs(reinterpret_cast<const sockaddr_in *>(a)->sin_port);
            m_worker->accepted(fd, ClientAddress{QHostAddress(a), port}, m_runtime);  // this thread is the worker's
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

namespace {

// What bind() and listen() refusals mean, as the listener's error says them.
QString listenFailure(int error)
{
    switch (error) {
    case EADDRINUSE:
        return QStringLiteral("the address is already in use");
    case EACCES:
        return QStringLiteral("permission denied (ports below 1024 need privileges)");
    case EADDRNOTAVAIL:
        return QStringLiteral("the address is not one of this machine's");
    default:
        return QString::fromLocal8Bit(strerror(error));
    }
}

// `address` as a socket address on `port`. "Any" is both IPv4 and IPv6 where the machine has
// IPv6 (as Qt's QTcpServer binds it), `dualStack` says so.
struct SocketAddress {
    sockaddr_storage storage{};
    socklen_t length = 0;
    int family = AF_INET;
    bool dualStack = false;
};

SocketAddress socketAddress(const QHostAddress &address, quint16 port, bool ipv6Available)
{
    SocketAddress a;
    const bool any = address == QHostAddress(QHostAddress::Any);
    if ((any && ipv6Available) || address.protocol() == QAbstractSocket::IPv6Protocol) {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(&a.storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        if (!any) {
            const Q_IPV6ADDR bytes = address.toIPv6Address();
            memcpy(&in6->sin6_addr, bytes.c, sizeof bytes.c);
            const QString scope = address.scopeId();
            bool numeric = false;
            const uint index = scope.toUInt(&numeric);
            in6->sin6_scope_id = numeric ? index : uint(QNetworkInterface::interfaceIndexFromName(scope));
        }
        a.length = sizeof(sockaddr_in6);
        a.family = AF_INET6;
        a.dualStack = any;
        return a;
    }
    auto *in4 = reinterpret_cast<sockaddr_in *>(&a.storage);
    in4->sin_family = AF_INET;
    in4->sin_port = htons(port);
    in4->sin_addr.s_addr = any ? htonl(INADDR_ANY) : htonl(address.toIPv4Address());
    a.length = sizeof(sockaddr_in);
    return a;
}

// A TCP socket bound to `a`; -1 with errno set when it cannot be. With `reusePort` it is
// one of a group the kernel spreads incoming connections over (SO_REUSEPORT).
int boundSocket(const SocketAddress &a, bool reusePort)
{
    const int fd = ::socket(a.family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    const int one = 1, zero = 0;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);  // restarts despite TIME_WAIT, as Qt does
    if (reusePort)
        setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    if (a.family == AF_INET6)
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, a.dualStack ? &zero : &one, sizeof one);
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&a.storage), a.length) != 0) {
        const int why = errno;
        ::close(fd);
        errno = why;
        return -1;
    }
    return fd;
}

quint16 boundPort(int fd)
{
    sockaddr_storage s{};
    socklen_t length = sizeof s;
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&s), &length) != 0)
        return 0;
    return ntohs(s.ss_family == AF_INET6 ? reinterpret_cast<const sockaddr_in6 *>(&s)->sin6_port
                                         : reinterpret_cast<const sockaddr_in *>(&s)->sin_port);
}

// `count` listening sockets on one address and port, one per worker. A port asked for is
// first bound by a socket of its own (no SO_REUSEPORT) and let go, so that a port another
// program — or another Switchboard — holds is refused as busy rather than shared; then the
// group binds it. Port 0 needs no such check: the kernel never picks a port for a
// SO_REUSEPORT socket that someone else holds. A worker whose socket cannot join the group
// shares the first one's descriptor instead.
std::vector<int> listeningSockets(const QHostAddress &address, quint16 requested, std::size_t count, QString *why)
{
    static const bool ipv6 = [] {
        const int probe = ::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (probe < 0)
            return false;
        ::close(probe);
        return true;
    }();
    SocketAddress a = socketAddress(address, requested, ipv6);
    if (requested != 0) {
        const int probe = boundSocket(a, false);
        if (probe < 0) {
            *why = listenFailure(errno);
            return {};
        }
        ::close(probe);
    }
    std::vector<int> fds;
    const int one = 1;
    for (std::size_t i = 0; i < count; ++i) {
        int fd = boundSocket(a, true);
        if (i == 0 && fd >= 0 && requested == 0)
            a = socketAddress(address, boundPort(fd), ipv6);  // the rest join the port it was given
        if (fd >= 0 && ::listen(fd, 1024) != 0) {
            const int why = errno;
            ::close(fd);
            errno = why;
            fd = -1;
        }
        if (fd < 0 && i == 0) {
            *why = listenFailure(errno);
            return {};
        }
        if (fd < 0) {
            qCWarning(lcNet) << "listener on port" << boundPort(fds[0]) << "is shared by descriptor for worker" << i << ":"
                             << listenFailure(errno);
            fd = fcntl(fds[0], F_DUPFD_CLOEXEC, 0);
        }
        // Accepted sockets inherit TCP_NODELAY from the listening socket (Linux copies it):
        // set once here instead of one setsockopt per connection.
        if (fd >= 0)
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        fds.push_back(fd);
    }
    return fds;
}

}  // namespace

std::vector<TcpListener *> Acceptor::bindOnWorkers(const std::shared_ptr<const ListenerRuntime> &runtime, quint16 *port,
                                                   QString *error)
{
    const QString a = runtime->config.address;
    const QHostAddress address = a == QLatin1String("any")         ? QHostAddress(QHostAddress::Any)
                                 : a == QLatin1String("localhost") ? QHostAddress(QHostAddress::LocalHost)
                                                                    : QHostAddress(a);
    QString why = QStringLiteral("not an IP address");
    const std::vector<int> fds = address.isNull() ? std::vector<int>{}
                                                  : listeningSockets(address, quint16(runtime->config.port), m_workers.size(), &why);
    const auto refuse = [&] {
        *error = QStringLiteral("cannot listen on %1 port %2 for %3: %4").arg(a).arg(runtime->config.port).arg(runtime->displayName(), why);
        return std::vector<TcpListener *>{};
    };
    if (fds.empty())
        return refuse();
    *port = boundPort(fds[0]);
    std::vector<TcpListener *> listeners(m_workers.size(), nullptr);
    for (std::size_t i = 0; i < m_workers.size(); ++i) {
        if (fds[i] < 0)
            continue;  // that worker just does not accept on this listener
        runOn(m_workers[i], [&, i] {
            auto *l = new TcpListener(runtime, m_workers[i]);
            if (l->setSocketDescriptor(fds[i])) {
                listeners[i] = l;
                l->startAccepting();
            } else {
                ::close(fds[i]);
                delete l;
            }
        });
    }
    if (std::none_of(listeners.cbegin(), listeners.cend(), [](TcpListener *l) { return l; })) {
        why = QStringLiteral("the listening socket was refused");  // (by Qt: not expected)
        return refuse();
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
