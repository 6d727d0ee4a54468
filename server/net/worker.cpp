#include "worker.h"

#include "epolldispatcher.h"
#include "httpconnection.h"
#include "logging.h"
#include "proxyintake.h"
#include "stream.h"
#include "wssession.h"

#include <QDateTime>

#include <malloc.h>

namespace sb {

namespace {
// A connection that held this much (queued output, partial input) asks for a heap trim.
constexpr qint64 kTrimAfterBytes = 256 * 1024;
}  // namespace

Worker::Worker(int index, ServerContext &context)
    : m_index(index)
    , m_ctx(context)
{
    m_tick.setParent(this);
    m_tick.setInterval(1000);
    m_tick.setTimerType(Qt::PreciseTimer);  // its lateness is the loop latency we report
    connect(&m_tick, &QTimer::timeout, this, &Worker::tick);
}

Worker::~Worker()
{
    if (m_turnEndSet) {  // the dispatcher may outlive this worker on its thread
        if (auto *epoll = qobject_cast<EpollDispatcher *>(thread()->eventDispatcher()))
            epoll->setTurnEnd({});
    }
}

namespace {
thread_local Worker::PostBatch *t_postBatch = nullptr;
}  // namespace

Worker::PostBatch::PostBatch() : m_outer(t_postBatch)
{
    t_postBatch = this;
}

Worker::PostBatch::~PostBatch()
{
    t_postBatch = m_outer;
    for (Worker *w : m_wake)
        QMetaObject::invokeMethod(w, &Worker::drainMailbox, Qt::QueuedConnection);
}

void Worker::post(std::function<void()> fn)
{
    bool schedule;
    {
        QMutexLocker lock(&m_mailboxMutex);
        schedule = m_mailbox.empty();  // whoever fills an empty mailbox schedules the drain
        m_mailbox.push_back(std::move(fn));
    }
    if (!schedule)
        return;
    if (t_postBatch)
        t_postBatch->m_wake.push_back(this);  // once per worker: the mailbox stays non-empty
    else
        QMetaObject::invokeMethod(this, &Worker::drainMailbox, Qt::QueuedConnection);
}

void Worker::drainMailbox()
{
    const PostBatch posts;  // what these functions post to other workers goes out together
    std::vector<std::function<void()>> batch;
    {
        QMutexLocker lock(&m_mailboxMutex);
        batch.swap(m_mailbox);
    }
    for (auto &fn : batch)
        fn();
}

void Worker::accepted(int fd, const ClientAddress &peer, std::shared_ptr<const ListenerRuntime> listener)
{
    Worker *target = this;
    for (Worker *w : m_ctx.workers) {
        if (w->load() < target->load())
            target = w;
    }
    if (target == this) {
        acceptDescriptor(fd, peer, std::move(listener));
        return;
    }
    target->m_incoming.fetch_add(1, std::memory_order_relaxed);
    target->post([target, fd, peer, listener = std::move(listener)] {
        target->m_incoming.fetch_sub(1, std::memory_order_relaxed);
        target->acceptDescriptor(fd, peer, listener);
    });
}

void Worker::acceptDescriptor(int fd, const ClientAddress &peer, std::shared_ptr<const ListenerRuntime> listener)
{
    if (!m_tick.isActive()) {
        m_tick.start();
        m_sinceTick.start();
    }
    if (!m_ctx.proxySources.isEmpty() && m_ctx.proxySources.contains(peer.address)) {
        // The slot is taken now: a connection waiting for its header counts as open.
        if (m_shuttingDown || !m_ctx.gate->tryOpenTcp())
            adopt(fd, peer, std::move(listener), std::nullopt, GateSlot::Full);
        else
            ProxyIntake::start(fd, peer, std::move(listener), *this);
        return;
    }
    adopt(fd, peer, std::move(listener), std::nullopt);
}

void Worker::adopt(int fd, const ClientAddress &peer, std::shared_ptr<const ListenerRuntime> listener,
                   const std::optional<ClientAddress> &client, GateSlot gate)
{
    if (auto *epoll = qobject_cast<EpollDispatcher *>(thread()->eventDispatcher()))
        epoll->noteAccepted(fd);  // its first write needs no poll()
    Stream *socket;
    if (listener->tls) {
        QString error;
        socket = TlsStream::adopt(fd, *listener->tls, &error);
        if (!socket) {
            qCWarning(lcNet) << "cannot adopt accepted socket:" << error;
            if (gate == GateSlot::Held)
                m_ctx.gate->closeTcp();
            return;
        }
    } else {
        socket = new PlainStream(fd, peer);  // no QTcpSocket: see net/stream.h
    }
    // TCP_NODELAY comes with the socket: set on the listening socket (see Acceptor::listen).
    const bool admitted = gate == GateSlot::Take ? !m_shuttingDown && m_ctx.gate->tryOpenTcp()
                                                 : gate == GateSlot::Held && !m_shuttingDown;
    if (!admitted) {
        if (gate == GateSlot::Held)
            m_ctx.gate->closeTcp();
        const LimitReaction r = limitReaction(LimitKind::TotalConnections);
        ServiceCounters::add(m_ctx.telemetry->service(QStringLiteral("http")).limitHits);
        m_ctx.telemetry->countRejection("server_full");
        if (!listener->tls) {
            HttpResponse resp = HttpResponse::error(r.httpStatus, r.code, QString::fromLatin1(r.reason));
            resp.closeAfter = true;
            resp.setHeader("Retry-After", "5");
            socket->write(resp.serialize());
            connect(socket, &Stream::disconnected, socket, &QObject::deleteLater);
            socket->disconnectFromHost();
            QTimer::singleShot(5000, socket, &QObject::deleteLater);
        } else {
            socket->abort();
            socket->deleteLater();
        }
        return;
    }
    auto *conn = new HttpConnection(socket, std::move(listener), *this);
    if (client)
        conn->setClient(*client);
    conn->setParent(this);  // whatever is left when the thread ends goes with the worker
    m_http.insert(conn);
    m_httpCount.store(int(m_http.size()), std::memory_order_relaxed);
    conn->start();
}

void Worker::httpFinished(HttpConnection *connection, bool closeTcp)
{
    if (m_http.remove(connection)) {
        m_httpCount.store(int(m_http.size()), std::memory_order_relaxed);
        if (closeTcp)
            m_ctx.gate->closeTcp();
    }
    connection->deleteLater();
    checkDrained();
}

void Worker::handOver(Stream *stream, SessionContext context, std::shared_ptr<WsEndpoint> endpoint)
{
    context.worker = this;
    context.transport = stream;
    WsSession *session = endpoint->createSession(context);
    session->setParent(this);
    m_sessions.insert(session->id(), session);
    m_sessionCount.store(int(m_sessions.size()), std::memory_order_relaxed);
    // The 101 (held by the front door) and what the session said on opening, in one send.
    stream->releaseOutput();
    if (m_shuttingDown)
        session->close(1001, QStringLiteral("server shutting down"));
    // A peer that vanished during the handshake may already be gone.
    if (!stream->isConnected())
        QMetaObject::invokeMethod(this, [this, id = session->id()] { sessionFinished(id); }, Qt::QueuedConnection);
}

void Worker::sessionFinished(quint64 id)
{
    WsSession *session = m_sessions.take(id);
    if (!session)
        return;
    m_sessionCount.store(int(m_sessions.size()), std::memory_order_relaxed);
    m_ctx.gate->closeWs(session->context().service, session->context().peer);
    m_ctx.gate->closeTcp();
    if (session->heldBytes() >= kTrimAfterBytes)
        m_trimHeap = true;
    session->deleteLater();
    checkDrained();
}

void Worker::deliverFrame(const QList<quint64> &ids, const QByteArray &frame, wsframe::Opcode opcode, qsizetype payloadSize)
{
    // One frame for every recipient on this worker: serialized and framed once.
    for (quint64 id : ids) {
        if (WsSession *s = m_sessions.value(id))
            s->sendFrame(frame, opcode, payloadSize);
    }
}

void Worker::deferFlush(WsSession *session)
{
    if (!m_turnEndSet) {
        // Only sessions on an EpollDispatcher's thread defer (WsSession::transmit).
        static_cast<EpollDispatcher *>(thread()->eventDispatcher())->setTurnEnd([this] { flushOutputs(); });
        m_turnEndSet = true;
    }
    m_toFlush.emplace_back(session);
}

void Worker::flushOutputs()
{
    if (m_toFlush.empty())
        return;
    std::vector<QPointer<WsSession>> sessions;
    sessions.swap(m_toFlush);
    for (const QPointer<WsSession> &s : sessions) {
        if (s)
            s->flushDeferred();
    }
    if (m_toFlush.capacity() < sessions.capacity()) {
        sessions.clear();
        m_toFlush.swap(sessions);  // the capacity is kept for the next turn
    }
}

void Worker::sendTo(quint64 sessionId, const QByteArray &utf8)
{
    post([this, sessionId, utf8] {
        if (WsSession *s = m_sessions.value(sessionId))
            s->sendUtf8(utf8);
    });
}

void Worker::tick()
{
    m_loopLatencyMs.store(int(qMax<qint64>(0, m_sinceTick.restart() - m_tick.interval())), std::memory_order_relaxed);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (WsSession *s : std::as_const(m_sessions))
        s->heartbeatTick(now);
    if (m_ctx.everySecond)
        m_ctx.everySecond(now);  // access changes made by another process (the CLI)
    publish();
    if (m_trimHeap) {
        // glibc keeps freed memory in its arenas: a flood of connections that each held
        // megabytes of unsent data would otherwise stay resident after they are gone.
        m_trimHeap = false;
        malloc_trim(0);
    }
    checkDrained();
}

void Worker::beginShutdown(int code, const QString &reason)
{
    m_shuttingDown = true;
    const auto sessions = m_sessions.values();
    for (WsSession *s : sessions)
        s->close(code, reason);
    const auto http = m_http.values();
    for (HttpConnection *c : http)
        c->shutdownGracefully();
    checkDrained();
}

void Worker::abortAll()
{
    const auto sessions = m_sessions.values();
    for (WsSession *s : sessions)
        s->abort();
    const auto http = m_http.values();
    for (HttpConnection *c : http)
        c->abort();
    m_tick.stop();
}

void Worker::closeWhere(const ConnectionMatch &match, int code, const QString &reason)
{
    const auto sessions = m_sessions.values();
    for (WsSession *s : sessions) {
        if (match(s->context().listenerId, s->context().listenerRuntime, s->context().peer))
            s->close(code, reason);
    }
    const auto http = m_http.values();
    for (HttpConnection *c : http) {
        if (match(c->listenerId(), c->listenerRuntime(), c->peerAddress()))
            c->shutdownGracefully();
    }
}

void Worker::closeListener(int listenerId, int code, const QString &reason, const void *runtime)
{
    closeWhere([&](int id, const void *rt, const QHostAddress &) { return id == listenerId && (!runtime || rt == runtime); }, code, reason);
}

void Worker::closeRemotePeers(int code, const QString &reason)
{
    closeWhere([](int, const void *, const QHostAddress &peer) { return !peer.isLoopback(); }, code, reason);
}

void Worker::endAccess(const QList<AccessEvent> &events)
{
    const auto sessions = m_sessions.values();
    for (WsSession *s : sessions) {
        for (const AccessEvent &e : events) {
            if (!s->endedBy(e))
                continue;
            const QString why = e.kind == AccessEvent::Token ? QStringLiteral("access ended: logged out")
                                : e.kind == AccessEvent::User ? QStringLiteral("access ended: the account is disabled")
                                                              : QStringLiteral("access ended: the API token is revoked");
            s->close(1008, why);
            break;
        }
    }
}

bool Worker::closeSession(quint64 id, int code, const QString &reason)
{
    WsSession *s = m_sessions.value(id);
    if (!s)
        return false;
    s->close(code, reason);
    return true;
}

void Worker::publish()
{
    // Only while someone looks (the dashboard): otherwise the registry costs nothing.
    QList<ConnectionInfo> rows;
    if (m_ctx.observers.load(std::memory_order_relaxed) > 0) {
        rows.reserve(m_sessions.size());
        for (const WsSession *s : std::as_const(m_sessions)) {
            rows.append(s->info());
            rows.last().worker = m_index;
        }
    }
    QMutexLocker lock(&m_publishedMutex);
    m_published.swap(rows);
}

QList<ConnectionInfo> Worker::publishedConnections() const
{
    QMutexLocker lock(&m_publishedMutex);
    return m_published;
}

void Worker::checkDrained()
{
    if (m_shuttingDown && m_sessions.isEmpty() && m_http.isEmpty())
        emit drained();
}

}  // namespace sb
