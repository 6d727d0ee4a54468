#pragma once
// The front door for one accepted TCP (or TLS) connection, on its worker thread: reads the
// request head without consuming it (size and time limits), routes it, then either serves
// HTTP/1.1 (keep-alive, Content-Length and chunked bodies) or validates a WebSocket upgrade
// and answers it (the 101), then hands the socket to the worker's session.

#include "wire/chunkeddecoder.h"
#include "wire/httpmessage.h"
#include "proxyintake.h"
#include "router.h"
#include "wsendpoint.h"

#include <QObject>
#include <QBasicTimer>

#include <memory>
#include <optional>

namespace sb {

struct ListenerRuntime;
class Stream;
class Worker;

class HttpConnection final : public QObject
{
    Q_OBJECT
public:
    HttpConnection(Stream *socket, std::shared_ptr<const ListenerRuntime> listener, Worker &worker);
    ~HttpConnection() override;
    Q_DISABLE_COPY_MOVE(HttpConnection)

    void start();
    int listenerId() const;
    const void *listenerRuntime() const { return m_listener.get(); }
    // The client's address: its balancer's PROXY header's when it came through one.
    QHostAddress peerAddress() const;
    void setClient(const ClientAddress &client) { m_client = client; }
    // Finishes an in-flight response, then closes; closes at once when idle.
    void shutdownGracefully();
    void abort();

    // Used by HttpResponder: answers request `serial` (ignored if it is not the current one).
    void respond(quint64 serial, HttpResponse response);
    // Turns the answer to request `serial` into an open-ended stream (Server-Sent Events):
    // the head goes out now, without a length; the body is whatever streamWrite() sends
    // until either side closes. False if `serial` is not the current request.
    bool startStream(quint64 serial, HttpResponse head);
    void streamWrite(const QByteArray &data);
    quint64 currentSerial() const { return m_serial; }
    Worker &worker() const { return m_worker; }

private:
    // A handler (or an endpoint admitting an upgrade) that never answers must not pin the socket.
    static constexpr int kHandlerDeadlineMs = 5 * 60 * 1000;
    enum class State { Head, Body, Handling, Streaming, Closing, Handed };

    void onReadyRead();
    void process();
    void onTimeout();
    void arm(int ms);
    void timerEvent(QTimerEvent *event) override;
    void onDisconnected();
    bool parseHead();
    void beginBody();
    bool readBody();
    void dispatch();
    void handleUpgrade(int headLength);
    void completeUpgrade(WsAdmission admission);
    void refuse(int status, const QByteArray &code, const QString &detail, const QByteArray &metric,
                QList<QPair<QByteArray, QByteArray>> extraHeaders = {});
    void write(HttpResponse response);
    void finish(bool closeTcp);
    // Bytes waiting for the peer; past the send queue limit the next pipelined request waits
    // (and an event stream is closed) until it reads.
    qint64 queuedBytes() const;
    bool waitForDrain();
    void onDrained();

    Stream *m_socket;
    std::optional<ClientAddress> m_client;
    std::shared_ptr<const ListenerRuntime> m_listener;
    Worker &m_worker;
    QBasicTimer m_timer;
    State m_state = State::Head;
    HttpRequest m_request;
    const HttpRoute *m_route = nullptr;
    QString m_service;
    qint64 m_bodyLeft = 0;
    std::unique_ptr<ChunkedDecoder> m_chunked;
    struct PendingUpgrade {
        std::shared_ptr<WsEndpoint> endpoint;
        QString service;
        QHash<QString, QString> params;
        Limits limits;  // read once, when the upgrade arrived
        int headLength = 0;
    } m_pendingUpgrade;
    quint64 m_serial = 0;
    quint64 m_id = 0;  // for the capture ring
    int m_served = 0;
    bool m_headStarted = false;
    bool m_keepAlive = true;
    bool m_shutdown = false;
    bool m_finished = false;
    bool m_waitingDrain = false;  // responses queued past the limit: the next request waits
};

}  // namespace sb
