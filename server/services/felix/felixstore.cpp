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
    return write(kind, id, [&doc](const std::optional<QJsonObject> &current, std::optional<QJsonObject> *next) {
        *next = doc;
        return current ? Result::Ok : Result::Created;
    });
}

FelixStore::Result FelixStore::patch(Kind kind, const QString &id, const QJsonValue &patchValue, QJsonObject *after)
{
    return write(kind, id, [&patchValue](const std::optional<QJsonObject> &current, std::optional<QJsonObject> *next) {
        if (!current)
            return Result::NotFound;
        const QJsonValue merged = mergePatch(*current, patchValue);
        if (!merged.isObject())
            return Result::NotAnObject;
        *next = merged.toObject();
        return Result::Ok;
    }, after);
}

FelixStore::Result FelixStore::remove(Kind kind, const QString &id)
{
    return write(kind, id, [](const std::optional<QJsonObject> &current, std::optional<QJsonObject> *next) {
        next->reset();
        return current ? Result::Ok : Result::NotFound;
    });
}

FelixStore::Result FelixStore::write(Kind kind, const QString &id, const Change &change, QJsonObject *after)
{
    QMutexLocker lock(&m_mutex);
    QSqlDatabase db = m_db.connection();
    if (!m_db.beginImmediate(db))
        return Result::StorageError;
    auto failed = [&](const QSqlQuery &q) {
        qCWarning(lcStore) << "felix write failed:" << q.lastError().text();
        m_db.rollback(db);
        return Result::StorageError;
    };
    // First the counter: its row stays locked until this commits, so what follows reads
    // what every earlier write of every node committed.
    QSqlQuery order(db);
    if (!order.exec(QStringLiteral("UPDATE felix_order SET n = n + 1 RETURNING n")) || !order.next())
        return failed(order);
    const qint64 number = order.value(0).toLongLong();
    order.finish();
    QSqlQuery read(db);
    read.prepare(QStringLiteral("SELECT data FROM felix_documents WHERE kind = ? AND id = ?"));
    read.addBindValue(kindName(kind));
    read.addBindValue(id);
    if (!read.exec())
        return failed(read);
    std::optional<QJsonObject> current;
    if (read.next())
        current = QJsonDocument::fromJson(read.value(0).toByteArray()).object();
    read.finish();
    std::optional<QJsonObject> next;
    const Result result = change(current, &next);
    if (result != Result::Ok && result != Result::Created) {
        m_db.rollback(db);
        return result;
    }
    QSqlQuery q(db);
    if (next) {
        q.prepare(QStringLiteral("INSERT INTO felix_documents (kind, id, data, updated_at) VALUES (?,?,?,?)"
                                 " ON CONFLICT (kind, id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at"));
        q.addBindValue(kindName(kind));
        q.addBindValue(id);
        q.addBindValue(QString::fromUtf8(QJsonDocument(*next).toJson(QJsonDocument::Compact)));
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    } else {
        q.prepare(QStringLiteral("DELETE FROM felix_documents WHERE kind = ? AND id = ?"));
        q.addBindValue(kindName(kind));
        q.addBindValue(id);
    }
    if (!q.exec() || !m_db.commit(db))
        return failed(q);
    if (after && next)
        *after = *next;
    m_committed(kind, id, next, number);
    return result;
}

}  // namespace sb::felix
