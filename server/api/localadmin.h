#pragma once
// The embedded administration: administration.h's calls on this process's server. Blocking
// work (the database, Argon2id, files, certificates) runs on a thread of its own; the
// listener calls run at once on the host's thread, where they must be made.

#include "administration.h"
#include "async.h"

#include <functional>
#include <memory>

namespace sb {

class AccountStore;
class ServerHost;

// Accounts over a store: the server's while it runs, or the one `switchboardd user …` opens
// on the data directory.
class LocalAccountsAdmin final : public AccountsAdmin
{
public:
    // `store` is asked on the calling thread at each call; null: the server is not running.
    // The work runs on `work`, or right away on the calling thread when there is none (a
    // command-line tool that has nothing else to do).
    LocalAccountsAdmin(std::function<AccountStore *()> store, WorkThread *work);

    QFuture<QList<UserInfo>> users() override;
    QFuture<QList<ApiTokenInfo>> apiTokens() override;
    QFuture<Result<UserInfo>> createUser(const QString &email, const QString &password, const QString &role,
                                         qint64 balance) override;
    QFuture<Status> setRole(const QString &email, const QString &role) override;
    QFuture<Status> setDisabled(const QString &email, bool disabled) override;
    QFuture<Status> setBalance(const QString &email, qint64 balance) override;
    QFuture<Result<UserInfo>> addCoins(const QString &email, qint64 amount) override;
    QFuture<Result<QByteArray>> createApiToken(const QString &name, const QString &scope) override;
    QFuture<Status> revokeApiToken(const QString &name) override;

private:
    // Runs `work(store)` on the work thread, or answers `notRunning` at once.
    template <typename T, typename Work>
    QFuture<T> run(T notRunning, Work work);

    std::function<AccountStore *()> m_store;
    WorkThread *m_work;
};

class LocalAdministration final : public Administration
{
public:
    explicit LocalAdministration(ServerHost &host);
    ~LocalAdministration() override;
    Q_DISABLE_COPY_MOVE(LocalAdministration)

    AccountsAdmin &accounts() override { return *m_accounts; }
    ChatAdmin &chat() override { return *m_chat; }
    FelixAdmin &felix() override { return *m_felix; }
    ListenersAdmin &listeners() override { return *m_listeners; }
    AuditAdmin &audit() override { return *m_audit; }

    // Writes an entry to the audit log (on the administration's thread, in order with the
    // calls before it); nothing while the server is not running. Any thread.
    void record(const AuditEntry &entry);

    // Lets what was started finish: the host calls it before it takes the services down.
    void waitForDone() { m_work.waitForDone(); }

private:
    WorkThread m_work;
    std::unique_ptr<AccountsAdmin> m_accounts;
    std::unique_ptr<ChatAdmin> m_chat;
    std::unique_ptr<FelixAdmin> m_felix;
    std::unique_ptr<ListenersAdmin> m_listeners;
    std::unique_ptr<AuditAdmin> m_audit;
    ServerHost &m_host;
};

}  // namespace sb
