// The "Users and tokens" tab against the embedded server: every action reaches the store,
// and the GUI thread never waits for Argon2id.
#include "accounts/accountstore.h"
#include "admin/adminwidget.h"
#include "admin/felixdocswidget.h"
#include "admin/limitswidget.h"
#include "admin/listenerswidget.h"
#include "admin/smileswidget.h"
#include "mainwindow.h"
#include "testserver.h"

#include <QCheckBox>
#include <QComboBox>
#include <QSpinBox>
#include <QTcpServer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QFile>
#include <QWebSocket>
#include <QTableWidget>
#include <QTest>

using namespace sbtest;

// A widget's answer to an asynchronous call: it may come before the wait begins (a call whose
// future is already finished answers at once), so answers are counted, not awaited blindly.
struct Awaited {
    QSignalSpy spy;
    qsizetype seen = 0;
    template <typename... A>
    explicit Awaited(A &&...a) : spy(std::forward<A>(a)...)
    {
    }
    // The next answer, already in or within `ms`.
    bool next(int ms = 10000)
    {
        if (!QTest::qWaitFor([&] { return spy.size() > seen; }, ms))
            return false;
        ++seen;
        return true;
    }
};
using namespace sb::ui;

// SB_SCREENSHOTS=DIR saves pictures of the panels in use (docs/screenshots).
static void snapshot(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("SB_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    w->resize(1000, 560);
    w->show();
    QTest::qWait(50);
    w->grab().save(dir + QLatin1Char('/') + name);
}

class TestAdmin : public QObject
{
    Q_OBJECT
private:
    static int rowOf(QTableWidget *t, int column, const QString &text)
    {
        for (int r = 0; r < t->rowCount(); ++r) {
            if (t->item(r, column) && t->item(r, column)->text() == text)
                return r;
        }
        return -1;
    }

private slots:
    // Issue 22 (1): a member who registers over HTTP while the window is open is listed when
    // the page is shown again, and at once with Refresh.
    void listsShowWhatChangedElsewhere()
    {
        TestServer s;
        QVERIFY(s.ok());
        MainWindow w(s.host());
        w.show();
        w.tabs()->setCurrentIndex(w.tabs()->count() - 1);  // Administration
        AdminWidget *admin = w.adminTab();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTest::qWait(300);
        QCOMPARE(rowOf(admin->users(), 1, QStringLiteral("newcomer@lan.test")), -1);
        QVERIFY(!s.registerAndLogin(QStringLiteral("newcomer@lan.test"), QStringLiteral("newcomer-pw-1")).isEmpty());
        w.tabs()->setCurrentIndex(0);
        w.tabs()->setCurrentIndex(w.tabs()->count() - 1);
        QTRY_VERIFY(rowOf(admin->users(), 1, QStringLiteral("newcomer@lan.test")) >= 0);

        QVERIFY(!s.registerAndLogin(QStringLiteral("second@lan.test"), QStringLiteral("second-pw-1")).isEmpty());
        QPushButton *reload = nullptr;
        for (QPushButton *b : admin->findChildren<QPushButton *>())
            reload = b->text() == QLatin1String("Refresh") ? b : reload;
        QVERIFY(reload);
        reload->click();
        QTRY_VERIFY(rowOf(admin->users(), 1, QStringLiteral("second@lan.test")) >= 0);

        // Left open, the page follows by itself within a few seconds; a selected row stays
        // selected through polls that find nothing new.
        admin->users()->selectRow(0);
        QVERIFY(!s.registerAndLogin(QStringLiteral("third@lan.test"), QStringLiteral("third-pw-12")).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(admin->users(), 1, QStringLiteral("third@lan.test")) >= 0, 3 * 3000);
        admin->users()->selectRow(1);
        QTest::qWait(3500);  // at least one poll with nothing new
        QCOMPARE(admin->users()->selectionModel()->selectedRows().value(0).row(), 1);
    }

    void usersAndTokens()
    {
        TestServer s;
        QVERIFY(s.ok());
        MainWindow w(s.host());
        AdminWidget *admin = w.adminTab();
        Awaited done(admin, &AdminWidget::finished);

        QElapsedTimer t;
        t.start();
        admin->createUser(QStringLiteral("ops@lan.test"), QStringLiteral("pw"), QStringLiteral("employee"), 7);
        QVERIFY(t.elapsed() < 50);  // hashing happens off the GUI thread
        QVERIFY(done.next(10000));
        QVERIFY2(admin->lastMessage().startsWith(QStringLiteral("Created ops@lan.test")), qPrintable(admin->lastMessage()));
        QTRY_VERIFY(rowOf(admin->users(), 1, QStringLiteral("ops@lan.test")) >= 0);
        const int row = rowOf(admin->users(), 1, QStringLiteral("ops@lan.test"));
        QCOMPARE(admin->users()->item(row, 2)->text(), QStringLiteral("employee"));
        QCOMPARE(admin->users()->item(row, 3)->text(), QStringLiteral("7"));
        QVERIFY(s.host().accounts().verifyLogin(QStringLiteral("ops@lan.test"), QStringLiteral("pw")));

        admin->createUser(QStringLiteral("OPS@lan.test"), QStringLiteral("x"), QStringLiteral("member"), 0);
        QVERIFY(done.next(10000));
        QVERIFY(admin->lastMessage().contains(QStringLiteral("already exists")));

        admin->setRole(QStringLiteral("ops@lan.test"), QStringLiteral("superuser"));
        QVERIFY(done.next(10000));
        admin->addCoins(admin->users()->item(row, 1)->text(), 93);
        QVERIFY(done.next(10000));
        const auto user = s.host().accounts().userByEmail(QStringLiteral("ops@lan.test"));
        QCOMPARE(user->role, QStringLiteral("superuser"));
        QCOMPARE(user->balance, 100);
        QTRY_COMPARE(admin->users()->item(rowOf(admin->users(), 1, QStringLiteral("ops@lan.test")), 3)->text(), QStringLiteral("100"));

        Awaited created(admin, &AdminWidget::tokenCreated);
        admin->createToken(QStringLiteral("bot"), QStringLiteral("private"));
        QVERIFY(created.next(10000));
        QVERIFY(done.next(10000));  // "Created private token bot (shown once)"
        const QString token = created.spy.first().at(1).toString();
        QVERIFY(token.startsWith(QStringLiteral("sbp_")));
        QCOMPARE(s.host().accounts().apiTokenFor(token.toLatin1())->name, QStringLiteral("bot"));
        QTRY_VERIFY(rowOf(admin->tokens(), 0, QStringLiteral("bot")) >= 0);
        admin->revokeToken(QStringLiteral("bot"));
        QVERIFY(done.next(10000));
        QVERIFY(!s.host().accounts().apiTokenFor(token.toLatin1()));
        QTRY_COMPARE(admin->tokens()->item(rowOf(admin->tokens(), 0, QStringLiteral("bot")), 3)->text(), QStringLiteral("revoked"));

        // Disable a user: no login, the session stops working; enable: back.
        const QString session = s.registerAndLogin(QStringLiteral("eve@lan.test"), QStringLiteral("eve-pw-1234"));
        QVERIFY(!session.isEmpty());
        const QList<QPair<QByteArray, QByteArray>> auth = {{"Authorization", "Bearer " + session.toLatin1()}};
        QCOMPARE(s.get(QStringLiteral("/me"), auth).status, 200);
        admin->setDisabled(QStringLiteral("eve@lan.test"), true);
        QVERIFY(done.next(10000));
        QCOMPARE(s.get(QStringLiteral("/me"), auth).status, 401);
        const QJsonObject login{{QStringLiteral("email"), QStringLiteral("eve@lan.test")}, {QStringLiteral("password"), QStringLiteral("eve-pw-1234")}};
        QCOMPARE(s.postJson(QStringLiteral("/auth/login"), login).status, 401);
        QTRY_COMPARE(admin->users()->item(rowOf(admin->users(), 1, QStringLiteral("eve@lan.test")), 5)->text(), QStringLiteral("disabled"));
        admin->setDisabled(QStringLiteral("eve@lan.test"), false);
        QVERIFY(done.next(10000));
        QCOMPARE(s.get(QStringLiteral("/me"), auth).status, 200);
        QCOMPARE(s.postJson(QStringLiteral("/auth/login"), login).status, 200);
        QTRY_COMPARE(admin->users()->item(rowOf(admin->users(), 1, QStringLiteral("eve@lan.test")), 5)->text(), QStringLiteral("active"));
    }

    void felixDocumentsReachListeners()
    {
        TestServer s;
        QVERIFY(s.ok());
        sb::AccountStore::Error err{};
        const QByteArray token = s.host().accounts().createApiToken(QStringLiteral("bot"), QStringLiteral("private"), &err);
        // A felix bot listening to guild g9.
        QWebSocket bot;
        QNetworkRequest req(s.ws(QStringLiteral("/"), 2));
        req.setRawHeader("Authorization", token);
        QVERIFY(openSocket(bot, req));
        QSignalSpy pushed(&bot, &QWebSocket::textMessageReceived);
        bot.sendTextMessage(QStringLiteral("{\"code\":20002,\"data\":{\"guilds\":[\"g9\"]}}"));
        QTest::qWait(100);

        MainWindow w(s.host());
        FelixDocsWidget *docs = w.felixDocsTab();
        Awaited done(docs, &FelixDocsWidget::finished);

        // Not an object: refused in the editor, nothing stored.
        docs->id()->setText(QStringLiteral("g9"));
        docs->editor()->setPlainText(QStringLiteral("[1, 2]"));
        QCOMPARE(docs->message()->text(), QStringLiteral("A document is a JSON object"));
        QVERIFY(!docs->save());
        QVERIFY(done.next(5000));
        QCOMPARE(done.spy.last().at(0).toBool(), false);
        docs->editor()->setPlainText(QStringLiteral("{\"name\": \"Bakery\", \"open\": true}"));
        QCOMPARE(docs->message()->text(), QStringLiteral("Valid JSON"));
        QVERIFY(docs->save());
        QVERIFY(done.next(5000));
        QCOMPARE(done.spy.last().at(0).toBool(), true);
        QTRY_VERIFY(!pushed.isEmpty());
        const QJsonObject push = QJsonDocument::fromJson(pushed.last().at(0).toString().toUtf8()).object();
        QCOMPARE(push.value(QStringLiteral("code")).toInt(), 10002);
        QCOMPARE(push.value(QStringLiteral("data")).toObject().value(QStringLiteral("guildID")).toString(), QStringLiteral("g9"));
        QCOMPARE(push.value(QStringLiteral("data")).toObject().value(QStringLiteral("guildData")).toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("Bakery"));
        QTRY_COMPARE(docs->list()->count(), 1);
        QCOMPARE(docs->list()->item(0)->text(), QStringLiteral("g9"));
        docs->list()->setCurrentRow(0);
        snapshot(docs, QStringLiteral("admin-felix-documents.png"));
        QCOMPARE(s.host().admin().felix().documents(true).result().size(), 1);

        // Users are a list of their own.
        docs->kind()->setCurrentIndex(1);
        QTRY_COMPARE(docs->list()->count(), 0);
        docs->kind()->setCurrentIndex(0);
        QTRY_COMPARE(docs->list()->count(), 1);

        // Delete: the listener gets null.
        docs->list()->setCurrentRow(0);
        QCOMPARE(docs->id()->text(), QStringLiteral("g9"));
        QVERIFY(docs->editor()->toPlainText().contains(QStringLiteral("Bakery")));
        const int before = int(pushed.size());
        docs->remove();
        QVERIFY(done.next(5000));
        QTRY_VERIFY(pushed.size() > before);
        const QJsonObject gone = QJsonDocument::fromJson(pushed.last().at(0).toString().toUtf8()).object();
        QVERIFY(gone.value(QStringLiteral("data")).toObject().value(QStringLiteral("guildData")).isNull());
        QTRY_COMPARE(docs->list()->count(), 0);
        bot.abort();
    }

    void smilesAddPriceRemove()
    {
        TestServer s;
        QVERIFY(s.ok());
        MainWindow w(s.host());
        SmilesWidget *smiles = w.smilesTab();
        Awaited done(smiles, &SmilesWidget::finished);
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("wink.png"));
        {
            QFile f(png);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(kTinyPng);
        }
        const QString text = dir.filePath(QStringLiteral("notes.png"));  // a name is not a picture
        {
            QFile f(text);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("just text");
        }
        smiles->addFromFile(text, 1);
        QVERIFY(done.next(5000));
        QCOMPARE(done.spy.last().at(0).toBool(), false);
        QVERIFY(smiles->message()->text().contains(QStringLiteral("PNG, JPEG, GIF or WebP")));

        smiles->addFromFile(png, 3);
        QVERIFY(done.next(5000));
        QCOMPARE(done.spy.last().at(0).toBool(), true);
        QTRY_COMPARE(smiles->table()->rowCount(), 1);
        const qint64 id = smiles->table()->item(0, 1)->text().toLongLong();
        QCOMPARE(smiles->table()->item(0, 2)->text(), QStringLiteral("3"));
        QTRY_VERIFY(!smiles->table()->item(0, 0)->icon().isNull());  // the picture, read from the store
        snapshot(smiles, QStringLiteral("admin-smiles.png"));
        // The server's grid has it with that price.
        QJsonArray list = QJsonDocument::fromJson(s.get(QStringLiteral("/storage/smiles")).body).array();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().toObject().value(QStringLiteral("price")).toInt(), 3);

        smiles->setPrice(id, 9);
        QVERIFY(done.next(5000));
        QTRY_COMPARE(smiles->table()->item(0, 2)->text(), QStringLiteral("9"));
        list = QJsonDocument::fromJson(s.get(QStringLiteral("/storage/smiles")).body).array();
        QCOMPARE(list.first().toObject().value(QStringLiteral("price")).toInt(), 9);

        smiles->remove(id);
        QVERIFY(done.next(5000));
        QCOMPARE(done.spy.last().at(0).toBool(), true);
        QTRY_COMPARE(smiles->table()->rowCount(), 0);
        QVERIFY(QJsonDocument::fromJson(s.get(QStringLiteral("/storage/smiles")).body).array().isEmpty());
        smiles->remove(id);  // already gone: said plainly
        QVERIFY(done.next(5000));
        QCOMPARE(done.spy.last().at(0).toBool(), false);
        QVERIFY(smiles->message()->text().contains(QStringLiteral("no such smile")));
    }

    void listenersPortAndTls()
    {
        TestServer s;
        QVERIFY(s.ok());
        MainWindow w(s.host());
        ListenersWidget *l = w.listenersAdminTab();
        l->select(1);  // channels
        QCOMPARE(l->port()->value(), int(s.port(1)));
        QWebSocket ws;
        QVERIFY(openSocket(ws, s.ws(QStringLiteral("/lobby/listen"), 1)));
        QSignalSpy closed(&ws, &QWebSocket::disconnected);

        // Files that cannot be loaded: nothing changes, the connection stays.
        l->tls()->setChecked(true);
        l->certificate()->setText(QStringLiteral("/nonexistent/cert.pem"));
        l->key()->setText(QStringLiteral("/nonexistent/key.pem"));
        QSignalSpy applied(l, &ListenersWidget::applied);
        l->apply();
        QVERIFY(applied.size() == 1 || applied.wait(5000));
        QCOMPARE(applied.takeFirst().at(0).toBool(), false);
        QVERIFY(l->message()->text().startsWith(QStringLiteral("Not changed")));
        QVERIFY(!s.host().listeners()[1].tls);
        QTest::qWait(100);
        QCOMPARE(closed.size(), 0);

        // A generated self-signed certificate, then TLS on: the listener restarts.
        Awaited ready(l, &ListenersWidget::certificateReady);
        l->generateCertificate();
        QVERIFY(ready.next(20000));
        QCOMPARE(ready.spy.last().at(0).toBool(), true);
        QVERIFY(l->fingerprint()->text().startsWith(QStringLiteral("SHA-256 fingerprint: ")));
        QVERIFY(QFile::exists(l->certificate()->text()));
        snapshot(l, QStringLiteral("admin-listeners.png"));
        const quint16 port = s.port(1);
        l->apply();
        QVERIFY(applied.size() == 1 || applied.wait(5000));
        QCOMPARE(applied.takeFirst().at(0).toBool(), true);
        QTRY_COMPARE(closed.size(), 1);  // (while the answer was awaited, or after)
        QCOMPARE(int(ws.closeCode()), 1001);
        QVERIFY(s.host().listeners()[1].tls);
        QVERIFY(s.host().listeners()[1].localUrl.startsWith(QStringLiteral("https://")));
        QCOMPARE(s.port(1), port);  // the address people were given stays
        s.setHttpListener(1);
        s.trustCertificate(l->certificate()->text());
        QCOMPARE(s.get(QStringLiteral("/healthz")).status, 200);

        // Another port, TLS off again.
        quint16 freePort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            freePort = probe.serverPort();
        }
        l->port()->setValue(freePort);
        l->tls()->setChecked(false);
        l->apply();
        QVERIFY(applied.size() == 1 || applied.wait(5000));
        QCOMPARE(applied.takeFirst().at(0).toBool(), true);
        QCOMPARE(s.port(1), freePort);
        QVERIFY(!s.host().listeners()[1].tls);
        QCOMPARE(s.get(QStringLiteral("/healthz")).status, 200);
        QVERIFY(l->table()->item(1, 1)->text() == QString::number(freePort));
        QSignalSpy kept(l, &ListenersWidget::kept);
        l->keep();
        QVERIFY(kept.size() == 1 || kept.wait(5000));
        const QString path = kept.first().at(0).toString();
        QVERIFY2(!path.isEmpty(), qPrintable(l->message()->text()));
        QString error;
        const auto saved = sb::ServerConfig::fromFile(path, sb::ServerConfig::defaults(), &error);
        QVERIFY2(saved, qPrintable(error));
        bool found = false;
        for (const sb::ListenerConfig &lc : saved->listeners)
            found |= lc.services.contains(QStringLiteral("channels")) && lc.port == freePort && !lc.tls;
        QVERIFY(found);
    }

    void limitsApplyToNewConnections()
    {
        TestServer s;
        QVERIFY(s.ok());
        MainWindow w(s.host());
        LimitsWidget *l = w.limitsTab();
        QSignalSpy shown(l, &LimitsWidget::shown);
        QSignalSpy applied(l, &LimitsWidget::applied);
        l->showLimits(QStringLiteral("generic"));
        QTRY_VERIFY(!shown.isEmpty());
        QCOMPARE(l->field(QStringLiteral("messages_per_second"))->value(), s.host().limits(QStringLiteral("generic")).messagesPerSecond);

        QWebSocket before;
        QVERIFY(openSocket(before, s.ws(QStringLiteral("/echo"))));
        l->field(QStringLiteral("messages_per_second"))->setValue(5);
        l->apply();
        QTRY_COMPARE(applied.size(), 1);
        QCOMPARE(applied.first().at(0).toBool(), true);
        QCOMPARE(s.host().limits(QStringLiteral("generic")).messagesPerSecond, 5);
        QVERIFY(l->message()->text().contains(QStringLiteral("generic")));

        // A connection opened now gets the new limit; the one already open keeps its own.
        QWebSocket after;
        QVERIFY(openSocket(after, s.ws(QStringLiteral("/echo"))));
        QSignalSpy afterClosed(&after, &QWebSocket::disconnected);
        QSignalSpy echoed(&before, &QWebSocket::textMessageReceived);
        for (int i = 0; i < 30; ++i) {
            after.sendTextMessage(QStringLiteral("x"));
            before.sendTextMessage(QStringLiteral("y"));
        }
        QVERIFY(afterClosed.wait(5000));
        QCOMPARE(int(after.closeCode()), 1008);
        QTRY_COMPARE(echoed.size(), 30);
        QCOMPARE(before.state(), QAbstractSocket::ConnectedState);

        // Server-wide: a smaller request head is refused with 431.
        shown.clear();
        l->showLimits(QString());
        QTRY_VERIFY(!shown.isEmpty());  // the form shows the server-wide limits before it is edited
        l->field(QStringLiteral("head_bytes"))->setValue(1024);
        l->apply();
        QTRY_COMPARE(applied.size(), 2);
        const QByteArray big = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: " + QByteArray(2000, 'a') + "\r\n\r\n";
        QCOMPARE(statusOf(rawExchange(s.port(), big)), 431);
        QCOMPARE(statusOf(rawExchange(s.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")), 200);
        before.abort();

        // Kept for the next start: the data directory's config.json has them.
        QSignalSpy kept(l, &LimitsWidget::kept);
        l->keep();
        QTRY_COMPARE(kept.size(), 1);
        const QString path = kept.first().at(0).toString();
        QVERIFY2(!path.isEmpty(), qPrintable(l->message()->text()));
        QString error;
        const auto saved = sb::ServerConfig::fromFile(path, sb::ServerConfig::defaults(), &error);
        QVERIFY2(saved, qPrintable(error));
        QCOMPARE(saved->service(QStringLiteral("generic")).limits.messagesPerSecond, 5);
        QCOMPARE(saved->limits.headBytes, 1024);
    }

    // Each limit has one place (issue 22 #5): per-address and the other service limits are
    // set per service and take effect there; the server-wide scope shows what applies before
    // routing, and the total of connections only as the value set at start.
    void eachLimitHasOnePlace()
    {
        TestServer s;
        QVERIFY(s.ok());
        MainWindow w(s.host());
        LimitsWidget *l = w.limitsTab();
        QSignalSpy shown(l, &LimitsWidget::shown);
        QSignalSpy applied(l, &LimitsWidget::applied);
        l->showLimits(QString());
        QTRY_VERIFY(!shown.isEmpty());
        QVERIFY(l->field(QStringLiteral("max_connections_per_ip"))->isHidden());
        QVERIFY(l->field(QStringLiteral("messages_per_second"))->isHidden());
        QVERIFY(!l->field(QStringLiteral("head_bytes"))->isHidden());
        QSpinBox *total = l->field(QStringLiteral("max_connections"));
        QVERIFY(!total->isHidden() && total->isReadOnly());
        QCOMPARE(total->value(), s.host().limits(QString()).maxConnections);

        shown.clear();
        l->showLimits(QStringLiteral("generic"));
        QTRY_VERIFY(!shown.isEmpty());
        QVERIFY(l->field(QStringLiteral("head_bytes"))->isHidden());
        QSpinBox *perAddress = l->field(QStringLiteral("max_connections_per_ip"));
        QVERIFY(!perAddress->isHidden() && !perAddress->isReadOnly());
        QVERIFY(!l->field(QStringLiteral("max_connections"))->isReadOnly());
        perAddress->setValue(2);
        l->apply();
        QTRY_COMPARE(applied.size(), 1);
        QCOMPARE(s.host().limits(QStringLiteral("generic")).maxConnectionsPerIp, 2);
        QWebSocket a, b, c;
        QVERIFY(openSocket(a, s.ws(QStringLiteral("/echo"))));
        QVERIFY(openSocket(b, s.ws(QStringLiteral("/echo"))));
        QVERIFY(!openSocket(c, s.ws(QStringLiteral("/echo"))));  // the third from this address: 429

        // Server-wide through the API: what belongs to services, or to the start, stays.
        sb::Limits server = s.host().limits(QString());
        const int before = server.maxConnections;
        server.maxConnections = 7;
        server.maxConnectionsPerIp = 1;
        server.headBytes = 4096;
        s.host().setLimits(QString(), server);
        QCOMPARE(s.host().limits(QString()).maxConnections, before);
        QCOMPARE(s.host().limits(QString()).headBytes, 4096);
        QCOMPARE(s.host().limits(QStringLiteral("generic")).maxConnectionsPerIp, 2);
    }
};

QTEST_MAIN(TestAdmin)
#include "tst_admin.moc"
