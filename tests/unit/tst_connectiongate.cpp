// ConnectionGate: WebSockets counted per service and per service + address, v4-mapped IPv6
// counted as its IPv4 address, slots given back on close.

#include "net/connectiongate.h"

#include <QTest>

using namespace sb;

class TestConnectionGate : public QObject
{
    Q_OBJECT
private slots:
    void perAddressLimitCountsMappedV4AsV4()
    {
        ConnectionGate gate(100);
        Limits l;
        l.maxConnections = 100;
        l.maxConnectionsPerIp = 2;
        const QHostAddress v4(QStringLiteral("192.168.1.7"));
        const QHostAddress mapped(QStringLiteral("::ffff:192.168.1.7"));
        const QHostAddress other(QStringLiteral("192.168.1.8"));
        QCOMPARE(gate.tryOpenWs(QStringLiteral("generic"), v4, l), std::nullopt);
        QCOMPARE(gate.tryOpenWs(QStringLiteral("generic"), mapped, l), std::nullopt);
        QCOMPARE(gate.tryOpenWs(QStringLiteral("generic"), v4, l), std::optional(LimitKind::ConnectionsPerIp));
        QCOMPARE(gate.tryOpenWs(QStringLiteral("generic"), mapped, l), std::optional(LimitKind::ConnectionsPerIp));
        // Another address, and the same address on another service, have their own counts.
        QCOMPARE(gate.tryOpenWs(QStringLiteral("generic"), other, l), std::nullopt);
        QCOMPARE(gate.tryOpenWs(QStringLiteral("chat"), v4, l), std::nullopt);
        // A close gives the slot back, whichever form of the address it names.
        gate.closeWs(QStringLiteral("generic"), mapped);
        QCOMPARE(gate.tryOpenWs(QStringLiteral("generic"), v4, l), std::nullopt);
        QCOMPARE(gate.tryOpenWs(QStringLiteral("generic"), v4, l), std::optional(LimitKind::ConnectionsPerIp));
    }

    void ipv6AddressesAreDistinct()
    {
        ConnectionGate gate(100);
        Limits l;
        l.maxConnectionsPerIp = 1;
        // Differ only in the last byte, and only in the first: neither shares a count.
        const QHostAddress a(QStringLiteral("fd00::1")), b(QStringLiteral("fd00::2")), c(QStringLiteral("fe00::1"));
        QCOMPARE(gate.tryOpenWs(QStringLiteral("pop"), a, l), std::nullopt);
        QCOMPARE(gate.tryOpenWs(QStringLiteral("pop"), b, l), std::nullopt);
        QCOMPARE(gate.tryOpenWs(QStringLiteral("pop"), c, l), std::nullopt);
        QCOMPARE(gate.tryOpenWs(QStringLiteral("pop"), a, l), std::optional(LimitKind::ConnectionsPerIp));
        gate.closeWs(QStringLiteral("pop"), a);
        QCOMPARE(gate.tryOpenWs(QStringLiteral("pop"), a, l), std::nullopt);
        // ::1 is not 0.0.0.1.
        QCOMPARE(gate.tryOpenWs(QStringLiteral("pop"), QHostAddress(QStringLiteral("::1")), l), std::nullopt);
        QCOMPARE(gate.tryOpenWs(QStringLiteral("pop"), QHostAddress(QStringLiteral("0.0.0.1")), l), std::nullopt);
    }

    void perServiceLimit()
    {
        ConnectionGate gate(100);
        Limits l;
        l.maxConnections = 2;
        const QHostAddress a(QStringLiteral("10.0.0.1")), b(QStringLiteral("10.0.0.2")), c(QStringLiteral("10.0.0.3"));
        QCOMPARE(gate.tryOpenWs(QStringLiteral("felix"), a, l), std::nullopt);
        QCOMPARE(gate.tryOpenWs(QStringLiteral("felix"), b, l), std::nullopt);
        QCOMPARE(gate.tryOpenWs(QStringLiteral("felix"), c, l), std::optional(LimitKind::ServiceConnections));
        QCOMPARE(gate.tryOpenWs(QStringLiteral("channels"), c, l), std::nullopt);
        gate.closeWs(QStringLiteral("felix"), a);
        QCOMPARE(gate.tryOpenWs(QStringLiteral("felix"), c, l), std::nullopt);
        // Closing what was never opened changes nothing.
        gate.closeWs(QStringLiteral("unknown"), a);
        QCOMPARE(gate.tryOpenWs(QStringLiteral("felix"), a, l), std::optional(LimitKind::ServiceConnections));
    }

    void totalTcp()
    {
        ConnectionGate gate(2);
        QVERIFY(gate.tryOpenTcp());
        QVERIFY(gate.tryOpenTcp());
        QVERIFY(!gate.tryOpenTcp());
        QCOMPARE(gate.openTcp(), 2);
        gate.closeTcp();
        QVERIFY(gate.tryOpenTcp());
    }
};

QTEST_GUILESS_MAIN(TestConnectionGate)
#include "tst_connectiongate.moc"
