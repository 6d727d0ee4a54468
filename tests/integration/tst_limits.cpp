// SPEC §8 limits, each with its status or close code, and the server heartbeat.
#include "accounts/accountstore.h"
#include "rawws.h"
#include "testserver.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

#include <cerrno>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace sbtest;

namespace {
// A client whose kernel takes little (4 KiB receive buffer): it does not read until told to.
int slowClient(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int small = 4096;
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// Everything the server sends until it closes or is silent for `idleMs`.
QByteArray drain(int fd, int idleMs)
{
    timeval tv{idleMs / 1000, (idleMs % 1000) * 1000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    QByteArray got;
    char buf[65536];
    for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;)
        got.append(buf, n);
    return got;
}

// Reads until the server ends the connection (true) or `ms` of silence pass (false).
bool endedByServer(int fd, int ms)
{
    timeval tv{ms / 1000, (ms % 1000) * 1000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char buf[65536];
    for (;;) {
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n > 0)
            continue;
        return n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK);  // end of stream or reset
    }
}

qint64 metricOf(TestServer &s, const QByteArray &line)
{
    const QByteArray text = s.get(QStringLiteral("/metrics")).body;
    for (const QByteArray &l : text.split('\n')) {
        if (l.startsWith(line + ' '))
            return l.mid(line.size() + 1).toLongLong();
    }
    return -1;
}
}  // namespace

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

    // Pipelined requests are answered while the client takes the answers: one that sends
    // many and reads none has the server wait (and Qt stop reading from it), not queue
    // answers without end; once it reads, every answer comes, whole and in order.
    void pipelinedRequestsWaitForTheirAnswersToBeRead()
    {
        TestServer s([](sb::ServerConfig &c) { c.limits.sendQueueBytes = 256 * 1024; });
        QVERIFY2(s.ok(), qPrintable(s.error()));
        const QString token = s.registerAndLogin(QStringLiteral("boss@limits.test"), QStringLiteral("pw"));
        sb::AccountStore::Error err;
        QVERIFY(s.host().accounts().setRole(QStringLiteral("boss@limits.test"), QStringLiteral("superuser"), &err));
        const HttpResult smile = s.uploadSmile(token, kTinyPng + QByteArray(1'000'000, 'x'));
        QCOMPARE(smile.status, 201);
        const QByteArray uuid = smile.json().value(QStringLiteral("file_uuid")).toString().toLatin1();
        const qint64 before = metricOf(s, "switchboard_http_requests_total{service=\"chat\"}");

        const int fd = slowClient(s.port());
        QVERIFY(fd >= 0);
        const int requests = 20;  // 20 MB of answers: more than any socket buffer holds
        QByteArray pipeline;
        for (int i = 0; i < requests; ++i)
            pipeline += "GET /storage?uuid=" + uuid + " HTTP/1.1\r\nHost: x\r\n\r\n";
        QCOMPARE(::send(fd, pipeline.constData(), size_t(pipeline.size()), MSG_NOSIGNAL), ssize_t(pipeline.size()));
        QTest::qWait(800);
        const qint64 answeredWhileNotReading = metricOf(s, "switchboard_http_requests_total{service=\"chat\"}") - before;
        QVERIFY2(answeredWhileNotReading < requests / 2, qPrintable(QString::number(answeredWhileNotReading)));
        const QByteArray all = drain(fd, 2000);
        ::close(fd);
        QCOMPARE(all.count("HTTP/1.1 200 OK"), requests);
        QVERIFY(all.size() > requests * 1'000'000);
    }

    // An event stream whose reader stopped reading is closed once what waits for it would
    // pass the send queue, and leaves its channel.
    void eventStreamThatIsNotReadIsClosed()
    {
        TestServer s;
        QVERIFY2(s.ok(), qPrintable(s.error()));
        int channels = -1;
        for (const auto &l : s.host().listeners()) {
            if (l.services.contains(QStringLiteral("channels")))
                channels = l.id;
        }
        const int fd = slowClient(s.port(channels));
        QVERIFY(fd >= 0);
        const QByteArray listen = "GET /slow/listen HTTP/1.1\r\nHost: x\r\n\r\n";
        QCOMPARE(::send(fd, listen.constData(), size_t(listen.size()), MSG_NOSIGNAL), ssize_t(listen.size()));
        s.setHttpListener(channels);
        QTRY_COMPARE(s.get(QStringLiteral("/slow/emit?probe=1")).json().value(QStringLiteral("delivered")).toInt(), 1);
        const QByteArray big = "{\"blob\":\"" + QByteArray(1'000'000, 'y') + "\"}";
        for (int i = 0; i < 8; ++i)
            QCOMPARE(s.post(QStringLiteral("/slow/emit"), big).status, 200);
        s.setHttpListener(0);
        QTRY_VERIFY(metricOf(s, "switchboard_slow_consumers_total{service=\"channels\"}") >= 1);
        // The server ended the stream (closed, or reset once the reader had not taken what
        // was queued within two seconds), and the listener left the channel.
        QVERIFY(endedByServer(fd, 5000));
        ::close(fd);
        s.setHttpListener(channels);
        QCOMPARE(s.get(QStringLiteral("/slow/emit?after=1")).json().value(QStringLiteral("delivered")).toInt(), 0);
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
