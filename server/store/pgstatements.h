#pragma once
// Statements run straight on a Qt PostgreSQL connection's own PGconn (QSqlDriver::handle(),
// documented Qt API), for the rows a writer stores most. Qt 6.4's QPSQL runs a prepared
// query as the SQL text `EXECUTE name ('value', ...)`: every value is escaped into a
// literal that the server parses again, and every result value comes back through a
// QVariant. Here values travel as the protocol's parameters (PQexecPrepared) and results
// are read where libpq keeps them. They run on the same connection, between Qt's
// statements. Everything else stays on Qt Sql.

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>

#include <initializer_list>
#include <vector>

struct pg_conn;
struct pg_result;

namespace sb {

// One statement's result; empty (ok() false) when it failed, with the server's words.
class PgResult final
{
public:
    PgResult() = default;
    explicit PgResult(pg_result *result);
    ~PgResult();
    PgResult(PgResult &&other) noexcept : m_result(other.m_result) { other.m_result = nullptr; }
    PgResult &operator=(PgResult &&other) noexcept;
    Q_DISABLE_COPY(PgResult)

    bool ok() const;
    QString error() const;
    // The SQLSTATE of a failure ("23503": a foreign key), empty when there is none.
    QByteArray state() const;
    int rows() const;
    bool isNull(int row, int column) const;
    // A column of an integer type, as its text; 0 when NULL or not a number.
    qint64 int64At(int row, int column) const;

private:
    pg_result *m_result = nullptr;
};

// A writer thread's statements, by the caller's own small numbers, each prepared on the
// server the first time it runs on a connection (a connection opened again forgets them:
// Database::connectionGeneration()).
class PgStatements final
{
public:
    // The PGconn of `db`, or nullptr when it is not an open PostgreSQL connection. (Qt 6
    // names its type "pg_conn*", the struct's name; "PGconn*" in Qt's documentation.)
    static pg_conn *handleOf(const QSqlDatabase &db);

    // Runs statement `id`, made from `sql` (parameters $1, $2, ... in text form), with
    // `values` (text without NUL characters: libpq reads each up to its terminating NUL, which
    // a QByteArray always has); the result, or one that is not ok() and says why.
    PgResult run(pg_conn *conn, int id, const char *sql, std::initializer_list<QByteArray> values);
    void clear();

private:
    pg_conn *m_conn = nullptr;
    quint64 m_generation = 0;
    std::vector<bool> m_prepared;
};

}  // namespace sb
