#include "config.h"

#include "services/channels/channelservice.h"
#include "services/chat/chatservice.h"
#include "services/generic/genericservice.h"
#include "services/pop/popservice.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace sb;

namespace {
std::optional<ServerConfig> parse(const QByteArray &json, QString *error)
{
    return ServerConfig::fromJson(QJsonDocument::fromJson(json).object(), ServerConfig::defaults(), error);
}
}  // namespace

class TestConfig : public QObject
{
    Q_OBJECT
private slots:
    void defaultsFollowSpec()
    {
        const ServerConfig c = ServerConfig::defaults();
        QVERIFY(c.validate().isEmpty());
        QCOMPARE(c.listeners.size(), 4);
        QCOMPARE(c.listeners[3].port, 8081);
        QCOMPARE(c.listeners[3].services, QStringList{QStringLiteral("pop")});
        QCOMPARE(c.listeners[0].port, 8000);
        QCOMPARE(c.listeners[0].services, (QStringList{QStringLiteral("chat"), QStringLiteral("generic")}));
        QCOMPARE(c.listeners[2].port, 8090);
        QCOMPARE(c.listeners[2].services, QStringList{QStringLiteral("felix")});
        QCOMPARE(c.listeners[1].port, 8080);
        QCOMPARE(c.listeners[1].services, QStringList{QStringLiteral("channels")});
        QCOMPARE(c.listeners[0].address, QStringLiteral("any"));
        QCOMPARE(c.service(QStringLiteral("channels")).limits.pongTimeoutMs, 10'000);
        QCOMPARE(c.service(QStringLiteral("channels")).settings<sb::channels::ChannelSettings>().ackTimeoutMs, 5000);
        QCOMPARE(c.limits.headBytes, 16 * 1024);
        QCOMPARE(c.limits.headTimeoutMs, 10'000);
        QCOMPARE(c.accessTokenTtlDays, 30);
        QCOMPARE(c.service(QStringLiteral("generic")).limits.messageBytes, 16 * 1024 * 1024);
    }

    void readsListenersAndLimits()
    {
        QString error;
        const auto c = parse(R"({"listeners":[{"port":9000,"services":["generic"],"address":"127.0.0.1"}],
                                 "limits":{"head_bytes":8192},
                                 "services":{"generic":{"allowed_origins":["http://a"],"limits":{"messages_per_second":5}}}})",
                             &error);
        QVERIFY2(c, qPrintable(error));
        QCOMPARE(c->listeners[0].port, 9000);
        QCOMPARE(c->limits.headBytes, 8192);
        QCOMPARE(c->service(QStringLiteral("generic")).limits.messagesPerSecond, 5);
        QCOMPARE(c->service(QStringLiteral("generic")).allowedOrigins, QStringList{QStringLiteral("http://a")});
    }

    void badValuesNameTheKey_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("key");
        QTest::newRow("unknown top key") << QByteArray(R"({"listners":[]})") << QStringLiteral("listners");
        QTest::newRow("port type") << QByteArray(R"({"listeners":[{"port":"x","services":["generic"]}]})") << QStringLiteral("listeners[0].port");
        QTest::newRow("port range") << QByteArray(R"({"listeners":[{"port":70000,"services":["generic"]}]})") << QStringLiteral("listeners[0].port");
        QTest::newRow("unknown service") << QByteArray(R"({"listeners":[{"port":1,"services":["gopher"]}]})") << QStringLiteral("listeners[0].services");
        QTest::newRow("service twice") << QByteArray(R"({"listeners":[{"port":1,"services":["generic"]},{"port":2,"services":["generic"]}]})") << QStringLiteral("listeners[1].services");
        QTest::newRow("same port") << QByteArray(R"({"listeners":[{"port":1,"services":["generic"]},{"port":1,"services":["generic"]}]})") << QStringLiteral("listeners[1]");
        QTest::newRow("bad address") << QByteArray(R"({"listeners":[{"port":1,"address":"nowhere","services":["generic"]}]})") << QStringLiteral("listeners[0].address");
        QTest::newRow("bad limit") << QByteArray(R"({"limits":{"head_bytes":-1}})") << QStringLiteral("limits.head_bytes");
        QTest::newRow("unknown limit") << QByteArray(R"({"limits":{"speed":1}})") << QStringLiteral("limits.speed");
        QTest::newRow("service limit") << QByteArray(R"({"services":{"generic":{"limits":{"frame_bytes":1.5}}}})") << QStringLiteral("services.generic.limits.frame_bytes");
        QTest::newRow("another service's setting") << QByteArray(R"({"services":{"chat":{"emit_key":"x"}}})") << QStringLiteral("services.chat.emit_key");
        QTest::newRow("service setting type") << QByteArray(R"({"services":{"channels":{"emit_key":5}}})") << QStringLiteral("services.channels.emit_key");
        QTest::newRow("service setting range") << QByteArray(R"({"services":{"chat":{"history_limit":-1}}})") << QStringLiteral("services.chat.history_limit");
        QTest::newRow("service bool") << QByteArray(R"({"services":{"generic":{"allow_anonymous":"yes"}}})") << QStringLiteral("services.generic.allow_anonymous");
        QTest::newRow("tls") << QByteArray(R"({"listeners":[{"port":1,"services":["generic"],"tls":{"certificate":"a"}}]})") << QStringLiteral("listeners[0].tls");
        QTest::newRow("no listeners") << QByteArray(R"({"listeners":[]})") << QStringLiteral("listeners");
        QTest::newRow("proxy list") << QByteArray(R"({"proxy_protocol_from":"10.0.0.2"})") << QStringLiteral("proxy_protocol_from");
        QTest::newRow("proxy address") << QByteArray(R"({"proxy_protocol_from":["10.0.0.2","haproxy"]})") << QStringLiteral("proxy_protocol_from[1]");
    }
    void badValuesNameTheKey()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, key);
        QString error;
        QVERIFY(!parse(json, &error));
        QVERIFY2(error.startsWith(key), qPrintable(error));
    }

    // What "Keep for the next start" writes reads back as the same settings, each service's
    // own included; files written before services had settings of their own (allow_anonymous
    // on every service) still read.
    void savedConfigReadsBack()
    {
        ServerConfig c = ServerConfig::defaults();
        c.services[QStringLiteral("chat")].edit<sb::chat::ChatSettings>().textPrice = 7;
        c.services[QStringLiteral("generic")].edit<sb::GenericSettings>().allowAnonymous = true;
        c.services[QStringLiteral("channels")].edit<sb::channels::ChannelSettings>().emitKey = QStringLiteral("k");
        c.services[QStringLiteral("pop")].edit<sb::pop::PopSettings>().viewMaxPerUser = 9;
        c.proxyProtocolFrom = {QStringLiteral("10.0.0.2"), QStringLiteral("10.0.1.0/24")};
        QJsonObject saved = c.toJson();
        QJsonObject services = saved[QStringLiteral("services")].toObject();
        QVERIFY(!services[QStringLiteral("chat")].toObject().contains(QStringLiteral("emit_key")));
        QJsonObject chat = services[QStringLiteral("chat")].toObject();
        chat.insert(QStringLiteral("allow_anonymous"), false);
        services.insert(QStringLiteral("chat"), chat);
        saved.insert(QStringLiteral("services"), services);
        QString error;
        const auto back = ServerConfig::fromJson(saved, ServerConfig::defaults(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->service(QStringLiteral("chat")).settings<sb::chat::ChatSettings>().textPrice, 7);
        QCOMPARE(back->service(QStringLiteral("chat")).settings<sb::chat::ChatSettings>().historyLimit, 1000);
        QVERIFY(back->service(QStringLiteral("generic")).settings<sb::GenericSettings>().allowAnonymous);
        QCOMPARE(back->service(QStringLiteral("channels")).settings<sb::channels::ChannelSettings>().emitKey, QStringLiteral("k"));
        QCOMPARE(back->service(QStringLiteral("pop")).settings<sb::pop::PopSettings>().viewMaxPerUser, 9);
        QCOMPARE(back->proxyProtocolFrom, c.proxyProtocolFrom);
        QCOMPARE(back->toJson(), c.toJson());
    }

    void portOverrides()
    {
        ServerConfig c = ServerConfig::defaults();
        QString error;
        // chat and generic share 8000 by default; moving one splits it off.
        QCOMPARE(c.listeners[0].services, (QStringList{QStringLiteral("chat"), QStringLiteral("generic")}));
        QVERIFY(c.overridePort(QStringLiteral("generic"), 0, &error));
        QCOMPARE(c.listeners.size(), 5);
        QCOMPARE(c.listeners[0].services, QStringList{QStringLiteral("chat")});
        QCOMPARE(c.listeners[0].port, 8000);
        QCOMPARE(c.listeners[4].services, QStringList{QStringLiteral("generic")});
        QCOMPARE(c.listeners[4].port, 0);
        // The same port for both joins them again on one listener.
        QVERIFY(c.overridePort(QStringLiteral("chat"), 0, &error));
        QCOMPARE(c.listeners.size(), 4);
        QCOMPARE(c.listeners[3].services, (QStringList{QStringLiteral("generic"), QStringLiteral("chat")}));
        QVERIFY(c.validate().isEmpty());
        // Port 0 for services of different listeners: each gets its own free port.
        QVERIFY(c.overridePort(QStringLiteral("channels"), 0, &error));
        QCOMPARE(c.listeners.size(), 4);
        QCOMPARE(c.listeners[3].services, QStringList{QStringLiteral("channels")});
        // An explicit port shared by two services puts them on one listener.
        ServerConfig d = ServerConfig::defaults();
        QVERIFY(d.overridePort(QStringLiteral("chat"), 9000, &error));
        QVERIFY(d.overridePort(QStringLiteral("channels"), 9000, &error));
        QCOMPARE(d.listeners.size(), 4);
        QCOMPARE(d.listeners[3].services, (QStringList{QStringLiteral("chat"), QStringLiteral("channels")}));
        // A service moved by --port keeps its listener's TLS.
        ServerConfig t = ServerConfig::defaults();
        t.listeners[3].tls = TlsFiles{QStringLiteral("c.pem"), QStringLiteral("k.pem")};
        QVERIFY(t.overridePort(QStringLiteral("pop"), 0, &error));
        QVERIFY(t.listeners.last().tls && t.listeners.last().tls->certificate == QLatin1String("c.pem"));
        QVERIFY(!c.overridePort(QStringLiteral("gopher"), 1, &error));
        QVERIFY(error.contains(QStringLiteral("unknown service")));
        QVERIFY(!c.overridePort(QStringLiteral("generic"), 99999, &error));
    }

    void addressOverride()
    {
        ServerConfig c = ServerConfig::defaults();
        c.overrideAddress(QStringLiteral("127.0.0.1"));
        QCOMPARE(c.listeners[0].address, QStringLiteral("127.0.0.1"));
        QVERIFY(c.validate().isEmpty());
    }

    void exampleConfigIsValid()
    {
        QString error;
        const auto c = ServerConfig::fromFile(QStringLiteral(SB_SOURCE_DIR "/resources/config.example.json"), ServerConfig::defaults(), &error);
        QVERIFY2(c, qPrintable(error));
        QCOMPARE(c->listeners[0].port, 8000);
    }

    void loadsFileFromDataDir()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("config.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"workers": 3})");
        f.close();
        QString error;
        auto c = ServerConfig::load(dir.path(), QString(), &error);
        QVERIFY2(c, qPrintable(error));
        QCOMPARE(c->workers, 3);
        QCOMPARE(c->dataDir, dir.path());
        QVERIFY(!ServerConfig::load(dir.path(), dir.filePath(QStringLiteral("missing.json")), &error));
        QVERIFY(error.contains(QStringLiteral("missing.json")));
    }
};

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
