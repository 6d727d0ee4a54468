#include "auditedadmin.h"

#include <QJsonDocument>

namespace sb {

namespace {

// Records `action` on `detail` once `future` says the change was made.
struct Recorder {
    Actor actor;
    AuditSink sink;

    template <typename T>
    QFuture<T> operator()(QFuture<T> future, const QString &action, const QString &detail) const
    {
        return future.then([actor = actor, sink = sink, action, detail](T result) {
            if (result.ok())
                sink({0, QDateTime::currentDateTimeUtc(), actor.who, actor.address, action, detail});
            return result;
        });
    }
};

QString coins(qint64 n)
{
    return QStringLiteral("%1 coins").arg(n);
}

class AuditedAccounts final : public AccountsAdmin
{
public:
    AuditedAccounts(AccountsAdmin &inner, Recorder r) : m(inner), rec(std::move(r)) {}
    QFuture<QList<UserInfo>> users() override { return m.users(); }
    QFuture<QList<ApiTokenInfo>> apiTokens() override { return m.apiTokens(); }
    QFuture<Result<UserInfo>> createUser(const QString &email, const QString &password, const QString &role, qint64 balance) override
    {
        return rec(m.createUser(email, password, role, balance), QStringLiteral("users.create"),
                   QStringLiteral("%1 (%2, %3)").arg(email, role, coins(balance)));
    }
    QFuture<Status> setRole(const QString &email, const QString &role) override
    {
        return rec(m.setRole(email, role), QStringLiteral("users.set_role"), QStringLiteral("%1 → %2").arg(email, role));
    }
    QFuture<Status> setDisabled(const QString &email, bool disabled) override
    {
        return rec(m.setDisabled(email, disabled), disabled ? QStringLiteral("users.disable") : QStringLiteral("users.enable"), email);
    }
    QFuture<Status> setBalance(const QString &email, qint64 balance) override
    {
        return rec(m.setBalance(email, balance), QStringLiteral("users.set_balance"), QStringLiteral("%1 → %2").arg(email, coins(balance)));
    }
    QFuture<Result<UserInfo>> addCoins(const QString &email, qint64 amount) override
    {
        return rec(m.addCoins(email, amount), QStringLiteral("users.add_coins"), QStringLiteral("%1 + %2").arg(email, coins(amount)));
    }
    QFuture<Result<QByteArray>> createApiToken(const QString &name, const QString &scope) override
    {
        return rec(m.createApiToken(name, scope), QStringLiteral("tokens.create"), QStringLiteral("%1 (%2)").arg(name, scope));
    }
    QFuture<Status> revokeApiToken(const QString &name) override
    {
        return rec(m.revokeApiToken(name), QStringLiteral("tokens.revoke"), name);
    }

private:
    AccountsAdmin &m;
    Recorder rec;
};

class AuditedChat final : public ChatAdmin
{
public:
    AuditedChat(ChatAdmin &inner, Recorder r) : m(inner), rec(std::move(r)) {}
    QFuture<QList<SmileInfo>> smiles() override { return m.smiles(); }
    QFuture<Result<SmileInfo>> addSmile(const QByteArray &image, const QString &name, qint64 price) override
    {
        return rec(m.addSmile(image, name, price), QStringLiteral("smiles.add"),
                   QStringLiteral("%1 (%2 bytes, %3)").arg(name).arg(image.size()).arg(coins(price)));
    }
    QFuture<Status> setSmilePrice(qint64 id, qint64 price) override
    {
        return rec(m.setSmilePrice(id, price), QStringLiteral("smiles.set_price"), QStringLiteral("smile %1 → %2").arg(id).arg(coins(price)));
    }
    QFuture<Status> removeSmile(qint64 id) override
    {
        return rec(m.removeSmile(id), QStringLiteral("smiles.remove"), QStringLiteral("smile %1").arg(id));
    }
    QFuture<QByteArray> smileImage(const QString &fileUuid) override { return m.smileImage(fileUuid); }

private:
    ChatAdmin &m;
    Recorder rec;
};

class AuditedFelix final : public FelixAdmin
{
public:
    AuditedFelix(FelixAdmin &inner, Recorder r) : m(inner), rec(std::move(r)) {}
    QFuture<QList<FelixDocument>> documents(bool guilds) override { return m.documents(guilds); }
    QFuture<Status> putDocument(bool guilds, const QString &id, const QJsonObject &doc) override
    {
        return rec(m.putDocument(guilds, id, doc), QStringLiteral("felix.put"),
                   QStringLiteral("%1 %2: %3").arg(guilds ? QStringLiteral("guild") : QStringLiteral("user"), id,
                                                   QString::fromUtf8(QJsonDocument(doc).toJson(QJsonDocument::Compact)).left(200)));
    }
    QFuture<Status> removeDocument(bool guilds, const QString &id) override
    {
        return rec(m.removeDocument(guilds, id), QStringLiteral("felix.remove"),
                   QStringLiteral("%1 %2").arg(guilds ? QStringLiteral("guild") : QStringLiteral("user"), id));
    }

private:
    FelixAdmin &m;
    Recorder rec;
};

class AuditedListeners final : public ListenersAdmin
{
public:
    AuditedListeners(ListenersAdmin &inner, Recorder r) : m(inner), rec(std::move(r)) {}
    QFuture<Status> startListener(int id) override
    {
        return rec(m.startListener(id), QStringLiteral("listeners.start"), QStringLiteral("listener %1").arg(id));
    }
    QFuture<Status> stopListener(int id) override
    {
        return rec(m.stopListener(id), QStringLiteral("listeners.stop"), QStringLiteral("listener %1").arg(id));
    }
    QFuture<Status> reconfigureListener(int id, int port, const std::optional<TlsFiles> &tls) override
    {
        return rec(m.reconfigureListener(id, port, tls), QStringLiteral("listeners.reconfigure"),
                   QStringLiteral("listener %1: port %2, %3").arg(id).arg(port).arg(tls ? QStringLiteral("TLS ") + tls->certificate
                                                                                     : QStringLiteral("no TLS")));
    }
    QFuture<Result<CertificateInfo>> createCertificate(int id) override
    {
        return rec(m.createCertificate(id), QStringLiteral("listeners.create_certificate"), QStringLiteral("listener %1").arg(id));
    }
    QFuture<Status> setListenAddress(const QString &address) override
    {
        return rec(m.setListenAddress(address), QStringLiteral("listeners.set_address"), address);
    }
    QFuture<Limits> limits(const QString &service) override { return m.limits(service); }
    QFuture<Status> setLimits(const QString &service, const Limits &limits) override
    {
        return rec(m.setLimits(service, limits), QStringLiteral("limits.set"),
                   QStringLiteral("%1: %2").arg(service.isEmpty() ? QStringLiteral("server-wide") : service,
                                                QString::fromUtf8(QJsonDocument(limits.toJson()).toJson(QJsonDocument::Compact))));
    }
    QFuture<Result<QString>> saveConfig() override { return rec(m.saveConfig(), QStringLiteral("config.save"), QString()); }

private:
    ListenersAdmin &m;
    Recorder rec;
};

}  // namespace

AuditedAdministration::AuditedAdministration(Administration &inner, Actor actor, AuditSink sink) : m_inner(inner)
{
    const Recorder r{std::move(actor), std::move(sink)};
    m_accounts = std::make_unique<AuditedAccounts>(inner.accounts(), r);
    m_chat = std::make_unique<AuditedChat>(inner.chat(), r);
    m_felix = std::make_unique<AuditedFelix>(inner.felix(), r);
    m_listeners = std::make_unique<AuditedListeners>(inner.listeners(), r);
}

AuditedAdministration::~AuditedAdministration() = default;

}  // namespace sb
