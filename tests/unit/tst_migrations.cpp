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
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM messages")));
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
