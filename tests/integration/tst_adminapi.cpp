// The administration API (api/administration.h) on the embedded server, as the GUI, the CLI
// and — next — the remote admin endpoint use it: every call answers through its future,
// changes reach the clients they concern, and failures say why in words.
#include "api/administration.h"
#include "rawws.h"
#include "serverhost.h"
#include "testserver.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QWebSocket>

using namespace sbtest;


class TestAdminApi : public QObject
{
    Q_OBJECT

private slots:
    void accountsAnswerAndSayWhyNot()
    {
        TestServer s;
        QVERIFY2(s.ok(), qPrintable(s.error()));
        sb::AccountsAdmin &accounts = s.host().admin().accounts();

        const auto created = await(accounts.createUser(QStringLiteral("ann@api.test"), QStringLiteral("ann-pw-123"), QStringLiteral("member"), 5));
        QVERIFY2(created.ok(), qPrintable(created.error));
        QCOMPARE(created.value.email, QStringLiteral("ann@api.test"));
        QCOMPARE(created.value.balance, 5);
        // The new member can log in over HTTP at once.
        const QJsonObject login{{QStringLiteral("email"), QStringLiteral("ann@api.test")}, {QStringLiteral("password"), QStringLiteral("ann-pw-123")}};
        QCOMPARE(s.postJson(QStringLiteral("/auth/login"), login).status, 200);

        QVERIFY(await(accounts.createUser(QStringLiteral("ANN@api.test"), QStringLiteral("x"), QStringLiteral("member"), 0)).error.contains(QStringLiteral("already exists")));
        QVERIFY(await(accounts.createUser(QStringLiteral("bob@api.test"), QStringLiteral("x"), QStringLiteral("king"), 0)).error.contains(QStringLiteral("role must be one of")));
        QCOMPARE(await(accounts.setRole(QStringLiteral("nobody@api.test"), QStringLiteral("member"))).error, QStringLiteral("no user with email nobody@api.test"));
        QCOMPARE(await(accounts.addCoins(QStringLiteral("nobody@api.test"), 3)).error, QStringLiteral("no user with email nobody@api.test"));

        const auto topped = await(accounts.addCoins(QStringLiteral("ann@api.test"), 37));
        QVERIFY2(topped.ok(), qPrintable(topped.error));
        QCOMPARE(topped.value.balance, 42);
        QVERIFY(await(accounts.setRole(QStringLiteral("ann@api.test"), QStringLiteral("premium"))).ok());
        QVERIFY(await(accounts.setBalance(QStringLiteral("ann@api.test"), 7)).ok());
        const QList<sb::UserInfo> users = await(accounts.users());
        QCOMPARE(users.size(), 1);
        QCOMPARE(users[0].role, QStringLiteral("premium"));
        QCOMPARE(users[0].balance, 7);

        // Disabling ends what the user has open.
        const QString session = s.registerAndLogin(QStringLiteral("eve@api.test"), QStringLiteral("eve-pw-123"));
        QWebSocket pop;
        QVERIFY(openSocket(pop, s.ws(QStringLiteral("/"), 3)));
        QSignalSpy popText(&pop, &QWebSocket::textMessageReceived);
        pop.sendTextMessage(QStringLiteral("{\"authorization\":\"Bearer %1\"}").arg(session));
        QTRY_VERIFY(!popText.isEmpty());
        QCOMPARE(popText[0][0].toString(), QStringLiteral("{\"authenticated\":true}"));
        QSignalSpy closed(&pop, &QWebSocket::disconnected);
        QVERIFY(await(accounts.setDisabled(QStringLiteral("eve@api.test"), true)).ok());
        QTRY_COMPARE(closed.size(), 1);  // (await() lets the event loop run: it may be closed already)
        QCOMPARE(int(pop.closeCode()), 1008);
        QCOMPARE(pop.closeReason(), QStringLiteral("access ended: the account is disabled"));

        const auto token = await(accounts.createApiToken(QStringLiteral("bot"), QStringLiteral("private")));
        QVERIFY2(token.ok(), qPrintable(token.error));
        QVERIFY(token.value.startsWith("sbp_"));
        QVERIFY(await(accounts.createApiToken(QStringLiteral("bot"), QStringLiteral("private"))).error.contains(QStringLiteral("already exists")));
        QCOMPARE(await(accounts.apiTokens()).size(), 1);
        QVERIFY(await(accounts.revokeApiToken(QStringLiteral("bot"))).ok());
        QCOMPARE(await(accounts.revokeApiToken(QStringLiteral("bot"))).error, QStringLiteral("no active token named 'bot'"));
        QVERIFY(await(accounts.apiTokens())[0].revoked);
    }

    void aStoppedServerSaysSo()
    {
        TestServer s;
        QVERIFY(s.ok());
        s.host().stop();
        sb::Administration &admin = s.host().admin();
        QCOMPARE(await(admin.accounts().createUser(QStringLiteral("a@b.c"), QStringLiteral("pw"), QStringLiteral("member"), 0)).error,
                 QStringLiteral("the server is not running"));
        QCOMPARE(await(admin.chat().removeSmile(1)).error, QStringLiteral("the chat service is not running"));
        QCOMPARE(await(admin.felix().putDocument(true, QStringLiteral("g"), {})).error, QStringLiteral("the felix service is not running"));
        QVERIFY(await(admin.accounts().users()).isEmpty());
    }

    void smilesAndFelixDocuments()
    {
        TestServer s;
        QVERIFY(s.ok());
        sb::Administration &admin = s.host().admin();

        QVERIFY(await(admin.chat().addSmile("not an image", QStringLiteral("x.txt"), 1)).error.contains(QStringLiteral("PNG, JPEG, GIF or WebP")));
        const auto smile = await(admin.chat().addSmile(kTinyPng, QStringLiteral("dot.png"), 4));
        QVERIFY2(smile.ok(), qPrintable(smile.error));
        QCOMPARE(await(admin.chat().smileImage(smile.value.fileUuid)), kTinyPng);
        QVERIFY(await(admin.chat().setSmilePrice(smile.value.id, 9)).ok());
        QCOMPARE(await(admin.chat().smiles()).value(0).price, 9);
        QCOMPARE(await(admin.chat().setSmilePrice(smile.value.id, -1)).error, QStringLiteral("a price is zero or more coins"));
        QVERIFY(await(admin.chat().removeSmile(smile.value.id)).ok());
        QVERIFY(await(admin.chat().smiles()).isEmpty());
        QCOMPARE(await(admin.chat().removeSmile(smile.value.id)).error, QStringLiteral("there is no such smile"));

        // A felix document put here is pushed to the bot that listens to it.
        const auto bot = await(admin.accounts().createApiToken(QStringLiteral("bot"), QStringLiteral("private")));
        QWebSocket ws;
        QNetworkRequest req(s.ws(QStringLiteral("/"), 2));
        req.setRawHeader("Authorization", bot.value);
        QVERIFY(openSocket(ws, req));
        QSignalSpy pushed(&ws, &QWebSocket::textMessageReceived);
        ws.sendTextMessage(QStringLiteral("{\"code\":20002,\"data\":{\"guilds\":[\"g1\"]}}"));
        QTest::qWait(100);
        QVERIFY(await(admin.felix().putDocument(true, QStringLiteral("g1"), {{QStringLiteral("name"), QStringLiteral("Bakery")}})).ok());
        QTRY_COMPARE(pushed.size(), 1);
        QCOMPARE(QJsonDocument::fromJson(pushed[0][0].toString().toUtf8()).object()[QStringLiteral("data")][QStringLiteral("guildData")][QStringLiteral("name")].toString(), QStringLiteral("Bakery"));
        QCOMPARE(await(admin.felix().documents(true)).value(0).id, QStringLiteral("g1"));
        QVERIFY(await(admin.felix().documents(false)).isEmpty());
        QCOMPARE(await(admin.felix().putDocument(true, QString(), {})).error, QStringLiteral("an id is 1 to 128 characters"));
        QVERIFY(await(admin.felix().removeDocument(true, QStringLiteral("g1"))).ok());
        QTRY_COMPARE(pushed.size(), 2);
        QVERIFY(QJsonDocument::fromJson(pushed[1][0].toString().toUtf8()).object()[QStringLiteral("data")][QStringLiteral("guildData")].isNull());
        QCOMPARE(await(admin.felix().removeDocument(true, QStringLiteral("g1"))).error, QStringLiteral("there is no such document"));
    }

    void listenersAndLimits()
    {
        TestServer s;
        QVERIFY(s.ok());
        sb::ListenersAdmin &listeners = s.host().admin().listeners();
        // A certificate that cannot be loaded changes nothing.
        const auto bad = await(listeners.reconfigureListener(1, 0, sb::TlsFiles{QStringLiteral("/nonexistent/c.pem"), QStringLiteral("/nonexistent/k.pem")}));
        QVERIFY(!bad.ok());
        QVERIFY(!s.host().listeners()[1].tls);
        // A generated one, put in use.
        const auto cert = await(listeners.createCertificate(1));
        QVERIFY2(cert.ok(), qPrintable(cert.error));
        QCOMPARE(cert.value.sha256Fingerprint.size(), 95);  // 32 bytes as AA:BB:…
        QVERIFY(await(listeners.reconfigureListener(1, 0, sb::TlsFiles{cert.value.certificateFile, cert.value.keyFile})).ok());
        QVERIFY(s.host().listeners()[1].tls);
        QCOMPARE(s.host().listeners()[1].certificateFile, cert.value.certificateFile);
        QVERIFY(!await(listeners.createCertificate(9)).ok());

        sb::Limits l = await(listeners.limits(QStringLiteral("generic")));
        l.messagesPerSecond = 3;
        QVERIFY(await(listeners.setLimits(QStringLiteral("generic"), l)).ok());
        QCOMPARE(s.host().limits(QStringLiteral("generic")).messagesPerSecond, 3);
        const auto saved = await(listeners.saveConfig());
        QVERIFY2(saved.ok(), qPrintable(saved.error));
        QVERIFY(saved.value.startsWith(s.dataDir()));

        QVERIFY(await(listeners.stopListener(3)).ok());
        QVERIFY(!s.host().listeners()[3].running);
        QVERIFY(await(listeners.startListener(3)).ok());
        QVERIFY(s.host().listeners()[3].running);
    }

    // A port change that cannot be applied changes nothing: the listener keeps its port and
    // its clients (issue 22 #2: they used to be closed with 1001 before the new port failed).
    // One that works closes the old port's clients only after the new port listens.
    void aListenerChangeThatFailsChangesNothing()
    {
        TestServer s;
        QVERIFY(s.ok());
        sb::ListenersAdmin &listeners = s.host().admin().listeners();
        QWebSocket ws;
        QSignalSpy closed(&ws, &QWebSocket::disconnected);
        QSignalSpy echoed(&ws, &QWebSocket::textMessageReceived);
        ws.open(s.ws(QStringLiteral("/echo")));
        QTRY_COMPARE(ws.state(), QAbstractSocket::ConnectedState);
        const quint16 before = s.host().listeners()[0].port;

        QTcpServer busy;  // another program holds the port asked for
        QVERIFY(busy.listen(QHostAddress::LocalHost, 0));
        const auto refused = await(listeners.reconfigureListener(0, busy.serverPort(), std::nullopt));
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error.contains(QStringLiteral("cannot listen")), qPrintable(refused.error));
        const sb::ListenerStatus st = s.host().listeners()[0];
        QCOMPARE(st.port, before);
        QVERIFY(st.running);
        QVERIFY(st.error.isEmpty());
        ws.sendTextMessage(QStringLiteral("still here"));
        QTRY_COMPARE(echoed.size(), 1);
        QCOMPARE(closed.size(), 0);
        QWebSocket again;  // and the old port still takes new clients
        again.open(s.ws(QStringLiteral("/echo")));
        QTRY_COMPARE(again.state(), QAbstractSocket::ConnectedState);

        const auto moved = await(listeners.reconfigureListener(0, 0, std::nullopt));
        QVERIFY2(moved.ok(), qPrintable(moved.error));
        const quint16 after = s.host().listeners()[0].port;
        QVERIFY(after != 0 && after != before);
        QTRY_COMPARE(closed.size(), 1);
        QCOMPARE(ws.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
        QCOMPARE(ws.closeReason(), QStringLiteral("listener moved"));
        QWebSocket there;
        there.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/echo").arg(after)));
        QTRY_COMPARE(there.state(), QAbstractSocket::ConnectedState);
    }
};

QTEST_MAIN(TestAdminApi)
#include "tst_adminapi.moc"
