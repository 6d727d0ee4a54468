// The raw WebSocket client tab against a real server: connect with headers, send text and
// binary (hex), errors shown plainly, close with a code, the saved-messages library, and
// "send again" from the traffic inspector.
#include "accounts/accountstore.h"
#include "clients/rawclient.h"
#include "clients/rawclienttabs.h"
#include "inspector/inspectorwidget.h"
#include "inspector/trafficmodel.h"
#include "mainwindow.h"
#include "testserver.h"

#include <QComboBox>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTcpServer>
#include <QTest>
#include <QWebSocketServer>
#include <QWebSocketHandshakeOptions>
#include <QLineEdit>

using namespace sbtest;
using namespace sb::ui;

class TestRawClient : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir settingsDir;

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("switchboard-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_rawclient"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
    }

    void echoTextAndBinary()
    {
        TestServer s;
        QVERIFY(s.ok());
        MainWindow w(s.host());
        RawClientWidget *raw = w.rawClientTab();
        QVERIFY(raw);
        raw->openConnection();  // the default URL is this server's /echo
        QTRY_COMPARE(raw->socket().state(), QAbstractSocket::ConnectedState);
        QVERIFY(raw->status().contains(QStringLiteral("/echo")));
        raw->editor()->setPlainText(QStringLiteral(R"({"hello":"raw"})"));
        QVERIFY(raw->sendCurrent());
        QTRY_COMPARE(raw->log()->rowCount(), 2);
        QCOMPARE(raw->log()->record(1)->direction, sb::CaptureRecord::In);
        QCOMPARE(raw->log()->record(1)->data, QByteArray(R"({"hello":"raw"})"));
        raw->mode()->setCurrentIndex(1);
        raw->editor()->setPlainText(QStringLiteral("01 02 ff"));
        QVERIFY(raw->sendCurrent());
        QTRY_COMPARE(raw->log()->rowCount(), 4);
        QCOMPARE(raw->log()->record(3)->data, QByteArray("\x01\x02\xff", 3));
        QCOMPARE(raw->log()->record(3)->kind, sb::CaptureRecord::Binary);
        raw->editor()->setPlainText(QStringLiteral("zz"));
        QVERIFY(!raw->sendCurrent());
        QVERIFY(raw->status().contains(QStringLiteral("hex")));
        raw->closeConnection(4000, QStringLiteral("done here"));
        QTRY_COMPARE(raw->socket().state(), QAbstractSocket::UnconnectedState);
    }

    // Enter in the URL connects; offered subprotocols go in the handshake and the one a
    // server picks is shown (a server of the test's own here: ours picks none).
    void enterConnectsAndOffersSubprotocols()
    {
        QWebSocketServer other(QStringLiteral("other"), QWebSocketServer::NonSecureMode);
        other.setSupportedSubprotocols({QStringLiteral("chat.v2")});
        QVERIFY(other.listen(QHostAddress::LocalHost, 0));
        QStringList offered;
        connect(&other, &QWebSocketServer::newConnection, this, [&] {
            QWebSocket *peer = other.nextPendingConnection();
            offered = peer->handshakeOptions().subprotocols();
        });
        TestServer s;
        QVERIFY(s.ok());
        MainWindow w(s.host());
        w.show();
        RawClientWidget *raw = w.rawClientTab();
        raw->url()->setText(QStringLiteral("ws://127.0.0.1:%1/").arg(other.serverPort()));
        raw->protocols()->setText(QStringLiteral("chat.v1, chat.v2"));
        QTest::keyClick(raw->url(), Qt::Key_Return);
        QTRY_COMPARE(raw->socket().state(), QAbstractSocket::ConnectedState);
        QCOMPARE(raw->socket().subprotocol(), QStringLiteral("chat.v2"));
        QVERIFY2(raw->status().endsWith(QStringLiteral("(subprotocol chat.v2)")), qPrintable(raw->status()));
        QTRY_VERIFY(offered.contains(QStringLiteral("chat.v1")) && offered.contains(QStringLiteral("chat.v2")));
        QTest::keyClick(raw->url(), Qt::Key_Return);  // connected: Enter does not connect again
        QCOMPARE(raw->socket().state(), QAbstractSocket::ConnectedState);
        raw->closeConnection(1000, QString());
        QTRY_COMPARE(raw->socket().state(), QAbstractSocket::UnconnectedState);
    }

    // Several connections side by side, one tab each: each has its own socket and log, the
    // tab says whether it is connected, and closing a tab closes its connection.
    void severalConnectionsInTabs()
    {
        TestServer s;
        QVERIFY(s.ok());
        MainWindow w(s.host());
        w.show();
        RawClientTabs *tabs = w.rawClientTabs();
        QCOMPARE(tabs->count(), 1);
        RawClientWidget *first = tabs->current();
        first->openConnection();
        QTRY_COMPARE(first->socket().state(), QAbstractSocket::ConnectedState);
        QTRY_COMPARE(tabs->tabText(0), QStringLiteral("/echo · connected"));
        w.tabs()->setCurrentWidget(tabs);
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QTest::keyClick(tabs->current()->url(), Qt::Key_T, Qt::ControlModifier);  // Ctrl+T
        QCOMPARE(tabs->count(), 2);
        RawClientWidget *second = tabs->current();
        QVERIFY(second != first);
        QCOMPARE(second->url()->text(), first->url()->text());  // starts where the other points
        QCOMPARE(tabs->tabText(1), QStringLiteral("/echo"));
        QTest::keyClick(second->url(), Qt::Key_Return);
        QTRY_COMPARE(second->socket().state(), QAbstractSocket::ConnectedState);
        auto echoes = [&s] {
            qint64 open = 0;
            for (const auto &c : s.host().snapshot().services)
                open += c.service == QLatin1String("generic") ? c.connectionsOpen : 0;
            return open;
        };
        QTRY_COMPARE(echoes(), 2);  // two connections at once
        second->editor()->setPlainText(QStringLiteral("from two"));
        QVERIFY(second->sendCurrent());
        QTRY_COMPARE(second->log()->rowCount(), 2);
        QCOMPARE(first->log()->rowCount(), 0);  // each its own log
        // Closing the second tab closes its connection; the first stays.
        QSignalSpy gone(&second->socket(), &QWebSocket::disconnected);
        emit tabs->tabCloseRequested(1);
        QTRY_COMPARE(gone.size(), 1);
        QCOMPARE(tabs->count(), 1);
        QCOMPARE(first->socket().state(), QAbstractSocket::ConnectedState);
        QTRY_COMPARE(echoes(), 1);
        // The last tab stays, disconnected.
        emit tabs->tabCloseRequested(0);
        QTRY_COMPARE(first->socket().state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(tabs->count(), 1);
        QTRY_COMPARE(tabs->tabText(0), QStringLiteral("/echo"));
    }

    void refusedHandshakeIsShownPlainly()
    {
        TestServer s;
        QVERIFY(s.ok());
        int felix = -1;
        for (const auto &l : s.host().listeners()) {
            if (l.services.contains(QStringLiteral("felix")))
                felix = l.id;
        }
        RawClientWidget raw{QString()};
        raw.setUrl(s.ws(QStringLiteral("/"), felix).toString());
        raw.openConnection();  // no Authorization header: 403 before the handshake
        QTRY_VERIFY(raw.status().startsWith(QStringLiteral("Not connected:")));
        QVERIFY2(raw.status().contains(QStringLiteral("refused the WebSocket handshake: HTTP 403")), qPrintable(raw.status()));
        QVERIFY2(!raw.status().contains(QStringLiteral("QWebSocket")), qPrintable(raw.status()));  // not Qt's internal text

        // The next attempt says its own result, not the 403 of the one before.
        quint16 deadPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            deadPort = probe.serverPort();
        }
        raw.setUrl(QStringLiteral("ws://127.0.0.1:%1/echo").arg(deadPort));
        raw.openConnection();
        QTRY_VERIFY2(raw.status().contains(QStringLiteral("nothing is listening")), qPrintable(raw.status()));
        QVERIFY2(!raw.status().contains(QStringLiteral("403")), qPrintable(raw.status()));
        raw.setUrl(s.ws(QStringLiteral("/"), felix).toString());

        // With the token in the headers box it connects.
        sb::AccountStore::Error err;
        const QByteArray token = s.host().accounts().createApiToken(QStringLiteral("raw"), QStringLiteral("private"), &err);
        raw.headers()->setPlainText(QStringLiteral("Authorization: ") + QString::fromLatin1(token));
        raw.openConnection();
        QTRY_COMPARE(raw.socket().state(), QAbstractSocket::ConnectedState);
        raw.editor()->setPlainText(QStringLiteral(R"({"code":20001})"));
        QVERIFY(raw.sendCurrent());
        QTRY_COMPARE(raw.log()->rowCount(), 2);
        QVERIFY(raw.log()->record(1)->data.contains("\"code\":10001"));
        raw.closeConnection(4000, QStringLiteral("done here"));
        QTRY_VERIFY(raw.status().startsWith(QStringLiteral("Closed with code 4000")));
        raw.setUrl(QStringLiteral("ws://127.0.0.1:%1/echo").arg(deadPort));
        raw.openConnection();
        QTRY_VERIFY2(raw.status().contains(QStringLiteral("nothing is listening")), qPrintable(raw.status()));
        QVERIFY2(!raw.status().contains(QStringLiteral("4000")), qPrintable(raw.status()));
    }

    void savedMessagesPersist()
    {
        {
            RawClientWidget raw{QString()};
            raw.editor()->setPlainText(QStringLiteral(R"({"type":"PONG"})"));
            raw.saveMessage(QStringLiteral("pong"));
            raw.mode()->setCurrentIndex(1);
            raw.editor()->setPlainText(QStringLiteral("de ad"));
            raw.saveMessage(QStringLiteral("dead"));
        }
        RawClientWidget again{QString()};  // a new widget (or a new run) sees them
        QCOMPARE(again.savedNames(), (QStringList{QStringLiteral("dead"), QStringLiteral("pong")}));
        QVERIFY(again.loadSaved(QStringLiteral("pong")));
        QCOMPARE(again.editor()->toPlainText(), QStringLiteral(R"({"type":"PONG"})"));
        QCOMPARE(again.mode()->currentIndex(), 0);
        QVERIFY(again.loadSaved(QStringLiteral("dead")));
        QCOMPARE(again.mode()->currentIndex(), 1);
    }

    void sendAgainFromTheInspector()
    {
        TestServer s;
        QVERIFY(s.ok());
        MainWindow w(s.host());
        emit w.trafficTab()->sendAgain(QByteArray(R"({"replay":true})"), false);
        QCOMPARE(w.tabs()->currentWidget(), w.rawClientTabs());
        QCOMPARE(w.rawClientTab()->editor()->toPlainText(), QStringLiteral(R"({"replay":true})"));
        emit w.trafficTab()->sendAgain(QByteArray("\x00\x10", 2), true);
        QCOMPARE(w.rawClientTab()->mode()->currentIndex(), 1);
        QCOMPARE(w.rawClientTab()->editor()->toPlainText(), QStringLiteral("00 10"));
    }
};

QTEST_MAIN(TestRawClient)
#include "tst_rawclient.moc"
