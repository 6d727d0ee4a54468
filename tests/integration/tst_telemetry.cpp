// Telemetry for the dashboard: the connection registry (only while observed), closing a
// connection from it, and the frame capture ring with secrets masked.
#include "accounts/accountstore.h"
#include "telemetry/capture.h"
#include "rawws.h"
#include "testserver.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

using namespace sbtest;

namespace {
// Sockets listening on TCP `port` on this machine, as the kernel lists them.
int listeningSocketsOn(quint16 port)
{
    int n = 0;
    for (const char *table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        QFile f(QString::fromLatin1(table));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray &line : f.readAll().split('\n')) {
            const QList<QByteArray> fields = line.simplified().split(' ');
            // sl local_address rem_address st …; 0A is LISTEN
            if (fields.size() > 3 && fields[3] == "0A" && fields[1].endsWith(':' + QByteArray::number(port, 16).toUpper().rightJustified(4, '0')))
                ++n;
        }
    }
    return n;
}
}  // namespace

class TestTelemetry : public QObject
{
    Q_OBJECT

    // Opens `count` /echo connections to `s` one after the other (into `sockets`) and counts
    // them per worker, as the server's connection list says.
    static void openEchoes(TestServer &s, int count, std::vector<std::unique_ptr<QWebSocket>> &sockets, QMap<int, int> *perWorker)
    {
        s.host().setObserved(true);
        for (int i = 0; i < count; ++i) {
            sockets.push_back(std::make_unique<QWebSocket>());
            QVERIFY(openSocket(*sockets.back(), s.ws(QStringLiteral("/echo"))));
        }
        QTRY_COMPARE_WITH_TIMEOUT(s.host().connections().size(), count, 3000);
        for (const auto &c : s.host().connections())
            ++(*perWorker)[c.worker];
    }
private slots:
    void ringIsBoundedAndReadSinceAnId()
    {
        sb::CaptureRing ring(10, 1 << 20, 8);
        for (int i = 0; i < 25; ++i)
            ring.add({0, i, 1, QStringLiteral("generic"), sb::CaptureRecord::In, sb::CaptureRecord::Text, 20, QByteArray("message number ") + QByteArray::number(i)});
        quint64 dropped = 0;
        const auto all = ring.since(0, 100, &dropped);
        QCOMPARE(all.size(), 10);
        QCOMPARE(dropped, 15u);
        QCOMPARE(all.first().id, 16u);
        QCOMPARE(all.first().data, QByteArray("message "));  // the payload cap
        QCOMPARE(all.first().size, 20);
        const auto tail = ring.since(23, 100, &dropped);
        QCOMPARE(tail.size(), 2);
        QCOMPARE(dropped, 0u);
        QCOMPARE(ring.since(25, 100).size(), 0);
        sb::CaptureRing byBytes(1000, 64 * 5, 100);
        for (int i = 0; i < 20; ++i)
            byBytes.add({0, i, 1, QString(), sb::CaptureRecord::In, sb::CaptureRecord::Text, 0, QByteArray()});
        QCOMPARE(byBytes.since(0, 100).size(), 5);
    }

    // The ring's payload arena: records of random sizes through a small ring, wrapping many
    // times. Every record read back has its own bytes (no payload overwritten by a later
    // one), ids are consecutive up to the newest, both bounds hold, and the ring stays
    // reasonably full (it evicts beyond the bounds only when a wrap cuts the arena up).
    void ringArenaKeepsEveryPayloadIntact()
    {
        const int maxRecords = 40, cap = 300;
        const qint64 maxBytes = 6000;
        sb::CaptureRing ring(maxRecords, maxBytes, cap);
        QHash<quint64, QByteArray> expected;
        quint32 seed = 12345;
        auto next = [&seed] { return seed = seed * 1103515245u + 12345u; };
        qint64 leastHeld = maxBytes;
        for (int i = 0; i < 20000; ++i) {
            // Sizes from empty to past the cap; bytes that spell no secret word.
            const int length = int(next() >> 8) % 360;
            QByteArray payload(length, Qt::Uninitialized);
            for (char &c : payload)
                c = char('0' + (next() >> 16) % 10);
            const QString service = (i % 3) ? QStringLiteral("generic") : QStringLiteral("chat");
            ring.add(service, quint64(i), i, sb::CaptureRecord::In, sb::CaptureRecord::Text, length, payload);
            const quint64 id = ring.lastId();
            expected.insert(id, payload.left(cap));
            expected.remove(id - 200);
            if (i % 7)
                continue;
            const auto held = ring.since(0, 1000);
            QVERIFY(!held.isEmpty());
            QCOMPARE(held.last().id, id);
            QVERIFY(held.size() <= maxRecords);
            qint64 bytes = 0;
            for (qsizetype k = 0; k < held.size(); ++k) {
                const sb::CaptureRecord &r = held[k];
                if (k)
                    QCOMPARE(r.id, held[k - 1].id + 1);
                QCOMPARE(r.data, expected.value(r.id));
                QCOMPARE(r.connection, r.id - 1);
                QCOMPARE(r.service, r.connection % 3 ? QStringLiteral("generic") : QStringLiteral("chat"));
                bytes += r.data.size() + 64;
            }
            QVERIFY(bytes <= maxBytes);
            if (i > 1000 && held.size() < maxRecords)
                leastHeld = qMin(leastHeld, bytes);
        }
        // Never less than half the byte bound held once the ring is full.
        QVERIFY2(leastHeld >= maxBytes / 2, qPrintable(QString::number(leastHeld)));
        ring.clear();
        QCOMPARE(ring.since(0, 10).size(), 0);
        ring.add(QStringLiteral("pop"), 1, 1, sb::CaptureRecord::Out, sb::CaptureRecord::Binary, 3, QByteArray("abc"));
        QCOMPARE(ring.since(0, 10).size(), 1);
        QCOMPARE(ring.since(0, 10).first().data, QByteArray("abc"));
    }

    void secretsAreMasked_data()
    {
        QTest::addColumn<QByteArray>("in");
        QTest::addColumn<QByteArray>("out");
        QTest::newRow("chat first message") << QByteArray("Bearer 9c567d50-a2fd-4f26-a221-d71f4102136b") << QByteArray("Bearer ***");
        QTest::newRow("pop first message") << QByteArray(R"({"authorization": "Bearer 9c567d50"})") << QByteArray(R"({"authorization": "***"})");
        QTest::newRow("login body") << QByteArray(R"({"email":"a@b.c","password":"hunter2"})") << QByteArray(R"({"email":"a@b.c","password":"***"})");
        QTest::newRow("register body") << QByteArray(R"({"password":"x\"y","repeat_password":"x\"y"})") << QByteArray(R"({"password":"***","repeat_password":"***"})");
        QTest::newRow("login answer") << QByteArray(R"({"access_token":"abc","token_type":"bearer"})") << QByteArray(R"({"access_token":"***","token_type":"bearer"})");
        QTest::newRow("cut password") << QByteArray(R"({"password":"hunt)") << QByteArray(R"({"password":"***")");
        QTest::newRow("http head") << QByteArray("POST /x HTTP/1.1\r\nAuthorization: Basic YTpi\r\nCookie: sb_session=abc\r\nHost: x\r\n\r\n")
                                   << QByteArray("POST /x HTTP/1.1\r\nAuthorization: ***\r\nCookie: ***\r\nHost: x\r\n\r\n");
        QTest::newRow("query credentials") << QByteArray("GET /chat/lobby?ticket=t1&room=a&access_token=t2&Token=t3 HTTP/1.1\r\n")
                                          << QByteArray("GET /chat/lobby?ticket=***&room=a&access_token=***&Token=*** HTTP/1.1\r\n");
        QTest::newRow("set-cookie") << QByteArray("HTTP/1.1 200 OK\r\nSet-Cookie: sb_session=abc; HttpOnly\r\n\r\n") << QByteArray("HTTP/1.1 200 OK\r\nSet-Cookie: ***\r\n\r\n");
        // Bytes that are not UTF-8 are masked all the same: a file upload's body, a frame cut by
        // the capture limit inside a character, a token next to bytes that are whitespace only
        // in Unicode (0x85, 0xA0 inside UTF-8 characters); the other bytes come back untouched.
        QTest::newRow("upload under a token") << QByteArray("POST /storage HTTP/1.1\r\nAuthorization: Bearer abc\r\n\r\n\xff\xd8\0\x85 Bearer", 64)
                                             << QByteArray("POST /storage HTTP/1.1\r\nAuthorization: ***\r\n\r\n\xff\xd8\0\x85 Bearer", 57);
        QTest::newRow("cut inside a character") << QByteArray("{\"password\":\"hunter2\",\"name\":\"zo\xc3")
                                               << QByteArray("{\"password\":\"***\",\"name\":\"zo\xc3");
        QTest::newRow("token with 0xa0 and 0x85 bytes") << QByteArray("Bearer ab\xc3\xa0" "cd\xc3\x85" "ef, next") << QByteArray("Bearer ***, next");
        QTest::newRow("binary without secrets") << QByteArray("\0\xff basically\x85\xa0", 14) << QByteArray("\0\xff basically\x85\xa0", 14);
        QTest::newRow("harmless") << QByteArray(R"({"type":"text","text":"hello"})") << QByteArray(R"({"type":"text","text":"hello"})");
    }
    void secretsAreMasked()
    {
        QFETCH(QByteArray, in);
        QFETCH(QByteArray, out);
        QCOMPARE(sb::redactSecrets(in), out);
    }

    void connectionsSpreadOverWorkers()
    {
        // The workers accept for themselves, each on its own socket; one that serves more
        // hands the next connection to another: ten connections, five on each of two workers.
        TestServer s([](sb::ServerConfig &c) { c.workers = 2; });
        QVERIFY(s.ok());
        std::vector<std::unique_ptr<QWebSocket>> sockets;
        QMap<int, int> perWorker;
        openEchoes(s, 10, sockets, &perWorker);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(perWorker.value(0), 5);
        QCOMPARE(perWorker.value(1), 5);
        // Every one of them works.
        for (auto &ws : sockets) {
            QSignalSpy echoed(ws.get(), &QWebSocket::textMessageReceived);
            ws->sendTextMessage(QStringLiteral("ping"));
            QVERIFY(echoed.wait(3000));
            ws->abort();
        }
    }

    void eachWorkerListensOnThePortAndNoOtherServerShares()
    {
        // Every worker has a listening socket of its own on the port (SO_REUSEPORT: the
        // kernel spreads connections, no worker is woken for another's); a second server
        // asked for the same port is refused as busy, not let into the group.
        TestServer a([](sb::ServerConfig &c) { c.workers = 2; });
        QVERIFY(a.ok());
        const quint16 port = a.port();
        QCOMPARE(listeningSocketsOn(port), 2);
        TestServer b([port](sb::ServerConfig &c) {
            c.workers = 2;
            c.listeners[0].port = port;
        });
        QVERIFY2(b.ok(), qPrintable(b.error()));
        const sb::ListenerStatus refused = b.host().listeners()[0];
        QVERIFY(!refused.running);
        QVERIFY2(refused.error.contains(QStringLiteral("port %1").arg(port)) && refused.error.contains(QStringLiteral("already in use")),
                 qPrintable(refused.error));
        QCOMPARE(listeningSocketsOn(port), 2);
        // All the connections are the first server's, spread over its two workers.
        std::vector<std::unique_ptr<QWebSocket>> sockets;
        QMap<int, int> perWorker;
        openEchoes(a, 8, sockets, &perWorker);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(perWorker.value(0), 4);
        QCOMPARE(perWorker.value(1), 4);
        // Stopping the listener closes every worker's socket.
        a.host().stopListener(0);
        QTRY_COMPARE_WITH_TIMEOUT(listeningSocketsOn(port), 0, 5000);
    }

    void registryWhileObserved()
    {
        TestServer s([](sb::ServerConfig &c) { c.workers = 2; });
        QVERIFY(s.ok());
        QWebSocket a, b;
        QVERIFY(openSocket(a, s.ws(QStringLiteral("/echo"))));
        QVERIFY(openSocket(b, s.ws(QStringLiteral("/echo"))));
        QTest::qWait(1200);
        QVERIFY(s.host().connections().isEmpty());  // nobody looks: nothing is collected
        s.host().setObserved(true);
        QTRY_COMPARE_WITH_TIMEOUT(s.host().connections().size(), 2, 3000);
        a.sendTextMessage(QStringLiteral("one"));
        a.sendTextMessage(QStringLiteral("two"));
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const auto &c : s.host().connections()) {
                    if (c.messagesIn == 2 && c.messagesOut == 2)
                        return true;
                }
                return false;
            }(),
            3000);
        const auto rows = s.host().connections();
        QSet<int> workers;
        for (const auto &c : rows) {
            QCOMPARE(c.service, QStringLiteral("generic"));
            QVERIFY(c.peer.contains(QStringLiteral("127.0.0.1")));
            QVERIFY(c.sinceMs > 0);
            workers.insert(c.worker);
        }
        QCOMPARE(workers.size(), 2);

        // Disconnect from the registry, with a code and reason.
        const quint64 id = rows.first().id;
        QWebSocket *target = nullptr;
        for (QWebSocket *ws : {&a, &b}) {
            if (ws->localPort() == rows.first().peer.section(QLatin1Char(':'), -1).toUShort())
                target = ws;
        }
        QVERIFY(target);
        s.host().closeConnection(id, 4001, QStringLiteral("closed from the dashboard"));
        QTRY_COMPARE(target->state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(int(target->closeCode()), 4001);
        QCOMPARE(target->closeReason(), QStringLiteral("closed from the dashboard"));
        QTRY_COMPARE_WITH_TIMEOUT(s.host().connections().size(), 1, 3000);
        s.host().setObserved(false);
    }

    void captureRecordsFramesAndHttpWithSecretsMasked()
    {
        TestServer s;
        QVERIFY(s.ok());
        QWebSocket ws;
        QVERIFY(openSocket(ws, s.ws(QStringLiteral("/echo"))));
        ws.sendTextMessage(QStringLiteral("not captured"));
        QTest::qWait(200);
        QCOMPARE(s.host().captured(0, 100).size(), 0);  // capture is off by default

        s.host().setCapture(QStringLiteral("generic"), true);
        s.host().setCapture(QStringLiteral("accounts"), true);
        s.host().setCapture(QStringLiteral("chat"), true);
        QVERIFY(s.host().capturing(QStringLiteral("generic")));
        QSignalSpy echoed(&ws, &QWebSocket::binaryMessageReceived);
        ws.sendTextMessage(QStringLiteral("{\"hello\":1}"));
        ws.sendBinaryMessage(QByteArray("\x00\x01", 2));
        QVERIFY(echoed.wait(5000));
        QTRY_COMPARE(s.host().captured(0, 100).size(), 4);
        const auto frames = s.host().captured(0, 100);
        QCOMPARE(frames[0].direction, sb::CaptureRecord::In);
        QCOMPARE(frames[0].kind, sb::CaptureRecord::Text);
        QCOMPARE(frames[0].data, QByteArray("{\"hello\":1}"));
        QCOMPARE(frames[1].direction, sb::CaptureRecord::Out);
        QCOMPARE(frames[2].kind, sb::CaptureRecord::Binary);
        QCOMPARE(frames[2].service, QStringLiteral("generic"));

        const QString token = s.registerAndLogin(QStringLiteral("cap@mail.com"), QStringLiteral("hunter2"));
        QVERIFY(!token.isEmpty());
        QByteArray all;
        for (const auto &r : s.host().captured(frames.last().id, 100))
            all += r.data + "\n";
        QVERIFY2(all.contains("POST /auth/login HTTP/1.1"), all.constData());
        QVERIFY(all.contains("\"password\":\"***\""));
        QVERIFY(all.contains("\"access_token\":\"***\""));
        QVERIFY(!all.contains("hunter2"));
        QVERIFY(!all.contains(token.toLatin1()));

        // The chat's first message carries the token: masked too.
        sb::AccountStore::Error err;
        const auto other = s.host().accounts().createUser(QStringLiteral("cap2@mail.com"), QStringLiteral("pw"), QStringLiteral("member"), 0, &err);
        QWebSocket chat;
        QVERIFY(openSocket(chat, s.ws(QStringLiteral("/members/chat/?other_member_id=%1").arg(other->id))));
        QSignalSpy history(&chat, &QWebSocket::textMessageReceived);
        const quint64 before = s.host().captured(0, 1000).last().id;
        chat.sendTextMessage(QStringLiteral("Bearer ") + token);
        QVERIFY(history.wait(5000));
        QTRY_VERIFY(!s.host().captured(before, 100).isEmpty());
        const auto first = s.host().captured(before, 100).first();
        QCOMPARE(first.service, QStringLiteral("chat"));
        QCOMPARE(first.data, QByteArray("Bearer ***"));

        // A large message is kept cut to the payload cap, both ways, with its full size.
        const quint64 mark = s.host().captured(0, 1000).last().id;
        const QByteArray big(100'000, 'b');
        echoed.clear();
        ws.sendBinaryMessage(big);
        QVERIFY(echoed.wait(5000));
        QCOMPARE(echoed.first().first().toByteArray(), big);
        const auto bigOnes = [&] {
            QList<sb::CaptureRecord> out;
            for (const auto &r : s.host().captured(mark, 100))
                if (r.service == QLatin1String("generic"))
                    out.append(r);
            return out;
        };
        QTRY_COMPARE(bigOnes().size(), 2);
        QCOMPARE(bigOnes().at(0).direction, sb::CaptureRecord::In);
        QCOMPARE(bigOnes().at(1).direction, sb::CaptureRecord::Out);
        for (const auto &r : bigOnes()) {
            QCOMPARE(r.kind, sb::CaptureRecord::Binary);
            QCOMPARE(r.size, big.size());
            QCOMPARE(r.data, big.first(4096));
        }

        // Text is measured in bytes as sent, both ways: two-byte and four-byte characters
        // (a surrogate pair), and a long message cut to the cap.
        for (const QString &text : {QStringLiteral("h\u00e9llo \u00fcn\u00efc\u00f6d\u00e9 \u20ac \U0001F600"),
                                    QString(6000, QChar(0xe9))}) {
            const QByteArray utf8 = text.toUtf8();
            const quint64 at = s.host().captured(0, 1000).last().id;
            QSignalSpy textEcho(&ws, &QWebSocket::textMessageReceived);
            ws.sendTextMessage(text);
            QVERIFY(textEcho.wait(5000));
            QCOMPARE(textEcho.first().first().toString(), text);
            QTRY_COMPARE(s.host().captured(at, 100).size(), 2);
            const auto pair = s.host().captured(at, 100);
            QCOMPARE(pair[0].direction, sb::CaptureRecord::In);
            QCOMPARE(pair[1].direction, sb::CaptureRecord::Out);
            for (const auto &r : pair) {
                QCOMPARE(r.kind, sb::CaptureRecord::Text);
                QCOMPARE(r.size, utf8.size());
                QCOMPARE(r.data, utf8.first(qMin<qsizetype>(utf8.size(), 4096)));
            }
        }
    }

    // A WebSocket's capture starts with its handshake: the request's head as received
    // (credentials masked) and the 101 exactly as the client got it.
    void handshakeIsCapturedAsSent()
    {
        TestServer s;
        QVERIFY(s.ok());
        s.host().setCapture(QStringLiteral("generic"), true);
        const quint64 mark = s.host().captured(0, 1000).isEmpty() ? 0 : s.host().captured(0, 1000).last().id;
        RawWs raw(s.port(), "/echo?x=1", "Origin: http://lan.example\r\nCookie: theme=dark; secret=cookie-value\r\n");
        QVERIFY(raw.ok());
        QList<sb::CaptureRecord> shake;
        QTRY_VERIFY([&] {
            shake.clear();
            for (const auto &r : s.host().captured(mark, 100))
                if (r.kind == sb::CaptureRecord::Handshake)
                    shake.append(r);
            return shake.size() == 2;
        }());
        QCOMPARE(shake[0].direction, sb::CaptureRecord::In);
        QVERIFY2(shake[0].data.startsWith("GET /echo?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"), shake[0].data.constData());
        QVERIFY(shake[0].data.contains("\r\nOrigin: http://lan.example\r\n"));
        QVERIFY(shake[0].data.contains("\r\nCookie: ***\r\n"));
        QVERIFY(!shake[0].data.contains("cookie-value"));
        QVERIFY(shake[0].data.endsWith("\r\n\r\n"));
        QCOMPARE(shake[1].direction, sb::CaptureRecord::Out);
        // Byte for byte what came back, but for the Date line's second (written apart).
        auto withoutDate = [](QByteArray head) {
            const qsizetype at = head.indexOf("\r\nDate: ");
            const qsizetype end = at < 0 ? -1 : head.indexOf("\r\n", at + 2);
            return at < 0 || end < 0 ? head : head.remove(at, end - at);
        };
        QVERIFY(shake[1].data.contains("\r\nDate: ") && raw.handshakeResponse().contains("\r\nDate: "));
        QCOMPARE(withoutDate(shake[1].data), withoutDate(raw.handshakeResponse()));
        QVERIFY(shake[1].data.contains("\r\nAccess-Control-Allow-Origin: http://lan.example\r\n"));
    }
};

QTEST_GUILESS_MAIN(TestTelemetry)
#include "tst_telemetry.moc"
