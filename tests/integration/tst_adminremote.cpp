// The admin endpoint (docs/admin-api.md) end to end: a real server with its endpoint on
// 127.0.0.1, the desktop app's RemoteNode and raw QWebSockets as clients. Who may attach
// (superusers, employees, admin tokens) and who may not; the streams (snapshot, connections,
// presence, capture with a filter the server applies); administration and its audit log;
// ending access closes the session.
#include "api/apijson.h"
#include "net/tls.h"
#include "rawws.h"
#include "remote/remotenode.h"
#include "serverhost.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QThread>

#include <atomic>
#include <thread>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

using namespace sbtest;
using sb::ui::RemoteNode;
using sb::ui::RemoteTarget;

namespace {

void smallLoginWindow(sb::ServerConfig &c)
{
    c.loginFailuresPerAddress = 3;
}

QUrl adminUrl(TestServer &s)
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(s.host().snapshot().admin.port));
}

RemoteTarget login(TestServer &s, const QString &email, const QString &password)
{
    RemoteTarget t;
    t.url = adminUrl(s);
    t.email = email;
    t.password = password;
    return t;
}

RemoteTarget withToken(TestServer &s, const QString &token)
{
    RemoteTarget t;
    t.url = adminUrl(s);
    t.token = token;
    return t;
}

// Opens the node and waits until it is ready or refused.
bool attach(RemoteNode &node)
{
    node.open();
    return QTest::qWaitFor([&] { return node.state() == RemoteNode::State::Ready || node.state() == RemoteNode::State::Refused; }, 15000)
        && node.state() == RemoteNode::State::Ready;
}

QString sendRaw(QWebSocket &ws, const QJsonObject &msg)
{
    QSignalSpy got(&ws, &QWebSocket::textMessageReceived);
    ws.sendTextMessage(QString::fromUtf8(QJsonDocument(msg).toJson(QJsonDocument::Compact)));
    if (!got.wait(5000))
        return {};
    return got.first().first().toString();
}

// The hello of an admin token, as a raw client sends it.
QByteArray helloWithToken(const QByteArray &token)
{
    const QJsonObject args{{QStringLiteral("version"), 1}, {QStringLiteral("token"), QString::fromLatin1(token)}};
    return QJsonDocument(QJsonObject{{QStringLiteral("id"), 1}, {QStringLiteral("op"), QStringLiteral("hello")}, {QStringLiteral("args"), args}})
        .toJson(QJsonDocument::Compact);
}

void makeUser(TestServer &s, const QString &email, const QString &role)
{
    const auto u = await(s.host().admin().accounts().createUser(email, QStringLiteral("pw-%1").arg(role), role, 0));
    if (!u.ok())
        qFatal("cannot create %s: %s", qPrintable(email), qPrintable(u.error));
}

}  // namespace

class TestAdminRemote : public QObject
{
    Q_OBJECT

private slots:
    void nothingAnswersWithoutCredentials()
    {
        TestServer s;
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QVERIFY(s.host().snapshot().admin.running);
        QWebSocket ws;
        QVERIFY(openSocket(ws, adminUrl(s)));
        const QJsonObject answer = QJsonDocument::fromJson(sendRaw(ws, {{QStringLiteral("id"), 1}, {QStringLiteral("op"), QStringLiteral("users.list")}}).toUtf8()).object();
        QCOMPARE(answer.value(QLatin1String("ok")).toBool(true), false);
        QVERIFY(answer.value(QLatin1String("error")).toString().contains(QStringLiteral("hello")));
        QTRY_COMPARE_WITH_TIMEOUT(ws.state(), QAbstractSocket::UnconnectedState, 5000);
        QCOMPARE(int(ws.closeCode()), 1008);

        QWebSocket noCredentials;
        QVERIFY(openSocket(noCredentials, adminUrl(s)));
        const QString refused = sendRaw(noCredentials, {{QStringLiteral("id"), 1}, {QStringLiteral("op"), QStringLiteral("hello")},
                                                        {QStringLiteral("args"), QJsonObject{{QStringLiteral("version"), 1}}}});
        QVERIFY2(refused.contains(QStringLiteral("credentials required")), qPrintable(refused));

        // A web page cannot drive it: a browser's handshake carries an Origin.
        QWebSocket browser;
        QNetworkRequest req(adminUrl(s));
        req.setRawHeader("Origin", "http://evil.example");
        QVERIFY(!openSocket(browser, req));
    }

    void membersAndOtherTokensAreRefused()
    {
        TestServer s;
        QVERIFY2(s.ok(), qPrintable(s.error()));
        makeUser(s, QStringLiteral("mem@remote.test"), QStringLiteral("member"));
        RemoteNode byPassword(login(s, QStringLiteral("mem@remote.test"), QStringLiteral("pw-member")));
        QVERIFY(!attach(byPassword));
        QCOMPARE(byPassword.state(), RemoteNode::State::Refused);
        QVERIFY2(byPassword.lastError().contains(QStringLiteral("may not administer")), qPrintable(byPassword.lastError()));

        const QString memberToken = s.login(QStringLiteral("mem@remote.test"), QStringLiteral("pw-member"));
        QVERIFY(!memberToken.isEmpty());
        RemoteNode byAccessToken(withToken(s, memberToken));
        QVERIFY(!attach(byAccessToken));
        QVERIFY2(byAccessToken.lastError().contains(QStringLiteral("may not administer")), qPrintable(byAccessToken.lastError()));

        const auto felixToken = await(s.host().admin().accounts().createApiToken(QStringLiteral("bot"), QStringLiteral("private")));
        QVERIFY(felixToken.ok());
        RemoteNode byBotToken(withToken(s, QString::fromLatin1(felixToken.value)));
        QVERIFY(!attach(byBotToken));
        QVERIFY2(byBotToken.lastError().contains(QStringLiteral("needs an admin token")), qPrintable(byBotToken.lastError()));

        RemoteNode wrong(login(s, QStringLiteral("mem@remote.test"), QStringLiteral("nope")));
        QVERIFY(!attach(wrong));
        QCOMPARE(wrong.lastError(), QStringLiteral("wrong email or password"));
        // Nothing of the node was sent to any of them.
        QVERIFY(byPassword.snapshot().listeners.isEmpty());
        QVERIFY(wrong.snapshot().listeners.isEmpty());
    }

    void loginAttemptsAreLimitedPerAddress()
    {
        TestServer s(smallLoginWindow);
        QVERIFY2(s.ok(), qPrintable(s.error()));
        makeUser(s, QStringLiteral("boss@remote.test"), QStringLiteral("superuser"));
        for (int i = 0; i < 3; ++i) {
            RemoteNode guess(login(s, QStringLiteral("boss@remote.test"), QStringLiteral("guess-%1").arg(i)));
            QVERIFY(!attach(guess));
        }
        // The right password is not even checked now.
        RemoteNode right(login(s, QStringLiteral("boss@remote.test"), QStringLiteral("pw-superuser")));
        QVERIFY(!attach(right));
        QVERIFY2(right.lastError().contains(QStringLiteral("too many failed logins")), qPrintable(right.lastError()));
    }

    void watchesConnectionsPresenceAndCapture()
    {
        TestServer s;
        QVERIFY2(s.ok(), qPrintable(s.error()));
        makeUser(s, QStringLiteral("emp@remote.test"), QStringLiteral("employee"));
        RemoteNode node(login(s, QStringLiteral("emp@remote.test"), QStringLiteral("pw-employee")));
        QVERIFY2(attach(node), qPrintable(node.lastError()));
        QCOMPARE(node.who(), QStringLiteral("emp@remote.test"));
        // Ready with the node's snapshot: the tabs built on it know its listeners and services.
        QVERIFY(!node.snapshot().listeners.isEmpty());
        QVERIFY(!node.snapshot().services.isEmpty());
        QCOMPARE(node.snapshot().listeners.size(), s.host().listeners().size());
        QCOMPARE(node.snapshot().listeners[0].port, s.port(0));
        QVERIFY(node.snapshot().pingIntervalMs.contains(QStringLiteral("generic")));

        node.setObserved(true);
        QWebSocket client;
        QVERIFY(openSocket(client, s.ws(QStringLiteral("/echo"))));
        QTRY_VERIFY_WITH_TIMEOUT(!node.connections().isEmpty(), 8000);
        const sb::ConnectionInfo row = node.connections().first();
        QCOMPARE(row.service, QStringLiteral("generic"));

        // Capture, filtered on the node: only the frames with the text travel.
        node.setCapture(QStringLiteral("generic"), true);
        QTRY_VERIFY_WITH_TIMEOUT(s.host().capturing(QStringLiteral("generic")), 5000);
        sb::CaptureFilter filter;
        filter.text = QStringLiteral("needle");
        filter.direction = sb::CaptureRecord::In;
        node.setCaptureFilter(filter);
        QTest::qWait(300);  // the filter is in force before the frames
        QSignalSpy echoed(&client, &QWebSocket::textMessageReceived);
        client.sendTextMessage(QStringLiteral("hay"));
        client.sendTextMessage(QStringLiteral("a needle here"));
        QTRY_COMPARE_WITH_TIMEOUT(echoed.size(), 2, 5000);
        QList<sb::CaptureRecord> got;
        QTRY_VERIFY_WITH_TIMEOUT((got = node.captured(0, 100)).size() >= 1, 5000);
        QTest::qWait(300);
        got = node.captured(0, 100);
        QCOMPARE(got.size(), 1);
        QCOMPARE(got[0].data, QByteArray("a needle here"));
        QCOMPARE(got[0].direction, sb::CaptureRecord::In);
        QCOMPARE(got[0].connection, row.id);

        // Presence: the node's live state, as its own Presence tab shows it.
        QTRY_VERIFY_WITH_TIMEOUT(!node.presence().isEmpty(), 5000);
        QCOMPARE(node.presence().size(), s.host().presence().size());

        // Closed remotely, with the code and reason given.
        QSignalSpy closed(&client, &QWebSocket::disconnected);
        node.closeConnection(row.id, 4001, QStringLiteral("closed by the operator"));
        QVERIFY(closed.wait(5000));
        QCOMPARE(int(client.closeCode()), 4001);
        QCOMPARE(client.closeReason(), QStringLiteral("closed by the operator"));
    }

    void administersAndAudits()
    {
        TestServer s;
        QVERIFY2(s.ok(), qPrintable(s.error()));
        makeUser(s, QStringLiteral("root@remote.test"), QStringLiteral("superuser"));
        RemoteNode node(login(s, QStringLiteral("root@remote.test"), QStringLiteral("pw-superuser")));
        QVERIFY2(attach(node), qPrintable(node.lastError()));

        const auto created = await(node.accounts().createUser(QStringLiteral("new@remote.test"), QStringLiteral("new-pw-1"), QStringLiteral("member"), 12));
        QVERIFY2(created.ok(), qPrintable(created.error));
        QCOMPARE(created.value.balance, 12);
        QCOMPARE(s.postJson(QStringLiteral("/auth/login"), {{QStringLiteral("email"), QStringLiteral("new@remote.test")},
                                                            {QStringLiteral("password"), QStringLiteral("new-pw-1")}}).status, 200);
        const auto again = await(node.accounts().createUser(QStringLiteral("new@remote.test"), QStringLiteral("x"), QStringLiteral("member"), 0));
        QVERIFY(again.error.contains(QStringLiteral("already exists")));
        const auto smile = await(node.chat().addSmile(kTinyPng, QStringLiteral("dot.png"), 3));
        QVERIFY2(smile.ok(), qPrintable(smile.error));
        QCOMPARE(await(s.host().admin().chat().smiles()).size(), 1);
        QCOMPARE(await(node.chat().smileImage(smile.value.fileUuid)), kTinyPng);
        QVERIFY(await(node.felix().putDocument(true, QStringLiteral("g1"), {{QStringLiteral("name"), QStringLiteral("Guild")}})).ok());
        QCOMPARE(await(node.felix().documents(true)).size(), 1);
        const sb::Limits limits = await(node.listeners().limits(QStringLiteral("generic")));
        QCOMPARE(limits.messagesPerSecond, s.host().limits(QStringLiteral("generic")).messagesPerSecond);

        // Every change, and only changes, in the audit log: who, from where, what. (The
        // superuser was made in the desktop app: that is in it too, as the app's.)
        const QList<sb::AuditEntry> audit = await(node.audit().entries(50));
        QCOMPARE(audit.size(), 4);
        QCOMPARE(audit[3].who, QStringLiteral("desktop app"));
        QCOMPARE(audit[3].address, QStringLiteral("this computer"));
        QVERIFY(audit[3].detail.contains(QStringLiteral("root@remote.test")));
        QCOMPARE(audit[2].action, QStringLiteral("users.create"));
        QCOMPARE(audit[2].who, QStringLiteral("root@remote.test"));
        QCOMPARE(audit[2].address, QStringLiteral("127.0.0.1"));
        QVERIFY(audit[2].detail.contains(QStringLiteral("new@remote.test")));
        QCOMPARE(audit[1].action, QStringLiteral("smiles.add"));
        QCOMPARE(audit[0].action, QStringLiteral("felix.put"));
        // The desktop app's own changes are there too, as its own.
        QVERIFY(await(s.host().admin().accounts().addCoins(QStringLiteral("new@remote.test"), 1)).ok());
        const QList<sb::AuditEntry> after = await(node.audit().entries(1));
        QCOMPARE(after.size(), 1);
        QCOMPARE(after[0].who, QStringLiteral("desktop app"));
        QCOMPARE(after[0].action, QStringLiteral("users.add_coins"));
    }

    void adminTokenAttachesUntilRevoked()
    {
        TestServer s;
        QVERIFY2(s.ok(), qPrintable(s.error()));
        const auto token = await(s.host().admin().accounts().createApiToken(QStringLiteral("ops laptop"), QStringLiteral("admin")));
        QVERIFY2(token.ok(), qPrintable(token.error));
        QVERIFY(token.value.startsWith("sba_"));
        RemoteNode node(withToken(s, QString::fromLatin1(token.value)));
        QVERIFY2(attach(node), qPrintable(node.lastError()));
        QCOMPARE(node.who(), QStringLiteral("token ops laptop"));
        QVERIFY(await(node.accounts().users()).isEmpty());
        // An admin token opens nothing else: felix refuses it.
        QWebSocket felix;
        int felixListener = -1;
        for (const sb::ListenerStatus &l : s.host().listeners())
            felixListener = l.services.contains(QStringLiteral("felix")) ? l.id : felixListener;
        QNetworkRequest req(s.ws(QStringLiteral("/"), felixListener));
        req.setRawHeader("Authorization", token.value);
        QVERIFY(!openSocket(felix, req));

        QVERIFY(await(s.host().admin().accounts().revokeApiToken(QStringLiteral("ops laptop"))).ok());
        QTRY_COMPARE_WITH_TIMEOUT(node.state(), RemoteNode::State::Refused, 8000);
        QVERIFY2(node.lastError().contains(QStringLiteral("revoked")), qPrintable(node.lastError()));
    }

    void tlsWithTrustOnFirstUse()
    {
        QTemporaryDir certs;
        QString error;
        const auto cert = sb::generateSelfSigned(certs.path(), {QStringLiteral("127.0.0.1")}, &error);
        QVERIFY2(cert, qPrintable(error));
        TestServer s([&](sb::ServerConfig &c) { c.admin.tls = sb::TlsFiles{cert->certificateFile, cert->keyFile}; });
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QVERIFY(s.host().snapshot().admin.tls);
        makeUser(s, QStringLiteral("root@remote.test"), QStringLiteral("superuser"));
        RemoteTarget target = login(s, QStringLiteral("root@remote.test"), QStringLiteral("pw-superuser"));
        target.url.setScheme(QStringLiteral("wss"));
        // Self-signed: refused until the user trusts that very certificate, shown as the
        // server printed it.
        RemoteNode untrusted(target);
        QVERIFY(!attach(untrusted));
        QVERIFY2(untrusted.lastError().contains(QStringLiteral("not trusted")), qPrintable(untrusted.lastError()));
        QCOMPARE(QString::fromLatin1(untrusted.peerFingerprint()), cert->sha256Fingerprint);
        target.trustedFingerprint = untrusted.peerFingerprint();
        RemoteNode trusted(target);
        QVERIFY2(attach(trusted), qPrintable(trusted.lastError()));
        // Another certificate with the same name is not the one trusted.
        target.trustedFingerprint = QByteArray(cert->sha256Fingerprint.toLatin1()).replace("A", "B").replace("0", "1");
        RemoteNode impostor(target);
        QVERIFY(!attach(impostor));
        // Plain ws:// to a wss:// endpoint does not get anywhere either.
        RemoteNode plain(login(s, QStringLiteral("root@remote.test"), QStringLiteral("pw-superuser")));
        plain.open();
        QTRY_VERIFY_WITH_TIMEOUT(plain.state() == RemoteNode::State::Retrying, 10000);
    }

    void aStalledWatcherIsCutOffNotQueued()
    {
        TestServer s;
        QVERIFY2(s.ok(), qPrintable(s.error()));
        const auto token = await(s.host().admin().accounts().createApiToken(QStringLiteral("ops"), QStringLiteral("admin")));
        QVERIFY(token.ok());
        // A watcher that follows the capture and then stops reading: blocking reads on a
        // thread of its own (the endpoint answers from this thread's event loop).
        std::atomic<int> phase{0};  // 1: following, not reading; 2: read again; 3: done
        qint64 received = 0, dropped = 0;
        const quint16 adminPort = s.host().snapshot().admin.port;
        const QByteArray hello = helloWithToken(token.value);
        std::thread watcher([&] {
            RawWs stalled(adminPort, "/");
            RawFrame f;
            if (!stalled.ok())
                return void(phase = 3);
            stalled.socket().setReadBufferSize(64 * 1024);
            stalled.socket().setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 64 * 1024);
            stalled.sendText(hello);
            if (!stalled.read(&f, 10000) || !QJsonDocument::fromJson(f.payload).object().value(QLatin1String("ok")).toBool())
                return void(phase = 3);
            stalled.sendText(R"({"id":2,"op":"capture.follow","args":{"after":0}})");
            phase = 1;
            while (phase == 1)
                QThread::msleep(10);
            QElapsedTimer t, quiet;  // until the capture events stop (snapshots keep coming)
            t.start();
            quiet.start();
            while (t.elapsed() < 20000 && quiet.elapsed() < 1500 && stalled.read(&f, 2000)) {
                const QJsonObject event = QJsonDocument::fromJson(f.payload).object();
                if (event.value(QLatin1String("event")).toString() == QLatin1String("capture")) {
                    received += event.value(QLatin1String("records")).toArray().size();
                    dropped += event.value(QLatin1String("dropped")).toInteger();
                    quiet.restart();
                }
            }
            phase = 3;
        });
        QTRY_VERIFY_WITH_TIMEOUT(phase != 0, 15000);
        QCOMPARE(phase.load(), 1);
        QTest::qWait(200);  // its capture.follow is in
        s.host().setCapture(QStringLiteral("generic"), true);
        // A watcher that reads, meanwhile.
        RemoteNode healthy(withToken(s, QString::fromLatin1(token.value)));
        QVERIFY(attach(healthy));
        QSignalSpy snapshots(&healthy, &RemoteNode::snapshotUpdated);

        // ~30 MB of capture stream: far more than the stalled watcher's buffers take.
        QWebSocket client;
        QVERIFY(openSocket(client, s.ws(QStringLiteral("/echo"))));
        QSignalSpy echoed(&client, &QWebSocket::textMessageReceived);
        const QString payload(4000, QLatin1Char('x'));
        const int messages = 3000;
        for (int i = 0; i < messages; ++i)
            client.sendTextMessage(payload);
        QTRY_COMPARE_WITH_TIMEOUT(echoed.size(), messages, 60000);
        QTest::qWait(1500);
        QVERIFY2(snapshots.size() >= 1, "the node kept serving the watcher that reads");
        QTRY_VERIFY_WITH_TIMEOUT(healthy.captured(0, 10).size() == 10, 10000);

        // Reading again: the stalled watcher hears how much it missed, and got far less than all.
        phase = 2;
        QTRY_VERIFY_WITH_TIMEOUT(phase == 3, 30000);
        watcher.join();
        QVERIFY2(dropped > 0, qPrintable(QStringLiteral("received %1, dropped %2").arg(received).arg(dropped)));
        QVERIFY2(received < 2 * messages, qPrintable(QStringLiteral("received %1").arg(received)));
    }

    void aClientThatDoesNotReadItsAnswersIsClosed()
    {
        TestServer s;
        QVERIFY2(s.ok(), qPrintable(s.error()));
        const auto token = await(s.host().admin().accounts().createApiToken(QStringLiteral("ops"), QStringLiteral("admin")));
        QVERIFY(token.ok());
        const quint16 adminPort = s.host().snapshot().admin.port;
        const QByteArray hello = helloWithToken(token.value);
        std::atomic<int> closeCode{-2};
        std::thread asker([&] {
            RawWs ws(adminPort, "/");
            RawFrame f;
            if (!ws.ok())
                return void(closeCode = -3);
            ws.socket().setReadBufferSize(64 * 1024);
            ws.sendText(hello);
            if (!ws.read(&f, 10000))
                return void(closeCode = -4);
            // Ask for the snapshot (a few KiB each) far more often than the answers are read.
            QList<RawFrame> burst;
            for (int i = 0; i < 200; ++i)
                burst.append(RawFrame{true, 0, 1, QByteArray(R"({"id":)") + QByteArray::number(i + 2) + R"(,"op":"snapshot.get"})"});
            for (int round = 0; round < 40 && ws.socket().state() == QAbstractSocket::ConnectedState; ++round) {
                ws.sendAll(burst);
                ws.socket().waitForBytesWritten(1000);
                QThread::msleep(20);
            }
            closeCode = ws.readClose(20000);
        });
        QTRY_VERIFY_WITH_TIMEOUT(closeCode != -2, 60000);
        asker.join();
        // Closed (1008, or cut before the close frame got through the answers queued ahead of
        // it); a client kept open would have timed out here (0).
        QVERIFY2(closeCode == 1008 || closeCode == -1, qPrintable(QString::number(closeCode)));
        QCOMPARE(s.host().snapshot().admin.clients, 0);
        RemoteNode next(withToken(s, QString::fromLatin1(token.value)));
        QVERIFY(attach(next));
    }

    void reconnectsWhenTheNodeComesBack()
    {
        TestServer s;
        QVERIFY2(s.ok(), qPrintable(s.error()));
        makeUser(s, QStringLiteral("root@remote.test"), QStringLiteral("superuser"));
        RemoteNode node(login(s, QStringLiteral("root@remote.test"), QStringLiteral("pw-superuser")));
        QVERIFY2(attach(node), qPrintable(node.lastError()));
        node.setCapture(QStringLiteral("generic"), true);
        QTRY_VERIFY_WITH_TIMEOUT(s.host().capturing(QStringLiteral("generic")), 5000);
        {
            QWebSocket client;
            QVERIFY(openSocket(client, s.ws(QStringLiteral("/echo"))));
            client.sendTextMessage(QStringLiteral("before the restart"));
            QTRY_VERIFY_WITH_TIMEOUT(!node.captured(0, 1000).isEmpty() && node.captured(0, 1000).last().data == "before the restart", 5000);
        }
        const quint64 seen = node.captured(0, 1000).last().id;
        const quint16 port = s.host().snapshot().admin.port;
        s.host().stop();
        QTRY_COMPARE_WITH_TIMEOUT(node.state(), RemoteNode::State::Retrying, 5000);
        QVERIFY(!await(node.accounts().users()).size());  // answered at once: not connected
        // The node starts again on the same port; the app finds it by itself.
        sb::ServerConfig c = s.host().config();
        c.admin.port = port;
        sb::ServerHost again(c);
        QString error;
        QVERIFY2(again.start(&error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(node.state(), RemoteNode::State::Ready, 15000);
        // Its capture numbers from 1 again; the app follows it all the same.
        node.setCapture(QStringLiteral("generic"), true);
        QTRY_VERIFY_WITH_TIMEOUT(again.capturing(QStringLiteral("generic")), 5000);
        QWebSocket client;
        int generic = -1;
        for (const sb::ListenerStatus &l : again.listeners())
            generic = l.services.contains(QStringLiteral("generic")) ? l.port : generic;
        QVERIFY(openSocket(client, QUrl(QStringLiteral("ws://127.0.0.1:%1/echo").arg(generic))));
        client.sendTextMessage(QStringLiteral("after the restart"));
        auto sawIt = [&] {
            for (const sb::CaptureRecord &r : node.captured(seen, 1000))
                if (r.data == "after the restart")
                    return true;
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(sawIt(), 5000);
        again.stop();
    }
};

QTEST_GUILESS_MAIN(TestAdminRemote)
#include "tst_adminremote.moc"
