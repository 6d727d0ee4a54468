// Every schema version upgrades to the latest with its data intact (docs/architecture.md,
// "Where a change goes": numbered migrations, tested from each old version) — on SQLite, and
// on PostgreSQL when the cluster label runs it (SB_TEST_CLUSTER: a fresh database each time).
#include "services/descriptor.h"
#include "store/database.h"
#include "testserver.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace sb;

// A store of the dialect under test, at `path` for SQLite (or a fresh PostgreSQL database).
std::unique_ptr<Database> store(const QString &path, std::vector<Migration> schema = sb::schemaMigrations())
{
    if (const auto url = sbtest::freshClusterDatabase())
        return std::make_unique<Database>(*PostgresAddress::parse(url->toString(), nullptr), std::move(schema));
    return std::make_unique<Database>(path, std::move(schema));
}
// The same store again (another process, a newer build).
std::unique_ptr<Database> reopen(const Database &db)
{
    if (const auto server = db.postgresAddress())
        return std::make_unique<Database>(*server, sb::schemaMigrations());
    return std::make_unique<Database>(db.filePath(), sb::schemaMigrations());
}

class TestMigrations : public QObject {
    Q_OBJECT
private slots:
    // The accounts' and every service's migrations make one sequence (services/descriptor.h);
    // a service that took a number already used, or skipped one, is refused at start-up.
    void schemaIsOneSequence()
    {
        const auto &all = sb::schemaMigrations();
        for (size_t i = 0; i < all.size(); ++i)
            QCOMPARE(all[i].version, int(i) + 1);
        QTemporaryDir dir;
        auto db = store(dir.filePath(QStringLiteral("gap.sqlite")),
                        {{1, {QStringLiteral("CREATE TABLE a (x INTEGER)")}}, {3, {QStringLiteral("CREATE TABLE b (x INTEGER)")}}});
        QString error;
        QVERIFY(!db->open(&error));
        QVERIFY2(error.contains(QStringLiteral("found 3 where 2 belongs")), qPrintable(error));
    }
    void upgradesFromEveryVersion_data()
    {
        QTest::addColumn<int>("from");
        for (int v = 1; v < sb::schemaMigrations().back().version; ++v)
            QTest::newRow(qPrintable(QStringLiteral("v%1").arg(v))) << v;
    }
    void upgradesFromEveryVersion()
    {
        QFETCH(int, from);
        QTemporaryDir dir;
        std::unique_ptr<Database> old = store(dir.filePath(QStringLiteral("old.sqlite")));
        {
            QString error;
            QVERIFY2(old->open(&error, from), qPrintable(error));
            QCOMPARE(old->schemaVersion(), from);
            {
                QSqlDatabase db = old->connection();
                QSqlQuery q(db);
                QVERIFY(q.exec(QStringLiteral("INSERT INTO users (uuid, email, password_hash, "
                                              "role, balance, created_at)"
                                              " VALUES ('u-1', 'old@mail.com', 'x', 'premium', "
                                              "42, '2026-01-01T00:00:00.000Z')")));
                q.prepare(QStringLiteral("INSERT INTO api_tokens (name, scope, token_hash, created_at, revoked_at) VALUES ('bot', 'private', ?, 5, 7)"));
                q.addBindValue(QByteArray("\x01\x02", 2));
                QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
                if (from >= 2) {  // the chat's tables: a conversation of two with one message
                    QVERIFY(q.exec(QStringLiteral("INSERT INTO users (uuid, email, password_hash, created_at) VALUES ('u-3', 'other@mail.com', 'x', '')")));
                    QVERIFY2(q.exec(QStringLiteral("INSERT INTO chats (member_a, member_b, created_at) SELECT MIN(id), MAX(id), '' FROM users")),
                             qPrintable(q.lastError().text()));
                    QVERIFY2(q.exec(QStringLiteral("INSERT INTO messages (chat_id, member_id, date, type, text)"
                                                   " SELECT id, member_a, 'd', 'text', 'kept' FROM chats")),
                             qPrintable(q.lastError().text()));
                }
            }
            old->closeThisThread();
        }
        std::unique_ptr<Database> later = reopen(*old);
        Database &current = *later;
        QString error;
        QVERIFY2(current.open(&error), qPrintable(error));
        QCOMPARE(current.schemaVersion(), sb::schemaMigrations().back().version);
        {
            QSqlDatabase db = current.connection();
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT email, role, balance FROM users")) && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("old@mail.com"));
            QCOMPARE(q.value(1).toString(), QStringLiteral("premium"));
            QCOMPARE(q.value(2).toInt(), 42);
            q.finish();
            // The newest tables exist and work.
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM view_counts")));
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM felix_documents")));
            QVERIFY(q.exec(QStringLiteral("SELECT text FROM messages")));
            if (from >= 2) {
                QVERIFY(q.next());
                QCOMPARE(q.value(0).toString(), QStringLiteral("kept"));
            }
            q.finish();
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM audit_log")));
            // API tokens keep their rows through the table's rebuild (7), and take the admin scope.
            QVERIFY(q.exec(QStringLiteral("SELECT name, scope, token_hash, created_at, revoked_at FROM api_tokens")) && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("bot"));
            QCOMPARE(q.value(1).toString(), QStringLiteral("private"));
            QCOMPARE(q.value(2).toByteArray(), QByteArray("\x01\x02", 2));
            QCOMPARE(q.value(4).toLongLong(), 7);
            q.finish();
            // Emails are one account whatever their case, on both dialects.
            QVERIFY(!q.exec(QStringLiteral("INSERT INTO users (uuid, email, password_hash, created_at) VALUES ('u-2', 'OLD@mail.com', 'x', '')")));
            q.prepare(QStringLiteral("INSERT INTO api_tokens (name, scope, token_hash, created_at) VALUES (?, ?, ?, 9)"));
            q.addBindValue(QStringLiteral("ops"));
            q.addBindValue(QStringLiteral("admin"));
            q.addBindValue(QByteArray("\x03"));
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));  // and the id sequence goes on
            q.addBindValue(QStringLiteral("x"));
            q.addBindValue(QStringLiteral("root"));
            q.addBindValue(QByteArray("\x04"));
            QVERIFY(!q.exec());
        }
        current.closeThisThread();
    }

    // A message names a chat and a sender that exist (PostgreSQL checks this per statement
    // since migration 11, SQLite with its foreign keys): the same answers on both dialects.
    void messagesKeepTheirKeys()
    {
        QTemporaryDir dir;
        std::unique_ptr<Database> db = store(dir.filePath(QStringLiteral("keys.sqlite")));
        QString error;
        QVERIFY2(db->open(&error), qPrintable(error));
        {
            QSqlDatabase c = db->connection();
            QSqlQuery q(c);
            const auto exec = [&q](const char *sql) { return q.exec(QString::fromLatin1(sql)); };
            const auto count = [&q](const char *sql) { return q.exec(QString::fromLatin1(sql)) && q.next() ? q.value(0).toInt() : -1; };
            for (const char *who : {"a", "b", "c", "d"})
                QVERIFY(q.exec(QStringLiteral("INSERT INTO users (uuid, email, password_hash, created_at) VALUES ('%1', '%1@mail.com', 'x', '')").arg(QLatin1String(who))));
            QVERIFY(exec("INSERT INTO chats (member_a, member_b, created_at) SELECT MIN(id), MIN(id) + 1, '' FROM users"));
            QVERIFY(exec("INSERT INTO chats (member_a, member_b, created_at) SELECT MIN(id) + 2, MIN(id) + 3, '' FROM users"));
            const int first = count("SELECT MIN(id) FROM chats");
            const int member = count("SELECT MIN(id) FROM users");
            const auto insert = [&](int chat, int sender, const QString &text) {
                return q.exec(QStringLiteral("INSERT INTO messages (chat_id, member_id, date, type, text) VALUES (%1, %2, 'd', 'text', '%3')")
                                  .arg(chat)
                                  .arg(sender)
                                  .arg(text));
            };
            QVERIFY2(insert(first, member, QStringLiteral("hello")), qPrintable(q.lastError().text()));
            QVERIFY(insert(first + 1, member + 2, QStringLiteral("there")));
            // Several rows in one statement, each checked.
            QVERIFY(exec("INSERT INTO messages (chat_id, member_id, date, type, text) SELECT id, member_a, 'd', 'text', 'both' FROM chats"));
            QVERIFY(!insert(first + 7, member, QStringLiteral("no such chat")));
            QVERIFY(!insert(first, member + 9, QStringLiteral("no such sender")));
            QVERIFY(!exec("INSERT INTO messages (chat_id, member_id, date, type, text) SELECT id, member_a + 9, 'd', 'text', 'x' FROM chats"));
            QVERIFY(!q.exec(QStringLiteral("UPDATE messages SET chat_id = %1 WHERE text = 'hello'").arg(first + 7)));
            QCOMPARE(count("SELECT COUNT(*) FROM messages"), 4);
            // A deleted chat takes its messages along; a member whose chats are gone goes too;
            // one who wrote in someone else's chat cannot be deleted.
            QVERIFY(q.exec(QStringLiteral("DELETE FROM chats WHERE id = %1").arg(first)));
            QCOMPARE(count("SELECT COUNT(*) FROM messages"), 2);
            QVERIFY(insert(first + 1, member + 1, QStringLiteral("a guest")));
            QVERIFY(!q.exec(QStringLiteral("DELETE FROM users WHERE id = %1").arg(member + 1)));
            QVERIFY(q.exec(QStringLiteral("DELETE FROM users WHERE id = %1").arg(member + 3)));
            QCOMPARE(count("SELECT COUNT(*) FROM messages"), 0);
            QCOMPARE(count("SELECT COUNT(*) FROM chats"), 0);
        }
        db->closeThisThread();
    }

    // Migration 13 rebuilds SQLite's messages table (its type CHECK): the rows keep their ids,
    // the id counter goes on past an id whose message is gone, the rule and the history
    // index are still there.
    void messagesKeepTheirIdsThroughTheRebuild()
    {
        QTemporaryDir dir;
        std::unique_ptr<Database> old = store(dir.filePath(QStringLiteral("v12.sqlite")));
        qint64 gone = 0;
        {
            QString error;
            QVERIFY2(old->open(&error, 12), qPrintable(error));
            QSqlDatabase c = old->connection();
            QSqlQuery q(c);
            for (const char *who : {"a", "b"})
                QVERIFY(q.exec(QStringLiteral("INSERT INTO users (uuid, email, password_hash, created_at) VALUES ('%1', '%1@mail.com', 'x', '')").arg(QLatin1String(who))));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO chats (member_a, member_b, created_at) SELECT MIN(id), MAX(id), '' FROM users")));
            for (const char *text : {"one", "two", "three"})
                QVERIFY(q.exec(QStringLiteral("INSERT INTO messages (chat_id, member_id, date, type, text) SELECT id, member_a, 'd', 'text', '%1' FROM chats")
                                   .arg(QLatin1String(text))));
            QVERIFY(q.exec(QStringLiteral("SELECT MAX(id) FROM messages")) && q.next());
            gone = q.value(0).toLongLong();
            q.finish();
            QVERIFY(q.exec(QStringLiteral("DELETE FROM messages WHERE id = %1").arg(gone)));
            old->closeThisThread();
        }
        std::unique_ptr<Database> later = reopen(*old);
        QString error;
        QVERIFY2(later->open(&error), qPrintable(error));
        {
            QSqlDatabase c = later->connection();
            QSqlQuery q(c);
            QVERIFY(q.exec(QStringLiteral("SELECT id, text FROM messages ORDER BY id")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toLongLong(), gone - 2);
            QCOMPARE(q.value(1).toString(), QStringLiteral("one"));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toLongLong(), gone - 1);
            QVERIFY(!q.next());
            q.finish();
            QVERIFY2(q.exec(QStringLiteral("INSERT INTO messages (chat_id, member_id, date, type, text) SELECT id, member_a, 'd', 'smile', 'four' FROM chats")),
                     qPrintable(q.lastError().text()));
            QVERIFY(q.exec(QStringLiteral("SELECT MAX(id) FROM messages")) && q.next());
            QVERIFY2(q.value(0).toLongLong() > gone, qPrintable(QString::number(q.value(0).toLongLong())));
            q.finish();
            QVERIFY(!q.exec(QStringLiteral("INSERT INTO messages (chat_id, member_id, date, type, text) SELECT id, member_a, 'd', 'video', 'x' FROM chats")));
            if (later->dialect() == Database::Dialect::Sqlite) {
                QVERIFY(q.exec(QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'messages'")) && q.next());
                QCOMPARE(q.value(0).toString(), QStringLiteral("CREATE INDEX messages_chat ON messages(chat_id, id)"));
                q.finish();
                QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = 'messages_v13'")) && q.next());
                QCOMPARE(q.value(0).toInt(), 0);
            }
        }
        later->closeThisThread();
    }

    void refusesANewerSchema()
    {
        QTemporaryDir dir;
        std::unique_ptr<Database> first = store(dir.filePath(QStringLiteral("future.sqlite")));
        {
            QString error;
            QVERIFY(first->open(&error));
            {
                QSqlDatabase c = first->connection();
                QSqlQuery q(c);
                const int future = sb::schemaMigrations().back().version + 1;
                QVERIFY(q.exec(first->dialect() == Database::Dialect::Postgres ? QStringLiteral("UPDATE schema_version SET version = %1").arg(future)
                                                                              : QStringLiteral("PRAGMA user_version=%1").arg(future)));
            }
            first->closeThisThread();
        }
        std::unique_ptr<Database> db = reopen(*first);
        QString error;
        QVERIFY(!db->open(&error));
        QVERIFY2(error.contains(QStringLiteral("newer than this build")), qPrintable(error));
        db->closeThisThread();
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
