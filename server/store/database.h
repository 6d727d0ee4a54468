#pragma once
// The store: SQLite (one file in the data directory, WAL mode) or, in cluster mode,
// PostgreSQL (docs/cluster.md); numbered migrations, and one connection per thread (Qt Sql
// connections are thread-affine). Any thread may call connection(); each gets its own,
// closed when that thread ends. Statements are written once for both (ON CONFLICT,
// RETURNING); migrations are written for SQLite and translated (migrations.h).

#include "migrations.h"

#include <QHash>
#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

class QSqlQuery;

namespace sb {

// A system error number as a user reads it: "the disk is full", "read-only file system"...
QString describeErrno(int error);

// Where a cluster's PostgreSQL is: postgresql://user:password@host[:port]/dbname.
struct PostgresAddress {
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString database;

    // Null, with the reason in `error`, when `url` is not of this form.
    static std::optional<PostgresAddress> parse(const QString &url, QString *error);
    // Without the password.
    QString display() const;
};

class Database final
{
public:
    enum class Dialect { Sqlite, Postgres };

    // `schema`: every migration, by number (sb::schemaMigrations() for the server's).
    Database(const QString &filePath, std::vector<Migration> schema);
    Database(const PostgresAddress &server, std::vector<Migration> schema);
    Dialect dialect() const { return m_postgres ? Dialect::Postgres : Dialect::Sqlite; }
    std::optional<PostgresAddress> postgresAddress() const { return m_postgres; }
    // A migration statement written for SQLite, in PostgreSQL's words: INTEGER → BIGINT,
    // INTEGER PRIMARY KEY AUTOINCREMENT → BIGSERIAL PRIMARY KEY, BLOB → BYTEA, TEXT … COLLATE
    // NOCASE → CITEXT.
    static QString toPostgres(const QString &sqliteStatement);
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    // Opens the file (enables WAL) or connects to the server, and applies pending migrations
    // up to `targetVersion` (tests stop early to build old schemas). Call once, before use.
    // Nodes starting together against one PostgreSQL migrate one after the other.
    bool open(QString *error, int targetVersion = -1);
    QSqlDatabase connection();
    // Counts how often this thread's connections were opened again (a PostgreSQL server
    // restarted): statements prepared before are gone.
    static quint64 connectionGeneration();
    // Closes this thread's connection now (threads that end close theirs anyway).
    void closeThisThread();
    // The SQLite file, or the PostgreSQL server as postgresql://user@host:port/db.
    QString filePath() const { return m_path; }

    // Starts a write transaction: BEGIN IMMEDIATE on SQLite (QSqlDatabase::transaction()
    // issues a plain BEGIN, which gives SQLITE_BUSY under concurrent writers), BEGIN on
    // PostgreSQL.
    bool beginImmediate(QSqlDatabase &db);
    bool commit(QSqlDatabase &db);
    void rollback(QSqlDatabase &db);

    int latestSchemaVersion() const;
    // PostgreSQL: the cluster's identity, made by the first node that opened the database
    // (every node sharing it shares the cluster's Redis names). Empty for SQLite.
    QString clusterId() const { return m_clusterId; }
    // Empty when the database file's directory (and the file, if it exists) can be written;
    // else why not, in the system's words ("the disk is full", "read-only file system",
    // "permission denied").
    static QString checkWritable(const QString &filePath);
    int schemaVersion();

private:
    bool openPostgres(QString *error, int targetVersion);
    bool migrate(QSqlDatabase &db, int current, int targetVersion, QString *error);
    bool checkNumbering(QString *error) const;

    QString m_path;
    QString m_prefix;
    std::vector<Migration> m_schema;
    std::optional<PostgresAddress> m_postgres;
    QString m_clusterId;
};

// Prepared statements of one connection, kept for the life of a writer thread: SQLite
// parses each statement once instead of once per row. Clear it on that thread before the
// connection closes.
class StatementCache final
{
public:
    StatementCache();
    ~StatementCache();
    Q_DISABLE_COPY_MOVE(StatementCache)

    // The prepared query number `id` (small, dense: the caller's own enumeration), made from
    // `sql` on `db` the first time (bind, then exec); nullptr, logged, if it cannot be
    // prepared. Looked up by number: hashing the SQL text cost more than a bind.
    QSqlQuery *get(const QSqlDatabase &db, int id, const QString &sql);
    void clear();

private:
    std::vector<std::unique_ptr<QSqlQuery>> m_queries;
    quint64 m_generation = 0;
};

}  // namespace sb
