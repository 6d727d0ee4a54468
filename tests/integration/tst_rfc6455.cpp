// RFC 6455 to the letter on every service, over ws:// and wss:// (SPEC §8): an unmasked client
// frame closes with 1002, pings count in the message rate, nothing is taken from a socket
// once a close was sent or received, and text fragmented inside a character is accepted.
// Raw frames, so that what a well-behaved client never sends can be sent.
#include "accounts/accountstore.h"
#include "net/tls.h"
#include "rawws.h"
#include "testserver.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sbtest;

namespace {
struct Endpoint {
    const char *service;
    QByteArray path;
    QByteArray headers;
};
}  // namespace

class TestRfc6455 : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir certDir;
    std::unique_ptr<TestServer> plain, tls;
    QByteArray felixToken;

    TestServer &server(bool secure) { return secure ? *tls : *plain; }
    int listenerOf(TestServer &s, const QString &service)
    {
        for (const auto &l : s.host().listeners()) {
            if (l.services.contains(service))
                return l.id;
        }
        return -1;
    }
    // Endpoint number `i` of the plain or the TLS server (each has its own felix token).
    Endpoint endpoint(bool secure, int i) const
    {
        const QList<Endpoint> all{{"generic", "/echo", {}},
                                  {"chat", "/members/chat/?other_member_id=1", {}},
                                  {"channels", "/room/listen", {}},
                                  {"felix", "/", "Authorization: " + (secure ? tlsFelixToken : felixToken) + "\r\n"},
                                  {"pop", "/", {}}};
        return all[i];
    }
    std::unique_ptr<RawWs> open(bool secure, const Endpoint &e)
    {
        TestServer &s = server(secure);
        auto ws = std::make_unique<RawWs>(s.port(listenerOf(s, QString::fromLatin1(e.service))), e.path, e.headers, secure);
        return ws;
    }
    // Frames that carry data (not control frames) until the connection ends.
    static QList<QByteArray> dataUntilClosed(RawWs &ws, int *closeCode)
    {
        QList<QByteArray> data;
        RawFrame f;
        *closeCode = -1;
        while (ws.read(&f, 5000)) {
            if (f.opcode == 8) {
                *closeCode = f.payload.size() >= 2 ? (quint8(f.payload[0]) << 8) | quint8(f.payload[1]) : 1005;
                break;
            }
            if (f.opcode == 1 || f.opcode == 2)
                data.append(f.payload);
        }
        return data;
    }
    static void addCases()
    {
        QTest::addColumn<bool>("secure");
        QTest::addColumn<int>("endpoint");
        for (bool secure : {false, true}) {
            const char *scheme = secure ? "wss" : "ws";
            int i = 0;
            for (const char *service : {"generic", "chat", "channels", "felix", "pop"})
                QTest::addRow("%s %s", scheme, service) << secure << i++;
        }
    }

private slots:
    void initTestCase()
    {
        QString error;
        const auto cert = sb::generateSelfSigned(certDir.path(), {}, &error);
        QVERIFY2(cert, qPrintable(error));
        auto limits = [](sb::ServerConfig &c) {
            // Pings count like messages: a low rate shows it within a burst.
            for (auto &svc : c.services)
                svc.limits.messagesPerSecond = 20;
        };
        plain = std::make_unique<TestServer>(limits);
        QVERIFY2(plain->ok(), qPrintable(plain->error()));
        tls = std::make_unique<TestServer>([&](sb::ServerConfig &c) {
            limits(c);
            for (auto &l : c.listeners)
                l.tls = sb::TlsFiles{cert->certificateFile, cert->keyFile};
        });
        QVERIFY2(tls->ok(), qPrintable(tls->error()));
        sb::AccountStore::Error err;
        felixToken = plain->host().accounts().createApiToken(QStringLiteral("bot"), QStringLiteral("private"), &err);
        // The same token in the other server's store.
        const QByteArray other = tls->host().accounts().createApiToken(QStringLiteral("bot"), QStringLiteral("private"), &err);
        QVERIFY(!felixToken.isEmpty() && !other.isEmpty());
        tlsFelixToken = other;
    }
    void cleanupTestCase()
    {
        plain.reset();
        tls.reset();
    }

    void unmaskedFrameCloses1002_data() { addCases(); }
    void unmaskedFrameCloses1002()
    {
        QFETCH(bool, secure);
        QFETCH(int, endpoint);
        const Endpoint e = this->endpoint(secure, endpoint);
        auto ws = open(secure, e);
        QVERIFY(ws->ok());
        // An unmasked text frame (the first message of chat and pop, for that matter).
        ws->send({true, 0, 1, "{\"authorization\":\"Bearer x\"}"}, false);
        int code = 0;
        const QList<QByteArray> data = dataUntilClosed(*ws, &code);
        QCOMPARE(code, 1002);
        // Channels greets with CONNECTED before anything is read; nothing answers the frame.
        for (const QByteArray &d : data)
            QVERIFY2(d.contains("CONNECTED"), d.constData());
        QVERIFY(ws->waitDisconnected());
    }

    void nothingIsTakenAfterAClose_data() { addCases(); }
    void nothingIsTakenAfterAClose()
    {
        // Autobahn 5.9-5.17 over wss: a continuation with nothing to continue, then frames
        // that would be echoed. The server closes with 1002 and answers none of them.
        QFETCH(bool, secure);
        QFETCH(int, endpoint);
        const Endpoint e = this->endpoint(secure, endpoint);
        auto ws = open(secure, e);
        QVERIFY(ws->ok());
        ws->sendAll({{true, 0, 0, "nothing to continue"}, {true, 0, 1, "Hello"}, {true, 0, 9, "ping"}, {true, 0, 1, "again"}});
        int code = 0;
        RawFrame f;
        QList<RawFrame> frames;
        while (ws->read(&f, 3000)) {
            frames.append(f);
            if (f.opcode == 8)
                break;
        }
        QVERIFY(!frames.isEmpty());
        code = frames.last().opcode == 8 ? (quint8(frames.last().payload[0]) << 8) | quint8(frames.last().payload[1]) : -1;
        QCOMPARE(code, 1002);
        for (const RawFrame &g : frames.first(frames.size() - 1)) {
            QVERIFY2(g.opcode != 10, "a pong after the close");
            QVERIFY2(!g.payload.contains("Hello") && !g.payload.contains("again"), g.payload.constData());
        }
        // And after a close from the client: its close is answered, nothing after it is.
        auto second = open(secure, e);
        QVERIFY(second->ok());
        second->sendAll({{true, 0, 8, QByteArray("\x03\xe8", 2)}, {true, 0, 1, "late"}, {true, 0, 9, "late ping"}});
        frames.clear();
        while (second->read(&f, 3000)) {
            frames.append(f);
            if (f.opcode == 8)
                break;
        }
        QVERIFY(!frames.isEmpty());
        QCOMPARE(frames.last().opcode, 8);
        QCOMPARE(frames.last().payload.left(2), QByteArray("\x03\xe8", 2));
        for (const RawFrame &g : frames.first(frames.size() - 1))
            QVERIFY2(g.opcode != 10 && g.payload != "late", g.payload.constData());
        while (second->read(&f, 1000))
            QVERIFY2(false, qPrintable(QStringLiteral("frame %1 after the close").arg(f.opcode)));
        QVERIFY(second->waitDisconnected());
    }

    void pingsCountInTheMessageRate_data() { addCases(); }
    void pingsCountInTheMessageRate()
    {
        QFETCH(bool, secure);
        QFETCH(int, endpoint);
        const Endpoint e = this->endpoint(secure, endpoint);
        auto ws = open(secure, e);
        QVERIFY(ws->ok());
        QList<RawFrame> burst;
        for (int i = 0; i < 200; ++i)
            burst.append({true, 0, 9, QByteArray::number(i)});
        ws->sendAll(burst);
        int pongs = 0, code = -1;
        RawFrame f;
        while (ws->read(&f, 5000)) {
            if (f.opcode == 10)
                ++pongs;
            if (f.opcode == 8) {
                code = (quint8(f.payload[0]) << 8) | quint8(f.payload[1]);
                break;
            }
        }
        // A burst of one second's worth (20) is answered, then the connection is closed for
        // its rate (before authentication every service closes; nothing is authenticated here).
        QVERIFY2(pongs >= 15 && pongs <= 25, qPrintable(QString::number(pongs)));
        QCOMPARE(code, 1008);
    }

    void textCutInsideACharacterIsValid_data()
    {
        QTest::addColumn<bool>("secure");
        QTest::newRow("ws") << false;
        QTest::newRow("wss") << true;
    }
    void textCutInsideACharacterIsValid()
    {
        // Autobahn 6.2.3/6.2.4/6.4.2, refused by QtWebSockets 6.4 with 1007.
        QFETCH(bool, secure);
        auto ws = open(secure, endpoint(secure, 0));
        QVERIFY(ws->ok());
        const QByteArray kosme("\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5");
        QList<RawFrame> frames{{false, 0, 1, kosme.left(1)}};
        for (int i = 1; i < kosme.size() - 1; ++i)
            frames.append({false, 0, 0, kosme.mid(i, 1)});
        frames.append({true, 0, 0, kosme.right(1)});
        ws->sendAll(frames);
        RawFrame f;
        QVERIFY(ws->read(&f));
        QCOMPARE(f.opcode, 1);
        QCOMPARE(f.payload, kosme);
    }

private:
    QByteArray tlsFelixToken;
};

QTEST_GUILESS_MAIN(TestRfc6455)
#include "tst_rfc6455.moc"
