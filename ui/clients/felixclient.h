#pragma once
// The felix client (seed 002): a private API token in the Authorization header (a refusal
// — 403 — is shown as such), heartbeats (20001) on a timer or by hand with the 10001 answer
// laid out (shards, guilds, memory, uptime), a subscription editor (20002) and the live
// feed of guild and user updates (10002 / 10003).

#include <QJsonObject>
#include <QTimer>
#include <QUrl>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStandardItemModel;

namespace sb::ui {

class ClientSocket;

class FelixClientWidget final : public QWidget
{
    Q_OBJECT
public:
    explicit FelixClientWidget(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(FelixClientWidget)

    void setServer(const QUrl &base);
    void connectToServer();
    void disconnectFromServer();
    void sendHeartbeat();
    void subscribe();

    QLineEdit *token() const { return m_token; }
    QCheckBox *heartbeats() const { return m_heartbeats; }
    QLineEdit *guildIds() const { return m_guilds; }
    QLineEdit *userIds() const { return m_users; }
    QLabel *stateLabel() const { return m_state; }
    QLabel *statusSummary() const { return m_summary; }
    QStandardItemModel *shards() const { return m_shards; }
    QPlainTextEdit *feed() const { return m_feed; }
    ClientSocket *socket() const { return m_socket; }
    QJsonObject lastStatus() const { return m_lastStatus; }

signals:
    void statusReceived(const QJsonObject &data);
    void updateReceived(int code, const QJsonObject &data);

private:
    void buildSubscriptions(QWidget *split);  // ids, Subscribe, the feed of updates
    void onMessage(const QString &text);

    QUrl m_base;
    ClientSocket *m_socket;
    QTimer m_heartbeatTimer;
    QLineEdit *m_token;
    QPushButton *m_connect;
    QLabel *m_state;
    QCheckBox *m_heartbeats;
    QSpinBox *m_interval;
    QLabel *m_summary;
    QStandardItemModel *m_shards;
    QLineEdit *m_guilds;
    QLineEdit *m_users;
    QPlainTextEdit *m_feed;
    QJsonObject m_lastStatus;
};

}  // namespace sb::ui
