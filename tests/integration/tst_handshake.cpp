// Every refusal before a WebSocket handshake (SPEC §7, §8), checked on the raw bytes a client
// receives: the status line, the headers that matter, and that no 101 was ever sent.
#include "testserver.h"

#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>
#include <QTest>

using namespace sbtest;

class TestHandshake : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestServer> server;

    QByteArray exchange(const QByteArray &request) { return rawExchange(server->port(), request); }

private slots:
    void initTestCase()
    {
        server = std::make_unique<TestServer>([](sb::ServerConfig &c) {
            c.limits.headTimeoutMs = 400;
            c.limits.headBytes = 4096;
        });
        QVERIFY2(server->ok(), qPrintable(server->error()));
    }
    void cleanupTestCase() { server.reset(); }

    void validHandshakeSwitches()
    {
        const QByteArray r = exchange(upgradeRequest("/echo"), 1000);
        QCOMPARE(statusOf(r), 101);
        QVERIFY(r.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
        // The server writes the 101 itself: its Date is an IMF-fixdate (RFC 7231 §7.1.1.1) of now.
        const QRegularExpressionMatch date = QRegularExpression(QStringLiteral(
            "\r\nDate: ((Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} "
            "\\d\\d:\\d\\d:\\d\\d) GMT\r\n")).match(QString::fromLatin1(r));
        QVERIFY2(date.hasMatch(), r.constData());
        const QDateTime local = QLocale::c().toDateTime(date.captured(1), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss"));
        const QDateTime sent(local.date(), local.time(), Qt::UTC);
        QVERIFY2(sent.isValid(), qPrintable(date.captured(1)));
        QVERIFY2(qAbs(sent.secsTo(QDateTime::currentDateTimeUtc())) <= 5, qPrintable(date.captured(1)));
        // Every character of the base64 alphabet is welcome in a key.
        for (const QByteArray key : {"+/+/+/+/+/+/+/+/+/+/+w==", "ABCDEFGHIJKLMNOPQRSTUQ==", "abcdefghijklmnopqrstuQ==", "0123456789+/0123456789==",
                                     "AAAAAAAAAAAAAAAAAAAAAB=="})
            QVERIFY2(statusOf(exchange(upgradeRequest("/echo", {}, key), 1000)) == 101, key.constData());
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("mustContain");
        const QByteArray key = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
        QTest::newRow("no Upgrade header") << QByteArray("GET /echo HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\n" + key + "Sec-WebSocket-Version: 13\r\n\r\n") << 400 << QByteArray("Upgrade");
        QTest::newRow("wrong Upgrade") << QByteArray("GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n" + key + "Sec-WebSocket-Version: 13\r\n\r\n") << 400 << QByteArray("BAD_HANDSHAKE");
        QTest::newRow("no Connection upgrade") << QByteArray("GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: keep-alive\r\n" + key + "Sec-WebSocket-Version: 13\r\n\r\n") << 400 << QByteArray("Connection");
        QTest::newRow("no key") << upgradeRequest("/echo", {}, {}) << 400 << QByteArray("Sec-WebSocket-Key");
        QTest::newRow("short key") << upgradeRequest("/echo", {}, "c2hvcnQ=") << 400 << QByteArray("Sec-WebSocket-Key");
        QTest::newRow("key not base64") << upgradeRequest("/echo", {}, "!!!!!!!!!!!!!!!!!!!!!!==") << 400 << QByteArray("Sec-WebSocket-Key");
        QTest::newRow("key of 18 bytes") << upgradeRequest("/echo", {}, "AAAAAAAAAAAAAAAAAAAAAAAA") << 400 << QByteArray("Sec-WebSocket-Key");
        QTest::newRow("key url-safe") << upgradeRequest("/echo", {}, "dGhlIHNhbXBsZSBub25jZ-_=") << 400 << QByteArray("Sec-WebSocket-Key");
        QTest::newRow("key padded inside") << upgradeRequest("/echo", {}, "dGhlIHNhbXBs=SBub25jZQ==") << 400 << QByteArray("Sec-WebSocket-Key");
        QTest::newRow("key with space") << upgradeRequest("/echo", {}, "dGhlIHNhbXBsZSBub25j ZQ==") << 400 << QByteArray("Sec-WebSocket-Key");
        QTest::newRow("version 8") << upgradeRequest("/echo", "Sec-WebSocket-Version: 8\r\n") << 426 << QByteArray("Sec-WebSocket-Version: 13");
        QTest::newRow("no version") << QByteArray("GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" + key + "\r\n") << 400 << QByteArray("Sec-WebSocket-Version");
        QTest::newRow("unknown path") << upgradeRequest("/nowhere") << 404 << QByteArray("no WebSocket endpoint");
        QTest::newRow("POST upgrade") << QByteArray("POST /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" + key + "Sec-WebSocket-Version: 13\r\nContent-Length: 0\r\n\r\n") << 405 << QByteArray("Allow: GET");
        QTest::newRow("HTTP/1.0") << QByteArray("GET /echo HTTP/1.0\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" + key + "Sec-WebSocket-Version: 13\r\n\r\n") << 400 << QByteArray("HTTP/1.1");
        QTest::newRow("plain GET on WS path") << QByteArray("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n") << 400 << QByteArray("WEBSOCKET_REQUIRED");
        QTest::newRow("malformed head") << QByteArray("GET /echo HTTP/1.1\r\nHost : x\r\n\r\n") << 400 << QByteArray("BAD_REQUEST");
        QTest::newRow("data after head") << upgradeRequest("/echo") + QByteArray("\x81\x85\x00\x00\x00\x00hello", 11) << 400 << QByteArray("before the handshake");
        QTest::newRow("chat without credentials") << upgradeRequest("/chat") << 401 << QByteArray("WWW-Authenticate: Basic");
        QTest::newRow("chat with wrong password") << upgradeRequest("/chat/r", "Authorization: Basic " + QByteArray("nobody@mail.com:x").toBase64() + "\r\n") << 403 << QByteArray("INVALID_CREDENTIALS");
        QTest::newRow("chat with bad ticket") << upgradeRequest("/chat/r?ticket=nope") << 403 << QByteArray("ticket");
        QTest::newRow("chat with bad cookie") << upgradeRequest("/chat", "Cookie: sb_session=abc\r\n") << 403 << QByteArray("cookie");
    }
    void refusals()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QFETCH(QByteArray, mustContain);
        const QByteArray r = exchange(request);
        QVERIFY2(statusOf(r) == status, r.constData());
        QVERIFY2(r.contains(mustContain), r.constData());
        QVERIFY(!r.contains("101 Switching"));
        QVERIFY(r.contains("Content-Type: application/json"));
        QVERIFY(r.contains("Connection: close"));
    }

    void originAllowList()
    {
        TestServer s([](sb::ServerConfig &c) {
            c.services[QStringLiteral("generic")].allowedOrigins = {QStringLiteral("http://lan.example:8000")};
        });
        QVERIFY(s.ok());
        const QByteArray refused = rawExchange(s.port(), upgradeRequest("/echo", "Origin: http://evil.example\r\n"));
        QVERIFY2(statusOf(refused) == 403, refused.constData());
        QVERIFY(refused.contains("ORIGIN_NOT_ALLOWED"));
        QVERIFY(!refused.contains("101 Switching"));
        QCOMPARE(statusOf(rawExchange(s.port(), upgradeRequest("/echo"))), 403);  // no Origin at all
        QCOMPARE(statusOf(rawExchange(s.port(), upgradeRequest("/echo", "Origin: http://LAN.example:8000\r\n"), 1000)), 101);
    }

    void oversizedHeadIs431()
    {
        const QByteArray r = exchange("GET /echo HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(8000, 'a') + "\r\n\r\n");
        QCOMPARE(statusOf(r), 431);
    }

    void slowHeadIs408()
    {
        QTcpSocket s;
        s.connectToHost(QStringLiteral("127.0.0.1"), server->port());
        QVERIFY(s.waitForConnected());
        s.write("GET /echo HTTP/1.1\r\nHost: x\r\n");  // never finished
        QByteArray r;
        QElapsedTimer t;
        t.start();
        while (s.state() == QAbstractSocket::ConnectedState && t.elapsed() < 5000) {
            if (s.waitForReadyRead(100))
                r += s.readAll();
        }
        r += s.readAll();
        QCOMPARE(statusOf(r), 408);
        QVERIFY(r.contains("HEAD_TIMEOUT"));
        QVERIFY(t.elapsed() < 3000);
    }

    void silentConnectionIs408()
    {
        const QByteArray r = exchange({}, 3000);
        QCOMPARE(statusOf(r), 408);
    }

    void rejectionsAreCounted()
    {
        const QByteArray metrics = exchange("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QVERIFY(metrics.contains("switchboard_handshake_rejections_total{reason=\"unsupported_version\"}"));
        QVERIFY(metrics.contains("switchboard_handshake_rejections_total{reason=\"auth\"}"));
    }

private:
    QByteArray exchange(const QByteArray &request, int timeoutMs) { return rawExchange(server->port(), request, timeoutMs); }
};

QTEST_GUILESS_MAIN(TestHandshake)
#include "tst_handshake.moc"
