#pragma once
// The SQLite store: one file in the data directory, WAL mode, numbered migrations, and one
// connection per thread (Qt Sql connections are thread-affine). Any thread may call
// connection(); each gets its own, closed when that thread ends.

#include "migrations.h"

#include <QHash>
#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <vector>

class QSqlQuery;

namespace sb {

// A system error number as a user reads it: "the disk is full", "read-only file system"...
QString describeErrno(int error);

class Database final
{
public:
    // `schema`: every migration, by number (sb::schemaMigrations() for the server's).
    Database(const QString &filePath, std::vector<Migration> schema);
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    // Opens the file, enables WAL and applies pending migrations up to `targetVersion`
    // (tests stop early to build old schemas). Call once, before use.
    bool open(QString *error, int targetVersion = -1);
    QSqlDatabase connection();
    // Closes this thread's connection now (threads that end close theirs anyway).
    void closeThisThread();
    QString filePath() const { return m_path; }

    // Runs `sql` inside BEGIN IMMEDIATE ... COMMIT on this thread's connection.
    // (QSqlDatabase::transaction() issues a plain BEGIN, which gives SQLITE_BUSY under
    // concurrent writers.)
    bool beginImmediate(QSqlDatabase &db);
    bool commit(QSqlDatabase &db);
    void rollback(QSqlDatabase &db);

    int latestSchemaVersion() const;
    // Empty when the database file's directory (and the file, if it exists) can be written;
    // else why not, in the system's words ("the disk is full", "read-only file system",
    // "permission denied").
    static QString checkWritable(const QString &filePath);
    int schemaVersion();

private:
    QString m_path;
    QString m_prefix;
    std::vector<Migration> m_schema;
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
};

}  // namespace sb
