// The fan-out helper, the Broker seam and the hubs on their own: what each hub publishes (to
// which topic, with which payload, for which sessions) is read from a Broker that records
// instead of delivering — a second Broker implementation, added without touching a service.
#include "accounts/accesswatcher.h"
#include "accounts/passwordwork.h"
#include "broker/broker.h"
#include "net/worker.h"
#include "servercontext.h"
#include "store/database.h"
#include "services/channels/channelhub.h"
#include "services/felix/felixhub.h"
#include "services/roomhub.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QThread>

#include <algorithm>

using namespace sb;

namespace {

class RecordingBroker final : public Broker
{
public:
    struct Published {
        QString stream;
        BrokerMessage message;
    };
    QList<Published> published;
    QHash<QString, BrokerSubscriber *> hubs;

    std::unique_ptr<BrokerStream> subscribe(const QString &stream, BrokerSubscriber *hub) override
    {
        hubs.insert(stream, hub);
        return std::make_unique<Stream>(this, stream);
    }
    QList<Published> take() { return std::exchange(published, {}); }

private:
    class Stream final : public BrokerStream
    {
    public:
        Stream(RecordingBroker *b, QString name) : m_b(b), m_name(std::move(name)) {}
        void publish(const BrokerMessage &m) override { m_b->published.append({m_name, m}); }

    private:
        RecordingBroker *m_b;
        QString m_name;
    };
};

// The session ids a message names, sorted.
QList<quint64> ids(const BrokerMessage &m)
{
    QList<quint64> out;
    for (const auto &batch : m.to)
        out += batch.second;
    std::sort(out.begin(), out.end());
    return out;
}

QJsonObject json(const QByteArray &prefix)
{
    return QJsonDocument::fromJson(prefix + '}').object();  // a channel event prefix, closed
}

class Listener final : public channels::ChannelSubscriber
{
public:
    Listener(QString id, Worker *w, quint64 sid) : m_id(std::move(id)), m_w(w), m_sid(sid) {}
    QString clientId() const override { return m_id; }
    Worker *worker() const override { return m_w; }
    quint64 subscriberId() const override { return m_sid; }
    void deliver(const QByteArray &) override {}

private:
    QString m_id;
    Worker *m_w;
    quint64 m_sid;
};

}  // namespace

class TestHubs : public QObject
{
    Q_OBJECT

    ServerContext m_ctx;
    std::unique_ptr<Worker> m_here;  // on the test thread
    Worker *m_there = nullptr;       // on its own thread
    QThread m_thread;

private slots:
    void initTestCase()
    {
        m_here = std::make_unique<Worker>(0, m_ctx);
        m_there = new Worker(1, m_ctx);
        m_there->moveToThread(&m_thread);
        connect(&m_thread, &QThread::finished, m_there, &QObject::deleteLater);
        m_thread.start();
    }
    void cleanupTestCase()
    {
        m_thread.quit();
        m_thread.wait();
    }

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
        auto sa = broker.subscribe(QStringLiteral("a"), &a);
        auto sb = broker.subscribe(QStringLiteral("b"), &b);
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

    // ---- ChannelHub --------------------------------------------------------------------

    void channelJoinSendsConnectedToTheNewcomerAndJoinedToTheOthers()
    {
        RecordingBroker broker;
        channels::ChannelHub hub(broker, QStringLiteral("channels"), {});
        Listener a(QStringLiteral("client_a"), m_here.get(), 1), b(QStringLiteral("client_b"), m_there, 2);
        hub.join(QStringLiteral("news"), &a, R"({"n":1})", {});
        auto p = broker.take();
        QCOMPARE(p.size(), 1);
        QCOMPARE(p[0].message.topic, QStringLiteral("news"));
        QCOMPARE(ids(p[0].message), QList<quint64>{1});
        QCOMPARE(json(p[0].message.payload).value(QStringLiteral("type")).toString(), QStringLiteral("CONNECTED"));

        const auto joined = hub.join(QStringLiteral("news"), &b, R"({"n":2})", {});
        QCOMPARE(joined.members.size(), 2);
        p = broker.take();
        QCOMPARE(p.size(), 2);
        const QJsonObject connected = json(p[0].message.payload);
        QCOMPARE(ids(p[0].message), QList<quint64>{2});
        QCOMPARE(connected.value(QStringLiteral("payload")).toObject().value(QStringLiteral("members")).toArray().size(), 2);
        const QJsonObject join = json(p[1].message.payload);
        QCOMPARE(ids(p[1].message), QList<quint64>{1});
        QCOMPARE(join.value(QStringLiteral("type")).toString(), QStringLiteral("PRESENCE:JOINED"));
        QCOMPARE(join.value(QStringLiteral("payload")).toObject().value(QStringLiteral("clientID")).toString(), QStringLiteral("client_b"));

        QVERIFY(hub.updatePresence(QStringLiteral("news"), QStringLiteral("client_b"), R"({"n":3})"));
        p = broker.take();
        QCOMPARE(ids(p[0].message), (QList<quint64>{1, 2}));  // the updater too
        QCOMPARE(json(p[0].message.payload).value(QStringLiteral("type")).toString(), QStringLiteral("PRESENCE:UPDATED"));
        QVERIFY(!hub.updatePresence(QStringLiteral("news"), QStringLiteral("client_x"), "{}"));

        hub.leave(QStringLiteral("news"), QStringLiteral("client_a"));
        p = broker.take();
        QCOMPARE(p.size(), 1);
        QCOMPARE(ids(p[0].message), QList<quint64>{2});
        QCOMPARE(json(p[0].message.payload).value(QStringLiteral("type")).toString(), QStringLiteral("PRESENCE:LEFT"));
        hub.leave(QStringLiteral("news"), QStringLiteral("client_a"));  // unknown now: nothing
        QVERIFY(broker.take().isEmpty());
    }

    void channelEmitReachesTheChosenMembers()
    {
        RecordingBroker broker;
        channels::ChannelHub hub(broker, QStringLiteral("channels"), {});
        std::vector<std::unique_ptr<Listener>> ls;
        for (quint64 i = 1; i <= 5; ++i) {
            ls.push_back(std::make_unique<Listener>(QStringLiteral("client_%1").arg(i), i % 2 ? m_here.get() : m_there, i));
            hub.join(QStringLiteral("c"), ls.back().get(), "{}", {});
        }
        broker.take();
        using T = channels::ChannelHub::Target;

        auto r = hub.publish(QStringLiteral("c"), R"({"x":1})", T::All, 0, {}, false);
        auto p = broker.take();
        QCOMPARE(ids(p[0].message), (QList<quint64>{1, 2, 3, 4, 5}));
        QCOMPARE(int(p[0].message.to.workers()), 2);
        QCOMPARE(json(p[0].message.payload).value(QStringLiteral("eventID")).toString(), r.eventId);
        QCOMPARE(r.delivered.size(), 5);

        r = hub.publish(QStringLiteral("c"), "1", T::Random, 3, {}, false);
        p = broker.take();
        QCOMPARE(int(ids(p[0].message).size()), 3);
        QCOMPARE(QSet<QString>(r.delivered.begin(), r.delivered.end()).size(), 3);

        r = hub.publish(QStringLiteral("c"), "1", T::Listed, 0, {QStringLiteral("client_2"), QStringLiteral("client_9"), QStringLiteral("client_2")}, true);
        p = broker.take();
        QCOMPARE(ids(p[0].message), QList<quint64>{2});
        QCOMPARE(r.missing, QStringList{QStringLiteral("client_9")});
        QVERIFY(json(p[0].message.payload).value(QStringLiteral("requires_ack")).toBool());

        r = hub.publish(QStringLiteral("nobody"), "1", T::Listed, 0, {QStringLiteral("client_1")}, false);
        QVERIFY(broker.take().isEmpty());
        QCOMPARE(r.missing, QStringList{QStringLiteral("client_1")});
        for (const auto &l : ls)
            hub.leave(QStringLiteral("c"), l->clientId());
    }

    void channelJoinWithSinceReplaysWhatFollowed()
    {
        RecordingBroker broker;
        channels::ChannelHub hub(broker, QStringLiteral("channels"), {});
        using T = channels::ChannelHub::Target;
        const QString first = hub.publish(QStringLiteral("c"), "1", T::All, 0, {}, false).eventId;
        hub.publish(QStringLiteral("c"), "2", T::All, 0, {}, true);  // awaited live, never on replay
        hub.publish(QStringLiteral("c"), "3", T::All, 0, {}, false);
        broker.take();
        Listener a(QStringLiteral("client_a"), m_here.get(), 1);
        QVERIFY(hub.join(QStringLiteral("c"), &a, "{}", first).recovered);
        auto p = broker.take();
        QCOMPARE(p.size(), 3);  // CONNECTED, then the two events after `first`
        QCOMPARE(json(p[0].message.payload).value(QStringLiteral("payload")).toObject().value(QStringLiteral("recovered")).toBool(), true);
        QCOMPARE(json(p[1].message.payload).value(QStringLiteral("payload")).toInt(), 2);
        QVERIFY(!json(p[1].message.payload).contains(QStringLiteral("requires_ack")));
        QCOMPARE(json(p[2].message.payload).value(QStringLiteral("payload")).toInt(), 3);
        hub.leave(QStringLiteral("c"), QStringLiteral("client_a"));

        Listener b(QStringLiteral("client_b"), m_here.get(), 2);
        QVERIFY(!hub.join(QStringLiteral("c"), &b, "{}", QStringLiteral("evt_unknown")).recovered);
        p = broker.take();
        QCOMPARE(p.size(), 1);
        QCOMPARE(json(p[0].message.payload).value(QStringLiteral("payload")).toObject().value(QStringLiteral("recovered")).toBool(), false);
        hub.leave(QStringLiteral("c"), QStringLiteral("client_b"));
    }

    void channelHistoryStaysWithinItsBounds()
    {
        RecordingBroker broker;
        channels::ChannelHub hub(broker, QStringLiteral("channels"), {5, 300'000, 4000, 10'000});
        using T = channels::ChannelHub::Target;
        const QByteArray kb = '"' + QByteArray(1000, 'k') + '"';
        QStringList events;
        for (int i = 0; i < 8; ++i)
            events << hub.publish(QStringLiteral("one"), "1", T::All, 0, {}, false).eventId;
        Listener a(QStringLiteral("client_a"), m_here.get(), 1);
        QVERIFY(!hub.join(QStringLiteral("one"), &a, "{}", events[2]).recovered);  // beyond 5 events
        QVERIFY(hub.join(QStringLiteral("one"), &a, "{}", events[3]).recovered);
        hub.leave(QStringLiteral("one"), QStringLiteral("client_a"));
        hub.leave(QStringLiteral("one"), QStringLiteral("client_a"));
        // Bytes: per channel 4000, over all 10,000; a 5 KB event is not kept at all.
        for (int c = 0; c < 6; ++c) {
            for (int i = 0; i < 3; ++i)
                hub.publish(QStringLiteral("ch%1").arg(c), kb, T::All, 0, {}, false);
            QVERIFY2(hub.historyBytes() <= 10'000, qPrintable(QString::number(hub.historyBytes())));
        }
        hub.publish(QStringLiteral("big"), '"' + QByteArray(5000, 'b') + '"', T::All, 0, {}, false);
        QVERIFY(hub.historyBytes() <= 10'000);
        QVERIFY(hub.historyBytes() >= 3 * 1000);  // the newest survive
    }

    // ---- FelixHub ----------------------------------------------------------------------

    void felixChangesArePublishedAsPushes()
    {
        RecordingBroker broker;
        felix::FelixHub hub(broker, QStringLiteral("felix"));
        hub.changed(felix::Kind::Guild, QStringLiteral("g1"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Guild")}});
        hub.changed(felix::Kind::User, QStringLiteral("u1"), std::nullopt);
        const auto p = broker.take();
        QCOMPARE(p.size(), 2);
        QCOMPARE(p[0].message.topic, QStringLiteral("g1"));
        QCOMPARE(p[0].message.kind, int(felix::Kind::Guild));
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
