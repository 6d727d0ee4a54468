#include "proxyintake.h"

#include "logging.h"
#include "servercontext.h"
#include "wire/httpmessage.h"
#include "wire/proxyheader.h"
#include "worker.h"

#include <QDateTime>
#include <QSocketNotifier>
#include <QTimerEvent>

#include <atomic>
#include <cerrno>

#include <sys/socket.h>
#include <unistd.h>

namespace sb {

void ProxyIntake::start(int fd, const ClientAddress &peer, std::shared_ptr<const ListenerRuntime> listener, Worker &worker)
{
    auto *intake = new ProxyIntake(fd, peer, std::move(listener), worker);
    intake->onReadable();  // the header usually arrives with the connection
}

ProxyIntake::ProxyIntake(int fd, const ClientAddress &peer, std::shared_ptr<const ListenerRuntime> listener, Worker &worker)
    : QObject(&worker), m_fd(fd), m_peer(peer), m_listener(std::move(listener)), m_worker(worker), m_gate(*worker.context().gate)
{
    m_notifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &ProxyIntake::onReadable);
    // The header counts as part of the request head: the same deadline.
    m_deadline.start(worker.context().serverLimits().headTimeoutMs, Qt::PreciseTimer, this);
}

ProxyIntake::~ProxyIntake()
{
    release();
}

void ProxyIntake::release()
{
    delete m_notifier;  // before the descriptor closes
    m_notifier = nullptr;
    m_deadline.stop();
    if (m_fd >= 0) {
        ::close(m_fd);
        m_gate.closeTcp();
    }
    m_fd = -1;
}

void ProxyIntake::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_deadline.timerId())
        return QObject::timerEvent(event);
    refuse("no complete PROXY protocol header in time");
}

void ProxyIntake::onReadable()
{
    if (m_fd < 0)
        return;
    // Peek: only the header's own bytes are taken, the rest is left for the stream (and TLS).
    char buf[proxyheader::kMaxLength];
    const qsizetype had = m_header.size();
    const ssize_t n = ::recv(m_fd, buf, sizeof buf - size_t(had), MSG_PEEK);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        return;
    if (n <= 0) {  // gone before it said anything
        release();
        deleteLater();
        return;
    }
    const QByteArray seen = m_header + QByteArray::fromRawData(buf, qsizetype(n));
    const proxyheader::Result r = proxyheader::parse(seen.constData(), seen.size());
    if (r.status == proxyheader::Result::Error)
        return refuse(r.reason);
    // Incomplete: every byte seen belongs to the header; Done: up to its length.
    const qsizetype take = r.status == proxyheader::Result::Done ? r.length - had : qsizetype(n);
    if (::recv(m_fd, buf, size_t(take), 0) != take)
        return refuse("the connection failed while its PROXY protocol header was read");
    if (r.status == proxyheader::Result::Incomplete) {
        m_header.append(buf, take);
        return;
    }
    const int fd = m_fd;
    m_fd = -1;
    release();
    std::optional<ClientAddress> client;
    if (r.hasAddress)
        client = ClientAddress{r.source, r.sourcePort};
    m_worker.adopt(fd, m_peer, m_listener, client, Worker::GateSlot::Held);
    deleteLater();
}

void ProxyIntake::refuse(const char *reason)
{
    ServerContext &ctx = m_worker.context();
    ctx.telemetry->countRejection("bad_proxy_header");
    // A balancer that sends no header (or a wrong one) is set up wrongly: said once a minute.
    static std::atomic<qint64> lastWarningMs{0};
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 last = lastWarningMs.load(std::memory_order_relaxed);
    if (now - last >= 60'000 && lastWarningMs.compare_exchange_strong(last, now))
        qCWarning(lcNet) << "connection from a proxy_protocol_from address refused:" << reason << "(listener"
                         << m_listener->displayName() << ")";
    if (m_fd >= 0 && !m_listener->tls) {
        // What the client sent is read first: closing with unread bytes would reset the
        // connection, and the answer with it.
        char buf[4096];
        for (int i = 0; i < 16 && ::recv(m_fd, buf, sizeof buf, MSG_DONTWAIT) > 0; ++i) {
        }
        HttpResponse resp = HttpResponse::error(400, "BAD_PROXY_HEADER", QString::fromLatin1(reason));
        resp.closeAfter = true;
        const QByteArray bytes = resp.serialize();
        [[maybe_unused]] const ssize_t sent = ::send(m_fd, bytes.constData(), size_t(bytes.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
        ::shutdown(m_fd, SHUT_WR);
    }
    release();
    deleteLater();
}

}  // namespace sb
