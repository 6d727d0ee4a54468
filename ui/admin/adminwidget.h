#pragma once
// Administration of the embedded server: users (create, role, coins) and API tokens
// (create — shown once —, revoke). Every store call runs on a thread pool (passwords are
// hashed with Argon2id), results come back to the GUI thread; the GUI never blocks.

#include <QThreadPool>
#include <QWidget>

class QLabel;
class QTableWidget;

namespace sb {
class ServerHost;
}

namespace sb::ui {

class AdminWidget final : public QWidget
{
    Q_OBJECT
public:
    explicit AdminWidget(ServerHost &host, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(AdminWidget)

    void refresh();
    void createUser(const QString &email, const QString &password, const QString &role, qint64 balance);
    void setRole(const QString &email, const QString &role);
    void addCoins(qint64 userId, qint64 amount);
    void setDisabled(const QString &email, bool disabled);
    void createToken(const QString &name, const QString &scope);
    void revokeToken(const QString &name);

    QTableWidget *users() const { return m_users; }
    QTableWidget *tokens() const { return m_tokens; }
    QString lastMessage() const;

signals:
    // A new API token, to show once (the dialog does; tests read it here).
    void tokenCreated(const QString &name, const QString &token);
    void finished(const QString &message);

private:
    // Runs `work` off the GUI thread; its message is shown, then the tables refresh.
    void run(std::function<QString()> work);
    void userDialog();
    void tokenDialog();
    void showToken(const QString &name, const QString &token);
    bool serverRunning();

    ServerHost &m_host;
    QTableWidget *m_users;
    QTableWidget *m_tokens;
    QLabel *m_message;
    quint64 m_refreshSerial = 0;
    // Store calls run here, not on the global pool: the pool's destructor waits for them, so
    // none outlives this widget (and with it the server it talks to).
    QThreadPool m_pool;
};

}  // namespace sb::ui
