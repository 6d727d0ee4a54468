#pragma once
// Test helpers: a real ServerHost on 127.0.0.1 port 0 with a temporary data directory,
// raw-socket and HTTP clients. Used by integration tests on the test's main thread.

#include "config.h"
#include "serverhost.h"

#include <QByteArray>
#include <QFuture>
#include <QTest>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlDatabase>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QUrl>
#include <QWebSocket>

#include <functional>
#include <optional>
#include <memory>

namespace sbtest {

struct HttpResult {
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QByteArray header(const QByteArray &name) const;
    QJsonObject json() const;
};

// In the cluster label (SB_TEST_CLUSTER set): a new, empty PostgreSQL database there, as a
// postgresql:// URL; otherwise none (the test uses SQLite).
std::optional<QUrl> freshClusterDatabase();
// A Qt Sql connection named `name` to the postgresql:// `url`, opened (check isOpen(); the
// caller removes it with QSqlDatabase::removeDatabase when done).
QSqlDatabase openPostgres(const QUrl &url, const QString &name);

class TestServer
{
public:
    // `tweak` may edit the configuration (limits, services) before start.
    explicit TestServer(const std::function<void(sb::ServerConfig &)> &tweak = {});
    ~TestServer();

    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    sb::ServerHost &host() { return *m_host; }
    quint16 port(int listener = 0) const;
    QString dataDir() const { return m_dir.path(); }
    QUrl http(const QString &path, int listener = 0) const;
    QUrl ws(const QString &path, int listener = 0) const;

    // get()/post() go to this listener (default 0).
    void setHttpListener(int listener) { m_httpListener = listener; }
    // HTTPS requests trust this certificate (PEM file), e.g. a generated self-signed one.
    void trustCertificate(const QString &pemFile);

    HttpResult get(const QString &path, const QList<QPair<QByteArray, QByteArray>> &headers = {});
    HttpResult post(const QString &path, const QByteArray &body, const QList<QPair<QByteArray, QByteArray>> &headers = {});
    // Any method (PATCH, DELETE, …) with an optional JSON body.
    HttpResult send(const QByteArray &method, const QString &path, const QByteArray &body = {},
                    const QList<QPair<QByteArray, QByteArray>> &headers = {});
    HttpResult postJson(const QString &path, const QJsonObject &body, const QList<QPair<QByteArray, QByteArray>> &headers = {});

    // Registers and logs in a user; returns the access token (empty on failure).
    QString registerAndLogin(const QString &email, const QString &password);
    // POST /auth/login: the access token (empty when refused).
    QString login(const QString &email, const QString &password);
    // POST /storage/smiles as multipart (file, and price when given), with this Bearer token.
    HttpResult uploadSmile(const QString &token, const QByteArray &image, const QByteArray &price = {});

private:
    HttpResult run(QNetworkReply *reply);

    QTemporaryDir m_dir;
    std::unique_ptr<sb::ServerHost> m_host;
    QNetworkAccessManager m_nam;
    bool m_ok = false;
    int m_httpListener = 0;
    QList<QSslCertificate> m_trusted;
    void prepare(QNetworkRequest &req) const;
    QString m_error;
};

// The future's value, waiting without blocking the event loop (a continuation may need it);
// fatal after 20 s.
template <typename T>
T await(QFuture<T> f)
{
    if (!QTest::qWaitFor([&] { return f.isFinished(); }, 20000))
        qFatal("an administrative call did not answer within 20 s");
    return f.result();
}

// The smallest valid PNG (1x1), for smiles.
extern const QByteArray kTinyPng;

// Opens a WebSocket and waits for the handshake (5 s); false if it did not connect.
bool openSocket(QWebSocket &ws, const QNetworkRequest &request);

// Channels with short timers, to watch ACK timeouts (600 ms) and PING_TIMEOUT (400 + 400 ms).
void quickChannelTimers(sb::ServerConfig &c);
// Writes `lines` numbered lines ("0\n1\n...") to `path`; the bytes written (empty on failure).
QByteArray writeNumberedLines(const QString &path, int lines);
inline bool openSocket(QWebSocket &ws, const QUrl &url) { return openSocket(ws, QNetworkRequest(url)); }

// Sends raw bytes on a fresh TCP connection and returns everything received until the
// server closes the connection or `timeoutMs` passes.
QByteArray rawExchange(quint16 port, const QByteArray &request, int timeoutMs = 5000);
// Sends an upgrade request and returns the answer: the head of a 101 as soon as it is in,
// anything else until the server closes.
QByteArray upgradeAnswer(quint16 port, const QByteArray &request, int timeoutMs = 5000);
// A minimal valid upgrade request for `path`, with extra header lines appended.
QByteArray upgradeRequest(const QByteArray &path, const QByteArray &extraHeaders = {}, const QByteArray &key = "dGhlIHNhbXBsZSBub25jZQ==");
int statusOf(const QByteArray &rawResponse);

}  // namespace sbtest
