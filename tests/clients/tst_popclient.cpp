// The pop client without any widget (QCoreApplication): a wrong password is answered, two
// members log in and authenticate, share a group and see each other's typing state, a view
// count is stored and a malformed one refused with the server's reason; a session id alone
// (no login) connects too, and an empty one says what to do.
#include "clients/clientsocket.h"
#include "clients/popclient.h"

#include "accounts/accountstore.h"
#include "testserver.h"

#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace sbtest;
using sb::ui::PopClient;

class TestPopClient : public QObject
{
    Q_OBJECT
private slots:
    void groupStateAndViews()
    {
        TestServer s;
        QVERIFY(s.ok());
        sb::AccountStore::Error err{};
        QVERIFY(s.host().accounts().createUser(QStringLiteral("ann@pop.test"), QStringLiteral("pw-ann-123"), QStringLiteral("member"), 0, &err));
        QVERIFY(s.host().accounts().createUser(QStringLiteral("ben@pop.test"), QStringLiteral("pw-ben-123"), QStringLiteral("member"), 0, &err));
        // The pop listener is the fourth of the test server's listeners; accounts are on the first.
        PopClient ann, ben;
        for (PopClient *c : {&ann, &ben})
            c->setServers(s.http(QStringLiteral("/"), 3), s.http(QStringLiteral("/")));

        QSignalSpy login(&ann, &PopClient::loggedIn);
        QSignalSpy annState(&ann, &PopClient::stateChanged);
        ann.logIn(QStringLiteral("ann@pop.test"), QStringLiteral("wrong"));
        QVERIFY(login.wait(10000));
        QCOMPARE(login.last().at(0).toBool(), false);
        QCOMPARE(annState.last().at(0).toString(), QStringLiteral("Wrong email or password"));
        QVERIFY(!ann.connectToServer(QString()));
        QCOMPARE(annState.last().at(0).toString(), QStringLiteral("Log in first, or paste a session id"));

        ann.logIn(QStringLiteral("ann@pop.test"), QStringLiteral("pw-ann-123"));
        QVERIFY(login.wait(10000));
        QCOMPARE(login.last().at(0).toBool(), true);
        QVERIFY(!ann.sessionId().isEmpty());
        // Ben pastes a session id instead of logging in.
        const QString benSession = s.login(QStringLiteral("ben@pop.test"), QStringLiteral("pw-ben-123"));
        QVERIFY(ben.connectToServer(benSession));
        QTRY_VERIFY_WITH_TIMEOUT(ann.authenticated() && ben.authenticated(), 10000);

        // Both in group 7 (each waits for its own echo: then the server has it in the group);
        // Ann types and Ben sees it.
        QSignalSpy benStates(&ben, &PopClient::stateReceived);
        QSignalSpy annStates(&ann, &PopClient::stateReceived);
        QVERIFY(ben.sendState(7, false));
        QVERIFY(benStates.wait(5000));
        QVERIFY(ann.sendState(7, false));
        QTRY_VERIFY(annStates.count() >= 1);
        QVERIFY(ann.sendState(7, true));
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(benStates.cbegin(), benStates.cend(),
                                             [](const QList<QVariant> &a) {
                                                 const QJsonObject o = a.at(0).toJsonObject();
                                                 return o.value(QStringLiteral("is_typing")).toBool() && o.value(QStringLiteral("active_group_id")).toInt() == 7;
                                             }),
                                 5000);

        // View counts: stored; a malformed content id refused with the server's reason.
        QSignalSpy views(&ann, &PopClient::viewsAnswered);
        QVERIFY(ann.reportViews(QUuid::createUuid().toString(QUuid::WithoutBraces), 3));
        QVERIFY(views.wait(5000));
        QCOMPARE(views.last().at(0).toBool(), true);
        QVERIFY(ann.reportViews(QStringLiteral("not-a-uuid"), 3));
        QVERIFY(views.wait(5000));
        QCOMPARE(views.last().at(0).toBool(), false);
        QVERIFY(!views.last().at(1).toString().isEmpty());

        // Leaving: no longer authenticated, nothing more is sent.
        QSignalSpy gone(&ann, &PopClient::authenticatedChanged);
        ann.disconnectFromServer();
        QVERIFY(gone.count() || gone.wait(5000));
        QCOMPARE(gone.last().at(0).toBool(), false);
        QVERIFY(!ann.reportViews(QUuid::createUuid().toString(QUuid::WithoutBraces), 1));
    }

    // Issue 22 (7): the server moves (here: the pop listener to another port); a socket
    // waiting to reconnect goes to the new place when told, not to the old one forever.
    void followsTheServerWhenItMoves()
    {
        TestServer s;
        QVERIFY(s.ok());
        const QString session = s.registerAndLogin(QStringLiteral("cat@pop.test"), QStringLiteral("pw-cat-123"));
        QVERIFY(!session.isEmpty());
        PopClient cat;
        cat.setServers(s.http(QStringLiteral("/"), 3), s.http(QStringLiteral("/")));
        QVERIFY(cat.connectToServer(session));
        QTRY_VERIFY_WITH_TIMEOUT(cat.authenticated(), 10000);
        const quint16 before = s.port(3);
        QString error;
        QVERIFY2(s.host().reconfigureListener(3, 0, std::nullopt, &error), qPrintable(error));
        QVERIFY(s.port(3) != before);
        QTRY_VERIFY_WITH_TIMEOUT(!cat.socket()->isOpen(), 5000);  // 1001: it will retry
        QVERIFY(cat.socket()->isActive());
        cat.setServers(s.http(QStringLiteral("/"), 3), s.http(QStringLiteral("/")));
        QTRY_VERIFY_WITH_TIMEOUT(cat.socket()->isOpen(), 10000);
        QCOMPARE(cat.socket()->socket().requestUrl().port(), int(s.port(3)));
        QTRY_VERIFY_WITH_TIMEOUT(cat.authenticated(), 10000);
    }
};

QTEST_GUILESS_MAIN(TestPopClient)
#include "tst_popclient.moc"
