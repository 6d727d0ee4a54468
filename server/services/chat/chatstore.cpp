// ChatStore: the chat's rows on the calling thread's connection (chats, history, files,
// smiles) and the bytes of stored files. Messages are written by ChatWriter (chatwriter.cpp).
#include "chatstore.h"

#include "logging.h"
#include "store/database.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <fcntl.h>
#include <unistd.h>

namespace sb::chat {

namespace {

ChatMessage readMessage(const QSqlQuery &q)
{
    ChatMessage m;
    m.id = q.value(0).toLongLong();
    m.memberId = q.value(1).toLongLong();
    m.chatId = q.value(2).toLongLong();
    m.date = q.value(3).toString();
    m.type = q.value(4).toString();
    m.text = q.value(5).toString();
    m.smileId = q.value(6).toLongLong();
    m.smileFileUuid = q.value(7).toString();
    m.fileUuid = q.value(8).toString();
    return m;
}

const QString kMessageSelect = QStringLiteral(
    "SELECT m.id, m.member_id, m.chat_id, m.date, m.type, m.text, m.smile_id, s.file_uuid, m.file_uuid"
    " FROM messages m LEFT JOIN smiles s ON s.id = m.smile_id");

bool fsyncPath(const QString &path, bool directory)
{
    const int fd = ::open(QFile::encodeName(path).constData(), directory ? (O_RDONLY | O_DIRECTORY) : O_RDONLY);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

}  // namespace

ChatStore::ChatStore(Database &db, QString filesDir) : m_db(db), m_filesDir(std::move(filesDir))
{
    QDir().mkpath(m_filesDir);
}

bool ChatStore::writeBytes(const QString &uuid, QByteArrayView data, QString *error)
{
    if (m_db.dialect() == Database::Dialect::Sqlite)
        return writeFileDurably(m_filesDir, uuid, data, error);
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO file_contents (uuid, data) VALUES (?, ?)"));
    q.addBindValue(uuid);
    q.addBindValue(data.toByteArray());
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

std::optional<QByteArray> ChatStore::readBytes(const QString &uuid)
{
    if (m_db.dialect() == Database::Dialect::Sqlite) {
        QFile f(QDir(m_filesDir).filePath(uuid));
        if (!f.open(QIODevice::ReadOnly))
            return std::nullopt;
        return f.readAll();
    }
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT data FROM file_contents WHERE uuid = ?"));
    q.addBindValue(uuid);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return q.value(0).toByteArray();
}

void ChatStore::removeBytes(const QString &uuid)
{
    if (m_db.dialect() == Database::Dialect::Sqlite) {
        QFile::remove(QDir(m_filesDir).filePath(uuid));
        return;
    }
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM file_contents WHERE uuid = ?"));
    q.addBindValue(uuid);
    q.exec();
}

std::optional<qint64> ChatStore::chatFor(qint64 memberA, qint64 memberB)
{
    const qint64 a = qMin(memberA, memberB);
    const qint64 b = qMax(memberA, memberB);
    QSqlDatabase db = m_db.connection();
    for (int attempt = 0; attempt < 2; ++attempt) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT id FROM chats WHERE member_a = ? AND member_b = ?"));
        q.addBindValue(a);
        q.addBindValue(b);
        if (q.exec() && q.next())
            return q.value(0).toLongLong();
        QSqlQuery ins(db);
        ins.prepare(QStringLiteral("INSERT INTO chats (member_a, member_b, created_at) VALUES (?,?,?) ON CONFLICT DO NOTHING"));
        ins.addBindValue(a);
        ins.addBindValue(b);
        ins.addBindValue(nowWithMicroseconds());
        if (!ins.exec()) {
            qCWarning(lcStore) << "cannot create chat:" << ins.lastError().text();
            return std::nullopt;
        }
    }
    return std::nullopt;
}

QList<ChatMessage> ChatStore::history(qint64 chatId, qint64 beforeId, int limit)
{
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(kMessageSelect + QStringLiteral(" WHERE m.chat_id = ? AND m.id < ? ORDER BY m.id DESC LIMIT ?"));
    q.addBindValue(chatId);
    q.addBindValue(beforeId > 0 ? beforeId : std::numeric_limits<qint64>::max());
    q.addBindValue(limit);
    QList<ChatMessage> out;
    if (q.exec()) {
        while (q.next())
            out.append(readMessage(q));
    }
    std::reverse(out.begin(), out.end());
    return out;
}

std::optional<StoredFile> ChatStore::file(const QString &uuid)
{
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT uuid, original_name, content_type, size FROM files WHERE uuid = ?"));
    q.addBindValue(uuid.toLower());
    if (q.exec() && q.next())
        return StoredFile{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toLongLong()};
    return std::nullopt;
}

QList<Smile> ChatStore::smiles()
{
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    QList<Smile> out;
    if (q.exec(QStringLiteral("SELECT id, file_uuid, price FROM smiles WHERE retired = 0 ORDER BY id"))) {
        while (q.next())
            out.append(Smile{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toLongLong()});
    }
    return out;
}

bool ChatStore::setSmilePrice(qint64 id, qint64 price)
{
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE smiles SET price = ? WHERE id = ? AND retired = 0"));
    q.addBindValue(price);
    q.addBindValue(id);
    return q.exec() && q.numRowsAffected() == 1;
}

bool ChatStore::retireSmile(qint64 id)
{
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE smiles SET retired = 1 WHERE id = ? AND retired = 0"));
    q.addBindValue(id);
    return q.exec() && q.numRowsAffected() == 1;
}

std::optional<Smile> ChatStore::addSmile(const StoredFile &file, qint64 price, qint64 uploaderId)
{
    QSqlDatabase db = m_db.connection();
    if (!m_db.beginImmediate(db))
        return std::nullopt;
    const QString now = nowWithMicroseconds();
    QSqlQuery f(db);
    f.prepare(QStringLiteral("INSERT INTO files (uuid, original_name, content_type, size, uploader_id, created_at) VALUES (?,?,?,?,?,?)"));
    f.addBindValue(file.uuid);
    f.addBindValue(file.originalName);
    f.addBindValue(file.contentType);
    f.addBindValue(file.size);
    f.addBindValue(uploaderId > 0 ? QVariant(uploaderId) : QVariant());  // 0: the operator, no account
    f.addBindValue(now);
    QSqlQuery s(db);
    s.prepare(QStringLiteral("INSERT INTO smiles (file_uuid, price, created_at) VALUES (?,?,?) RETURNING id"));
    s.addBindValue(file.uuid);
    s.addBindValue(price);
    s.addBindValue(now);
    if (!f.exec() || !s.exec() || !s.next()) {
        m_db.rollback(db);
        return std::nullopt;
    }
    const qint64 id = s.value(0).toLongLong();
    s.finish();
    if (!m_db.commit(db))
        return std::nullopt;
    return Smile{id, file.uuid, price};
}

int ChatStore::removeOrphanFiles()
{
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    if (m_db.dialect() == Database::Dialect::Postgres) {
        if (!q.exec(QStringLiteral("DELETE FROM file_contents c WHERE NOT EXISTS (SELECT 1 FROM files f WHERE f.uuid = c.uuid)")))
            return 0;
        if (q.numRowsAffected() > 0)
            qCInfo(lcStore) << "removed" << q.numRowsAffected() << "stored files that no message or smile refers to";
        return q.numRowsAffected();
    }
    QSet<QString> known;
    if (q.exec(QStringLiteral("SELECT uuid FROM files"))) {
        while (q.next())
            known.insert(q.value(0).toString());
    }
    int removed = 0;
    const QDir dir(m_filesDir);
    for (const QString &name : dir.entryList(QDir::Files)) {
        if (!known.contains(name) && QFile::remove(dir.filePath(name)))
            ++removed;
    }
    if (removed)
        qCInfo(lcStore) << "removed" << removed << "stored files that no message or smile refers to";
    return removed;
}

bool writeFileDurably(const QString &filesDir, const QString &uuid, QByteArrayView data, QString *error)
{
    const QString finalPath = QDir(filesDir).filePath(uuid);
    const QString tmpPath = finalPath + QStringLiteral(".part");
    QFile f(tmpPath);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(data.data(), data.size()) != data.size() || !f.flush()
        || ::fsync(f.handle()) != 0) {
        *error = f.errorString();
        f.remove();
        return false;
    }
    f.close();
    if (::rename(QFile::encodeName(tmpPath).constData(), QFile::encodeName(finalPath).constData()) != 0) {
        *error = QStringLiteral("rename failed");
        QFile::remove(tmpPath);
        return false;
    }
    fsyncPath(filesDir, true);
    return true;
}

}  // namespace sb::chat
