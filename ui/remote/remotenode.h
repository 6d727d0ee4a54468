#pragma once
// Another Switchboard node, watched and administered through its admin endpoint
// (docs/admin-api.md): the same Monitor and Administration the GUI uses for its own server,
// answered from what the node's streams brought last (Monitor) and by requests
// (Administration). Connects, says hello with the credentials, follows the snapshot stream,
// and reconnects with back-off when the connection is lost. No widgets: tests drive it under
// QCoreApplication.

#include "api/administration.h"
#include "api/monitor.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPromise>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include <deque>
#include <memory>

namespace sb::ui {

// Where a node's admin endpoint is and who we are there.
struct RemoteTarget {
    QUrl url;          // ws://host:8070 or wss://host:8070
    QString email;     // with password: a superuser's or an employee's login
    QString password;
    QString token;     // or an admin API token (or an access token from /auth/login)
    // A self-signed certificate to accept for wss://: its SHA-256 fingerprint, colon-separated
    // hex as `switchboardd cert generate` prints it.
    QByteArray trustedFingerprint;

    QString display() const { return url.host() + QLatin1Char(':') + QString::number(url.port(8070)); }
};

class RemoteNode final : public QObject, public Monitor, public Administration
{
    Q_OBJECT
public:
    enum class State { Disconnected, Connecting, Ready, Retrying, Refused };

    explicit RemoteNode(RemoteTarget target, QObject *parent = nullptr);
    ~RemoteNode() override;
    Q_DISABLE_COPY_MOVE(RemoteNode)

    void open();
    void close();
    State state() const { return m_state; }
    // What the state is, in words: "Connected to pi (alice@example.com)", "Lost: … — retrying in 4 s".
    QString stateText() const;
    QString lastError() const { return m_lastError; }
    const RemoteTarget &target() const { return m_target; }
    QString who() const { return m_who; }
    // The server's certificate fingerprint (SHA-256, colon-separated hex) after a wss://
    // handshake, or the one it presented when it was refused as untrusted.
    QByteArray peerFingerprint() const { return m_peerFingerprint; }
    // Records kept for captured() (the newest; older ones go), numbered here: a node's own
    // numbers start again when it restarts.
    static constexpr int kKeptRecords = 50'000;

    // ---- Monitor ----
    ServerSnapshot snapshot() const override { return m_snapshot; }
    QList<ListenerStatus> listeners() const override { return m_snapshot.listeners; }
    void setObserved(bool observed) override;
    QList<ConnectionInfo> connections() const override { return m_connections; }
    void closeConnection(quint64 id, int code, const QString &reason) override;
    void setCapture(const QString &service, bool on) override;
    bool capturing(const QString &service) const override { return m_snapshot.capturing.contains(service); }
    QList<CaptureRecord> captured(quint64 after, int max, quint64 *dropped = nullptr) const override;
    QList<PresenceNode> presence() const override;
    void setCaptureFilter(const CaptureFilter &filter) override;

    // ---- Administration ----
    AccountsAdmin &accounts() override { return *m_accounts; }
    ChatAdmin &chat() override { return *m_chat; }
    FelixAdmin &felix() override { return *m_felix; }
    ListenersAdmin &listeners() override { return *m_listenersAdmin; }
    AuditAdmin &audit() override { return *m_audit; }

    // One request of the admin API: its result, or why not.
    struct Reply {
        bool ok = false;
        QJsonValue result;
        QString error;
    };
    QFuture<Reply> request(const QString &op, const QJsonObject &args = {});

signals:
    void stateChanged();
    void snapshotUpdated();

private:
    void setState(State state, const QString &error = {});
    void onConnected();
    void onDisconnected();
    void onText(const QString &text);
    void onEvent(const QJsonObject &event);
    void send(qint64 id, const QString &op, const QJsonObject &args);
    void failPending(const QString &why);
    void resume();  // after hello: the streams asked for before

    RemoteTarget m_target;
    QWebSocket m_socket;
    State m_state = State::Disconnected;
    QString m_lastError;
    QString m_who;
    QByteArray m_peerFingerprint;
    bool m_untrusted = false;  // the last handshake failed on a certificate not trusted
    QTimer m_retry;
    int m_retryMs = 1000;
    qint64 m_nextId = 1;
    qint64 m_helloId = 0;
    QHash<qint64, std::shared_ptr<QPromise<Reply>>> m_pending;

    ServerSnapshot m_snapshot;
    QList<ConnectionInfo> m_connections;
    QList<PresenceNode> m_presence;
    std::deque<CaptureRecord> m_records;
    quint64 m_droppedBefore = 0;  // records the node did not send, counted into the next captured()
    mutable quint64 m_droppedReported = 0;
    bool m_observed = false;
    mutable bool m_wantPresence = false;
    CaptureFilter m_filter;
    quint64 m_lastRecordId = 0;   // the node's cursor: its last record id sent to us
    quint64 m_localRecordId = 0;  // what captured() numbers the records with

    std::unique_ptr<AccountsAdmin> m_accounts;
    std::unique_ptr<ChatAdmin> m_chat;
    std::unique_ptr<FelixAdmin> m_felix;
    std::unique_ptr<ListenersAdmin> m_listenersAdmin;
    std::unique_ptr<AuditAdmin> m_audit;
};

}  // namespace sb::ui
