#pragma once
// One client of the admin endpoint (docs/admin-api.md): it says hello with credentials, then
// makes requests ({"id", "op", "args"} → {"id", "ok", "result" | "error"}) and receives the
// streams it asked for (snapshot, connections, presence, capture). Lives on the host thread,
// like the ServerHost it watches; what it sends is bounded (a client that does not read is
// sent less, never waited for).

#include "api/administration.h"
#include "api/monitor.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QWebSocket;

namespace sb {

class ServerHost;
struct ServerContext;

class AdminSession final : public QObject
{
    Q_OBJECT
public:
    AdminSession(QWebSocket *socket, ServerHost &host, ServerContext &ctx, QObject *parent);
    ~AdminSession() override;
    Q_DISABLE_COPY_MOVE(AdminSession)

    QHostAddress peer() const { return m_peer; }
    // Called by the endpoint's timer (every 100 ms): the streams' next part, and whether the
    // credentials still hold.
    void tick(qint64 nowMs);
    // Closes the socket (the session is deleted when it has closed).
    void close(int code, const QString &reason);

    // What may wait unsent to one admin client before streams skip what does not fit.
    static constexpr qint64 kMaxBacklogBytes = 4 * 1024 * 1024;

signals:
    void finished(AdminSession *session);

private:
    enum class State { AwaitingHello, Authenticating, Ready, Closing };
    struct Credential {
        enum Kind { Password, AccessToken, ApiToken } kind = Password;
        qint64 userId = 0;
        QByteArray token;
    };
    using Handler = std::function<void(AdminSession &, qint64 id, const QJsonObject &args)>;

    void onText(const QString &text);
    void hello(qint64 id, const QJsonObject &args);
    void helloWithPassword(qint64 id, const QString &email, const QString &password);
    void helloWithToken(qint64 id, const QByteArray &token);
    void admit(qint64 id, const QString &who, const QString &role, Credential credential);
    void refuse(qint64 id, const QString &why);
    // Empty while the credentials still allow administration, else why not.
    QString credentialProblem();
    void dispatch(qint64 id, const QString &op, const QJsonObject &args);
    static const QHash<QString, Handler> &handlers();
    static void addWatchingOps(QHash<QString, Handler> &table);
    static void addAccountOps(QHash<QString, Handler> &table);
    static void addChatAndFelixOps(QHash<QString, Handler> &table);
    static void addListenerOps(QHash<QString, Handler> &table);

    void send(const QJsonObject &message);
    void reply(qint64 id, const QJsonValue &result);
    void fail(qint64 id, const QString &error);
    void status(qint64 id, const Status &s);
    template <typename T>
    void later(qint64 id, const QFuture<T> &future, std::function<QJsonValue(const T &)> toResult);
    template <typename T>
    void laterResult(qint64 id, const QFuture<Result<T>> &future, std::function<QJsonValue(const T &)> toResult);
    void laterStatus(qint64 id, const QFuture<Status> &future);
    bool congested() const;

    void pushSnapshot();
    void pushConnections();
    void pushPresence();
    void pushCapture();
    void setWatchingConnections(bool on);

    QPointer<QWebSocket> m_socket;
    ServerHost &m_host;
    ServerContext &m_ctx;
    QHostAddress m_peer;
    State m_state = State::AwaitingHello;
    qint64 m_openedMs = 0;
    Credential m_credential;
    Actor m_actor;
    std::unique_ptr<Administration> m_admin;
    qint64 m_lastCheckMs = 0;
    // Streams.
    bool m_watchConnections = false;
    bool m_watchPresence = false;
    bool m_followCapture = false;
    CaptureFilter m_filter;
    quint64 m_captureAfter = 0;
    qint64 m_captureDropped = 0;  // not sent since the last capture message
    qint64 m_lastSnapshotMs = 0, m_lastConnectionsMs = 0, m_lastPresenceMs = 0;
    qint64 m_skipped = 0;  // stream messages not sent for lack of room, since the last one sent
};

}  // namespace sb
