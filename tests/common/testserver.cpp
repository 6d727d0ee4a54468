#include "testserver.h"

#include "services/channels/channelservice.h"

#include <QElapsedTimer>
#include <QHttpMultiPart>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkCookieJar>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTimer>

namespace sbtest {

QByteArray HttpResult::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QJsonObject HttpResult::json() const
{
    return QJsonDocument::fromJson(body).object();
}

namespace {
// Tests send cookies explicitly; a jar that remembers them would hide missing credentials.
class NoCookies final : public QNetworkCookieJar
{
public:
    using QNetworkCookieJar::QNetworkCookieJar;
    bool setCookiesFromUrl(const QList<QNetworkCookie> &, const QUrl &) override { return false; }
};
}  // namespace

namespace {
QHash<QString, QString> clusterEnv()
{
    const QString envFile = qEnvironmentVariable("SB_TEST_CLUSTER");
    QFile f(envFile);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("SB_TEST_CLUSTER: cannot read %s", qPrintable(envFile));
    QHash<QString, QString> env;
    for (const QByteArray &line : f.readAll().split('\n')) {
        const qsizetype eq = line.indexOf('=');
        if (eq > 0)
            env.insert(QString::fromUtf8(line.left(eq)), QString::fromUtf8(line.mid(eq + 1)).trimmed());
    }
    return env;
}

// SB_TEST_CLUSTER names the env file of tests/cluster/services.py (the `cluster` label runs
// integration tests a second time that way): each server gets a fresh PostgreSQL database
// and joins the Redis there as a one-node cluster.
void joinTestCluster(sb::ServerConfig &c)
{
    const std::optional<QUrl> database = freshClusterDatabase();
    if (!database)
        return;
    c.cluster.database = database->toString();
    c.cluster.redis = clusterEnv().value(QStringLiteral("REDIS"));
    c.cluster.node = database->path().mid(1);
}
}  // namespace

QSqlDatabase openPostgres(const QUrl &url, const QString &name)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setHostName(url.host());
    db.setPort(url.port());
    db.setUserName(url.userName());
    db.setPassword(url.password());
    db.setDatabaseName(url.path().mid(1));
    db.open();
    return db;
}

std::optional<QUrl> freshClusterDatabase()
{
    if (qEnvironmentVariableIsEmpty("SB_TEST_CLUSTER"))
        return std::nullopt;
    const QHash<QString, QString> env = clusterEnv();
    static int serial = 0;
    const QString name = QStringLiteral("t%1_%2").arg(QCoreApplication::applicationPid()).arg(++serial);
    const QUrl admin(env.value(QStringLiteral("POSTGRES")));
    {
        QSqlDatabase db = openPostgres(admin, QStringLiteral("sbtest-admin"));
        if (!db.isOpen())
            qFatal("SB_TEST_CLUSTER: cannot reach PostgreSQL: %s", qPrintable(db.lastError().text()));
        // Owned by a role of its own that is no superuser, as a node's database is
        // (docs/cluster.md): what needs more than an owner's rights fails here too.
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD 'pw_%1'").arg(name))
            || !q.exec(QStringLiteral("CREATE DATABASE %1 OWNER %1").arg(name)))
            qFatal("SB_TEST_CLUSTER: %s", qPrintable(q.lastError().text()));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("sbtest-admin"));
    QUrl mine = admin;
    mine.setUserName(name);
    mine.setPassword(QStringLiteral("pw_") + name);
    mine.setPath(QLatin1Char('/') + name);
    return mine;
}

TestServer::TestServer(const std::function<void(sb::ServerConfig &)> &tweak)
{
    m_nam.setCookieJar(new NoCookies(&m_nam));
    sb::ServerConfig c = sb::ServerConfig::defaults();
    c.dataDir = m_dir.path();
    c.overrideAddress(QStringLiteral("127.0.0.1"));
    for (sb::ListenerConfig &l : c.listeners)
        l.port = 0;
    c.workers = 2;
    c.shutdownGraceMs = 1000;
    c.admin.port = 0;  // the admin endpoint on a free port, on 127.0.0.1
    c.announce = false;  // tests of announcing turn it on
    joinTestCluster(c);
    if (tweak)
        tweak(c);
    m_host = std::make_unique<sb::ServerHost>(c);
    m_ok = m_host->start(&m_error);
}

TestServer::~TestServer()
{
    m_host->stop();
}

quint16 TestServer::port(int listener) const
{
    return m_host->listeners().value(listener).port;
}

QUrl TestServer::http(const QString &path, int listener) const
{
    const bool tls = m_host->listeners().value(listener).tls;
    return QUrl(QStringLiteral("%1://127.0.0.1:%2%3").arg(tls ? QStringLiteral("https") : QStringLiteral("http")).arg(port(listener)).arg(path));
}

QUrl TestServer::ws(const QString &path, int listener) const
{
    const bool tls = m_host->listeners().value(listener).tls;
    return QUrl(QStringLiteral("%1://127.0.0.1:%2%3").arg(tls ? QStringLiteral("wss") : QStringLiteral("ws")).arg(port(listener)).arg(path));
}

HttpResult TestServer::run(QNetworkReply *reply)
{
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(15000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    HttpResult r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    r.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return r;
}

void TestServer::trustCertificate(const QString &pemFile)
{
    m_trusted = QSslCertificate::fromPath(pemFile);
}

void TestServer::prepare(QNetworkRequest &req) const
{
    if (m_trusted.isEmpty())
        return;
    QSslConfiguration c = QSslConfiguration::defaultConfiguration();
    c.setCaCertificates(m_trusted);
    req.setSslConfiguration(c);
}

HttpResult TestServer::get(const QString &path, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest req(http(path, m_httpListener));
    for (const auto &h : headers)
        req.setRawHeader(h.first, h.second);
    prepare(req);
    return run(m_nam.get(req));
}

HttpResult TestServer::post(const QString &path, const QByteArray &body, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    return send("POST", path, body, headers);
}

HttpResult TestServer::send(const QByteArray &method, const QString &path, const QByteArray &body,
                            const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest req(http(path, m_httpListener));
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto &h : headers)
        req.setRawHeader(h.first, h.second);
    prepare(req);
    return run(method == "POST" ? m_nam.post(req, body) : m_nam.sendCustomRequest(req, method, body));
}

HttpResult TestServer::postJson(const QString &path, const QJsonObject &body, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    return post(path, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
}

QString TestServer::registerAndLogin(const QString &email, const QString &password)
{
    postJson(QStringLiteral("/auth/register"), {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}, {QStringLiteral("repeat_password"), password}});
    return login(email, password);
}

QString TestServer::login(const QString &email, const QString &password)
{
    const HttpResult r = postJson(QStringLiteral("/auth/login"), {{QStringLiteral("email"), email}, {QStringLiteral("password"), password}});
    return r.json().value(QStringLiteral("access_token")).toString();
}

void quickChannelTimers(sb::ServerConfig &c)
{
    auto &ch = c.services[QStringLiteral("channels")];
    ch.edit<sb::channels::ChannelSettings>().ackTimeoutMs = 600;
    ch.limits.pingIntervalMs = 400;
    ch.limits.pongTimeoutMs = 400;
}

QByteArray writeNumberedLines(const QString &path, int lines)
{
    QByteArray content;
    for (int i = 0; i < lines; ++i)
        content += QByteArray::number(i) + '\n';
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
        return {};
    return content;
}

bool openSocket(QWebSocket &ws, const QNetworkRequest &request)
{
    QEventLoop loop;
    QObject::connect(&ws, &QWebSocket::connected, &loop, &QEventLoop::quit);
    QObject::connect(&ws, &QWebSocket::disconnected, &loop, &QEventLoop::quit);
    QTimer::singleShot(5000, &loop, &QEventLoop::quit);
    ws.open(request);
    loop.exec();
    return ws.state() == QAbstractSocket::ConnectedState;
}

namespace {
// Sends `request` on a fresh connection and reads until the server closes, `done(received)`
// says so, or `timeoutMs` passes.
template <typename Done>
QByteArray exchange(quint16 port, const QByteArray &request, int timeoutMs, Done done)
{
    QTcpSocket s;
    s.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!s.waitForConnected(timeoutMs))
        return {};
    s.write(request);
    s.flush();
    QByteArray out;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        if (s.waitForReadyRead(50))
            out += s.readAll();
        if (done(out))
            break;
        if (s.state() != QAbstractSocket::ConnectedState) {
            out += s.readAll();
            break;
        }
    }
    return out;
}
}  // namespace

QByteArray rawExchange(quint16 port, const QByteArray &request, int timeoutMs)
{
    return exchange(port, request, timeoutMs, [](const QByteArray &) { return false; });
}

QByteArray upgradeAnswer(quint16 port, const QByteArray &request, int timeoutMs)
{
    // Switched: the connection stays open, the head is all there is to read.
    return exchange(port, request, timeoutMs,
                    [](const QByteArray &out) { return out.startsWith("HTTP/1.1 101") && out.contains("\r\n\r\n"); });
}

QByteArray upgradeRequest(const QByteArray &path, const QByteArray &extraHeaders, const QByteArray &key)
{
    QByteArray r = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n";
    if (!key.isEmpty())
        r += "Sec-WebSocket-Key: " + key + "\r\n";
    if (!extraHeaders.contains("Sec-WebSocket-Version"))
        r += "Sec-WebSocket-Version: 13\r\n";
    return r + extraHeaders + "\r\n";
}

int statusOf(const QByteArray &rawResponse)
{
    if (!rawResponse.startsWith("HTTP/1.1 "))
        return 0;
    return rawResponse.mid(9, 3).toInt();
}

const QByteArray kTinyPng = QByteArray::fromBase64(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

HttpResult TestServer::uploadSmile(const QString &token, const QByteArray &image, const QByteArray &price)
{
    auto *multi = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    QHttpPart file;
    file.setHeader(QNetworkRequest::ContentDispositionHeader, QByteArrayLiteral("form-data; name=\"file\"; filename=\"smile.png\""));
    file.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("image/png"));
    file.setBody(image);
    multi->append(file);
    if (!price.isEmpty()) {
        QHttpPart p;
        p.setHeader(QNetworkRequest::ContentDispositionHeader, QByteArrayLiteral("form-data; name=\"price\""));
        p.setBody(price);
        multi->append(p);
    }
    QNetworkRequest req(http(QStringLiteral("/storage/smiles"), m_httpListener));
    prepare(req);
    if (!token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    QNetworkReply *reply = m_nam.post(req, multi);
    multi->setParent(reply);
    return run(reply);
}

}  // namespace sbtest
