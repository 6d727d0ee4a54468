// Start, stop and shutdown while clients are connected; listener start/stop and rebinding.
#include "testserver.h"

#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

using namespace sbtest;

class TestLifecycle : public QObject
{
    Q_OBJECT
private slots:
    void shutdownClosesClientsWith1001()
    {
        auto s = std::make_unique<TestServer>();
        QVERIFY(s->ok());
        QList<QWebSocket *> clients;
        for (int i = 0; i < 6; ++i) {
            auto *ws = new QWebSocket;
            QSignalSpy connected(ws, &QWebSocket::connected);
            ws->open(s->ws(QStringLiteral("/echo")));
            QVERIFY(connected.wait(5000));
            clients.append(ws);
        }
        auto open = [&s] {
            for (const auto &c : s->host().snapshot().services) {
                if (c.service == QLatin1String("generic"))
                    return c.connectionsOpen;
            }
            return qint64(-1);
        };
        QTRY_COMPARE(open(), 6);
        // stop() blocks this thread, so the clients answer the close frames only after it
        // returns; the server must still have sent 1001 to every one of them.
        s->host().stop();
        QVERIFY(!s->host().isRunning());
        for (QWebSocket *ws : clients) {
            QTRY_COMPARE(ws->state(), QAbstractSocket::UnconnectedState);
            QCOMPARE(ws->closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
            delete ws;
        }
        s.reset();
    }

    void stopAndStartListener()
    {
        TestServer s;
        QVERIFY(s.ok());
        const quint16 port = s.port();
        QWebSocket ws;
        QSignalSpy connected(&ws, &QWebSocket::connected);
        ws.open(s.ws(QStringLiteral("/echo")));
        QVERIFY(connected.wait(5000));
        QSignalSpy changed(&s.host(), &sb::ServerHost::listenersChanged);
        s.host().stopListener(0);
        QCOMPARE(changed.size(), 1);
        QVERIFY(!s.host().listeners()[0].running);
        QTRY_COMPARE(ws.state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(ws.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
        QCOMPARE(rawExchange(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 1000), QByteArray());
        QString error;
        QVERIFY2(s.host().startListener(0, &error), qPrintable(error));
        QCOMPARE(s.port(), port);  // the same port, so shared URLs stay valid
        QCOMPARE(s.get(QStringLiteral("/healthz")).status, 200);
    }

    void rebindToLoopbackOnly()
    {
        TestServer s([](sb::ServerConfig &c) { c.overrideAddress(QStringLiteral("any")); });
        QVERIFY(s.ok());
        QCOMPARE(s.host().listeners()[0].address, QStringLiteral("any"));
        QString error;
        QVERIFY2(s.host().setListenAddress(QStringLiteral("localhost"), &error), qPrintable(error));
        const auto l = s.host().listeners()[0];
        QCOMPARE(l.address, QStringLiteral("localhost"));
        QVERIFY(l.lanUrls.isEmpty());
        QVERIFY(l.running);
        QCOMPARE(s.get(QStringLiteral("/healthz")).status, 200);
        QVERIFY(!s.host().setListenAddress(QStringLiteral("not-an-address"), &error));
        QVERIFY(error.contains(QStringLiteral("address")));
    }

    void portInUseIsReported()
    {
        TestServer first;
        QVERIFY(first.ok());
        const int taken = first.port();
        // The others start; that listener says why (issue 22 #3) ...
        TestServer second([taken](sb::ServerConfig &c) { c.listeners[0].port = taken; });
        QVERIFY2(second.ok(), qPrintable(second.error()));
        const sb::ListenerStatus l = second.host().listeners()[0];
        QVERIFY(!l.running);
        QVERIFY2(l.error.contains(QStringLiteral("port %1").arg(taken)), qPrintable(l.error));
        QVERIFY(second.host().listeners()[1].running);
        // ... unless the configuration is strict.
        TestServer strict([taken](sb::ServerConfig &c) {
            c.listeners[0].port = taken;
            c.strictListeners = true;
        });
        QVERIFY(!strict.ok());
        QVERIFY2(strict.error().contains(QString::number(taken)), qPrintable(strict.error()));
    }

    void loginInFlightDuringStopIsAnswered()
    {
        TestServer s;
        QVERIFY(s.ok());
        QVERIFY(!s.registerAndLogin(QStringLiteral("late@mail.com"), QStringLiteral("pw")).isEmpty());
        QTcpSocket sock;
        sock.connectToHost(QStringLiteral("127.0.0.1"), s.port());
        QVERIFY(sock.waitForConnected());
        const QByteArray body = R"({"email":"late@mail.com","password":"pw"})";
        sock.write("POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        sock.flush();
        QTest::qWait(20);  // the login is now hashing on the blocking pool
        s.host().stop();
        QByteArray resp = sock.readAll();
        while (sock.waitForReadyRead(1000))
            resp += sock.readAll();
        QCOMPARE(statusOf(resp), 200);
        QVERIFY(resp.contains("access_token"));
        // Then the server closes the connection.
        QTRY_COMPARE(sock.state(), QAbstractSocket::UnconnectedState);
    }
};

QTEST_GUILESS_MAIN(TestLifecycle)
#include "tst_lifecycle.moc"
