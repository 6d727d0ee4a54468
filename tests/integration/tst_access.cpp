// Ending access ends it (SPEC §8): logout, disable and API token revocation close the sockets
// opened with that access on every service (chat, pop, generic rooms by cookie, ticket and
// Basic, felix), outstanding tickets die with the access token that issued them, a change
// made by another process is noticed within a second or two, and a role change takes effect
// on the next message of an open chat socket.
#include "accounts/accountstore.h"
#include "services/descriptor.h"
#include "store/database.h"
#include "testserver.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

using namespace sbtest;

namespace {
// A socket that records how it ended.
struct Client {
    std::unique_ptr<QWebSocket> ws = std::make_unique<QWebSocket>();
    QStringList texts;
    int closeCode = -1;
    QString closeReason;
    bool closed = false;
    Client()
    {
        QObject::connect(ws.get(), &QWebSocket::textMessageReceived, ws.get(), [this](const QString &m) { texts.append(m); });
        QObject::connect(ws.get(), &QWebSocket::disconnected, ws.get(), [this] {
            closed = true;
            closeCode = ws->closeCode();
            closeReason = ws->closeReason();
        });
    }
    ~Client()
    {
        if (ws)
            ws->abort();
    }
    bool open(const QNetworkRequest &r)
    {
        QSignalSpy connected(ws.get(), &QWebSocket::connected);
        ws->open(r);
        return connected.wait(5000);
    }
    bool waitText(const QString &needle, int ms = 5000)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < ms) {
            for (const QString &s : texts) {
                if (s.contains(needle))
                    return true;
            }
            QTest::qWait(20);
        }
        return false;
    }
};

QNetworkRequest withHeader(const QUrl &url, const QByteArray &name, const QByteArray &value)
{
    QNetworkRequest r(url);
    r.setRawHeader(name, value);
    return r;
}
}  // namespace

class TestAccess : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestServer> server;
    int popListener = -1, felixListener = -1;
    qint64 otherId = 0;

    int listenerOf(const QString &service)
    {
        for (const auto &l : server->host().listeners()) {
            if (l.services.contains(service))
                return l.id;
        }
        return -1;
    }
    qint64 idOf(const QString &email) { return server->host().accounts().userByEmail(email)->id; }
    // Chat socket, authenticated with `token`, talking to the other member.
    bool openChat(Client &c, const QString &token)
    {
        if (!c.open(QNetworkRequest(server->ws(QStringLiteral("/members/chat/?other_member_id=%1").arg(otherId)))))
            return false;
        c.ws->sendTextMessage(QStringLiteral("Bearer ") + token);
        return c.waitText(QStringLiteral("["), 5000) || !c.texts.isEmpty();
    }
    bool openPop(Client &c, const QString &token)
    {
        if (!c.open(QNetworkRequest(server->ws(QStringLiteral("/"), popListener))))
            return false;
        c.ws->sendTextMessage(QStringLiteral("{\"authorization\":\"Bearer %1\"}").arg(token));
        return c.waitText(QStringLiteral("\"authenticated\":true"));
    }
    QString ticketFor(const QString &token)
    {
        const HttpResult r = server->post(QStringLiteral("/auth/ticket"), {}, {{"Authorization", "Bearer " + token.toLatin1()}});
        return r.json().value(QStringLiteral("ticket")).toString();
    }
    static bool waitClosed(Client &c, int ms = 5000)
    {
        QElapsedTimer t;
        t.start();
        while (!c.closed && t.elapsed() < ms)
            QTest::qWait(20);
        return c.closed;
    }

private slots:
    void initTestCase()
    {
        server = std::make_unique<TestServer>([](sb::ServerConfig &c) { c.workers = 2; });
        QVERIFY2(server->ok(), qPrintable(server->error()));
        popListener = listenerOf(QStringLiteral("pop"));
        felixListener = listenerOf(QStringLiteral("felix"));
        QVERIFY(!server->registerAndLogin(QStringLiteral("other@mail.com"), QStringLiteral("pw")).isEmpty());
        otherId = idOf(QStringLiteral("other@mail.com"));
    }
    void cleanupTestCase() { server.reset(); }

    void logoutClosesWhatTheTokenOpened()
    {
        const QString token = server->registerAndLogin(QStringLiteral("leaver@mail.com"), QStringLiteral("pw"));
        const QString second = server->registerAndLogin(QStringLiteral("leaver@mail.com"), QStringLiteral("pw"));  // another device
        QVERIFY(!token.isEmpty() && !second.isEmpty());
        Client chat, pop, room, ticketRoom, otherDevice;
        QVERIFY(openChat(chat, token));
        QVERIFY(openPop(pop, token));
        QVERIFY(room.open(withHeader(server->ws(QStringLiteral("/chat/lobby")), "Cookie", "sb_session=" + token.toLatin1())));
        QVERIFY(ticketRoom.open(QNetworkRequest(server->ws(QStringLiteral("/chat/lobby?ticket=") + ticketFor(token)))));
        QVERIFY(openChat(otherDevice, second));
        const QString unused = ticketFor(token);
        QVERIFY(!unused.isEmpty());

        const HttpResult out = server->post(QStringLiteral("/auth/logout"), {}, {{"Authorization", "Bearer " + token.toLatin1()}});
        QCOMPARE(out.status, 200);
        for (Client *c : {&chat, &pop, &room, &ticketRoom}) {
            QVERIFY(waitClosed(*c));
            QCOMPARE(c->closeCode, 1008);
            QCOMPARE(c->closeReason, QStringLiteral("access ended: logged out"));
        }
        // The same user's other session is untouched.
        QTest::qWait(200);
        QVERIFY(!otherDevice.closed);
        // A ticket issued before the logout is dead with it.
        Client late;
        late.ws->open(QNetworkRequest(server->ws(QStringLiteral("/chat/lobby?ticket=") + unused)));
        QTRY_VERIFY_WITH_TIMEOUT(late.closed || late.ws->state() == QAbstractSocket::UnconnectedState, 5000);
        QVERIFY(late.ws->state() != QAbstractSocket::ConnectedState);
        const QByteArray raw = rawExchange(server->port(), upgradeRequest("/chat/lobby?ticket=" + unused.toLatin1()));
        QCOMPARE(statusOf(raw), 403);
    }

    void disableClosesEverySocketOfTheUser()
    {
        const QString token = server->registerAndLogin(QStringLiteral("banned@mail.com"), QStringLiteral("pw"));
        QVERIFY(!token.isEmpty());
        Client chat, pop, basic, cookie;
        QVERIFY(openChat(chat, token));
        QVERIFY(openPop(pop, token));
        QVERIFY(basic.open(withHeader(server->ws(QStringLiteral("/chat/lobby")), "Authorization",
                                      "Basic " + QByteArray("banned@mail.com:pw").toBase64())));
        QVERIFY(cookie.open(withHeader(server->ws(QStringLiteral("/chat/lobby")), "Cookie", "sb_session=" + token.toLatin1())));
        const QString ticket = ticketFor(token);
        sb::AccountStore::Error err;
        QVERIFY(server->host().accounts().setDisabled(QStringLiteral("banned@mail.com"), true, &err));
        for (Client *c : {&chat, &pop, &basic, &cookie}) {
            QVERIFY(waitClosed(*c));
            QCOMPARE(c->closeCode, 1008);
            QCOMPARE(c->closeReason, QStringLiteral("access ended: the account is disabled"));
        }
        QCOMPARE(statusOf(rawExchange(server->port(), upgradeRequest("/chat/lobby?ticket=" + ticket.toLatin1()))), 403);
        QVERIFY(server->host().accounts().setDisabled(QStringLiteral("banned@mail.com"), false, &err));
        // Enabled again: the ticket stays dead, a new login works.
        QCOMPARE(statusOf(rawExchange(server->port(), upgradeRequest("/chat/lobby?ticket=" + ticket.toLatin1()))), 403);
        Client again;
        QVERIFY(openPop(again, server->registerAndLogin(QStringLiteral("banned@mail.com"), QStringLiteral("pw"))));
    }

    void revokedApiTokenClosesFelix()
    {
        sb::AccountStore::Error err;
        const QByteArray token = server->host().accounts().createApiToken(QStringLiteral("doomed"), QStringLiteral("private"), &err);
        const QByteArray kept = server->host().accounts().createApiToken(QStringLiteral("kept"), QStringLiteral("private"), &err);
        Client bot, other;
        QVERIFY(bot.open(withHeader(server->ws(QStringLiteral("/"), felixListener), "Authorization", token)));
        QVERIFY(other.open(withHeader(server->ws(QStringLiteral("/"), felixListener), "Authorization", kept)));
        QVERIFY(server->host().accounts().revokeApiToken(QStringLiteral("doomed"), &err));
        QVERIFY(waitClosed(bot));
        QCOMPARE(bot.closeCode, 1008);
        QCOMPARE(bot.closeReason, QStringLiteral("access ended: the API token is revoked"));
        QTest::qWait(200);
        QVERIFY(!other.closed);
    }

    void changeByAnotherProcessIsNoticed()
    {
        // What `switchboardd user disable` does while the server runs: its own connection to
        // the same database, no way to tell the server but the database.
        const QString token = server->registerAndLogin(QStringLiteral("remote@mail.com"), QStringLiteral("pw"));
        Client pop;
        QVERIFY(openPop(pop, token));
        // The same store the server uses (SQLite, or PostgreSQL in the cluster label).
        std::unique_ptr<sb::Database> own = sb::makeDatabase(server->host().config());
        sb::Database &db = *own;
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        {
            sb::AccountStore cli(db, 30, 30);
            sb::AccountStore::Error err;
            QVERIFY(cli.setDisabled(QStringLiteral("remote@mail.com"), true, &err));
        }
        db.closeThisThread();
        QVERIFY(waitClosed(pop, 4000));
        QCOMPARE(pop.closeCode, 1008);
    }

    void roleChangeTakesEffectOnTheNextMessage()
    {
        const QString token = server->registerAndLogin(QStringLiteral("climber@mail.com"), QStringLiteral("pw"));
        sb::AccountStore::Error err;
        QVERIFY(server->host().accounts().setBalance(QStringLiteral("climber@mail.com"), 20, &err));
        Client chat;
        QVERIFY(openChat(chat, token));
        auto balance = [&] { return server->host().accounts().userByEmail(QStringLiteral("climber@mail.com"))->balance; };
        chat.ws->sendTextMessage(QStringLiteral("as a member"));
        QVERIFY(chat.waitText(QStringLiteral("as a member")));
        QCOMPARE(balance(), 15);
        QVERIFY(server->host().accounts().setRole(QStringLiteral("climber@mail.com"), QStringLiteral("premium"), &err));
        chat.ws->sendTextMessage(QStringLiteral("as premium"));
        QVERIFY(chat.waitText(QStringLiteral("as premium")));
        QCOMPARE(balance(), 15);  // free now, on the same socket
        QVERIFY(server->host().accounts().setRole(QStringLiteral("climber@mail.com"), QStringLiteral("member"), &err));
        chat.ws->sendTextMessage(QStringLiteral("member again"));
        QVERIFY(chat.waitText(QStringLiteral("member again")));
        QCOMPARE(balance(), 10);
        QVERIFY(!chat.closed);
    }
};

QTEST_GUILESS_MAIN(TestAccess)
#include "tst_access.moc"
