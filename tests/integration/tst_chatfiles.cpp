// The member chat service's files, smiles and REST API (seed 001, SPEC §3) with real
// QWebSocket and HTTP clients: a file frame stored and served, smiles uploaded, priced and
// retired, /me, /members and balances, the web pages.
#include "chatfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace sbtest;

class TestChatFiles : public ChatFixture
{
    Q_OBJECT
private slots:
    void initTestCase() { setUp(); }
    void cleanupTestCase() { server.reset(); }

    void filesAsTheSeedSendsThem()
    {
        ChatClient a, b;
        QVERIFY(a.join(*server, bob.id, aliceToken));
        QVERIFY(b.join(*server, alice.id, bobToken));
        const QByteArray bytes = QByteArray("hello file \x00\x01\x02 #!", 18);
        // A '#' inside the JSON info must not end it. (Not a raw string: moc reads a '#' in one
        // as a directive and loses the test functions that follow; tests/check_slots.py.)
        const QByteArray info = "{\"name\":\"notes #1.txt\",\"size\":18,\"type\":\"text/plain\",\"text\":\"Here's the file!\"}";
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
};

QTEST_GUILESS_MAIN(TestChatFiles)
#include "tst_chatfiles.moc"
