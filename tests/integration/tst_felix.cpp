// The felix bot-status service (seed 002, SPEC §5): the 403 before the handshake, heartbeats,
// subscriptions and document updates across workers, the REST API, and the ping timeout.
#include "accounts/accountstore.h"
#include "rawws.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

using namespace sbtest;

namespace {
struct Bot {
    std::unique_ptr<QWebSocket> ws = std::make_unique<QWebSocket>();
    QList<QJsonObject> received;
    Bot()
    {
        QObject::connect(ws.get(), &QWebSocket::textMessageReceived, ws.get(),
                         [this](const QString &m) { received.append(QJsonDocument::fromJson(m.toUtf8()).object()); });
    }
    bool open(const QUrl &url, const QByteArray &token)
    {
        QNetworkRequest req(url);
        req.setRawHeader("Authorization", token);
        req.setRawHeader("User-Agent", "Baguette Corporation");
        QSignalSpy connected(ws.get(), &QWebSocket::connected);
        ws->open(req);
        return connected.wait(5000);
    }
    void send(const QByteArray &json) { ws->sendTextMessage(QString::fromUtf8(json)); }
    QList<QJsonObject> withCode(int code) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject &o : received) {
            if (o.value(QStringLiteral("code")).toInt() == code)
                out.append(o);
        }
        return out;
    }
};
}  // namespace

class TestFelix : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestServer> server;
    QByteArray privateToken, publicToken, revokedToken;
    int felix = -1;

    QList<QPair<QByteArray, QByteArray>> bearer(const QByteArray &t, const QByteArray &type = "application/json")
    {
        return {{"Authorization", "Bearer " + t}, {"Content-Type", type}};
    }
    HttpResult request(const QByteArray &method, const QString &path, const QByteArray &body = {},
                       const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        QByteArray raw = method + " " + path.toUtf8() + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n";
        for (const auto &h : headers)
            raw += h.first + ": " + h.second + "\r\n";
        raw += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        const QByteArray resp = rawExchange(server->port(felix), raw);
        HttpResult r;
        r.status = statusOf(resp);
        r.body = resp.mid(resp.indexOf("\r\n\r\n") + 4);
        return r;
    }

private slots:
    void initTestCase()
    {
        server = std::make_unique<TestServer>([](sb::ServerConfig &c) { c.workers = 2; });
        QVERIFY2(server->ok(), qPrintable(server->error()));
        for (const auto &l : server->host().listeners()) {
            if (l.services.contains(QStringLiteral("felix")))
                felix = l.id;
        }
        QVERIFY(felix >= 0);
        sb::AccountStore &a = server->host().accounts();
        sb::AccountStore::Error err;
        privateToken = a.createApiToken(QStringLiteral("bot"), QStringLiteral("private"), &err);
        publicToken = a.createApiToken(QStringLiteral("website"), QStringLiteral("public"), &err);
        revokedToken = a.createApiToken(QStringLiteral("old"), QStringLiteral("private"), &err);
        QVERIFY(a.revokeApiToken(QStringLiteral("old"), &err));
    }
    void cleanupTestCase() { server.reset(); }

    void refusedWith403BeforeTheHandshake_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::newRow("no header") << QByteArray();
        QTest::newRow("unknown token") << QByteArray("P154008U84j3qK281567571ze.-U8Rd-0fv63A41U5Z2HTV2ab");
        QTest::newRow("revoked") << QByteArray("REVOKED");
        QTest::newRow("public") << QByteArray("PUBLIC");
        QTest::newRow("bearer form") << QByteArray("BEARER");
    }
    void refusedWith403BeforeTheHandshake()
    {
        QFETCH(QByteArray, authorization);
        if (authorization == "REVOKED")
            authorization = revokedToken;
        else if (authorization == "PUBLIC")
            authorization = publicToken;
        else if (authorization == "BEARER")
            authorization = "Bearer " + privateToken;
        const QByteArray header = authorization.isEmpty() ? QByteArray() : "Authorization: " + authorization + "\r\n";
        const QByteArray r = rawExchange(server->port(felix), upgradeRequest("/", header));
        QVERIFY2(statusOf(r) == 403, r.constData());
        QVERIFY(!r.contains("101"));
        QVERIFY(r.contains("FORBIDDEN"));
    }

    void heartbeatReportsShards()
    {
        Bot bot;
        QVERIFY(bot.open(server->ws(QStringLiteral("/"), felix), privateToken));
        QCOMPARE(request("PUT", QStringLiteral("/guilds/g-hb"), R"({"name":"x"})", bearer(privateToken)).status, 201);
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        bot.send(R"({"code":20001})");
        QTRY_COMPARE(bot.withCode(10001).size(), 1);
        const QJsonObject data = bot.withCode(10001).first().value(QStringLiteral("data")).toObject();
        QVERIFY(data.value(QStringLiteral("receivedAt")).toDouble() >= double(before));
        const QJsonArray shards = data.value(QStringLiteral("shards")).toArray();
        QCOMPARE(shards.size(), 2);  // one per worker thread
        int connections = 0;
        for (int i = 0; i < 2; ++i) {
            const QJsonObject s = shards[i].toObject();
            QCOMPARE(s.value(QStringLiteral("id")).toInt(), i);
            QCOMPARE(s.value(QStringLiteral("status")).toString(), QStringLiteral("ready"));
            QVERIFY(s.value(QStringLiteral("ping")).toInt(-1) >= 0);
            connections += s.value(QStringLiteral("connections")).toInt();
        }
        QVERIFY(connections >= 1);
        QCOMPARE(data.value(QStringLiteral("guildsCount")).toInt(), 1);
        QVERIFY(data.value(QStringLiteral("memoryUsage")).toDouble() > 1e6);
        QVERIFY(data.value(QStringLiteral("uptime")).toDouble() > 0);
        QCOMPARE(request("DELETE", QStringLiteral("/guilds/g-hb"), {}, bearer(privateToken)).status, 204);
    }

    void invalidMessagesAreCountedNotAnswered()
    {
        Bot bot;
        QVERIFY(bot.open(server->ws(QStringLiteral("/"), felix), privateToken));
        const auto errorsBefore = [this] {
            for (const auto &s : server->host().snapshot().services) {
                if (s.service == QLatin1String("felix"))
                    return s.errors;
            }
            return qint64(-1);
        };
        const qint64 e0 = errorsBefore();
        for (const char *m : {"not json", R"({"data":{}})", R"({"code":"20001"})", R"({"code":20005,"data":{"baguette":"baguette, indeed."}})",
                              R"({"code":20002,"data":{"users":[1,2]}})", R"({"code":20002,"data":{"guilds":"g1"}})"})
            bot.send(m);
        bot.send(R"({"code":20001})");
        QTRY_COMPARE(bot.received.size(), 1);  // only the heartbeat is answered
        QCOMPARE(bot.received.first().value(QStringLiteral("code")).toInt(), 10001);
        QCOMPARE(errorsBefore() - e0, 6);
    }

    void subscriptionsAcrossWorkers()
    {
        Bot listening, other;
        QVERIFY(listening.open(server->ws(QStringLiteral("/"), felix), privateToken));
        QVERIFY(other.open(server->ws(QStringLiteral("/"), felix), privateToken));  // the other worker
        listening.send(R"({"code":20002,"data":{"users":[],"guilds":["g1"]}})");
        other.send(R"({"code":20002,"data":{"users":["u9"],"guilds":[]}})");
        QTest::qWait(100);
        QCOMPARE(request("PUT", QStringLiteral("/guilds/g1"), R"({"name":"Baguette","prefix":"!"})", bearer(privateToken)).status, 201);
        QTRY_COMPARE(listening.withCode(10002).size(), 1);
        const QJsonObject d = listening.withCode(10002).first().value(QStringLiteral("data")).toObject();
        QCOMPARE(d.value(QStringLiteral("guildID")).toString(), QStringLiteral("g1"));
        QCOMPARE(d.value(QStringLiteral("guildData")).toObject().value(QStringLiteral("prefix")).toString(), QStringLiteral("!"));

        // Changes arrive in commit order.
        for (int i = 1; i <= 5; ++i)
            QCOMPARE(request("PATCH", QStringLiteral("/guilds/g1"), QStringLiteral(R"({"n":%1})").arg(i).toUtf8(), bearer(privateToken, "application/merge-patch+json")).status, 200);
        QTRY_COMPARE(listening.withCode(10002).size(), 6);
        for (int i = 1; i <= 5; ++i)
            QCOMPARE(listening.withCode(10002)[i].value(QStringLiteral("data")).toObject().value(QStringLiteral("guildData")).toObject().value(QStringLiteral("n")).toInt(), i);

        // Replace semantics: users only now, so g1 is no longer heard.
        listening.send(R"({"code":20002,"data":{"users":["u1"]}})");
        QTest::qWait(100);
        QCOMPARE(request("PATCH", QStringLiteral("/guilds/g1"), R"({"n":99})", bearer(privateToken)).status, 200);
        QCOMPARE(request("PUT", QStringLiteral("/users/u1"), R"({"lang":"fr"})", bearer(privateToken)).status, 201);
        QTRY_COMPARE(listening.withCode(10003).size(), 1);
        QCOMPARE(listening.withCode(10003).first().value(QStringLiteral("data")).toObject(),
                 (QJsonObject{{QStringLiteral("userID"), QStringLiteral("u1")}, {QStringLiteral("userData"), QJsonObject{{QStringLiteral("lang"), QStringLiteral("fr")}}}}));
        QCOMPARE(listening.withCode(10002).size(), 6);
        // A deletion is pushed with null data.
        QCOMPARE(request("DELETE", QStringLiteral("/users/u1"), {}, bearer(privateToken)).status, 204);
        QTRY_COMPARE(listening.withCode(10003).size(), 2);
        QVERIFY(listening.withCode(10003)[1].value(QStringLiteral("data")).toObject().value(QStringLiteral("userData")).isNull());
        QVERIFY(other.withCode(10002).isEmpty() && other.withCode(10003).isEmpty());  // it listens to u9 only
    }

    void restApi()
    {
        QCOMPARE(request("GET", QStringLiteral("/guilds/none")).status, 401);
        QCOMPARE(request("GET", QStringLiteral("/guilds/none"), {}, bearer(publicToken)).status, 403);
        QCOMPARE(request("GET", QStringLiteral("/guilds/none"), {}, bearer(revokedToken)).status, 403);
        QCOMPARE(request("GET", QStringLiteral("/guilds/none"), {}, bearer(privateToken)).status, 404);
        QCOMPARE(request("PUT", QStringLiteral("/guilds/r1"), "{bad", bearer(privateToken)).status, 400);
        QCOMPARE(request("PUT", QStringLiteral("/guilds/r1"), "[1]", bearer(privateToken)).status, 400);
        QCOMPARE(request("PUT", QStringLiteral("/guilds/r1"), "{}", bearer(privateToken, "text/plain")).status, 415);
        QCOMPARE(request("PATCH", QStringLiteral("/guilds/r1"), "{}", bearer(privateToken)).status, 404);
        QCOMPARE(request("PUT", QStringLiteral("/guilds/r1"), R"({"a":1,"b":{"c":2,"d":3}})", bearer(privateToken)).status, 201);
        QCOMPARE(request("PUT", QStringLiteral("/guilds/r1"), R"({"a":1,"b":{"c":2,"d":3}})", bearer(privateToken)).status, 200);
        // RFC 7386: null removes, objects merge, other values replace.
        const HttpResult p = request("PATCH", QStringLiteral("/guilds/r1"), R"({"a":null,"b":{"c":null,"e":[1]},"f":"x"})",
                                     bearer(privateToken, "application/merge-patch+json"));
        QCOMPARE(p.status, 200);
        QCOMPARE(p.json(), QJsonDocument::fromJson(R"({"b":{"d":3,"e":[1]},"f":"x"})").object());
        QCOMPARE(request("GET", QStringLiteral("/guilds/r1"), {}, bearer(privateToken)).json(), p.json());
        QCOMPARE(request("PATCH", QStringLiteral("/guilds/r1"), "[1,2]", bearer(privateToken)).status, 400);
        const HttpResult list = request("GET", QStringLiteral("/guilds"), {}, bearer(privateToken));
        QCOMPARE(list.status, 200);
        QVERIFY(list.body.contains("\"id\":\"r1\""));
        QCOMPARE(request("DELETE", QStringLiteral("/guilds/r1"), {}, bearer(privateToken)).status, 204);
        QCOMPARE(request("DELETE", QStringLiteral("/guilds/r1"), {}, bearer(privateToken)).status, 404);
    }

    void silentPeerIsTerminated()
    {
        TestServer s([](sb::ServerConfig &c) {
            c.services[QStringLiteral("felix")].limits.pingIntervalMs = 1000;
            c.services[QStringLiteral("felix")].limits.pongTimeoutMs = 1000;
        });
        QVERIFY(s.ok());
        int port = 0;
        for (const auto &l : s.host().listeners()) {
            if (l.services.contains(QStringLiteral("felix")))
                port = l.port;
        }
        sb::AccountStore::Error err;
        const QByteArray token = s.host().accounts().createApiToken(QStringLiteral("t"), QStringLiteral("private"), &err);
        Bot good;
        QVERIFY(good.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(port)), token));
        RawWs silent(quint16(port), "/", "Authorization: " + token + "\r\n");
        QVERIFY(silent.ok());
        QTRY_VERIFY_WITH_TIMEOUT(silent.socket().bytesAvailable() > 0, 4000);
        RawFrame f;
        QVERIFY(silent.read(&f, 100));
        QCOMPARE(f.opcode, 9);  // a WebSocket ping
        QTRY_COMPARE_WITH_TIMEOUT(silent.socket().state(), QAbstractSocket::UnconnectedState, 5000);
        QCOMPARE(good.ws->state(), QAbstractSocket::ConnectedState);
        for (const auto &c : s.host().snapshot().services) {
            if (c.service == QLatin1String("felix"))
                QCOMPARE(c.heartbeatTimeouts, 1);
        }
    }
};

QTEST_GUILESS_MAIN(TestFelix)
#include "tst_felix.moc"
