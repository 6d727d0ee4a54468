#include "localadmin.h"

#include "accounts/accountstore.h"
#include "admin/auditlog.h"
#include "net/tls.h"
#include "serverhost.h"
#include "services/chat/chatservice.h"
#include "services/chat/chatstore.h"
#include "services/felix/felixservice.h"

#include <QDir>
#include <QFile>
#include <QUuid>

namespace sb {

QStringList AccountsAdmin::roles()
{
    return AccountStore::roles();
}

// ---- accounts ------------------------------------------------------------------------------

namespace {

const QString kNotRunning = QStringLiteral("the server is not running");

// `work(*target)` on the work thread (right here without one), or `notRunning` at once when
// there is no target (the server or the service is not running).
template <typename Target, typename T, typename Work>
QFuture<T> runOn(Target *target, WorkThread *thread, T notRunning, Work work)
{
    if (!target)
        return readyFuture(std::move(notRunning));
    if (!thread)
        return readyFuture(work(*target));
    return thread->run([target, work = std::move(work)] { return work(*target); });
}

UserInfo info(const User &u)
{
    return {u.id, u.uuid, u.email, u.role, u.balance, u.disabled, u.createdAt};
}

// The store's error, naming what was not found.
QString userError(AccountStore::Error e, const QString &email)
{
    return e == AccountStore::Error::NotFound ? QStringLiteral("no user with email %1").arg(email) : AccountStore::describe(e);
}

}  // namespace

LocalAccountsAdmin::LocalAccountsAdmin(std::function<AccountStore *()> store, WorkThread *work)
    : m_store(std::move(store)), m_work(work)
{
}

template <typename T, typename Work>
QFuture<T> LocalAccountsAdmin::run(T notRunning, Work work)
{
    return runOn(m_store(), m_work, std::move(notRunning), std::move(work));
}

QFuture<QList<UserInfo>> LocalAccountsAdmin::users()
{
    return run(QList<UserInfo>{}, [](AccountStore &s) {
        QList<UserInfo> out;
        for (const User &u : s.users())
            out.append(info(u));
        return out;
    });
}

QFuture<QList<ApiTokenInfo>> LocalAccountsAdmin::apiTokens()
{
    return run(QList<ApiTokenInfo>{}, [](AccountStore &s) {
        QList<ApiTokenInfo> out;
        for (const ApiToken &t : s.apiTokens())
            out.append({t.id, t.name, t.scope, t.createdAt, t.revoked});
        return out;
    });
}

QFuture<Result<UserInfo>> LocalAccountsAdmin::createUser(const QString &email, const QString &password, const QString &role,
                                                         qint64 balance)
{
    return run(Result<UserInfo>::failed(kNotRunning), [=](AccountStore &s) {
        AccountStore::Error err = AccountStore::Error::None;
        const auto u = s.createUser(email, password, role, balance, &err);
        return u ? Result<UserInfo>::of(info(*u)) : Result<UserInfo>::failed(AccountStore::describe(err));
    });
}

QFuture<Status> LocalAccountsAdmin::setRole(const QString &email, const QString &role)
{
    return run(Status::failed(kNotRunning), [=](AccountStore &s) {
        AccountStore::Error err = AccountStore::Error::None;
        return s.setRole(email, role, &err) ? Status::done() : Status::failed(userError(err, email));
    });
}

QFuture<Status> LocalAccountsAdmin::setDisabled(const QString &email, bool disabled)
{
    return run(Status::failed(kNotRunning), [=](AccountStore &s) {
        AccountStore::Error err = AccountStore::Error::None;
        return s.setDisabled(email, disabled, &err) ? Status::done() : Status::failed(userError(err, email));
    });
}

QFuture<Status> LocalAccountsAdmin::setBalance(const QString &email, qint64 balance)
{
    return run(Status::failed(kNotRunning), [=](AccountStore &s) {
        AccountStore::Error err = AccountStore::Error::None;
        return s.setBalance(email, balance, &err) ? Status::done() : Status::failed(userError(err, email));
    });
}

QFuture<Result<UserInfo>> LocalAccountsAdmin::addCoins(const QString &email, qint64 amount)
{
    return run(Result<UserInfo>::failed(kNotRunning), [=](AccountStore &s) {
        const auto user = s.userByEmail(email);
        if (!user)
            return Result<UserInfo>::failed(userError(AccountStore::Error::NotFound, email));
        AccountStore::Error err = AccountStore::Error::None;
        const auto updated = s.addBalance(user->id, amount, &err);
        return updated ? Result<UserInfo>::of(info(*updated)) : Result<UserInfo>::failed(AccountStore::describe(err));
    });
}

QFuture<Result<QByteArray>> LocalAccountsAdmin::createApiToken(const QString &name, const QString &scope)
{
    return run(Result<QByteArray>::failed(kNotRunning), [=](AccountStore &s) {
        AccountStore::Error err = AccountStore::Error::None;
        const QByteArray token = s.createApiToken(name, scope, &err);
        return token.isEmpty() ? Result<QByteArray>::failed(AccountStore::describe(err)) : Result<QByteArray>::of(token);
    });
}

QFuture<Status> LocalAccountsAdmin::revokeApiToken(const QString &name)
{
    return run(Status::failed(kNotRunning), [=](AccountStore &s) {
        AccountStore::Error err = AccountStore::Error::None;
        if (s.revokeApiToken(name, &err))
            return Status::done();
        return Status::failed(err == AccountStore::Error::NotFound ? QStringLiteral("no active token named '%1'").arg(name)
                                                                   : AccountStore::describe(err));
    });
}

// ---- chat, felix, listeners -----------------------------------------------------------------

namespace {

// Asked on the host's thread at each call: the running service, or null.
template <typename T>
using Find = std::function<T *()>;

class LocalChatAdmin final : public ChatAdmin
{
public:
    LocalChatAdmin(Find<chat::ChatService> find, WorkThread &work) : m_find(std::move(find)), m_work(work) {}

    QFuture<QList<SmileInfo>> smiles() override
    {
        return run(QList<SmileInfo>{}, [](chat::ChatService &c) {
            QList<SmileInfo> out;
            for (const chat::Smile &s : c.store().smiles())
                out.append(SmileInfo{s.id, s.fileUuid, s.price});
            return out;
        });
    }
    QFuture<Result<SmileInfo>> addSmile(const QByteArray &image, const QString &name, qint64 price) override
    {
        return run(Result<SmileInfo>::failed(kNoChat), [=](chat::ChatService &c) {
            int code = 0;
            QString error;
            const auto smile = c.addSmile(image, name, price, 0, &code, &error);
            return smile ? Result<SmileInfo>::of({smile->id, smile->fileUuid, smile->price}) : Result<SmileInfo>::failed(error);
        });
    }
    QFuture<Status> setSmilePrice(qint64 id, qint64 price) override
    {
        if (price < 0)
            return readyFuture(Status::failed(QStringLiteral("a price is zero or more coins")));
        return run(Status::failed(kNoChat), [=](chat::ChatService &c) {
            return c.store().setSmilePrice(id, price) ? Status::done() : Status::failed(kNoSmile);
        });
    }
    QFuture<Status> removeSmile(qint64 id) override
    {
        return run(Status::failed(kNoChat), [=](chat::ChatService &c) {
            return c.store().retireSmile(id) ? Status::done() : Status::failed(kNoSmile);
        });
    }
    QFuture<QByteArray> smileImage(const QString &fileUuid) override
    {
        if (QUuid::fromString(fileUuid).isNull())
            return readyFuture(QByteArray());
        return run(QByteArray(), [=](chat::ChatService &c) {
            return c.store().readBytes(fileUuid).value_or(QByteArray());
        });
    }

private:
    inline static const QString kNoChat = QStringLiteral("the chat service is not running");
    inline static const QString kNoSmile = QStringLiteral("there is no such smile");

    template <typename T, typename Work>
    QFuture<T> run(T notRunning, Work work)
    {
        return runOn(m_find(), &m_work, std::move(notRunning), std::move(work));
    }

    Find<chat::ChatService> m_find;
    WorkThread &m_work;
};

class LocalFelixAdmin final : public FelixAdmin
{
public:
    LocalFelixAdmin(Find<felix::FelixService> find, WorkThread &work) : m_find(std::move(find)), m_work(work) {}

    QFuture<QList<FelixDocument>> documents(bool guilds) override
    {
        return run(QList<FelixDocument>{}, [=](felix::FelixStore &store) {
            QList<FelixDocument> out;
            for (const auto &d : store.list(kind(guilds)))
                out.append({d.first, d.second});
            return out;
        });
    }
    QFuture<Status> putDocument(bool guilds, const QString &id, const QJsonObject &doc) override
    {
        if (id.isEmpty() || id.size() > 128)
            return readyFuture(Status::failed(QStringLiteral("an id is 1 to 128 characters")));
        return run(Status::failed(kNoFelix), [=](felix::FelixStore &store) {
            return store.put(kind(guilds), id, doc) == felix::FelixStore::Result::StorageError
                ? Status::failed(QStringLiteral("the change could not be stored"))
                : Status::done();
        });
    }
    QFuture<Status> removeDocument(bool guilds, const QString &id) override
    {
        return run(Status::failed(kNoFelix), [=](felix::FelixStore &store) {
            switch (store.remove(kind(guilds), id)) {
            case felix::FelixStore::Result::NotFound: return Status::failed(QStringLiteral("there is no such document"));
            case felix::FelixStore::Result::StorageError: return Status::failed(QStringLiteral("the change could not be stored"));
            default: return Status::done();
            }
        });
    }

private:
    inline static const QString kNoFelix = QStringLiteral("the felix service is not running");
    static felix::Kind kind(bool guilds) { return guilds ? felix::Kind::Guild : felix::Kind::User; }

    template <typename T, typename Work>
    QFuture<T> run(T notRunning, Work work)
    {
        felix::FelixService *f = m_find();
        return runOn(f ? &f->store() : nullptr, &m_work, std::move(notRunning), std::move(work));
    }

    Find<felix::FelixService> m_find;
    WorkThread &m_work;
};

// The host's listener and limit calls are quick and belong on its thread: made there, at
// once. Only certificate generation (RSA keys) goes to the pool.
class LocalListenersAdmin final : public ListenersAdmin
{
public:
    LocalListenersAdmin(ServerHost &host, WorkThread &work) : m_host(host), m_work(work) {}

    QFuture<Status> startListener(int id) override
    {
        QString error;
        return readyFuture(m_host.startListener(id, &error) ? Status::done() : Status::failed(error));
    }
    QFuture<Status> stopListener(int id) override
    {
        m_host.stopListener(id);
        return readyFuture(Status::done());
    }
    QFuture<Status> reconfigureListener(int id, int port, const std::optional<TlsFiles> &tls) override
    {
        QString error;
        return readyFuture(m_host.reconfigureListener(id, port, tls, &error) ? Status::done() : Status::failed(error));
    }
    QFuture<Result<CertificateInfo>> createCertificate(int id) override
    {
        const QList<ListenerStatus> listeners = m_host.listeners();
        if (id < 0 || id >= listeners.size())
            return readyFuture(Result<CertificateInfo>::failed(QStringLiteral("there is no listener %1").arg(id)));
        const QString dir = QDir(m_host.config().dataDir).filePath(QStringLiteral("tls/") + listeners[id].services.join(QLatin1Char('-')));
        return m_work.run([dir, hosts = ServerHost::lanAddresses()] {
            QString error;
            const auto cert = generateSelfSigned(dir, hosts, &error);
            return cert ? Result<CertificateInfo>::of({cert->certificateFile, cert->keyFile, cert->sha256Fingerprint})
                        : Result<CertificateInfo>::failed(error);
        });
    }
    QFuture<Status> setListenAddress(const QString &address) override
    {
        QString error;
        return readyFuture(m_host.setListenAddress(address, &error) ? Status::done() : Status::failed(error));
    }
    QFuture<Limits> limits(const QString &service) override { return readyFuture(m_host.limits(service)); }
    QFuture<Status> setLimits(const QString &service, const Limits &limits) override
    {
        m_host.setLimits(service, limits);
        return readyFuture(Status::done());
    }
    QFuture<Result<QString>> saveConfig() override
    {
        QString error;
        const QString path = m_host.saveConfig(&error);
        return readyFuture(path.isEmpty() ? Result<QString>::failed(error) : Result<QString>::of(path));
    }

private:
    ServerHost &m_host;
    WorkThread &m_work;
};

class LocalAuditAdmin final : public AuditAdmin
{
public:
    LocalAuditAdmin(std::function<Database *()> database, WorkThread &work) : m_database(std::move(database)), m_work(work) {}
    QFuture<QList<AuditEntry>> entries(int max) override
    {
        return runOn(m_database(), &m_work, QList<AuditEntry>{}, [max](Database &db) { return AuditLog(db).latest(max); });
    }

private:
    std::function<Database *()> m_database;
    WorkThread &m_work;
};

}  // namespace

void LocalAdministration::record(const AuditEntry &entry)
{
    if (Database *db = m_host.runningDatabase())
        m_work.run([db, entry] { return AuditLog(*db).record(entry); });
}

LocalAdministration::LocalAdministration(ServerHost &host)
    // The host stops only after this thread is idle (waitForDone), so its database is there.
    : m_work(QStringLiteral("sb-admin"), [&host] { host.closeAdminConnection(); }), m_host(host)
{
    m_accounts = std::make_unique<LocalAccountsAdmin>([&host] { return host.runningAccounts(); }, &m_work);
    m_chat = std::make_unique<LocalChatAdmin>([&host] { return host.runningService<chat::ChatService>(); }, m_work);
    m_felix = std::make_unique<LocalFelixAdmin>([&host] { return host.runningService<felix::FelixService>(); }, m_work);
    m_listeners = std::make_unique<LocalListenersAdmin>(host, m_work);
    m_audit = std::make_unique<LocalAuditAdmin>([&host] { return host.runningDatabase(); }, m_work);
}

LocalAdministration::~LocalAdministration() = default;

}  // namespace sb
