// Two nodes' chat writers on one PostgreSQL database (the cluster label: SB_TEST_CLUSTER, a
// fresh database) charging the same members at the same time: a member with a socket on
// each node, say. Every writer locks the senders of a batch in one order, their ids, so two
// batches that name the same members in opposite orders wait for each other instead of
// deadlocking. A deadlock would cost both nodes a second (PostgreSQL's deadlock_timeout)
// and the losing batch would be stored again message by message; here every batch
// commits once.
#include "services/chat/chatstore.h"
#include "services/descriptor.h"
#include "store/database.h"
#include "telemetry/counters.h"
#include "testserver.h"

#include <QMutex>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace sb;
using namespace sb::chat;

namespace {

constexpr qint64 kTextPrice = 1;
constexpr qint64 kSmilePrice = 2;
constexpr qint64 kBalance = 100;

// A node's writer: its own Database (its own connections), as another process would have.
struct Node {
    explicit Node(const PostgresAddress &server)
        : db(server, sb::schemaMigrations())
    {
    }
    Database db;
    ServiceCounters counters;
    std::unique_ptr<ChatWriter> writer;
};

}  // namespace

class TestChatWriter : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        const std::optional<QUrl> url = sbtest::freshClusterDatabase();
        if (!url)
            QSKIP("needs PostgreSQL: run by the cluster label (SB_TEST_CLUSTER)");
        m_url = *url;
        const PostgresAddress server = *PostgresAddress::parse(url->toString(), nullptr);
        for (auto *node : {&m_a, &m_b}) {
            *node = std::make_unique<Node>(server);
            QString error;
            QVERIFY2((*node)->db.open(&error), qPrintable(error));
            (*node)->writer = std::make_unique<ChatWriter>((*node)->db, kTextPrice, (*node)->counters);
        }
        m_x = session(QStringLiteral("x"));
        m_pauseA = session(QStringLiteral("pauseA"));
        m_pauseB = session(QStringLiteral("pauseB"));
        QVERIFY(m_x.isOpen() && m_pauseA.isOpen() && m_pauseB.isOpen());
        // Members 1 and 2 chat; 3 and 4 hold the writers up while their next batches queue.
        QSqlDatabase c = m_a->db.connection();
        QSqlQuery q(c);
        for (int i = 1; i <= 4; ++i) {
            QVERIFY2(q.exec(QStringLiteral("INSERT INTO users (uuid, email, password_hash, role, balance, created_at)"
                                           " VALUES ('u%1', 'u%1@example.org', 'x', 'member', %2, '2026-12-04T00:00:00Z')")
                                .arg(i)
                                .arg(kBalance)),
                     qPrintable(q.lastError().text()));
        }
        ChatStore store(m_a->db, m_files.path());
        m_chat12 = store.chatFor(1, 2).value_or(0);
        m_chat13 = store.chatFor(1, 3).value_or(0);
        m_chat14 = store.chatFor(1, 4).value_or(0);
        QVERIFY(m_chat12 && m_chat13 && m_chat14);
        const std::optional<Smile> smile = store.addSmile({QStringLiteral("f1"), QStringLiteral("f.png"), QStringLiteral("image/png"), 1}, kSmilePrice, 1);
        QVERIFY(smile);
        m_smile = smile->id;
    }

    void cleanup()
    {
        for (auto *s : {&m_x, &m_pauseA, &m_pauseB}) {
            s->close();  // (what it still held, a failed case's, goes with it)
            *s = QSqlDatabase();
        }
        for (const char *name : {"x", "pauseA", "pauseB"})
            QSqlDatabase::removeDatabase(QLatin1String(name));
        for (auto *node : {&m_a, &m_b}) {
            if (*node)
                (*node)->writer.reset();  // processes what is left, then closes its connection
            if (*node)
                (*node)->db.closeThisThread();
            node->reset();
        }
    }

    // Batches that mix a smile in are charged message by message, in the batch's order:
    // member 1 then 2 on node A, 2 then 1 on node B.
    void oppositeOrdersDoNotDeadlock()
    {
        choreograph({text(1, m_chat12), smile(2, m_chat12)}, {text(2, m_chat12), smile(1, m_chat12)});
        QCOMPARE(balance(1), kBalance - kTextPrice - kSmilePrice);
        QCOMPARE(balance(2), kBalance - kTextPrice - kSmilePrice);
    }

    // A batch of texts only is charged in one statement (sb_store_texts): it locks its
    // senders in the same order as a mixed batch on the other node, whatever order its
    // rows happen to have in the table (member 1's row was updated last, so it is found
    // after member 2's by a scan).
    void textBatchAgainstMixedBatch()
    {
        {
            QSqlDatabase c = m_a->db.connection();
            QSqlQuery q(c);
            QVERIFY(q.exec(QStringLiteral("UPDATE users SET balance = balance WHERE id = 1")));
        }
        choreograph({smile(1, m_chat12), text(2, m_chat12)}, {text(2, m_chat12), text(1, m_chat12)});
        QCOMPARE(balance(1), kBalance - kTextPrice - kSmilePrice);
        QCOMPARE(balance(2), kBalance - 2 * kTextPrice);
    }

private:
    // Node A's writer first stores a text of member 3 while `pauseA` holds member 3's row
    // (node B's: member 4, `pauseB`), so the batch given to it here waits whole in its
    // queue; `x` holds member 1's row while both batches start, A's first. A's batch asks
    // for member 1 first; when `x` lets go, A gets member 1 and then asks for member 2,
    // which B's batch holds if it locked member 2 before asking for member 1: a deadlock.
    void choreograph(const QList<SendRequest> &onA, const QList<SendRequest> &onB)
    {
        QVERIFY(m_pauseA.transaction() && m_pauseB.transaction() && m_x.transaction());
        QSqlQuery pauseA(m_pauseA);
        QVERIFY(pauseA.exec(QStringLiteral("SELECT id FROM users WHERE id = 3 FOR UPDATE")));
        QSqlQuery pauseB(m_pauseB);
        QVERIFY(pauseB.exec(QStringLiteral("SELECT id FROM users WHERE id = 4 FOR UPDATE")));
        QSqlQuery x(m_x);
        QVERIFY(x.exec(QStringLiteral("SELECT id FROM users WHERE id = 1 FOR UPDATE")));

        QMutex mutex;
        QList<SendResult> results;
        const auto collect = [&](const SendResult &r) {
            QMutexLocker lock(&mutex);
            results.append(r);
        };
        const auto count = [&] {
            QMutexLocker lock(&mutex);
            return results.size();
        };
        m_a->writer->submit(text(3, m_chat13), collect);
        m_b->writer->submit(text(4, m_chat14), collect);
        QTRY_COMPARE(waitingForLocks(), 2);
        for (const SendRequest &r : onA)
            m_a->writer->submit(r, collect);
        for (const SendRequest &r : onB)
            m_b->writer->submit(r, collect);
        QVERIFY(m_pauseA.commit());
        QTRY_COMPARE(count(), 1);
        QTRY_COMPARE(waitingForLocks(), 2);  // B for member 4, A's batch for member 1
        QVERIFY(m_pauseB.commit());
        QTRY_COMPARE(count(), 2);
        QTRY_COMPARE(waitingForLocks(), 2);  // both batches, A's first in the queue for member 1
        QVERIFY(m_x.commit());

        QTRY_COMPARE(count(), 2 + onA.size() + onB.size());
        for (const SendResult &r : std::as_const(results))
            QVERIFY2(r.ok, qPrintable(r.detail));
        // One commit for each batch: none was rolled back and stored again text by text.
        QCOMPARE(m_a->counters.storeCommits.load(), 2);
        QCOMPARE(m_b->counters.storeCommits.load(), 2);
    }

    SendRequest text(qint64 sender, qint64 chat) const
    {
        SendRequest r;
        r.chatId = chat;
        r.senderId = sender;
        r.type = QStringLiteral("text");
        r.text = QStringLiteral("from %1").arg(sender);
        return r;
    }
    SendRequest smile(qint64 sender, qint64 chat) const
    {
        SendRequest r = text(sender, chat);
        r.type = QStringLiteral("smile");
        r.smileId = m_smile;
        return r;
    }

    // Sessions of this database waiting for a row lock.
    int waitingForLocks()
    {
        QSqlDatabase c = m_a->db.connection();
        QSqlQuery q(c);
        if (!q.exec(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                   " AND wait_event_type = 'Lock'"))
            || !q.next())
            return -1;
        return q.value(0).toInt();
    }

    qint64 balance(qint64 member)
    {
        QSqlDatabase c = m_a->db.connection();
        QSqlQuery q(c);
        if (!q.exec(QStringLiteral("SELECT balance FROM users WHERE id = %1").arg(member)) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

    QSqlDatabase session(const QString &name)
    {
        QSqlDatabase db = sbtest::openPostgres(m_url, name);
        if (!db.isOpen())
            qWarning("%s", qPrintable(db.lastError().text()));
        return db;
    }

    QUrl m_url;
    QTemporaryDir m_files;
    std::unique_ptr<Node> m_a, m_b;
    QSqlDatabase m_x, m_pauseA, m_pauseB;
    qint64 m_chat12 = 0, m_chat13 = 0, m_chat14 = 0, m_smile = 0;
};

QTEST_GUILESS_MAIN(TestChatWriter)
#include "tst_chatwriter.moc"
