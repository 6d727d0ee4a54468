// Finding nodes on the LAN (docs/admin-api.md, "Finding nodes") against a real avahi-daemon
// on a D-Bus of its own in a scratch directory: a node announces `_switchboard._tcp` with
// its admin endpoint and its services' ports, the desktop app's finder lists it live, a
// second node of the same name is renamed, a stopped node disappears. Without a daemon the
// node starts all the same. Skipped (saying why) where no avahi-daemon can run.
#include "remote/nodefinder.h"
#include "serverhost.h"
#include "testserver.h"

#include <QHostInfo>
#include <QProcess>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace sbtest;
using sb::ui::AvahiNodeFinder;
using sb::ui::FoundNode;

namespace {

void onTheLan(sb::ServerConfig &c)
{
    c.overrideAddress(QStringLiteral("any"));
    c.admin.reach = QStringLiteral("lan");
    c.announce = true;
}

const FoundNode *named(const QList<FoundNode> &nodes, const QString &name, QList<FoundNode> &keep)
{
    keep = nodes;
    for (const FoundNode &n : keep) {
        if (n.name == name)
            return &n;
    }
    return nullptr;
}

}  // namespace

class TestLanAnnounce : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // Before any Avahi client exists: the test's own bus, or none at all.
        qputenv("DBUS_SYSTEM_BUS_ADDRESS", QByteArray("unix:path=") + m_dir.filePath(QStringLiteral("bus")).toUtf8());
    }

    void withoutADaemonTheNodeStartsAllTheSame()
    {
        TestServer s(onTheLan);
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(s.get(QStringLiteral("/healthz")).status, 200);
        AvahiNodeFinder finder;
        QTest::qWait(500);
        QVERIFY(finder.nodes().isEmpty());
    }

    void nodesAreFoundRenamedAndLost()
    {
        if (!startBus())
            QSKIP(qPrintable(QStringLiteral("no D-Bus daemon could run here: %1").arg(m_why)));
        // The node and the app start before the Avahi daemon: they wait for it.
        AvahiNodeFinder finder;
        const QString name = QStringLiteral("Switchboard on %1").arg(QSysInfo::machineHostName());
        auto first = std::make_unique<TestServer>(onTheLan);
        QVERIFY2(first->ok(), qPrintable(first->error()));
        QTest::qWait(300);
        QVERIFY(finder.nodes().isEmpty());
        if (!startAvahi())
            QSKIP(qPrintable(QStringLiteral("no avahi-daemon could run here: %1").arg(m_why)));
        QList<FoundNode> keep;
        QTRY_VERIFY_WITH_TIMEOUT(named(finder.nodes(), name, keep), 15000);
        const FoundNode node = *named(finder.nodes(), name, keep);
        QCOMPARE(node.adminPort(), first->host().snapshot().admin.port);
        QCOMPARE(node.port, first->host().snapshot().admin.port);
        QVERIFY(!node.adminTls());
        QCOMPARE(node.servicePort(QStringLiteral("chat")), first->port(0));
        QCOMPARE(node.servicePort(QStringLiteral("generic")), first->port(0));
        QVERIFY(node.servicePort(QStringLiteral("pop")) > 0);
        QCOMPARE(node.txt.value(QStringLiteral("node")), QSysInfo::machineHostName());
        QVERIFY(!node.address.isEmpty());

        // The same name twice on one LAN: the second is renamed, both are listed.
        TestServer second(onTheLan);
        QVERIFY2(second.ok(), qPrintable(second.error()));
        QTRY_VERIFY_WITH_TIMEOUT(named(finder.nodes(), name + QStringLiteral(" #2"), keep), 15000);
        QCOMPARE(named(finder.nodes(), name + QStringLiteral(" #2"), keep)->adminPort(), second.host().snapshot().admin.port);

        // A node that stops is gone from the list.
        first.reset();
        QTRY_VERIFY_WITH_TIMEOUT(!named(finder.nodes(), name, keep), 15000);
        QVERIFY(named(finder.nodes(), name + QStringLiteral(" #2"), keep));
    }

    void onlyWhatTheLanCanReachIsAnnounced()
    {
        if (!m_avahi.state())
            QSKIP("no avahi-daemon (see nodesAreFoundRenamedAndLost)");
        AvahiNodeFinder finder;
        // Everything on 127.0.0.1 and the admin endpoint local: nothing to announce.
        TestServer local([](sb::ServerConfig &c) { c.announce = true; });
        QVERIFY2(local.ok(), qPrintable(local.error()));
        // Services on the LAN, the admin endpoint not: announced, without an admin port.
        TestServer services([](sb::ServerConfig &c) {
            c.overrideAddress(QStringLiteral("any"));
            c.announce = true;
        });
        QVERIFY2(services.ok(), qPrintable(services.error()));
        // The node of the test before says goodbye, but mDNS keeps a record for a second
        // after its goodbye: wait for this one, then nothing else may be there.
        QTRY_VERIFY_WITH_TIMEOUT(finder.nodes().size() == 1 && finder.nodes().first().servicePort(QStringLiteral("chat")) == services.port(0),
                                 15000);
        QTest::qWait(1000);
        QCOMPARE(finder.nodes().size(), 1);
        const FoundNode n = finder.nodes().first();
        QCOMPARE(n.adminPort(), quint16(0));
        QCOMPARE(n.servicePort(QStringLiteral("chat")), services.port(0));
    }

    void cleanupTestCase()
    {
        for (QProcess *p : {&m_avahi, &m_bus}) {
            p->terminate();
            p->waitForFinished(5000);
        }
    }

private:
    bool startBus()
    {
        const QString bus = m_dir.filePath(QStringLiteral("bus"));
        QFile busConf(m_dir.filePath(QStringLiteral("bus.conf")));
        if (!busConf.open(QIODevice::WriteOnly))
            return fail(QStringLiteral("cannot write bus.conf"));
        busConf.write("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\" "
                      "\"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n<busconfig><type>system</type>"
                      "<listen>unix:path=" + bus.toUtf8() + "</listen><auth>EXTERNAL</auth><policy context=\"default\">"
                      "<allow user=\"*\"/><allow own=\"*\"/><allow send_destination=\"*\"/><allow receive_sender=\"*\"/>"
                      "</policy></busconfig>\n");
        busConf.close();
        m_bus.start(QStringLiteral("dbus-daemon"), {QStringLiteral("--config-file=") + busConf.fileName(), QStringLiteral("--nofork")});
        if (!m_bus.waitForStarted(5000) || !QTest::qWaitFor([&] { return QFile::exists(bus); }, 5000))
            return fail(QStringLiteral("dbus-daemon did not start"));
        return true;
    }
    bool startAvahi()
    {
        const QString bus = m_dir.filePath(QStringLiteral("bus"));
        QFile avahiConf(m_dir.filePath(QStringLiteral("avahi.conf")));
        if (!avahiConf.open(QIODevice::WriteOnly))
            return fail(QStringLiteral("cannot write avahi.conf"));
        avahiConf.write("[server]\nuse-ipv4=yes\nuse-ipv6=no\nenable-dbus=yes\nratelimit-interval-usec=1000000\nratelimit-burst=1000\n"
                        "[publish]\npublish-workstation=no\n");
        avahiConf.close();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DBUS_SYSTEM_BUS_ADDRESS"), QStringLiteral("unix:path=") + bus);
        m_avahi.setProcessEnvironment(env);
        m_avahi.setProcessChannelMode(QProcess::MergedChannels);
        m_avahi.start(QStringLiteral("avahi-daemon"), {QStringLiteral("--no-drop-root"), QStringLiteral("--no-chroot"), QStringLiteral("--no-rlimits"),
                                                       QStringLiteral("-f"), avahiConf.fileName()});
        QByteArray log;
        const bool up = m_avahi.waitForStarted(5000) && QTest::qWaitFor([&] {
            log += m_avahi.readAll();
            return log.contains("Server startup complete") || m_avahi.state() == QProcess::NotRunning;
        }, 15000) && log.contains("Server startup complete");
        if (!up) {
            m_avahi.kill();
            return fail(QStringLiteral("avahi-daemon did not start: %1").arg(QString::fromUtf8(log + m_avahi.readAll()).trimmed().right(300)));
        }
        return true;
    }
    bool fail(const QString &why)
    {
        m_why = why;
        return false;
    }

    QTemporaryDir m_dir;
    QProcess m_bus, m_avahi;
    QString m_why;
};

QTEST_GUILESS_MAIN(TestLanAnnounce)
#include "tst_lanannounce.moc"
