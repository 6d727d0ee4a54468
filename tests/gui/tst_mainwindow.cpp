// The first window, offscreen, against a real server: listeners with their URLs, live
// connection counts, start/stop, and the LAN exposure switch.
#include "dashboard/listenersmodel.h"
#include "dashboard/servicecards.h"
#include "dashboard/trafficchart.h"
#include "inspector/inspectorwidget.h"
#include "mainwindow.h"
#include "widgets/qrcode.h"
#include "testserver.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QCheckBox>
#include <QTimer>
#include <QSettings>
#include <QMessageBox>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QStandardPaths>
#include <QProcess>
#include <QNetworkInterface>
#include <QTest>
#include <QToolButton>
#include <QWebSocket>

using namespace sbtest;
using sb::ui::ListenersModel;
using sb::ui::HeartbeatsModel;
using sb::ui::MainWindow;
using sb::ui::ServiceCard;

// Answers each question box as it appears: keeps its text, ticks "Don't ask again" if told
// to, and presses the accepting button or Cancel.
struct Answerer {
    QString asked;
    bool accept = false;
    bool dontAskAgain = false;
    QTimer timer;
    Answerer()
    {
        QObject::connect(&timer, &QTimer::timeout, [this] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            asked = box->text();
            if (box->checkBox())
                box->checkBox()->setChecked(dontAskAgain);
            for (QAbstractButton *b : box->buttons()) {
                if (box->buttonRole(b) == (accept ? QMessageBox::AcceptRole : QMessageBox::RejectRole))
                    b->click();
            }
        });
        timer.start(20);
    }
};

class TestMainWindow : public QObject
{
    Q_OBJECT
private:
    static QPushButton *button(MainWindow &w, const QString &text)
    {
        for (QPushButton *b : w.findChildren<QPushButton *>()) {
            if (b->text() == text)
                return b;
        }
        return nullptr;
    }

private slots:
    void showsListenersAndLiveCounts()
    {
        TestServer s([](sb::ServerConfig &c) { c.overrideAddress(QStringLiteral("any")); });
        QVERIFY(s.ok());
        MainWindow w(s.host());
        QAbstractItemModelTester listenersTester(w.listenersModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester servicesTester(w.servicesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        ListenersModel *m = w.listenersModel();
        QCOMPARE(m->rowCount(), 4);  // chat+generic, channels, felix, pop
        const QString local = m->index(0, ListenersModel::LocalUrl).data().toString();
        QCOMPARE(local, QStringLiteral("http://127.0.0.1:%1").arg(s.port()));
        QCOMPARE(m->index(0, ListenersModel::Services).data().toString(), QStringLiteral("chat, generic"));
        QCOMPARE(m->index(0, ListenersModel::Status).data().toString(), QStringLiteral("Running"));
        // Every non-loopback address is offered for the LAN.
        const QStringList lan = sb::ServerHost::lanAddresses();
        for (const QString &a : lan)
            QVERIFY(m->index(0, ListenersModel::LanUrls).data(Qt::ToolTipRole).toString().contains(a));

        QWebSocket a, b;
        for (QWebSocket *ws : {&a, &b}) {
            QSignalSpy connected(ws, &QWebSocket::connected);
            ws->open(s.ws(QStringLiteral("/echo")));
            QVERIFY(connected.wait(5000));
        }
        QTRY_COMPARE(m->index(0, ListenersModel::Connections).data().toLongLong(), 2);
        a.close();
        QTRY_COMPARE(m->index(0, ListenersModel::Connections).data().toLongLong(), 1);
    }

    void chartAndHeartbeats()
    {
        TestServer s([](sb::ServerConfig &c) {
            c.services[QStringLiteral("generic")].limits.pingIntervalMs = 1000;
        });
        QVERIFY(s.ok());
        MainWindow w(s.host());
        QAbstractItemModelTester tester(w.heartbeatsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QWebSocket ws;
        QVERIFY(openSocket(ws, s.ws(QStringLiteral("/echo"))));
        for (int i = 0; i < 5; ++i)
            ws.sendTextMessage(QStringLiteral("tick"));
        QTRY_VERIFY_WITH_TIMEOUT(w.chart()->points() >= 2, 3000);
        // The generic row: its ping interval, and a measured round trip once a pong came back.
        auto row = [&w](const QString &service) {
            for (int r = 0; r < w.heartbeatsModel()->rowCount(); ++r) {
                if (w.heartbeatsModel()->index(r, HeartbeatsModel::Service).data().toString() == service)
                    return r;
            }
            return -1;
        };
        QTRY_VERIFY(row(QStringLiteral("generic")) >= 0);
        const int g = row(QStringLiteral("generic"));
        QCOMPARE(w.heartbeatsModel()->index(g, HeartbeatsModel::Interval).data().toString(), QStringLiteral("every 1 s"));
        QTRY_VERIFY_WITH_TIMEOUT(w.heartbeatsModel()->index(g, HeartbeatsModel::Measured).data().toInt() == 1, 5000);
        QVERIFY(w.heartbeatsModel()->index(g, HeartbeatsModel::RttMedian).data().toString().endsWith(QStringLiteral(" ms")));
        QCOMPARE(w.heartbeatsModel()->index(row(QStringLiteral("pop")), HeartbeatsModel::Clamped).data().toInt(), 0);
    }

    void stopAndStartFromButtons()
    {
        TestServer s;
        QVERIFY(s.ok());
        MainWindow w(s.host());
        w.show();
        w.overviewTabs()->setCurrentIndex(1);  // Listeners
        w.listenersView()->selectRow(0);
        QPushButton *stop = button(w, QStringLiteral("Stop"));
        QPushButton *start = button(w, QStringLiteral("Start"));
        QVERIFY(stop && start);
        QVERIFY(stop->isEnabled());
        QVERIFY(!start->isEnabled());
        QTest::mouseClick(stop, Qt::LeftButton);
        QVERIFY(!s.host().listeners()[0].running);
        QCOMPARE(w.listenersModel()->index(0, ListenersModel::Status).data().toString(), QStringLiteral("Stopped"));
        QVERIFY(start->isEnabled());
        QTest::mouseClick(start, Qt::LeftButton);
        QVERIFY(s.host().listeners()[0].running);
        QCOMPARE(s.get(QStringLiteral("/healthz")).status, 200);
    }

    // A busy port stops only its listener: the window opens, says which and why, and one
    // click moves it to a free port (issue 22 #3).
    void aBusyPortIsShownAndMovedInOneClick()
    {
        QTcpServer busy;  // another program holds listener 1's port
        QVERIFY(busy.listen(QHostAddress::LocalHost, 0));
        TestServer s([&busy](sb::ServerConfig &c) { c.listeners[1].port = busy.serverPort(); });
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QVERIFY(s.host().listeners()[0].running);
        QVERIFY(!s.host().listeners()[1].running);
        MainWindow w(s.host());
        w.show();
        QLabel *problem = nullptr;
        for (QLabel *l : w.findChildren<QLabel *>()) {
            if (l->text().startsWith(QStringLiteral("Not listening")))
                problem = l;
        }
        QVERIFY(problem && problem->isVisible());
        QVERIFY2(problem->text().contains(QStringLiteral("port %1").arg(busy.serverPort())), qPrintable(problem->text()));
        QVERIFY(w.listenersModel()->index(1, ListenersModel::Status).data().toString().startsWith(QStringLiteral("Failed: cannot listen")));
        // Its card says so, with the reason and the one click that moves it.
        ServiceCard *card = w.cards()->card(QStringLiteral("channels"));
        QVERIFY(card);
        QCOMPARE(card->stateText(), QStringLiteral("Failed"));
        QVERIFY2(card->urlText().contains(QStringLiteral("port %1").arg(busy.serverPort())), qPrintable(card->urlText()));
        QToolButton *move = nullptr;
        for (QToolButton *b : card->findChildren<QToolButton *>())
            move = b->text() == QStringLiteral("Use a free port") && b->isVisible() ? b : move;
        QVERIFY(move);
        QCOMPARE(w.cards()->card(QStringLiteral("chat"))->stateText(), QStringLiteral("Running"));
        // The Listeners page has the same for the selected listener.
        w.overviewTabs()->setCurrentIndex(1);
        QPushButton *free = button(w, QStringLiteral("Use a free port"));
        QVERIFY(free);
        QCOMPARE(w.listenersView()->selectionModel()->selectedRows().value(0).row(), 1);  // selected for the user
        QVERIFY(free->isEnabled());
        w.listenersView()->selectRow(0);
        QVERIFY(!free->isEnabled());  // a running listener stays where it is
        w.listenersView()->selectRow(1);
        QVERIFY(free->isEnabled());
        QTest::mouseClick(move, Qt::LeftButton);
        QTRY_VERIFY(s.host().listeners()[1].running);
        const quint16 port = s.host().listeners()[1].port;
        QVERIFY(port != 0 && port != busy.serverPort());
        QTRY_VERIFY(!problem->isVisible());
        QTRY_COMPARE(card->stateText(), QStringLiteral("Running"));
        QCOMPARE(card->url(), QStringLiteral("http://127.0.0.1:%1").arg(port));
        QTRY_VERIFY2(w.statusBar()->currentMessage().contains(QString::number(port)), qPrintable(w.statusBar()->currentMessage()));
        s.setHttpListener(1);
        QCOMPARE(s.get(QStringLiteral("/healthz")).status, 200);
    }

    void exposureSwitch()
    {
        TestServer s([](sb::ServerConfig &c) { c.overrideAddress(QStringLiteral("any")); });
        QVERIFY(s.ok());
        MainWindow w(s.host());
        QPushButton *toggle = button(w, QStringLiteral("Only this computer"));
        QVERIFY(toggle);
        QTest::mouseClick(toggle, Qt::LeftButton);
        QCOMPARE(s.host().listeners()[0].address, QStringLiteral("localhost"));
        QCOMPARE(toggle->text(), QStringLiteral("Share on the LAN"));
        QCOMPARE(w.listenersModel()->index(0, ListenersModel::LanUrls).data().toString(), QStringLiteral("this computer only"));
        QCOMPARE(s.get(QStringLiteral("/healthz")).status, 200);
        QTest::mouseClick(toggle, Qt::LeftButton);
        QCOMPARE(s.host().listeners()[0].address, QStringLiteral("any"));
    }

    // Issue 22 ("Also"): the window comes back as it was left — size, tab, capture, and the
    // LAN or local choice unless --listen-address says otherwise; Help menu and Ctrl+1…7.
    void remembersTheSessionAndHelps()
    {
        QSettings().remove(QStringLiteral("session"));
        TestServer s([](sb::ServerConfig &c) { c.overrideAddress(QStringLiteral("any")); });
        QVERIFY(s.ok());
        QSize left;
        {
            MainWindow w(s.host());
            w.show();
            QVERIFY(QTest::qWaitForWindowActive(&w));
            QTest::keyClick(&w, Qt::Key_4, Qt::ControlModifier);  // Ctrl+4: Traffic
            QCOMPARE(w.tabs()->currentWidget(), static_cast<QWidget *>(w.trafficTab()));
            w.trafficTab()->setCapture(true);
            w.resize(1000, 700);
            QTest::mouseClick(button(w, QStringLiteral("Only this computer")), Qt::LeftButton);
            QCOMPARE(s.host().listeners()[0].address, QStringLiteral("localhost"));
            QTRY_COMPARE(w.statusBar()->currentMessage(), QStringLiteral("Listening on this computer only"));
            left = w.size();  // (the layout may not allow exactly 1000×700)
            QVERIFY(left != QSize(1200, 800));
            QStringList help;
            for (QAction *menu : w.menuBar()->actions()) {
                if (menu->text() == QLatin1String("&Help"))
                    for (QAction *a : menu->menu()->actions())
                        help << a->text();
            }
            QVERIFY2(help.contains(QStringLiteral("&About Switchboard")) && help.contains(QStringLiteral("&Keyboard shortcuts"))
                         && help.contains(QStringLiteral("Open the &web chat page")),
                     qPrintable(help.join(QLatin1Char('|'))));
            w.close();  // no clients: closes without asking, and remembers
        }
        s.host().setListenAddress(QStringLiteral("any"), nullptr);  // as a new start from config.json would
        MainWindow again(s.host());
        again.restoreSession(false);
        QCOMPARE(again.tabs()->currentWidget(), static_cast<QWidget *>(again.trafficTab()));
        QVERIFY(again.trafficTab()->capturing());
        QCOMPARE(again.size(), left);
        QCOMPARE(s.host().listeners()[0].address, QStringLiteral("localhost"));
        // --listen-address given: the command line wins.
        QString error;
        QVERIFY(s.host().setListenAddress(QStringLiteral("any"), &error));
        MainWindow flagged(s.host());
        flagged.restoreSession(true);
        QCOMPARE(s.host().listeners()[0].address, QStringLiteral("any"));
        again.trafficTab()->setCapture(false);
        QSettings().remove(QStringLiteral("session"));
    }

    // Help → "Show the LAN address as a QR code": a phone's reader gets the web chat page's
    // LAN address (read back here by zbarimg, a real QR decoder).
    void lanAddressAsQrCode()
    {
        const QString zbarimg = QStandardPaths::findExecutable(QStringLiteral("zbarimg"));
        if (zbarimg.isEmpty())
            QSKIP("zbarimg (Debian zbar-tools, installed by scripts/setup.sh) is missing");
        TestServer s([](sb::ServerConfig &c) { c.overrideAddress(QStringLiteral("any")); });
        QVERIFY(s.ok());
        QString expected;
        for (const sb::ListenerStatus &l : s.host().listeners()) {
            if (l.services.contains(QStringLiteral("chat")) && !l.lanUrls.isEmpty())
                expected = l.lanUrls.first() + QLatin1Char('/');
        }
        if (expected.isEmpty())
            QSKIP("this machine has no address but loopback");
        MainWindow w(s.host());
        QAction *show = nullptr;
        for (QAction *menu : w.menuBar()->actions()) {
            if (menu->text() == QLatin1String("&Help"))
                for (QAction *a : menu->menu()->actions())
                    show = a->text() == QLatin1String("Show the LAN address as a &QR code") ? a : show;
        }
        QVERIFY(show);
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("qr.png"));
        QString caption;
        QTimer grab;
        connect(&grab, &QTimer::timeout, this, [&] {
            auto *dialog = qobject_cast<sb::ui::QrDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            dialog->image().save(png);
            for (QLabel *l : dialog->findChildren<QLabel *>())
                caption = l->text().isEmpty() ? caption : l->text();
            dialog->reject();
        });
        grab.start(20);
        show->trigger();
        QCOMPARE(caption, expected);
        QProcess zbar;
        zbar.start(zbarimg, {QStringLiteral("--raw"), QStringLiteral("-q"), png});
        QVERIFY(zbar.waitForFinished(30000));
        QCOMPARE(QString::fromUtf8(zbar.readAllStandardOutput()).trimmed(), expected);
    }

    // Issue 22 (8): "Only this computer" with clients on other machines asks first, then
    // closes theirs (1001) and keeps this computer's; Cancel changes nothing.
    void goingLocalAsksAndDropsOtherMachines()
    {
        QSettings().remove(QStringLiteral("confirm"));
        QHostAddress lan;
        for (const QHostAddress &a : QNetworkInterface::allAddresses()) {
            if (a.protocol() == QAbstractSocket::IPv4Protocol && !a.isLoopback() && lan.isNull())
                lan = a;
        }
        if (lan.isNull())
            QSKIP("this machine has no address but loopback");
        TestServer s([](sb::ServerConfig &c) { c.overrideAddress(QStringLiteral("any")); });
        QVERIFY(s.ok());
        MainWindow w(s.host());
        w.show();
        QWebSocket local, other;
        QVERIFY(openSocket(local, s.ws(QStringLiteral("/echo"))));
        QUrl there = s.ws(QStringLiteral("/echo"));
        there.setHost(lan.toString());  // arrives from the LAN address: "another machine"
        QVERIFY(openSocket(other, there));
        QTRY_COMPARE(s.host().connections().size(), 2);
        Answerer answer;
        QString &asked = answer.asked;
        bool &go = answer.accept;
        QPushButton *toggle = button(w, QStringLiteral("Only this computer"));
        QVERIFY(toggle);
        QTest::mouseClick(toggle, Qt::LeftButton);  // Cancel
        QVERIFY2(asked.startsWith(QStringLiteral("1 client(s) on other machines")), qPrintable(asked));
        QCOMPARE(s.host().listeners()[0].address, QStringLiteral("any"));
        QCOMPARE(other.state(), QAbstractSocket::ConnectedState);

        go = true;
        QSignalSpy otherClosed(&other, &QWebSocket::disconnected);
        QTest::mouseClick(toggle, Qt::LeftButton);
        QCOMPARE(s.host().listeners()[0].address, QStringLiteral("localhost"));
        QVERIFY(otherClosed.wait(5000));
        QCOMPARE(other.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
        QCOMPARE(local.state(), QAbstractSocket::ConnectedState);
        QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("disconnected")));
        QSettings().remove(QStringLiteral("confirm"));
    }

    // Issue 22 (8): with clients connected, closing the window (no tray here: it would quit)
    // asks first; Cancel changes nothing; "Don't ask again" is remembered.
    void asksBeforeDroppingClients()
    {
        QSettings().remove(QStringLiteral("confirm"));
        TestServer s;
        QVERIFY(s.ok());
        MainWindow w(s.host());
        w.show();
        QWebSocket client;
        QVERIFY(openSocket(client, s.ws(QStringLiteral("/echo"))));
        auto open = [&] {
            qint64 n = 0;
            for (const auto &c : s.host().snapshot().services)
                n += c.connectionsOpen;
            return n;
        };
        QTRY_COMPARE(open(), 1);
        Answerer answer;
        QString &asked = answer.asked;
        bool &dontAskAgain = answer.dontAskAgain;

        w.close();  // Cancel
        QVERIFY2(asked.contains(QStringLiteral("1 client")) && asked.contains(QStringLiteral("Closing the window quits")), qPrintable(asked));
        QVERIFY(w.isVisible());
        QVERIFY(!w.quitting());
        QCOMPARE(client.state(), QAbstractSocket::ConnectedState);
        QVERIFY(QSettings().value(QStringLiteral("confirm/quit"), true).toBool());

        // "Don't ask again" with Cancel is not remembered; with Quit it is (the quit itself is
        // not exercised here: it would end the test's event loop).
        dontAskAgain = true;
        asked.clear();
        w.close();
        QVERIFY(!asked.isEmpty());
        QVERIFY(QSettings().value(QStringLiteral("confirm/quit"), true).toBool());
        QSettings().remove(QStringLiteral("confirm"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
