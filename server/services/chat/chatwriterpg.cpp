// ChatWriter on PostgreSQL: a batch of text messages charged and stored in one round trip,
// one statement that is its own transaction (false: it failed, and changed nothing).
// Statement by statement, each message costs two (charge, insert), and a round trip to
// another process is what a PostgreSQL write costs most; sb_store_texts (the chat's
// migration 10) applies the same rules to the whole batch in one set-based statement and
// answers one row per message: its id, or the balance that was not enough.
//
// The statement runs on the connection's own PGconn (store/pgstatements.h): the batch goes
// as one parameter, JSON written here straight from the messages, and the answer is read
// where libpq keeps it. Through Qt Sql the batch was a QJsonArray, its text escaped again
// into an SQL literal that the server parsed once more, and every answer a QVariant: more
// than half of what the writer thread spent on a message.
#include "chatstore.h"

#include "store/database.h"
#include "store/pgstatements.h"

#include <algorithm>

namespace sb::chat {

bool ChatWriter::processTexts(QSqlDatabase &db, const QList<Pending> &batch, QList<SendResult> *results)
{
    QList<ChatMessage> messages;
    messages.reserve(batch.size());
    QByteArray rows;
    rows.reserve(batch.size() * 96);
    rows.append('[');
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const ChatMessage &m = messages.emplace_back(batch[i].first.draft());
        rows.append(i ? ",{\"n\":" : "{\"n\":");
        appendJsonNumber(rows, i);
        rows.append(",\"chat\":");
        appendJsonNumber(rows, m.chatId);
        rows.append(",\"member\":");
        appendJsonNumber(rows, m.memberId);
        rows.append(",\"date\":");
        appendJsonString(rows, m.date);
        rows.append(",\"text\":");
        appendJsonString(rows, m.text);
        rows.append('}');
    }
    rows.append(']');
    const PgResult r = m_pg.run(PgStatements::handleOf(db), PgStoreTexts,
                                "SELECT n, message_id, balance FROM sb_store_texts($1, $2)", {rows, QByteArray::number(m_textPrice)});
    if (!r.ok())
        return false;
    QList<std::optional<SendResult>> byIndex(batch.size());
    for (int row = 0; row < r.rows(); ++row) {
        const qint64 n = r.int64At(row, 0);
        if (n < 0 || n >= batch.size())
            continue;
        ChatMessage &m = messages[n];
        if (!r.isNull(row, 1)) {
            m.id = r.int64At(row, 1);
            byIndex[n] = SendResult{true, {}, {}, std::move(m)};
        } else if (r.int64At(row, 2) < 0) {
            byIndex[n] = SendResult::unknownSender();
        } else {
            byIndex[n] = SendResult::notEnoughCoins(m_textPrice, r.int64At(row, 2));
        }
    }
    // The statement committed: every message has its row (one per input, by construction);
    // one without would be answered as not stored rather than stored twice.
    for (auto &result : byIndex)
        results->append(result ? std::move(*result) : SendResult::notStored());
    return true;
}

bool ChatWriter::lockSenders(QSqlDatabase &db, const QList<Pending> &batch)
{
    QList<qint64> ids;
    ids.reserve(batch.size());
    for (const Pending &p : batch)
        ids.append(p.first.senderId);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    QByteArray array("{");
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (i)
            array.append(',');
        appendJsonNumber(array, ids[i]);
    }
    array.append('}');
    // (The lock a charge's UPDATE takes; migration 14.)
    const PgResult r = m_pg.run(PgStatements::handleOf(db), PgLockSenders,
                                "SELECT id FROM users WHERE id = ANY($1::BIGINT[]) ORDER BY id FOR NO KEY UPDATE", {array});
    return r.ok();
}

}  // namespace sb::chat
