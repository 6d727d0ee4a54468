#pragma once
// Statements prepared straight on a Qt SQLite connection's own sqlite3 handle
// (QSqlDriver::handle(), documented Qt API), for the rows a writer stores most: bound by
// position with no QVariant and no placeholder names, read by column. Qt 6.4 binds through
// a QVariant and turns every placeholder into a name and hashes it, per value and row; for
// a chat text that was more than SQLite's own work. They run inside the transactions Qt's
// statements run in: the same connection. Everything else stays on Qt Sql.

#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace sb {

class SqliteStatement final
{
public:
    SqliteStatement(sqlite3 *db, sqlite3_stmt *statement) : m_db(db), m_statement(statement) {}
    ~SqliteStatement();
    Q_DISABLE_COPY_MOVE(SqliteStatement)

    // Positions count from 1, as in SQL's ?1. Text is bound as it is (UTF-16, no copy): it
    // must live until reset(). A null QString is NULL, as Qt binds it.
    void bind(int position, qint64 value);
    void bind(int position, const QString &text);
    void bindNull(int position);

    enum class Step { Row, Done, Failed };
    Step step();
    qint64 int64At(int column) const;
    QString textAt(int column) const;
    // Rows the last INSERT, UPDATE or DELETE on the connection changed.
    int changes() const;
    // The rowid of the connection's last successful INSERT (what RETURNING id would give,
    // without the table of results SQLite builds for RETURNING: a third of a row's cost).
    qint64 lastInsertRowid() const;
    // Ready to be bound and stepped again (a statement left mid-rows holds its read lock).
    void reset();
    QString error() const;

private:
    sqlite3 *m_db;
    sqlite3_stmt *m_statement;
};

// Settings for every SQLite connection of the process, made before the first one opens (no
// effect after): each connection is used by one thread only (Database: a connection per
// thread), so SQLite need not lock one per call (SQLITE_CONFIG_MULTITHREAD), and keeps no
// memory statistics behind a global lock on every allocation.
void configureSqlite();

// A writer thread's native statements, by the caller's own small numbers, prepared on first
// use. Clear it on that thread before its connection closes (SQLite does not close a
// connection with statements open).
class SqliteStatements final
{
public:
    SqliteStatements();
    ~SqliteStatements();
    Q_DISABLE_COPY_MOVE(SqliteStatements)

    // The sqlite3 handle of `db`, or nullptr when it is not an open SQLite connection.
    static sqlite3 *handleOf(const QSqlDatabase &db);
    // Statement `id` made from `sql` on `db` (which handleOf() gave); nullptr, logged, if it
    // cannot be prepared. A different handle than before (the connection was opened again)
    // drops everything prepared on the old one.
    SqliteStatement *get(sqlite3 *db, int id, const char *sql);
    void clear();

private:
    sqlite3 *m_db = nullptr;
    std::vector<std::unique_ptr<SqliteStatement>> m_statements;
};

}  // namespace sb
