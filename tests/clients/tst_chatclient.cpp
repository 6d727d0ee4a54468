// The member chat client without any widget (QCoreApplication): two members register, find
// each other, are refused for lack of coins and told why, chat, send a smile (its picture
// arrives) and a file with a caption (its name and size arrive, the saved copy is
// identical), page back through history; sending with no conversation open says so.
#include "clients/chatclient.h"
#include "clients/clientsocket.h"

#include "accounts/accountstore.h"
#include "services/chat/chatservice.h"
#include "testserver.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace sbtest;
using sb::ui::ChatClient;

namespace {

// Registers and logs in `email`; true once the client knows its own id.
bool join(ChatClient &c, const TestServer &s, const QString &email)
{
    c.setServer(s.http(QStringLiteral("/")));
    QSignalSpy in(&c, &ChatClient::loggedIn);
    c.registerAccount(email, QStringLiteral("pw-") + email);
    if (!in.wait(10000) || !in.last().at(0).toBool())
        return false;
    return QTest::qWaitFor([&c] { return c.userId() > 0; }, 5000);
}

qint64 idOf(const ChatClient &c, const QString &shown)
{
    for (const sb::ui::ChatMember &m : c.members()) {
        if (m.shown == shown)
            return m.id;
    }
    return 0;
}

}  // namespace

class TestChatClient : public QObject
{
    Q_OBJECT
private slots:
    void twoMembersChat()
    {
        TestServer s([](sb::ServerConfig &c) { c.services[QStringLiteral("chat")].edit<sb::chat::ChatSettings>().historyLimit = 3; });
        QVERIFY(s.ok());
        sb::AccountStore::Error err{};
        QVERIFY(s.host().accounts().createUser(QStringLiteral("boss@client.test"), QStringLiteral("boss-pw-123"), QStringLiteral("superuser"), 0, &err));
        const QString boss = s.login(QStringLiteral("boss@client.test"), QStringLiteral("boss-pw-123"));
        QCOMPARE(s.uploadSmile(boss, kTinyPng).status, 201);

        ChatClient ann, ben;
        QVERIFY(join(ann, s, QStringLiteral("ann@client.test")));
        QVERIFY(join(ben, s, QStringLiteral("ben@client.test")));
        QCOMPARE(ann.role(), QStringLiteral("member"));
        QCOMPARE(ann.balance(), 0);

        // A wrong password is a plain answer, not a hang.
        {
            ChatClient wrong;
            wrong.setServer(s.http(QStringLiteral("/")));
            QSignalSpy in(&wrong, &ChatClient::loggedIn);
            QSignalSpy state(&wrong, &ChatClient::stateChanged);
            wrong.logIn(QStringLiteral("ann@client.test"), QStringLiteral("nope"));
            QVERIFY(in.wait(10000));
            QCOMPARE(in.last().at(0).toBool(), false);
            QCOMPARE(state.last().at(0).toString(), QStringLiteral("Wrong email or password"));
            // Nothing is open: sending says what to do first.
            QSignalSpy problem(&wrong, &ChatClient::problem);
            QVERIFY(!wrong.sendText(QStringLiteral("hello")));
            QVERIFY(problem.last().at(0).toString().startsWith(QStringLiteral("Pick a member first")));
        }

        // Members see each other's names, not emails.
        QSignalSpy members(&ann, &ChatClient::membersLoaded);
        ann.refreshMembers();
        QVERIFY(members.wait(5000));
        const qint64 benId = idOf(ann, QStringLiteral("ben"));
        QCOMPARE(benId, ben.userId());
        QSignalSpy annOpen(&ann, &ChatClient::conversationOpened);
        QSignalSpy benOpen(&ben, &ChatClient::conversationOpened);
        ann.openConversation(benId);
        ben.openConversation(ann.userId());
        QVERIFY(annOpen.wait(5000));
        QVERIFY(benOpen.count() || benOpen.wait(5000));

        // No coins: refused with the seed's code, and the user is told what to do.
        QSignalSpy annErrors(&ann, &ChatClient::errorReceived);
        QSignalSpy annProblem(&ann, &ChatClient::problem);
        QVERIFY(ann.sendText(QStringLiteral("hello?")));
        QVERIFY(annErrors.wait(5000));
        QCOMPARE(annErrors.last().at(0).toString(), QStringLiteral("INSUFFICIENT_BALANCE"));
        QVERIFY(annProblem.last().at(0).toString().startsWith(QStringLiteral("Not enough coins")));

        QVERIFY(s.host().accounts().setBalance(QStringLiteral("ann@client.test"), 100, &err));
        QSignalSpy benGot(&ben, &ChatClient::messageReceived);
        QVERIFY(ann.sendText(QStringLiteral("Hallo Ben")));
        QVERIFY(benGot.wait(5000));
        QCOMPARE(benGot.last().at(0).toJsonObject().value(QStringLiteral("text")).toString(), QStringLiteral("Hallo Ben"));
        QCOMPARE(ben.messages().last().value(QStringLiteral("member_id")).toInteger(), ann.userId());
        QTRY_COMPARE(ann.balance(), 95);  // the charge shows
        QCOMPARE(ben.memberName(ann.userId()), QStringLiteral("ann"));

        // A smile: the message names its picture, which the client fetches.
        QSignalSpy pictures(&ben, &ChatClient::fileBytes);
        QSignalSpy smiles(&ann, &ChatClient::smilesLoaded);
        ann.refreshSmiles();
        QVERIFY(smiles.wait(5000));
        QCOMPARE(ann.smiles().size(), 1);
        QVERIFY(ann.sendSmile(ann.smiles().first().id));
        QVERIFY(benGot.wait(5000));
        QCOMPARE(benGot.last().at(0).toJsonObject().value(QStringLiteral("type")).toString(), QStringLiteral("smile"));
        QTRY_COMPARE(pictures.count(), 1);
        QCOMPARE(pictures.last().at(0).toString(), ann.smiles().first().fileUuid);
        QCOMPARE(pictures.last().at(1).toByteArray(), kTinyPng);

        // A file with a caption: read off the thread, with progress; name and size arrive.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("notes.txt"));
        const QByteArray content = writeNumberedLines(path, 20000);
        QVERIFY(!content.isEmpty());
        QSignalSpy progress(&ann, &ChatClient::progress);
        QVERIFY(ann.sendFile(path, QStringLiteral("see attached")));
        QVERIFY(benGot.wait(5000));
        const QJsonObject file = benGot.last().at(0).toJsonObject();
        QCOMPARE(file.value(QStringLiteral("type")).toString(), QStringLiteral("file"));
        QCOMPARE(file.value(QStringLiteral("text")).toString(), QStringLiteral("see attached"));
        QTRY_COMPARE(progress.last().at(1).toInt(), -1);  // over
        const QString uuid = file.value(QStringLiteral("file_uuid")).toString();
        QTRY_VERIFY(ben.fileInfo(uuid).startsWith(QStringLiteral("notes.txt (")));
        QSignalSpy saved(&ben, &ChatClient::fileSaved);
        const QString copy = dir.filePath(QStringLiteral("copy.txt"));
        ben.saveFile(uuid, copy);
        QVERIFY(saved.wait(5000));
        QCOMPARE(saved.last().at(1).toBool(), true);
        QFile c(copy);
        QVERIFY(c.open(QIODevice::ReadOnly));
        QCOMPARE(c.readAll(), content);

        // History: opening shows the last 3; an older page brings the one before.
        QVERIFY(ann.sendText(QStringLiteral("four")));
        QVERIFY(benGot.wait(5000));
        QSignalSpy reopened(&ben, &ChatClient::conversationOpened);
        ben.openConversation(ann.userId());
        QVERIFY(reopened.wait(5000));
        QCOMPARE(ben.messages().size(), 3);
        QCOMPARE(ben.messages().first().value(QStringLiteral("type")).toString(), QStringLiteral("smile"));
        ben.loadOlder();
        QTRY_COMPARE(ben.messages().size(), 4);
        QCOMPARE(ben.messages().first().value(QStringLiteral("text")).toString(), QStringLiteral("Hallo Ben"));
        QCOMPARE(ben.messages().last().value(QStringLiteral("text")).toString(), QStringLiteral("four"));
    }
};

QTEST_GUILESS_MAIN(TestChatClient)
#include "tst_chatclient.moc"
