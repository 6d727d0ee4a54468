#include "chatstore.h"

#include "logging.h"
#include "protocol/accounts.h"
#include "protocol/chat.h"
#include "net/worker.h"
#include "store/database.h"
#include "telemetry/counters.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <fcntl.h>
#include <unistd.h>

namespace sb::chat {

using namespace protocol::chat;

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

// ---- ChatWriter --------------------------------------------------------------------------

SendResult SendResult::notStored()
{
    return SendResult{false, code::storageError, QStringLiteral("the message could not be stored"), {}};
}

SendResult SendResult::broken(bool *failed)
{
    *failed = true;
    return notStored();
}

SendResult SendResult::unknownSender()
{
    return SendResult{false, code::storageError, QStringLiteral("unknown sender"), {}};
}

SendResult SendResult::notEnoughCoins(qint64 price, qint64 balance)
{
    return SendResult{false, code::insufficientBalance,
                      QStringLiteral("this message costs %1 coins and your balance is %2").arg(price).arg(balance), {}};
}

ChatWriter::ChatWriter(Database &db, qint64 textPrice, ServiceCounters &counters)
    : m_db(db)
    , m_textPrice(textPrice)
    , m_counters(counters)
    , m_queue(
          db, QStringLiteral("sb-chat-writer"), [this](QList<Pending> &batch) { processBatch(batch); },
          [this] {
              m_statements.clear();
              m_native.clear();
              m_pg.clear();
          })
{
}

void ChatWriter::processBatch(QList<Pending> &batch)
{
    // One transaction (one fsync) for the whole batch. A message refused for a reason of its
    // own (balance, smile) changes nothing and leaves the transaction clean. A statement that
    // fails leaves it in an unknown state: it is rolled back and every message of the batch
    // is tried again in a transaction of its own, so a failure costs only its own message.
    // On PostgreSQL a batch of texts is one statement, a transaction of its own: one round
    // trip (chatwriterpg.cpp), a single text too (four round trips the other way: begin,
    // charge, insert, commit).
    QSqlDatabase db = m_db.connection();
    sqlite3 *native = m_db.dialect() == Database::Dialect::Sqlite ? SqliteStatements::handleOf(db) : nullptr;
    QList<SendResult> results;
    results.reserve(batch.size());
    const bool texts = m_db.dialect() == Database::Dialect::Postgres
                       && std::all_of(batch.cbegin(), batch.cend(), [](const Pending &p) { return p.first.type == type::text; });
    bool clean = texts || m_db.beginImmediate(db);
    if (clean && !texts && m_db.dialect() == Database::Dialect::Postgres)
        clean = lockSenders(db, batch);
    if (clean && texts) {
        clean = processTexts(db, batch, &results);
    } else {
        for (qsizetype i = 0; clean && i < batch.size(); ++i) {
            bool failed = false;
            results.append(process(db, native, batch[i].first, &failed));
            clean = !failed;
        }
        clean = clean && m_db.commit(db);
    }
    if (clean) {
        ServiceCounters::add(m_counters.storeCommits);
    } else {
        if (!texts)
            m_db.rollback(db);  // (a failed statement of its own rolled itself back)
        results.clear();
        for (const auto &item : batch) {
            if (!m_db.beginImmediate(db)) {
                results.append(SendResult::notStored());
                continue;
            }
            bool failed = false;
            SendResult r = process(db, native, item.first, &failed);
            if (failed || !m_db.commit(db)) {
                m_db.rollback(db);
                r = SendResult::notStored();
            } else {
                ServiceCounters::add(m_counters.storeCommits);
            }
            results.append(std::move(r));
        }
    }
    ServiceCounters::add(m_counters.storeRows, std::count_if(results.cbegin(), results.cend(), [](const SendResult &r) { return r.ok; }));
    const Worker::PostBatch posts;  // the batch's deliveries wake each worker once
    for (qsizetype i = 0; i < batch.size(); ++i)
        batch[i].second(results[i]);
}

QSqlQuery *ChatWriter::run(QSqlDatabase &db, Statement id, const QString &sql, std::initializer_list<Bind> values)
{
    QSqlQuery *q = m_statements.get(db, id, sql);
    if (!q)
        return nullptr;
    for (const Bind &b : values)
        q->bindValue(b.name, b.value);
    if (!q->exec()) {
        qCWarning(lcStore) << "chat write failed:" << q->lastError().text();
        return nullptr;
    }
    return q;
}

namespace {
SendResult refused(QLatin1String code, const QString &detail)
{
    return SendResult{false, code, detail, {}};
}
}  // namespace

std::optional<SendResult> ChatWriter::resolveSmile(QSqlDatabase &db, const SendRequest &r, ChatMessage &m, qint64 &price, bool *failed)
{
    QSqlQuery *s = run(db, SmilePrice, QStringLiteral("SELECT price, file_uuid FROM smiles WHERE id = :id AND retired = 0"),
                       {{QStringLiteral(":id"), r.smileId}});
    if (!s)
        return SendResult::broken(failed);
    if (!s->next()) {
        s->finish();
        return refused(code::unknownSmile, QStringLiteral("there is no smile with id %1").arg(r.smileId));
    }
    price = s->value(0).toLongLong();
    m.smileId = r.smileId;
    m.smileFileUuid = s->value(1).toString();
    s->finish();
    m.text.clear();
    return std::nullopt;
}

std::optional<SendResult> ChatWriter::charge(QSqlDatabase &db, const SendRequest &r, qint64 &price, bool *failed)
{
    // Members pay; the charge is one conditional UPDATE. Only when it changes nothing do we
    // read why: not a member (free), or not enough coins. Nothing has been written before
    // a refusal, so a refused message leaves the batch's transaction clean.
    if (price > 0) {
        QSqlQuery *charge = run(db, Charge, QStringLiteral("UPDATE users SET balance = balance - :price WHERE id = :id AND role = 'member' AND balance >= :enough"),
                                {{QStringLiteral(":price"), price}, {QStringLiteral(":id"), r.senderId}, {QStringLiteral(":enough"), price}});
        if (!charge)
            return SendResult::broken(failed);
        if (charge->numRowsAffected() == 1)
            return std::nullopt;
    }
    return unpaid(db, r, price, failed);
}

std::optional<SendResult> ChatWriter::unpaid(QSqlDatabase &db, const SendRequest &r, qint64 &price, bool *failed)
{
    QSqlQuery *user = run(db, Sender, QStringLiteral("SELECT role, balance FROM users WHERE id = :id"), {{QStringLiteral(":id"), r.senderId}});
    if (!user)
        return SendResult::broken(failed);
    if (!user->next()) {
        user->finish();
        return SendResult::unknownSender();
    }
    const bool member = user->value(0).toString() == protocol::accounts::role::member;
    const qint64 balance = user->value(1).toLongLong();
    user->finish();
    if (member && price > 0)
        return SendResult::notEnoughCoins(price, balance);
    price = 0;  // not a member: free
    return std::nullopt;
}

QSqlQuery *ChatWriter::insert(QSqlDatabase &db, const SendRequest &r, ChatMessage &m, qint64 price)
{
    if (r.type == type::file) {
        if (!run(db, InsertFile, QStringLiteral("INSERT INTO files (uuid, original_name, content_type, size, uploader_id, created_at) "
                                                "VALUES (:uuid, :name, :type, :size, :uploader, :created)"),
                 {{QStringLiteral(":uuid"), r.file.uuid},
                  {QStringLiteral(":name"), r.file.originalName},
                  {QStringLiteral(":type"), r.file.contentType},
                  {QStringLiteral(":size"), r.file.size},
                  {QStringLiteral(":uploader"), r.senderId},
                  {QStringLiteral(":created"), m.date}}))
            return nullptr;
        m.fileUuid = r.file.uuid;
    }
    // A text message (most of them) leaves smile and file NULL: two binds fewer.
    if (!m.smileId && m.fileUuid.isEmpty())
        return run(db, InsertText, QStringLiteral("INSERT INTO messages (chat_id, member_id, date, type, text, price) "
                                                  "VALUES (:chat, :member, :date, :type, :text, :price) RETURNING id"),
                   {{QStringLiteral(":chat"), m.chatId},
                    {QStringLiteral(":member"), m.memberId},
                    {QStringLiteral(":date"), m.date},
                    {QStringLiteral(":type"), m.type},
                    {QStringLiteral(":text"), m.text},
                    {QStringLiteral(":price"), price}});
    return run(db, InsertMessage, QStringLiteral("INSERT INTO messages (chat_id, member_id, date, type, text, smile_id, file_uuid, price) "
                                                 "VALUES (:chat, :member, :date, :type, :text, :smile, :file, :price) RETURNING id"),
               {{QStringLiteral(":chat"), m.chatId},
                {QStringLiteral(":member"), m.memberId},
                {QStringLiteral(":date"), m.date},
                {QStringLiteral(":type"), m.type},
                {QStringLiteral(":text"), m.type == type::smile ? QVariant() : QVariant(m.text)},
                {QStringLiteral(":smile"), m.smileId ? QVariant(m.smileId) : QVariant()},
                {QStringLiteral(":file"), m.fileUuid.isEmpty() ? QVariant() : QVariant(m.fileUuid)},
                {QStringLiteral(":price"), price}});
}

ChatMessage SendRequest::draft() const
{
    ChatMessage m;
    m.chatId = chatId;
    m.memberId = senderId;
    m.type = type;
    m.text = text;
    m.date = nowWithMicroseconds();
    return m;
}

SendResult ChatWriter::process(QSqlDatabase &db, sqlite3 *native, const SendRequest &r, bool *failed)
{
    if (native && r.type == type::text)
        return processText(db, native, r, failed);
    ChatMessage m = r.draft();
    qint64 price = m_textPrice;
    if (r.type == type::smile) {
        if (auto refusal = resolveSmile(db, r, m, price, failed))
            return *refusal;
    }
    if (auto refusal = charge(db, r, price, failed))
        return *refusal;
    QSqlQuery *ins = insert(db, r, m, price);
    if (!ins || !ins->next())
        return SendResult::broken(failed);
    m.id = ins->value(0).toLongLong();
    ins->finish();
    return SendResult{true, {}, {}, m};
}

}  // namespace sb::chat
