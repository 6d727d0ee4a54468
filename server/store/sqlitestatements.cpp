#include "sqlitestatements.h"

#include "logging.h"
#include "sqlitewal.h"

#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

namespace sb {

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_statement);
}

void SqliteStatement::bind(int position, qint64 value)
{
    sqlite3_bind_int64(m_statement, position, value);
}

void SqliteStatement::bind(int position, const QString &text)
{
    if (text.isNull()) {  // as Qt binds a null QString
        sqlite3_bind_null(m_statement, position);
        return;
    }
    sqlite3_bind_text16(m_statement, position, text.utf16(), int(text.size() * sizeof(char16_t)), SQLITE_STATIC);
}

void SqliteStatement::bindNull(int position)
{
    sqlite3_bind_null(m_statement, position);
}

SqliteStatement::Step SqliteStatement::step()
{
    switch (sqlite3_step(m_statement)) {
    case SQLITE_ROW:
        return Step::Row;
    case SQLITE_DONE:
        return Step::Done;
    default:
        return Step::Failed;
    }
}

qint64 SqliteStatement::int64At(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

QString SqliteStatement::textAt(int column) const
{
    const auto *text = static_cast<const char16_t *>(sqlite3_column_text16(m_statement, column));
    return text ? QString(reinterpret_cast<const QChar *>(text), sqlite3_column_bytes16(m_statement, column) / 2) : QString();
}

int SqliteStatement::changes() const
{
    return sqlite3_changes(m_db);
}

qint64 SqliteStatement::lastInsertRowid() const
{
    return sqlite3_last_insert_rowid(m_db);
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

QString SqliteStatement::error() const
{
    return QString::fromUtf8(sqlite3_errmsg(m_db));
}

void configureSqlite()
{
    static const bool once = [] {
        sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        installSqliteWalGathering();  // (the batch writers' commits: sqlitewal.h)
        return true;
    }();
    Q_UNUSED(once);
}

SqliteStatements::SqliteStatements() = default;
SqliteStatements::~SqliteStatements() = default;

sqlite3 *SqliteStatements::handleOf(const QSqlDatabase &db)
{
    if (!db.isOpen() || !db.driver())
        return nullptr;
    const QVariant v = db.driver()->handle();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(v.constData());
}

SqliteStatement *SqliteStatements::get(sqlite3 *db, int id, const char *sql)
{
    if (!db || id < 0)
        return nullptr;
    if (db != m_db) {
        m_statements.clear();  // prepared on a connection that is gone
        m_db = db;
    }
    if (size_t(id) >= m_statements.size())
        m_statements.resize(size_t(id) + 1);
    if (SqliteStatement *s = m_statements[size_t(id)].get())
        return s;
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) != SQLITE_OK) {
        qCWarning(lcStore) << "cannot prepare" << sql << ":" << sqlite3_errmsg(db);
        sqlite3_finalize(statement);
        return nullptr;
    }
    return (m_statements[size_t(id)] = std::make_unique<SqliteStatement>(db, statement)).get();
}

void SqliteStatements::clear()
{
    m_statements.clear();
    m_db = nullptr;
}

}  // namespace sb
