// The member chat service (seed 001, SPEC §3) with real QWebSocket and HTTP clients:
// authentication, history, delivery across workers, pricing, files, smiles and the REST API.
#include "services/chat/chatservice.h"
#include "accounts/accountstore.h"
#include "testserver.h"

#include <QHttpMultiPart>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

using namespace sbtest;

namespace {

// A chat client as the seed's example page is one: open, send "Bearer <token>", collect.
struct ChatClient {
    std::unique_ptr<QWebSocket> ws = std::make_unique<QWebSocket>();
    QStringList raw;          // every text frame as received
    QList<QJsonValue> frames; // parsed
    int closeCode = -1;
    QString closeReason;

    // Qt 6.4's ~QWebSocket leaks a string when it has to close a connected socket itself
    // (LeakSanitizer shows it); abort first, the way a vanished client would.
    ~ChatClient()
    {
        if (ws)
            ws->abort();
    }
    ChatClient(ChatClient &&) = default;
    ChatClient()
    {
        QObject::connect(ws.get(), &QWebSocket::textMessageReceived, ws.get(), [this](const QString &m) {
            raw.append(m);
            const QJsonDocument d = QJsonDocument::fromJson(m.toUtf8());
            frames.append(d.isArray() ? QJsonValue(d.array()) : QJsonValue(d.object()));
        });
        QObject::connect(ws.get(), &QWebSocket::disconnected, ws.get(), [this] {
            closeCode = ws->closeCode();
            closeReason = ws->closeReason();
        });
    }
    bool open(const QUrl &url)
    {
        QSignalSpy connected(ws.get(), &QWebSocket::connected);
        ws->open(url);
        return connected.wait(5000);
    }
    // Opens and authenticates; true once the history array has arrived.
    bool join(TestServer &s, qint64 other, const QString &token)
    {
        if (!open(s.ws(QStringLiteral("/members/chat/?other_member_id=%1").arg(other))))
            return false;
        ws->sendTextMessage(QStringLiteral("Bearer ") + token);
        return QTest::qWaitFor([this] { return !frames.isEmpty() || closeCode >= 0; }, 5000) && !frames.isEmpty()
            && frames.first().isArray();
    }
    QJsonArray history() const { return frames.isEmpty() ? QJsonArray() : frames.first().toArray(); }
    QList<QJsonObject> messages() const
    {
        QList<QJsonObject> out;
        for (const QJsonValue &v : frames) {
            if (v.isObject() && v.toObject().value(QStringLiteral("type")).toString() != QLatin1String("error"))
                out.append(v.toObject());
        }
        return out;
    }
    QList<QJsonObject> errors() const
    {
        QList<QJsonObject> out;
        for (const QJsonValue &v : frames) {
            if (v.isObject() && v.toObject().value(QStringLiteral("type")).toString() == QLatin1String("error"))
                out.append(v.toObject());
        }
        return out;
    }
    QString lastErrorCode() const { return errors().isEmpty() ? QString() : errors().last().value(QStringLiteral("code")).toString(); }
};

const QByteArray &kPng = kTinyPng;

QByteArray fileFrame(const QByteArray &info, const QByteArray &bytes)
{
    return "!" + info + "#" + bytes;
}

}  // namespace

class TestChat : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir dataDir;
    std::unique_ptr<TestServer> server;
    sb::ClusterConfig cluster;  // the cluster label's database, kept across restarts
    sb::User alice, bob, boss, carol;
    QString aliceToken, bobToken, bossToken, carolToken;

    sb::User makeUser(const QString &email, const QString &role, qint64 balance)
    {
        sb::AccountStore::Error err;
        auto u = server->host().accounts().createUser(email, QStringLiteral("pw"), role, balance, &err);
        return u ? *u : sb::User{};
    }
    qint64 balanceOf(qint64 id) { return server->host().accounts().userById(id)->balance; }
    QList<QPair<QByteArray, QByteArray>> bearer(const QString &token) { return {{"Authorization", "Bearer " + token.toLatin1()}}; }

    void startServer()
    {
        server = std::make_unique<TestServer>([this](sb::ServerConfig &c) {
            c.dataDir = dataDir.path();
            // In the cluster label: a restarted server finds the same PostgreSQL database.
            if (cluster.enabled())
                c.cluster = cluster;
            cluster = c.cluster;
            c.workers = 2;
            c.services[QStringLiteral("chat")].limits.unauthenticatedMs = 600;
            c.services[QStringLiteral("chat")].edit<sb::chat::ChatSettings>().fileBytes = 100'000;
        });
    }

    // Where a file's bytes are: <data dir>/files/<uuid>, or a row of file_contents in the
    // cluster label's PostgreSQL. `strayBytes` puts some there without a files row.
    bool bytesStored(const QString &uuid)
    {
        if (!cluster.enabled())
            return QFile::exists(dataDir.filePath(QStringLiteral("files/") + uuid));
        std::unique_ptr<sb::Database> own = sb::makeDatabase(server ? server->host().config() : clusterConfig());
        QSqlQuery q(own->connection());
        q.prepare(QStringLiteral("SELECT 1 FROM file_contents WHERE uuid = ?"));
        q.addBindValue(uuid);
        const bool found = q.exec() && q.next();
        q.finish();
        own->closeThisThread();
        return found;
    }
    void strayBytes(const QString &uuid)
    {
        if (!cluster.enabled()) {
            QFile stray(dataDir.filePath(QStringLiteral("files/") + uuid));
            QVERIFY(stray.open(QIODevice::WriteOnly));
            return;
        }
        std::unique_ptr<sb::Database> own = sb::makeDatabase(clusterConfig());
        QSqlQuery q(own->connection());
        q.prepare(QStringLiteral("INSERT INTO file_contents (uuid, data) VALUES (?, ?)"));
        q.addBindValue(uuid);
        q.addBindValue(QByteArray("left by a crash"));
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        q.finish();
        own->closeThisThread();
    }
    sb::ServerConfig clusterConfig() const
    {
        sb::ServerConfig c;
        c.cluster = cluster;
        return c;
    }

    HttpResult uploadSmile(const QString &token, const QByteArray &data, const QByteArray &price = {})
    {
        return server->uploadSmile(token, data, price);
    }

private slots:
    void initTestCase()
    {
        startServer();
        QVERIFY2(server->ok(), qPrintable(server->error()));
        alice = makeUser(QStringLiteral("alice@chat.test"), QStringLiteral("member"), 100);
        bob = makeUser(QStringLiteral("bob@chat.test"), QStringLiteral("member"), 0);
        boss = makeUser(QStringLiteral("boss@chat.test"), QStringLiteral("superuser"), 0);
        carol = makeUser(QStringLiteral("carol@chat.test"), QStringLiteral("member"), 50);
        QVERIFY(alice.id && bob.id && boss.id && carol.id);
        aliceToken = server->host().accounts().issueAccessToken(alice.id);
        bobToken = server->host().accounts().issueAccessToken(bob.id);
        bossToken = server->host().accounts().issueAccessToken(boss.id);
        carolToken = server->host().accounts().issueAccessToken(carol.id);
    }
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

    void filesAsTheSeedSendsThem()
    {
        ChatClient a, b;
        QVERIFY(a.join(*server, bob.id, aliceToken));
        QVERIFY(b.join(*server, alice.id, bobToken));
        const QByteArray bytes = QByteArray("hello file \x00\x01\x02 #!", 18);
        // A '#' inside the JSON info must not end it.
        const QByteArray info = R"({"name":"notes #1.txt","size":18,"type":"text/plain","text":"Here's the file!"})";
        const qint64 before = balanceOf(alice.id);
        a.ws->sendBinaryMessage(fileFrame(info, bytes));
        QTRY_COMPARE(b.messages().size(), 1);
        const QJsonObject m = b.messages().first();
        QCOMPARE(m.value(QStringLiteral("type")).toString(), QStringLiteral("file"));
        QCOMPARE(m.value(QStringLiteral("text")).toString(), QStringLiteral("Here's the file!"));
        const QString uuid = m.value(QStringLiteral("file_uuid")).toString();
        QCOMPARE(QUuid::fromString(uuid).version(), QUuid::Random);
        QCOMPARE(balanceOf(alice.id), before - 5);

        const HttpResult f = server->get(QStringLiteral("/storage?uuid=") + uuid);
        QCOMPARE(f.status, 200);
        QCOMPARE(f.body, bytes);
        QCOMPARE(f.header("Content-Type"), QByteArray("text/plain"));
        QVERIFY2(f.header("Content-Disposition").contains("filename*=UTF-8''notes%20%231.txt"), f.header("Content-Disposition").constData());
        // HEAD tells name, type and size without the body.
        const QByteArray head = rawExchange(server->port(), "HEAD /storage?uuid=" + uuid.toLatin1() + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QCOMPARE(statusOf(head), 200);
        QVERIFY2(head.contains("Content-Length: 18\r\n") && head.endsWith("\r\n\r\n"), head.constData());
        // The name on disk is the server's, never the client's.
        QVERIFY(bytesStored(uuid));

        a.ws->sendBinaryMessage(fileFrame(R"({"name":"a","size":5,"type":"","text":""})", "abc"));
        QTRY_COMPARE(a.lastErrorCode(), QStringLiteral("FILE_SIZE_MISMATCH"));
        a.ws->sendBinaryMessage(fileFrame(R"({"name":"big","size":200000,"type":"","text":""})", QByteArray(200000, 'x')));
        QTRY_COMPARE(a.lastErrorCode(), QStringLiteral("FILE_TOO_LARGE"));
        a.ws->sendBinaryMessage("not a file frame");
        QTRY_COMPARE(a.lastErrorCode(), QStringLiteral("INVALID_FILE_FRAME"));
        a.ws->sendBinaryMessage(fileFrame(R"({"size":3})", "abc"));
        QTRY_COMPARE(a.errors().size(), 4);
        QCOMPARE(a.lastErrorCode(), QStringLiteral("INVALID_FILE_FRAME"));
        QCOMPARE(a.ws->state(), QAbstractSocket::ConnectedState);
    }

    void storageErrors()
    {
        QCOMPARE(server->get(QStringLiteral("/storage?uuid=nope")).status, 400);
        QCOMPARE(server->get(QStringLiteral("/storage")).status, 400);
        QCOMPARE(server->get(QStringLiteral("/storage?uuid=9be4aa0c-c820-4edc-b86e-7fe5fdbc49b6")).status, 404);
    }

    void smiles()
    {
        QCOMPARE(uploadSmile(QString(), kPng).status, 401);
        QCOMPARE(uploadSmile(aliceToken, kPng).status, 403);
        QCOMPARE(uploadSmile(bossToken, "GIF8 not really").status, 415);
        QCOMPARE(uploadSmile(bossToken, kPng + QByteArray(200'000, 'x')).status, 413);
        QCOMPARE(uploadSmile(bossToken, kPng, "-1").status, 400);
        const HttpResult r = uploadSmile(bossToken, kPng, "7");
        QCOMPARE(r.status, 201);
        const QJsonObject smile = r.json();
        QCOMPARE(smile.value(QStringLiteral("price")).toInt(), 7);
        const qint64 id = smile.value(QStringLiteral("id")).toInteger();
        const QString fileUuid = smile.value(QStringLiteral("file_uuid")).toString();

        const HttpResult list = server->get(QStringLiteral("/storage/smiles"));
        QCOMPARE(list.status, 200);
        QCOMPARE(QJsonDocument::fromJson(list.body).array().last().toObject().value(QStringLiteral("id")).toInteger(), id);
        const HttpResult img = server->get(QStringLiteral("/storage?uuid=") + fileUuid);
        QCOMPARE(img.body, kPng);
        QCOMPARE(img.header("Content-Type"), QByteArray("image/png"));

        ChatClient a;
        QVERIFY(a.join(*server, bob.id, aliceToken));
        const qint64 before = balanceOf(alice.id);
        a.ws->sendTextMessage(QStringLiteral(R"({"type": "smile", "smile_id": %1})").arg(id));
        QTRY_COMPARE(a.messages().size(), 1);
        const QJsonObject m = a.messages().first();
        QCOMPARE(m.value(QStringLiteral("type")).toString(), QStringLiteral("smile"));
        QCOMPARE(m.value(QStringLiteral("smile_id")).toInteger(), id);
        QCOMPARE(m.value(QStringLiteral("smile_file_uuid")).toString(), fileUuid);
        QVERIFY(!m.contains(QStringLiteral("text")));
        QCOMPARE(balanceOf(alice.id), before - 7);  // the smile's own price

        // A superuser changes the price (PATCH) and retires the smile (DELETE).
        const QString path = QStringLiteral("/storage/smiles/%1").arg(id);
        QCOMPARE(server->send("PATCH", path, R"({"price": 2})", bearer(aliceToken)).status, 403);
        QCOMPARE(server->send("PATCH", path, R"({"price": 2})").status, 401);
        QCOMPARE(server->send("PATCH", path, R"({"price": -2})", bearer(bossToken)).status, 400);
        QCOMPARE(server->send("PATCH", path, R"({"price": 1.5})", bearer(bossToken)).status, 400);
        QCOMPARE(server->send("PATCH", QStringLiteral("/storage/smiles/999999"), R"({"price": 2})", bearer(bossToken)).status, 404);
        const HttpResult patched = server->send("PATCH", path, R"({"price": 2})", bearer(bossToken));
        QCOMPARE(patched.status, 200);
        QCOMPARE(patched.json().value(QStringLiteral("price")).toInt(), 2);
        a.ws->sendTextMessage(QStringLiteral(R"({"type": "smile", "smile_id": %1})").arg(id));
        QTRY_COMPARE(a.messages().size(), 2);
        QCOMPARE(balanceOf(alice.id), before - 7 - 2);  // the new price

        QCOMPARE(server->send("DELETE", path, {}, bearer(aliceToken)).status, 403);
        QCOMPARE(server->send("DELETE", path, {}, bearer(bossToken)).status, 204);
        QCOMPARE(server->send("DELETE", path, {}, bearer(bossToken)).status, 404);  // already retired
        for (const QJsonValue &v : QJsonDocument::fromJson(server->get(QStringLiteral("/storage/smiles")).body).array())
            QVERIFY(v.toObject().value(QStringLiteral("id")).toInteger() != id);
        a.ws->sendTextMessage(QStringLiteral(R"({"type": "smile", "smile_id": %1})").arg(id));
        QTRY_VERIFY(!a.errors().isEmpty());
        QCOMPARE(a.errors().last().value(QStringLiteral("code")).toString(), QStringLiteral("UNKNOWN_SMILE"));
        // The messages that used it still show it.
        ChatClient again;
        QVERIFY(again.join(*server, bob.id, aliceToken));
        bool shown = false;
        for (const QJsonValue &v : again.history())
            shown |= v.toObject().value(QStringLiteral("smile_file_uuid")).toString() == fileUuid;
        QVERIFY(shown);
    }

    void restApi()
    {
        const HttpResult me = server->get(QStringLiteral("/me"), bearer(aliceToken));
        QCOMPARE(me.status, 200);
        QCOMPARE(me.json().value(QStringLiteral("email")).toString(), alice.email);
        QCOMPARE(me.json().value(QStringLiteral("balance")).toInteger(), balanceOf(alice.id));
        QCOMPARE(server->get(QStringLiteral("/me")).status, 401);

        const HttpResult members = server->get(QStringLiteral("/members"), bearer(aliceToken));
        QCOMPARE(members.status, 200);
        const QJsonArray list = QJsonDocument::fromJson(members.body).array();
        QVERIFY(list.size() >= 3);
        for (const QJsonValue &v : list) {
            QVERIFY(v.toObject().value(QStringLiteral("id")).toInteger() != alice.id);
            // A member sees names, not addresses.
            QVERIFY(!v.toObject().contains(QStringLiteral("email")));
            if (v.toObject().value(QStringLiteral("id")).toInteger() == bob.id)
                QCOMPARE(v.toObject().value(QStringLiteral("name")).toString(), QStringLiteral("bob"));
        }
        // Staff see the emails too.
        const QJsonArray staffList = QJsonDocument::fromJson(server->get(QStringLiteral("/members"), bearer(bossToken)).body).array();
        QVERIFY(!staffList.isEmpty());
        for (const QJsonValue &v : staffList)
            QVERIFY(v.toObject().value(QStringLiteral("email")).toString().contains(QLatin1Char('@')));
        QCOMPARE(server->get(QStringLiteral("/members")).status, 401);

        const QString path = QStringLiteral("/admin/users/%1/balance").arg(bob.id);
        QCOMPARE(server->postJson(path, {{QStringLiteral("amount"), 25}}, bearer(aliceToken)).status, 403);
        QCOMPARE(server->postJson(path, {{QStringLiteral("amount"), -5}}, bearer(bossToken)).status, 400);
        QCOMPARE(server->postJson(QStringLiteral("/admin/users/99999/balance"), {{QStringLiteral("amount"), 5}}, bearer(bossToken)).status, 404);
        const HttpResult top = server->postJson(path, {{QStringLiteral("amount"), 25}}, bearer(bossToken));
        QCOMPARE(top.status, 200);
        QCOMPARE(top.json().value(QStringLiteral("balance")).toInteger(), 25);
        QCOMPARE(balanceOf(bob.id), 25);
    }

    void webPagesUseTheirOwnHost()
    {
        const HttpResult page = server->get(QStringLiteral("/"));
        QCOMPARE(page.status, 200);
        QVERIFY(page.header("Content-Type").startsWith("text/html"));
        QVERIFY(page.body.contains("location.host"));
        QVERIFY(!page.body.contains("localhost"));
        const HttpResult example = server->get(QStringLiteral("/examples/chat.html"));
        QCOMPARE(example.status, 200);
        QVERIFY(example.body.contains("function sendFile()"));
        QVERIFY(example.body.contains("${location.host}/members/chat/?other_member_id=${other_member_id}"));
        QVERIFY(!example.body.contains("ws://localhost:8000"));
    }

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
