#include "chatreads.h"

#include "logging.h"
#include "store/database.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QThreadPool>

namespace sb::chat {

namespace {

// A mark never passes the chat's newest message, and never moves back. ("WHERE true" keeps
// SQLite from reading ON CONFLICT as part of the SELECT.)
const QString kUpsert = QStringLiteral(
    "INSERT INTO chat_reads (chat_id, member_id, last_read)"
    " SELECT ?, ?, (SELECT COALESCE(MAX(id), 0) FROM messages WHERE chat_id = ? AND id <= ?) WHERE true"
    " ON CONFLICT (chat_id, member_id) DO UPDATE SET last_read = excluded.last_read"
    " WHERE chat_reads.last_read < excluded.last_read");

bool upsert(QSqlDatabase &db, qint64 chat, qint64 member, qint64 message)
{
    QSqlQuery q(db);
    q.prepare(kUpsert);
    q.addBindValue(chat);
    q.addBindValue(member);
    q.addBindValue(chat);
    q.addBindValue(message);
    if (q.exec())
        return true;
    qCWarning(lcStore) << "cannot mark chat" << chat << "read:" << q.lastError().text();
    return false;
}

}  // namespace

ChatReads::ChatReads(Database &db, QThreadPool &pool) : m_db(db), m_pool(pool) {}

void ChatReads::markRead(qint64 chatId, qint64 memberId, qint64 messageId)
{
    if (chatId <= 0 || memberId <= 0 || messageId <= 0)
        return;
    const QMutexLocker lock(&m_mutex);
    qint64 &mark = m_pending[{chatId, memberId}];
    mark = qMax(mark, messageId);
    if (m_scheduled)
        return;
    m_scheduled = true;
    m_pool.start([this] { flush(); });
}

void ChatReads::flush()
{
    QHash<QPair<qint64, qint64>, qint64> marks;
    {
        const QMutexLocker lock(&m_mutex);
        marks.swap(m_pending);
        m_scheduled = false;
    }
    if (marks.isEmpty())
        return;
    QSqlDatabase db = m_db.connection();
    if (m_db.beginImmediate(db)) {
        bool ok = true;
        for (auto it = marks.cbegin(); ok && it != marks.cend(); ++it)
            ok = upsert(db, it.key().first, it.key().second, it.value());
        if (ok && m_db.commit(db))
            return;
        m_db.rollback(db);
    }
    // One mark the database refused (its chat was deleted meanwhile) does not cost the others.
    for (auto it = marks.cbegin(); it != marks.cend(); ++it)
        upsert(db, it.key().first, it.key().second, it.value());
}

QHash<qint64, int> ChatReads::unread(qint64 memberId)
{
    flush();  // what this member's sockets marked is counted as read
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
                  "SELECT CASE WHEN c.member_a = ? THEN c.member_b ELSE c.member_a END,"
                  " (SELECT COUNT(*) FROM (SELECT 1 FROM messages m WHERE m.chat_id = c.id"
                  "   AND m.id > COALESCE(r.last_read, 0) AND m.member_id <> ? LIMIT %1) x)"
                  " FROM chats c LEFT JOIN chat_reads r ON r.chat_id = c.id AND r.member_id = ?"
                  " WHERE c.member_a = ? OR c.member_b = ?")
                  .arg(kCountCap));
    for (int i = 0; i < 5; ++i)
        q.addBindValue(memberId);
    QHash<qint64, int> out;
    if (!q.exec()) {
        qCWarning(lcStore) << "cannot count unread messages:" << q.lastError().text();
        return out;
    }
    while (q.next()) {
        if (const int n = q.value(1).toInt(); n > 0)
            out.insert(q.value(0).toLongLong(), n);
    }
    return out;
}

}  // namespace sb::chat
