// ChatWriter on SQLite, a text message: the charge and the insert run as statements on the
// connection's own sqlite3 handle (store/sqlitestatements.h), bound by position. Through Qt
// Sql each value went through a QVariant and a placeholder name hashed per row, which cost
// more than SQLite's own work for the row. The rules are the Qt path's (charge(), insert()):
// a member pays with one conditional UPDATE, and only when it changes nothing is the reason
// read (unpaid(), on Qt Sql: rare).
#include "chatstore.h"

#include "logging.h"
#include "protocol/chat.h"

namespace sb::chat {

using namespace protocol::chat;

namespace {
SendResult failedStatement(SqliteStatement &s, bool *failed)
{
    qCWarning(lcStore) << "chat write failed:" << s.error();
    s.reset();
    return SendResult::broken(failed);
}
}  // namespace

SendResult ChatWriter::processText(QSqlDatabase &db, sqlite3 *native, const SendRequest &r, bool *failed)
{
    ChatMessage m = r.draft();
    qint64 price = m_textPrice;
    bool paid = false;
    if (price > 0) {
        SqliteStatement *charge = m_native.get(
            native, NativeCharge, "UPDATE users SET balance = balance - ?1 WHERE id = ?2 AND role = 'member' AND balance >= ?1");
        if (!charge)
            return SendResult::broken(failed);
        charge->bind(1, price);
        charge->bind(2, r.senderId);
        if (charge->step() != SqliteStatement::Step::Done)
            return failedStatement(*charge, failed);
        paid = charge->changes() == 1;
        charge->reset();
    }
    if (!paid) {
        if (auto refusal = unpaid(db, r, price, failed))
            return *refusal;
    }
    SqliteStatement *insert = m_native.get(native, NativeInsertText,
                                           "INSERT INTO messages (chat_id, member_id, date, type, text, price) "
                                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!insert)
        return SendResult::broken(failed);
    insert->bind(1, m.chatId);
    insert->bind(2, m.memberId);
    insert->bind(3, m.date);
    insert->bind(4, m.type);
    insert->bind(5, m.text);
    insert->bind(6, price);
    if (insert->step() != SqliteStatement::Step::Done)
        return failedStatement(*insert, failed);
    m.id = insert->lastInsertRowid();  // (the writer's own connection: nothing else inserts on it)
    insert->reset();
    return SendResult{true, {}, {}, m};
}

}  // namespace sb::chat
