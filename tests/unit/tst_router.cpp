#include "net/router.h"

#include <QTest>

using namespace sb;

namespace {
HttpHandler noop()
{
    return [](HttpRequest &, const HttpResponder &) {};
}
}  // namespace

class TestRouter : public QObject
{
    Q_OBJECT
private slots:
    void matchesPatterns()
    {
        QHash<QString, QString> p;
        QVERIFY(matchPattern(QStringLiteral("/chat/{room}"), "/chat/lobby", &p));
        QCOMPARE(p.value(QStringLiteral("room")), QStringLiteral("lobby"));
        QVERIFY(matchPattern(QStringLiteral("/chat/{room}"), "/chat/a%20b", &p));
        QCOMPARE(p.value(QStringLiteral("room")), QStringLiteral("a b"));
        QVERIFY(!matchPattern(QStringLiteral("/chat/{room}"), "/chat/", &p));
        QVERIFY(!matchPattern(QStringLiteral("/chat/{room}"), "/chat/a/b", &p));
        QVERIFY(matchPattern(QStringLiteral("/members/chat/"), "/members/chat", &p));
        QVERIFY(matchPattern(QStringLiteral("/members/chat"), "/members/chat/", &p));
        QVERIFY(matchPattern(QStringLiteral("/"), "/", &p));
        QVERIFY(!matchPattern(QStringLiteral("/"), "/x", &p));
    }

    void literalBeatsParameter()
    {
        Router r;
        r.addHttp({"GET", QStringLiteral("/{channel}/emit"), QStringLiteral("channels"), noop()});
        r.addHttp({"GET", QStringLiteral("/auth/emit"), QStringLiteral("accounts"), noop()});
        const RouteMatch m = r.matchHttp("GET", "/auth/emit");
        QVERIFY(m.http);
        QCOMPARE(m.http->service, QStringLiteral("accounts"));
        const RouteMatch m2 = r.matchHttp("GET", "/news/emit");
        QCOMPARE(m2.http->service, QStringLiteral("channels"));
        QCOMPARE(m2.params.value(QStringLiteral("channel")), QStringLiteral("news"));
    }

    void methodNotAllowedIsReported()
    {
        Router r;
        r.addHttp({"POST", QStringLiteral("/auth/login"), QStringLiteral("accounts"), noop()});
        const RouteMatch m = r.matchHttp("GET", "/auth/login");
        QVERIFY(!m.http);
        QVERIFY(m.otherMethods);
        QCOMPARE(m.allowed, QByteArrayList{"POST"});
        QVERIFY(!r.matchHttp("GET", "/nothing").otherMethods);
    }

    void headUsesGetRoutes()
    {
        Router r;
        r.addHttp({"GET", QStringLiteral("/healthz"), QStringLiteral("http"), noop()});
        QVERIFY(r.matchHttp("HEAD", "/healthz").http);
    }

    void clashesAreNamed()
    {
        Router r;
        r.addHttp({"GET", QStringLiteral("/x/{a}"), QStringLiteral("one"), noop()});
        r.addHttp({"POST", QStringLiteral("/x/{b}"), QStringLiteral("two"), noop()});
        QVERIFY(r.findClash(QStringLiteral("main")).isEmpty());
        r.addHttp({"GET", QStringLiteral("/x/{c}/"), QStringLiteral("three"), noop()});
        const QString clash = r.findClash(QStringLiteral("main"));
        QVERIFY2(clash.contains(QStringLiteral("'one'")) && clash.contains(QStringLiteral("'three'")), qPrintable(clash));

        Router w;
        w.addWs({QStringLiteral("/"), QStringLiteral("felix"), nullptr});
        w.addWs({QStringLiteral("/"), QStringLiteral("pop"), nullptr});
        QVERIFY(w.findClash(QStringLiteral("8090")).contains(QStringLiteral("WebSocket /")));

        // /chat/listen would match both with one literal each: ambiguous, refused.
        Router mixed;
        mixed.addWs({QStringLiteral("/chat/{room}"), QStringLiteral("generic"), nullptr});
        mixed.addWs({QStringLiteral("/{channel}/listen"), QStringLiteral("channels"), nullptr});
        const QString m = mixed.findClash(QStringLiteral("8000"));
        QVERIFY2(m.contains(QStringLiteral("'generic'")) && m.contains(QStringLiteral("'channels'")), qPrintable(m));
        // A literal route beside a parameter one is not ambiguous: the literal wins.
        Router fine;
        fine.addWs({QStringLiteral("/members/chat/"), QStringLiteral("chat"), nullptr});
        fine.addWs({QStringLiteral("/{channel}/listen"), QStringLiteral("channels"), nullptr});
        fine.addWs({QStringLiteral("/chat/{room}"), QStringLiteral("generic"), nullptr});
        fine.addWs({QStringLiteral("/echo"), QStringLiteral("generic"), nullptr});
        QVERIFY(!fine.findClash(QStringLiteral("x")).isEmpty());  // generic + channels again
        Router ok;
        ok.addWs({QStringLiteral("/members/chat/"), QStringLiteral("chat"), nullptr});
        ok.addWs({QStringLiteral("/{channel}/listen"), QStringLiteral("channels"), nullptr});
        QVERIFY(ok.findClash(QStringLiteral("x")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRouter)
#include "tst_router.moc"
