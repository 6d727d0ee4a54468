// The pop social-app socket (seed 000, SPEC §6) over ws and wss: first-message auth, state
// echo within groups across workers, and view counts that cannot be abused.
#include "services/pop/popservice.h"
#include "accounts/accountstore.h"
#include "net/tls.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <QWebSocket>

using namespace sbtest;

namespace {
struct PopClient {
    std::unique_ptr<QWebSocket> ws = std::make_unique<QWebSocket>();
    QList<QJsonObject> got;
    int closeCode = -1;
    PopClient()
    {
        QObject::connect(ws.get(), &QWebSocket::textMessageReceived, ws.get(),
                         [this](const QString &m) { got.append(QJsonDocument::fromJson(m.toUtf8()).object()); });
        QObject::connect(ws.get(), &QWebSocket::disconnected, ws.get(), [this] { closeCode = ws->closeCode(); });
    }
    ~PopClient()
    {
        if (ws)
            ws->abort();  // see tst_chat: Qt 6.4's ~QWebSocket leaks when it closes itself
    }
    bool open(const QUrl &url, const QSslConfiguration *tls = nullptr)
    {
        if (tls)
            ws->setSslConfiguration(*tls);
        QSignalSpy connected(ws.get(), &QWebSocket::connected);
        ws->open(url);
        return connected.wait(5000);
    }
    void send(const QByteArray &json) { ws->sendTextMessage(QString::fromUtf8(json)); }
    bool login(const QString &token)
    {
        send(QStringLiteral(R"({"authorization": "Bearer %1"})").arg(token).toUtf8());
        return QTest::qWaitFor([this] { return !got.isEmpty(); }, 5000) && got.first() == QJsonObject{{QStringLiteral("authenticated"), true}};
    }
    QList<QJsonObject> with(const char *key) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject &o : got) {
            if (o.contains(QLatin1String(key)))
                out.append(o);
        }
        return out;
    }
};

QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces).toUpper();
}
}  // namespace

class TestPop : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir certDir;
    std::optional<sb::GeneratedCertificate> cert;
    std::unique_ptr<TestServer> server;
    int pop = -1;
    sb::User ann, ben;
    QString annToken, benToken;

    QSslConfiguration tls;  // trusts exactly the generated certificate
    QUrl url() const { return server->ws(QStringLiteral("/"), pop); }
    qint64 counter(qint64 sb::ServiceCountersSnapshot::*field)
    {
        for (const auto &s : server->host().snapshot().services) {
            if (s.service == QLatin1String("pop"))
                return s.*field;
        }
        return -1;
    }
    QJsonObject totals(const QStringList &ids)
    {
        return server->get(QStringLiteral("/view_counts?ids=") + ids.join(QLatin1Char(','))).json();
    }

private slots:
    void initTestCase()
    {
        QString error;
        cert = sb::generateSelfSigned(certDir.path(), {}, &error);
        QVERIFY(cert);
        tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(QSslCertificate::fromPath(cert->certificateFile));
        server = std::make_unique<TestServer>([this](sb::ServerConfig &c) {
            c.workers = 2;
            c.services[QStringLiteral("pop")].limits.unauthenticatedMs = 500;
            c.services[QStringLiteral("pop")].edit<sb::pop::PopSettings>().viewReportsPerMinute = 40;
            for (sb::ListenerConfig &l : c.listeners) {
                if (l.services.contains(QStringLiteral("pop")))
                    l.tls = sb::TlsFiles{cert->certificateFile, cert->keyFile};  // the seed uses wss://
            }
        });
        QVERIFY2(server->ok(), qPrintable(server->error()));
        for (const auto &l : server->host().listeners()) {
            if (l.services.contains(QStringLiteral("pop")))
                pop = l.id;
        }
        server->setHttpListener(pop);
        server->trustCertificate(cert->certificateFile);
        sb::AccountStore &a = server->host().accounts();
        sb::AccountStore::Error err;
        ann = *a.createUser(QStringLiteral("ann@pop.test"), QStringLiteral("pw"), QStringLiteral("member"), 0, &err);
        ben = *a.createUser(QStringLiteral("ben@pop.test"), QStringLiteral("pw"), QStringLiteral("member"), 0, &err);
        annToken = a.issueAccessToken(ann.id);
        benToken = a.issueAccessToken(ben.id);
    }
    void cleanupTestCase() { server.reset(); }

    void authenticationOverWss()
    {
        PopClient c;
        QVERIFY(c.open(url(), &tls));
        QVERIFY(url().scheme() == QLatin1String("wss"));
        QVERIFY(c.login(annToken));
    }

    void authenticationFailures_data()
    {
        QTest::addColumn<QByteArray>("first");
        QTest::newRow("bad token") << QByteArray(R"({"authorization": "Bearer 9c567d50-a2fd-4f26-a221-d71f4102136b"})");
        QTest::newRow("no bearer") << QByteArray(R"({"authorization": "9c567d50-a2fd-4f26-a221-d71f4102136b"})");
        QTest::newRow("state first") << QByteArray(R"({"state": {"active_group_id": null, "is_typing": null}})");
        QTest::newRow("not json") << QByteArray("hello");
        QTest::newRow("nothing (timeout)") << QByteArray();
    }
    void authenticationFailures()
    {
        QFETCH(QByteArray, first);
        PopClient c;
        QVERIFY(c.open(url(), &tls));
        if (!first.isEmpty())
            c.send(first);
        QTRY_COMPARE_WITH_TIMEOUT(c.closeCode, 1008, 3000);
        QCOMPARE(c.got.size(), 1);
        QCOMPARE(c.got.first().value(QStringLiteral("authenticated")).toBool(true), false);
        QVERIFY(!c.got.first().value(QStringLiteral("detail")).toString().isEmpty());
    }

    void stateEchoWithinGroupsAcrossWorkers()
    {
        PopClient a, b, stranger, solo;
        for (PopClient *c : {&a, &b, &stranger, &solo})
            QVERIFY(c->open(url(), &tls));
        QVERIFY(a.login(annToken));
        QVERIFY(b.login(benToken));
        QVERIFY(stranger.login(benToken));
        QVERIFY(solo.login(benToken));
        // The seed's starting state: echoed to the sender with user_id, null typing -> false.
        a.send(R"({"state": {"active_group_id": null, "is_typing": null}})");
        QTRY_COMPARE(a.with("state").size(), 1);
        QCOMPARE(a.with("state").first().value(QStringLiteral("state")).toObject(),
                 (QJsonObject{{QStringLiteral("user_id"), ann.uuid}, {QStringLiteral("active_group_id"), QJsonValue::Null}, {QStringLiteral("is_typing"), false}}));
        // Group 42: a and b (two workers); the stranger is in group 7; solo has none.
        b.send(R"({"state": {"active_group_id": 42, "is_typing": false}})");
        stranger.send(R"({"state": {"active_group_id": 7, "is_typing": false}})");
        QTRY_COMPARE(b.with("state").size(), 1);
        QTRY_COMPARE(stranger.with("state").size(), 1);
        a.send(R"({"state": {"active_group_id": 42, "is_typing": true, "secret": "dropped"}})");
        QTRY_COMPARE(b.with("state").size(), 2);
        const QJsonObject echoed = b.with("state").last().value(QStringLiteral("state")).toObject();
        QCOMPARE(echoed, (QJsonObject{{QStringLiteral("user_id"), ann.uuid}, {QStringLiteral("active_group_id"), 42}, {QStringLiteral("is_typing"), true}}));
        QTRY_COMPARE(a.with("state").size(), 2);  // the sender gets it too
        QTest::qWait(150);
        QCOMPARE(stranger.with("state").size(), 1);
        QCOMPARE(solo.with("state").size(), 0);
        // Leaving the group (null) stops the echo to the others.
        a.send(R"({"state": {"active_group_id": null, "is_typing": false}})");
        QTRY_COMPARE(a.with("state").size(), 3);
        b.send(R"({"state": {"active_group_id": 42, "is_typing": true}})");
        QTRY_COMPARE(b.with("state").size(), 3);
        QTest::qWait(150);
        QCOMPARE(a.with("state").size(), 3);
    }

    void stateWithWrongTypes()
    {
        PopClient a;
        QVERIFY(a.open(url(), &tls));
        QVERIFY(a.login(annToken));
        a.send(R"({"state": {"active_group_id": {"x":1}, "is_typing": false}})");
        a.send(R"({"state": {"active_group_id": "g", "is_typing": "yes"}})");
        a.send(R"({"state": [1]})");
        QTRY_COMPARE(a.with("state").size(), 3);
        for (const QJsonObject &o : a.with("state")) {
            QCOMPARE(o.value(QStringLiteral("state")).toBool(true), false);
            QVERIFY(!o.value(QStringLiteral("detail")).toString().isEmpty());
        }
        QCOMPARE(a.ws->state(), QAbstractSocket::ConnectedState);
    }

    void seedViewCountsAreStored()
    {
        PopClient a;
        QVERIFY(a.open(url(), &tls));
        QVERIFY(a.login(annToken));
        a.send(R"({
          "view_counts": {
            "F7E71599-70DF-4918-A882-DD3C1D53070E": 1,
            "8A213848-5156-4B82-88B6-294AA2D80974": 3,
            "6847ECD4-0DCA-4084-96B4-976BE22F1CB6": 1,
            "269DB696-6312-4BBE-848F-1B2B9C7A2959": 2,
            "2BD768F5-8891-4B90-9E99-311F6F88B111": 1
          }
        })");
        QTRY_COMPARE(a.with("view_counts").size(), 1);
        QCOMPARE(a.with("view_counts").first(), (QJsonObject{{QStringLiteral("view_counts"), true}}));
        // Keys are case-insensitive; totals are kept upper case.
        const QJsonObject t = totals({QStringLiteral("8a213848-5156-4b82-88b6-294aa2d80974"), QStringLiteral("F7E71599-70DF-4918-A882-DD3C1D53070E")});
        QCOMPARE(t.value(QStringLiteral("8A213848-5156-4B82-88B6-294AA2D80974")).toObject().value(QStringLiteral("total")).toInt(), 3);
        QCOMPARE(t.value(QStringLiteral("F7E71599-70DF-4918-A882-DD3C1D53070E")).toObject().value(QStringLiteral("viewers")).toInt(), 1);
        QCOMPARE(server->get(QStringLiteral("/view_counts?ids=nope")).status, 400);
        QCOMPARE(server->get(QStringLiteral("/view_counts")).status, 400);
    }

    void answersKeepTheOrderOfMessages()
    {
        // A report is answered after its commit, a state at once: the state sent after the
        // report is still answered after it.
        PopClient a;
        QVERIFY(a.open(url(), &tls));
        QVERIFY(a.login(benToken));
        const int before = int(a.got.size());
        for (int i = 0; i < 3; ++i) {
            a.send(QStringLiteral(R"({"view_counts": {"%1": 1}})").arg(uuid()).toUtf8());
            a.send(QStringLiteral(R"({"state": {"active_group_id": "g%1", "is_typing": true}})").arg(i).toUtf8());
        }
        QTRY_COMPARE(int(a.got.size()) - before, 6);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(a.got[before + 2 * i], (QJsonObject{{QStringLiteral("view_counts"), true}}));
            QCOMPARE(a.got[before + 2 * i + 1].value(QStringLiteral("state")).toObject().value(QStringLiteral("active_group_id")).toString(),
                     QStringLiteral("g%1").arg(i));
        }
    }

    void abusiveReportsAreRefusedOrClamped()
    {
        PopClient a;
        QVERIFY(a.open(url(), &tls));
        QVERIFY(a.login(benToken));
        const QString content = uuid();
        const qint64 refused0 = counter(&sb::ServiceCountersSnapshot::reportsRefused);
        const qint64 clamped0 = counter(&sb::ServiceCountersSnapshot::reportsClamped);
        QJsonObject tenThousand;
        for (int i = 0; i < 10'000; ++i)
            tenThousand.insert(uuid(), 1);
        const QList<QByteArray> refusedReports = {
            QStringLiteral(R"({"view_counts": {"%1": -5}})").arg(content).toUtf8(),
            QStringLiteral(R"({"view_counts": {"%1": 1.5}})").arg(content).toUtf8(),
            QStringLiteral(R"({"view_counts": {"%1": "3"}})").arg(content).toUtf8(),
            QStringLiteral(R"({"view_counts": {"%1": 0}})").arg(content).toUtf8(),
            QByteArray(R"({"view_counts": {"not-a-uuid": 1}})"),
            QByteArray(R"({"view_counts": {}})"),
            QByteArray(R"({"view_counts": [1, 2]})"),
            QJsonDocument(QJsonObject{{QStringLiteral("view_counts"), tenThousand}}).toJson(QJsonDocument::Compact),
        };
        for (const QByteArray &r : refusedReports)
            a.send(r);
        QTRY_COMPARE_WITH_TIMEOUT(a.with("view_counts").size(), refusedReports.size(), 10000);
        for (const QJsonObject &o : a.with("view_counts")) {
            QCOMPARE(o.value(QStringLiteral("view_counts")).toBool(true), false);
            QVERIFY(!o.value(QStringLiteral("detail")).toString().isEmpty());
        }
        QCOMPARE(counter(&sb::ServiceCountersSnapshot::reportsRefused) - refused0, refusedReports.size());
        QCOMPARE(totals({content}).value(content).toObject().value(QStringLiteral("total")).toInt(), 0);

        // A huge count is clamped to 10 per report; one user's total stops at 100.
        for (int i = 0; i < 15; ++i)
            a.send(QStringLiteral(R"({"view_counts": {"%1": 1000000}})").arg(content).toUtf8());
        QTRY_COMPARE_WITH_TIMEOUT(a.with("view_counts").size(), refusedReports.size() + 15, 10000);
        for (qsizetype i = refusedReports.size(); i < a.with("view_counts").size(); ++i)
            QCOMPARE(a.with("view_counts")[i].value(QStringLiteral("view_counts")).toBool(), true);
        QJsonObject t = totals({content}).value(content).toObject();
        QCOMPARE(t.value(QStringLiteral("total")).toInt(), 100);
        QCOMPARE(t.value(QStringLiteral("viewers")).toInt(), 1);
        // 15 clamped to 10 per report, and the last 5 reports capped by the per-user total.
        QCOMPARE(counter(&sb::ServiceCountersSnapshot::reportsClamped) - clamped0, 15 + 5);

        // Another viewer adds to the total and to the unique viewers.
        PopClient other;
        QVERIFY(other.open(url(), &tls));
        QVERIFY(other.login(annToken));
        other.send(QStringLiteral(R"({"view_counts": {"%1": 2}})").arg(content.toLower()).toUtf8());
        QTRY_COMPARE(other.with("view_counts").size(), 1);
        t = totals({content}).value(content).toObject();
        QCOMPARE(t.value(QStringLiteral("total")).toInt(), 102);
        QCOMPARE(t.value(QStringLiteral("viewers")).toInt(), 2);
    }

    void floodIsRateLimitedPerUser()
    {
        TestServer s([](sb::ServerConfig &c) {
            c.services[QStringLiteral("pop")].edit<sb::pop::PopSettings>().viewReportsPerMinute = 5;
        });
        QVERIFY(s.ok());
        int popListener = -1;
        for (const auto &l : s.host().listeners()) {
            if (l.services.contains(QStringLiteral("pop")))
                popListener = l.id;
        }
        sb::AccountStore::Error err;
        const auto u = s.host().accounts().createUser(QStringLiteral("flood@pop.test"), QStringLiteral("pw"), QStringLiteral("member"), 0, &err);
        const QString token = s.host().accounts().issueAccessToken(u->id);
        // Two sockets of one user share the budget.
        PopClient a, b;
        QVERIFY(a.open(s.ws(QStringLiteral("/"), popListener)));
        QVERIFY(b.open(s.ws(QStringLiteral("/"), popListener)));
        QVERIFY(a.login(token));
        QVERIFY(b.login(token));
        const QString content = uuid();
        for (int i = 0; i < 6; ++i) {
            a.send(QStringLiteral(R"({"view_counts": {"%1": 1}})").arg(content).toUtf8());
            b.send(QStringLiteral(R"({"view_counts": {"%1": 1}})").arg(content).toUtf8());
        }
        QTRY_COMPARE(a.with("view_counts").size() + b.with("view_counts").size(), 12);
        int accepted = 0, limited = 0;
        for (const QJsonObject &o : a.with("view_counts") + b.with("view_counts")) {
            if (o.value(QStringLiteral("view_counts")).toBool())
                ++accepted;
            else if (o.value(QStringLiteral("detail")).toString().contains(QStringLiteral("too many")))
                ++limited;
        }
        QCOMPARE(accepted, 5);
        QCOMPARE(limited, 7);
    }

    void manyReportsAreBatched()
    {
        QList<PopClient *> clients;
        for (int i = 0; i < 4; ++i) {
            auto *c = new PopClient;
            QVERIFY(c->open(url(), &tls));
            QVERIFY(c->login(i % 2 ? annToken : benToken));
            clients.append(c);
        }
        const qint64 commits0 = counter(&sb::ServiceCountersSnapshot::storeCommits);
        const qint64 rows0 = counter(&sb::ServiceCountersSnapshot::storeRows);
        // 4 sockets of 2 users, 8 reports each: within the per-user budget (40/min).
        for (int n = 0; n < 8; ++n) {
            for (PopClient *c : clients)
                c->send(QStringLiteral(R"({"view_counts": {"%1": 1}})").arg(uuid()).toUtf8());
        }
        for (PopClient *c : clients)
            QTRY_COMPARE(c->with("view_counts").size(), 8);
        const qint64 rows = counter(&sb::ServiceCountersSnapshot::storeRows) - rows0;
        const qint64 commits = counter(&sb::ServiceCountersSnapshot::storeCommits) - commits0;
        QCOMPARE(rows, 32);
        QVERIFY2(commits < rows, qPrintable(QStringLiteral("%1 commits for %2 reports").arg(commits).arg(rows)));
        qDeleteAll(clients);
    }
};

QTEST_GUILESS_MAIN(TestPop)
#include "tst_pop.moc"
