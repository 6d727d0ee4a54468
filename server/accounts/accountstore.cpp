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
    q.prepare(QStringLiteral("INSERT INTO users (uuid, email, password_hash, role, balance, created_at) VALUES (?,?,?,?,?,?) RETURNING id"));
    const QString created = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    q.addBindValue(secrets::randomUuid());
    q.addBindValue(e);
    q.addBindValue(QString::fromLatin1(hash));
    q.addBindValue(role);
    q.addBindValue(balance);
    q.addBindValue(created);
    if (!q.exec() || !q.next()) {
        const QString text = q.lastError().text();
        *error = text.contains(QLatin1String("UNIQUE"), Qt::CaseInsensitive) ? Error::EmailTaken : Error::Storage;
        if (*error == Error::Storage)
            qCWarning(lcAccounts) << "create user failed:" << text;
        return std::nullopt;
    }
    *error = Error::None;
    const qint64 id = q.value(0).toLongLong();
    q.finish();
    return userById(id);
}

std::optional<User> AccountStore::verifyLogin(const QString &email, const QString &password, bool *unavailable)
{
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT password_hash, id, disabled FROM users WHERE email = ?"));
    q.addBindValue(email.trimmed());
    if (!q.exec()) {
        qCWarning(lcAccounts) << "cannot check a login:" << q.lastError().text();
        if (unavailable)
            *unavailable = true;
        return std::nullopt;
    }
    if (!q.next()) {
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

bool AccountStore::updateUser(const char *column, const QVariant &value, const QString &email, Error *error,
                              std::optional<AccessEvent::Kind> event)
{
    QSqlDatabase db = m_db.connection();
    if (event && !m_db.beginImmediate(db)) {
        *error = Error::Storage;
        return false;
    }
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE users SET %1 = ? WHERE email = ?").arg(QLatin1String(column)));
    q.addBindValue(value);
    q.addBindValue(email.trimmed());
    if (!q.exec()) {
        if (event)
            m_db.rollback(db);
        *error = Error::Storage;
        return false;
    }
    *error = q.numRowsAffected() == 1 ? Error::None : Error::NotFound;
    if (!event)
        return *error == Error::None;
    if (*error != Error::None) {
        m_db.rollback(db);
        return false;
    }
    QSqlQuery who(db);
    who.prepare(QStringLiteral("SELECT id FROM users WHERE email = ?"));
    who.addBindValue(email.trimmed());
    const qint64 userId = who.exec() && who.next() ? who.value(0).toLongLong() : 0;
    who.finish();
    bool ok = userId != 0 && recordAccessEvent(db, *event, userId, {}, 0);
    if (ok && *event == AccessEvent::User) {
        // A disabled user's outstanding tickets go with their sessions.
        QSqlQuery tickets(db);
        tickets.prepare(QStringLiteral("UPDATE tickets SET used = 1 WHERE user_id = ?"));
        tickets.addBindValue(userId);
        ok = tickets.exec();
    }
    if (!ok || !m_db.commit(db)) {
        m_db.rollback(db);
        *error = Error::Storage;
        return false;
    }
    accessChanged();
    return true;
}

bool AccountStore::recordAccessEvent(QSqlDatabase &db, AccessEvent::Kind kind, qint64 userId, const QByteArray &tokenDigest,
                                     qint64 apiTokenId)
{
    static const char *const kinds[] = {"token", "user", "role", "api_token"};
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO access_events (kind, user_id, token_hash, api_token_id, at) VALUES (?,?,?,?,?)"));
    q.addBindValue(QString::fromLatin1(kinds[kind]));
    q.addBindValue(userId ? QVariant(userId) : QVariant());
    q.addBindValue(tokenDigest.isEmpty() ? QVariant() : QVariant(tokenDigest));
    q.addBindValue(apiTokenId ? QVariant(apiTokenId) : QVariant());
    q.addBindValue(nowMs());
    if (!q.exec()) {
        qCWarning(lcAccounts) << "cannot record an access event:" << q.lastError().text();
        return false;
    }
    // Running servers read new events within a second; a day of them is plenty to keep.
    QSqlQuery prune(db);
    prune.prepare(QStringLiteral("DELETE FROM access_events WHERE at < ?"));
    prune.addBindValue(nowMs() - 86'400'000);
    prune.exec();
    return true;
}

void AccountStore::accessChanged()
{
    if (m_onAccessChange)
        m_onAccessChange();
}

qint64 AccountStore::lastAccessEventId()
{
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM access_events")) && q.next())
        return q.value(0).toLongLong();
    return 0;
}

QList<AccessEvent> AccountStore::accessEventsAfter(qint64 id)
{
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT id, kind, user_id, token_hash, api_token_id FROM access_events WHERE id > ? ORDER BY id"));
    q.addBindValue(id);
    QList<AccessEvent> out;
    if (!q.exec())
        return out;
    while (q.next()) {
        AccessEvent e;
        e.id = q.value(0).toLongLong();
        const QString kind = q.value(1).toString();
        e.kind = kind == QLatin1String("user")        ? AccessEvent::User
                 : kind == QLatin1String("role")      ? AccessEvent::Role
                 : kind == QLatin1String("api_token") ? AccessEvent::ApiToken
                                                      : AccessEvent::Token;
        e.userId = q.value(2).toLongLong();
        e.tokenDigest = q.value(3).toByteArray();
        e.apiTokenId = q.value(4).toLongLong();
        out.append(e);
    }
    return out;
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
    return updateUser("role", role, email, error, AccessEvent::Role);
}

bool AccountStore::setDisabled(const QString &email, bool disabled, Error *error)
{
    if (!disabled)
        return updateUser("disabled", 0, email, error);
    return updateUser("disabled", 1, email, error, AccessEvent::User);
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
    if (!q.exec()) {
        qCWarning(lcAccounts) << "cannot check an access token:" << q.lastError().text();
        return std::nullopt;
    }
    if (q.next())
        return readUser(q);
    return std::nullopt;
}

QByteArray AccountStore::accessTokenDigest(const QByteArray &token)
{
    return secrets::tokenDigest(token.toLower());  // tokens are UUIDs, either case
}

bool AccountStore::revokeAccessToken(const QByteArray &token)
{
    const QByteArray digest = accessTokenDigest(token);
    QSqlDatabase db = m_db.connection();
    if (!m_db.beginImmediate(db))
        return false;
    QSqlQuery who(db);
    who.prepare(QStringLiteral("SELECT user_id FROM access_tokens WHERE token_hash = ? AND revoked = 0"));
    who.addBindValue(digest);
    const qint64 userId = who.exec() && who.next() ? who.value(0).toLongLong() : 0;
    who.finish();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE access_tokens SET revoked = 1 WHERE token_hash = ? AND revoked = 0"));
    q.addBindValue(digest);
    QSqlQuery tickets(db);
    tickets.prepare(QStringLiteral("UPDATE tickets SET used = 1 WHERE token_hash = ?"));
    tickets.addBindValue(digest);
    const bool ok = userId != 0 && q.exec() && q.numRowsAffected() == 1 && tickets.exec()
                    && recordAccessEvent(db, AccessEvent::Token, userId, digest, 0) && m_db.commit(db);
    if (!ok) {
        m_db.rollback(db);
        return false;
    }
    accessChanged();
    return true;
}

QByteArray AccountStore::issueTicket(qint64 userId, const QByteArray &accessToken)
{
    const QByteArray ticket = secrets::randomToken(24);
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO tickets (ticket_hash, user_id, expires_at, token_hash) VALUES (?,?,?,?)"));
    q.addBindValue(secrets::tokenDigest(ticket));
    q.addBindValue(userId);
    q.addBindValue(nowMs() + qint64(m_ticketTtl) * 1000);
    q.addBindValue(accessTokenDigest(accessToken));
    if (!q.exec())
        return {};
    // Expired tickets are of no use to anyone; keep the table small.
    QSqlQuery cleanup(db);
    cleanup.prepare(QStringLiteral("DELETE FROM tickets WHERE expires_at < ? OR used = 1"));
    cleanup.addBindValue(nowMs() - 60'000);
    cleanup.exec();
    return ticket;
}

std::optional<User> AccountStore::redeemTicket(const QByteArray &ticket, QByteArray *tokenDigest)
{
    if (ticket.isEmpty() || ticket.size() > 128)
        return std::nullopt;
    const QByteArray digest = secrets::tokenDigest(ticket);
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    // The UPDATE is the single-use guarantee: only one redeemer can flip `used`. The access
    // token that issued the ticket must still be valid (a logout ends its tickets too).
    q.prepare(QStringLiteral("UPDATE tickets SET used = 1 WHERE ticket_hash = ? AND used = 0 AND expires_at > ?"
                             " AND (token_hash IS NULL OR EXISTS (SELECT 1 FROM access_tokens t"
                             "  WHERE t.token_hash = tickets.token_hash AND t.revoked = 0 AND t.expires_at > ?))"));
    q.addBindValue(digest);
    q.addBindValue(nowMs());
    q.addBindValue(nowMs());
    if (!q.exec() || q.numRowsAffected() != 1)
        return std::nullopt;
    QSqlQuery u(db);
    u.prepare(QStringLiteral("SELECT user_id, token_hash FROM tickets WHERE ticket_hash = ?"));
    u.addBindValue(digest);
    if (!u.exec() || !u.next())
        return std::nullopt;
    if (tokenDigest)
        *tokenDigest = u.value(1).toByteArray();
    auto user = userById(u.value(0).toLongLong());
    if (user && user->disabled)
        return std::nullopt;
    return user;
}

}  // namespace sb
