// The Overview of a cluster node (label `cluster`): the desktop app's embedded server is node
// A of a cluster on the real Redis and PostgreSQL of tests/cluster/services.py, a real
// `switchboardd` process is node B. The Cluster section lists both (address, ports,
// connections, up), follows B's clients, shows the same cluster when the window is attached
// to B remotely, and tells a node killed (lost) from one stopped cleanly.
#include "accounts/accountstore.h"
#include "dashboard/clustermodel.h"
#include "daemonprocess.h"
#include "mainwindow.h"
#include "remote/remotenode.h"
#include "testserver.h"

#include <QApplication>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

using namespace sbtest;
using sb::ui::ClusterModel;
using sb::ui::MainWindow;
using sb::ui::RemoteNode;

namespace {

// The row of `node` in the Cluster table, -1 when not listed.
int rowOf(ClusterModel *m, const QString &node)
{
    for (int r = 0; r < m->rowCount(); ++r) {
        if (m->index(r, ClusterModel::Node).data().toString().section(QLatin1Char(' '), 0, 0) == node)
            return r;
    }
    return -1;
}

QString cell(ClusterModel *m, const QString &node, int column)
{
    const int r = rowOf(m, node);
    return r < 0 ? QString() : m->index(r, column).data().toString();
}

}  // namespace

class TestClusterGui : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("SB_TEST_CLUSTER"))
            QSKIP("runs in the cluster label (SB_TEST_CLUSTER names Redis and PostgreSQL)");
        QVERIFY2(!daemonBinary().isEmpty(), "SWITCHBOARDD names the switchboardd binary");
        QCoreApplication::setOrganizationName(QStringLiteral("switchboard-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_clustergui"));
    }

    void overviewListsTheNodes()
    {
        TestServer a;
        QVERIFY2(a.ok(), qPrintable(a.error()));
        const sb::ClusterConfig cluster = a.host().config().cluster;
        QVERIFY(!cluster.node.isEmpty());
        sb::AccountStore::Error err{};
        QVERIFY(a.host().accounts().createUser(QStringLiteral("root@cluster.gui"), QStringLiteral("root-pw-1"), QStringLiteral("superuser"), 0, &err));
        const QStringList joinB{QStringLiteral("--redis"), cluster.redis, QStringLiteral("--database"), cluster.database,
                                QStringLiteral("--node"), QStringLiteral("b")};
        QTemporaryDir dirB, dirC;
        DaemonProcess b;
        QVERIFY2(b.start(dirB.path(), joinB), qPrintable(b.output()));

        MainWindow w(a.host());
        w.show();
        ClusterModel *nodes = w.clusterBox()->model();
        QTRY_VERIFY_WITH_TIMEOUT(w.clusterBox()->isVisible() && rowOf(nodes, QStringLiteral("b")) >= 0, 8000);
        QCOMPARE(rowOf(nodes, cluster.node), 0);  // this node first, marked
        QCOMPARE(nodes->index(0, ClusterModel::Node).data().toString(), QStringLiteral("%1 (this node)").arg(cluster.node));
        QVERIFY2(w.clusterBox()->title().contains(cluster.node), qPrintable(w.clusterBox()->title()));
        QCOMPARE(cell(nodes, QStringLiteral("b"), ClusterModel::State), QStringLiteral("Up"));
        const QString port = QString::number(QUrl(b.generic).port());
        QTRY_VERIFY2_WITH_TIMEOUT(cell(nodes, QStringLiteral("b"), ClusterModel::Address).startsWith(QLatin1String("127.0.0.1 (ports "))
                                      && cell(nodes, QStringLiteral("b"), ClusterModel::Address).contains(port),
                                  qPrintable(cell(nodes, QStringLiteral("b"), ClusterModel::Address)), 3000);
        QCOMPARE(w.clusterBox()->summaryText(), QStringLiteral("Nodes: 2 known, 2 up"));

        // Three clients of B: its row counts them within a beat or two.
        const int before = cell(nodes, QStringLiteral("b"), ClusterModel::Connections).toInt();
        QWebSocket c1, c2, c3;
        for (QWebSocket *c : {&c1, &c2, &c3})
            QVERIFY(openSocket(*c, QUrl(b.generic + QStringLiteral("/echo"))));
        QTRY_VERIFY_WITH_TIMEOUT(cell(nodes, QStringLiteral("b"), ClusterModel::Connections).toInt() == before + 3, 6000);
        for (QWebSocket *c : {&c1, &c2, &c3})
            c->close();

        // The window attached to B (its admin endpoint) shows the same cluster, from B.
        sb::ui::RemoteTarget target;
        target.url = b.admin;
        target.email = QStringLiteral("root@cluster.gui");  // an account of the shared database
        target.password = QStringLiteral("root-pw-1");
        w.connectTo(target);
        QTRY_VERIFY_WITH_TIMEOUT(w.remoteNode() && w.remoteNode()->state() == RemoteNode::State::Ready, 15000);
        nodes = w.clusterBox()->model();
        QTRY_VERIFY_WITH_TIMEOUT(nodes->rowCount() == 2 && w.clusterBox()->isVisible(), 8000);
        QCOMPARE(nodes->index(0, ClusterModel::Node).data().toString(), QStringLiteral("b (this node)"));
        QVERIFY(w.clusterBox()->title().contains(QStringLiteral("node b")));
        QCOMPARE(cell(nodes, cluster.node, ClusterModel::State), QStringLiteral("Up"));
        w.showThisComputer();
        nodes = w.clusterBox()->model();
        QTRY_COMPARE_WITH_TIMEOUT(nodes->index(0, ClusterModel::Node).data().toString(), QStringLiteral("%1 (this node)").arg(cluster.node), 5000);

        // B killed: lost, within its key's 3 s and a beat.
        b.kill();
        QTRY_COMPARE_WITH_TIMEOUT(cell(nodes, QStringLiteral("b"), ClusterModel::State), QStringLiteral("Down (lost)"), 8000);
        QVERIFY2(cell(nodes, QStringLiteral("b"), ClusterModel::Since).startsWith(QLatin1String("last seen ")),
                 qPrintable(cell(nodes, QStringLiteral("b"), ClusterModel::Since)));
        QCOMPARE(cell(nodes, QStringLiteral("b"), ClusterModel::Connections), QStringLiteral("–"));

        // C stopped cleanly: stopped, at once (it said goodbye).
        DaemonProcess c;
        QVERIFY2(c.start(dirC.path(), {QStringLiteral("--redis"), cluster.redis, QStringLiteral("--database"), cluster.database,
                                        QStringLiteral("--node"), QStringLiteral("c")}),
                 qPrintable(c.output()));
        QTRY_COMPARE_WITH_TIMEOUT(cell(nodes, QStringLiteral("c"), ClusterModel::State), QStringLiteral("Up"), 8000);
        QCOMPARE(w.clusterBox()->summaryText(), QStringLiteral("Nodes: 3 known, 2 up"));
        c.stop();
        QTRY_COMPARE_WITH_TIMEOUT(cell(nodes, QStringLiteral("c"), ClusterModel::State), QStringLiteral("Stopped"), 3000);
        QCOMPARE(w.clusterBox()->summaryText(), QStringLiteral("Nodes: 3 known, 1 up"));
    }

    void hiddenOutsideACluster()
    {
        // A node of its own (no Redis, SQLite): no Cluster section.
        TestServer alone([](sb::ServerConfig &c) { c.cluster = {}; });
        QVERIFY2(alone.ok(), qPrintable(alone.error()));
        MainWindow w(alone.host());
        w.show();
        w.refresh();
        QVERIFY(!w.clusterBox()->isVisible());
        QCOMPARE(w.clusterBox()->model()->rowCount(), 0);
    }
};

QTEST_MAIN(TestClusterGui)
#include "tst_clustergui.moc"
