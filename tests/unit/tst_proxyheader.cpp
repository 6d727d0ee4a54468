// The PROXY protocol header (wire/proxyheader.h): versions 1 and 2 as HAProxy sends them,
// every prefix of a header waiting for more, and what a balancer must never get past.
#include "wire/proxyheader.h"

#include <QTest>

using sb::proxyheader::Result;

namespace {

Result parse(const QByteArray &bytes)
{
    return sb::proxyheader::parse(bytes.constData(), bytes.size());
}

QByteArray v2(int verCmd, int family, const QByteArray &addresses)
{
    QByteArray h("\x0D\x0A\x0D\x0A\x00\x0D\x0A\x51\x55\x49\x54\x0A", 12);
    h.append(char(verCmd));
    h.append(char(family));
    h.append(char(addresses.size() >> 8));
    h.append(char(addresses.size() & 0xFF));
    return h + addresses;
}

QByteArray v2Inet(const QByteArray &tlvs = {})
{
    // 192.0.2.7:51234 -> 198.51.100.1:8000
    return v2(0x21, 0x11, QByteArray("\xC0\x00\x02\x07\xC6\x33\x64\x01\xC8\x22\x1F\x40", 12) + tlvs);
}

}  // namespace

class TestProxyHeader : public QObject
{
    Q_OBJECT
private slots:
    void version1()
    {
        const QByteArray line = "PROXY TCP4 192.0.2.7 198.51.100.1 51234 8000\r\n";
        const Result r = parse(line + "GET / HTTP/1.1\r\n");
        QCOMPARE(r.status, Result::Done);
        QCOMPARE(r.length, line.size());  // what follows the header is not the header's
        QVERIFY(r.hasAddress);
        QCOMPARE(r.source, QHostAddress(QStringLiteral("192.0.2.7")));
        QCOMPARE(r.sourcePort, quint16(51234));

        const Result six = parse("PROXY TCP6 2001:db8::7 2001:db8::1 65535 443\r\n");
        QCOMPARE(six.status, Result::Done);
        QCOMPARE(six.source, QHostAddress(QStringLiteral("2001:db8::7")));
        QCOMPARE(six.sourcePort, quint16(65535));

        // UNKNOWN (a balancer's own check): the connection's address stands.
        const Result unknown = parse("PROXY UNKNOWN ffff:f...f:ffff ffff:f...f:ffff 65535 65535\r\n");
        QCOMPARE(unknown.status, Result::Done);
        QVERIFY(!unknown.hasAddress);
        QCOMPARE(parse("PROXY UNKNOWN\r\n").status, Result::Done);
    }

    void everyPrefixWaitsForMore()
    {
        const QByteArray one = "PROXY TCP4 192.0.2.7 198.51.100.1 51234 8000\r\n";
        const QByteArray two = v2Inet();
        for (const QByteArray &h : {one, two}) {
            for (qsizetype n = 0; n < h.size(); ++n)
                QVERIFY2(parse(h.left(n)).status == Result::Incomplete, qPrintable(QString::number(n)));
            QCOMPARE(parse(h).status, Result::Done);
        }
    }

    void version1Refusals_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("no header") << QByteArray("GET /healthz HTTP/1.1\r\n\r\n");
        QTest::newRow("TLS instead") << QByteArray("\x16\x03\x01\x02\x00", 5);
        QTest::newRow("lower case") << QByteArray("proxy TCP4 1.2.3.4 5.6.7.8 1 2\r\n");
        QTest::newRow("bare LF") << QByteArray("PROXY TCP4 192.0.2.7 198.51.100.1 1 2\n");
        QTest::newRow("UDP") << QByteArray("PROXY UDP4 192.0.2.7 198.51.100.1 1 2\r\n");
        QTest::newRow("field missing") << QByteArray("PROXY TCP4 192.0.2.7 198.51.100.1 1\r\n");
        QTest::newRow("bad address") << QByteArray("PROXY TCP4 192.0.2.999 198.51.100.1 1 2\r\n");
        QTest::newRow("v6 in TCP4") << QByteArray("PROXY TCP4 2001:db8::7 198.51.100.1 1 2\r\n");
        QTest::newRow("port too big") << QByteArray("PROXY TCP4 192.0.2.7 198.51.100.1 65536 2\r\n");
        QTest::newRow("leading zero") << QByteArray("PROXY TCP4 192.0.2.7 198.51.100.1 0080 2\r\n");
        QTest::newRow("sign") << QByteArray("PROXY TCP4 192.0.2.7 198.51.100.1 +80 2\r\n");
        QTest::newRow("too long") << QByteArray("PROXY UNKNOWN ") + QByteArray(100, 'x') + "\r\n";
    }

    void version1Refusals()
    {
        QFETCH(QByteArray, bytes);
        const Result r = parse(bytes);
        QCOMPARE(r.status, Result::Error);
        QVERIFY(r.reason && *r.reason);
    }

    void version2()
    {
        const QByteArray h = v2Inet();
        const Result r = parse(h + "\x16\x03\x01");
        QCOMPARE(r.status, Result::Done);
        QCOMPARE(r.length, h.size());
        QVERIFY(r.hasAddress);
        QCOMPARE(r.source, QHostAddress(QStringLiteral("192.0.2.7")));
        QCOMPARE(r.sourcePort, quint16(51234));

        // TLVs (HAProxy's unique id, say) are part of the header and skipped.
        const QByteArray withTlvs = v2Inet(QByteArray("\x05\x00\x03" "abc", 6));
        QCOMPARE(parse(withTlvs).length, withTlvs.size());
        QCOMPARE(parse(withTlvs).source, QHostAddress(QStringLiteral("192.0.2.7")));

        QByteArray six(36, '\0');
        six[0] = char(0x20);
        six[1] = char(0x01);
        six[2] = char(0x0d);
        six[3] = char(0xb8);
        six[15] = 7;
        six[32] = char(0x1F);
        six[33] = char(0x90);
        const Result r6 = parse(v2(0x21, 0x21, six));
        QCOMPARE(r6.status, Result::Done);
        QCOMPARE(r6.source, QHostAddress(QStringLiteral("2001:db8::7")));
        QCOMPARE(r6.sourcePort, quint16(8080));

        // LOCAL (HAProxy's health checks) and AF_UNSPEC: the connection's own address.
        const Result local = parse(v2(0x20, 0x00, {}));
        QCOMPARE(local.status, Result::Done);
        QCOMPARE(local.length, 16);
        QVERIFY(!local.hasAddress);
        QVERIFY(!parse(v2(0x21, 0x00, {})).hasAddress);
    }

    void version2Refusals()
    {
        QCOMPARE(parse(v2(0x11, 0x11, QByteArray(12, '\0'))).status, Result::Error);  // version 1 in a v2 header
        QCOMPARE(parse(v2(0x22, 0x11, QByteArray(12, '\0'))).status, Result::Error);  // unknown command
        QCOMPARE(parse(v2(0x21, 0x11, QByteArray(8, '\0'))).status, Result::Error);   // too short for IPv4
        QCOMPARE(parse(v2(0x21, 0x21, QByteArray(12, '\0'))).status, Result::Error);  // too short for IPv6
        // Longer than any balancer sends: refused from its length, before the bytes arrive.
        QByteArray big = v2(0x21, 0x11, QByteArray(12, '\0'));
        big[14] = char(0x04);
        QCOMPARE(parse(big.left(16)).status, Result::Error);
    }

    void sources()
    {
        QString error;
        const auto s = sb::proxyheader::Sources::fromStrings({QStringLiteral("10.0.0.0/8"), QStringLiteral("192.0.2.7"),
                                                              QStringLiteral("2001:db8::/32")},
                                                             &error);
        QVERIFY2(s, qPrintable(error));
        QVERIFY(s->contains(QHostAddress(QStringLiteral("10.20.30.40"))));
        QVERIFY(s->contains(QHostAddress(QStringLiteral("::ffff:10.1.2.3"))));  // a dual-stack listener's peer
        QVERIFY(s->contains(QHostAddress(QStringLiteral("192.0.2.7"))));
        QVERIFY(!s->contains(QHostAddress(QStringLiteral("192.0.2.8"))));
        QVERIFY(s->contains(QHostAddress(QStringLiteral("2001:db8:1::1"))));
        QVERIFY(!s->contains(QHostAddress(QStringLiteral("127.0.0.1"))));

        QVERIFY(!sb::proxyheader::Sources::fromStrings({QStringLiteral("10.0.0.0/8"), QStringLiteral("balancer")}, &error));
        QVERIFY2(error.startsWith(QLatin1String("proxy_protocol_from[1]:")), qPrintable(error));
        QVERIFY(!sb::proxyheader::Sources::fromStrings({QStringLiteral("10.0.0.0/40")}, &error));
        QVERIFY(sb::proxyheader::Sources::fromStrings({}, &error)->isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestProxyHeader)
#include "tst_proxyheader.moc"
