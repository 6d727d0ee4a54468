// The member chat service as the server knows it (services/descriptor.h): settings, limits,
// and its tables (chats, files, smiles, messages).
#include "chatservice.h"

#include "services/descriptor.h"

namespace sb::registered {

namespace {
const SettingField<chat::ChatSettings> kFields[] = {
    {"text_price", &chat::ChatSettings::textPrice, 0, 1'000'000},
    {"history_limit", &chat::ChatSettings::historyLimit, 0, 100'000},
    {"file_bytes", &chat::ChatSettings::fileBytes, 1, 1'000'000'000},
};

// sb_store_texts as migration 11 wrote it and migration 14 writes it again, `lock` the
// clause that locks the batch's senders.
QString storeTextsFunction(QLatin1String lock)
{
    return QStringLiteral(
        "CREATE OR REPLACE FUNCTION sb_store_texts(batch TEXT, cost BIGINT)"
        " RETURNS TABLE (n BIGINT, message_id BIGINT, balance BIGINT) LANGUAGE plpgsql AS $$"
        " #variable_conflict use_column\n"
        " BEGIN RETURN QUERY"
        " WITH input AS ("
        "   SELECT t.n, t.chat, t.member, t.date, t.text,"
        "          row_number() OVER (PARTITION BY t.member ORDER BY t.n) AS k"
        "   FROM json_to_recordset(batch::json) AS t(n BIGINT, chat BIGINT, member BIGINT, date TEXT, text TEXT)),"
        " senders AS ("
        "   SELECT u.id, u.role, u.balance FROM users u WHERE u.id IN (SELECT member FROM input) ")
        + lock
        + QLatin1String(
        "),"
        " decided AS ("
        "   SELECT i.*, s.id IS NULL AS unknown, COALESCE(s.role = 'member' AND cost > 0, false) AS pays,"
        "          s.balance AS had"
        "   FROM input i LEFT JOIN senders s ON s.id = i.member),"
        // (A sub-select with ORDER BY is not flattened: nextval runs in that order.)
        " ok AS ("
        "   SELECT nextval('messages_id_seq') AS id, o.* FROM"
        "   (SELECT d.* FROM decided d WHERE NOT d.unknown AND (NOT d.pays OR d.k * cost <= d.had) ORDER BY d.n) o),"
        " charged AS ("
        "   UPDATE users u SET balance = u.balance - c.total"
        "   FROM (SELECT member, count(*) * cost AS total FROM ok WHERE pays GROUP BY member) c"
        "   WHERE u.id = c.member),"
        " stored AS ("
        "   INSERT INTO messages (id, chat_id, member_id, date, type, text, price)"
        "   SELECT id, chat, member, date, 'text', text, CASE WHEN pays THEN cost ELSE 0 END FROM ok)"
        " SELECT o.n, o.id, NULL::BIGINT FROM ok o"
        " UNION ALL"
        " SELECT d.n, NULL::BIGINT,"
        "        (CASE WHEN d.unknown THEN -1 ELSE d.had - LEAST(d.k - 1, d.had / cost) * cost END)::BIGINT"
        "   FROM decided d WHERE d.unknown OR (d.pays AND d.k * cost > d.had);"
        " END $$");
}
}  // namespace

const ServiceDescriptor &chat()
{
    static const ServiceDescriptor d{
        QStringLiteral("chat"),
        8000,
        [](Limits l) {
            // A file frame carries up to file_bytes plus its JSON info; smiles come over HTTP.
            l.frameBytes = 5'000'000 + 64 * 1024;
            l.messageBytes = 5'000'000 + 64 * 1024;
            l.bodyBytes = 5'000'000 + 64 * 1024;
            l.messagesPerSecond = 50;
            // Files of up to 5 MB go to every socket of both members: room for three of them.
            l.sendQueueBytes = 16 * 1024 * 1024;
            return l;
        },
        SettingsSchema(kFields),
        {
        {2,
         {
             // Member chat (seed 001). A chat is the pair of members, smaller id first.
             QStringLiteral("CREATE TABLE chats ("
                            " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                            " member_a INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                            " member_b INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                            " created_at TEXT NOT NULL,"
                            " UNIQUE (member_a, member_b),"
                            " CHECK (member_a < member_b))"),
             // Stored files: the name on disk is the uuid; the client's name is only data.
             QStringLiteral("CREATE TABLE files ("
                            " uuid TEXT PRIMARY KEY,"
                            " original_name TEXT NOT NULL,"
                            " content_type TEXT NOT NULL,"
                            " size INTEGER NOT NULL,"
                            " uploader_id INTEGER REFERENCES users(id) ON DELETE SET NULL,"
                            " created_at TEXT NOT NULL)"),
             QStringLiteral("CREATE TABLE smiles ("
                            " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                            " file_uuid TEXT NOT NULL REFERENCES files(uuid),"
                            " price INTEGER NOT NULL DEFAULT 0 CHECK (price >= 0),"
                            " created_at TEXT NOT NULL)"),
             QStringLiteral("CREATE TABLE messages ("
                            " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                            " chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,"
                            " member_id INTEGER NOT NULL REFERENCES users(id),"
                            " date TEXT NOT NULL,"
                            " type TEXT NOT NULL CHECK (type IN ('text','smile','file')),"
                            " text TEXT,"
                            " smile_id INTEGER REFERENCES smiles(id),"
                            " file_uuid TEXT REFERENCES files(uuid),"
                            " price INTEGER NOT NULL DEFAULT 0)"),
             QStringLiteral("CREATE INDEX messages_chat ON messages(chat_id, id)"),
         }},
        {5,
         {
             // A removed smile is retired, not deleted: old messages keep showing it, new
             // ones cannot use it, and it leaves the grid.
             QStringLiteral("ALTER TABLE smiles ADD COLUMN retired INTEGER NOT NULL DEFAULT 0"),
         }},
        {8,
         {
             // SQLite: nothing; the embedded server keeps file bytes in <data dir>/files.
         },
         {
             // A cluster keeps them in PostgreSQL, where every node can serve them
             // (docs/cluster.md, "What is shared").
             QStringLiteral("CREATE TABLE file_contents ("
                            " uuid TEXT PRIMARY KEY,"
                            " data BYTEA NOT NULL)"),
         }},
        {10,
         {
             // SQLite: nothing; its writer runs in the same process.
         },
         {
             // PostgreSQL: a batch of text messages charged and stored in one statement,
             // one round trip (chatwriterpg.cpp), with the writer's rules: members pay the
             // price per text while their balance lasts, in the batch's order; everyone else
             // writes for free. One row per message: its id, or the balance that was not
             // enough (-1: no such sender). Messages are inserted in the batch's order; rows
             // that look alike (one sender, one date, one text) get their ids in that order.
             QStringLiteral(
                 "CREATE FUNCTION sb_store_texts(batch TEXT, cost BIGINT)"
                 " RETURNS TABLE (n BIGINT, message_id BIGINT, balance BIGINT) LANGUAGE plpgsql AS $$"
                 " #variable_conflict use_column\n"  // (PL/pgSQL keeps the plan between calls)
                 " BEGIN RETURN QUERY"
                 " WITH input AS ("
                 "   SELECT t.n, t.chat, t.member, t.date, t.text,"
                 "          row_number() OVER (PARTITION BY t.member ORDER BY t.n) AS k"
                 "   FROM json_to_recordset(batch::json) AS t(n BIGINT, chat BIGINT, member BIGINT, date TEXT, text TEXT)),"
                 " senders AS ("
                 "   SELECT u.id, u.role, u.balance FROM users u WHERE u.id IN (SELECT member FROM input) FOR UPDATE),"
                 " decided AS ("
                 "   SELECT i.*, s.id IS NULL AS unknown, COALESCE(s.role = 'member' AND cost > 0, false) AS pays,"
                 "          s.balance AS had"
                 "   FROM input i LEFT JOIN senders s ON s.id = i.member),"
                 " ok AS (SELECT d.* FROM decided d WHERE NOT d.unknown AND (NOT d.pays OR d.k * cost <= d.had)),"
                 " charged AS ("
                 "   UPDATE users u SET balance = u.balance - c.total"
                 "   FROM (SELECT member, count(*) * cost AS total FROM ok WHERE pays GROUP BY member) c"
                 "   WHERE u.id = c.member),"
                 " stored AS ("
                 "   INSERT INTO messages (chat_id, member_id, date, type, text, price)"
                 "   SELECT chat, member, date, 'text', text, CASE WHEN pays THEN cost ELSE 0 END FROM ok ORDER BY n"
                 "   RETURNING id, member_id, date, text),"
                 " stored_ranked AS ("
                 "   SELECT s.*, row_number() OVER (PARTITION BY s.member_id, s.date, s.text ORDER BY s.id) AS r FROM stored s),"
                 " ok_ranked AS ("
                 "   SELECT o.n, o.member, o.date, o.text,"
                 "          row_number() OVER (PARTITION BY o.member, o.date, o.text ORDER BY o.n) AS r FROM ok o)"
                 " SELECT o.n, s.id::BIGINT, NULL::BIGINT FROM ok_ranked o"
                 "   JOIN stored_ranked s ON s.member_id = o.member AND s.date = o.date AND s.text = o.text AND s.r = o.r"
                 " UNION ALL"
                 " SELECT d.n, NULL::BIGINT,"
                 "        (CASE WHEN d.unknown THEN -1 ELSE d.had - LEAST(d.k - 1, d.had / cost) * cost END)::BIGINT"
                 "   FROM decided d WHERE d.unknown OR (d.pays AND d.k * cost > d.had);"
                 " END $$"),
         }},
        {11,
         {
             // SQLite: nothing; its foreign keys cost little in the same process.
         },
         {
             // PostgreSQL checks a foreign key row by row: each inserted message ran two
             // look-ups with a row lock (its chat, its sender), more than half of what storing
             // a text cost (docs/benchmarks.md, "Cluster"). The same rules, checked once per
             // statement over all its rows: every chat and sender a new or changed message
             // names is locked as a foreign key locks it (FOR KEY SHARE, so it cannot go away
             // before this transaction ends) and must exist; a deleted chat takes its messages
             // with it; a member who wrote messages outside their own chats cannot be deleted.
             // (Ids of users and chats are never changed.)
             QStringLiteral("ALTER TABLE messages DROP CONSTRAINT messages_chat_id_fkey, DROP CONSTRAINT messages_member_id_fkey"),
             QStringLiteral(
                 "CREATE FUNCTION sb_messages_keys() RETURNS trigger LANGUAGE plpgsql AS $$"
                 " DECLARE found BIGINT;"
                 " BEGIN"
                 "  SELECT count(*) INTO found FROM (SELECT c.id FROM chats c"
                 "   WHERE c.id IN (SELECT chat_id FROM added) ORDER BY c.id FOR KEY SHARE) x;"
                 "  IF found <> (SELECT count(DISTINCT chat_id) FROM added) THEN"
                 "   RAISE foreign_key_violation USING MESSAGE = 'a message names a chat that does not exist';"
                 "  END IF;"
                 "  SELECT count(*) INTO found FROM (SELECT u.id FROM users u"
                 "   WHERE u.id IN (SELECT member_id FROM added) ORDER BY u.id FOR KEY SHARE) x;"
                 "  IF found <> (SELECT count(DISTINCT member_id) FROM added) THEN"
                 "   RAISE foreign_key_violation USING MESSAGE = 'a message names a sender who does not exist';"
                 "  END IF;"
                 "  RETURN NULL;"
                 " END $$"),
             QStringLiteral("CREATE TRIGGER messages_keys_added AFTER INSERT ON messages REFERENCING NEW TABLE AS added"
                            " FOR EACH STATEMENT EXECUTE FUNCTION sb_messages_keys()"),
             QStringLiteral("CREATE TRIGGER messages_keys_changed AFTER UPDATE ON messages REFERENCING NEW TABLE AS added"
                            " FOR EACH STATEMENT EXECUTE FUNCTION sb_messages_keys()"),
             QStringLiteral("CREATE FUNCTION sb_chats_gone() RETURNS trigger LANGUAGE plpgsql AS $$"
                            " BEGIN DELETE FROM messages WHERE chat_id IN (SELECT id FROM gone); RETURN NULL; END $$"),
             QStringLiteral("CREATE TRIGGER chats_gone AFTER DELETE ON chats REFERENCING OLD TABLE AS gone"
                            " FOR EACH STATEMENT EXECUTE FUNCTION sb_chats_gone()"),
             // (After the cascade of the user's own chats, which runs first.)
             QStringLiteral(
                 "CREATE FUNCTION sb_users_gone() RETURNS trigger LANGUAGE plpgsql AS $$"
                 " BEGIN"
                 "  IF EXISTS (SELECT 1 FROM messages m WHERE m.member_id IN (SELECT id FROM gone)) THEN"
                 "   RAISE foreign_key_violation USING MESSAGE = 'a member who wrote messages cannot be deleted';"
                 "  END IF;"
                 "  RETURN NULL;"
                 " END $$"),
             QStringLiteral("CREATE TRIGGER users_gone AFTER DELETE ON users REFERENCING OLD TABLE AS gone"
                            " FOR EACH STATEMENT EXECUTE FUNCTION sb_users_gone()"),
             // sb_store_texts (migration 10) again, with the same rules and answers: ids are
             // taken in the batch's order before the insert, so the answer needs no join of
             // what was inserted back to the input.
             storeTextsFunction(QLatin1String("FOR UPDATE")),
         }},
        {12,
         {
             // How far each member has read each of their chats (beyond the seed): the
             // newest message id seen. GET /members counts what came after it (docs/chat.md).
             QStringLiteral("CREATE TABLE chat_reads ("
                            " chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,"
                            " member_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                            " last_read INTEGER NOT NULL,"
                            " PRIMARY KEY (chat_id, member_id))"),
         }},
        {13,
         {
             // SQLite checked `type IN ('text','smile','file')` by building a table of the
             // three words for every row inserted: a third of what inserting a text cost
             // (docs/performance.md). The same rule written with OR is three comparisons.
             // SQLite cannot change a CHECK: the table is rebuilt with the same rows, and its
             // AUTOINCREMENT counter moves along (no id is ever used twice, even one whose
             // message went with its chat).
             QStringLiteral("CREATE TABLE messages_v13 ("
                            " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                            " chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,"
                            " member_id INTEGER NOT NULL REFERENCES users(id),"
                            " date TEXT NOT NULL,"
                            " type TEXT NOT NULL CHECK (type = 'text' OR type = 'smile' OR type = 'file'),"
                            " text TEXT,"
                            " smile_id INTEGER REFERENCES smiles(id),"
                            " file_uuid TEXT REFERENCES files(uuid),"
                            " price INTEGER NOT NULL DEFAULT 0)"),
             QStringLiteral("INSERT INTO messages_v13 (id, chat_id, member_id, date, type, text, smile_id, file_uuid, price)"
                            " SELECT id, chat_id, member_id, date, type, text, smile_id, file_uuid, price FROM messages ORDER BY id"),
             QStringLiteral("DELETE FROM sqlite_sequence WHERE name = 'messages_v13'"),
             QStringLiteral("UPDATE sqlite_sequence SET name = 'messages_v13' WHERE name = 'messages'"),
             QStringLiteral("DROP TABLE messages"),
             QStringLiteral("ALTER TABLE messages_v13 RENAME TO messages"),  // (its counter too)
             QStringLiteral("CREATE INDEX messages_chat ON messages(chat_id, id)"),
         },
         {
             // PostgreSQL checks an IN list of constants without building anything: nothing
             // to change.
             QStringLiteral("SELECT 1"),
         }},
        {14,
         {
             // SQLite: nothing; one writer at a time (BEGIN IMMEDIATE).
         },
         {
             // PostgreSQL: two nodes' writers lock the senders of their batches at the same
             // time. Locked in the order a scan found them, a batch could hold member 2 and
             // wait for member 1 while the other node's held 1 and waited for 2: a deadlock,
             // which costs both a second (deadlock_timeout) and one of them its batch. Every
             // writer now locks a batch's senders in the order of their ids (a batch that is
             // not only texts too: ChatWriter::lockSenders), and with the lock an UPDATE of
             // a balance takes (FOR NO KEY UPDATE), which does not wait for a transaction that
             // only made sure the member exists (FOR KEY SHARE: a new chat, a free message).
             storeTextsFunction(QLatin1String("ORDER BY u.id FOR NO KEY UPDATE")),
         }},
        },
        [](ServerContext &context) -> std::unique_ptr<Service> { return std::make_unique<chat::ChatService>(context); },
    };
    return d;
}

}  // namespace sb::registered
