// ConnectionGate: WebSockets counted per service and per service + address, v4-mapped IPv6
// counted as its IPv4 address, slots given back on close.

#include "net/connectiongate.h"

#include <QTest>

using namespace sb;

namespace {
const std::optional<LimitKind> kAdmitted;
const std::optional<LimitKind> kPerAddress(LimitKind::ConnectionsPerIp);
const std::optional<LimitKind> kPerService(LimitKind::ServiceConnections);

// One step of a scenario: open (and expect an answer) or close a WebSocket of a service
// from an address.
struct Step {
    bool open;
    const char *service;
    const char *address;
    std::optional<LimitKind> expected = {};
};

void play(ConnectionGate &gate, const Limits &limits, std::initializer_list<Step> steps)
{
    int n = 0;
    for (const Step &s : steps) {
        ++n;
        const QString service = QLatin1String(s.service);
        const QHostAddress address(QLatin1String(s.address));
        if (!s.open) {
            gate.closeWs(service, address);
            continue;
        }
        const auto got = gate.tryOpenWs(service, address, limits);
        QVERIFY2(got == s.expected, qPrintable(QStringLiteral("step %1: open %2 from %3").arg(n).arg(service, QLatin1String(s.address))));
    }
}
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
        play(gate, l,
             {{true, "generic", "192.168.1.7", kAdmitted},
              {true, "generic", "::ffff:192.168.1.7", kAdmitted},
              {true, "generic", "192.168.1.7", kPerAddress},
              {true, "generic", "::ffff:192.168.1.7", kPerAddress},
              // Another address, and the same address on another service, have their own counts.
              {true, "generic", "192.168.1.8", kAdmitted},
              {true, "chat", "192.168.1.7", kAdmitted},
              // A close gives the slot back, whichever form of the address it names.
              {false, "generic", "::ffff:192.168.1.7"},
              {true, "generic", "192.168.1.7", kAdmitted},
              {true, "generic", "192.168.1.7", kPerAddress}});
    }

    void ipv6AddressesAreDistinct()
    {
        ConnectionGate gate(100);
        Limits l;
        l.maxConnectionsPerIp = 1;
        play(gate, l,
             {// Differ only in the last byte, and only in the first: neither shares a count.
              {true, "pop", "fd00::1", kAdmitted},
              {true, "pop", "fd00::2", kAdmitted},
              {true, "pop", "fe00::1", kAdmitted},
              {true, "pop", "fd00::1", kPerAddress},
              {false, "pop", "fd00::1"},
              {true, "pop", "fd00::1", kAdmitted},
              // ::1 is not 0.0.0.1.
              {true, "pop", "::1", kAdmitted},
              {true, "pop", "0.0.0.1", kAdmitted}});
    }

    void perServiceLimit()
    {
        ConnectionGate gate(100);
        Limits l;
        l.maxConnections = 2;
        play(gate, l,
             {{true, "felix", "10.0.0.1", kAdmitted},
              {true, "felix", "10.0.0.2", kAdmitted},
              {true, "felix", "10.0.0.3", kPerService},
              {true, "channels", "10.0.0.3", kAdmitted},
              {false, "felix", "10.0.0.1"},
              {true, "felix", "10.0.0.3", kAdmitted},
              // Closing what was never opened changes nothing.
              {false, "unknown", "10.0.0.1"},
              {true, "felix", "10.0.0.1", kPerService}});
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
