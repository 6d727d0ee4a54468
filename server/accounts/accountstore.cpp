#include "accountstore.h"

#include "logging.h"
#include "secrets.h"
#include "store/database.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace sb {

namespace {

User readUser(const QSqlQuery &q)
{
    User u;
    u.id = q.value(0).toLongLong();
    u.uuid = q.value(1).toString();
    u.email = q.value(2).toString();
    u.role = q.value(3).toString();
    u.balance = q.value(4).toLongLong();
    u.disabled = q.value(5).toBool();
    u.createdAt = QDateTime::fromString(q.value(6).toString(), Qt::ISODateWithMs);
    return u;
}

const QString kUserColumns = QStringLiteral("id, uuid, email, role, balance, disabled, created_at");

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

}  // namespace

AccountStore::AccountStore(Database &db, int tokenTtlDays, int ticketTtlSeconds)
    : m_db(db), m_tokenTtlDays(tokenTtlDays), m_ticketTtl(ticketTtlSeconds)
{
    secrets::initialize();
}

QStringList AccountStore::roles()
{
    return {QStringLiteral("superuser"), QStringLiteral("employee"), QStringLiteral("premium"), QStringLiteral("member")};
}

bool AccountStore::isValidEmail(const QString &email)
{
    static const QRegularExpression re(QStringLiteral("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$"));
    return email.size() <= 254 && re.match(email).hasMatch();
}

QString AccountStore::describe(Error e)
{
    switch (e) {
    case Error::None: return QStringLiteral("ok");
    case Error::InvalidEmail: return QStringLiteral("malformed email address");
    case Error::InvalidPassword: return QStringLiteral("password must not be empty (at most 1024 characters)");
    case Error::InvalidRole: return QStringLiteral("role must be one of: %1").arg(roles().join(QStringLiteral(", ")));
    case Error::InvalidBalance: return QStringLiteral("balance must be a whole number of coins, zero or more");
    case Error::EmailTaken: return QStringLiteral("a user with this email already exists");
    case Error::NotFound: return QStringLiteral("not found");
    case Error::NameTaken: return QStringLiteral("a token with this name already exists");
    case Error::Storage: return QStringLiteral("storage error");
    }
    return {};
}

std::optional<User> AccountStore::createUser(const QString &email, const QString &password, const QString &role,
                                             qint64 balance, Error *error)
{
    const QString e = email.trimmed();
    if (!isValidEmail(e)) {
        *error = Error::InvalidEmail;
        return std::nullopt;
    }
    if (password.isEmpty() || password.size() > 1024) {
        *error = Error::InvalidPassword;
        return std::nullopt;
    }
    if (!roles().contains(role)) {
        *error = Error::InvalidRole;
        return std::nullopt;
    }
    if (balance < 0) {
        *error = Error::InvalidBalance;
        return std::nullopt;
    }
    if (userByEmail(e)) {  // cheap early answer; the UNIQUE constraint decides races
        *error = Error::EmailTaken;
        return std::nullopt;
    }
    const QByteArray hash = secrets::hashPassword(password);
    if (hash.isEmpty()) {
        *error = Error::Storage;
        return std::nullopt;
    }
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO users (uuid, email, password_hash, role, balance, created_at) VALUES (?,?,?,?,?,?)"));
    const QString created = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    q.addBindValue(secrets::randomUuid());
    q.addBindValue(e);
    q.addBindValue(QString::fromLatin1(hash));
    q.addBindValue(role);
    q.addBindValue(balance);
    q.addBindValue(created);
    if (!q.exec()) {
        const QString text = q.lastError().text();
        *error = text.contains(QLatin1String("UNIQUE"), Qt::CaseInsensitive) ? Error::EmailTaken : Error::Storage;
        if (*error == Error::Storage)
            qCWarning(lcAccounts) << "create user failed:" << text;
        return std::nullopt;
    }
    *error = Error::None;
    return userById(q.lastInsertId().toLongLong());
}

std::optional<User> AccountStore::verifyLogin(const QString &email, const QString &password)
{
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT password_hash, id, disabled FROM users WHERE email = ?"));
    q.addBindValue(email.trimmed());
    if (!q.exec() || !q.next()) {
        secrets::burnVerification(password);
        return std::nullopt;
    }
    const QByteArray hash = q.value(0).toString().toLatin1();
    const qint64 id = q.value(1).toLongLong();
    const bool disabled = q.value(2).toBool();
    q.finish();
    if (!secrets::verifyPassword(password, hash) || disabled)
        return std::nullopt;
    return userById(id);
}

std::optional<User> AccountStore::userById(qint64 id)
{
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT %1 FROM users WHERE id = ?").arg(kUserColumns));
    q.addBindValue(id);
    if (q.exec() && q.next())
        return readUser(q);
    return std::nullopt;
}

std::optional<User> AccountStore::userByEmail(const QString &email)
{
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT %1 FROM users WHERE email = ?").arg(kUserColumns));
    q.addBindValue(email.trimmed());
    if (q.exec() && q.next())
        return readUser(q);
    return std::nullopt;
}

QList<User> AccountStore::users()
{
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    QList<User> out;
    if (q.exec(QStringLiteral("SELECT %1 FROM users ORDER BY id").arg(kUserColumns))) {
        while (q.next())
            out.append(readUser(q));
    }
    return out;
}

bool AccountStore::updateUser(const char *column, const QVariant &value, const QString &email, Error *error)
{
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE users SET %1 = ? WHERE email = ?").arg(QLatin1String(column)));
    q.addBindValue(value);
    q.addBindValue(email.trimmed());
    if (!q.exec()) {
        *error = Error::Storage;
        return false;
    }
    *error = q.numRowsAffected() == 1 ? Error::None : Error::NotFound;
    return *error == Error::None;
}

bool AccountStore::setBalance(const QString &email, qint64 balance, Error *error)
{
    if (balance < 0) {
        *error = Error::InvalidBalance;
        return false;
    }
    return updateUser("balance", balance, email, error);
}

bool AccountStore::setRole(const QString &email, const QString &role, Error *error)
{
    if (!roles().contains(role)) {
        *error = Error::InvalidRole;
        return false;
    }
    return updateUser("role", role, email, error);
}

bool AccountStore::setDisabled(const QString &email, bool disabled, Error *error)
{
    return updateUser("disabled", disabled ? 1 : 0, email, error);
}

std::optional<User> AccountStore::addBalance(qint64 userId, qint64 amount, Error *error)
{
    if (amount <= 0) {
        *error = Error::InvalidBalance;
        return std::nullopt;
    }
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE users SET balance = balance + ? WHERE id = ?"));
    q.addBindValue(amount);
    q.addBindValue(userId);
    if (!q.exec()) {
        *error = Error::Storage;
        return std::nullopt;
    }
    if (q.numRowsAffected() != 1) {
        *error = Error::NotFound;
        return std::nullopt;
    }
    *error = Error::None;
    return userById(userId);
}

QString AccountStore::issueAccessToken(qint64 userId)
{
    const QString token = secrets::randomUuid();
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO access_tokens (token_hash, user_id, created_at, expires_at) VALUES (?,?,?,?)"));
    const qint64 now = nowMs();
    q.addBindValue(secrets::tokenDigest(token.toLatin1()));
    q.addBindValue(userId);
    q.addBindValue(now);
    q.addBindValue(now + qint64(m_tokenTtlDays) * 86'400'000);
    if (!q.exec()) {
        qCWarning(lcAccounts) << "issue token failed:" << q.lastError().text();
        return {};
    }
    return token;
}

std::optional<User> AccountStore::userForAccessToken(const QByteArray &token)
{
    if (token.isEmpty() || token.size() > 128)
        return std::nullopt;
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT u.id, u.uuid, u.email, u.role, u.balance, u.disabled, u.created_at"
                             " FROM access_tokens t JOIN users u ON u.id = t.user_id"
                             " WHERE t.token_hash = ? AND t.revoked = 0 AND t.expires_at > ? AND u.disabled = 0"));
    // Tokens are UUIDs; accept them in either case.
    q.addBindValue(secrets::tokenDigest(token.toLower()));
    q.addBindValue(nowMs());
    if (q.exec() && q.next())
        return readUser(q);
    return std::nullopt;
}

bool AccountStore::revokeAccessToken(const QByteArray &token)
{
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE access_tokens SET revoked = 1 WHERE token_hash = ? AND revoked = 0"));
    q.addBindValue(secrets::tokenDigest(token.toLower()));
    return q.exec() && q.numRowsAffected() == 1;
}

QByteArray AccountStore::issueTicket(qint64 userId)
{
    const QByteArray ticket = secrets::randomToken(24);
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO tickets (ticket_hash, user_id, expires_at) VALUES (?,?,?)"));
    q.addBindValue(secrets::tokenDigest(ticket));
    q.addBindValue(userId);
    q.addBindValue(nowMs() + qint64(m_ticketTtl) * 1000);
    if (!q.exec())
        return {};
    // Expired tickets are of no use to anyone; keep the table small.
    QSqlQuery cleanup(db);
    cleanup.prepare(QStringLiteral("DELETE FROM tickets WHERE expires_at < ? OR used = 1"));
    cleanup.addBindValue(nowMs() - 60'000);
    cleanup.exec();
    return ticket;
}

std::optional<User> AccountStore::redeemTicket(const QByteArray &ticket)
{
    if (ticket.isEmpty() || ticket.size() > 128)
        return std::nullopt;
    const QByteArray digest = secrets::tokenDigest(ticket);
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    // The UPDATE is the single-use guarantee: only one redeemer can flip `used`.
    q.prepare(QStringLiteral("UPDATE tickets SET used = 1 WHERE ticket_hash = ? AND used = 0 AND expires_at > ?"));
    q.addBindValue(digest);
    q.addBindValue(nowMs());
    if (!q.exec() || q.numRowsAffected() != 1)
        return std::nullopt;
    QSqlQuery u(db);
    u.prepare(QStringLiteral("SELECT user_id FROM tickets WHERE ticket_hash = ?"));
    u.addBindValue(digest);
    if (!u.exec() || !u.next())
        return std::nullopt;
    auto user = userById(u.value(0).toLongLong());
    if (user && user->disabled)
        return std::nullopt;
    return user;
}

QByteArray AccountStore::createApiToken(const QString &name, const QString &scope, Error *error)
{
    if (name.trimmed().isEmpty() || (scope != QLatin1String("private") && scope != QLatin1String("public"))) {
        *error = Error::InvalidRole;
        return {};
    }
    const QByteArray token = secrets::randomToken(32, scope == QLatin1String("private") ? "sbp_" : "sbu_");
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO api_tokens (name, scope, token_hash, created_at) VALUES (?,?,?,?)"));
    q.addBindValue(name.trimmed());
    q.addBindValue(scope);
    q.addBindValue(secrets::tokenDigest(token));
    q.addBindValue(nowMs());
    if (!q.exec()) {
        *error = q.lastError().text().contains(QLatin1String("UNIQUE"), Qt::CaseInsensitive) ? Error::NameTaken : Error::Storage;
        return {};
    }
    *error = Error::None;
    return token;
}

bool AccountStore::revokeApiToken(const QString &name, Error *error)
{
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL"));
    q.addBindValue(nowMs());
    q.addBindValue(name.trimmed());
    if (!q.exec()) {
        *error = Error::Storage;
        return false;
    }
    *error = q.numRowsAffected() == 1 ? Error::None : Error::NotFound;
    return *error == Error::None;
}

std::optional<ApiToken> AccountStore::apiTokenFor(const QByteArray &token)
{
    if (token.isEmpty() || token.size() > 512)
        return std::nullopt;
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT id, name, scope, created_at FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL"));
    q.addBindValue(secrets::tokenDigest(token));
    if (!q.exec() || !q.next())
        return std::nullopt;
    return ApiToken{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                    QDateTime::fromMSecsSinceEpoch(q.value(3).toLongLong(), Qt::UTC), false};
}

QList<ApiToken> AccountStore::apiTokens()
{
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    QList<ApiToken> out;
    if (q.exec(QStringLiteral("SELECT id, name, scope, created_at, revoked_at IS NOT NULL FROM api_tokens ORDER BY id"))) {
        while (q.next())
            out.append(ApiToken{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                                QDateTime::fromMSecsSinceEpoch(q.value(3).toLongLong(), Qt::UTC),
                                q.value(4).toBool()});
    }
    return out;
}

}  // namespace sb
