// ChatWriter: every chat message a client is told about is charged and stored here, on the
// writer's own thread and connection, in batches (chatstore.h). The dialects' fast paths
// are chatwriterpg.cpp (a batch of texts in one statement) and chatwritersqlite.cpp (a text
// on the connection's own handle); what is here serves both.
#include "chatstore.h"

#include "logging.h"
#include "protocol/accounts.h"
#include "protocol/chat.h"
#include "net/worker.h"
#include "store/database.h"
#include "telemetry/counters.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace sb::chat {

using namespace protocol::chat;

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
