// TLS on a listener: a generated self-signed pair, https:// and wss:// with clients that
// trust exactly that certificate.
#include "net/tls.h"
#include "testserver.h"

#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

using namespace sbtest;

class TestTls : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir certDir;
    std::optional<sb::GeneratedCertificate> cert;
    std::unique_ptr<TestServer> server;

    QSslConfiguration trusting() const
    {
        QSslConfiguration c = QSslConfiguration::defaultConfiguration();
        c.setCaCertificates(QSslCertificate::fromPath(cert->certificateFile));
        c.setPeerVerifyMode(QSslSocket::VerifyPeer);
        return c;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(QSslSocket::supportsSsl());
        QString error;
        cert = sb::generateSelfSigned(certDir.path(), {}, &error);
        QVERIFY2(cert, qPrintable(error));
        QCOMPARE(QFile(cert->keyFile).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup), QFileDevice::Permissions());
        QCOMPARE(cert->sha256Fingerprint.count(QLatin1Char(':')), 31);
        server = std::make_unique<TestServer>([this](sb::ServerConfig &c) {
            c.listeners[0].tls = sb::TlsFiles{cert->certificateFile, cert->keyFile};
        });
        QVERIFY2(server->ok(), qPrintable(server->error()));
        QVERIFY(server->host().listeners()[0].localUrl.startsWith(QStringLiteral("https://")));
    }
    void cleanupTestCase() { server.reset(); }

    void wssEchoWithVerifiedCertificate()
    {
        QWebSocket ws;
        ws.setSslConfiguration(trusting());
        QSignalSpy connected(&ws, &QWebSocket::connected);
        QSignalSpy text(&ws, &QWebSocket::textMessageReceived);
        QList<QSslError> errors;
        connect(&ws, &QWebSocket::sslErrors, this, [&](const QList<QSslError> &e) { errors = e; });
        QNetworkRequest req(server->ws(QStringLiteral("/echo")));
        ws.open(req);
        QVERIFY(connected.wait(5000));
        QVERIFY2(errors.isEmpty(), errors.isEmpty() ? "" : qPrintable(errors.first().errorString()));
        ws.sendTextMessage(QStringLiteral("secure"));
        QVERIFY(text.wait(5000));
        QCOMPARE(text.first().first().toString(), QStringLiteral("secure"));
    }

    void httpsAccountsApi()
    {
        QNetworkAccessManager nam;
        QNetworkRequest req(server->http(QStringLiteral("/healthz")));
        req.setSslConfiguration(trusting());
        QNetworkReply *reply = nam.get(req);
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(5000));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        reply->deleteLater();
    }

    void plainTextToTlsPortIsDropped()
    {
        const QByteArray r = rawExchange(server->port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 3000);
        QVERIFY(!r.startsWith("HTTP/1.1 200"));
        // The listener keeps working for TLS clients.
        wssEchoWithVerifiedCertificate();
    }

    void badTlsFilesAreRefusedAtStart()
    {
        TestServer bad([](sb::ServerConfig &c) { c.listeners[0].tls = sb::TlsFiles{QStringLiteral("/nonexistent.pem"), QStringLiteral("/nonexistent.key")}; });
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().contains(QStringLiteral("listeners[0].tls")), qPrintable(bad.error()));
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
