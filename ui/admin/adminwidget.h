#pragma once
// Administration of users (create, role, coins, disable) and API tokens (create — shown
// once —, revoke), through the node's AccountsAdmin: every call is asynchronous and its
// answer comes back to the GUI thread; the GUI never blocks.

#include <QTimer>
#include <QWidget>

class QLabel;
class QTableWidget;

namespace sb {
class AccountsAdmin;
}

namespace sb::ui {

class AdminWidget final : public QWidget
{
    Q_OBJECT
public:
    explicit AdminWidget(AccountsAdmin &accounts, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(AdminWidget)

    void refresh();
    void createUser(const QString &email, const QString &password, const QString &role, qint64 balance);
    void setRole(const QString &email, const QString &role);
    void addCoins(const QString &email, qint64 amount);
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

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    // Shows an administrative call's outcome, then reloads the tables.
    void report(const QString &message);
    void userDialog();
    void tokenDialog();
    void showToken(const QString &name, const QString &token);

    AccountsAdmin &m_accounts;
    QTableWidget *m_users;
    QTableWidget *m_tokens;
    QLabel *m_message;
    quint64 m_refreshSerial = 0;
    // While on screen the lists are read again every few seconds: a member who registers
    // shows up without a click. A poll that finds nothing new leaves the tables alone.
    static constexpr int kPollMs = 3000;
    QTimer m_poll;
    QList<QStringList> m_userRows, m_tokenRows;
    bool m_usersRead = false, m_tokensRead = false;
};

}  // namespace sb::ui
