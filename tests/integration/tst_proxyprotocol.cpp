// Behind a load balancer that speaks the PROXY protocol (`proxy_protocol_from`): connections
// from it are known by the client's address its header names — limits per address count
// each client on its own — while other addresses are served as ever. The balancer here is
// 127.0.0.2 (any 127/8 address reaches a loopback listener); the test's own connections
// come from 127.0.0.1.
#include "net/tls.h"
#include "rawws.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace sbtest;

namespace {

const QByteArray kBalancer = "127.0.0.2";

QByteArray v1(const QByteArray &client, quint16 port = 40000)
{
    return "PROXY TCP4 " + client + " 127.0.0.1 " + QByteArray::number(port) + " 8000\r\n";
}

QByteArray v2(quint32 client, quint16 port, bool local = false)
{
    QByteArray h("\x0D\x0A\x0D\x0A\x00\x0D\x0A\x51\x55\x49\x54\x0A", 12);
    h.append(char(local ? 0x20 : 0x21));
    h.append(char(local ? 0x00 : 0x11));
    h.append(char(0));
    h.append(char(local ? 0 : 12));
    if (local)
        return h;
    for (int shift = 24; shift >= 0; shift -= 8)
        h.append(char((client >> shift) & 0xFF));
    h.append("\x7F\x00\x00\x01", 4);
    h.append(char(port >> 8));
    h.append(char(port & 0xFF));
    h.append("\x1F\x40", 2);
    return h;
}

// A connection as a balancer (or anyone else) at `from` makes it.
class Connection
{
public:
    Connection(quint16 port, const QByteArray &from = kBalancer, bool tls = false)
        : m_socket(tls ? new QSslSocket : new QTcpSocket)
    {
        m_socket->bind(QHostAddress(QString::fromLatin1(from)));
        m_socket->connectToHost(QStringLiteral("127.0.0.1"), port);
        m_connected = m_socket->waitForConnected(3000);
    }
    bool connected() const { return m_connected; }
    QTcpSocket &socket() { return *m_socket; }
    void send(const QByteArray &bytes)
    {
        m_socket->write(bytes);
        m_socket->flush();
    }
    // The answer: a 101's head as soon as it is in, anything else until the server closes.
    QByteArray answer(int timeoutMs = 5000)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            if (m_in.startsWith("HTTP/1.1 101") && m_in.contains("\r\n\r\n"))
                break;
            if (m_socket->state() != QAbstractSocket::ConnectedState)
                break;
            if (m_socket->waitForReadyRead(50) || m_socket->bytesAvailable())
                m_in += m_socket->readAll();
        }
        m_in += m_socket->readAll();
        return m_in;
    }
    bool closedWithin(int ms)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < ms && m_socket->state() == QAbstractSocket::ConnectedState)
            m_socket->waitForReadyRead(50) ? void(m_in += m_socket->readAll()) : void();
        m_in += m_socket->readAll();
        return m_socket->state() != QAbstractSocket::ConnectedState;
    }
    QByteArray received() const { return m_in; }

private:
    std::unique_ptr<QTcpSocket> m_socket;
    QByteArray m_in;
    bool m_connected = false;
};

const QByteArray kHealth = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

qint64 rejections(TestServer &s, const QByteArray &reason)
{
    const QByteArray line = "switchboard_handshake_rejections_total{reason=\"" + reason + "\"} ";
    for (const QByteArray &l : s.get(QStringLiteral("/metrics")).body.split('\n')) {
        if (l.startsWith(line))
            return l.mid(line.size()).toLongLong();
    }
    return 0;
}

}  // namespace

class TestProxyProtocol : public QObject
{
    Q_OBJECT
private slots:
    void clientsAreKnownByTheAddressTheirBalancerNames()
    {
        TestServer s([](sb::ServerConfig &c) {
            c.proxyProtocolFrom = {QString::fromLatin1(kBalancer)};
            c.services[QStringLiteral("generic")].limits.maxConnectionsPerIp = 1;
        });
        QVERIFY2(s.ok(), qPrintable(s.error()));
        s.host().setObserved(true);

        // One WebSocket per client address: 192.0.2.7 has its one, 192.0.2.8 still gets its
        // own, though both came through the same balancer.
        Connection a(s.port());
        QVERIFY(a.connected());
        a.send(v1("192.0.2.7", 40001) + upgradeRequest("/echo"));
        QCOMPARE(statusOf(a.answer()), 101);
        Connection again(s.port());
        again.send(v2(0xC0000207, 40002) + upgradeRequest("/echo"));
        const QByteArray refused = again.answer();
        QCOMPARE(statusOf(refused), 429);
        QVERIFY(refused.contains("TOO_MANY_CONNECTIONS_FROM_ADDRESS"));
        Connection b(s.port());
        b.send(v2(0xC0000208, 40003) + upgradeRequest("/echo"));
        QCOMPARE(statusOf(b.answer()), 101);
        // Not from the balancer: no header read, its own address counted.
        QCOMPARE(statusOf(upgradeAnswer(s.port(), upgradeRequest("/echo"))), 101);

        // The session past the header works, and is listed by the client's address.
        a.send(RawWs::encode({true, 0, 1, "through the balancer"}));
        QByteArray echoed;
        QTRY_VERIFY_WITH_TIMEOUT((a.socket().waitForReadyRead(20), echoed += a.socket().readAll(), echoed.contains("through the balancer")), 5000);
        auto peers = [&s] {
            QStringList out;
            for (const auto &c : s.host().connections())
                out.append(c.peer);
            return out;
        };
        QTRY_VERIFY_WITH_TIMEOUT(peers().contains(QStringLiteral("192.0.2.7:40001")) && peers().contains(QStringLiteral("192.0.2.8:40003")), 5000);
        QVERIFY(!peers().join(QLatin1Char(' ')).contains(QString::fromLatin1(kBalancer)));
    }

    void aHeaderMayArriveInPieces()
    {
        TestServer s([](sb::ServerConfig &c) { c.proxyProtocolFrom = {QStringLiteral("127.0.0.0/30")}; });
        QVERIFY(s.ok());
        for (const QByteArray &header : {v1("198.51.100.9"), v2(0xC6336409, 5000)}) {
            Connection c(s.port());
            c.send(header.left(9));
            QTest::qWait(150);
            c.send(header.mid(9) + kHealth);
            QCOMPARE(statusOf(c.answer()), 200);
        }
    }

    void theBalancersOwnHealthChecksPass()
    {
        TestServer s([](sb::ServerConfig &c) { c.proxyProtocolFrom = {QString::fromLatin1(kBalancer)}; });
        QVERIFY(s.ok());
        for (const QByteArray &header : {v2(0, 0, true), QByteArray("PROXY UNKNOWN\r\n")}) {
            Connection c(s.port());
            c.send(header + kHealth);
            QCOMPARE(statusOf(c.answer()), 200);
        }
    }

    void aMissingOrBadHeaderIsRefused()
    {
        TestServer s([](sb::ServerConfig &c) {
            c.proxyProtocolFrom = {QString::fromLatin1(kBalancer)};
            c.limits.headTimeoutMs = 600;
        });
        QVERIFY(s.ok());
        Connection plain(s.port());
        plain.send(kHealth);
        const QByteArray missing = plain.answer();
        QCOMPARE(statusOf(missing), 400);
        QVERIFY(missing.contains("BAD_PROXY_HEADER"));
        QVERIFY(missing.contains("a PROXY protocol header is required from this address"));

        Connection bad(s.port());
        bad.send("PROXY TCP4 192.0.2.999 127.0.0.1 1 2\r\n" + kHealth);
        QCOMPARE(statusOf(bad.answer()), 400);

        // A header that never ends is given the head's time, no more.
        Connection slow(s.port());
        slow.send("PROXY TCP4 192.0.2.7 ");
        QElapsedTimer t;
        t.start();
        QVERIFY(slow.closedWithin(5000));
        QVERIFY2(t.elapsed() >= 400, qPrintable(QString::number(t.elapsed())));
        QVERIFY(slow.received().contains("no complete PROXY protocol header in time"));
        QCOMPARE(rejections(s, "bad_proxy_header"), 3);
        QCOMPARE(statusOf(rawExchange(s.port(), kHealth)), 200);  // from elsewhere, served as ever
    }

    // A connection waiting for its header counts in the connection budget (max_connections):
    // a balancer that opens connections and says nothing cannot hold more than that.
    void aConnectionWaitingForItsHeaderHoldsItsSlot()
    {
        TestServer s([](sb::ServerConfig &c) {
            c.proxyProtocolFrom = {QString::fromLatin1(kBalancer)};
            c.limits.maxConnections = 2;
        });
        QVERIFY(s.ok());
        Connection first(s.port());
        Connection second(s.port());
        QVERIFY(first.connected() && second.connected());
        QTest::qWait(200);  // both accepted, neither has said anything
        Connection third(s.port());
        third.send(v1("192.0.2.7") + kHealth);
        const QByteArray full = third.answer();
        QCOMPARE(statusOf(full), 503);
        QVERIFY(full.contains("Retry-After: 5"));
        first.send(v1("192.0.2.8") + kHealth);
        QCOMPARE(statusOf(first.answer()), 200);
        // Its slot is free again once it has closed. (QTRY evaluates its condition again after
        // it held: a success is kept, or the closing of the connection that was served could
        // make the next attempt a 503 and the check fail late.)
        bool served = false;
        const auto serveOne = [&] {
            Connection next(s.port());
            next.send(v1("192.0.2.9") + kHealth);
            return served = statusOf(next.answer()) == 200;
        };
        QTRY_VERIFY_WITH_TIMEOUT(served || serveOne(), 5000);
    }

    void tlsFollowsTheHeader()
    {
        QTemporaryDir dir;
        QString error;
        const auto cert = sb::generateSelfSigned(dir.path(), {}, &error);
        QVERIFY2(cert, qPrintable(error));
        TestServer s([&](sb::ServerConfig &c) {
            c.proxyProtocolFrom = {QString::fromLatin1(kBalancer)};
            c.listeners[0].tls = sb::TlsFiles{cert->certificateFile, cert->keyFile};
        });
        QVERIFY2(s.ok(), qPrintable(s.error()));
        Connection c(s.port(), kBalancer, true);
        QVERIFY(c.connected());
        auto &ssl = static_cast<QSslSocket &>(c.socket());
        c.send(v2(0xC0000207, 40010));  // in the clear, before the handshake
        ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
        ssl.startClientEncryption();
        QVERIFY(ssl.waitForEncrypted(5000));
        c.send(kHealth);
        QCOMPARE(statusOf(c.answer()), 200);
    }
};

QTEST_GUILESS_MAIN(TestProxyProtocol)
#include "tst_proxyprotocol.moc"
