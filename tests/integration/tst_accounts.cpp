// Accounts API (SPEC §2) and the shared HTTP surface, over real sockets.
#include "testserver.h"

#include <QJsonObject>
#include <QTest>
#include <QWebSocket>

using namespace sbtest;

class TestAccounts : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestServer> server;

    static QJsonObject reg(const QString &email, const QString &pw, const QString &repeat)
    {
        return {{QStringLiteral("email"), email}, {QStringLiteral("password"), pw}, {QStringLiteral("repeat_password"), repeat}};
    }

private slots:
    void initTestCase()
    {
        server = std::make_unique<TestServer>();
        QVERIFY2(server->ok(), qPrintable(server->error()));
    }
    void cleanupTestCase() { server.reset(); }

    void registerAsTheSeedDoes()
    {
        const HttpResult r = server->postJson(QStringLiteral("/auth/register"), reg(QStringLiteral("mail@mail.com"), QStringLiteral("123"), QStringLiteral("123")));
        QCOMPARE(r.status, 201);
        QVERIFY(r.json().value(QStringLiteral("id")).toInt() > 0);
        QCOMPARE(r.json().value(QStringLiteral("email")).toString(), QStringLiteral("mail@mail.com"));
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
    }

    void registerErrors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("exists, other case") << QByteArray(R"({"email":"MAIL@mail.com","password":"1","repeat_password":"1"})") << 409 << QStringLiteral("EMAIL_EXISTS");
        QTest::newRow("malformed email") << QByteArray(R"({"email":"mail","password":"1","repeat_password":"1"})") << 400 << QStringLiteral("INVALID_EMAIL");
        QTest::newRow("empty password") << QByteArray(R"({"email":"x@mail.com","password":"","repeat_password":""})") << 400 << QStringLiteral("INVALID_PASSWORD");
        QTest::newRow("mismatch") << QByteArray(R"({"email":"x@mail.com","password":"1","repeat_password":"2"})") << 400 << QStringLiteral("PASSWORD_MISMATCH");
        QTest::newRow("missing field") << QByteArray(R"({"email":"x@mail.com"})") << 400 << QStringLiteral("MISSING_FIELD");
        QTest::newRow("not json") << QByteArray("email=x") << 400 << QStringLiteral("INVALID_JSON");
        QTest::newRow("json array") << QByteArray("[]") << 400 << QStringLiteral("INVALID_JSON");
    }
    void registerErrors()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, code);
        const HttpResult r = server->post(QStringLiteral("/auth/register"), body);
        QCOMPARE(r.status, status);
        QCOMPARE(r.json().value(QStringLiteral("code")).toString(), code);
        QVERIFY(!r.json().value(QStringLiteral("detail")).toString().isEmpty());
    }

    void loginGivesTokenAndCookie()
    {
        const HttpResult r = server->postJson(QStringLiteral("/auth/login"), {{QStringLiteral("email"), QStringLiteral("mail@mail.com")}, {QStringLiteral("password"), QStringLiteral("123")}});
        QCOMPARE(r.status, 200);
        const QString token = r.json().value(QStringLiteral("access_token")).toString();
        QVERIFY(QUuid::fromString(token).version() == QUuid::Random);
        QCOMPARE(r.json().value(QStringLiteral("token_type")).toString(), QStringLiteral("bearer"));
        const QByteArray cookie = r.header("Set-Cookie");
        QVERIFY2(cookie.startsWith("sb_session=" + token.toLatin1()), cookie.constData());
        QVERIFY(cookie.contains("HttpOnly"));
        QVERIFY(cookie.contains("SameSite=Lax"));
        QVERIFY(cookie.contains("Path=/"));
    }

    void loginFailures()
    {
        QCOMPARE(server->postJson(QStringLiteral("/auth/login"), {{QStringLiteral("email"), QStringLiteral("mail@mail.com")}, {QStringLiteral("password"), QStringLiteral("bad")}}).status, 401);
        QCOMPARE(server->postJson(QStringLiteral("/auth/login"), {{QStringLiteral("email"), QStringLiteral("nobody@mail.com")}, {QStringLiteral("password"), QStringLiteral("123")}}).status, 401);
        QCOMPARE(server->post(QStringLiteral("/auth/login"), "{").status, 400);
    }

    void ticketAndLogout()
    {
        const QString token = server->registerAndLogin(QStringLiteral("t@mail.com"), QStringLiteral("pw"));
        QVERIFY(!token.isEmpty());
        const QList<QPair<QByteArray, QByteArray>> bearer = {{"Authorization", "Bearer " + token.toLatin1()}};
        HttpResult t = server->post(QStringLiteral("/auth/ticket"), {}, bearer);
        QCOMPARE(t.status, 200);
        QVERIFY(!t.json().value(QStringLiteral("ticket")).toString().isEmpty());
        QCOMPARE(t.json().value(QStringLiteral("expires_in")).toInt(), 30);
        // The cookie works like the bearer token.
        t = server->post(QStringLiteral("/auth/ticket"), {}, {{"Cookie", "other=1; sb_session=" + token.toLatin1()}});
        QCOMPARE(t.status, 200);
        QCOMPARE(server->post(QStringLiteral("/auth/ticket"), {}).status, 401);
        QCOMPARE(server->post(QStringLiteral("/auth/ticket"), {}, {{"Authorization", "Bearer 00000000-0000-4000-8000-000000000000"}}).status, 401);

        const HttpResult out = server->post(QStringLiteral("/auth/logout"), {}, bearer);
        QCOMPARE(out.status, 200);
        QVERIFY(out.header("Set-Cookie").contains("Max-Age=0"));
        // Revoked: the token no longer works anywhere.
        QCOMPARE(server->post(QStringLiteral("/auth/ticket"), {}, bearer).status, 401);
        QCOMPARE(server->post(QStringLiteral("/auth/logout"), {}, bearer).status, 401);
    }

    void healthAndMetrics()
    {
        const HttpResult h = server->get(QStringLiteral("/healthz"));
        QCOMPARE(h.status, 200);
        QCOMPARE(h.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        const HttpResult m = server->get(QStringLiteral("/metrics"));
        QCOMPARE(m.status, 200);
        QVERIFY(m.header("Content-Type").startsWith("text/plain; version=0.0.4"));
        QVERIFY(m.body.contains("# TYPE switchboard_connections gauge"));
        QVERIFY(m.body.contains("switchboard_http_requests_total{service=\"accounts\"}"));
        QVERIFY(m.body.contains("switchboard_messages_total{service=\"generic\",direction=\"in\"}"));
    }

    void unknownRouteAndMethod()
    {
        const HttpResult nf = server->get(QStringLiteral("/nope"));
        QCOMPARE(nf.status, 404);
        QCOMPARE(nf.json().value(QStringLiteral("code")).toString(), QStringLiteral("NOT_FOUND"));
        const HttpResult na = server->get(QStringLiteral("/auth/login"));
        QCOMPARE(na.status, 405);
        QCOMPARE(na.header("Allow"), QByteArray("POST"));
    }

    void keepAliveAndPipelining()
    {
        // Two requests in one write on one connection: two responses, in order.
        const QByteArray two = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        const QByteArray resp = rawExchange(server->port(), two);
        QCOMPARE(statusOf(resp), 200);
        const qsizetype second = resp.indexOf("HTTP/1.1 404");
        QVERIFY2(second > 0, resp.constData());
    }

    void chunkedBody()
    {
        const QByteArray body = R"({"email":"chunk@mail.com","password":"p","repeat_password":"p"})";
        QByteArray req = "POST /auth/register HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        req += QByteArray::number(10, 16) + "\r\n" + body.left(10) + "\r\n";
        req += QByteArray::number(body.size() - 10, 16) + "\r\n" + body.mid(10) + "\r\n0\r\n\r\n";
        const QByteArray resp = rawExchange(server->port(), req);
        QCOMPARE(statusOf(resp), 201);
    }

    void bodyTooLarge()
    {
        const QByteArray req = "POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n";
        const QByteArray resp = rawExchange(server->port(), req);
        QCOMPARE(statusOf(resp), 413);
        QVERIFY(resp.contains("BODY_TOO_LARGE"));
    }

    void expectContinue()
    {
        const QByteArray body = R"({"email":"mail@mail.com","password":"123"})";
        QTcpSocket s;
        s.connectToHost(QStringLiteral("127.0.0.1"), server->port());
        QVERIFY(s.waitForConnected());
        s.write("POST /auth/login HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n");
        QVERIFY(s.waitForReadyRead(5000));
        QCOMPARE(s.readAll(), QByteArray("HTTP/1.1 100 Continue\r\n\r\n"));
        s.write(body);
        QByteArray resp;
        while (!resp.contains("access_token") && s.waitForReadyRead(5000))
            resp += s.readAll();
        QCOMPARE(statusOf(resp), 200);
    }

    void emailsCompareCaseInsensitively()
    {
        QVERIFY(!server->registerAndLogin(QStringLiteral("Case@Mail.com"), QStringLiteral("x")).isEmpty());
        const HttpResult r = server->postJson(QStringLiteral("/auth/login"), {{QStringLiteral("email"), QStringLiteral("case@MAIL.COM")}, {QStringLiteral("password"), QStringLiteral("x")}});
        QCOMPARE(r.status, 200);
    }
};

QTEST_GUILESS_MAIN(TestAccounts)
#include "tst_accounts.moc"
