// Statements on a Qt PostgreSQL connection's own PGconn (store/pgstatements.h), on a real
// PostgreSQL (the cluster label: SB_TEST_CLUSTER, a fresh database): values arrive as they
// were sent, whatever they hold; a statement is prepared once per connection, and again when
// the server forgot it or the connection was opened again; a failure says why and leaves the
// connection usable; Qt's statements on the same connection see what these wrote.
#include "store/database.h"
#include "store/pgstatements.h"
#include "testserver.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace sb;

namespace {

std::vector<Migration> schema()
{
    return {{1, {QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT NOT NULL)")}}};
}

const char *const kInsert = "INSERT INTO t (v) VALUES ($1) RETURNING id";

int preparedCount(QSqlDatabase &c)
{
    QSqlQuery q(c);
    if (!q.exec(QStringLiteral("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'sb_native_%'")) || !q.next())
        return -1;
    return q.value(0).toInt();
}

}  // namespace

class TestPgStatements : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        const std::optional<QUrl> url = sbtest::freshClusterDatabase();
        if (!url)
            QSKIP("needs PostgreSQL: run by the cluster label (SB_TEST_CLUSTER)");
        m_db = std::make_unique<Database>(*PostgresAddress::parse(url->toString(), nullptr), schema());
        QString error;
        QVERIFY2(m_db->open(&error), qPrintable(error));
    }

    void cleanup()
    {
        if (m_db)
            m_db->closeThisThread();
        m_db.reset();
    }

    void valuesArriveAsSent()
    {
        QSqlDatabase c = m_db->connection();
        pg_conn *conn = PgStatements::handleOf(c);
        QVERIFY(conn);
        PgStatements statements;
        const QList<QByteArray> values{QByteArray(), QByteArray("plain"), QByteArray("it's \"quoted\" \\ back\\slash $1 ?"),
                                       QByteArray("caf\xc3\xa9 \xf0\x9f\x98\x80"), QByteArray("{\"a\":[1,\"\\u00e9\"]}"),
                                       QByteArray("line\nbreak\ttab"), QByteArray(100000, 'x')};
        QList<qint64> ids;
        for (const QByteArray &v : values) {
            const PgResult r = statements.run(conn, 0, kInsert, {v});
            QVERIFY2(r.ok(), qPrintable(r.error()));
            QCOMPARE(r.rows(), 1);
            QVERIFY(!r.isNull(0, 0));
            ids.append(r.int64At(0, 0));
        }
        QCOMPARE(preparedCount(c), 1);  // once, for every call
        // Qt's statements on the connection read each back as it was sent.
        QSqlQuery q(c);
        for (qsizetype i = 0; i < values.size(); ++i) {
            q.prepare(QStringLiteral("SELECT v FROM t WHERE id = ?"));
            q.addBindValue(ids[i]);
            QVERIFY2(q.exec() && q.next(), qPrintable(q.lastError().text()));
            QCOMPARE(q.value(0).toString().toUtf8(), values[i]);
        }
    }

    void numbersAndNulls()
    {
        QSqlDatabase c = m_db->connection();
        PgStatements statements;
        const PgResult r = statements.run(PgStatements::handleOf(c), 0, "SELECT $1::bigint, NULL::bigint, -$1::bigint", {QByteArray("9007199254740993")});
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QCOMPARE(r.int64At(0, 0), Q_INT64_C(9007199254740993));  // (not through a double)
        QVERIFY(r.isNull(0, 1));
        QCOMPARE(r.int64At(0, 1), 0);
        QCOMPARE(r.int64At(0, 2), Q_INT64_C(-9007199254740993));
    }

    void failureSaysWhyAndTheConnectionGoesOn()
    {
        QSqlDatabase c = m_db->connection();
        pg_conn *conn = PgStatements::handleOf(c);
        PgStatements statements;
        const PgResult divided = statements.run(conn, 0, "SELECT 1 / $1::int", {QByteArray("0")});
        QVERIFY(!divided.ok());
        QCOMPARE(divided.state(), QByteArray("22012"));
        QVERIFY2(divided.error().contains(QStringLiteral("division by zero")), qPrintable(divided.error()));
        QCOMPARE(divided.rows(), 0);
        const PgResult refused = statements.run(conn, 1, "SELECT $1::int", {QByteArray("not a number")});
        QVERIFY(!refused.ok());
        QCOMPARE(refused.state(), QByteArray("22P02"));
        // The same statements go on working, and so do Qt's.
        const PgResult again = statements.run(conn, 0, "SELECT 1 / $1::int", {QByteArray("2")});
        QVERIFY2(again.ok(), qPrintable(again.error()));
        QCOMPARE(again.int64At(0, 0), 0);
        QSqlQuery q(c);
        QVERIFY(q.exec(QStringLiteral("SELECT 1")) && q.next());
        // A statement that cannot be prepared is not ok() either.
        QVERIFY(!statements.run(conn, 2, "SELECT FROM WHERE", {}).ok());
    }

    void preparedAgainWhenForgotten()
    {
        QSqlDatabase c = m_db->connection();
        PgStatements statements;
        QVERIFY(statements.run(PgStatements::handleOf(c), 0, kInsert, {QByteArray("before")}).ok());
        // The server forgets every prepared statement of the session (a pooler's DISCARD ALL).
        QSqlQuery q(c);
        QVERIFY(q.exec(QStringLiteral("DEALLOCATE ALL")));
        QCOMPARE(preparedCount(c), 0);
        const PgResult r = statements.run(PgStatements::handleOf(c), 0, kInsert, {QByteArray("after")});
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QCOMPARE(preparedCount(c), 1);
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM t WHERE v = 'after'")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);  // stored once, not twice
    }

    void preparedAgainOnANewConnection()
    {
        PgStatements statements;
        {
            QSqlDatabase c = m_db->connection();
            QVERIFY(statements.run(PgStatements::handleOf(c), 0, kInsert, {QByteArray("first")}).ok());
            c.close();
        }
        const quint64 generation = Database::connectionGeneration();
        QSqlDatabase c = m_db->connection();  // opened again
        QVERIFY(Database::connectionGeneration() != generation);
        const PgResult r = statements.run(PgStatements::handleOf(c), 0, kInsert, {QByteArray("second")});
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QCOMPARE(preparedCount(c), 1);
    }

    void notAPostgresConnection()
    {
        QTemporaryDir dir;
        Database lite(dir.filePath(QStringLiteral("t.sqlite")), schema());
        QString error;
        QVERIFY2(lite.open(&error), qPrintable(error));
        QVERIFY(!PgStatements::handleOf(lite.connection()));
        PgStatements statements;
        const PgResult r = statements.run(nullptr, 0, "SELECT 1", {});
        QVERIFY(!r.ok());
        QVERIFY(!r.error().isEmpty());
        lite.closeThisThread();
    }

private:
    std::unique_ptr<Database> m_db;
};

QTEST_GUILESS_MAIN(TestPgStatements)
#include "tst_pgstatements.moc"
