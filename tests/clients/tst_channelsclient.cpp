// The channels client without any widget (QCoreApplication): two clients join a channel with
// their presence and see each other; an emit to all with require-ack is acknowledged by both
// on their own; one to a listed member reaches only that one; a payload that is not JSON or
// an empty list is refused before sending; a member that stops acknowledging leaves the emit
// at 408; one that stops answering PING is timed out (PING_TIMEOUT) and the other sees it go.
#include "clients/channelsclient.h"
#include "clients/clientsocket.h"

#include "testserver.h"

#include <QSignalSpy>
#include <QTest>

using namespace sbtest;
using sb::ui::ChannelsClient;
using Target = sb::ui::ChannelsClient::Target;

class TestChannelsClient : public QObject
{
    Q_OBJECT
private slots:
    void joinEmitAckAndPingTimeout()
    {
        TestServer s(quickChannelTimers);
        QVERIFY(s.ok());
        ChannelsClient ann, ben;
        for (ChannelsClient *c : {&ann, &ben})
            c->setServer(s.http(QStringLiteral("/"), 1));
        QSignalSpy annMembers(&ann, &ChannelsClient::memberSet);
        QSignalSpy annLeft(&ann, &ChannelsClient::memberLeft);
        QSignalSpy benLog(&ben, &ChannelsClient::logLine);
        ann.join(QStringLiteral("garden"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Ann")}});
        QTRY_VERIFY(!ann.clientId().isEmpty());
        ben.join(QStringLiteral("garden"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Ben")}});
        QTRY_VERIFY(!ben.clientId().isEmpty());
        QTRY_VERIFY(std::any_of(annMembers.cbegin(), annMembers.cend(), [&](const QList<QVariant> &a) {
            return a.at(0).toString() == ben.clientId() && a.at(1).toJsonObject().value(QStringLiteral("name")).toString() == QStringLiteral("Ben");
        }));

        // To everyone, with require-ack: both acknowledge by themselves.
        QSignalSpy answered(&ann, &ChannelsClient::emitAnswered);
        QString error;
        QVERIFY(ann.emitEvent(QStringLiteral("garden"), "{\"msg\": \"hi all\"}", Target::All, 0, {}, true, QString(), &error));
        QVERIFY(answered.wait(5000));
        QCOMPARE(answered.last().at(0).toInt(), 200);
        QVERIFY(answered.last().at(1).toByteArray().contains(ben.clientId().toUtf8()));
        QTRY_VERIFY(std::any_of(benLog.cbegin(), benLog.cend(), [](const QList<QVariant> &a) {
            return a.at(0).toString().contains(QStringLiteral("hi all")) && a.at(0).toString().endsWith(QStringLiteral("(acknowledged)"));
        }));

        // To a listed member: only Ben.
        QSignalSpy annLog(&ann, &ChannelsClient::logLine);
        QVERIFY(ann.emitEvent(QStringLiteral("garden"), "{\"msg\": \"only ben\"}", Target::Listed, 0, {ben.clientId()}, false, QString(), &error));
        QVERIFY(answered.wait(5000));
        QCOMPARE(answered.last().at(0).toInt(), 200);
        QTRY_VERIFY(std::any_of(benLog.cbegin(), benLog.cend(), [](const QList<QVariant> &a) { return a.at(0).toString().contains(QStringLiteral("only ben")); }));
        QTest::qWait(100);
        QVERIFY(std::none_of(annLog.cbegin(), annLog.cend(), [](const QList<QVariant> &a) { return a.at(0).toString().contains(QStringLiteral("only ben")); }));

        // Refused before sending.
        QVERIFY(!ann.emitEvent(QStringLiteral("garden"), "{nope", Target::All, 0, {}, false, QString(), &error));
        QVERIFY2(error.contains(QStringLiteral("not JSON")), qPrintable(error));
        QVERIFY(!ann.emitEvent(QStringLiteral("garden"), "{}", Target::Listed, 0, {}, false, QString(), &error));
        QVERIFY2(error.contains(QStringLiteral("Choose members")), qPrintable(error));

        // Ben stops acknowledging: 408, Ben pending. Any JSON value is a payload.
        ben.setAutoAck(false);
        QVERIFY(ann.emitEvent(QStringLiteral("garden"), "42", Target::All, 0, {}, true, QString(), &error));
        QVERIFY(answered.wait(5000));
        QCOMPARE(answered.last().at(0).toInt(), 408);
        QVERIFY(answered.last().at(1).toByteArray().contains(ben.clientId().toUtf8()));

        // Ben stops answering PING: timed out, not reconnected, and Ann sees him leave.
        QSignalSpy benErrors(&ben, &ChannelsClient::errorReported);
        const QString benId = ben.clientId();
        ben.setAutoPong(false);
        QTRY_VERIFY_WITH_TIMEOUT(!benErrors.isEmpty(), 5000);
        QCOMPARE(benErrors.last().at(0).toString(), QStringLiteral("PING_TIMEOUT"));
        QTRY_VERIFY_WITH_TIMEOUT(!ben.socket()->isActive(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(annLeft.cbegin(), annLeft.cend(), [&](const QList<QVariant> &a) { return a.at(0).toString() == benId; }), 5000);
    }
};

QTEST_GUILESS_MAIN(TestChannelsClient)
#include "tst_channelsclient.moc"
