// The member chat service (seed 001, SPEC §3) with real QWebSocket and HTTP clients:
// authentication, history, delivery across workers, ordering, pricing, rate limits, unread
// counts and restarts. Files, smiles and the REST API: tst_chatfiles.cpp; batched commits,
// failures and a stalled store: tst_chatstorage.cpp.
#include "chatfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using namespace sbtest;

class TestChat : public ChatFixture
{
    Q_OBJECT
private slots:
    void initTestCase() { setUp(); }
    void cleanupTestCase() { server.reset(); }

    void authFailuresClose1008_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("first");  // empty: send nothing
        QTest::addColumn<QString>("reason");
        QTest::newRow("no first message") << QStringLiteral("?other_member_id=2") << QString() << QStringLiteral("not authenticated in time");
        QTest::newRow("bad token") << QStringLiteral("?other_member_id=2") << QStringLiteral("Bearer 00000000-0000-4000-8000-000000000000") << QStringLiteral("invalid or expired");
        QTest::newRow("not bearer") << QStringLiteral("?other_member_id=2") << QStringLiteral("hello") << QStringLiteral("Bearer");
        QTest::newRow("missing other") << QString() << QStringLiteral("TOKEN") << QStringLiteral("other_member_id");
        QTest::newRow("bad other") << QStringLiteral("?other_member_id=abc") << QStringLiteral("TOKEN") << QStringLiteral("other_member_id");
        QTest::newRow("self") << QStringLiteral("?other_member_id=SELF") << QStringLiteral("TOKEN") << QStringLiteral("yourself");
        QTest::newRow("unknown other") << QStringLiteral("?other_member_id=99999") << QStringLiteral("TOKEN") << QStringLiteral("no member");
    }
    void authFailuresClose1008()
    {
        QFETCH(QString, query);
        QFETCH(QString, first);
        QFETCH(QString, reason);
        query.replace(QStringLiteral("SELF"), QString::number(alice.id));
        first.replace(QStringLiteral("TOKEN"), QStringLiteral("Bearer ") + aliceToken);
        ChatClient c;
        QVERIFY(c.open(server->ws(QStringLiteral("/members/chat/") + query)));
        if (!first.isEmpty())
            c.ws->sendTextMessage(first);
        QTRY_VERIFY_WITH_TIMEOUT(c.closeCode >= 0, 5000);
        QCOMPARE(c.closeCode, 1008);
        QVERIFY2(c.closeReason.contains(reason), qPrintable(c.closeReason));
        QVERIFY(c.frames.isEmpty());
    }

    void binaryFirstMessageIsRefused()
    {
        ChatClient c;
        QVERIFY(c.open(server->ws(QStringLiteral("/members/chat/?other_member_id=%1").arg(bob.id))));
        c.ws->sendBinaryMessage("Bearer x");
        QTRY_COMPARE(c.closeCode, 1008);
    }

    void historyThenLiveDeliveryAcrossWorkers()
    {
        ChatClient a, b, a2;
        QVERIFY(a.join(*server, bob.id, aliceToken));
        QCOMPARE(a.history(), QJsonArray());
        QVERIFY(b.join(*server, alice.id, bobToken));   // the other worker (round robin)
        QVERIFY(a2.join(*server, bob.id, aliceToken));  // alice's second tab
        a.ws->sendTextMessage(QStringLiteral(R"({"type": "text", "text": "Hello, world!"})"));
        a.ws->sendTextMessage(QStringLiteral("hey"));  // a plain text frame is text (seed 001)
        for (ChatClient *c : {&a, &b, &a2})
            QTRY_COMPARE(c->messages().size(), 2);
        const QJsonObject m = b.messages().first();
        QCOMPARE(m.value(QStringLiteral("type")).toString(), QStringLiteral("text"));
        QCOMPARE(m.value(QStringLiteral("text")).toString(), QStringLiteral("Hello, world!"));
        QCOMPARE(m.value(QStringLiteral("member_id")).toInteger(), alice.id);
        QVERIFY(m.value(QStringLiteral("chat_id")).toInteger() > 0);
        QCOMPARE(b.messages()[1].value(QStringLiteral("text")).toString(), QStringLiteral("hey"));
        // The seed's exact shape, key order and date format included.
        static const QRegularExpression shape(QStringLiteral(
            R"(^\{"id": \d+, "member_id": \d+, "chat_id": \d+, "date": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}", "type": "text", "text": "Hello, world!"\}$)"));
        QVERIFY2(shape.match(b.raw[1]).hasMatch(), qPrintable(b.raw[1]));
        // Each text costs a member 5 coins.
        QCOMPARE(balanceOf(alice.id), 90);
    }

    // A text in any JSON spelling arrives, and is stored, as its sender meant it: the plain
    // shape is read from the bytes (wire/flatjson.h), every other through QJsonDocument.
    void textsArriveAsWritten_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<QString>("text");
        QTest::newRow("plain") << QStringLiteral(R"({"type": "text", "text": "plain"})") << QStringLiteral("plain");
        QTest::newRow("UTF-8") << QStringLiteral(R"({"type":"text","text":"κόσμε ✓ 😀"})") << QStringLiteral("κόσμε ✓ 😀");
        QTest::newRow("escapes") << QStringLiteral("{\"type\": \"text\", \"text\": \"a \\\"quoted\\\" \\\\ line\\n\\u00e9t\\u00e9\\t\"}")
                                 << QStringLiteral("a \"quoted\" \\ line\n\u00e9t\u00e9\t");
        QTest::newRow("other order, other keys") << QStringLiteral(R"({"text": "order", "type": "text", "extra": "ignored"})") << QStringLiteral("order");
        QTest::newRow("whitespace") << QStringLiteral(" \n{ \"type\" : \"text\" ,\t\"text\" : \" spaced \" } ") << QStringLiteral(" spaced ");
        QTest::newRow("a number beside") << QStringLiteral(R"({"type": "text", "text": "n", "n": 5})") << QStringLiteral("n");
    }
    void textsArriveAsWritten()
    {
        QFETCH(QString, frame);
        QFETCH(QString, text);
        ChatClient a, b;
        QVERIFY(a.join(*server, carol.id, bossToken));
        QVERIFY(b.join(*server, boss.id, carolToken));
        a.ws->sendTextMessage(frame);
        QTRY_COMPARE(b.messages().size(), 1);
        QCOMPARE(b.messages().first().value(QStringLiteral("text")).toString(), text);
        QCOMPARE(a.messages().size(), 1);
        ChatClient later;
        QVERIFY(later.join(*server, boss.id, carolToken));
        const QJsonArray h = later.history();
        QVERIFY(!h.isEmpty());
        QCOMPARE(h.last().toObject().value(QStringLiteral("text")).toString(), text);
    }

    void offlineMemberGetsHistoryOldestFirst()
    {
        ChatClient a;
        QVERIFY(a.join(*server, carol.id, aliceToken));
        for (int i = 0; i < 3; ++i)
            a.ws->sendTextMessage(QStringLiteral("while you were away %1").arg(i));
        QTRY_COMPARE(a.messages().size(), 3);
        ChatClient c;  // carol connects later
        QVERIFY(c.join(*server, alice.id, carolToken));
        const QJsonArray h = c.history();
        QCOMPARE(h.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(h[i].toObject().value(QStringLiteral("text")).toString(), QStringLiteral("while you were away %1").arg(i));
            // The id the sender was told is the stored row's.
            QCOMPARE(h[i].toObject().value(QStringLiteral("id")).toInteger(), a.messages()[i].value(QStringLiteral("id")).toInteger());
        }
        QVERIFY(h[0].toObject().value(QStringLiteral("id")).toInteger() < h[2].toObject().value(QStringLiteral("id")).toInteger());

        // Paging back: the 2 messages before the newest.
        c.ws->sendTextMessage(QStringLiteral(R"({"type": "history", "before": %1, "limit": 2})").arg(h[2].toObject().value(QStringLiteral("id")).toInteger()));
        QTRY_COMPARE(c.frames.size(), 2);
        const QJsonArray page = c.frames[1].toArray();
        QCOMPARE(page.size(), 2);
        QCOMPARE(page[0].toObject().value(QStringLiteral("text")).toString(), QStringLiteral("while you were away 0"));
        QCOMPARE(page[1].toObject().value(QStringLiteral("text")).toString(), QStringLiteral("while you were away 1"));
    }

    void errorsKeepTheSocketOpen_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<QString>("code");
        QTest::newRow("bad json") << QStringLiteral("{bad json") << QStringLiteral("INVALID_JSON");
        QTest::newRow("unknown type") << QStringLiteral(R"({"type": "video"})") << QStringLiteral("UNKNOWN_TYPE");
        QTest::newRow("no type") << QStringLiteral(R"({"text": "x"})") << QStringLiteral("UNKNOWN_TYPE");
        QTest::newRow("text not a string") << QStringLiteral(R"({"type": "text", "text": 5})") << QStringLiteral("INVALID_MESSAGE");
        QTest::newRow("no text") << QStringLiteral(R"({"type": "text", "other": "x"})") << QStringLiteral("INVALID_MESSAGE");
        QTest::newRow("missing smile") << QStringLiteral(R"({"type": "smile", "smile_id": 424242})") << QStringLiteral("UNKNOWN_SMILE");
        QTest::newRow("bad smile id") << QStringLiteral(R"({"type": "smile", "smile_id": "two"})") << QStringLiteral("INVALID_MESSAGE");
        QTest::newRow("empty") << QStringLiteral("   ") << QStringLiteral("EMPTY_MESSAGE");
    }
    void errorsKeepTheSocketOpen()
    {
        QFETCH(QString, frame);
        QFETCH(QString, code);
        ChatClient a;
        QVERIFY(a.join(*server, boss.id, aliceToken));
        const qint64 before = balanceOf(alice.id);
        a.ws->sendTextMessage(frame);
        QTRY_COMPARE(a.errors().size(), 1);
        QCOMPARE(a.lastErrorCode(), code);
        QVERIFY(!a.errors().first().value(QStringLiteral("detail")).toString().isEmpty());
        QCOMPARE(balanceOf(alice.id), before);  // nothing charged
        a.ws->sendTextMessage(QStringLiteral("still open"));
        QTRY_COMPARE(a.messages().size(), 1);
        QCOMPARE(a.ws->state(), QAbstractSocket::ConnectedState);
    }

    void insufficientBalanceStoresNothing()
    {
        ChatClient b;
        QVERIFY(b.join(*server, boss.id, bobToken));
        b.ws->sendTextMessage(QStringLiteral("can I?"));
        QTRY_COMPARE(b.lastErrorCode(), QStringLiteral("INSUFFICIENT_BALANCE"));
        QVERIFY(b.errors().first().value(QStringLiteral("detail")).toString().contains(QStringLiteral("5 coins")));
        QTest::qWait(100);
        QVERIFY(b.messages().isEmpty());
        ChatClient again;
        QVERIFY(again.join(*server, boss.id, bobToken));
        QCOMPARE(again.history().size(), 0);
        QCOMPARE(balanceOf(bob.id), 0);
    }

    void privilegedRolesPayNothing()
    {
        ChatClient boss1;
        QVERIFY(boss1.join(*server, bob.id, bossToken));
        boss1.ws->sendTextMessage(QStringLiteral("free for me"));
        QTRY_COMPARE(boss1.messages().size(), 1);
        QCOMPARE(balanceOf(boss.id), 0);
    }

    void concurrentSendsCannotOverspend()
    {
        // dave has 50 coins: ten texts. Two sockets send 20 each at once.
        const sb::User dave = makeUser(QStringLiteral("dave@chat.test"), QStringLiteral("member"), 50);
        const QString daveToken = server->host().accounts().issueAccessToken(dave.id);
        ChatClient s1, s2;
        QVERIFY(s1.join(*server, alice.id, daveToken));
        QVERIFY(s2.join(*server, alice.id, daveToken));
        for (int i = 0; i < 20; ++i) {
            s1.ws->sendTextMessage(QStringLiteral("one %1").arg(i));
            s2.ws->sendTextMessage(QStringLiteral("two %1").arg(i));
        }
        // Each socket sees every stored message (both are dave's) plus its own refusals.
        QTRY_COMPARE_WITH_TIMEOUT(s1.errors().size() + s2.errors().size(), 30, 10000);
        QTRY_COMPARE(s1.messages().size(), 10);
        QTRY_COMPARE(s2.messages().size(), 10);
        for (const QJsonObject &e : s1.errors() + s2.errors())
            QCOMPARE(e.value(QStringLiteral("code")).toString(), QStringLiteral("INSUFFICIENT_BALANCE"));
        QCOMPARE(balanceOf(dave.id), 0);
    }

    // One socket's messages are stored, answered and delivered in the order sent: a file
    // (written to disk first) followed at once by a text is not overtaken by the text.
    void fileThenTextKeepTheirOrder()
    {
        ChatClient a, b;
        QVERIFY(a.join(*server, carol.id, bossToken));
        QVERIFY(b.join(*server, boss.id, carolToken));
        a.ws->sendBinaryMessage(fileFrame(R"({"name":"first.bin","size":90000,"type":"","text":"the file"})", QByteArray(90000, 'f')));
        a.ws->sendTextMessage(QStringLiteral("the text after it"));
        for (ChatClient *c : {&a, &b}) {
            QTRY_COMPARE(c->messages().size(), 2);
            QCOMPARE(c->messages()[0].value(QStringLiteral("type")).toString(), QStringLiteral("file"));
            QCOMPARE(c->messages()[1].value(QStringLiteral("text")).toString(), QStringLiteral("the text after it"));
            QVERIFY(c->messages()[0].value(QStringLiteral("id")).toInteger() < c->messages()[1].value(QStringLiteral("id")).toInteger());
        }
    }

    void interleavedSendsKeepTheirOrder()
    {
        // Texts, files of several sizes, refusals and a history request, sent without waiting:
        // every answer comes back in the order of what caused it.
        ChatClient a;
        QVERIFY(a.join(*server, carol.id, bossToken));
        const int before = int(a.frames.size());
        QStringList expected;
        for (int i = 0; i < 24; ++i) {
            switch (i % 6) {
            case 0:
            case 3:
                a.ws->sendTextMessage(QStringLiteral("text %1").arg(i));
                expected.append(QStringLiteral("text %1").arg(i));
                break;
            case 1: {
                const QByteArray bytes((i % 12 == 1) ? 80000 : 10, char('a' + i));
                a.ws->sendBinaryMessage(fileFrame(QStringLiteral(R"({"name":"f%1","size":%2,"type":"","text":"file %1"})")
                                                      .arg(i).arg(bytes.size()).toUtf8(), bytes));
                expected.append(QStringLiteral("file %1").arg(i));
                break;
            }
            case 2:
                a.ws->sendTextMessage(QStringLiteral("{not json %1").arg(i));
                expected.append(QStringLiteral("error INVALID_JSON"));
                break;
            case 4:
                a.ws->sendTextMessage(QStringLiteral(R"({"type":"history","before":0,"limit":1})"));
                expected.append(QStringLiteral("history"));
                break;
            case 5:
                a.ws->sendTextMessage(QStringLiteral(R"({"type":"text","text":"json text %1"})").arg(i));
                expected.append(QStringLiteral("json text %1").arg(i));
                break;
            }
        }
        QTRY_COMPARE_WITH_TIMEOUT(int(a.frames.size()) - before, int(expected.size()), 10000);
        QStringList got;
        for (qsizetype k = before; k < a.frames.size(); ++k) {
            const QJsonValue v = a.frames[k];
            if (v.isArray()) {
                got.append(QStringLiteral("history"));
                // The page is the newest message: everything sent before it was stored first.
                const QString newest = v.toArray().last().toObject().value(QStringLiteral("text")).toString();
                QCOMPARE(newest, expected[got.size() - 2]);
                continue;
            }
            const QJsonObject o = v.toObject();
            if (o.value(QStringLiteral("type")).toString() == QLatin1String("error"))
                got.append(QStringLiteral("error ") + o.value(QStringLiteral("code")).toString());
            else
                got.append(o.value(QStringLiteral("text")).toString());
        }
        QCOMPARE(got, expected);
    }

    void rateLimitIsAnErrorNotAClose()
    {
        TestServer s([](sb::ServerConfig &c) { c.services[QStringLiteral("chat")].limits.messagesPerSecond = 3; });
        QVERIFY(s.ok());
        sb::AccountStore::Error err;
        const auto u1 = s.host().accounts().createUser(QStringLiteral("r1@chat.test"), QStringLiteral("pw"), QStringLiteral("premium"), 0, &err);
        const auto u2 = s.host().accounts().createUser(QStringLiteral("r2@chat.test"), QStringLiteral("pw"), QStringLiteral("member"), 0, &err);
        ChatClient c;
        QVERIFY(c.join(s, u2->id, s.host().accounts().issueAccessToken(u1->id)));
        for (int i = 0; i < 10; ++i)
            c.ws->sendTextMessage(QStringLiteral("flood %1").arg(i));
        QTRY_VERIFY(c.messages().size() + c.errors().size() == 10);
        QVERIFY(c.messages().size() <= 4);  // the bucket holds one second's worth (+ refill)
        QVERIFY(c.errors().size() >= 6);
        QCOMPARE(c.errors().first().value(QStringLiteral("code")).toString(), QStringLiteral("RATE_LIMITED"));
        QCOMPARE(c.ws->state(), QAbstractSocket::ConnectedState);
    }

    // Beyond the seed (docs/chat.md): GET /members says how many messages from each member
    // came after what the caller read; opening the conversation or {"type":"read"} reads them.
    int unreadFrom(const QString &token, qint64 memberId)
    {
        const HttpResult r = server->get(QStringLiteral("/members"), bearer(token));
        for (const QJsonValue &v : QJsonDocument::fromJson(r.body).array()) {
            if (v.toObject().value(QStringLiteral("id")).toInteger() == memberId)
                return int(v.toObject().value(QStringLiteral("unread")).toInteger(-1));
        }
        return -2;
    }
    void unreadCountsFollowWhatEachMemberRead()
    {
        const sb::User dave = makeUser(QStringLiteral("frank@chat.test"), QStringLiteral("member"), 100);
        const sb::User erin = makeUser(QStringLiteral("grace@chat.test"), QStringLiteral("member"), 100);
        const QString daveToken = server->host().accounts().issueAccessToken(dave.id);
        const QString erinToken = server->host().accounts().issueAccessToken(erin.id);
        QCOMPARE(unreadFrom(erinToken, dave.id), 0);

        ChatClient d;
        QVERIFY(d.join(*server, erin.id, daveToken));
        for (int i = 0; i < 3; ++i)
            d.ws->sendTextMessage(QStringLiteral("unread %1").arg(i));
        QTRY_COMPARE(d.messages().size(), 3);
        QCOMPARE(unreadFrom(erinToken, dave.id), 3);
        QCOMPARE(unreadFrom(daveToken, erin.id), 0);  // one's own messages are not unread
        QCOMPARE(unreadFrom(aliceToken, dave.id), 0);  // nor anyone else's chats

        // Opening the conversation reads what its history showed.
        ChatClient e;
        QVERIFY(e.join(*server, dave.id, erinToken));
        QCOMPARE(e.history().size(), 3);
        QTRY_COMPARE(unreadFrom(erinToken, dave.id), 0);

        // Delivered live is not read yet; "read" says how far.
        d.ws->sendTextMessage(QStringLiteral("later 1"));
        d.ws->sendTextMessage(QStringLiteral("later 2"));
        QTRY_COMPARE(e.messages().size(), 2);
        QCOMPARE(unreadFrom(erinToken, dave.id), 2);
        const qint64 first = e.messages().first().value(QStringLiteral("id")).toInteger();
        e.ws->sendTextMessage(QStringLiteral(R"({"type":"read","message_id":%1})").arg(first));
        QTRY_COMPARE(unreadFrom(erinToken, dave.id), 1);
        // A mark never moves back, and never past the chat's newest message.
        e.ws->sendTextMessage(QStringLiteral(R"({"type":"read","message_id":%1})").arg(first - 1));
        e.ws->sendTextMessage(QStringLiteral(R"({"type":"read","message_id":1000000000000})"));
        QTRY_COMPARE(unreadFrom(erinToken, dave.id), 0);
        d.ws->sendTextMessage(QStringLiteral("after the far mark"));
        QTRY_COMPARE(e.messages().size(), 3);
        QCOMPARE(unreadFrom(erinToken, dave.id), 1);

        e.ws->sendTextMessage(QStringLiteral(R"({"type":"read","message_id":"x"})"));
        QTRY_COMPARE(e.lastErrorCode(), QStringLiteral("INVALID_MESSAGE"));
        QCOMPARE(e.ws->state(), QAbstractSocket::ConnectedState);
    }

    void survivesRestart()
    {
        ChatClient a;
        QVERIFY(a.join(*server, bob.id, aliceToken));
        const int before = a.history().size();
        a.ws->sendTextMessage(QStringLiteral("before restart"));
        QTRY_COMPARE(a.messages().size(), 1);
        a.ws->close();
        server.reset();
        // A file left by a crash between writing it and storing its row is cleaned at start.
        const QString stray = QStringLiteral("0b5f1e8e-5b8e-4c49-9a3f-3c1d2f1e0a11");
        strayBytes(stray);
        QVERIFY(bytesStored(stray));
        startServer();
        QVERIFY(!bytesStored(stray));
        QVERIFY(server->ok());
        ChatClient b;
        QVERIFY(b.join(*server, alice.id, bobToken));
        QCOMPARE(b.history().size(), before + 1);
        QCOMPARE(b.history().last().toObject().value(QStringLiteral("text")).toString(), QStringLiteral("before restart"));
    }
};

QTEST_GUILESS_MAIN(TestChat)
#include "tst_chat.moc"
