#pragma once
// The felix client's panel: a FelixClient shown — the token, heartbeats on a timer or by hand
// with the 10001 answer laid out (shards, guilds, memory, uptime), a subscription editor
// (20002) and the live feed of guild and user updates (10002 / 10003).

#include <QJsonObject>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStandardItemModel;

namespace sb::ui {

class FelixClient;

class FelixClientWidget final : public QWidget
{
    Q_OBJECT
public:
    explicit FelixClientWidget(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(FelixClientWidget)

    FelixClient *client() const { return m_client; }
    // With what the panel holds.
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

private:
    void buildSubscriptions(QWidget *split);  // ids, Subscribe, the feed of updates
    void connectClient();
    void showStatus(const QJsonObject &data);
    void addFeed(const QString &line);

    FelixClient *m_client;
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
};

}  // namespace sb::ui
