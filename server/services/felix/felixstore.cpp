#include "felixstore.h"

#include "logging.h"
#include "mergepatch.h"
#include "store/database.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace sb::felix {

QString kindName(Kind kind)
{
    return kind == Kind::Guild ? QStringLiteral("guild") : QStringLiteral("user");
}

FelixStore::FelixStore(Database &db, Committed committed) : m_db(db), m_committed(std::move(committed)) {}

std::optional<QJsonObject> FelixStore::get(Kind kind, const QString &id)
{
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT data FROM felix_documents WHERE kind = ? AND id = ?"));
    q.addBindValue(kindName(kind));
    q.addBindValue(id);
    if (q.exec() && q.next())
        return QJsonDocument::fromJson(q.value(0).toByteArray()).object();
    return std::nullopt;
}

QList<QPair<QString, QJsonObject>> FelixStore::list(Kind kind)
{
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT id, data FROM felix_documents WHERE kind = ? ORDER BY id"));
    q.addBindValue(kindName(kind));
    QList<QPair<QString, QJsonObject>> out;
    if (q.exec()) {
        while (q.next())
            out.append({q.value(0).toString(), QJsonDocument::fromJson(q.value(1).toByteArray()).object()});
    }
    return out;
}

int FelixStore::count(Kind kind)
{
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM felix_documents WHERE kind = ?"));
    q.addBindValue(kindName(kind));
    return q.exec() && q.next() ? q.value(0).toInt() : 0;
}

FelixStore::Result FelixStore::put(Kind kind, const QString &id, const QJsonObject &doc)
{
    QMutexLocker lock(&m_mutex);
    return write(kind, id, doc, false);
}

FelixStore::Result FelixStore::patch(Kind kind, const QString &id, const QJsonValue &patchValue, QJsonObject *after)
{
    QMutexLocker lock(&m_mutex);  // read, merge and write as one step: no lost update
    const auto current = get(kind, id);
    if (!current)
        return Result::NotFound;
    const QJsonValue merged = mergePatch(*current, patchValue);
    if (!merged.isObject())
        return Result::NotAnObject;
    *after = merged.toObject();
    return write(kind, id, *after, true);
}

FelixStore::Result FelixStore::remove(Kind kind, const QString &id)
{
    QMutexLocker lock(&m_mutex);
    return write(kind, id, std::nullopt, true);
}

FelixStore::Result FelixStore::write(Kind kind, const QString &id, const std::optional<QJsonObject> &doc, bool mustExist)
{
    QSqlDatabase db = m_db.connection();
    if (!m_db.beginImmediate(db))
        return Result::StorageError;
    QSqlQuery exists(db);
    exists.prepare(QStringLiteral("SELECT 1 FROM felix_documents WHERE kind = ? AND id = ?"));
    exists.addBindValue(kindName(kind));
    exists.addBindValue(id);
    const bool existed = exists.exec() && exists.next();
    exists.finish();
    if (mustExist && !existed) {
        m_db.rollback(db);
        return Result::NotFound;
    }
    QSqlQuery q(db);
    if (doc) {
        q.prepare(QStringLiteral("INSERT INTO felix_documents (kind, id, data, updated_at) VALUES (?,?,?,?)"
                                 " ON CONFLICT (kind, id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at"));
        q.addBindValue(kindName(kind));
        q.addBindValue(id);
        q.addBindValue(QString::fromUtf8(QJsonDocument(*doc).toJson(QJsonDocument::Compact)));
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    } else {
        q.prepare(QStringLiteral("DELETE FROM felix_documents WHERE kind = ? AND id = ?"));
        q.addBindValue(kindName(kind));
        q.addBindValue(id);
    }
    if (!q.exec() || !m_db.commit(db)) {
        qCWarning(lcStore) << "felix write failed:" << q.lastError().text();
        m_db.rollback(db);
        return Result::StorageError;
    }
    m_committed(kind, id, doc);
    return existed || !doc ? Result::Ok : Result::Created;
}

}  // namespace sb::felix
