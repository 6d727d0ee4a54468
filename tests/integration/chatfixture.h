#pragma once
// What the chat service's tests share (tst_chat, tst_chatfiles): a chat client as the seed's
// example page is one, and a server with four members (alice and carol pay, bob has no
// coins, boss is a superuser), on SQLite or, in the cluster label, a PostgreSQL database.
#include "services/chat/chatservice.h"
#include "accounts/accountstore.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <optional>

namespace sbtest {

// A chat client as the seed's example page is one: open, send "Bearer <token>", collect.
struct ChatClient {
    std::unique_ptr<QWebSocket> ws = std::make_unique<QWebSocket>();
    QStringList raw;          // every text frame as received
    QList<QJsonValue> frames; // parsed
    int closeCode = -1;
    QString closeReason;

    // Qt 6.4's ~QWebSocket leaks a string when it has to close a connected socket itself
    // (LeakSanitizer shows it); abort first, the way a vanished client would.
    ~ChatClient()
    {
        if (ws)
            ws->abort();
    }
    ChatClient(ChatClient &&) = default;
    ChatClient()
    {
        QObject::connect(ws.get(), &QWebSocket::textMessageReceived, ws.get(), [this](const QString &m) {
            raw.append(m);
            const QJsonDocument d = QJsonDocument::fromJson(m.toUtf8());
            frames.append(d.isArray() ? QJsonValue(d.array()) : QJsonValue(d.object()));
        });
        QObject::connect(ws.get(), &QWebSocket::disconnected, ws.get(), [this] {
            closeCode = ws->closeCode();
            closeReason = ws->closeReason();
        });
    }
    bool open(const QUrl &url)
    {
        QSignalSpy connected(ws.get(), &QWebSocket::connected);
        ws->open(url);
        return connected.wait(5000);
    }
    // Opens and authenticates; true once the history array has arrived.
    bool join(TestServer &s, qint64 other, const QString &token)
    {
        if (!open(s.ws(QStringLiteral("/members/chat/?other_member_id=%1").arg(other))))
            return false;
        ws->sendTextMessage(QStringLiteral("Bearer ") + token);
        return QTest::qWaitFor([this] { return !frames.isEmpty() || closeCode >= 0; }, 5000) && !frames.isEmpty()
            && frames.first().isArray();
    }
    QJsonArray history() const { return frames.isEmpty() ? QJsonArray() : frames.first().toArray(); }
    QList<QJsonObject> messages() const
    {
        QList<QJsonObject> out;
        for (const QJsonValue &v : frames) {
            if (v.isObject() && v.toObject().value(QStringLiteral("type")).toString() != QLatin1String("error"))
                out.append(v.toObject());
        }
        return out;
    }
    QList<QJsonObject> errors() const
    {
        QList<QJsonObject> out;
        for (const QJsonValue &v : frames) {
            if (v.isObject() && v.toObject().value(QStringLiteral("type")).toString() == QLatin1String("error"))
                out.append(v.toObject());
        }
        return out;
    }
    QString lastErrorCode() const { return errors().isEmpty() ? QString() : errors().last().value(QStringLiteral("code")).toString(); }
};

inline const QByteArray &kPng = kTinyPng;

// Stands the chat writer still, as a slow disk or a stalled PostgreSQL would: a connection of
// its own holds the lock the writer needs to store `senderId`'s messages (SQLite's write lock,
// which the writer waits for up to its busy timeout of 5 s; on PostgreSQL the sender's row,
// which the writer locks before it charges). Released by release() or when it goes.
class StoreLock
{
public:
    StoreLock(const sb::ServerConfig &config, qint64 senderId) : m_own(sb::makeDatabase(config))
    {
        QSqlDatabase db = m_own->connection();
        m_query.emplace(db);
        if (m_own->dialect() == sb::Database::Dialect::Postgres)
            m_locked = m_query->exec(QStringLiteral("BEGIN"))
                    && m_query->exec(QStringLiteral("SELECT id FROM users WHERE id = %1 FOR UPDATE").arg(senderId));
        else
            m_locked = m_query->exec(QStringLiteral("BEGIN IMMEDIATE"));
        if (!m_locked)
            m_error = m_query->lastError().text();
    }
    ~StoreLock()
    {
        release();
        m_query.reset();
        m_own->closeThisThread();
    }
    Q_DISABLE_COPY_MOVE(StoreLock)
    bool locked() const { return m_locked; }
    QString error() const { return m_error; }
    void release()
    {
        if (m_locked)
            m_query->exec(QStringLiteral("ROLLBACK"));
        m_query->finish();
        m_locked = false;
    }

private:
    std::unique_ptr<sb::Database> m_own;
    std::optional<QSqlQuery> m_query;
    bool m_locked = false;
    QString m_error;
};

inline QByteArray fileFrame(const QByteArray &info, const QByteArray &bytes)
{
    return "!" + info + "#" + bytes;
}

// The server and its members; a test class derives from it and calls setUp() first.
class ChatFixture : public QObject
{
protected:
    QTemporaryDir dataDir;
    std::unique_ptr<TestServer> server;
    sb::ClusterConfig cluster;  // the cluster label's database, kept across restarts
    sb::User alice, bob, boss, carol;
    QString aliceToken, bobToken, bossToken, carolToken;

    sb::User makeUser(const QString &email, const QString &role, qint64 balance)
    {
        sb::AccountStore::Error err;
        auto u = server->host().accounts().createUser(email, QStringLiteral("pw"), role, balance, &err);
        return u ? *u : sb::User{};
    }
    qint64 balanceOf(qint64 id) { return server->host().accounts().userById(id)->balance; }
    QList<QPair<QByteArray, QByteArray>> bearer(const QString &token) { return {{"Authorization", "Bearer " + token.toLatin1()}}; }

    void startServer()
    {
        server = std::make_unique<TestServer>([this](sb::ServerConfig &c) {
            c.dataDir = dataDir.path();
            // In the cluster label: a restarted server finds the same PostgreSQL database.
            if (cluster.enabled())
                c.cluster = cluster;
            cluster = c.cluster;
            c.workers = 2;
            c.services[QStringLiteral("chat")].limits.unauthenticatedMs = 600;
            c.services[QStringLiteral("chat")].edit<sb::chat::ChatSettings>().fileBytes = 100'000;
        });
    }

    // Where a file's bytes are: <data dir>/files/<uuid>, or a row of file_contents in the
    // cluster label's PostgreSQL. `strayBytes` puts some there without a files row.
    bool bytesStored(const QString &uuid)
    {
        if (!cluster.enabled())
            return QFile::exists(dataDir.filePath(QStringLiteral("files/") + uuid));
        std::unique_ptr<sb::Database> own = sb::makeDatabase(server ? server->host().config() : clusterConfig());
        QSqlQuery q(own->connection());
        q.prepare(QStringLiteral("SELECT 1 FROM file_contents WHERE uuid = ?"));
        q.addBindValue(uuid);
        const bool found = q.exec() && q.next();
        q.finish();
        own->closeThisThread();
        return found;
    }
    void strayBytes(const QString &uuid)
    {
        if (!cluster.enabled()) {
            QFile stray(dataDir.filePath(QStringLiteral("files/") + uuid));
            QVERIFY(stray.open(QIODevice::WriteOnly));
            return;
        }
        std::unique_ptr<sb::Database> own = sb::makeDatabase(clusterConfig());
        QSqlQuery q(own->connection());
        q.prepare(QStringLiteral("INSERT INTO file_contents (uuid, data) VALUES (?, ?)"));
        q.addBindValue(uuid);
        q.addBindValue(QByteArray("left by a crash"));
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        q.finish();
        own->closeThisThread();
    }
    sb::ServerConfig clusterConfig() const
    {
        sb::ServerConfig c;
        c.cluster = cluster;
        return c;
    }

    HttpResult uploadSmile(const QString &token, const QByteArray &data, const QByteArray &price = {})
    {
        return server->uploadSmile(token, data, price);
    }

    // Starts the server and makes the members every case uses.
    void setUp()
    {
        startServer();
        QVERIFY2(server->ok(), qPrintable(server->error()));
        alice = makeUser(QStringLiteral("alice@chat.test"), QStringLiteral("member"), 100);
        bob = makeUser(QStringLiteral("bob@chat.test"), QStringLiteral("member"), 0);
        boss = makeUser(QStringLiteral("boss@chat.test"), QStringLiteral("superuser"), 0);
        carol = makeUser(QStringLiteral("carol@chat.test"), QStringLiteral("member"), 50);
        QVERIFY(alice.id && bob.id && boss.id && carol.id);
        aliceToken = server->host().accounts().issueAccessToken(alice.id);
        bobToken = server->host().accounts().issueAccessToken(bob.id);
        bossToken = server->host().accounts().issueAccessToken(boss.id);
        carolToken = server->host().accounts().issueAccessToken(carol.id);
    }
};

}  // namespace sbtest
