#include "wire/chunkeddecoder.h"
#include "wire/httphead.h"

#include <QTest>

using namespace sb;

class TestHttpHead : public QObject
{
    Q_OBJECT
private slots:
    void parsesSimpleGet()
    {
        HttpRequestHead h;
        const QByteArray raw = "GET /chat/room%201?ticket=abc&x=1 HTTP/1.1\r\nHost: a\r\nX-Two:  spaced value \r\n\r\nBODY";
        const auto r = parseRequestHead(raw, h, 16384);
        QCOMPARE(r.status, HeadParseResult::Complete);
        QCOMPARE(r.headLength, raw.indexOf("BODY"));
        QCOMPARE(h.method, QByteArray("GET"));
        QCOMPARE(h.path, QByteArray("/chat/room%201"));
        QCOMPARE(h.query, QByteArray("ticket=abc&x=1"));
        QCOMPARE(h.queryItem("ticket"), QByteArray("abc"));
        QVERIFY(h.queryItem("missing").isNull());
        QCOMPARE(h.header("x-two"), QByteArray("spaced value"));
        QCOMPARE(h.versionMinor, 1);
    }

    void incompleteUntilBlankLine()
    {
        HttpRequestHead h;
        QCOMPARE(parseRequestHead("GET / HTTP/1.1\r\nHost: a\r\n", h, 16384).status, HeadParseResult::Incomplete);
        QCOMPARE(parseRequestHead("", h, 16384).status, HeadParseResult::Incomplete);
    }

    void byteAtATimeGivesSameResult()
    {
        const QByteArray raw = "POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}";
        for (int n = 0; n < raw.size(); ++n) {
            HttpRequestHead h;
            const auto r = parseRequestHead(raw.left(n), h, 16384);
            if (n < raw.indexOf("{}"))
                QCOMPARE(r.status, HeadParseResult::Incomplete);
            else
                QCOMPARE(r.status, HeadParseResult::Complete);
        }
    }

    void headerTokens()
    {
        HttpRequestHead h;
        QCOMPARE(parseRequestHead("GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, Upgrade\r\nUpgrade: WebSocket\r\n\r\n", h, 16384).status,
                 HeadParseResult::Complete);
        QVERIFY(h.headerHasToken("connection", "upgrade"));
        QVERIFY(h.headerHasToken("Upgrade", "websocket"));
        QVERIFY(!h.headerHasToken("Connection", "close"));
        // A list may be spread over several fields of one name, with empty elements.
        QCOMPARE(parseRequestHead("GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive\r\nX: y\r\nconnection: ,  Upgrade ,\r\n\r\n",
                                  h, 16384).status,
                 HeadParseResult::Complete);
        QVERIFY(h.headerHasToken("Connection", "upgrade"));
        QVERIFY(h.headerHasToken("Connection", "keep-alive"));
        QVERIFY(!h.headerHasToken("Connection", "x"));
        QVERIFY(!h.headerHasToken("Connection", "keep"));
        QCOMPARE(h.headerList("connection"), QByteArray("keep-alive, ,  Upgrade ,"));
        QCOMPARE(h.header("CONNECTION"), QByteArray("keep-alive"));  // the first one
    }

    void fieldsInPlaceOutliveTheInput()
    {
        // The head keeps its own copy: names as sent, values trimmed, the empty lines some
        // clients send before the request line skipped.
        HttpRequestHead h;
        {
            QByteArray input = "\r\nGET /p?q=1 HTTP/1.1\r\nHost: a\r\nX-Empty:\r\nX-Tab:\t v \t\r\n\r\n";
            QCOMPARE(parseRequestHead(input, h, 16384).status, HeadParseResult::Complete);
            input.fill('#');
        }
        QCOMPARE(h.headerCount(), 3);
        QCOMPARE(h.headerName(0), QByteArrayView("Host"));
        QCOMPARE(h.headerName(1), QByteArrayView("X-Empty"));
        QVERIFY(h.hasHeader("x-empty"));
        QVERIFY(h.headerValue(1).isEmpty());
        QCOMPARE(h.headerValue(2), QByteArrayView("v"));
        QVERIFY(h.raw.startsWith("GET /p?q=1 HTTP/1.1\r\n"));
        QVERIFY(h.raw.endsWith("X-Tab:\t v \t"));
        QCOMPARE(h.path, QByteArray("/p"));
        QCOMPARE(h.target, QByteArray("/p?q=1"));
        const HttpRequestHead copy = h;
        h = HttpRequestHead();
        QCOMPARE(copy.header("host"), QByteArray("a"));
    }

    void rejectsMalformed_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<int>("status");
        QTest::newRow("bare LF") << QByteArray("GET / HTTP/1.1\nHost: a\n\n") << 400;
        QTest::newRow("bare LF in a complete head") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nX: a\nb\r\n\r\n") << 400;
        QTest::newRow("LF opening a line") << QByteArray("GET / HTTP/1.1\r\n\nHost: a\r\n\r\n") << 400;
        QTest::newRow("bare CR") << QByteArray("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n") << 400;
        QTest::newRow("CR before CRLF") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\r\n\r\n") << 400;
        QTest::newRow("CR in request line") << QByteArray("GET /\r HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
        QTest::newRow("folded header") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n b\r\n\r\n") << 400;
        QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : a\r\n\r\n") << 400;
        QTest::newRow("no host") << QByteArray("GET / HTTP/1.1\r\nX: a\r\n\r\n") << 400;
        QTest::newRow("two hosts") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") << 400;
        QTest::newRow("http2") << QByteArray("GET / HTTP/2.0\r\nHost: a\r\n\r\n") << 505;
        QTest::newRow("bad version") << QByteArray("GET / HTTX/1.1\r\nHost: a\r\n\r\n") << 400;
        QTest::newRow("absolute form") << QByteArray("GET http://a/ HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
        QTest::newRow("extra space") << QByteArray("GET  / HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
        QTest::newRow("control in value") << QByteArray("GET / HTTP/1.1\r\nHost: a\x01\r\n\r\n") << 400;
        QTest::newRow("bad method") << QByteArray("G(T / HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
        QTest::newRow("CL and TE") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n") << 400;
        QTest::newRow("two CL") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n") << 400;
        QTest::newRow("negative CL") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n") << 400;
        QTest::newRow("gzip TE") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n") << 501;
    }
    void rejectsMalformed()
    {
        QFETCH(QByteArray, raw);
        QFETCH(int, status);
        HttpRequestHead h;
        const auto r = parseRequestHead(raw, h, 16384);
        QCOMPARE(r.status, HeadParseResult::Error);
        QCOMPARE(r.httpStatus, status);
        QVERIFY(!r.reason.isEmpty());
    }

    void oversizedHeadIs431()
    {
        HttpRequestHead h;
        const QByteArray raw = "GET / HTTP/1.1\r\nHost: a\r\nX: " + QByteArray(20000, 'a');
        const auto r = parseRequestHead(raw, h, 16384);
        QCOMPARE(r.status, HeadParseResult::Error);
        QCOMPARE(r.httpStatus, 431);
    }

    void percentDecoding()
    {
        QCOMPARE(percentDecode("a%20b%2Fc%zz%4"), QByteArray("a b/c%zz%4"));
        QCOMPARE(percentDecode("a+b", true), QByteArray("a b"));
        QCOMPARE(percentDecode("a+b", false), QByteArray("a+b"));
    }

    void chunkedBody()
    {
        const QByteArray raw = "4\r\nWiki\r\n5;ext=1\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nX-Trailer: 1\r\n\r\nNEXT";
        // Fed whole and byte by byte, the body is the same and NEXT is left over.
        for (int step : {int(raw.size()), 1, 3}) {
            ChunkedDecoder d(1 << 20);
            qsizetype pos = 0;
            ChunkedDecoder::Result r = ChunkedDecoder::NeedMore;
            while (r == ChunkedDecoder::NeedMore && pos < raw.size()) {
                qsizetype used = 0;
                r = d.feed(QByteArrayView(raw).sliced(pos, qMin<qsizetype>(step, raw.size() - pos)), used);
                pos += used;
            }
            QCOMPARE(r, ChunkedDecoder::Done);
            QCOMPARE(d.body(), QByteArray("Wikipedia in\r\n\r\nchunks."));
            QCOMPARE(raw.mid(pos), QByteArray("NEXT"));
        }
    }

    void chunkedErrors()
    {
        for (const QByteArray &bad : {QByteArray("zz\r\n"), QByteArray("4\r\nWikiXX"), QByteArray("4\nWiki"), QByteArray("1234567890123456\r\n")}) {
            ChunkedDecoder d(1 << 20);
            qsizetype used = 0;
            QCOMPARE(d.feed(bad, used), ChunkedDecoder::Error);
        }
        ChunkedDecoder small(10);
        qsizetype used = 0;
        QCOMPARE(small.feed("b\r\n", used), ChunkedDecoder::TooLarge);
    }
};

QTEST_GUILESS_MAIN(TestHttpHead)
#include "tst_httphead.moc"
