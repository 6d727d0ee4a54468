// ChatWriter on PostgreSQL: a batch of text messages charged and stored in one round trip,
// one statement that is its own transaction (false: it failed, and changed nothing).
// Statement by statement, each message costs two (charge, insert), and a round trip to
// another process is what a PostgreSQL write costs most; sb_store_texts (the chat's
// migration 10) applies the same rules to the whole batch in one set-based statement and
// answers one row per message: its id, or the balance that was not enough.
#include "chatstore.h"

#include "store/database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace sb::chat {

bool ChatWriter::processTexts(QSqlDatabase &db, const QList<Pending> &batch, QList<SendResult> *results)
{
    QJsonArray rows;
    QList<ChatMessage> messages;
    messages.reserve(batch.size());
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const ChatMessage m = batch[i].first.draft();
        messages.append(m);
        rows.append(QJsonObject{{QStringLiteral("n"), double(i)},
                                {QStringLiteral("chat"), double(m.chatId)},
                                {QStringLiteral("member"), double(m.memberId)},
                                {QStringLiteral("date"), m.date},
                                {QStringLiteral("text"), m.text}});
    }
    QSqlQuery *q = run(db, StoreTexts, QStringLiteral("SELECT n, message_id, balance FROM sb_store_texts(:batch, :cost)"),
                       {{QStringLiteral(":batch"), QString::fromUtf8(QJsonDocument(rows).toJson(QJsonDocument::Compact))},
                        {QStringLiteral(":cost"), m_textPrice}});
    if (!q)
        return false;
    QList<std::optional<SendResult>> byIndex(batch.size());
    while (q->next()) {
        const qsizetype n = q->value(0).toLongLong();
        if (n < 0 || n >= batch.size())
            continue;
        ChatMessage &m = messages[n];
        if (!q->value(1).isNull()) {
            m.id = q->value(1).toLongLong();
            byIndex[n] = SendResult{true, {}, {}, m};
        } else if (q->value(2).toLongLong() < 0) {
            byIndex[n] = SendResult::unknownSender();
        } else {
            byIndex[n] = SendResult::notEnoughCoins(m_textPrice, q->value(2).toLongLong());
        }
    }
    q->finish();
    // The statement committed: every message has its row (one per input, by construction);
    // one without would be answered as not stored rather than stored twice.
    for (const auto &r : byIndex)
        results->append(r ? *r : SendResult::notStored());
    return true;
}

}  // namespace sb::chat
