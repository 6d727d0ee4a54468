#pragma once
// Administration of a Switchboard node, by area, as asynchronous calls: each returns a
// QFuture the caller continues with `future.then(context, …)` and never blocks on. The GUI,
// the `switchboardd` subcommands and the remote admin API all go through these; the
// embedded implementations are in localadmin.h (docs/architecture.md, "Administration
// and monitoring"). Errors are sentences a user can act on ("no user with email a@b").

#include "types.h"
#include "config.h"

#include <QFuture>
#include <QStringList>

#include <optional>

namespace sb {

class AccountsAdmin
{
public:
    virtual ~AccountsAdmin() = default;
    static QStringList roles();  // superuser, employee, premium, member

    virtual QFuture<QList<UserInfo>> users() = 0;
    virtual QFuture<QList<ApiTokenInfo>> apiTokens() = 0;
    // The password is hashed with Argon2id (tens of ms).
    virtual QFuture<Result<UserInfo>> createUser(const QString &email, const QString &password, const QString &role,
                                                 qint64 balance) = 0;
    // A role change takes effect on the user's next chat message.
    virtual QFuture<Status> setRole(const QString &email, const QString &role) = 0;
    // A disabled user cannot log in and their open sockets close (1008); nothing is deleted.
    virtual QFuture<Status> setDisabled(const QString &email, bool disabled) = 0;
    virtual QFuture<Status> setBalance(const QString &email, qint64 balance) = 0;
    // Adds coins (amount > 0) in one statement; the user as it is afterwards.
    virtual QFuture<Result<UserInfo>> addCoins(const QString &email, qint64 amount) = 0;
    // The token itself, shown once: only its digest is kept.
    virtual QFuture<Result<QByteArray>> createApiToken(const QString &name, const QString &scope) = 0;
    // What the token opened closes (1008).
    virtual QFuture<Status> revokeApiToken(const QString &name) = 0;
};

class ChatAdmin
{
public:
    virtual ~ChatAdmin() = default;
    virtual QFuture<QList<SmileInfo>> smiles() = 0;
    // A PNG, JPEG, GIF or WebP image (checked by its bytes), at most the chat file limit.
    virtual QFuture<Result<SmileInfo>> addSmile(const QByteArray &image, const QString &name, qint64 price) = 0;
    virtual QFuture<Status> setSmilePrice(qint64 id, qint64 price) = 0;
    // Gone from the grid; old messages keep it.
    virtual QFuture<Status> removeSmile(qint64 id) = 0;
    virtual QFuture<QByteArray> smileImage(const QString &fileUuid) = 0;
};

class FelixAdmin
{
public:
    virtual ~FelixAdmin() = default;
    // Guild (guilds = true) or user documents. A change is pushed to the sockets that
    // listen to that id, as a REST change is.
    virtual QFuture<QList<FelixDocument>> documents(bool guilds) = 0;
    virtual QFuture<Status> putDocument(bool guilds, const QString &id, const QJsonObject &doc) = 0;
    virtual QFuture<Status> removeDocument(bool guilds, const QString &id) = 0;
};

class ListenersAdmin
{
public:
    virtual ~ListenersAdmin() = default;
    virtual QFuture<Status> startListener(int id) = 0;
    virtual QFuture<Status> stopListener(int id) = 0;
    // Port (0: any free one) and TLS (none: plain http/ws). A running listener restarts; a
    // change that cannot be applied (a busy port, a bad certificate) changes nothing.
    virtual QFuture<Status> reconfigureListener(int id, int port, const std::optional<TlsFiles> &tls) = 0;
    // A self-signed certificate for the listener (in the data directory's tls/ folder) that
    // names this node's LAN addresses; not yet in use (reconfigureListener puts it in use).
    virtual QFuture<Result<CertificateInfo>> createCertificate(int id) = 0;
    // "any", "localhost" or an IP: every running listener is rebound.
    virtual QFuture<Status> setListenAddress(const QString &address) = 0;
    // The limits in force for a service ("": server-wide). A change applies to connections
    // and requests that start after it; server-wide, only what applies before a request is
    // routed changes (heads, keep-alive, HTTP send queue): the rest is each service's.
    virtual QFuture<Limits> limits(const QString &service) = 0;
    virtual QFuture<Status> setLimits(const QString &service, const Limits &limits) = 0;
    // Writes the settings in force to the data directory's config.json; its path.
    virtual QFuture<Result<QString>> saveConfig() = 0;
};

class AuditAdmin
{
public:
    virtual ~AuditAdmin() = default;
    // The latest administrative changes, newest first, at most `max`.
    virtual QFuture<QList<AuditEntry>> entries(int max) = 0;
};

// Who makes the changes through an Administration (written to the audit log).
struct Actor {
    QString who;      // "alice@example.com", "token ops-laptop", "desktop app"
    QString address;  // the peer's address, or "this computer"
};

// Every area of one node.
class Administration
{
public:
    virtual ~Administration() = default;
    virtual AccountsAdmin &accounts() = 0;
    virtual ChatAdmin &chat() = 0;
    virtual FelixAdmin &felix() = 0;
    virtual ListenersAdmin &listeners() = 0;
    virtual AuditAdmin &audit() = 0;
};

}  // namespace sb
