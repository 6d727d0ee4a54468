// WsReader and Utf8Validator: client frames judged exactly as RFC 6455 says, on bytes alone.
#include "wire/utf8validator.h"
#include "wire/wsreader.h"
#include "rawws.h"

#include <QRandomGenerator>
#include <QTest>

using sb::Utf8Validator;
using sb::WsEvent;
using sb::WsReader;

namespace {

struct Frame {
    bool fin = true;
    int rsv = 0;
    int opcode = 1;
    QByteArray payload;
    bool mask = true;
};

// The raw test client's encoder (random masking keys), with the mask bit ours to choose.
QByteArray encode(const Frame &f)
{
    return sbtest::RawWs::encode({f.fin, f.rsv, f.opcode, f.payload}, f.mask);
}

struct Got {
    WsEvent::Type type;
    QByteArray payload;
    int code = 0;
};

// Runs the reader over `wire`, handed over `chunk` bytes at a time (0: all at once), the way a
// session does: unparsed bytes stay and the next chunk is appended to them.
QList<Got> run(WsReader &reader, const QByteArray &wire, int chunk = 0)
{
    QList<Got> out;
    QByteArray held;
    qsizetype fed = 0;
    while (fed < wire.size() || !held.isEmpty()) {
        const qsizetype n = chunk ? qMin<qsizetype>(chunk, wire.size() - fed) : wire.size() - fed;
        held += wire.mid(fed, n);
        fed += n;
        for (;;) {
            WsEvent e;
            const qsizetype used = reader.next(held.data(), held.size(), e);
            if (e.type == WsEvent::NeedMore)
                break;
            held.remove(0, used);
            if (e.type != WsEvent::Frame)
                out.append({e.type, e.payload.toByteArray(), e.code});
            if (e.type == WsEvent::Fail)
                return out;
        }
        if (fed == wire.size())
            break;
    }
    return out;
}

const QByteArray kKosme("\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5");  // "κόσμε"

}  // namespace

Q_DECLARE_METATYPE(QList<Frame>)

class TestWsReader : public QObject
{
    Q_OBJECT
private slots:
    void lengthsAndMasks_data()
    {
        QTest::addColumn<int>("size");
        for (int size : {0, 1, 125, 126, 127, 65535, 65536, 200000})
            QTest::addRow("%d", size) << size;
    }
    void lengthsAndMasks()
    {
        QFETCH(int, size);
        QByteArray payload(size, Qt::Uninitialized);
        for (int i = 0; i < size; ++i)
            payload[i] = char('a' + i % 26);
        for (int chunk : {0, 1, 7, 4096}) {
            if (chunk == 1 && size > 70000)
                continue;
            WsReader reader(1 << 20, 1 << 20);
            const QList<Got> got = run(reader, encode({true, 0, 1, payload}) + encode({true, 0, 2, payload}), chunk);
            QCOMPARE(got.size(), 2);
            QCOMPARE(got[0].type, WsEvent::Text);
            QCOMPARE(got[0].payload, payload);
            QCOMPARE(got[1].type, WsEvent::Binary);
            QCOMPARE(got[1].payload, payload);
        }
    }

    void waitsForTheWholeFrameAndSaysHowBig()
    {
        WsReader reader(1 << 20, 1 << 20);
        QByteArray wire = encode({true, 0, 2, QByteArray(1000, 'x')});
        WsEvent e;
        QCOMPARE(reader.next(wire.data(), 1, e), 0);
        QCOMPARE(e.type, WsEvent::NeedMore);
        QCOMPARE(reader.next(wire.data(), 3, e), 0);  // 126: the 16-bit length is not in yet
        QCOMPARE(reader.pendingFrameSize(), 0);
        QCOMPARE(reader.next(wire.data(), 10, e), 0);
        QCOMPARE(reader.pendingFrameSize(), 8 + 1000);
        QCOMPARE(reader.next(wire.data(), wire.size(), e), wire.size());
        QCOMPARE(e.type, WsEvent::Binary);
    }

    void fragmentsJoinAcrossCharacters()
    {
        // Autobahn 6.2.3/6.2.4: a text message cut inside a multi-byte character is valid.
        for (int cut = 1; cut < kKosme.size(); ++cut) {
            WsReader reader(1 << 20, 1 << 20);
            const QByteArray wire = encode({false, 0, 1, kKosme.left(cut)}) + encode({true, 0, 0, kKosme.mid(cut)});
            const QList<Got> got = run(reader, wire);
            QCOMPARE(got.size(), 1);
            QCOMPARE(got[0].type, WsEvent::Text);
            QCOMPARE(got[0].payload, kKosme);
        }
        // One byte per fragment, a ping in the middle.
        WsReader reader(1 << 20, 1 << 20);
        QByteArray wire = encode({false, 0, 1, kKosme.left(1)});
        for (int i = 1; i < kKosme.size() - 1; ++i) {
            wire += encode({false, 0, 0, kKosme.mid(i, 1)});
            if (i == 3)
                wire += encode({true, 0, 9, "mid"});
        }
        wire += encode({true, 0, 0, kKosme.right(1)});
        const QList<Got> got = run(reader, wire, 3);
        QCOMPARE(got.size(), 2);
        QCOMPARE(got[0].type, WsEvent::Ping);
        QCOMPARE(got[0].payload, QByteArray("mid"));
        QCOMPARE(got[1].payload, kKosme);
        // The next message starts afresh.
        QCOMPARE(run(reader, encode({true, 0, 2, "bin"})).first().payload, QByteArray("bin"));
    }

    void controlFrames()
    {
        WsReader reader(1 << 20, 1 << 20);
        const QList<Got> got = run(reader, encode({true, 0, 9, "p"}) + encode({true, 0, 10, "q"})
                                               + encode({true, 0, 8, QByteArray("\x03\xe8", 2) + "bye"}));
        QCOMPARE(got.size(), 3);
        QCOMPARE(got[0].type, WsEvent::Ping);
        QCOMPARE(got[1].type, WsEvent::Pong);
        QCOMPARE(got[1].payload, QByteArray("q"));
        QCOMPARE(got[2].type, WsEvent::Close);
        QCOMPARE(got[2].code, 1000);
        QCOMPARE(got[2].payload, QByteArray("bye"));
        WsReader empty(1 << 20, 1 << 20);
        const QList<Got> bare = run(empty, encode({true, 0, 8, {}}));
        QCOMPARE(bare.first().type, WsEvent::Close);
        QCOMPARE(bare.first().code, 1005);
    }

    void closeCodes_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<bool>("valid");
        for (int c : {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999})
            QTest::addRow("%d", c) << c << true;
        for (int c : {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
            QTest::addRow("%d", c) << c << false;
    }
    void closeCodes()
    {
        QFETCH(int, code);
        QFETCH(bool, valid);
        WsReader reader(1 << 20, 1 << 20);
        QByteArray payload;
        payload.append(char(code >> 8)).append(char(code & 0xff));
        const QList<Got> got = run(reader, encode({true, 0, 8, payload}));
        QCOMPARE(got.first().type, valid ? WsEvent::Close : WsEvent::Fail);
        QCOMPARE(got.first().code, valid ? code : 1002);
    }

    void protocolErrors_data()
    {
        QTest::addColumn<QList<Frame>>("frames");
        QTest::addColumn<int>("code");
        QTest::newRow("unmasked text") << QList<Frame>{{true, 0, 1, "x", false}} << 1002;
        QTest::newRow("unmasked ping") << QList<Frame>{{true, 0, 9, "x", false}} << 1002;
        QTest::newRow("unmasked close") << QList<Frame>{{true, 0, 8, {}, false}} << 1002;
        for (int rsv = 1; rsv < 8; ++rsv)
            QTest::addRow("rsv %d", rsv) << QList<Frame>{{true, rsv, 1, "x"}} << 1002;
        for (int op : {3, 4, 5, 6, 7, 11, 12, 13, 14, 15})
            QTest::addRow("opcode %d", op) << QList<Frame>{{true, 0, op, ""}} << 1002;
        QTest::newRow("continuation first") << QList<Frame>{{true, 0, 0, "x"}} << 1002;
        QTest::newRow("continuation after a whole message")
            << QList<Frame>{{true, 0, 1, "a"}, {false, 0, 0, "b"}} << 1002;
        QTest::newRow("new message inside fragments") << QList<Frame>{{false, 0, 1, "a"}, {true, 0, 2, "b"}} << 1002;
        QTest::newRow("fragmented ping") << QList<Frame>{{false, 0, 9, "x"}} << 1002;
        QTest::newRow("fragmented close") << QList<Frame>{{false, 0, 8, {}}} << 1002;
        QTest::newRow("ping of 126 bytes") << QList<Frame>{{true, 0, 9, QByteArray(126, 'p')}} << 1002;
        QTest::newRow("one-byte close") << QList<Frame>{{true, 0, 8, QByteArray(1, '\x03')}} << 1002;
        QTest::newRow("invalid UTF-8") << QList<Frame>{{true, 0, 1, kKosme + "\xed\xa0\x80"}} << 1007;
        QTest::newRow("UTF-8 cut at the end") << QList<Frame>{{true, 0, 1, kKosme.left(3)}} << 1007;
        QTest::newRow("UTF-8 cut at the last fragment")
            << QList<Frame>{{false, 0, 1, "a"}, {true, 0, 0, kKosme.left(4)}} << 1007;
        QTest::newRow("close reason not UTF-8") << QList<Frame>{{true, 0, 8, QByteArray("\x03\xe8\xff", 3)}} << 1007;
        QTest::newRow("frame over the limit") << QList<Frame>{{true, 0, 2, QByteArray(1025, 'x')}} << 1009;
        QTest::newRow("message over the limit in fragments")
            << QList<Frame>{{false, 0, 2, QByteArray(600, 'x')}, {true, 0, 0, QByteArray(600, 'x')}} << 1009;
    }
    void protocolErrors()
    {
        QFETCH(QList<Frame>, frames);
        QFETCH(int, code);
        QByteArray wire;
        for (const Frame &f : frames)
            wire += encode(f);
        for (int chunk : {0, 1}) {
            WsReader reader(1024, 1024);
            const QList<Got> got = run(reader, wire, chunk);
            QVERIFY(!got.isEmpty());
            QCOMPARE(got.last().type, WsEvent::Fail);
            QCOMPARE(got.last().code, code);
            // It stays failed: nothing after a protocol error is taken.
            QByteArray more = encode({true, 0, 1, "after"});
            WsEvent e;
            reader.next(more.data(), more.size(), e);
            QCOMPARE(e.type, WsEvent::Fail);
        }
    }

    void failsFastOnInvalidUtf8()
    {
        // Autobahn 6.4.x: refused at the fragment with the bad byte, not at the message's end.
        WsReader reader(1 << 20, 1 << 20);
        const QList<Got> got = run(reader, encode({false, 0, 1, kKosme}) + encode({false, 0, 0, "\xf4\x90\x80\x80"}));
        QCOMPARE(got.size(), 1);
        QCOMPARE(got.first().type, WsEvent::Fail);
        QCOMPARE(got.first().code, 1007);
    }

    void oversizedFrameRefusedFromItsHeader()
    {
        // 4 GiB announced: refused before a byte of it is held.
        WsReader reader(1 << 20, 1 << 20);
        QByteArray head("\x82\xff\x00\x00\x00\x01\x00\x00\x00\x00", 10);
        WsEvent e;
        reader.next(head.data(), head.size(), e);
        QCOMPARE(e.type, WsEvent::Fail);
        QCOMPARE(e.code, 1009);
        WsReader top(1 << 20, 1 << 20);
        QByteArray msb("\x82\xff\x80\x00\x00\x00\x00\x00\x00\x01", 10);
        top.next(msb.data(), msb.size(), e);
        QCOMPARE(e.code, 1002);
    }

    void utf8MatchesQtOnValidText()
    {
        // Every valid sequence Qt encodes, fed whole and in random pieces.
        QRandomGenerator rng(42);
        for (int round = 0; round < 2000; ++round) {
            QString s;
            const int n = int(rng.bounded(1, 40));
            for (int i = 0; i < n; ++i) {
                char32_t c;
                switch (rng.bounded(4)) {
                case 0: c = char32_t(rng.bounded(0x80)); break;
                case 1: c = char32_t(rng.bounded(0x80, 0x800)); break;
                case 2: c = char32_t(rng.bounded(0x800, 0x10000)); break;
                default: c = char32_t(rng.bounded(0x10000, 0x110000)); break;
                }
                if (c >= 0xD800 && c <= 0xDFFF)
                    c = 0xFFFD;
                s.append(QString::fromUcs4(&c, 1));
            }
            const QByteArray bytes = s.toUtf8();
            QVERIFY(Utf8Validator::isValid(bytes.constData(), bytes.size()));
            Utf8Validator v;
            qsizetype pos = 0;
            while (pos < bytes.size()) {
                const qsizetype step = qsizetype(rng.bounded(1, 6));
                QVERIFY(v.feed(bytes.constData() + pos, qMin(step, bytes.size() - pos)));
                pos += step;
            }
            QVERIFY(v.complete());
        }
    }

    void utf8AgreesWithQtOnCorruptedText()
    {
        // Random corruptions: valid exactly when Qt's decoder round-trips the bytes.
        QRandomGenerator rng(7);
        const QByteArray base = (kKosme + "ascii \xf0\x9f\x98\x80 \xef\xbf\xbf end").repeated(2);
        for (int round = 0; round < 20000; ++round) {
            QByteArray b = base;
            const int flips = int(rng.bounded(1, 4));
            for (int i = 0; i < flips; ++i)
                b[int(rng.bounded(b.size()))] = char(rng.bounded(256));
            b.truncate(qsizetype(rng.bounded(1, int(b.size()) + 1)));
            const bool qtValid = QString::fromUtf8(b).toUtf8() == b;
            QCOMPARE(Utf8Validator::isValid(b.constData(), b.size()), qtValid);
        }
    }

    void utf8Boundaries_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("valid");
        QTest::newRow("U+007F") << QByteArray("\x7f") << true;
        QTest::newRow("overlong /") << QByteArray("\xc0\xaf") << false;
        QTest::newRow("C1 lead") << QByteArray("\xc1\xbf") << false;
        QTest::newRow("U+0080") << QByteArray("\xc2\x80") << true;
        QTest::newRow("overlong 3-byte") << QByteArray("\xe0\x9f\xbf") << false;
        QTest::newRow("U+0800") << QByteArray("\xe0\xa0\x80") << true;
        QTest::newRow("U+D7FF") << QByteArray("\xed\x9f\xbf") << true;
        QTest::newRow("surrogate U+D800") << QByteArray("\xed\xa0\x80") << false;
        QTest::newRow("surrogate U+DFFF") << QByteArray("\xed\xbf\xbf") << false;
        QTest::newRow("U+FFFF") << QByteArray("\xef\xbf\xbf") << true;
        QTest::newRow("overlong 4-byte") << QByteArray("\xf0\x8f\xbf\xbf") << false;
        QTest::newRow("U+10000") << QByteArray("\xf0\x90\x80\x80") << true;
        QTest::newRow("U+10FFFF") << QByteArray("\xf4\x8f\xbf\xbf") << true;
        QTest::newRow("U+110000") << QByteArray("\xf4\x90\x80\x80") << false;
        QTest::newRow("F5 lead") << QByteArray("\xf5\x80\x80\x80") << false;
        QTest::newRow("lone continuation") << QByteArray("\x80") << false;
        QTest::newRow("truncated") << QByteArray("\xe2\x82") << false;
        QTest::newRow("FF") << QByteArray("\xff") << false;
    }
    void utf8Boundaries()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, valid);
        QCOMPARE(Utf8Validator::isValid(bytes.constData(), bytes.size()), valid);
    }
};

QTEST_GUILESS_MAIN(TestWsReader)
#include "tst_wsreader.moc"
