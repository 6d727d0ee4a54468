#pragma once

#include "net/access.h"
// Users, access tokens, tickets and API tokens (docs/configuration.md, "HTTP API"). Thread-safe: every call uses the
// calling thread's database connection. Calls that hash passwords block for tens of ms.

#include <QDateTime>
#include <QString>
#include <QVariant>

#include <functional>
#include <optional>

class QSqlDatabase;

namespace sb {

class Database;

struct User {
    qint64 id = 0;
    QString uuid;
    QString email;
    QString role;
    qint64 balance = 0;
    bool disabled = false;
    QDateTime createdAt;
};

struct ApiToken {
    qint64 id = 0;
    QString name;
    QString scope;  // "private", "public" (felix bots) or "admin" (the admin endpoint)
    QDateTime createdAt;
    bool revoked = false;
};

class AccountStore final
{
public:
    enum class Error { None, InvalidEmail, InvalidPassword, InvalidRole, InvalidBalance, EmailTaken, NotFound, NameTaken, Storage };

    AccountStore(Database &db, int tokenTtlDays, int ticketTtlSeconds);
    Q_DISABLE_COPY_MOVE(AccountStore)

    static QStringList roles();
    static bool isValidEmail(const QString &email);

    // Blocking (Argon2id). Password rules: non-empty, at most 1024 characters.
    std::optional<User> createUser(const QString &email, const QString &password, const QString &role,
                                   qint64 balance, Error *error);
    // Blocking. `unavailable` (optional): set when the database could not be asked.
    std::optional<User> verifyLogin(const QString &email, const QString &password, bool *unavailable = nullptr);

    std::optional<User> userById(qint64 id);
    std::optional<User> userByEmail(const QString &email);
    QList<User> users();
    bool setBalance(const QString &email, qint64 balance, Error *error);
    bool setRole(const QString &email, const QString &role, Error *error);
    // A disabled user cannot log in, their access tokens stop working and they leave the
    // member list; nothing of theirs is deleted.
    bool setDisabled(const QString &email, bool disabled, Error *error);
    // Adds coins (amount > 0) in one statement; returns the updated user.
    std::optional<User> addBalance(qint64 userId, qint64 amount, Error *error);

    QString issueAccessToken(qint64 userId);  // UUID-shaped, empty on storage failure
    std::optional<User> userForAccessToken(const QByteArray &token);
    // Revokes the token and every ticket issued with it.
    bool revokeAccessToken(const QByteArray &token);
    // What identifies an access token in access events and on sessions (never the token).
    static QByteArray accessTokenDigest(const QByteArray &token);

    // A ticket lives no longer than the access token it was issued with.
    QByteArray issueTicket(qint64 userId, const QByteArray &accessToken);
    // Single use. `accessTokenDigest` receives the issuing token's digest.
    std::optional<User> redeemTicket(const QByteArray &ticket, QByteArray *accessTokenDigest = nullptr);

    // Access events (logout, disable, role change, API token revocation), oldest first.
    qint64 lastAccessEventId();
    QList<AccessEvent> accessEventsAfter(qint64 id);
    // Called (on the thread that made the change) after an access event was recorded here.
    void setAccessChangeHandler(std::function<void()> handler) { m_onAccessChange = std::move(handler); }

    // API tokens: the token is returned once; only its digest is stored.
    QByteArray createApiToken(const QString &name, const QString &scope, Error *error);
    bool revokeApiToken(const QString &name, Error *error);
    std::optional<ApiToken> apiTokenFor(const QByteArray &token);  // not revoked
    QList<ApiToken> apiTokens();

    int ticketTtlSeconds() const { return m_ticketTtl; }
    int tokenTtlDays() const { return m_tokenTtlDays; }
    static QString describe(Error e);

private:
    // One column of the user with this email; `column` is a literal of ours, never input.
    // With `event`, an access event of that kind for the user is recorded in the same
    // transaction.
    bool updateUser(const char *column, const QVariant &value, const QString &email, Error *error,
                    std::optional<AccessEvent::Kind> event = std::nullopt);
    bool recordAccessEvent(QSqlDatabase &db, AccessEvent::Kind kind, qint64 userId, const QByteArray &tokenDigest, qint64 apiTokenId);
    void accessChanged();

    Database &m_db;
    int m_tokenTtlDays;
    int m_ticketTtl;
    std::function<void()> m_onAccessChange;
};

}  // namespace sb
