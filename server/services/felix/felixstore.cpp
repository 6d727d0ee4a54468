#include "felixstore.h"

#include "logging.h"
#include "mergepatch.h"
#include "net/worker.h"
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

FelixStore::FelixStore(Database &db) : m_db(db) {}

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
        q.addBindValue(QJsonDocument(*doc).toJson(QJsonDocument::Compact));
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
    notify(kind, id, doc);
    return existed || !doc ? Result::Ok : Result::Created;
}

void FelixStore::notify(Kind kind, const QString &id, const std::optional<QJsonObject> &doc)
{
    const QList<Subscriber> subs = (kind == Kind::Guild ? m_guildSubs : m_userSubs).value(id);
    if (subs.isEmpty())
        return;
    QJsonObject data;
    if (kind == Kind::Guild) {
        data.insert(QStringLiteral("guildID"), id);
        data.insert(QStringLiteral("guildData"), doc ? QJsonValue(*doc) : QJsonValue(QJsonValue::Null));
    } else {
        data.insert(QStringLiteral("userID"), id);
        data.insert(QStringLiteral("userData"), doc ? QJsonValue(*doc) : QJsonValue(QJsonValue::Null));
    }
    const QByteArray message = QJsonDocument(QJsonObject{{QStringLiteral("code"), kind == Kind::Guild ? 10002 : 10003},
                                                         {QStringLiteral("data"), data}})
                                   .toJson(QJsonDocument::Compact);
    const QByteArray frame = wsframe::frame(wsframe::Text, message);  // once for every subscriber
    QHash<Worker *, QList<quint64>> batches;
    for (const Subscriber &s : subs)
        batches[s.worker].append(s.sessionId);
    for (auto it = batches.begin(); it != batches.end(); ++it) {
        Worker *w = it.key();
        w->post([w, ids = it.value(), frame, size = message.size()] { w->deliverFrame(ids, frame, wsframe::Text, size); });
    }
}

void FelixStore::subscribe(const Subscriber &s, const QSet<QString> &users, const QSet<QString> &guilds)
{
    QMutexLocker lock(&m_mutex);
    auto &mine = m_bySession[s.sessionId];
    for (const QString &u : std::as_const(mine.first))
        m_userSubs[u].removeAll(s);
    for (const QString &g : std::as_const(mine.second))
        m_guildSubs[g].removeAll(s);
    for (const QString &u : users)
        m_userSubs[u].append(s);
    for (const QString &g : guilds)
        m_guildSubs[g].append(s);
    mine = {users, guilds};
    m_userSubs.removeIf([](const auto &it) { return it.value().isEmpty(); });
    m_guildSubs.removeIf([](const auto &it) { return it.value().isEmpty(); });
}

QJsonObject FelixStore::subscriptions() const
{
    QMutexLocker lock(&m_mutex);
    QJsonObject guilds, users;
    for (auto it = m_guildSubs.constBegin(); it != m_guildSubs.constEnd(); ++it)
        guilds.insert(it.key(), int(it->size()));
    for (auto it = m_userSubs.constBegin(); it != m_userSubs.constEnd(); ++it)
        users.insert(it.key(), int(it->size()));
    return {{QStringLiteral("guilds"), guilds}, {QStringLiteral("users"), users}};
}

void FelixStore::unsubscribeAll(const Subscriber &s)
{
    subscribe(s, {}, {});
    QMutexLocker lock(&m_mutex);
    m_bySession.remove(s.sessionId);
}

}  // namespace sb::felix
