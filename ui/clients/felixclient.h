#pragma once
// The felix client (seed 002, docs/felix.md), without widgets: a private API token in the
// Authorization header (a refusal, 403, is said as such and not retried), heartbeats (20001)
// on a timer or by hand with their 10001 answer, a subscription (20002) that is sent again
// after a reconnect, and the guild and user updates (10002 / 10003).
// FelixClientWidget shows it; tests drive it directly (tests/clients/tst_felixclient.cpp).

#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QUrl>

namespace sb::ui {

class ClientSocket;

class FelixClient final : public QObject
{
    Q_OBJECT
public:
    explicit FelixClient(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(FelixClient)

    // Also where an open or reconnecting socket goes next (the server moved).
    void setServer(const QUrl &base);
    void connectToServer(const QString &token);
    void disconnectFromServer();
    // Heartbeats every `ms` while connected (and one on connecting); 0: only by hand.
    void setHeartbeatInterval(int ms);
    // false while not connected.
    bool sendHeartbeat();
    // Replaces what this connection listens to; false while not connected.
    bool subscribe(const QStringList &guildIds, const QStringList &userIds);

    ClientSocket *socket() const { return m_socket; }
    QJsonObject lastStatus() const { return m_lastStatus; }

signals:
    void stateChanged(const QString &text);  // the connection in words
    void statusReceived(const QJsonObject &data);
    // 10002 (guild) or 10003 (user): its id and document (null: deleted).
    void updateReceived(int code, const QString &id, const QJsonValue &document);
    void otherMessage(const QString &text);  // anything the seed does not define

private:
    void onMessage(const QString &text);

    QUrl m_base;
    ClientSocket *m_socket;
    QTimer m_heartbeatTimer;
    int m_heartbeatMs = 0;
    QStringList m_guilds;
    QStringList m_users;
    QJsonObject m_lastStatus;
};

}  // namespace sb::ui
