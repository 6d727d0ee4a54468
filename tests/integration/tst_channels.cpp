// The channels service (seed 004, SPEC §4) with real QWebSocket, HTTP and raw-socket (SSE)
// clients: presence, emit with targets, ACK waits, PING/PONG, recovery, across workers.
#include "services/channels/channelservice.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>
#include <QWebSocket>

using namespace sbtest;

namespace {

const QRegularExpression kClientId(QStringLiteral("^client_[A-Za-z0-9_-]{8}$"));
const QRegularExpression kEventId(QStringLiteral("^evt_[A-Za-z0-9_-]{8}$"));

// A websockets.do client as the seed describes it: answers PING with PONG and ACKs events
// that require it (both switchable).
struct Listener {
    std::unique_ptr<QWebSocket> ws = std::make_unique<QWebSocket>();
    QList<QJsonObject> events;
    bool autoPong = true;
    bool autoAck = true;
    QString clientId;
    int closeCode = -1;

    Listener()
    {
        QObject::connect(ws.get(), &QWebSocket::textMessageReceived, ws.get(), [this](const QString &m) {
            const QJsonObject e = QJsonDocument::fromJson(m.toUtf8()).object();
            events.append(e);
            const QString type = e.value(QStringLiteral("type")).toString();
            if (type == QLatin1String("CONNECTED"))
                clientId = e.value(QStringLiteral("clientID")).toString();
            if (type == QLatin1String("PING") && autoPong)
                ws->sendTextMessage(QStringLiteral(R"({"type":"PONG"})"));
            if (type == QLatin1String("DATA") && autoAck && e.value(QStringLiteral("requires_ack")).toBool())
                ws->sendTextMessage(QStringLiteral(R"({"type":"ACK","payload":{"eventID":"%1"}})").arg(e.value(QStringLiteral("eventID")).toString()));
        });
        QObject::connect(ws.get(), &QWebSocket::disconnected, ws.get(), [this] { closeCode = ws->closeCode(); });
    }
    bool join(TestServer &s, const QString &channel, const QString &query = {}, int listener = 1)
    {
        QSignalSpy connected(ws.get(), &QWebSocket::connected);
        ws->open(s.ws(QStringLiteral("/%1/listen%2").arg(channel, query), listener));
        return connected.wait(5000) && QTest::qWaitFor([this] { return !clientId.isEmpty(); }, 5000);
    }
    QList<QJsonObject> ofType(const QString &type) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject &e : events) {
            if (e.value(QStringLiteral("type")).toString() == type)
                out.append(e);
        }
        return out;
    }
    // The member list as this client knows it: CONNECTED, then JOINED / LEFT.
    QSet<QString> knownMembers() const
    {
        QSet<QString> m;
        for (const QJsonObject &e : events) {
            const QString type = e.value(QStringLiteral("type")).toString();
            const QJsonObject p = e.value(QStringLiteral("payload")).toObject();
            if (type == QLatin1String("CONNECTED")) {
                for (const QJsonValue &v : p.value(QStringLiteral("members")).toArray())
                    m.insert(v.toObject().value(QStringLiteral("clientID")).toString());
            } else if (type == QLatin1String("PRESENCE:JOINED")) {
                m.insert(p.value(QStringLiteral("clientID")).toString());
            } else if (type == QLatin1String("PRESENCE:LEFT")) {
                m.remove(p.value(QStringLiteral("clientID")).toString());
            }
        }
        return m;
    }
};

QString presenceQuery(const QByteArray &json)
{
    return QStringLiteral("?presence=") + QString::fromLatin1(QUrl::toPercentEncoding(QString::fromUtf8(json)));
}

}  // namespace

class TestChannels : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestServer> server;

    static int channelsListener(TestServer &s)
    {
        const auto ls = s.host().listeners();
        for (const auto &l : ls) {
            if (l.services.contains(QStringLiteral("channels")))
                return l.id;
        }
        return -1;
    }
    HttpResult emitGet(const QString &channel, const QString &query)
    {
        return server->get(QStringLiteral("/%1/emit%2").arg(channel, query));
    }
    static HttpResult get(TestServer &s, const QString &path)
    {
        s.setHttpListener(channelsListener(s));
        return s.get(path);
    }
    static HttpResult post(TestServer &s, const QString &path, const QByteArray &body, const QByteArray &authorization = {})
    {
        s.setHttpListener(channelsListener(s));
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!authorization.isEmpty())
            headers.append({"Authorization", authorization});
        return s.post(path, body, headers);
    }

private slots:
    void initTestCase()
    {
        server = std::make_unique<TestServer>([](sb::ServerConfig &c) {
            c.workers = 2;
            c.services[QStringLiteral("channels")].edit<sb::channels::ChannelSettings>().ackTimeoutMs = 600;
            c.services[QStringLiteral("channels")].limits.bodyBytes = 2048;
        });
        QVERIFY2(server->ok(), qPrintable(server->error()));
        QCOMPARE(channelsListener(*server), 1);
        server->setHttpListener(1);
    }
    void cleanupTestCase() { server.reset(); }

    void connectedAndPresence()
    {
        Listener a, b;
        QVERIFY(a.join(*server, QStringLiteral("lobby"), presenceQuery(R"({"username":"Cerulean"})")));
        const QJsonObject connected = a.ofType(QStringLiteral("CONNECTED")).first();
        QVERIFY(kClientId.match(a.clientId).hasMatch());
        QVERIFY(kEventId.match(connected.value(QStringLiteral("eventID")).toString()).hasMatch());
        QCOMPARE(connected.value(QStringLiteral("latency")).toInt(-1), 0);
        const QJsonArray members = connected.value(QStringLiteral("payload")).toObject().value(QStringLiteral("members")).toArray();
        QCOMPARE(members.size(), 1);
        QCOMPARE(members[0].toObject().value(QStringLiteral("clientID")).toString(), a.clientId);
        QCOMPARE(members[0].toObject().value(QStringLiteral("presence")).toObject().value(QStringLiteral("username")).toString(), QStringLiteral("Cerulean"));

        QVERIFY(b.join(*server, QStringLiteral("lobby")));  // the other worker
        QCOMPARE(b.knownMembers(), (QSet<QString>{a.clientId, b.clientId}));
        // The dashboard's presence: each member, marked with its node in a cluster.
        QStringList shown;
        for (const sb::PresenceNode &section : server->host().presence()) {
            for (const sb::PresenceNode &channel : section.children) {
                if (section.label == QLatin1String("Channels") && channel.label == QLatin1String("lobby")) {
                    for (const sb::PresenceNode &member : channel.children)
                        shown.append(member.label);
                }
            }
        }
        const QString node = server->host().config().cluster.node;
        const QString on = node.isEmpty() ? QString() : QStringLiteral(" (on %1)").arg(node);
        QCOMPARE(shown, (QStringList{a.clientId + on, b.clientId + on}));
        QTRY_COMPARE(a.ofType(QStringLiteral("PRESENCE:JOINED")).size(), 1);
        const QJsonObject joined = a.ofType(QStringLiteral("PRESENCE:JOINED")).first();
        QCOMPARE(joined.value(QStringLiteral("clientID")).toString(), a.clientId);  // the recipient's own id
        QCOMPARE(joined.value(QStringLiteral("payload")).toObject().value(QStringLiteral("clientID")).toString(), b.clientId);
        QCOMPARE(joined.value(QStringLiteral("payload")).toObject().value(QStringLiteral("presence")).toObject(), QJsonObject());

        b.ws->sendTextMessage(QStringLiteral(R"({"type":"PRESENCE:UPDATE","payload":{"username":"Bob","typing":true}})"));
        for (Listener *l : {&a, &b}) {
            QTRY_COMPARE(l->ofType(QStringLiteral("PRESENCE:UPDATED")).size(), 1);
            const QJsonObject u = l->ofType(QStringLiteral("PRESENCE:UPDATED")).first();
            QCOMPARE(u.value(QStringLiteral("clientID")).toString(), l->clientId);
            QCOMPARE(u.value(QStringLiteral("payload")).toObject().value(QStringLiteral("clientID")).toString(), b.clientId);
            QCOMPARE(u.value(QStringLiteral("payload")).toObject().value(QStringLiteral("presence")).toObject().value(QStringLiteral("username")).toString(), QStringLiteral("Bob"));
        }
        b.ws->close();
        QTRY_COMPARE(a.ofType(QStringLiteral("PRESENCE:LEFT")).size(), 1);
        QCOMPARE(a.ofType(QStringLiteral("PRESENCE:LEFT")).first().value(QStringLiteral("payload")).toObject().value(QStringLiteral("clientID")).toString(), b.clientId);
        // Every server message carries the five fields.
        for (const QJsonObject &e : a.events) {
            for (const char *key : {"type", "payload", "eventID", "clientID", "latency"})
                QVERIFY2(e.contains(QLatin1String(key)), QJsonDocument(e).toJson().constData());
        }
    }

    void emitToEveryone()
    {
        Listener a, b;
        QVERIFY(a.join(*server, QStringLiteral("news")));
        QVERIFY(b.join(*server, QStringLiteral("news")));
        HttpResult r = emitGet(QStringLiteral("news"), QStringLiteral("?hello=world&n=1"));
        QCOMPARE(r.status, 200);
        QJsonObject body = r.json();
        QCOMPARE(body.value(QStringLiteral("delivered")).toInt(), 2);
        QCOMPARE(body.value(QStringLiteral("clients")).toArray().size(), 2);
        QCOMPARE(body.value(QStringLiteral("missing")).toArray(), QJsonArray());
        const QString eventId = body.value(QStringLiteral("eventID")).toString();
        QVERIFY(kEventId.match(eventId).hasMatch());
        for (Listener *l : {&a, &b}) {
            QTRY_COMPARE(l->ofType(QStringLiteral("DATA")).size(), 1);
            const QJsonObject d = l->ofType(QStringLiteral("DATA")).first();
            QCOMPARE(d.value(QStringLiteral("eventID")).toString(), eventId);
            QCOMPARE(d.value(QStringLiteral("payload")).toObject(), (QJsonObject{{QStringLiteral("hello"), QStringLiteral("world")}, {QStringLiteral("n"), QStringLiteral("1")}}));
            QCOMPARE(d.value(QStringLiteral("clientID")).toString(), l->clientId);
            QVERIFY(!d.contains(QStringLiteral("requires_ack")));
        }
        r = post(*server, QStringLiteral("/news/emit"), R"({"deep":{"list":[1,2,3]},"ok":true})");
        QCOMPARE(r.status, 200);
        QTRY_COMPARE(b.ofType(QStringLiteral("DATA")).size(), 2);
        QCOMPARE(b.ofType(QStringLiteral("DATA"))[1].value(QStringLiteral("payload")).toObject().value(QStringLiteral("deep")).toObject().value(QStringLiteral("list")).toArray().size(), 3);
        // Any JSON value, not only objects and arrays.
        QCOMPARE(post(*server, QStringLiteral("/news/emit"), " 42 ").status, 200);
        QCOMPARE(post(*server, QStringLiteral("/news/emit"), "\"plain text\"").status, 200);
        QTRY_COMPARE(b.ofType(QStringLiteral("DATA")).size(), 4);
        QCOMPARE(b.ofType(QStringLiteral("DATA"))[2].value(QStringLiteral("payload")).toInt(), 42);
        QCOMPARE(b.ofType(QStringLiteral("DATA"))[3].value(QStringLiteral("payload")).toString(), QStringLiteral("plain text"));
        QCOMPARE(post(*server, QStringLiteral("/news/emit"), "1, 2").status, 400);  // two values are not one
    }

    void emitErrors()
    {
        QCOMPARE(post(*server, QStringLiteral("/news/emit"), "{not json").status, 400);
        const QByteArray put = rawExchange(server->port(1), "PUT /news/emit HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
        QCOMPARE(statusOf(put), 405);
        QVERIFY(put.contains("Allow: GET, POST"));
        QCOMPARE(post(*server, QStringLiteral("/news/emit"), "{\"x\":\"" + QByteArray(5000, 'x') + "\"}").status, 413);
        QCOMPARE(emitGet(QStringLiteral("bad%20name"), QString()).status, 400);
        QCOMPARE(emitGet(QString(101, QLatin1Char('x')), QString()).status, 400);
        QCOMPARE(emitGet(QStringLiteral("news"), QStringLiteral("?require-ack=maybe")).status, 400);
        const HttpResult empty = emitGet(QStringLiteral("nobody-here"), QStringLiteral("?a=1"));
        QCOMPARE(empty.status, 200);
        QCOMPARE(empty.json().value(QStringLiteral("delivered")).toInt(), 0);
        const QByteArray badPresence = rawExchange(server->port(1), upgradeRequest("/lobby/listen?presence=%5B1%5D"));
        QCOMPARE(statusOf(badPresence), 400);
        QVERIFY(badPresence.contains("INVALID_PRESENCE"));
    }

    void emitToChosenOrRandomClients()
    {
        Listener a, b, c;
        for (Listener *l : {&a, &b, &c})
            QVERIFY(l->join(*server, QStringLiteral("pick")));
        HttpResult r = emitGet(QStringLiteral("pick"), QStringLiteral("?clients=%1,client_nobody1&x=1").arg(b.clientId));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("clients")).toArray(), QJsonArray{b.clientId});
        QCOMPARE(r.json().value(QStringLiteral("missing")).toArray(), QJsonArray{QStringLiteral("client_nobody1")});
        QTRY_COMPARE(b.ofType(QStringLiteral("DATA")).size(), 1);
        // Ids that are not members come back as they were asked for, escaped as JSON needs.
        r = emitGet(QStringLiteral("pick"), QStringLiteral("?clients=") + b.clientId + QStringLiteral(",q%22uote%5Cslash%01%C3%A9&x=2"));
        QCOMPARE(r.status, 200);
        QJsonParseError parseError;
        const QJsonObject answer = QJsonDocument::fromJson(r.body, &parseError).object();
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        QCOMPARE(answer.value(QStringLiteral("missing")).toArray(), QJsonArray{QStringLiteral("q\"uote\\slash\u0001é")});
        QCOMPARE(answer.value(QStringLiteral("clients")).toArray(), QJsonArray{b.clientId});
        QCOMPARE(answer.value(QStringLiteral("delivered")).toInt(), 1);
        QVERIFY(answer.value(QStringLiteral("eventID")).toString().startsWith(QStringLiteral("evt_")));
        QTRY_COMPARE(b.ofType(QStringLiteral("DATA")).size(), 2);
        QTest::qWait(100);
        QCOMPARE(a.ofType(QStringLiteral("DATA")).size() + c.ofType(QStringLiteral("DATA")).size(), 0);

        r = emitGet(QStringLiteral("pick"), QStringLiteral("?clients=2"));
        QCOMPARE(r.json().value(QStringLiteral("delivered")).toInt(), 2);
        QTRY_COMPARE(a.ofType(QStringLiteral("DATA")).size() + b.ofType(QStringLiteral("DATA")).size() + c.ofType(QStringLiteral("DATA")).size(), 4);
        r = emitGet(QStringLiteral("pick"), QStringLiteral("?clients=10"));
        QCOMPARE(r.json().value(QStringLiteral("delivered")).toInt(), 3);
    }

    void requireAckAllAcknowledge()
    {
        Listener a, b;
        QVERIFY(a.join(*server, QStringLiteral("acks")));
        QVERIFY(b.join(*server, QStringLiteral("acks")));
        const HttpResult r = emitGet(QStringLiteral("acks"), QStringLiteral("?require-ack=true&q=1"));
        QCOMPARE(r.status, 200);
        QStringList acked;
        for (const QJsonValue &v : r.json().value(QStringLiteral("acked")).toArray())
            acked.append(v.toString());
        acked.sort();
        QStringList expected{a.clientId, b.clientId};
        expected.sort();
        QCOMPARE(acked, expected);
        QVERIFY(a.ofType(QStringLiteral("DATA")).first().value(QStringLiteral("requires_ack")).toBool());
    }

    void requireAckTimesOutForASilentClient()
    {
        Listener good, silent;
        silent.autoAck = false;
        QVERIFY(good.join(*server, QStringLiteral("acks2")));
        QVERIFY(silent.join(*server, QStringLiteral("acks2")));
        QElapsedTimer t;
        t.start();
        const HttpResult r = emitGet(QStringLiteral("acks2"), QStringLiteral("?require-ack=true"));
        QCOMPARE(r.status, 408);
        QVERIFY(t.elapsed() >= 550);
        QCOMPARE(r.json().value(QStringLiteral("pending")).toArray(), QJsonArray{silent.clientId});
        QCOMPARE(r.json().value(QStringLiteral("acked")).toArray(), QJsonArray{good.clientId});
        QCOMPARE(r.json().value(QStringLiteral("code")).toString(), QStringLiteral("ACK_TIMEOUT"));
    }

    void clientLeavingMidAckIsReported()
    {
        Listener leaver;
        leaver.autoAck = false;
        QVERIFY(leaver.join(*server, QStringLiteral("acks3")));
        // Leave as soon as the event arrives, without acknowledging it.
        QObject::connect(leaver.ws.get(), &QWebSocket::textMessageReceived, leaver.ws.get(), [&leaver](const QString &m) {
            if (m.contains(QLatin1String("\"requires_ack\":true")))
                leaver.ws->close();
        });
        QElapsedTimer t;
        t.start();
        const HttpResult r = emitGet(QStringLiteral("acks3"), QStringLiteral("?require-ack=true"));
        QCOMPARE(r.status, 408);
        QCOMPARE(r.json().value(QStringLiteral("left")).toArray(), QJsonArray{leaver.clientId});
        QCOMPARE(r.json().value(QStringLiteral("pending")).toArray(), QJsonArray{leaver.clientId});
    }

    void manyAckWaitsDoNotBlockTheWorker()
    {
        TestServer s([](sb::ServerConfig &c) {
            c.workers = 1;
            c.services[QStringLiteral("channels")].edit<sb::channels::ChannelSettings>().ackTimeoutMs = 1500;
        });
        QVERIFY(s.ok());
        Listener silent;
        silent.autoAck = false;
        QVERIFY(silent.join(s, QStringLiteral("slow"), {}, channelsListener(s)));
        // 20 emits wait for an ACK that never comes; the single worker keeps answering.
        QList<QTcpSocket *> waiting;
        for (int i = 0; i < 20; ++i) {
            auto *sock = new QTcpSocket;
            sock->connectToHost(QStringLiteral("127.0.0.1"), s.port(channelsListener(s)));
            QVERIFY(sock->waitForConnected());
            sock->write("GET /slow/emit?require-ack=true HTTP/1.1\r\nHost: x\r\n\r\n");
            sock->flush();
            waiting.append(sock);
        }
        QElapsedTimer t;
        t.start();
        QCOMPARE(get(s, QStringLiteral("/healthz")).status, 200);
        QVERIFY(t.elapsed() < 1000);
        for (QTcpSocket *sock : waiting) {
            QByteArray resp;
            while (!resp.contains("\r\n\r\n") && sock->waitForReadyRead(5000))
                resp += sock->readAll();
            QCOMPARE(statusOf(resp), 408);
            delete sock;
        }
    }

    void pingTimeoutDisconnects()
    {
        TestServer s([](sb::ServerConfig &c) {
            c.services[QStringLiteral("channels")].limits.pingIntervalMs = 200;
            c.services[QStringLiteral("channels")].limits.pongTimeoutMs = 300;
        });
        QVERIFY(s.ok());
        Listener good, silent;
        silent.autoPong = false;
        QVERIFY(good.join(s, QStringLiteral("beat"), {}, channelsListener(s)));
        QVERIFY(silent.join(s, QStringLiteral("beat"), {}, channelsListener(s)));
        QTRY_COMPARE_WITH_TIMEOUT(silent.closeCode, 1008, 3000);
        const QList<QJsonObject> errors = silent.ofType(QStringLiteral("ERROR"));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().value(QStringLiteral("payload")).toObject(),
                 (QJsonObject{{QStringLiteral("message"), QStringLiteral("Client did not respond to PING event")}, {QStringLiteral("code"), QStringLiteral("PING_TIMEOUT")}}));
        QVERIFY(!silent.ofType(QStringLiteral("PING")).isEmpty());
        QTRY_COMPARE(good.ofType(QStringLiteral("PRESENCE:LEFT")).size(), 1);
        QCOMPARE(good.ws->state(), QAbstractSocket::ConnectedState);
        QVERIFY(good.ofType(QStringLiteral("PING")).size() >= 2);
        // Latency is the last PING->PONG round trip, reported on later messages.
        QVERIFY(good.events.last().value(QStringLiteral("latency")).toInt(-1) >= 0);
    }

    void badMessagesGetErrorsWithoutDisconnect()
    {
        Listener a;
        QVERIFY(a.join(*server, QStringLiteral("errs")));
        a.ws->sendTextMessage(QStringLiteral("{oops"));
        a.ws->sendTextMessage(QStringLiteral(R"({"type":"DANCE"})"));
        a.ws->sendTextMessage(QStringLiteral(R"({"type":"PRESENCE:UPDATE","payload":[1]})"));
        QTRY_COMPARE(a.ofType(QStringLiteral("ERROR")).size(), 3);
        QCOMPARE(a.ofType(QStringLiteral("ERROR"))[0].value(QStringLiteral("payload")).toObject().value(QStringLiteral("code")).toString(), QStringLiteral("INVALID_JSON"));
        QCOMPARE(a.ofType(QStringLiteral("ERROR"))[1].value(QStringLiteral("payload")).toObject().value(QStringLiteral("code")).toString(), QStringLiteral("UNKNOWN_TYPE"));
        QCOMPARE(a.ofType(QStringLiteral("ERROR"))[2].value(QStringLiteral("payload")).toObject().value(QStringLiteral("code")).toString(), QStringLiteral("INVALID_PAYLOAD"));
        QCOMPARE(a.ws->state(), QAbstractSocket::ConnectedState);
    }

    void answersKeepTheOrderOfMessages()
    {
        // An update's PRESENCE:UPDATED is posted through the hub; the error for the message
        // sent right after it must not overtake it.
        Listener a;
        QVERIFY(a.join(*server, QStringLiteral("order")));
        for (int i = 0; i < 5; ++i) {
            a.ws->sendTextMessage(QStringLiteral(R"({"type":"PRESENCE:UPDATE","payload":{"n":%1}})").arg(i));
            a.ws->sendTextMessage(QStringLiteral("{broken %1").arg(i));
        }
        QTRY_COMPARE(a.ofType(QStringLiteral("ERROR")).size(), 5);
        QStringList order;
        for (const QJsonObject &e : a.events) {
            const QString type = e.value(QStringLiteral("type")).toString();
            if (type == QLatin1String("PRESENCE:UPDATED"))
                order.append(QStringLiteral("updated %1").arg(e.value(QStringLiteral("payload")).toObject().value(QStringLiteral("presence")).toObject().value(QStringLiteral("n")).toInt()));
            else if (type == QLatin1String("ERROR"))
                order.append(QStringLiteral("error"));
        }
        QCOMPARE(order, (QStringList{QStringLiteral("updated 0"), QStringLiteral("error"), QStringLiteral("updated 1"), QStringLiteral("error"),
                                     QStringLiteral("updated 2"), QStringLiteral("error"), QStringLiteral("updated 3"), QStringLiteral("error"),
                                     QStringLiteral("updated 4"), QStringLiteral("error")}));
    }

    void membersAgreeAcrossWorkers()
    {
        std::vector<std::unique_ptr<Listener>> ls;
        for (int i = 0; i < 8; ++i) {
            ls.push_back(std::make_unique<Listener>());
            ls.back()->ws->open(server->ws(QStringLiteral("/crowd/listen"), 1));  // all at once
        }
        for (auto &l : ls)
            QTRY_VERIFY(!l->clientId.isEmpty());
        QSet<QString> all;
        for (auto &l : ls)
            all.insert(l->clientId);
        QCOMPARE(all.size(), 8);
        for (auto &l : ls)
            QTRY_COMPARE(l->knownMembers(), all);
        // Half leave; the rest agree again, each having seen every LEFT once.
        for (int i = 0; i < 4; ++i)
            ls[i]->ws->close();
        QSet<QString> rest;
        for (int i = 4; i < 8; ++i)
            rest.insert(ls[i]->clientId);
        for (int i = 4; i < 8; ++i) {
            QTRY_COMPARE(ls[i]->knownMembers(), rest);
            QCOMPARE(ls[i]->ofType(QStringLiteral("PRESENCE:LEFT")).size(), 4);
        }
    }

    void recoveryAfterReconnect()
    {
        Listener a;
        QVERIFY(a.join(*server, QStringLiteral("history")));
        QStringList ids;
        for (int i = 0; i < 3; ++i)
            ids.append(emitGet(QStringLiteral("history"), QStringLiteral("?n=%1").arg(i)).json().value(QStringLiteral("eventID")).toString());
        QTRY_COMPARE(a.ofType(QStringLiteral("DATA")).size(), 3);
        a.ws->close();
        // Reconnect with the first event seen: the two after it are replayed.
        Listener back;
        QVERIFY(back.join(*server, QStringLiteral("history"), QStringLiteral("?since=") + ids[0]));
        const QJsonObject c = back.ofType(QStringLiteral("CONNECTED")).first();
        QCOMPARE(c.value(QStringLiteral("payload")).toObject().value(QStringLiteral("recovered")).toBool(), true);
        QTRY_COMPARE(back.ofType(QStringLiteral("DATA")).size(), 2);
        QCOMPARE(back.ofType(QStringLiteral("DATA"))[0].value(QStringLiteral("eventID")).toString(), ids[1]);
        QCOMPARE(back.ofType(QStringLiteral("DATA"))[1].value(QStringLiteral("eventID")).toString(), ids[2]);
        QCOMPARE(back.ofType(QStringLiteral("DATA"))[1].value(QStringLiteral("clientID")).toString(), back.clientId);
        Listener lost;
        QVERIFY(lost.join(*server, QStringLiteral("history"), QStringLiteral("?since=evt_unknown1")));
        QCOMPARE(lost.ofType(QStringLiteral("CONNECTED")).first().value(QStringLiteral("payload")).toObject().value(QStringLiteral("recovered")).toBool(true), false);
    }

    void serverSentEvents()
    {
        QTcpSocket sse;
        sse.connectToHost(QStringLiteral("127.0.0.1"), server->port(1));
        QVERIFY(sse.waitForConnected());
        sse.write("GET /sse/listen HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n");
        QByteArray got;
        QTRY_VERIFY((got += sse.readAll()).contains("CONNECTED"));
        QVERIFY(got.startsWith("HTTP/1.1 200 OK\r\n"));
        QVERIFY(got.contains("Content-Type: text/event-stream"));
        QVERIFY(!got.contains("Content-Length"));
        Listener ws;
        QVERIFY(ws.join(*server, QStringLiteral("sse")));
        QTRY_VERIFY((got += sse.readAll()).contains("PRESENCE:JOINED"));
        const HttpResult r = emitGet(QStringLiteral("sse"), QStringLiteral("?via=sse"));
        QCOMPARE(r.json().value(QStringLiteral("delivered")).toInt(), 2);
        const QString eventId = r.json().value(QStringLiteral("eventID")).toString();
        QTRY_VERIFY((got += sse.readAll()).contains("\"via\":\"sse\""));
        QVERIFY(got.contains("id: " + eventId.toLatin1() + "\ndata: {\"type\":\"DATA\""));
        sse.close();
        QTRY_COMPARE(ws.ofType(QStringLiteral("PRESENCE:LEFT")).size(), 1);
    }

    void emptyChannelsExpire()
    {
        TestServer s([](sb::ServerConfig &c) { c.services[QStringLiteral("channels")].edit<sb::channels::ChannelSettings>().historyMs = 200; });
        QVERIFY(s.ok());
        for (int i = 0; i < 50; ++i)
            QCOMPARE(post(s, QStringLiteral("/spam-%1/emit").arg(i), "{}").status, 200);
        auto channelCount = [&s] {
            for (const sb::PresenceNode &section : s.host().presence()) {
                if (section.label == QLatin1String("Channels"))
                    return section.children.size();
            }
            return qsizetype(-1);
        };
        QVERIFY(channelCount() >= 1);
        QTest::qWait(1300);
        QCOMPARE(post(s, QStringLiteral("/fresh/emit"), "{}").status, 200);  // triggers the sweep
        QTRY_COMPARE(channelCount(), 1);  // in a cluster, once the emit came back from Redis
    }

    void emitKey()
    {
        TestServer s([](sb::ServerConfig &c) { c.services[QStringLiteral("channels")].edit<sb::channels::ChannelSettings>().emitKey = QStringLiteral("s3cret"); });
        QVERIFY(s.ok());
        QCOMPARE(post(s, QStringLiteral("/k/emit"), "{}").status, 401);
        QCOMPARE(post(s, QStringLiteral("/k/emit"), "{}", "Bearer wrong").status, 401);
        QCOMPARE(post(s, QStringLiteral("/k/emit"), "{}", "Bearer s3cret").status, 200);
    }
};

QTEST_GUILESS_MAIN(TestChannels)
#include "tst_channels.moc"
