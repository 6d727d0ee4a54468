#pragma once
// Chat data access. Reads run on the calling thread's connection (workers, the blocking
// pool). Every write that a client is told about goes through ChatWriter, which batches
// commits on its own thread.

#include "chatmessage.h"
#include "store/batchwriter.h"
#include "store/pgstatements.h"
#include "store/sqlitestatements.h"

#include <QList>
#include <QString>
#include <QVariant>

#include <functional>
#include <initializer_list>
#include <optional>

namespace sb {
class Database;
struct ServiceCounters;
}

namespace sb::chat {

struct StoredFile {
    QString uuid;
    QString originalName;
    QString contentType;
    qint64 size = 0;
};

struct Smile {
    qint64 id = 0;
    QString fileUuid;
    qint64 price = 0;
};

class ChatStore final
{
public:
    ChatStore(Database &db, QString filesDir);

    // A stored file's bytes: files in <data dir>/files with SQLite, rows of file_contents in
    // a cluster's PostgreSQL, where every node can serve them (docs/cluster.md). Blocking.
    bool writeBytes(const QString &uuid, QByteArrayView data, QString *error);
    std::optional<QByteArray> readBytes(const QString &uuid);
    void removeBytes(const QString &uuid);

    // The chat of two members, created on first use.
    std::optional<qint64> chatFor(qint64 memberA, qint64 memberB);
    // Oldest first: the `limit` most recent messages with id < beforeId (0 = newest).
    QList<ChatMessage> history(qint64 chatId, qint64 beforeId, int limit);
    std::optional<StoredFile> file(const QString &uuid);
    QList<Smile> smiles();
    // Stores a smile whose file is already on disk (files row + smiles row, one commit).
    std::optional<Smile> addSmile(const StoredFile &file, qint64 price, qint64 uploaderId);
    // Changes a smile's price (new messages pay it); false if there is no such smile.
    bool setSmilePrice(qint64 id, qint64 price);
    // Retires a smile: it leaves the list and new messages cannot use it; old messages keep
    // it. False if there is no such (unretired) smile.
    bool retireSmile(qint64 id);
    // Deletes file bytes that no row refers to (left by a crash between the two).
    int removeOrphanFiles();

private:
    Database &m_db;
    QString m_filesDir;
};

// Writes `data` durably as <filesDir>/<uuid> (temporary file, fsync, rename). Blocking.
bool writeFileDurably(const QString &filesDir, const QString &uuid, QByteArrayView data, QString *error);

struct SendRequest {
    qint64 chatId = 0;
    qint64 senderId = 0;
    QString type;  // text, smile, file
    QString text;
    qint64 smileId = 0;
    StoredFile file;  // for type "file": already written to disk
    // The message as it will be stored, before its id (and smile or file) are known; dated now.
    ChatMessage draft() const;
};

struct SendResult {
    bool ok = false;
    QLatin1String errorCode;  // protocol/chat.h code::
    QString detail;
    ChatMessage message;
    // The refusals both write paths give.
    static SendResult notStored();
    // notStored() because a statement failed: sets `failed`, and the caller rolls the
    // transaction back.
    static SendResult broken(bool *failed);
    static SendResult unknownSender();
    static SendResult notEnoughCoins(qint64 price, qint64 balance);
};

// Owns the write path: one thread, one connection, batched transactions. Each request is
// charged and inserted inside its own savepoint (never a message without its charge, nor a
// charge without its message); the batch commits once; results are reported after the
// commit.
class ChatWriter final
{
public:
    using Callback = std::function<void(const SendResult &)>;

    ChatWriter(Database &db, qint64 textPrice, ServiceCounters &counters);
    Q_DISABLE_COPY_MOVE(ChatWriter)

    // Thread-safe. `done` runs on the writer thread after the commit.
    void submit(SendRequest request, Callback done) { m_queue.submit({std::move(request), std::move(done)}); }
    void flush() { m_queue.flush(); }

private:
    using Pending = std::pair<SendRequest, Callback>;
    void processBatch(QList<Pending> &batch);
    // `failed`: a statement failed and the transaction must be rolled back. `native`: the
    // SQLite connection's own handle (nullptr on PostgreSQL), for processText().
    SendResult process(QSqlDatabase &db, sqlite3 *native, const SendRequest &r, bool *failed);
    // SQLite, a text message (most of them): charged and inserted by statements on the
    // connection's own handle, bound by position (chatwritersqlite.cpp).
    SendResult processText(QSqlDatabase &db, sqlite3 *native, const SendRequest &r, bool *failed);
    // PostgreSQL, a batch of text messages only: every charge and insert in one round trip
    // (the function sb_store_texts, chatwriterpg.cpp). False when a statement failed.
    bool processTexts(QSqlDatabase &db, const QList<Pending> &batch, QList<SendResult> *results);
    // PostgreSQL, a batch that is not only texts, before its first charge: locks its senders
    // in the order of their ids, as sb_store_texts does, so that two nodes' writers charging
    // the same members wait for each other instead of deadlocking. False when it failed.
    bool lockSenders(QSqlDatabase &db, const QList<Pending> &batch);
    // Its steps: each leaves `m` (and the price) as the message will be stored, or says why
    // not (a refusal; nullptr from run() when a statement failed).
    std::optional<SendResult> resolveSmile(QSqlDatabase &db, const SendRequest &r, ChatMessage &m, qint64 &price, bool *failed);
    std::optional<SendResult> charge(QSqlDatabase &db, const SendRequest &r, qint64 &price, bool *failed);
    // Why a charge changed nothing: not a member (free: `price` becomes 0), not enough coins,
    // or no such sender.
    std::optional<SendResult> unpaid(QSqlDatabase &db, const SendRequest &r, qint64 &price, bool *failed);
    QSqlQuery *insert(QSqlDatabase &db, const SendRequest &r, ChatMessage &m, qint64 price);

    // Every statement is prepared once per writer thread and bound by name: Qt 6.4 turns a
    // position into a name (":%1".arg(i)) on every bindValue(int), which cost a fifth of the
    // writer's time. Each name occurs once per statement (a repeated one makes the SQLite
    // driver re-map every value on each exec).
    struct Bind {
        QString name;
        QVariant value;
    };
    enum Statement { SmilePrice, Charge, Sender, InsertFile, InsertMessage, InsertText };
    QSqlQuery *run(QSqlDatabase &db, Statement id, const QString &sql, std::initializer_list<Bind> values);

    Database &m_db;
    qint64 m_textPrice;
    ServiceCounters &m_counters;
    StatementCache m_statements;  // writer thread only
    enum NativeStatement { NativeCharge, NativeInsertText };
    SqliteStatements m_native;    // writer thread only
    enum PgStatement { PgStoreTexts, PgLockSenders };
    PgStatements m_pg;            // writer thread only
    BatchWriter<Pending> m_queue;  // last: its thread stops before the rest goes
};

}  // namespace sb::chat
