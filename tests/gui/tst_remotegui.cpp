// The desktop app attached to a headless node: a real `switchboardd` process with its admin
// endpoint on 127.0.0.1, the main window (offscreen) connected to it. The node's tabs show
// that node — connections of real clients, closing one remotely, presence and heartbeats,
// the capture stream filtered on the node — and administer it (a user, a smile), each change
// in the Audit tab; a member's login is refused and the window stays on this computer.
#include "admin/adminwidget.h"
#include "admin/auditwidget.h"
#include "admin/smileswidget.h"
#include "dashboard/connectionsmodel.h"
#include "dashboard/connectionswidget.h"
#include "dashboard/listenersmodel.h"
#include "dashboard/presencewidget.h"
#include "dashboard/trafficchart.h"
#include "inspector/inspectorwidget.h"
#include "inspector/trafficmodel.h"
#include "mainwindow.h"
#include "remote/remotenode.h"
#include "remote/connectdialog.h"
#include "remote/nodefinder.h"
#include "clients/clientswidget.h"
#include "daemonprocess.h"
#include "testserver.h"

#include <QApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QComboBox>
#include <QListWidget>
#include <QSpinBox>
#include <QLineEdit>
#include <QCheckBox>
#include <QMessageBox>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <QWebSocket>

using namespace sbtest;
using sb::ui::MainWindow;
using sb::ui::RemoteNode;
using sb::ui::RemoteTarget;

namespace {

QString daemon()
{
    return daemonBinary();
}

// Runs a switchboardd subcommand; its output's last line (empty on failure).
QString runCli(const QString &dataDir, const QStringList &args)
{
    QProcess p;
    p.start(daemon(), QStringList{QStringLiteral("--data-dir"), dataDir} + args);
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        return {};
    const QStringList lines = QString::fromUtf8(p.readAllStandardOutput()).trimmed().split(QLatin1Char('\n'));
    return lines.isEmpty() ? QString() : lines.last().trimmed();
}

// POST /auth/login on a node: the access token (empty when refused).
QString loginOn(const QString &wsBase, const QString &email, const QString &password)
{
    QNetworkAccessManager nam;
    QNetworkRequest req(QUrl(QString(wsBase).replace(QStringLiteral("ws://"), QStringLiteral("http://")) + QStringLiteral("/auth/login")));
    req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply *reply = nam.post(req, QJsonDocument(QJsonObject{{QStringLiteral("email"), email}, {QStringLiteral("password"), password}}).toJson());
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 15000))
        return {};
    const QString token = QJsonDocument::fromJson(reply->readAll()).object().value(QLatin1String("access_token")).toString();
    reply->deleteLater();
    return token;
}

// A headless node on free ports: its admin URL and its generic service's ws:// base.
class Node
{
public:
    bool start()
    {
        const QString dir = m_dir.path();
        if (runCli(dir, {QStringLiteral("user"), QStringLiteral("create"), QStringLiteral("--email"), QStringLiteral("root@node.test"),
                         QStringLiteral("--password"), QStringLiteral("root-pw-1"), QStringLiteral("--role"), QStringLiteral("superuser")})
                .isEmpty()
            || runCli(dir, {QStringLiteral("user"), QStringLiteral("create"), QStringLiteral("--email"), QStringLiteral("mem@node.test"),
                            QStringLiteral("--password"), QStringLiteral("mem-pw-1")})
                   .isEmpty())
            return false;
        botToken = runCli(dir, {QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("bot"),
                                QStringLiteral("--scope"), QStringLiteral("private")});
        if (!botToken.startsWith(QLatin1String("sbp_")))
            return false;
        if (!m_daemon.start(dir))
            return false;
        admin = m_daemon.admin;
        generic = m_daemon.generic;
        return true;
    }
    void stop() { m_daemon.stop(); }

    QUrl admin;
    QString generic;
    QString botToken;  // a felix bot's (private) API token

private:
    QTemporaryDir m_dir;
    DaemonProcess m_daemon;
};

RemoteTarget as(const Node &node, const QString &email, const QString &password)
{
    RemoteTarget t;
    t.url = node.admin;
    t.email = email;
    t.password = password;
    return t;
}

bool treeHas(QTreeWidget *tree, const QString &text)
{
    return !tree->findItems(text, Qt::MatchContains | Qt::MatchRecursive).isEmpty();
}

bool tableHas(QTableWidget *table, const QString &text)
{
    return !table->findItems(text, Qt::MatchContains).isEmpty();
}

}  // namespace

class TestRemoteGui : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(!daemon().isEmpty(), "SWITCHBOARDD names the switchboardd binary");
        QCoreApplication::setOrganizationName(QStringLiteral("switchboard-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_remotegui"));
    }

    void watchesAndAdministersAHeadlessNode()
    {
        Node node;
        QVERIFY(node.start());
        TestServer local;
        QVERIFY2(local.ok(), qPrintable(local.error()));
        MainWindow w(local.host());
        w.show();
        QVERIFY(!w.remoteNode());

        w.connectTo(as(node, QStringLiteral("root@node.test"), QStringLiteral("root-pw-1")));
        QTRY_VERIFY_WITH_TIMEOUT(w.remoteNode() && w.remoteNode()->state() == RemoteNode::State::Ready, 15000);
        QVERIFY(w.windowTitle().contains(QStringLiteral("(remote)")));
        QVERIFY2(w.nodeBarText().contains(QStringLiteral("root@node.test")), qPrintable(w.nodeBarText()));
        // The Overview lists the node's listeners, not this computer's.
        QTRY_VERIFY_WITH_TIMEOUT(w.listenersModel()->rowCount() == w.remoteNode()->snapshot().listeners.size()
                                     && w.remoteNode()->snapshot().listeners.size() > 0, 5000);
        QVERIFY(w.remoteNode()->snapshot().dataDir != local.dataDir());

        // Real clients of the node fill the Connections tab.
        QWebSocket a, b;
        QVERIFY(openSocket(a, QUrl(node.generic + QStringLiteral("/echo"))));
        QVERIFY(openSocket(b, QUrl(node.generic + QStringLiteral("/echo"))));
        sb::ui::ConnectionsWidget *connections = w.connectionsTab();
        QTRY_VERIFY_WITH_TIMEOUT(connections->model()->rowCount() == 2, 8000);
        QVERIFY(local.host().connections().isEmpty());

        // Heartbeats: the node's ping interval per service.
        int generic = -1;
        for (int r = 0; r < w.heartbeatsModel()->rowCount(); ++r)
            generic = w.heartbeatsModel()->index(r, sb::ui::HeartbeatsModel::Service).data().toString() == QLatin1String("generic") ? r : generic;
        QVERIFY(generic >= 0);
        QCOMPARE(w.heartbeatsModel()->index(generic, sb::ui::HeartbeatsModel::Interval).data().toString(), QStringLiteral("every 30 s"));

        // Presence: the node's sections.
        w.tabs()->setCurrentWidget(w.presenceTab());
        QTRY_VERIFY_WITH_TIMEOUT((w.presenceTab()->refresh(), treeHas(w.presenceTab()->tree(), QStringLiteral("Generic rooms"))), 8000);

        // The capture stream, filtered on the node: following one connection, the other's
        // frames never travel.
        const quint64 aId = connections->model()->index(0, sb::ui::ConnectionsModel::Id).data().toULongLong();
        QVERIFY(aId > 0);
        sb::ui::InspectorWidget *traffic = w.trafficTab();
        traffic->showConnection(aId);
        QTRY_VERIFY_WITH_TIMEOUT(w.remoteNode()->capturing(QStringLiteral("generic")), 5000);
        QTest::qWait(400);
        for (int i = 0; i < 5; ++i) {
            a.sendTextMessage(QStringLiteral("from a %1").arg(i));
            b.sendTextMessage(QStringLiteral("from b %1").arg(i));
        }
        QTRY_VERIFY_WITH_TIMEOUT(traffic->model()->stored() >= 10, 8000);  // 5 in, 5 echoed out, of one connection
        QTest::qWait(500);
        for (int r = 0; r < traffic->model()->stored(); ++r) {
            const sb::CaptureRecord *rec = traffic->model()->record(r);
            QVERIFY(rec);
            QCOMPARE(rec->connection, aId);
        }
        QCOMPARE(traffic->model()->stored(), 10);

        // Closed remotely from the Connections tab, with the code and reason given.
        int rowOfA = -1;
        for (int r = 0; r < connections->model()->rowCount(); ++r)
            rowOfA = connections->model()->index(r, sb::ui::ConnectionsModel::Id).data().toULongLong() == aId ? r : rowOfA;
        QVERIFY(rowOfA >= 0);
        connections->disconnectRow(rowOfA, 4002, QStringLiteral("bye from the desktop"));
        QTRY_COMPARE_WITH_TIMEOUT(a.state(), QAbstractSocket::UnconnectedState, 5000);
        QCOMPARE(int(a.closeCode()), 4002);
        QCOMPARE(a.closeReason(), QStringLiteral("bye from the desktop"));

        // Administration of the node: a user and a smile, then both in the Audit tab.
        w.adminTab()->createUser(QStringLiteral("guest@node.test"), QStringLiteral("guest-pw-1"), QStringLiteral("member"), 5);
        QTRY_VERIFY_WITH_TIMEOUT(tableHas(w.adminTab()->users(), QStringLiteral("guest@node.test")), 10000);
        QTemporaryDir files;
        const QString png = files.filePath(QStringLiteral("dot.png"));
        QFile f(png);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(kTinyPng) == kTinyPng.size());
        f.close();
        QSignalSpy smileDone(w.smilesTab(), &sb::ui::SmilesWidget::finished);
        w.smilesTab()->addFromFile(png, 2);
        QVERIFY(smileDone.wait(10000));
        QVERIFY2(smileDone.first().first().toBool(), qPrintable(smileDone.first().at(1).toString()));
        QSignalSpy audited(w.auditTab(), &sb::ui::AuditWidget::refreshed);
        w.auditTab()->refresh();
        QVERIFY(audited.wait(5000));
        QVERIFY(tableHas(w.auditTab()->table(), QStringLiteral("users.create")));
        QVERIFY(tableHas(w.auditTab()->table(), QStringLiteral("smiles.add")));
        QVERIFY(tableHas(w.auditTab()->table(), QStringLiteral("root@node.test")));
        // ... on the node, not here.
        QVERIFY(await(local.host().admin().audit().entries(10)).isEmpty());

        // The node goes away: the bar says so and the app keeps trying.
        node.stop();
        QTRY_VERIFY_WITH_TIMEOUT(w.remoteNode()->state() == RemoteNode::State::Retrying, 10000);
        QVERIFY2(w.nodeBarText().contains(QStringLiteral("lost")), qPrintable(w.nodeBarText()));

        // One click back to this computer.
        w.showThisComputer();
        QVERIFY(!w.remoteNode());
        QCOMPARE(w.windowTitle(), QStringLiteral("Switchboard"));
        QTRY_COMPARE_WITH_TIMEOUT(w.connectionsTab()->model()->rowCount(), 0, 3000);
        QCOMPARE(w.listenersModel()->rowCount(), local.host().listeners().size());
    }

    // The connect dialog and the Clients tab's "Add server…" list what the finder reports,
    // live (here a finder fed by the test; tst_lanannounce browses a real avahi-daemon).
    void foundNodesFillTheDialogs()
    {
        sb::ui::NodeFinder finder;
        sb::ui::ConnectDialog dialog(&finder);
        QCOMPARE(dialog.foundList()->count(), 1);  // "none announces itself (yet)"
        QVERIFY(!(dialog.foundList()->item(0)->flags() & Qt::ItemIsEnabled));
        sb::ui::FoundNode pi;
        pi.name = QStringLiteral("Switchboard on pi");
        pi.address = QStringLiteral("192.168.1.20");
        pi.port = 8070;
        pi.txt = {{QStringLiteral("admin"), QStringLiteral("8070")}, {QStringLiteral("admin_tls"), QStringLiteral("1")},
                  {QStringLiteral("chat"), QStringLiteral("8000")}, {QStringLiteral("generic"), QStringLiteral("8000")},
                  {QStringLiteral("channels"), QStringLiteral("9080")}, {QStringLiteral("felix"), QStringLiteral("9090")},
                  {QStringLiteral("pop"), QStringLiteral("9081")}, {QStringLiteral("node"), QStringLiteral("pi")}};
        sb::ui::FoundNode closed = pi;
        closed.name = QStringLiteral("Switchboard on cupboard");
        closed.address = QStringLiteral("192.168.1.30");
        closed.txt.remove(QStringLiteral("admin"));
        finder.found(pi);
        finder.found(closed);
        QCOMPARE(dialog.foundList()->count(), 2);
        QListWidgetItem *piItem = dialog.foundList()->findItems(QStringLiteral("Switchboard on pi"), Qt::MatchStartsWith).value(0);
        QVERIFY(piItem);
        QVERIFY(piItem->text().contains(QStringLiteral("192.168.1.20:8070")));
        QListWidgetItem *closedItem = dialog.foundList()->findItems(QStringLiteral("Switchboard on cupboard"), Qt::MatchStartsWith).value(0);
        QVERIFY(closedItem && !(closedItem->flags() & Qt::ItemIsEnabled));
        dialog.foundList()->setCurrentItem(piItem);
        const RemoteTarget t = dialog.target();
        QCOMPARE(t.url.host(), QStringLiteral("192.168.1.20"));
        QCOMPARE(t.url.port(), 8070);
        QCOMPARE(t.url.scheme(), QStringLiteral("wss"));
        finder.lost(QStringLiteral("Switchboard on pi"));
        QCOMPARE(dialog.foundList()->count(), 1);

        finder.found(pi);
        sb::ui::AddServerDialog add(&finder);
        QCOMPARE(add.found()->count(), 3);  // the prompt and two nodes
        const int index = add.found()->findData(QStringLiteral("Switchboard on pi"));
        QVERIFY(index > 0);
        add.found()->setCurrentIndex(index);
        emit add.found()->activated(index);
        const sb::ui::ServerProfile p = add.profile();
        QCOMPARE(p.host, QStringLiteral("192.168.1.20"));
        QCOMPARE(p.name, QStringLiteral("pi"));
        QCOMPARE(p.accountsPort, quint16(8000));
        QCOMPARE(p.channelsPort, quint16(9080));
        QCOMPARE(p.felixPort, quint16(9090));
        QCOMPARE(p.popPort, quint16(9081));
    }

    // Without credentials, a member by password or by access token, a felix bot's token:
    // each is refused with its reason, and the window stays on this computer.
    void refusedCredentialsChangeNothing()
    {
        Node node;
        QVERIFY(node.start());
        TestServer local;
        QVERIFY2(local.ok(), qPrintable(local.error()));
        MainWindow w(local.host());
        QString said;
        QTimer closer;
        connect(&closer, &QTimer::timeout, this, [&] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                said = box->text();
                box->close();
            }
        });
        closer.start(50);
        RemoteTarget byToken;
        byToken.url = node.admin;
        const QString memberToken = loginOn(node.generic, QStringLiteral("mem@node.test"), QStringLiteral("mem-pw-1"));
        QVERIFY(!memberToken.isEmpty());
        const QList<std::pair<RemoteTarget, QString>> cases{
            {byToken, QStringLiteral("credentials required")},
            {as(node, QStringLiteral("mem@node.test"), QStringLiteral("mem-pw-1")), QStringLiteral("may not administer")},
            {[&] { RemoteTarget t = byToken; t.token = memberToken; return t; }(), QStringLiteral("may not administer")},
            {[&] { RemoteTarget t = byToken; t.token = node.botToken; return t; }(), QStringLiteral("needs an admin token")},
        };
        for (const auto &[target, why] : cases) {
            said.clear();
            w.connectTo(target);
            QTRY_VERIFY_WITH_TIMEOUT(!said.isEmpty(), 15000);
            QVERIFY2(said.contains(why), qPrintable(said));
            QVERIFY(!w.remoteNode());
            QCOMPARE(w.windowTitle(), QStringLiteral("Switchboard"));
            QCOMPARE(w.listenersModel()->rowCount(), local.host().listeners().size());
        }
    }
};

QTEST_MAIN(TestRemoteGui)
#include "tst_remotegui.moc"
