// The protocol client panels, offscreen, driven through their widgets (key clicks and
// mouse clicks) against a real server: channels join/presence/emit/ACK/408 and a
// PING_TIMEOUT with auto-PONG off; felix 403, status and subscriptions with live updates;
// pop login, group state between two clients and view counts; remote server profiles
// remembered; reconnect after the server went away.
#include "services/chat/chatservice.h"
#include "clients/channelsclient.h"
#include "clients/channelsclientwidget.h"
#include "clients/chatclient.h"
#include "clients/chatclientwidget.h"
#include "clients/clientsocket.h"
#include "clients/clientswidget.h"
#include "clients/felixclient.h"
#include "clients/felixclientwidget.h"
#include "clients/popclient.h"
#include "clients/popclientwidget.h"
#include "accounts/accountstore.h"
#include "testserver.h"

#include <QCheckBox>
#include <QListWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QToolButton>
#include <QJsonDocument>
#include <QJsonObject>
#include <QComboBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QApplication>
#include <QDropEvent>
#include <QMimeData>

using namespace sbtest;
using namespace sb::ui;

namespace {

QPushButton *button(QWidget *w, const QString &text)
{
    for (QPushButton *b : w->findChildren<QPushButton *>()) {
        if (b->text() == text)
            return b;
    }
    return nullptr;
}

// SB_SCREENSHOTS=DIR saves pictures of the panels in use (docs/screenshots).
void snapshot(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("SB_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    w->resize(1100, 720);
    QTest::qWait(50);
    w->grab().save(dir + QLatin1Char('/') + name);
}

void type(QLineEdit *edit, const QString &text)
{
    edit->clear();
    QTest::keyClicks(edit, text);
}

}  // namespace

class TestClients : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void chatBetweenTwoMembers()
    {
        TestServer s([](sb::ServerConfig &c) { c.services[QStringLiteral("chat")].edit<sb::chat::ChatSettings>().historyLimit = 3; });
        QVERIFY(s.ok());
        sb::AccountStore::Error err{};
        QVERIFY(s.host().accounts().createUser(QStringLiteral("boss@chat.gui"), QStringLiteral("boss-pw-123"), QStringLiteral("superuser"), 0, &err));
        const QString boss = s.login(QStringLiteral("boss@chat.gui"), QStringLiteral("boss-pw-123"));
        QCOMPARE(s.uploadSmile(boss, kTinyPng).status, 201);

        ClientsWidget annWindow(s.host()), benWindow(s.host());
        ChatClientWidget *a = annWindow.embedded()->chat();
        ChatClientWidget *b = benWindow.embedded()->chat();
        for (ClientsWidget *w : {&annWindow, &benWindow})
            w->show();
        QSignalSpy annIn(a->client(), &ChatClient::loggedIn);
        QSignalSpy benIn(b->client(), &ChatClient::loggedIn);
        type(a->email(), QStringLiteral("ann@chat.gui"));
        type(a->password(), QStringLiteral("ann-pw-1234"));
        QTest::mouseClick(button(a, QStringLiteral("Register")), Qt::LeftButton);
        QVERIFY(annIn.wait(10000));
        QCOMPARE(annIn.last().at(0).toBool(), true);
        type(b->email(), QStringLiteral("ben@chat.gui"));
        type(b->password(), QStringLiteral("ben-pw-1234"));
        QTest::mouseClick(button(b, QStringLiteral("Register")), Qt::LeftButton);
        QVERIFY(benIn.wait(10000));
        QTRY_VERIFY(b->client()->userId() > 0);
        QTRY_VERIFY(b->balanceLabel()->text().contains(QStringLiteral("0 coins")));

        // Ann refreshes her member list (Ben is new) and opens the conversation; Ben too.
        QSignalSpy members(a->client(), &ChatClient::membersLoaded);
        a->client()->refreshMembers();
        QVERIFY(members.wait(5000));
        QListWidgetItem *benItem = nullptr;
        for (int i = 0; i < a->memberList()->count(); ++i) {
            if (a->memberList()->item(i)->text() == QStringLiteral("ben"))  // members see names, not emails
                benItem = a->memberList()->item(i);
        }
        QVERIFY(benItem);
        QSignalSpy annOpen(a->client(), &ChatClient::conversationOpened);
        QTest::mouseClick(a->memberList()->viewport(), Qt::LeftButton, {}, a->memberList()->visualItemRect(benItem).center());
        QVERIFY(annOpen.wait(5000));
        QSignalSpy benOpen(b->client(), &ChatClient::conversationOpened);
        QTRY_VERIFY(b->memberList()->count() >= 1);
        for (int i = 0; i < b->memberList()->count(); ++i) {
            if (b->memberList()->item(i)->text() == QStringLiteral("ann"))
                b->client()->openConversation(b->memberList()->item(i)->data(Qt::UserRole).toLongLong());
        }
        QVERIFY(benOpen.wait(5000));

        // Ann has no coins: the server refuses, and she is told why.
        QSignalSpy annErrors(a->client(), &ChatClient::errorReceived);
        type(a->composer(), QStringLiteral("hello?"));
        QTest::keyClick(a->composer(), Qt::Key_Return);
        QVERIFY(annErrors.wait(5000));
        QCOMPARE(annErrors.last().at(0).toString(), QStringLiteral("INSUFFICIENT_BALANCE"));
        QVERIFY(a->errorLabel()->text().startsWith(QStringLiteral("Not enough coins")));
        QCOMPARE(a->composer()->text(), QStringLiteral("hello?"));  // the refused text is not lost
        a->composer()->clear();

        QVERIFY(s.host().accounts().setBalance(QStringLiteral("ann@chat.gui"), 100, &err));
        QSignalSpy benGot(b->client(), &ChatClient::messageReceived);
        type(a->composer(), QStringLiteral("Hallo Ben"));
        QTest::keyClick(a->composer(), Qt::Key_Return);
        QVERIFY(benGot.wait(5000));
        QCOMPARE(benGot.last().at(0).toJsonObject().value(QStringLiteral("text")).toString(), QStringLiteral("Hallo Ben"));
        QVERIFY(b->conversation()->toPlainText().contains(QStringLiteral("Hallo Ben")));
        QVERIFY(b->conversation()->toPlainText().contains(QStringLiteral("ann")));  // by name: members do not see emails
        QTRY_COMPARE(a->client()->balance(), 95);  // text costs 5 coins
        QVERIFY(a->conversation()->toPlainText().contains(QStringLiteral("you")));
        // The operator tops Ann up: her balance shows it without her doing anything.
        QVERIFY(s.host().accounts().setBalance(QStringLiteral("ann@chat.gui"), 500, &err));
        QTRY_VERIFY_WITH_TIMEOUT(a->balanceLabel()->text().contains(QStringLiteral("500 coins")), ChatClient::kBalancePollMs * 2 + 1000);

        // A smile from the server's grid.
        QTRY_COMPARE(a->client()->smiles().size(), 1);
        auto *smile = a->findChild<QToolButton *>(QStringLiteral("smile-%1").arg(a->client()->smiles().first().id));
        QVERIFY(smile);
        smile->click();
        QVERIFY(benGot.wait(5000));
        QCOMPARE(benGot.last().at(0).toJsonObject().value(QStringLiteral("type")).toString(), QStringLiteral("smile"));

        // A file: read off the GUI thread, sent as the seed's frame; Ben sees name and size
        // and saves it.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("notes.txt"));
        const QByteArray content = writeNumberedLines(path, 20000);
        QVERIFY(!content.isEmpty());
        a->sendFile(path);
        QVERIFY(benGot.wait(5000));
        const QJsonObject fileMsg = benGot.last().at(0).toJsonObject();
        QCOMPARE(fileMsg.value(QStringLiteral("type")).toString(), QStringLiteral("file"));
        QTRY_VERIFY(b->conversation()->toPlainText().contains(QStringLiteral("notes.txt")));
        QSignalSpy saved(b->client(), &ChatClient::fileSaved);
        const QString copy = dir.filePath(QStringLiteral("copy.txt"));
        b->client()->saveFile(fileMsg.value(QStringLiteral("file_uuid")).toString(), copy);
        QVERIFY(saved.wait(5000));
        QCOMPARE(saved.last().at(1).toBool(), true);
        QFile c(copy);
        QVERIFY(c.open(QIODevice::ReadOnly));
        QCOMPARE(c.readAll(), content);

        // Older pages: the history holds the last 3, "Load older messages" brings the rest.
        type(a->composer(), QStringLiteral("four"));
        QTest::keyClick(a->composer(), Qt::Key_Return);
        QVERIFY(benGot.wait(5000));
        QSignalSpy reopened(b->client(), &ChatClient::conversationOpened);
        b->client()->openConversation(a->client()->userId());
        QVERIFY(reopened.wait(5000));
        QCOMPARE(b->client()->messages().size(), 3);
        QCOMPARE(b->client()->messages().first().value(QStringLiteral("type")).toString(), QStringLiteral("smile"));
        QPushButton *older = button(b, QStringLiteral("Load older messages"));
        QVERIFY(older && older->isEnabled());
        QTest::mouseClick(older, Qt::LeftButton);
        QTRY_COMPARE(b->client()->messages().size(), 4);
        QCOMPARE(b->client()->messages().first().value(QStringLiteral("text")).toString(), QStringLiteral("Hallo Ben"));
        QCOMPARE(b->client()->messages().last().value(QStringLiteral("text")).toString(), QStringLiteral("four"));
        // That page came back short: nothing is older, and the button says so.
        QTRY_VERIFY(!older->isEnabled());
        QCOMPARE(older->text(), QStringLiteral("This is the start of the conversation"));
        QVERIFY(!b->client()->hasOlder());

        // A picture dropped on Ann's chat is sent; Ben sees it in the conversation.
        const QString picture = dir.filePath(QStringLiteral("tiny.png"));
        QFile png(picture);
        QVERIFY(png.open(QIODevice::WriteOnly) && png.write(kTinyPng) == kTinyPng.size());
        png.close();
        QMimeData dropped;
        dropped.setUrls({QUrl::fromLocalFile(picture)});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &dropped, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(a, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &dropped, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(a, &drop);
        QVERIFY(benGot.wait(5000));
        const QString pictureUuid = benGot.last().at(0).toJsonObject().value(QStringLiteral("file_uuid")).toString();
        QVERIFY(!pictureUuid.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(b->conversation()->toHtml().contains(QStringLiteral("sbimg:") + pictureUuid), 5000);
        snapshot(&benWindow, QStringLiteral("clients-chat.png"));

        // Ann logs out: the session ends, and the chat forgets it.
        QVERIFY(a->logOutButton()->isEnabled());
        QTest::mouseClick(a->logOutButton(), Qt::LeftButton);
        QVERIFY(!a->client()->loggedInNow());
        QCOMPARE(a->memberList()->count(), 0);
        QVERIFY(a->balanceLabel()->text().isEmpty());
        QVERIFY(!a->logOutButton()->isEnabled());
        QVERIFY(a->stateLabel()->text().startsWith(QStringLiteral("Logged out")));
        QVERIFY(a->conversation()->toPlainText().isEmpty());
    }

    void channelsJoinEmitAckAndPingTimeout()
    {
        TestServer s(quickChannelTimers);
        QVERIFY(s.ok());
        ClientsWidget ann(s.host()), ben(s.host());
        ChannelsClientWidget *a = ann.embedded()->channels();
        ChannelsClientWidget *b = ben.embedded()->channels();
        ann.show();
        ben.show();
        type(a->channel(), QStringLiteral("garden"));
        type(a->presence(), QStringLiteral("{\"name\": \"Ann\"}"));
        type(b->channel(), QStringLiteral("garden"));
        type(b->presence(), QStringLiteral("{\"name\": \"Ben\"}"));
        QTest::mouseClick(button(a, QStringLiteral("Join")), Qt::LeftButton);
        QTRY_COMPARE(a->members()->rowCount(), 1);
        QTest::mouseClick(button(b, QStringLiteral("Join")), Qt::LeftButton);
        QTRY_COMPARE(a->members()->rowCount(), 2);
        QTRY_COMPARE(b->members()->rowCount(), 2);
        QVERIFY(!a->client()->clientId().isEmpty());
        QVERIFY(a->members()->item(1, 1)->text().contains(QStringLiteral("Ben")));
        // Members by the name in their presence, the client id in the tool tip; "(you)" marked.
        QCOMPARE(a->members()->item(0, 0)->text(), QStringLiteral("Ann (you)"));
        QCOMPARE(a->members()->item(1, 0)->text(), QStringLiteral("Ben"));
        QCOMPARE(a->members()->item(1, 0)->toolTip(), QStringLiteral("Client id ") + b->client()->clientId());
        QVERIFY(a->stateLabel()->text().startsWith(QStringLiteral("Connected")));

        // Emit to everyone with require-ack: both auto-ACK, 200 with acked.
        a->payload()->setPlainText(QStringLiteral("{\"msg\": \"hi all\"}"));
        a->requireAck()->setChecked(true);
        QSignalSpy answered(a->client(), &ChannelsClient::emitAnswered);
        QTest::mouseClick(button(a, QStringLiteral("Emit")), Qt::LeftButton);
        QVERIFY(answered.wait(5000));
        QCOMPARE(answered.last().at(0).toInt(), 200);
        QVERIFY(answered.last().at(1).toByteArray().contains("acked"));
        QTRY_VERIFY(b->log()->toPlainText().contains(QStringLiteral("hi all")));
        QVERIFY(b->log()->toPlainText().contains(QStringLiteral("(acknowledged)")));
        QCOMPARE(a->resultLabel()->text(), QStringLiteral("Delivered to 2 member(s); every one acknowledged."));
        QVERIFY(a->resultLabel()->toolTip().startsWith(QStringLiteral("HTTP 200")));  // the answer itself

        // Emit to a chosen member: only Ben.
        a->requireAck()->setChecked(false);
        a->target()->setCurrentIndex(ChannelsClientWidget::ChosenMembers);
        a->memberView()->selectionModel()->select(a->members()->index(1, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        a->payload()->setPlainText(QStringLiteral("{\"msg\": \"only ben\"}"));
        QTest::mouseClick(button(a, QStringLiteral("Emit")), Qt::LeftButton);
        QVERIFY(answered.wait(5000));
        QCOMPARE(answered.last().at(0).toInt(), 200);
        QTRY_VERIFY(b->log()->toPlainText().contains(QStringLiteral("only ben")));
        QTest::qWait(100);
        QVERIFY(!a->log()->toPlainText().contains(QStringLiteral("only ben")));

        // Not JSON: refused in the form, nothing sent.
        a->payload()->setPlainText(QStringLiteral("{nope"));
        const int before = answered.size();
        QTest::mouseClick(button(a, QStringLiteral("Emit")), Qt::LeftButton);
        QVERIFY(a->resultLabel()->text().contains(QStringLiteral("not JSON")));
        QTest::qWait(100);
        QCOMPARE(answered.size(), before);

        // Ben stops acknowledging: the ACK wait ends in 408 with Ben pending.
        b->autoAck()->setChecked(false);
        a->target()->setCurrentIndex(ChannelsClientWidget::AllMembers);
        a->requireAck()->setChecked(true);
        a->payload()->setPlainText(QStringLiteral("42"));  // any JSON value
        QTest::mouseClick(button(a, QStringLiteral("Emit")), Qt::LeftButton);
        QVERIFY(answered.wait(5000));
        QCOMPARE(answered.last().at(0).toInt(), 408);
        QVERIFY(answered.last().at(1).toByteArray().contains(b->client()->clientId().toUtf8()));
        QCOMPARE(a->resultLabel()->text(), QStringLiteral("1 of 2 acknowledged; Ben did not in time."));
        snapshot(&ann, QStringLiteral("clients-channels.png"));

        // Ben stops answering PING: the server times him out, Ann sees him leave.
        b->autoPong()->setChecked(false);
        QTRY_VERIFY_WITH_TIMEOUT(b->log()->toPlainText().contains(QStringLiteral("PING_TIMEOUT")), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(b->stateLabel()->text().contains(QStringLiteral("1008")), 5000);
        QVERIFY(!b->client()->socket()->isActive());  // a close the server chose: no reconnect
        QTRY_COMPARE(a->members()->rowCount(), 1);
        QVERIFY(a->log()->toPlainText().contains(QStringLiteral("PING, answered with PONG")));
    }

    void felixRefusalStatusAndSubscriptions()
    {
        TestServer s;
        QVERIFY(s.ok());
        sb::AccountStore::Error err{};
        const QByteArray token = s.host().accounts().createApiToken(QStringLiteral("gui"), QStringLiteral("private"), &err);
        QVERIFY(!token.isEmpty());
        ClientsWidget clients(s.host());
        FelixClientWidget *f = clients.embedded()->felix();
        clients.show();
        clients.embedded()->tabs()->setCurrentWidget(f);

        type(f->token(), QStringLiteral("not-a-token"));
        QTest::mouseClick(button(f, QStringLiteral("Connect")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(f->stateLabel()->text().contains(QStringLiteral("403")), 5000);
        // A refusal is not retried: still refused after the first retry would have come (1 s).
        QTRY_VERIFY_WITH_TIMEOUT(!f->client()->socket()->isActive(), 2000);
        QTest::qWait(1500);
        QVERIFY2(!f->client()->socket()->isActive(), qPrintable(f->stateLabel()->text()));
        QVERIFY2(f->stateLabel()->text().startsWith(QStringLiteral("Refused (HTTP 403)")), qPrintable(f->stateLabel()->text()));

        type(f->token(), QString::fromLatin1(token));
        QSignalSpy status(f->client(), &FelixClient::statusReceived);
        QTest::mouseClick(button(f, QStringLiteral("Connect")), Qt::LeftButton);
        QVERIFY(status.wait(5000));  // a heartbeat goes out on connect
        QVERIFY(f->shards()->rowCount() >= 1);
        QCOMPARE(f->shards()->item(0, 1)->text(), QStringLiteral("ready"));
        QVERIFY(f->statusSummary()->text().contains(QStringLiteral("guild")));

        type(f->guildIds(), QStringLiteral("g1, g2"));
        QTest::mouseClick(button(f, QStringLiteral("Subscribe")), Qt::LeftButton);
        QSignalSpy updates(f->client(), &FelixClient::updateReceived);
        QTest::qWait(100);
        QNetworkAccessManager nam;
        QNetworkRequest put(s.http(QStringLiteral("/guilds/g2"), 2));
        put.setRawHeader("Authorization", "Bearer " + token);
        put.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        std::unique_ptr<QNetworkReply> reply(nam.put(put, "{\"name\":\"Bakery\"}"));
        QVERIFY(updates.wait(5000));
        QCOMPARE(updates.first().at(0).toInt(), 10002);
        QVERIFY(f->feed()->toPlainText().contains(QStringLiteral("guild g2")));
        QVERIFY(f->feed()->toPlainText().contains(QStringLiteral("Bakery")));
        QTest::mouseClick(button(f, QStringLiteral("Heartbeat now")), Qt::LeftButton);
        QVERIFY(status.wait(5000));
        QCOMPARE(f->client()->lastStatus().value(QStringLiteral("guildsCount")).toInt(), 1);
        snapshot(&clients, QStringLiteral("clients-felix.png"));
    }

    void popLoginGroupStateAndViews()
    {
        TestServer s;
        QVERIFY(s.ok());
        sb::AccountStore::Error err{};
        QVERIFY(s.host().accounts().createUser(QStringLiteral("ann@pop.gui"), QStringLiteral("pw-ann-123"), QStringLiteral("member"), 0, &err));
        QVERIFY(s.host().accounts().createUser(QStringLiteral("ben@pop.gui"), QStringLiteral("pw-ben-123"), QStringLiteral("member"), 0, &err));
        ClientsWidget ann(s.host()), ben(s.host());
        PopClientWidget *a = ann.embedded()->pop();
        PopClientWidget *b = ben.embedded()->pop();
        for (ClientsWidget *c : {&ann, &ben}) {
            c->show();
            c->embedded()->tabs()->setCurrentWidget(c->embedded()->pop());
        }

        type(a->email(), QStringLiteral("ann@pop.gui"));
        type(a->password(), QStringLiteral("wrong"));
        QSignalSpy loginA(a->client(), &PopClient::loggedIn);
        QTest::mouseClick(button(a, QStringLiteral("Log in")), Qt::LeftButton);
        QVERIFY(loginA.wait(10000));
        QCOMPARE(loginA.last().at(0).toBool(), false);
        QCOMPARE(a->stateLabel()->text(), QStringLiteral("Wrong email or password"));

                type(a->password(), QStringLiteral("pw-ann-123"));
        QTest::mouseClick(button(a, QStringLiteral("Log in")), Qt::LeftButton);
        type(b->email(), QStringLiteral("ben@pop.gui"));
        type(b->password(), QStringLiteral("pw-ben-123"));
        QTest::mouseClick(button(b, QStringLiteral("Log in")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(a->client()->authenticated() && b->client()->authenticated(), 10000);
        QCOMPARE(a->stateLabel()->text(), QStringLiteral("Authenticated"));

        // Both in group 7; Ann types: Ben sees it.
        // Each waits for its own echo: the server has then put it in the group.
        type(b->group(), QStringLiteral("7"));
        QTest::keyClick(b->group(), Qt::Key_Return);
        QTRY_COMPARE(b->states()->rowCount(), 1);
        type(a->group(), QStringLiteral("7"));
        QTest::keyClick(a->group(), Qt::Key_Return);
        QTRY_VERIFY(a->states()->rowCount() >= 1);
        QSignalSpy statesB(b->client(), &PopClient::stateReceived);
        QTest::mouseClick(a->typing(), Qt::LeftButton);
        QVERIFY(a->typing()->isChecked());
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(statesB.cbegin(), statesB.cend(),
                                             [](const QList<QVariant> &args) { return args.at(0).toJsonObject().value(QStringLiteral("is_typing")).toBool(); }),
                                 5000);
        QTRY_COMPARE(b->states()->rowCount(), 2);  // Ben's own echo and Ann
        bool annTyping = false;
        for (int r = 0; r < b->states()->rowCount(); ++r)
            annTyping |= b->states()->item(r, 2)->text() == QStringLiteral("typing…") && b->states()->item(r, 1)->text() == QStringLiteral("7");
        QVERIFY(annTyping);
        // Users by the start of their UUID (the table stays readable), the whole in a tool tip;
        // one's own row says so.
        QTRY_VERIFY(!b->client()->userUuid().isEmpty());
        const sb::User benUser = *s.host().accounts().userByEmail(QStringLiteral("ben@pop.gui"));
        QCOMPARE(b->client()->userUuid().toUpper(), benUser.uuid.toUpper());
        int own = 0, other = 0;
        for (int r = 0; r < b->states()->rowCount(); ++r) {
            const QStandardItem *who = b->states()->item(r, 0);
            QCOMPARE(who->toolTip().size(), 36);
            const bool mine = who->toolTip().compare(benUser.uuid, Qt::CaseInsensitive) == 0;
            QCOMPARE(who->text(), who->toolTip().left(8) + (mine ? QStringLiteral("… (you)") : QStringLiteral("…")));
            (mine ? own : other) += 1;
        }
        QCOMPARE(own, 1);
        QCOMPARE(other, 1);

        // View counts: stored, and a malformed id is refused with the server's reason.
        QSignalSpy views(a->client(), &PopClient::viewsAnswered);
        QSignalSpy counted(a->client(), &PopClient::viewsCounted);
        a->viewCount()->setValue(3);
        QTest::mouseClick(button(a, QStringLiteral("Report views")), Qt::LeftButton);
        QVERIFY(views.wait(5000));
        QCOMPARE(views.last().at(0).toBool(), true);
        QCOMPARE(a->viewsResult()->text(), QStringLiteral("Stored"));
        QTRY_COMPARE(counted.size(), 1);  // all 3 counted: the answer stays "Stored"
        QCOMPARE(counted.last().at(2).toLongLong(), 3);
        QCOMPARE(a->viewsResult()->text(), QStringLiteral("Stored"));
        // More than one report may carry (10 by default): the server clamps, the client says so.
        a->viewCount()->setValue(25);
        QTest::mouseClick(button(a, QStringLiteral("Report views")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(counted.size(), 2, 5000);
        QCOMPARE(counted.last().at(1).toInt(), 25);
        QCOMPARE(counted.last().at(2).toLongLong(), 10);
        QCOMPARE(a->viewsResult()->text(), QStringLiteral("Stored, clamped to 10"));
        snapshot(&ben, QStringLiteral("clients-pop.png"));
        type(a->contentId(), QStringLiteral("not-a-uuid"));
        QTest::mouseClick(button(a, QStringLiteral("Report views")), Qt::LeftButton);
        QVERIFY(views.wait(5000));
        QCOMPARE(views.last().at(0).toBool(), false);
        QVERIFY(a->viewsResult()->text().startsWith(QStringLiteral("Refused: ")));
    }

    void remoteProfilesAreRemembered()
    {
        TestServer s;
        QVERIFY(s.ok());
        {
            ClientsWidget clients(s.host());
            QCOMPARE(clients.profiles()->count(), 1);  // this computer
            ServerProfile p;
            p.name = QStringLiteral("Living room");
            p.host = QStringLiteral("192.168.1.20");
            p.channelsPort = 9080;
            ProfileWidget *w = clients.addRemote(p);
            QCOMPARE(w->channels()->client()->server(), QUrl(QStringLiteral("http://192.168.1.20:9080")));
            QCOMPARE(clients.profiles()->count(), 2);
        }
        ClientsWidget again(s.host());
        QCOMPARE(again.profiles()->count(), 2);
        QCOMPARE(again.profiles()->tabText(1), QStringLiteral("Living room"));
        QCOMPARE(again.profile(1)->channels()->client()->server().port(), 9080);
        again.removeRemote(0);  // the embedded server cannot be removed
        QCOMPARE(again.profiles()->count(), 2);
        again.removeRemote(1);
        QCOMPARE(again.profiles()->count(), 1);
        QVERIFY(again.savedProfiles().isEmpty());
    }

    void reconnectsAfterTheServerWentAway()
    {
        TestServer s;
        QVERIFY(s.ok());
        ClientsWidget clients(s.host());
        ChannelsClientWidget *c = clients.embedded()->channels();
        c->join();
        QTRY_COMPARE(c->members()->rowCount(), 1);
        s.host().stopListener(1);  // the channels listener: its sockets get 1001
        QTRY_VERIFY_WITH_TIMEOUT(c->stateLabel()->text().contains(QStringLiteral("reconnecting in 1 s")), 5000);
        QVERIFY(c->client()->socket()->isActive());
        QString err;
        QVERIFY2(s.host().startListener(1, &err), qPrintable(err));
        QTRY_COMPARE_WITH_TIMEOUT(c->members()->rowCount(), 1, 10000);
        QVERIFY(c->stateLabel()->text().startsWith(QStringLiteral("Connected")));
        c->leave();
        QCOMPARE(c->stateLabel()->text(), QStringLiteral("Not connected"));
    }
};

QTEST_MAIN(TestClients)
#include "tst_clients.moc"
