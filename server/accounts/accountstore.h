#pragma once
// Users, access tokens, tickets and API tokens (SPEC §2). Thread-safe: every call uses the
// calling thread's database connection. Calls that hash passwords block for tens of ms.

#include <QDateTime>
#include <QString>
#include <QVariant>

#include <optional>

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
    QString scope;  // "private" or "public"
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
    std::optional<User> verifyLogin(const QString &email, const QString &password);  // blocking

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
    bool revokeAccessToken(const QByteArray &token);

    QByteArray issueTicket(qint64 userId);
    std::optional<User> redeemTicket(const QByteArray &ticket);  // single use

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
    bool updateUser(const char *column, const QVariant &value, const QString &email, Error *error);

    Database &m_db;
    int m_tokenTtlDays;
    int m_ticketTtl;
};

}  // namespace sb
