// The felix client without any widget (QCoreApplication): an unknown token is refused (403)
// and said so, without retrying; with a private token a heartbeat goes out on connecting and
// on a timer, its answer lists the shards; a subscription brings guild updates and deletions,
// and is sent again by itself after connecting anew.
#include "clients/clientsocket.h"
#include "clients/felixclient.h"

#include "accounts/accountstore.h"
#include "testserver.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace sbtest;
using sb::ui::FelixClient;

namespace {
// PUT (or DELETE, with no body) /guilds/{id} on the felix listener.
int changeGuild(const TestServer &s, const QByteArray &token, const QString &id, const QByteArray &body)
{
    QNetworkAccessManager nam;
    QNetworkRequest r(s.http(QStringLiteral("/guilds/") + id, 2));
    r.setRawHeader("Authorization", "Bearer " + token);
    r.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    std::unique_ptr<QNetworkReply> reply(body.isNull() ? nam.deleteResource(r) : nam.put(r, body));
    QSignalSpy done(reply.get(), &QNetworkReply::finished);
    done.wait(5000);
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}
}  // namespace

class TestFelixClient : public QObject
{
    Q_OBJECT
private slots:
    void refusalStatusAndUpdates()
    {
        TestServer s;
        QVERIFY(s.ok());
        sb::AccountStore::Error err{};
        const QByteArray token = s.host().accounts().createApiToken(QStringLiteral("bot"), QStringLiteral("private"), &err);
        QVERIFY(!token.isEmpty());
        FelixClient felix;
        felix.setServer(s.http(QStringLiteral("/"), 2));

        QSignalSpy state(&felix, &FelixClient::stateChanged);
        felix.connectToServer(QStringLiteral("not-a-token"));
        QTRY_VERIFY_WITH_TIMEOUT(!state.isEmpty() && state.last().at(0).toString().startsWith(QStringLiteral("Refused (HTTP 403)")), 5000);
        QTest::qWait(300);
        QVERIFY(!felix.socket()->isActive());  // a refusal is not retried
        QVERIFY(!felix.sendHeartbeat());

        QSignalSpy status(&felix, &FelixClient::statusReceived);
        felix.setHeartbeatInterval(300);
        felix.connectToServer(QString::fromLatin1(token));
        QVERIFY(status.wait(5000));  // one on connecting
        const QJsonArray shards = status.last().at(0).toJsonObject().value(QStringLiteral("shards")).toArray();
        QVERIFY(!shards.isEmpty());
        QCOMPARE(shards.first().toObject().value(QStringLiteral("status")).toString(), QStringLiteral("ready"));
        QTRY_VERIFY_WITH_TIMEOUT(status.count() >= 3, 3000);  // and on the timer
        felix.setHeartbeatInterval(0);

        QSignalSpy updates(&felix, &FelixClient::updateReceived);
        QVERIFY(felix.subscribe({QStringLiteral("g1"), QStringLiteral("g2")}, {}));
        QTest::qWait(100);
        QCOMPARE(changeGuild(s, token, QStringLiteral("g2"), "{\"name\":\"Bakery\"}"), 201);  // created
        QTRY_COMPARE_WITH_TIMEOUT(updates.count(), 1, 5000);
        QCOMPARE(updates.last().at(0).toInt(), 10002);
        QCOMPARE(updates.last().at(1).toString(), QStringLiteral("g2"));
        QCOMPARE(updates.last().at(2).toJsonValue().toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Bakery"));
        QCOMPARE(changeGuild(s, token, QStringLiteral("g3"), "{\"name\":\"Other\"}"), 201);  // not listened to
        QCOMPARE(changeGuild(s, token, QStringLiteral("g2"), QByteArray()), 204);
        QTRY_COMPARE_WITH_TIMEOUT(updates.count(), 2, 5000);
        QVERIFY(updates.last().at(2).toJsonValue().isNull());  // deleted
        QCOMPARE(updates.last().at(1).toString(), QStringLiteral("g2"));

        // Connecting anew listens to the same ids again.
        felix.disconnectFromServer();
        QTRY_VERIFY(!felix.socket()->isActive());
        felix.connectToServer(QString::fromLatin1(token));
        QVERIFY(status.wait(5000));
        QTest::qWait(100);
        QCOMPARE(changeGuild(s, token, QStringLiteral("g1"), "{\"name\":\"Back\"}"), 201);
        QTRY_COMPARE_WITH_TIMEOUT(updates.count(), 3, 5000);
        QCOMPARE(updates.last().at(1).toString(), QStringLiteral("g1"));
    }
};

QTEST_GUILESS_MAIN(TestFelixClient)
#include "tst_felixclient.moc"
