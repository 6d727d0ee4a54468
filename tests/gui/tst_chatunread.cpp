// Unread messages in the chat client (docs/chat.md, "Unread messages"), offscreen against a
// real server: a conversation that is not on screen gets a bold count in the member list and
// on the Chat tab, and a notification while the chat is out of sight; opening it reads it on
// the server too, and messages arriving in the open conversation are read as they come.
#include "clients/chatclient.h"
#include "clients/chatclientwidget.h"
#include "clients/clientswidget.h"
#include "accounts/accountstore.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

using namespace sbtest;
using namespace sb::ui;

class TestChatUnread : public QObject
{
    Q_OBJECT
private:
    // What the server says: messages from `from` that `token`'s member has not read.
    static int unreadOnServer(TestServer &s, const QString &token, qint64 from)
    {
        const HttpResult r = s.get(QStringLiteral("/members"), {{"Authorization", "Bearer " + token.toLatin1()}});
        for (const QJsonValue &v : QJsonDocument::fromJson(r.body).array()) {
            if (v.toObject().value(QStringLiteral("id")).toInteger() == from)
                return int(v.toObject().value(QStringLiteral("unread")).toInteger(-1));
        }
        return -2;
    }
    static QListWidgetItem *itemOf(ChatClientWidget *w, qint64 id)
    {
        for (int i = 0; i < w->memberList()->count(); ++i) {
            if (w->memberList()->item(i)->data(Qt::UserRole).toLongLong() == id)
                return w->memberList()->item(i);
        }
        return nullptr;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void conversationsNotOnScreenCountAndNotify()
    {
        TestServer s;
        QVERIFY(s.ok());
        sb::AccountStore::Error err{};
        const auto ann = s.host().accounts().createUser(QStringLiteral("ann@unread.test"), QStringLiteral("ann-pw-1234"),
                                                        QStringLiteral("member"), 100, &err);
        const auto ben = s.host().accounts().createUser(QStringLiteral("ben@unread.test"), QStringLiteral("ben-pw-1234"),
                                                        QStringLiteral("member"), 0, &err);
        QVERIFY(ann && ben);
        const QString benToken = s.login(QStringLiteral("ben@unread.test"), QStringLiteral("ben-pw-1234"));

        ClientsWidget window(s.host());
        window.resize(1000, 700);
        window.show();
        ChatClientWidget *b = window.embedded()->chat();
        auto *tabs = window.embedded()->findChild<QTabWidget *>();
        QVERIFY(tabs);
        QSignalSpy benMembers(b->client(), &ChatClient::membersLoaded);
        b->client()->logIn(QStringLiteral("ben@unread.test"), QStringLiteral("ben-pw-1234"));
        QVERIFY(benMembers.wait(10000));
        QVERIFY(itemOf(b, ann->id));
        QCOMPARE(itemOf(b, ann->id)->text(), QStringLiteral("ann"));
        tabs->setCurrentIndex(1);  // Ben looks at the channels client: the chat is out of sight
        QVERIFY(!b->isVisible());

        ChatClient a;  // Ann writes from another program
        a.setServer(s.http(QStringLiteral("/")));
        QSignalSpy annOpen(&a, &ChatClient::conversationOpened);
        a.logIn(QStringLiteral("ann@unread.test"), QStringLiteral("ann-pw-1234"));
        QTRY_VERIFY(a.loggedInNow());
        a.openConversation(ben->id);
        QVERIFY(annOpen.wait(5000));
        QSignalSpy notify(b, &ChatClientWidget::notify);
        QSignalSpy stored(&a, &ChatClient::messageReceived);
        QVERIFY(a.sendText(QStringLiteral("are you there?")));
        QVERIFY(a.sendText(QStringLiteral("hello?")));
        QTRY_COMPARE(stored.count(), 2);

        // Ben's client finds them on its next poll.
        QTRY_VERIFY_WITH_TIMEOUT(notify.count() >= 1, ChatClient::kBalancePollMs * 2 + 1000);
        QCOMPARE(notify.last().at(0).toString(), QStringLiteral("New message from ann"));
        QCOMPARE(notify.last().at(1).toString(), QStringLiteral("2 unread message(s)"));
        QCOMPARE(itemOf(b, ann->id)->text(), QStringLiteral("ann (2)"));
        QVERIFY(itemOf(b, ann->id)->font().bold());
        QCOMPARE(tabs->tabText(tabs->indexOf(b)), QStringLiteral("Chat (2)"));
        QCOMPARE(b->client()->unreadTotal(), 2);
        QCOMPARE(unreadOnServer(s, benToken, ann->id), 2);
        QTest::qWait(ChatClient::kBalancePollMs + 500);
        QCOMPARE(notify.count(), 1);  // a poll that finds nothing new says nothing

        // Ben opens the conversation: read here and on the server.
        tabs->setCurrentWidget(b);
        QSignalSpy benOpen(b->client(), &ChatClient::conversationOpened);
        QTest::mouseClick(b->memberList()->viewport(), Qt::LeftButton, {}, b->memberList()->visualItemRect(itemOf(b, ann->id)).center());
        QVERIFY(benOpen.wait(5000));
        QCOMPARE(b->client()->messages().size(), 2);
        QCOMPARE(itemOf(b, ann->id)->text(), QStringLiteral("ann"));
        QVERIFY(!itemOf(b, ann->id)->font().bold());
        QCOMPARE(tabs->tabText(tabs->indexOf(b)), QStringLiteral("Chat"));
        QTRY_COMPARE(unreadOnServer(s, benToken, ann->id), 0);

        // A message into the open conversation is shown, so it is read as it arrives.
        QSignalSpy benGot(b->client(), &ChatClient::messageReceived);
        QVERIFY(a.sendText(QStringLiteral("there you are")));
        QVERIFY(benGot.wait(5000));
        QTRY_COMPARE(unreadOnServer(s, benToken, ann->id), 0);
        QTest::qWait(ChatClient::kBalancePollMs + 500);
        QCOMPARE(itemOf(b, ann->id)->text(), QStringLiteral("ann"));
        QCOMPARE(unreadOnServer(s, benToken, ann->id), 0);
    }
};

QTEST_MAIN(TestChatUnread)
#include "tst_chatunread.moc"
