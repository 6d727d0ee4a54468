// The channels' hub on its own (hubtest.h): who is told what when members join, emit and
// leave, replay after `since`, the history's bounds, operations encoded for the broker, and
// several nodes applying one ordered log of operations.
#include "hubtest.h"
#include "services/channels/ackregistry.h"
#include "services/channels/channelhub.h"
#include "services/channels/channelops.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>

#include <algorithm>

using namespace sb;
using namespace sbtest;

namespace {

QJsonObject json(const QByteArray &prefix)
{
    return QJsonDocument::fromJson(prefix + '}').object();  // a channel event prefix, closed
}

// A channel member that records what it is sent (on its worker's thread).
class Listener final : public channels::ChannelSubscriber
{
public:
    Listener(QString id, Worker *w, quint64 sid) : m_id(std::move(id)), m_w(w), m_sid(sid) {}
    QString clientId() const override { return m_id; }
    Worker *worker() const override { return m_w; }
    quint64 subscriberId() const override { return m_sid; }
    void deliver(const QByteArray &prefix) override
    {
        QMutexLocker lock(&m_mutex);
        m_got.append(json(prefix));
    }
    QList<QJsonObject> got() const
    {
        QMutexLocker lock(&m_mutex);
        return m_got;
    }
    QList<QJsonObject> take()
    {
        QMutexLocker lock(&m_mutex);
        return std::exchange(m_got, {});
    }
    QStringList types() const
    {
        QStringList out;
        for (const QJsonObject &o : got())
            out.append(o.value(QStringLiteral("type")).toString());
        return out;
    }

private:
    QString m_id;
    Worker *m_w;
    quint64 m_sid;
    mutable QMutex m_mutex;
    QList<QJsonObject> m_got;
};

// Several nodes' brokers over one ordered log, as Redis gives it: every message published
// on any node reaches every node's hub of the stream, in one order. Delivery is synchronous
// (and in publishing order) unless held, so that a test can interleave nodes.
class ClusterLog
{
public:
    class Node final : public Broker
    {
    public:
        Node(ClusterLog &log, QString name) : m_log(log), m_name(std::move(name)) {}
        std::unique_ptr<BrokerStream> subscribe(const QString &stream, BrokerSubscriber *hub, Delivery) override
        {
            m_log.hubs.append({stream, hub});
            return std::make_unique<Stream>(m_log, stream);
        }
        QString node() const override { return m_name; }

    private:
        ClusterLog &m_log;
        QString m_name;
    };
    void hold() { m_held = true; }
    void release()
    {
        m_held = false;
        while (!m_queue.isEmpty()) {
            const auto [stream, m] = m_queue.takeFirst();
            for (const auto &[s, hub] : std::as_const(hubs)) {
                if (s == stream)
                    hub->receive(m);
            }
        }
    }
    QList<std::pair<QString, BrokerSubscriber *>> hubs;

private:
    class Stream final : public BrokerStream
    {
    public:
        Stream(ClusterLog &log, QString name) : m_log(log), m_name(std::move(name)) {}
        void publish(const BrokerMessage &m) override
        {
            m_log.m_queue.append({m_name, m});
            if (!m_log.m_held)
                m_log.release();
        }

    private:
        ClusterLog &m_log;
        QString m_name;
    };
    QList<std::pair<QString, BrokerMessage>> m_queue;
    bool m_held = false;
};

QStringList memberIds(const QJsonObject &connected)
{
    QStringList out;
    for (const QJsonValue &m : connected.value(QStringLiteral("payload")).toObject().value(QStringLiteral("members")).toArray())
        out.append(m.toObject().value(QStringLiteral("clientID")).toString());
    return out;
}

}  // namespace

class TestChannelHub : public HubFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { startWorkers(); }
    void cleanupTestCase() { stopWorkers(); }

    // ---- ChannelHub --------------------------------------------------------------------

    void channelJoinSendsConnectedToTheNewcomerAndJoinedToTheOthers()
    {
        LocalBroker broker;
        channels::ChannelHub hub(broker, QStringLiteral("channels"), {});
        Listener a(QStringLiteral("client_a"), m_here.get(), 1), b(QStringLiteral("client_b"), m_there, 2);
        hub.subscribers().add(&a);
        hub.subscribers().add(&b);
        hub.join(QStringLiteral("news"), &a, R"({"n":1})", {});
        QTRY_COMPARE(a.types(), QStringList{QStringLiteral("CONNECTED")});
        QCOMPARE(memberIds(a.take()[0]), QStringList{QStringLiteral("client_a")});

        hub.join(QStringLiteral("news"), &b, R"({"n":2})", {});
        QTRY_COMPARE(b.types(), QStringList{QStringLiteral("CONNECTED")});
        QCOMPARE(memberIds(b.take()[0]), (QStringList{QStringLiteral("client_a"), QStringLiteral("client_b")}));
        QTRY_COMPARE(a.types(), QStringList{QStringLiteral("PRESENCE:JOINED")});
        QCOMPARE(a.take()[0].value(QStringLiteral("payload")).toObject().value(QStringLiteral("clientID")).toString(), QStringLiteral("client_b"));
        QCOMPARE(hub.members(QStringLiteral("news")).size(), 2);

        QVERIFY(hub.updatePresence(QStringLiteral("news"), QStringLiteral("client_b"), R"({"n":3})"));
        QTRY_COMPARE(a.types(), QStringList{QStringLiteral("PRESENCE:UPDATED")});  // the others ...
        QTRY_COMPARE(b.types(), QStringList{QStringLiteral("PRESENCE:UPDATED")});  // ... and the updater
        QVERIFY(!hub.updatePresence(QStringLiteral("news"), QStringLiteral("client_x"), "{}"));
        a.take();
        b.take();

        hub.leave(QStringLiteral("news"), QStringLiteral("client_a"));
        QTRY_COMPARE(b.types(), QStringList{QStringLiteral("PRESENCE:LEFT")});
        hub.leave(QStringLiteral("news"), QStringLiteral("client_a"));  // unknown now: nothing
        QTest::qWait(50);
        QCOMPARE(b.types().size(), 1);
        QVERIFY(a.got().isEmpty());
        hub.leave(QStringLiteral("news"), QStringLiteral("client_b"));
        settle();
    }

    void channelEmitReachesTheChosenMembers()
    {
        LocalBroker broker;
        channels::ChannelHub hub(broker, QStringLiteral("channels"), {});
        std::vector<std::unique_ptr<Listener>> ls;
        for (quint64 i = 1; i <= 5; ++i) {
            ls.push_back(std::make_unique<Listener>(QStringLiteral("client_%1").arg(i), i % 2 ? m_here.get() : m_there, i));
            hub.subscribers().add(ls.back().get());
            hub.join(QStringLiteral("c"), ls.back().get(), "{}", {});
        }
        QTRY_VERIFY(std::all_of(ls.begin(), ls.end(), [](const auto &l) { return l->types().size() == 6 - l->clientId().right(1).toInt(); }));
        for (const auto &l : ls)
            l->take();
        using T = channels::ChannelHub::Target;
        auto dataCount = [&] {
            int n = 0;
            for (const auto &l : ls)
                n += int(l->types().count(QStringLiteral("DATA")));
            return n;
        };

        auto r = hub.publish(QStringLiteral("c"), R"({"x":1})", T::All, 0, {}, false);
        QCOMPARE(r.delivered.size(), 5);
        QTRY_COMPARE(dataCount(), 5);
        QCOMPARE(ls[3]->got()[0].value(QStringLiteral("eventID")).toString(), r.eventId);
        for (const auto &l : ls)
            l->take();

        r = hub.publish(QStringLiteral("c"), "1", T::Random, 3, {}, false);
        QCOMPARE(QSet<QString>(r.delivered.begin(), r.delivered.end()).size(), 3);
        QTRY_COMPARE(dataCount(), 3);
        for (const auto &l : ls)
            QCOMPARE(l->types().size(), r.delivered.contains(l->clientId()) ? 1 : 0);
        for (const auto &l : ls)
            l->take();

        r = hub.publish(QStringLiteral("c"), "1", T::Listed, 0, {QStringLiteral("client_2"), QStringLiteral("client_9"), QStringLiteral("client_2")}, true);
        QCOMPARE(r.delivered, QStringList{QStringLiteral("client_2")});
        QCOMPARE(r.missing, QStringList{QStringLiteral("client_9")});
        QTRY_COMPARE(dataCount(), 1);
        QVERIFY(ls[1]->got()[0].value(QStringLiteral("requires_ack")).toBool());

        r = hub.publish(QStringLiteral("nobody"), "1", T::Listed, 0, {QStringLiteral("client_1")}, false);
        QCOMPARE(r.missing, QStringList{QStringLiteral("client_1")});
        for (const auto &l : ls)
            hub.leave(QStringLiteral("c"), l->clientId());
        settle();
    }

    void channelJoinWithSinceReplaysWhatFollowed()
    {
        LocalBroker broker;
        channels::ChannelHub hub(broker, QStringLiteral("channels"), {});
        using T = channels::ChannelHub::Target;
        const QString first = hub.publish(QStringLiteral("c"), "1", T::All, 0, {}, false).eventId;
        hub.publish(QStringLiteral("c"), "2", T::All, 0, {}, true);  // awaited live, never on replay
        hub.publish(QStringLiteral("c"), "3", T::All, 0, {}, false);
        Listener a(QStringLiteral("client_a"), m_here.get(), 1);
        hub.subscribers().add(&a);
        hub.join(QStringLiteral("c"), &a, "{}", first);
        QTRY_COMPARE(a.got().size(), 3);  // CONNECTED, then the two events after `first`
        const auto p = a.take();
        QCOMPARE(p[0].value(QStringLiteral("payload")).toObject().value(QStringLiteral("recovered")).toBool(), true);
        QCOMPARE(p[1].value(QStringLiteral("payload")).toInt(), 2);
        QVERIFY(!p[1].contains(QStringLiteral("requires_ack")));
        QCOMPARE(p[2].value(QStringLiteral("payload")).toInt(), 3);
        hub.leave(QStringLiteral("c"), QStringLiteral("client_a"));

        Listener b(QStringLiteral("client_b"), m_here.get(), 2);
        hub.subscribers().add(&b);
        hub.join(QStringLiteral("c"), &b, "{}", QStringLiteral("evt_unknown"));
        QTRY_COMPARE(b.got().size(), 1);
        QCOMPARE(b.got()[0].value(QStringLiteral("payload")).toObject().value(QStringLiteral("recovered")).toBool(), false);
        hub.leave(QStringLiteral("c"), QStringLiteral("client_b"));
        settle();
    }

    void channelHistoryStaysWithinItsBounds()
    {
        LocalBroker broker;
        channels::ChannelHub hub(broker, QStringLiteral("channels"), {5, 300'000, 4000, 10'000});
        using T = channels::ChannelHub::Target;
        const QByteArray kb = '"' + QByteArray(1000, 'k') + '"';
        QStringList events;
        for (int i = 0; i < 8; ++i)
            events << hub.publish(QStringLiteral("one"), "1", T::All, 0, {}, false).eventId;
        Listener a(QStringLiteral("client_a"), m_here.get(), 1);
        hub.subscribers().add(&a);
        hub.join(QStringLiteral("one"), &a, "{}", events[2]);  // beyond 5 events
        QTRY_COMPARE(a.got().size(), 1);
        QCOMPARE(a.take()[0].value(QStringLiteral("payload")).toObject().value(QStringLiteral("recovered")).toBool(), false);
        hub.leave(QStringLiteral("one"), QStringLiteral("client_a"));
        hub.join(QStringLiteral("one"), &a, "{}", events[3]);
        QTRY_COMPARE(a.got().size(), 5);  // CONNECTED and events 4 to 7
        QCOMPARE(a.got()[0].value(QStringLiteral("payload")).toObject().value(QStringLiteral("recovered")).toBool(), true);
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
        settle();
    }

    void channelOperationsTravelEncoded()
    {
        channels::ChannelOp op;
        op.kind = channels::ChannelOp::Snapshot;
        op.node = QStringLiteral("nöde");
        op.channel = QStringLiteral("c");
        op.presence = R"({"a":"\u00e9"})";
        op.all = true;
        op.requiresAck = true;
        op.ids = {QStringLiteral("client_1"), QStringLiteral("client_2")};
        op.members = {{QStringLiteral("c1"), QStringLiteral("client_3"), "{}"}, {QStringLiteral("c2"), QStringLiteral("client_4"), "{\"x\":1}"}};
        const auto back = channels::ChannelOp::decode(op.encode());
        QVERIFY(back);
        QCOMPARE(back->kind, op.kind);
        QCOMPARE(back->node, op.node);
        QCOMPARE(back->presence, op.presence);
        QVERIFY(back->all && back->requiresAck);
        QCOMPARE(back->ids, op.ids);
        QCOMPARE(back->members.size(), 2);
        QCOMPARE(back->members[1].presence, QByteArray("{\"x\":1}"));
        QVERIFY(!channels::ChannelOp::decode(op.encode().chopped(1)));  // truncated: refused
        QVERIFY(!channels::ChannelOp::decode("\x09"));
    }

    // Two nodes over one ordered log (what Redis gives a cluster).
    void channelsSpanNodesInOneOrder()
    {
        ClusterLog log;
        ClusterLog::Node na(log, QStringLiteral("a")), nb(log, QStringLiteral("b"));
        channels::AckRegistry acksA, acksB;
        channels::ChannelHub a(na, QStringLiteral("channels"), {}, &acksA), b(nb, QStringLiteral("channels"), {}, &acksB);
        Listener x(QStringLiteral("client_x"), m_here.get(), 1), y(QStringLiteral("client_y"), m_here.get(), 2),
            z(QStringLiteral("client_z"), m_there, 3);
        a.subscribers().add(&x);
        b.subscribers().add(&y);
        b.subscribers().add(&z);
        a.join(QStringLiteral("c"), &x, R"({"on":"a"})", {});
        b.join(QStringLiteral("c"), &y, R"({"on":"b"})", {});
        QTRY_COMPARE(y.types(), QStringList{QStringLiteral("CONNECTED")});
        QCOMPARE(memberIds(y.got()[0]), (QStringList{QStringLiteral("client_x"), QStringLiteral("client_y")}));  // both nodes'
        QTRY_COMPARE(x.types(), (QStringList{QStringLiteral("CONNECTED"), QStringLiteral("PRESENCE:JOINED")}));
        QCOMPARE(a.members(QStringLiteral("c")).last().node, QStringLiteral("b"));

        // Concurrent joins on both nodes: every member sees the same order.
        log.hold();
        b.join(QStringLiteral("c"), &z, "{}", {});
        a.updatePresence(QStringLiteral("c"), QStringLiteral("client_x"), R"({"on":"a2"})");
        log.release();
        QTRY_COMPARE(z.types(), (QStringList{QStringLiteral("CONNECTED"), QStringLiteral("PRESENCE:UPDATED")}));
        QTRY_COMPARE(y.types().mid(1), (QStringList{QStringLiteral("PRESENCE:JOINED"), QStringLiteral("PRESENCE:UPDATED")}));
        QTRY_COMPARE(x.types().mid(2), (QStringList{QStringLiteral("PRESENCE:JOINED"), QStringLiteral("PRESENCE:UPDATED")}));

        // An emit on A reaches B's members; random picks come from both nodes; history and
        // ?since= recovery are the same on both.
        using T = channels::ChannelHub::Target;
        const auto all = a.publish(QStringLiteral("c"), "1", T::All, 0, {}, false);
        QCOMPARE(all.delivered.size(), 3);
        QTRY_COMPARE(z.types().count(QStringLiteral("DATA")), 1);
        const auto three = a.publish(QStringLiteral("c"), "2", T::Random, 3, {}, false);
        QCOMPARE(three.delivered.size(), 3);
        QTRY_COMPARE(y.types().count(QStringLiteral("DATA")), 2);
        a.publish(QStringLiteral("c"), "3", T::All, 0, {}, false);

        // An ACK on B completes the wait on A.
        bool complete = false;
        const auto awaited = a.publish(QStringLiteral("c"), "4", T::Listed, 0, {QStringLiteral("client_z")}, true, [&](const channels::EmitResult &r) {
            acksA.expect(r.eventId, r.delivered, [&](const channels::AckOutcome &o) { complete = o.complete; });
        });
        b.ack(awaited.eventId, QStringLiteral("client_z"));
        QVERIFY(complete);

        Listener w(QStringLiteral("client_w"), m_here.get(), 4);
        b.subscribers().add(&w);
        b.join(QStringLiteral("c"), &w, "{}", all.eventId);  // the id A gave: B has it too
        QTRY_COMPARE(w.types(), (QStringList{QStringLiteral("CONNECTED"), QStringLiteral("DATA")}));
        QCOMPARE(w.got()[0].value(QStringLiteral("payload")).toObject().value(QStringLiteral("recovered")).toBool(), true);
        QCOMPARE(w.got()[1].value(QStringLiteral("payload")).toInt(), 3);
        b.leave(QStringLiteral("c"), QStringLiteral("client_w"));

        // Node B dies (its hub hears nothing more): A sees it stop beating, its members leave.
        settle();
        x.take();
        const auto everyone = log.hubs;
        log.hubs.removeIf([&](const auto &h) { return h.second == &b; });
        a.nodesAlive({QStringLiteral("a")});
        QTRY_COMPARE(x.types(), (QStringList{QStringLiteral("PRESENCE:LEFT"), QStringLiteral("PRESENCE:LEFT")}));
        QCOMPARE(a.members(QStringLiteral("c")).size(), 1);
        a.nodesAlive({QStringLiteral("a")});  // said once
        // B was only cut off: back, it says who is there, and A sees them join again.
        log.hubs = everyone;
        b.streamReady();
        QTRY_COMPARE(x.types().mid(2), (QStringList{QStringLiteral("PRESENCE:JOINED"), QStringLiteral("PRESENCE:JOINED")}));
        QCOMPARE(a.members(QStringLiteral("c")).size(), 3);
        // B taken for gone while alive (a pause longer than its key lives): it answers the
        // NodeGone at once, and its members come back.
        settle();
        x.take();
        a.nodesAlive({QStringLiteral("a")});
        QTRY_COMPARE(x.types(), (QStringList{QStringLiteral("PRESENCE:LEFT"), QStringLiteral("PRESENCE:LEFT"), QStringLiteral("PRESENCE:JOINED"),
                                             QStringLiteral("PRESENCE:JOINED")}));
        QCOMPARE(a.members(QStringLiteral("c")).size(), 3);

        // A node that missed operations (Redis restarted) is repaired by snapshots.
        settle();
        y.take();
        log.hold();
        a.leave(QStringLiteral("c"), QStringLiteral("client_x"));
        log = ClusterLog();  // the log loses A's leave
        log.hubs = everyone;
        b.streamReady();     // B asks, A answers with what it has: nobody
        QTRY_COMPARE(y.types(), QStringList{QStringLiteral("PRESENCE:LEFT")});
        QCOMPARE(b.members(QStringLiteral("c")).size(), 2);
        b.leave(QStringLiteral("c"), QStringLiteral("client_y"));
        b.leave(QStringLiteral("c"), QStringLiteral("client_z"));
        QTRY_VERIFY(a.members(QStringLiteral("c")).isEmpty());
        settle();
    }
};

QTEST_GUILESS_MAIN(TestChannelHub)
#include "tst_channelhub.moc"
