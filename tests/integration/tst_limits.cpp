// SPEC §8 limits, each with its status or close code, and the server heartbeat.
#include "rawws.h"
#include "testserver.h"

#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

using namespace sbtest;

class TestLimits : public QObject
{
    Q_OBJECT
private slots:
    void messageTooLargeCloses1009()
    {
        TestServer s([](sb::ServerConfig &c) {
            c.services[QStringLiteral("generic")].limits.messageBytes = 1000;
            c.services[QStringLiteral("generic")].limits.frameBytes = 1000;
        });
        QVERIFY(s.ok());
        RawWs ws(s.port(), "/echo");
        QVERIFY(ws.ok());
        ws.sendText(QByteArray(999, 'a'));
        RawFrame f;
        QVERIFY(ws.read(&f));
        QCOMPARE(f.payload.size(), 999);
        ws.sendText(QByteArray(2000, 'a'));
        QCOMPARE(ws.readClose(), 1009);
    }

    void messageRateCloses1008()
    {
        TestServer s([](sb::ServerConfig &c) { c.services[QStringLiteral("generic")].limits.messagesPerSecond = 20; });
        QVERIFY(s.ok());
        RawWs ws(s.port(), "/echo");
        QVERIFY(ws.ok());
        // One write, so that every frame is in before the server closes (frames arriving
        // after a close would reset the connection and hide the close frame).
        ws.sendAll(QList<RawFrame>(30, RawFrame{true, 0, 1, "x"}));
        QCOMPARE(ws.readClose(), 1008);
        const HttpResult m = s.get(QStringLiteral("/metrics"));
        QVERIFY(m.body.contains("switchboard_limit_hits_total{service=\"generic\"} 1"));
    }

    void perAddressAndServiceLimits()
    {
        TestServer s([](sb::ServerConfig &c) {
            c.services[QStringLiteral("generic")].limits.maxConnectionsPerIp = 2;
        });
        QVERIFY(s.ok());
        RawWs a(s.port(), "/echo");
        RawWs b(s.port(), "/echo");
        QVERIFY(a.ok() && b.ok());
        const QByteArray third = rawExchange(s.port(), upgradeRequest("/echo"));
        QCOMPARE(statusOf(third), 429);
        QVERIFY(third.contains("TOO_MANY_CONNECTIONS_FROM_ADDRESS"));
        // A slot frees up when a connection closes: once the server has let the session go
        // (one open connection left), a new one is admitted.
        a.send({true, 0, 8, QByteArray("\x03\xe8", 2)});
        QVERIFY(a.waitDisconnected());
        auto open = [&s] {
            for (const auto &c : s.host().snapshot().services) {
                if (c.service == QLatin1String("generic"))
                    return c.connectionsOpen;
            }
            return qint64(-1);
        };
        QTRY_COMPARE_WITH_TIMEOUT(open(), 1, 10000);
        QVERIFY(RawWs(s.port(), "/echo").ok());

        TestServer t([](sb::ServerConfig &c) { c.services[QStringLiteral("generic")].limits.maxConnections = 1; });
        QVERIFY(t.ok());
        RawWs only(t.port(), "/echo");
        QVERIFY(only.ok());
        QCOMPARE(statusOf(rawExchange(t.port(), upgradeRequest("/echo"))), 503);
    }

    void totalConnectionLimit()
    {
        TestServer s([](sb::ServerConfig &c) { c.limits.maxConnections = 2; });
        QVERIFY(s.ok());
        RawWs a(s.port(), "/echo");
        RawWs b(s.port(), "/echo");
        QVERIFY(a.ok() && b.ok());
        const QByteArray r = rawExchange(s.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        QCOMPARE(statusOf(r), 503);
        QVERIFY(r.contains("Retry-After: 5"));
    }

    void heartbeatPingsAndDropsSilentPeers()
    {
        TestServer s([](sb::ServerConfig &c) {
            c.services[QStringLiteral("generic")].limits.pingIntervalMs = 1000;
            c.services[QStringLiteral("generic")].limits.pongTimeoutMs = 1500;
        });
        QVERIFY(s.ok());
        // A real client answers pings and stays.
        QWebSocket good;
        QSignalSpy connected(&good, &QWebSocket::connected);
        good.open(s.ws(QStringLiteral("/echo")));
        QVERIFY(connected.wait(5000));
        // A raw client that never answers gets a ping, then is dropped. The waits spin the
        // event loop so that the good client keeps answering its pings meanwhile.
        RawWs silent(s.port(), "/echo");
        QVERIFY(silent.ok());
        QTRY_VERIFY_WITH_TIMEOUT(silent.socket().bytesAvailable() > 0, 4000);
        RawFrame f;
        QVERIFY(silent.read(&f, 100));
        QCOMPARE(f.opcode, 9);
        QTRY_COMPARE_WITH_TIMEOUT(silent.socket().state(), QAbstractSocket::UnconnectedState, 6000);
        QCOMPARE(good.state(), QAbstractSocket::ConnectedState);
        QTest::qWait(300);
        QCOMPARE(good.state(), QAbstractSocket::ConnectedState);
        const auto snap = s.host().snapshot();
        for (const auto &c : snap.services) {
            if (c.service == QLatin1String("generic"))
                QCOMPARE(c.heartbeatTimeouts, 1);
        }
    }

    void badInputNeverStallsTheWorker()
    {
        TestServer s([](sb::ServerConfig &c) { c.workers = 1; });
        QVERIFY(s.ok());
        // Garbage, a half head, binary noise: each gets an answer or a close, and the single
        // worker keeps serving.
        QCOMPARE(statusOf(rawExchange(s.port(), QByteArray("\x16\x03\x01\x02\x00garbage\r\n\r\n", 16))), 400);
        QCOMPARE(statusOf(rawExchange(s.port(), "GET\r\n\r\n")), 400);
        QCOMPARE(statusOf(rawExchange(s.port(), QByteArray(200, '\0') + "\r\n\r\n")), 400);
        QCOMPARE(s.get(QStringLiteral("/healthz")).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestLimits)
#include "tst_limits.moc"
