// The fan-out helper, the Broker seam and the hubs on their own: what each hub publishes (to
// which topic, with which payload, for which sessions) is read from a Broker that records
// instead of delivering (hubtest.h). The channels' hub: tst_channelhub.cpp.
#include "hubtest.h"
#include "services/felix/felixhub.h"
#include "services/roomhub.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>

using namespace sb;
using namespace sbtest;

class TestHubs : public HubFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { startWorkers(); }
    void cleanupTestCase() { stopWorkers(); }

    // ---- fan-out -----------------------------------------------------------------------

    void fanoutGroupsByWorkerInFirstSeenOrder()
    {
        FanoutBatches b;
        QVERIFY(b.isEmpty());
        b.add(m_there, 7);
        b.add(m_here.get(), 1);
        b.add(m_there, 8);
        b.add({m_here.get(), 2});
        QCOMPARE(int(b.workers()), 2);
        QCOMPARE(int(b.recipients()), 4);
        auto it = b.begin();
        QCOMPARE(it->first, m_there);
        QCOMPARE(it->second, (QList<quint64>{7, 8}));
        ++it;
        QCOMPARE(it->first, m_here.get());
        QCOMPARE(it->second, (QList<quint64>{1, 2}));
    }

    void fanoutPostsOneBatchPerWorkerOnItsThread()
    {
        FanoutBatches b;
        for (quint64 id = 1; id <= 100; ++id)
            b.add(id % 2 ? m_there : m_here.get(), id);
        QMutex mutex;
        QList<std::pair<QThread *, QList<quint64>>> calls;
        b.post([&](Worker *w, const QList<quint64> &ids) {
            QCOMPARE(w->thread(), QThread::currentThread());
            QMutexLocker lock(&mutex);
            calls.append({QThread::currentThread(), ids});
        });
        {
            QMutexLocker lock(&mutex);
            QVERIFY(calls.isEmpty() || calls.first().first == &m_thread);  // nothing ran here yet
        }
        QTRY_COMPARE([&] { QMutexLocker lock(&mutex); return calls.size(); }(), 2);
        QMutexLocker lock(&mutex);
        for (const auto &c : calls) {
            QCOMPARE(c.second.size(), 50);
            QCOMPARE(c.second.first(), quint64(c.first == &m_thread ? 1 : 2));  // in the order added
        }
    }

    void fanoutRunsTheCallersOwnWorkerRightAway()
    {
        FanoutBatches b;
        b.add(m_here.get(), 1);
        b.add(m_there, 2);
        QList<quint64> here;
        std::atomic<int> there{0};
        b.postOrRun([&](Worker *w, const QList<quint64> &ids) {
            if (w == m_here.get())
                here += ids;
            else
                there.fetch_add(int(ids.size()));
        });
        QCOMPARE(here, QList<quint64>{1});  // before postOrRun returned
        QTRY_COMPARE(there.load(), 1);
    }

    // ---- the embedded broker -----------------------------------------------------------

    void localBrokerHandsEachMessageToItsOwnHubAtOnce()
    {
        struct Hub final : BrokerSubscriber {
            QList<BrokerMessage> got;
            void receive(const BrokerMessage &m) override { got.append(m); }
        } a, b;
        LocalBroker broker;
        auto sa = broker.subscribe(QStringLiteral("a"), &a, Delivery::LocalFirst);
        auto sb = broker.subscribe(QStringLiteral("b"), &b, Delivery::Ordered);
        const QByteArray payload(1000, 'x');
        sa->publish({QStringLiteral("room"), payload, 2, 5, {}});
        QCOMPARE(a.got.size(), 1);
        QCOMPARE(b.got.size(), 0);
        QCOMPARE(a.got[0].topic, QStringLiteral("room"));
        QCOMPARE(a.got[0].kind, 2);
        QCOMPARE(a.got[0].except, quint64(5));
        QCOMPARE(a.got[0].payload.constData(), payload.constData());  // shared, not copied
    }

    // ---- RoomHub -----------------------------------------------------------------------

    void roomHubPublishesRelaysToTheRoomTopic()
    {
        RecordingBroker broker;
        RoomHub hub(broker, QStringLiteral("generic"));
        QCOMPARE(broker.hubs.value(QStringLiteral("generic")), &hub);
        hub.join(QStringLiteral("lobby"), m_here.get(), 1);
        hub.join(QStringLiteral("lobby"), m_there, 2);
        hub.join(QStringLiteral("kitchen"), m_here.get(), 3);
        QCOMPARE(hub.roomSizes(), (QHash<QString, int>{{QStringLiteral("lobby"), 2}, {QStringLiteral("kitchen"), 1}}));
        hub.relayText(QStringLiteral("lobby"), 1, QStringLiteral("héllo"));
        hub.relayBinary(QStringLiteral("kitchen"), 0, QByteArray("\x00\x01", 2));
        const auto p = broker.take();
        QCOMPARE(p.size(), 2);
        QCOMPARE(p[0].message.topic, QStringLiteral("lobby"));
        QCOMPARE(p[0].message.payload, QStringLiteral("héllo").toUtf8());
        QCOMPARE(p[0].message.kind, int(wsframe::Text));
        QCOMPARE(p[0].message.except, quint64(1));
        QVERIFY(p[0].message.to.isEmpty());  // every member of the room, wherever it is
        QCOMPARE(p[1].message.kind, int(wsframe::Binary));
        QCOMPARE(p[1].message.except, quint64(0));
        hub.leave(QStringLiteral("lobby"), 1);
        hub.leave(QStringLiteral("lobby"), 2);
        QVERIFY(!hub.roomSizes().contains(QStringLiteral("lobby")));  // empty rooms go
    }

    // ---- FelixHub ----------------------------------------------------------------------

    void felixChangesArePublishedAsPushes()
    {
        RecordingBroker broker;
        felix::FelixHub hub(broker, QStringLiteral("felix"));
        hub.changed(felix::Kind::Guild, QStringLiteral("g1"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Guild")}}, 7);
        hub.changed(felix::Kind::User, QStringLiteral("u1"), std::nullopt, 8);
        const auto p = broker.take();
        QCOMPARE(p.size(), 2);
        QCOMPARE(p[0].message.topic, QStringLiteral("g1"));
        QCOMPARE(p[0].message.kind, int(felix::Kind::Guild));
        QCOMPARE(p[0].message.order, 7);  // its place in the commit order travels with it
        QCOMPARE(p[1].message.order, 8);
        const QJsonObject guild = QJsonDocument::fromJson(p[0].message.payload).object();
        QCOMPARE(guild.value(QStringLiteral("code")).toInt(), 10002);
        QCOMPARE(guild.value(QStringLiteral("data")).toObject().value(QStringLiteral("guildData")).toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("Guild"));
        const QJsonObject user = QJsonDocument::fromJson(p[1].message.payload).object();
        QCOMPARE(user.value(QStringLiteral("code")).toInt(), 10003);
        QVERIFY(user.value(QStringLiteral("data")).toObject().value(QStringLiteral("userData")).isNull());
    }

    void felixSubscriptionsAreReplacedWhole()
    {
        RecordingBroker broker;
        felix::FelixHub hub(broker, QStringLiteral("felix"));
        const felix::Subscriber s1{m_here.get(), 1}, s2{m_there, 2};
        hub.subscribe(s1, {QStringLiteral("u1")}, {QStringLiteral("g1"), QStringLiteral("g2")});
        hub.subscribe(s2, {}, {QStringLiteral("g1")});
        QJsonObject subs = hub.subscriptions();
        QCOMPARE(subs.value(QStringLiteral("guilds")).toObject().value(QStringLiteral("g1")).toInt(), 2);
        QCOMPARE(subs.value(QStringLiteral("users")).toObject().value(QStringLiteral("u1")).toInt(), 1);
        hub.subscribe(s1, {}, {QStringLiteral("g2")});  // 20002 replaces
        subs = hub.subscriptions();
        QCOMPARE(subs.value(QStringLiteral("guilds")).toObject().value(QStringLiteral("g1")).toInt(), 1);
        QVERIFY(subs.value(QStringLiteral("users")).toObject().isEmpty());
        hub.unsubscribeAll(s1);
        hub.unsubscribeAll(s2);
        subs = hub.subscriptions();
        QVERIFY(subs.value(QStringLiteral("guilds")).toObject().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHubs)
#include "tst_hubs.moc"
