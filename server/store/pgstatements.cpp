#include "pgstatements.h"

#include "database.h"
#include "logging.h"

#include <QSqlDriver>
#include <QVarLengthArray>
#include <QVariant>

#include <libpq-fe.h>

#include <charconv>
#include <cstdio>
#include <utility>

namespace sb {

PgResult::PgResult(pg_result *result) : m_result(result) {}

PgResult::~PgResult()
{
    PQclear(m_result);
}

PgResult &PgResult::operator=(PgResult &&other) noexcept
{
    std::swap(m_result, other.m_result);
    return *this;
}

bool PgResult::ok() const
{
    const ExecStatusType s = m_result ? PQresultStatus(m_result) : PGRES_FATAL_ERROR;
    return s == PGRES_TUPLES_OK || s == PGRES_COMMAND_OK;
}

QString PgResult::error() const
{
    if (!m_result)
        return QStringLiteral("no connection to the server");
    return QString::fromUtf8(PQresultErrorMessage(m_result)).trimmed();
}

QByteArray PgResult::state() const
{
    return m_result ? QByteArray(PQresultErrorField(m_result, PG_DIAG_SQLSTATE)) : QByteArray();
}

int PgResult::rows() const
{
    return ok() ? PQntuples(m_result) : 0;
}

bool PgResult::isNull(int row, int column) const
{
    return !ok() || PQgetisnull(m_result, row, column);
}

qint64 PgResult::int64At(int row, int column) const
{
    if (isNull(row, column))
        return 0;
    const char *text = PQgetvalue(m_result, row, column);
    const int length = PQgetlength(m_result, row, column);
    qint64 value = 0;
    if (std::from_chars(text, text + length, value).ec != std::errc())
        return 0;
    return value;
}

pg_conn *PgStatements::handleOf(const QSqlDatabase &db)
{
    if (!db.isOpen() || !db.driver())
        return nullptr;
    const QVariant v = db.driver()->handle();
    if (!v.isValid() || (qstrcmp(v.typeName(), "pg_conn*") != 0 && qstrcmp(v.typeName(), "PGconn*") != 0))
        return nullptr;
    return *static_cast<PGconn *const *>(v.constData());
}

PgResult PgStatements::run(pg_conn *conn, int id, const char *sql, std::initializer_list<QByteArray> values)
{
    if (!conn || id < 0)
        return PgResult();
    if (conn != m_conn || m_generation != Database::connectionGeneration()) {
        m_prepared.clear();  // prepared on a connection that is gone
        m_conn = conn;
        m_generation = Database::connectionGeneration();
    }
    if (size_t(id) >= m_prepared.size())
        m_prepared.resize(size_t(id) + 1);
    char name[24];
    std::snprintf(name, sizeof name, "sb_native_%d", id);
    QVarLengthArray<const char *, 8> texts;
    for (const QByteArray &v : values)
        texts.append(v.constData());  // (never null: an empty QByteArray gives "")
    // Twice at most: a statement the server no longer knows (dropped by DEALLOCATE ALL or
    // DISCARD ALL, as a connection pooler may do) is prepared again and the call repeated:
    // it failed before it ran, and outside a transaction (our callers') left nothing behind.
    for (int attempt = 0;; ++attempt) {
        if (!m_prepared[size_t(id)]) {
            PgResult prepared(PQprepare(conn, name, sql, int(values.size()), nullptr));
            if (!prepared.ok()) {
                qCWarning(lcStore) << "cannot prepare" << sql << ":" << prepared.error();
                return prepared;
            }
            m_prepared[size_t(id)] = true;
        }
        PgResult result(PQexecPrepared(conn, name, int(values.size()), texts.data(), nullptr, nullptr, 0));
        if (result.ok())
            return result;
        if (attempt == 0 && result.state() == QByteArrayView("26000")) {  // invalid_sql_statement_name
            m_prepared[size_t(id)] = false;
            continue;
        }
        qCWarning(lcStore) << "statement failed:" << result.error();
        return result;
    }
}

void PgStatements::clear()
{
    m_prepared.clear();
    m_conn = nullptr;
}

}  // namespace sb
