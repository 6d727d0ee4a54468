#pragma once
// One worker ("shard"): a QObject living on its own QThread. It owns the sockets it accepted,
// their HTTP connections and WebSocket sessions. Methods are called on the worker thread
// unless marked thread-safe.

#include "net/access.h"
#include "proxyintake.h"
#include "servercontext.h"
#include "telemetry/connectioninfo.h"
#include "wsendpoint.h"
#include "wire/wsframe.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <functional>
#include <optional>
#include <memory>
#include <vector>

namespace sb {

// Runs `fn` on `target`'s thread and waits for it (directly when that is this thread).
template <typename Fn>
void runOn(QObject *target, Fn fn)
{
    if (target->thread() == QThread::currentThread())
        fn();
    else
        QMetaObject::invokeMethod(target, fn, Qt::BlockingQueuedConnection);
}

class HttpConnection;
class WsSession;

class Worker final : public QObject
{
    Q_OBJECT
public:
    Worker(int index, ServerContext &context);
    ~Worker() override;
    Q_DISABLE_COPY_MOVE(Worker)

    int index() const { return m_index; }
    ServerContext &context() { return m_ctx; }

    // Thread-safe: runs `fn` on this worker's thread, in posting order. Posts that arrive
    // before the worker gets to them share one queued event (one wake-up per batch).
    void post(std::function<void()> fn);

    // While one is alive on a thread, posts made there wake each worker once, when it ends,
    // instead of once per post: a writer delivering a committed batch of 400 messages wakes
    // the worker once, not 400 times (each a context switch on a shared core). Nestable.
    class PostBatch
    {
    public:
        PostBatch();
        ~PostBatch();
        Q_DISABLE_COPY_MOVE(PostBatch)

    private:
        friend class Worker;
        PostBatch *m_outer;
        std::vector<Worker *> m_wake;
    };
    // Thread-safe counts for snapshots.
    int sessionCount() const { return m_sessionCount.load(std::memory_order_relaxed); }
    int httpCount() const { return m_httpCount.load(std::memory_order_relaxed); }
    // Thread-safe: connections this worker serves or is about to adopt (for balancing).
    int load() const { return sessionCount() + httpCount() + m_incoming.load(std::memory_order_relaxed); }
    // How late this thread's one-second tick last ran, in ms: its event-loop latency.
    int loopLatencyMs() const { return m_loopLatencyMs.load(std::memory_order_relaxed); }

    // A connection accepted on this worker's thread: adopted here, or handed to a worker
    // with fewer connections (the kernel's accept queue does not balance by load).
    // `peer`: the address accept() gave.
    void accepted(int fd, const ClientAddress &peer, std::shared_ptr<const ListenerRuntime> listener);
    void acceptDescriptor(int fd, const ClientAddress &peer, std::shared_ptr<const ListenerRuntime> listener);
    // A stream takes the connection over (net/stream.h); `client`: who is behind the balancer
    // that connected. `gate`: whether its slot in the connection budget is to be taken,
    // already held (by a ProxyIntake), or not to be had (the answer is 503).
    enum class GateSlot { Take, Held, Full };
    void adopt(int fd, const ClientAddress &peer, std::shared_ptr<const ListenerRuntime> listener,
               const std::optional<ClientAddress> &client, GateSlot gate = GateSlot::Take);
    // Called by an HttpConnection that answered an upgrade with its 101: the endpoint's
    // session takes the stream over.
    void handOver(Stream *stream, SessionContext context, std::shared_ptr<WsEndpoint> endpoint);
    // A session's connection ended (its own thread): frees its limit slots; deleted later.
    void sessionFinished(quint64 id);
    void httpFinished(HttpConnection *connection, bool closeTcp);

    WsSession *session(quint64 id) const { return m_sessions.value(id); }
    // Fan-out to sessions of this worker: one frame (wsframe::frame), built once for all.
    void deliverFrame(const QList<quint64> &ids, const QByteArray &frame, wsframe::Opcode opcode, qsizetype payloadSize);
    // A session of this worker gathered output for its socket this turn: it is sent at the
    // turn's end (EpollDispatcher::setTurnEnd), one send() per socket however many messages.
    void deferFlush(WsSession *session);
    // Thread-safe: sends a UTF-8 text message to one session of this worker, if still open.
    void sendTo(quint64 sessionId, const QByteArray &utf8);

    // Close every session (code/reason) and let HTTP connections finish; emits drained()
    // once nothing is left.
    void beginShutdown(int code, const QString &reason);
    void abortAll();
    // Closes the connections of a listener (only those that came in on `runtime`, if given).
    void closeListener(int listenerId, int code, const QString &reason, const void *runtime = nullptr);
    // Closes the connections from other machines (the server now listens on its own only).
    void closeRemotePeers(int code, const QString &reason);
    // Closes the sessions (code, reason) and lets the HTTP connections finish for which
    // `match` (listener id, listener runtime, peer address) says so.
    using ConnectionMatch = std::function<bool(int listenerId, const void *runtime, const QHostAddress &peer)>;
    void closeWhere(const ConnectionMatch &match, int code, const QString &reason);
    // Closes the sessions opened with access these events end (1008, saying why).
    void endAccess(const QList<AccessEvent> &events);
    // Close one session by id; false if it is not on this worker.
    bool closeSession(quint64 id, int code, const QString &reason);
    // Thread-safe: the registry rows published at the last tick while someone observes.
    QList<ConnectionInfo> publishedConnections() const;

signals:
    void drained();

private:
    void drainMailbox();
    void flushOutputs();
    void tick();
    void publish();
    void checkDrained();

    int m_index;
    ServerContext &m_ctx;
    QTimer m_tick;
    QHash<quint64, WsSession *> m_sessions;
    std::vector<QPointer<WsSession>> m_toFlush;  // deferFlush(), until the turn ends
    bool m_turnEndSet = false;
    QSet<HttpConnection *> m_http;
    std::atomic<int> m_sessionCount{0};
    std::atomic<int> m_httpCount{0};
    std::atomic<int> m_incoming{0};  // handed over by another worker, not adopted yet
    std::atomic<int> m_loopLatencyMs{0};
    QElapsedTimer m_sinceTick;
    bool m_shuttingDown = false;
    bool m_trimHeap = false;  // a connection that held a lot of memory ended
    QMutex m_mailboxMutex;
    std::vector<std::function<void()>> m_mailbox;
    mutable QMutex m_publishedMutex;
    QList<ConnectionInfo> m_published;
};

}  // namespace sb
