// ConnectionGate: WebSockets counted per service and per service + address, v4-mapped IPv6
// counted as its IPv4 address, slots given back on close.

#include "net/connectiongate.h"

#include <QTest>

using namespace sb;

namespace {
const std::optional<LimitKind> kAdmitted;
const std::optional<LimitKind> kPerAddress(LimitKind::ConnectionsPerIp);
const std::optional<LimitKind> kPerService(LimitKind::ServiceConnections);

// One service's view of a gate: open and close by address text.
struct Service {
    ConnectionGate &gate;
    QString name;
    Limits limits;
    std::optional<LimitKind> open(const char *address) const { return gate.tryOpenWs(name, QHostAddress(QLatin1String(address)), limits); }
    void close(const char *address) const { gate.closeWs(name, QHostAddress(QLatin1String(address))); }
};
}  // namespace

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
        const Service generic{gate, QStringLiteral("generic"), l};
        const Service chat{gate, QStringLiteral("chat"), l};
        QCOMPARE(generic.open("192.168.1.7"), kAdmitted);
        QCOMPARE(generic.open("::ffff:192.168.1.7"), kAdmitted);
        QCOMPARE(generic.open("192.168.1.7"), kPerAddress);
        QCOMPARE(generic.open("::ffff:192.168.1.7"), kPerAddress);
        // Another address, and the same address on another service, have their own counts.
        QCOMPARE(generic.open("192.168.1.8"), kAdmitted);
        QCOMPARE(chat.open("192.168.1.7"), kAdmitted);
        // A close gives the slot back, whichever form of the address it names.
        generic.close("::ffff:192.168.1.7");
        QCOMPARE(generic.open("192.168.1.7"), kAdmitted);
        QCOMPARE(generic.open("192.168.1.7"), kPerAddress);
    }

    void ipv6AddressesAreDistinct()
    {
        ConnectionGate gate(100);
        Limits l;
        l.maxConnectionsPerIp = 1;
        const Service pop{gate, QStringLiteral("pop"), l};
        // Differ only in the last byte, and only in the first: neither shares a count.
        QCOMPARE(pop.open("fd00::1"), kAdmitted);
        QCOMPARE(pop.open("fd00::2"), kAdmitted);
        QCOMPARE(pop.open("fe00::1"), kAdmitted);
        QCOMPARE(pop.open("fd00::1"), kPerAddress);
        pop.close("fd00::1");
        QCOMPARE(pop.open("fd00::1"), kAdmitted);
        // ::1 is not 0.0.0.1.
        QCOMPARE(pop.open("::1"), kAdmitted);
        QCOMPARE(pop.open("0.0.0.1"), kAdmitted);
    }

    void perServiceLimit()
    {
        ConnectionGate gate(100);
        Limits l;
        l.maxConnections = 2;
        const Service felix{gate, QStringLiteral("felix"), l};
        QCOMPARE(felix.open("10.0.0.1"), kAdmitted);
        QCOMPARE(felix.open("10.0.0.2"), kAdmitted);
        QCOMPARE(felix.open("10.0.0.3"), kPerService);
        QCOMPARE((Service{gate, QStringLiteral("channels"), l}.open("10.0.0.3")), kAdmitted);
        felix.close("10.0.0.1");
        QCOMPARE(felix.open("10.0.0.3"), kAdmitted);
        // Closing what was never opened changes nothing.
        Service{gate, QStringLiteral("unknown"), l}.close("10.0.0.1");
        QCOMPARE(felix.open("10.0.0.1"), kPerService);
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
