#pragma once
// The pop client (seed 000, docs/pop.md), without widgets: log in (POST /auth/login on the
// accounts listener) or take a session id, authenticate on the pop socket (first message
// {"authorization": "Bearer <session id>"}), send the active group and typing state and
// receive the group's states, report view counts and hear the server's answer.
// PopClientWidget shows it; tests drive it directly (tests/clients/tst_popclient.cpp).

#include <QJsonObject>
#include <QList>
#include <functional>
#include <QObject>
#include <QUrl>

class QNetworkAccessManager;

namespace sb::ui {

class ClientSocket;

class PopClient final : public QObject
{
    Q_OBJECT
public:
    explicit PopClient(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(PopClient)

    // The pop listener, and the listener that serves /auth/login.
    void setServers(const QUrl &pop, const QUrl &accounts);
    // On success the session id is the access token, and the socket opens with it.
    void logIn(const QString &email, const QString &password);
    // false, with stateChanged saying why, when there is no session id.
    bool connectToServer(const QString &sessionId);
    void disconnectFromServer();
    // `group`: a number, a string, or null for none. false while not authenticated.
    bool sendState(const QJsonValue &group, bool typing);
    // Reads the content's total first (GET /view_counts), so that once the report is stored
    // viewsCounted can say how much of it the server counted (it clamps large reports).
    bool reportViews(const QString &contentId, int count);
    // This user's UUID (the user_id of their state echoes), from GET /me once the session is
    // known; empty before.
    QString userUuid() const { return m_userUuid; }

    bool authenticated() const { return m_authenticated; }
    QString sessionId() const { return m_sessionId; }
    ClientSocket *socket() const { return m_socket; }

signals:
    void stateChanged(const QString &text);  // a status line: login, connection, authentication
    void loggedIn(bool ok);
    void authenticatedChanged(bool ok);
    // Another member's (or this one's) state in the same group: user_id, active_group_id, is_typing.
    void stateReceived(const QJsonObject &state);
    void viewsAnswered(bool ok, const QString &detail);
    // After a stored report: how many of the `reported` views the total grew by.
    void viewsCounted(const QString &contentId, int reported, qint64 counted);
    void userUuidChanged();

private:
    void onMessage(const QString &text);
    void fetchMe();
    // GET /view_counts?ids=<id> on the pop listener; -1 when it cannot be read.
    void fetchTotal(const QString &contentId, std::function<void(qint64)> done);

    QUrl m_pop;
    QUrl m_accounts;
    QString m_sessionId;
    ClientSocket *m_socket;
    QNetworkAccessManager *m_http;
    bool m_authenticated = false;
    QString m_userUuid;
    struct PendingReport {
        QString contentId;
        int count = 0;
        qint64 before = -1;
    };
    QList<PendingReport> m_pending;  // sent, in order, until answered
};

}  // namespace sb::ui
