// A commit's WAL frames written together (store/sqlitewal.h), on a real SQLite file: fewer
// write calls, and nothing else different — what a commit stored is there for a reader on
// another connection the moment the commit returns, a commit larger than one write call is
// stored whole, and a write the file system refuses fails the commit (and stores nothing).
#include "store/database.h"
#include "store/sqlitewal.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <sys/resource.h>

using namespace sb;

namespace {

std::vector<Migration> schema()
{
    return {{1, {QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, k INTEGER NOT NULL, v BLOB NOT NULL)"),
                 QStringLiteral("CREATE INDEX t_k ON t(k, id)")}}};
}

// Inserts `rows` rows of `bytes` bytes each in one transaction, their k spread over 50 values
// (as chat messages over 50 chats: each commit changes many index pages). True if committed.
bool insertRows(Database &db, int rows, int bytes, int firstId)
{
    QSqlDatabase c = db.connection();
    if (!db.beginImmediate(c))
        return false;
    QSqlQuery q(c);
    q.prepare(QStringLiteral("INSERT INTO t (id, k, v) VALUES (?, ?, ?)"));
    for (int i = 0; i < rows; ++i) {
        q.addBindValue(firstId + i);
        q.addBindValue((firstId + i) % 50);
        q.addBindValue(QByteArray(bytes, char('a' + (firstId + i) % 26)));
        if (!q.exec()) {
            db.rollback(c);
            return false;
        }
    }
    q.finish();
    if (!db.commit(c)) {
        db.rollback(c);
        return false;
    }
    return true;
}

struct Seen {
    qint64 rows = -1;
    qint64 bytes = -1;
    qint64 wrongBytes = -1;
    QString integrity;
};

// What a connection of another thread sees now (a reader: its own connection and snapshot).
Seen seenFromAnotherThread(Database &db)
{
    Seen seen;
    QThread *t = QThread::create([&] {
        QSqlDatabase c = db.connection();
        QSqlQuery q(c);
        if (q.exec(QStringLiteral("SELECT COUNT(*), COALESCE(SUM(length(v)), 0),"
                                  " COALESCE(SUM(v != CAST(substr(replace(hex(zeroblob(length(v))), '00', char(97 + id % 26)), 1, length(v)) AS BLOB)), 0)"
                                  " FROM t"))
            && q.next()) {
            seen.rows = q.value(0).toLongLong();
            seen.bytes = q.value(1).toLongLong();
            seen.wrongBytes = q.value(2).toLongLong();
        }
        q.finish();
        if (q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next())
            seen.integrity = q.value(0).toString();
    });
    t->start();
    t->wait();
    delete t;
    return seen;
}

// The database as a crash would leave it: the file and its -wal copied while the connection
// is open (no -shm: SQLite rebuilds its index from the -wal file, frame by frame, and takes
// only committed frames whose checksums follow on).
QString crashCopy(const QString &path, const QString &name)
{
    const QString copy = QFileInfo(path).dir().filePath(name);
    if (!QFile::copy(path, copy) || !QFile::copy(path + QStringLiteral("-wal"), copy + QStringLiteral("-wal")))
        return {};
    return copy;
}

}  // namespace

class TestSqliteWal : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { std::signal(SIGXFSZ, SIG_IGN); }  // (a refused write: EFBIG, not a signal)

    void aCommitsFramesLeaveInFewWrites()
    {
        QTemporaryDir dir;
        Database db(dir.filePath(QStringLiteral("a.sqlite")), schema());
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        QVERIFY(insertRows(db, 10, 10, 0));  // (the -wal file's header is written once)

        const SqliteWalCounts before = sqliteWalCounts();
        const SqliteWalGather gather;
        QVERIFY(insertRows(db, 300, 100, 1000));
        const SqliteWalCounts after = sqliteWalCounts();
        const qint64 gathered = after.gatheredWrites - before.gatheredWrites;
        const qint64 written = after.realWrites - before.realWrites;
        // Each changed page is two writes (header, page); ~40 KB of rows plus the index
        // pages of 50 values of k: a few 128 KiB writes.
        QVERIFY2(gathered >= 20, qPrintable(QString::number(gathered)));
        QVERIFY2(written <= 4, qPrintable(QString::number(written)));

        // The commit has returned (the scope has not ended): another connection sees every row.
        const Seen seen = seenFromAnotherThread(db);
        QCOMPARE(seen.rows, 310);
        QCOMPARE(seen.bytes, 10 * 10 + 300 * 100);
        QCOMPARE(seen.wrongBytes, 0);
        QCOMPARE(seen.integrity, QStringLiteral("ok"));
    }

    void outsideAScopeWritesGoStraight()
    {
        QTemporaryDir dir;
        Database db(dir.filePath(QStringLiteral("b.sqlite")), schema());
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        const SqliteWalCounts before = sqliteWalCounts();
        QVERIFY(insertRows(db, 300, 100, 0));
        const SqliteWalCounts after = sqliteWalCounts();
        QCOMPARE(after.gatheredWrites, before.gatheredWrites);
        QVERIFY(after.realWrites - before.realWrites >= 20);
        QCOMPARE(seenFromAnotherThread(db).rows, 300);
    }

    // More than one write call takes (SQLite's unix VFS: under 128 KiB), and more than the
    // buffer holds: written in pieces, all of it, in order.
    void aLargeCommitIsStoredWhole()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("c.sqlite"));
        QString error;
        {
            Database db(path, schema());
            QVERIFY2(db.open(&error), qPrintable(error));
            {
                const SqliteWalGather gather;
                QVERIFY(insertRows(db, 40, 100 * 1000, 0));  // ~4 MB
                QVERIFY(insertRows(db, 500, 30, 100));
            }
            const Seen seen = seenFromAnotherThread(db);
            QCOMPARE(seen.rows, 540);
            QCOMPARE(seen.bytes, 40 * 100 * 1000 + 500 * 30);
            QCOMPARE(seen.wrongBytes, 0);
            QCOMPARE(seen.integrity, QStringLiteral("ok"));
            // And after a crash: the -wal file holds the same.
            QVERIFY(QFileInfo(path + QStringLiteral("-wal")).size() > 4 * 1000 * 1000);
            const QString copy = crashCopy(path, QStringLiteral("crashed.sqlite"));
            QVERIFY(!copy.isEmpty());
            Database again(copy, schema());
            QVERIFY2(again.open(&error), qPrintable(error));
            const Seen recovered = seenFromAnotherThread(again);
            QCOMPARE(recovered.rows, 540);
            QCOMPARE(recovered.wrongBytes, 0);
            QCOMPARE(recovered.integrity, QStringLiteral("ok"));
        }
    }

    // The file system refuses part of a gathered write (here: the size limit of the
    // process): the commit fails, nothing of it is stored, and the next commit works.
    void aRefusedWriteFailsTheCommit()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("d.sqlite"));
        Database db(path, schema());
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        QVERIFY(insertRows(db, 100, 100, 0));
        const qint64 walSize = QFileInfo(path + QStringLiteral("-wal")).size();
        const qint64 dbSize = QFileInfo(path).size();

        rlimit old{};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &old), 0);
        rlimit tight = old;
        tight.rlim_cur = rlim_t(qMax(walSize, dbSize) + 64 * 1024);
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &tight), 0);
        bool committed;
        {
            const SqliteWalGather gather;
            committed = insertRows(db, 100, 4000, 1000);  // ~400 KB of frames: past the limit
        }
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &old), 0);
        QVERIFY(!committed);

        Seen seen = seenFromAnotherThread(db);
        QCOMPARE(seen.rows, 100);
        QCOMPARE(seen.integrity, QStringLiteral("ok"));
        {
            const SqliteWalGather gather;
            QVERIFY(insertRows(db, 100, 4000, 2000));
        }
        seen = seenFromAnotherThread(db);
        QCOMPARE(seen.rows, 200);
        QCOMPARE(seen.wrongBytes, 0);
        QCOMPARE(seen.integrity, QStringLiteral("ok"));

        // After a crash (the -wal file read from its start): the refused commit's frames are
        // not taken for a commit.
        const QString copy = crashCopy(path, QStringLiteral("crashed.sqlite"));
        QVERIFY(!copy.isEmpty());
        Database again(copy, schema());
        QVERIFY2(again.open(&error), qPrintable(error));
        seen = seenFromAnotherThread(again);
        QCOMPARE(seen.rows, 200);
        QCOMPARE(seen.wrongBytes, 0);
        QCOMPARE(seen.integrity, QStringLiteral("ok"));
    }
};

QTEST_GUILESS_MAIN(TestSqliteWal)
#include "tst_sqlitewal.moc"
