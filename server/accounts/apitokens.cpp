// AccountStore's API tokens (felix bots): created once (only the digest is kept), listed,
// looked up by the token, revoked (which ends what they opened).
#include "accountstore.h"

#include "secrets.h"
#include "store/database.h"

#include <QSqlError>
#include <QSqlQuery>

namespace sb {

namespace {

const QString kApiTokenColumns = QStringLiteral("id, name, scope, created_at, revoked_at IS NOT NULL");

ApiToken readApiToken(const QSqlQuery &q)
{
    return ApiToken{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                    QDateTime::fromMSecsSinceEpoch(q.value(3).toLongLong(), Qt::UTC), q.value(4).toBool()};
}

}  // namespace

QByteArray AccountStore::createApiToken(const QString &name, const QString &scope, Error *error)
{
    if (name.trimmed().isEmpty()
        || (scope != QLatin1String("private") && scope != QLatin1String("public") && scope != QLatin1String("admin"))) {
        *error = Error::InvalidRole;
        return {};
    }
    const char *prefix = scope == QLatin1String("private") ? "sbp_" : scope == QLatin1String("public") ? "sbu_" : "sba_";
    const QByteArray token = secrets::randomToken(32, prefix);
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO api_tokens (name, scope, token_hash, created_at) VALUES (?,?,?,?)"));
    q.addBindValue(name.trimmed());
    q.addBindValue(scope);
    q.addBindValue(secrets::tokenDigest(token));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
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
    if (!m_db.beginImmediate(db)) {
        *error = Error::Storage;
        return false;
    }
    QSqlQuery who(db);
    who.prepare(QStringLiteral("SELECT id FROM api_tokens WHERE name = ? AND revoked_at IS NULL"));
    who.addBindValue(name.trimmed());
    const qint64 id = who.exec() && who.next() ? who.value(0).toLongLong() : 0;
    who.finish();
    if (!id) {
        m_db.rollback(db);
        *error = Error::NotFound;
        return false;
    }
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE api_tokens SET revoked_at = ? WHERE id = ?"));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(id);
    if (!q.exec() || !recordAccessEvent(db, AccessEvent::ApiToken, 0, {}, id) || !m_db.commit(db)) {
        m_db.rollback(db);
        *error = Error::Storage;
        return false;
    }
    *error = Error::None;
    accessChanged();
    return true;
}

std::optional<ApiToken> AccountStore::apiTokenFor(const QByteArray &token)
{
    if (token.isEmpty() || token.size() > 512)
        return std::nullopt;
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT ") + kApiTokenColumns + QStringLiteral(" FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL"));
    q.addBindValue(secrets::tokenDigest(token));
    if (!q.exec() || !q.next())
        return std::nullopt;
    return readApiToken(q);
}

QList<ApiToken> AccountStore::apiTokens()
{
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    QList<ApiToken> out;
    if (q.exec(QStringLiteral("SELECT ") + kApiTokenColumns + QStringLiteral(" FROM api_tokens ORDER BY id"))) {
        while (q.next())
            out.append(readApiToken(q));
    }
    return out;
}

}  // namespace sb
