// The member chat service's storage (seed 001, SPEC §3) with real QWebSocket clients: messages
// committed in batches, a failing statement that costs only its own message, and a store
// that stalls (what a socket may leave unanswered, its pongs meanwhile). The rest of the
// messaging: tst_chat.cpp.
#include "chatfixture.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace sbtest;

class TestChatStorage : public ChatFixture
{
    Q_OBJECT
private slots:
    void initTestCase() { setUp(); }
    void cleanupTestCase() { server.reset(); }

    void manyMessagesCommitInBatches()
    {
        const HttpResult before = server->get(QStringLiteral("/metrics"));
        auto metric = [](const QByteArray &text, const QByteArray &name) {
            for (const QByteArray &line : text.split('\n')) {
                if (line.startsWith(name + "{service=\"chat\"} "))
                    return line.mid(line.lastIndexOf(' ') + 1).toLongLong();
            }
            return qint64(-1);
        };
        const qint64 commits0 = metric(before.body, "switchboard_store_commits_total");
        const qint64 rows0 = metric(before.body, "switchboard_store_rows_total");
        QList<ChatClient *> clients;
        for (int i = 0; i < 4; ++i) {
            auto *c = new ChatClient;
            QVERIFY(c->join(*server, alice.id, bossToken));
            clients.append(c);
        }
        for (int n = 0; n < 40; ++n) {
            for (ChatClient *c : clients)
                c->ws->sendTextMessage(QStringLiteral("burst %1").arg(n));
        }
        for (ChatClient *c : clients)
            QTRY_COMPARE_WITH_TIMEOUT(c->messages().size(), 160, 10000);
        const HttpResult after = server->get(QStringLiteral("/metrics"));
        const qint64 rows = metric(after.body, "switchboard_store_rows_total") - rows0;
        const qint64 commits = metric(after.body, "switchboard_store_commits_total") - commits0;
        QCOMPARE(rows, 160);
        QVERIFY2(commits < rows, qPrintable(QStringLiteral("%1 commits for %2 messages").arg(commits).arg(rows)));
        qDeleteAll(clients);
    }

    void aStalledStoreStopsReadingTheSender_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("mostRead");
        // Held once the backlog passed 1 MiB (a 64 KiB text holds 128 KiB as UTF-16).
        QTest::newRow("large texts: 1 MiB") << 40 << 64 * 1024 << 10;
        // Past the rate (50 a second) the rest are errors, which wait behind the stored ones:
        // held once 64 are waiting.
        QTest::newRow("many small ones: 64 messages") << 150 << 10 << 66;
    }

    void aStalledStoreStopsReadingTheSender()
    {
        QFETCH(int, count);
        QFETCH(int, size);
        QFETCH(int, mostRead);
        // While the store cannot keep up (here: another connection holds the lock the writer
        // needs, as a slow disk or a stalled PostgreSQL would), a socket that keeps sending is
        // no longer read past its backlog bound (1 MiB or 64 messages not yet answered): TCP
        // slows it down instead of the server holding everything it sends. Nothing is lost,
        // the socket stays open, and everything is stored and delivered in order once the
        // store is back.
        ChatClient sender, partner;
        QVERIFY(sender.join(*server, bob.id, bossToken));  // boss pays nothing
        QVERIFY(partner.join(*server, boss.id, bobToken));
        auto messagesIn = [this] {
            for (const auto &s : server->host().snapshot().services) {
                if (s.service == QLatin1String("chat"))
                    return s.messagesIn;
            }
            return qint64(-1);
        };
        StoreLock lock(server->host().config(), boss.id);
        QVERIFY2(lock.locked(), qPrintable(lock.error()));
        const qint64 before = messagesIn();
        const QString filler(size, QLatin1Char('x'));
        for (int n = 0; n < count; ++n)
            sender.ws->sendTextMessage(QStringLiteral("%1 %2").arg(n).arg(filler));
        QTest::qWait(1500);
        const qint64 read = messagesIn() - before;
        QVERIFY2(read >= 1 && read <= mostRead,
                 qPrintable(QStringLiteral("%1 of %2 messages read while the store was stalled").arg(read).arg(count)));
        QVERIFY(partner.messages().isEmpty());
        QCOMPARE(sender.closeCode, -1);

        // Every message is answered once the store is back: stored (and delivered, in the
        // order sent) or, past the rate, refused.
        lock.release();
        QTRY_COMPARE_WITH_TIMEOUT(sender.messages().size() + sender.errors().size(), count, 15000);
        const QList<QJsonObject> stored = sender.messages();
        QVERIFY(!stored.isEmpty());
        for (const QJsonObject &e : sender.errors())
            QCOMPARE(e.value(QStringLiteral("code")).toString(), QStringLiteral("RATE_LIMITED"));
        QTRY_COMPARE_WITH_TIMEOUT(partner.messages().size(), stored.size(), 5000);
        int last = -1;
        for (const QJsonObject &m : partner.messages()) {
            const int n = m.value(QStringLiteral("text")).toString().section(QLatin1Char(' '), 0, 0).toInt();
            QVERIFY(n > last);
            last = n;
        }
        if (size > 1000)  // within the rate: all of them stored
            QCOMPARE(stored.size(), count);
        QCOMPARE(sender.closeCode, -1);
    }

    void aHeldSocketIsNotDroppedForPongsItDidNotRead()
    {
        // While the server holds a socket's input (its store stalled), it does not read the
        // peer's pongs either: they are not counted as missed. Pings every 100 ms, 300 ms to
        // answer; the store stands still for three heartbeat checks (one a second).
        TestServer quick([](sb::ServerConfig &c) {
            c.workers = 1;
            sb::Limits &l = c.services[QStringLiteral("chat")].limits;
            l.pingIntervalMs = 100;
            l.pongTimeoutMs = 300;
        });
        QVERIFY2(quick.ok(), qPrintable(quick.error()));
        sb::AccountStore::Error err;
        const auto held = quick.host().accounts().createUser(QStringLiteral("held@chat.test"), QStringLiteral("pw"), QStringLiteral("superuser"), 0, &err);
        const auto other = quick.host().accounts().createUser(QStringLiteral("other@chat.test"), QStringLiteral("pw"), QStringLiteral("member"), 0, &err);
        QVERIFY(held && other);
        ChatClient sender;
        QVERIFY(sender.join(quick, other->id, quick.host().accounts().issueAccessToken(held->id)));

        StoreLock lock(quick.host().config(), held->id);
        QVERIFY2(lock.locked(), qPrintable(lock.error()));
        const QString filler(64 * 1024, QLatin1Char('x'));
        for (int n = 0; n < 20; ++n)
            sender.ws->sendTextMessage(QStringLiteral("%1 %2").arg(n).arg(filler));
        QTest::qWait(3200);
        QCOMPARE(sender.closeCode, -1);
        QCOMPARE(sender.ws->state(), QAbstractSocket::ConnectedState);
        lock.release();
        QTRY_COMPARE_WITH_TIMEOUT(sender.messages().size(), 20, 10000);
        // Reading again, its pongs count again: still there two checks later.
        QTest::qWait(2200);
        QCOMPARE(sender.closeCode, -1);
    }

    void aFailingStatementCostsOnlyItsMessage()
    {
        // Messages commit in batches. A statement that fails inside a batch (here: a trigger
        // refuses one message's row, as a full disk or an I/O error would) rolls the batch
        // back; every other message of it is stored and delivered, the failed one is charged
        // nothing and its sender gets STORAGE_ERROR.
        const sb::User erin = makeUser(QStringLiteral("erin@chat.test"), QStringLiteral("member"), 1000);
        const QString erinToken = server->host().accounts().issueAccessToken(erin.id);
        {
            // A connection of its own to the server's store (SQLite, or PostgreSQL in the
            // cluster label), as another process would have.
            std::unique_ptr<sb::Database> own = sb::makeDatabase(server->host().config());
            QSqlDatabase db = own->connection();
            QVERIFY(db.isOpen());
            QSqlQuery q(db);
            const QStringList trigger = own->dialect() == sb::Database::Dialect::Postgres
                ? QStringList{QStringLiteral("CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                                             "IF NEW.text = 'boom' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$"),
                              QStringLiteral("CREATE TRIGGER refuse_boom BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION refuse_boom()")}
                : QStringList{QStringLiteral("CREATE TRIGGER refuse_boom BEFORE INSERT ON messages WHEN NEW.text = 'boom' "
                                             "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")};
            for (const QString &sql : trigger)
                QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
            q.finish();
            own->closeThisThread();
        }
        ChatClient e1, e2;
        QVERIFY(e1.join(*server, alice.id, erinToken));
        QVERIFY(e2.join(*server, alice.id, erinToken));
        // Sent together, so that they share batches with the failing one.
        for (int i = 0; i < 30; ++i) {
            e1.ws->sendTextMessage(i == 15 ? QStringLiteral("boom") : QStringLiteral("e1 %1").arg(i));
            e2.ws->sendTextMessage(QStringLiteral("e2 %1").arg(i));
        }
        QTRY_COMPARE_WITH_TIMEOUT(e1.errors().size(), 1, 10000);
        QCOMPARE(e1.lastErrorCode(), QStringLiteral("STORAGE_ERROR"));
        QTRY_COMPARE_WITH_TIMEOUT(e2.messages().size(), 59, 10000);  // both sockets are erin's
        QTRY_COMPARE(e1.messages().size(), 59);
        QVERIFY(e2.errors().isEmpty());
        for (const QJsonObject &m : e1.messages())
            QVERIFY(m.value(QStringLiteral("text")).toString() != QLatin1String("boom"));
        QCOMPARE(balanceOf(erin.id), 1000 - 59 * 5);
        ChatClient later;
        QVERIFY(later.join(*server, alice.id, erinToken));
        int stored = 0;
        for (const QJsonValue &v : later.history())
            stored += v.toObject().value(QStringLiteral("member_id")).toInteger() == erin.id;
        QCOMPARE(stored, 59);
        {
            std::unique_ptr<sb::Database> own = sb::makeDatabase(server->host().config());
            QSqlDatabase db = own->connection();
            QSqlQuery q(db);
            const bool postgres = own->dialect() == sb::Database::Dialect::Postgres;
            QVERIFY(q.exec(postgres ? QStringLiteral("DROP TRIGGER refuse_boom ON messages") : QStringLiteral("DROP TRIGGER refuse_boom")));
            q.finish();
            own->closeThisThread();
        }
    }
};

QTEST_GUILESS_MAIN(TestChatStorage)
#include "tst_chatstorage.moc"
