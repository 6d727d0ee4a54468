// Every schema version upgrades to the latest with its data intact (docs/architecture.md,
// "Where a change goes": numbered migrations, tested from each old version).
#include "services/descriptor.h"
#include "store/database.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace sb;

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
        Database db(dir.filePath(QStringLiteral("gap.sqlite")),
                    {{1, {QStringLiteral("CREATE TABLE a (x)")}}, {3, {QStringLiteral("CREATE TABLE b (x)")}}});
        QString error;
        QVERIFY(!db.open(&error));
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
        const QString path = dir.filePath(QStringLiteral("old.sqlite"));
        {
            Database old(path, sb::schemaMigrations());
            QString error;
            QVERIFY2(old.open(&error, from), qPrintable(error));
            QCOMPARE(old.schemaVersion(), from);
            {
                QSqlDatabase db = old.connection();
                QSqlQuery q(db);
                QVERIFY(q.exec(QStringLiteral("INSERT INTO users (uuid, email, password_hash, "
                                              "role, balance, created_at)"
                                              " VALUES ('u-1', 'old@mail.com', 'x', 'premium', "
                                              "42, '2026-01-01T00:00:00.000Z')")));
                QVERIFY(q.exec(QStringLiteral("INSERT INTO api_tokens (name, scope, token_hash, created_at, revoked_at)"
                                              " VALUES ('bot', 'private', x'0102', 5, 7)")));
            }
            old.closeThisThread();
        }
        Database current(path, sb::schemaMigrations());
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
            QVERIFY(q.exec(QStringLiteral("INSERT INTO api_tokens (name, scope, token_hash, created_at) VALUES ('ops', 'admin', x'03', 9)")));
            QVERIFY(!q.exec(QStringLiteral("INSERT INTO api_tokens (name, scope, token_hash, created_at) VALUES ('x', 'root', x'04', 9)")));
        }
        current.closeThisThread();
    }

    void refusesANewerSchema()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("future.sqlite"));
        {
            Database db(path, sb::schemaMigrations());
            QString error;
            QVERIFY(db.open(&error));
            {
                QSqlDatabase c = db.connection();
                QSqlQuery q(c);
                QVERIFY(q.exec(QStringLiteral("PRAGMA user_version=%1").arg(sb::schemaMigrations().back().version + 1)));
            }
            db.closeThisThread();
        }
        Database db(path, sb::schemaMigrations());
        QString error;
        QVERIFY(!db.open(&error));
        QVERIFY2(error.contains(QStringLiteral("newer than this build")), qPrintable(error));
        db.closeThisThread();
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
