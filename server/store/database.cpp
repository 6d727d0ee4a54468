#include "database.h"

#include "logging.h"
#include "pgstatements.h"
#include "sqlitestatements.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <libpq-fe.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace sb {

namespace {
constexpr int kWalAutocheckpointPages = 10000;

// Removes this thread's connections when the thread ends.
thread_local bool t_connectionsGone = false;  // trivially destructible: readable after the list is gone
struct ThreadConnections {
    QStringList names;
    ~ThreadConnections()
    {
        for (const QString &n : names)
            QSqlDatabase::removeDatabase(n);
        t_connectionsGone = true;
    }
};
thread_local ThreadConnections t_connections;
thread_local quint64 t_generation = 0;  // bumped whenever this thread's connection is opened again

bool exec(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(sql)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(sql.left(60), q.lastError().text());
        return false;
    }
    return true;
}
}  // namespace

QString describeErrno(int error)
{
    switch (error) {
    case ENOSPC: return QStringLiteral("the disk is full");
    case EDQUOT: return QStringLiteral("the disk quota is used up");
    case EROFS: return QStringLiteral("read-only file system");
    case EACCES:
    case EPERM: return QStringLiteral("permission denied");
    case ENOENT: return QStringLiteral("no such directory");
    default: return QString::fromLocal8Bit(std::strerror(error));
    }
}

QString Database::checkWritable(const QString &filePath)
{
    // SQLite says "unable to open database file" or "disk I/O error" whatever the cause; ask
    // the system first, the way the database will write: a file in the directory, written and
    // flushed to the disk, and the database file itself opened for writing.
    const QString dir = QFileInfo(filePath).absolutePath();
    const QByteArray probe = QFile::encodeName(dir + QStringLiteral("/.switchboard-write-test"));
    const int fd = ::open(probe.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return QStringLiteral("cannot write in %1: %2").arg(dir, describeErrno(errno));
    static const char block[16 * 1024] = {};
    int failure = 0;
    if (::write(fd, block, sizeof block) != qsizetype(sizeof block))
        failure = errno ? errno : ENOSPC;
    else if (::fsync(fd) != 0)
        failure = errno;
    ::close(fd);
    ::unlink(probe.constData());
    if (failure)
        return QStringLiteral("cannot write in %1: %2").arg(dir, describeErrno(failure));
    if (QFileInfo::exists(filePath)) {
        const int db = ::open(QFile::encodeName(filePath).constData(), O_RDWR | O_CLOEXEC);
        if (db < 0)
            return QStringLiteral("cannot write %1: %2").arg(filePath, describeErrno(errno));
        ::close(db);
    }
    return {};
}

Database::Database(const QString &filePath, std::vector<Migration> schema)
    : m_path(filePath)
    // Per object too: another Database on the same store (a test's, a command's) has
    // connections of its own, never this one's.
    , m_prefix(QStringLiteral("sb-") + QString::fromLatin1(QCryptographicHash::hash(filePath.toUtf8(), QCryptographicHash::Sha1).toHex().left(12))
               + QLatin1Char('-') + QString::number(quintptr(this), 16) + QLatin1Char('-'))
    , m_schema(std::move(schema))
{
}

Database::Database(const PostgresAddress &server, std::vector<Migration> schema)
    : Database(server.display(), std::move(schema))
{
    m_postgres = server;
}

Database::~Database() = default;

std::optional<PostgresAddress> PostgresAddress::parse(const QString &text, QString *error)
{
    const QUrl url(text, QUrl::StrictMode);
    const bool scheme = url.scheme() == QLatin1String("postgresql") || url.scheme() == QLatin1String("postgres");
    PostgresAddress a;
    a.host = url.host();
    a.port = url.port(5432);
    a.user = url.userName();
    a.password = url.password();
    a.database = url.path().mid(1);
    if (!url.isValid() || !scheme || a.host.isEmpty() || a.user.isEmpty() || a.database.isEmpty() || a.database.contains(QLatin1Char('/'))) {
        *error = QStringLiteral("'%1' is not a PostgreSQL URL (expected postgresql://user:password@host:port/dbname)").arg(text);
        return std::nullopt;
    }
    if (a.port < 1 || a.port > 65535) {
        *error = QStringLiteral("'%1': the port must be from 1 to 65535").arg(text);
        return std::nullopt;
    }
    return a;
}

QString PostgresAddress::display() const
{
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port).arg(database);
}

QString Database::toPostgres(const QString &sql)
{
    static const QRegularExpression serial(QStringLiteral("\\bINTEGER PRIMARY KEY AUTOINCREMENT\\b"));
    static const QRegularExpression nocase(QStringLiteral("\\bTEXT\\b([^,]*?)\\s+COLLATE NOCASE\\b"));
    static const QRegularExpression integer(QStringLiteral("\\bINTEGER\\b"));
    static const QRegularExpression blob(QStringLiteral("\\bBLOB\\b"));
    QString out = sql;
    out.replace(serial, QStringLiteral("BIGSERIAL PRIMARY KEY"));
    out.replace(nocase, QStringLiteral("CITEXT\\1"));
    out.replace(integer, QStringLiteral("BIGINT"));
    out.replace(blob, QStringLiteral("BYTEA"));
    return out;
}

void Database::closeThisThread()
{
    // A server stopped while the process exits (a static owner) may come here after the main
    // thread's connections were already removed.
    if (t_connectionsGone)
        return;
    const QString name = m_prefix + QString::number(quintptr(QThread::currentThreadId()), 16);
    if (t_connections.names.removeAll(name) > 0)
        QSqlDatabase::removeDatabase(name);
}

quint64 Database::connectionGeneration()
{
    return t_generation;
}

QSqlDatabase Database::connection()
{
    const QString name = m_prefix + QString::number(quintptr(QThread::currentThreadId()), 16);
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (m_postgres && db.isOpen()) {
            // A server that restarted (or a network that broke) leaves the connection open
            // in Qt's eyes and bad in libpq's: open it again, for this and later statements.
            PGconn *conn = PgStatements::handleOf(db);
            // libpq learns of a server that went away only when it next reads: let it read
            // what is waiting (the server's goodbye when it shut down, then the end of the
            // stream; two reads at most) before the caller's statement, not during it.
            // Reading input is always safe (PQconsumeInput); a sound connection stays so.
            for (int round = 0; conn && round < 2 && PQstatus(conn) == CONNECTION_OK; ++round) {
                pollfd p{PQsocket(conn), POLLIN, 0};
                if (::poll(&p, 1, 0) <= 0)
                    break;
                PQconsumeInput(conn);
            }
            if (conn && PQstatus(conn) == CONNECTION_BAD) {
                db.close();
                ++t_generation;
                if (db.open())
                    qCInfo(lcStore) << "reconnected to" << m_path;
            }
        } else if (!db.isOpen()) {
            ++t_generation;
            db.open();
        }
        return db;
    }
    QSqlDatabase db;
    if (m_postgres) {
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(m_postgres->host);
        db.setPort(m_postgres->port);
        db.setUserName(m_postgres->user);
        db.setPassword(m_postgres->password);
        db.setDatabaseName(m_postgres->database);
        // Never wait long for a server that is not there: start-up says so, writes fail.
        db.setConnectOptions(QStringLiteral("connect_timeout=5;application_name=switchboard"));
    } else {
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    }
    if (!t_connectionsGone)
        t_connections.names.append(name);
    if (!db.open()) {
        qCWarning(lcStore) << "cannot open" << m_path << db.lastError().text();
        return db;
    }
    if (m_postgres)
        return db;
    QString err;
    exec(db, QStringLiteral("PRAGMA foreign_keys=ON"), &err);
    exec(db, QStringLiteral("PRAGMA synchronous=FULL"), &err);
    // A commit that finds the WAL past this many pages copies them into the database. SQLite's
    // 1,000 made the chat writer copy the same pages (one index page per active chat) every
    // few batches; at 10,000 a page changed by many batches is copied once, and the -wal file
    // stays below ~41 MB (docs/performance.md, "A commit's WAL frames in one write").
    exec(db, QStringLiteral("PRAGMA wal_autocheckpoint=%1").arg(kWalAutocheckpointPages), &err);
    return db;
}

bool Database::checkNumbering(QString *error) const
{
    for (size_t i = 0; i < m_schema.size(); ++i) {
        if (m_schema[i].version != int(i) + 1) {
            *error = QStringLiteral("schema migrations must be numbered 1, 2, 3, ... without gaps or repeats; "
                                    "found %1 where %2 belongs").arg(m_schema[i].version).arg(i + 1);
            return false;
        }
    }
    return true;
}

bool Database::open(QString *error, int targetVersion)
{
    if (targetVersion < 0)
        targetVersion = latestSchemaVersion();
    if (!checkNumbering(error))
        return false;
    if (m_postgres)
        return openPostgres(error, targetVersion);
    configureSqlite();
    const QString unwritable = checkWritable(m_path);
    if (!unwritable.isEmpty()) {
        *error = unwritable;
        return false;
    }
    QSqlDatabase db = connection();
    if (!db.isOpen()) {
        *error = QStringLiteral("cannot open database %1: %2").arg(m_path, db.lastError().text());
        return false;
    }
    QSqlQuery wal(db);
    if (!wal.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !wal.next()
        || wal.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
        *error = QStringLiteral("cannot switch %1 to WAL mode").arg(m_path);
        return false;
    }
    wal.finish();
    return migrate(db, schemaVersion(), targetVersion, error);
}

bool Database::openPostgres(QString *error, int targetVersion)
{
    QSqlDatabase db = connection();
    if (!db.isOpen()) {
        *error = QStringLiteral("cannot connect to PostgreSQL at %1: %2").arg(m_path, db.lastError().databaseText().trimmed());
        closeThisThread();
        return false;
    }
    // Nodes that start together take turns: the first migrates, the others find it done.
    QString e;
    exec(db, QStringLiteral("SET client_min_messages TO warning"), nullptr);  // no NOTICEs on stderr for IF NOT EXISTS
    if (!exec(db, QStringLiteral("SELECT pg_advisory_lock(1937007714)"), &e)
        || !exec(db, QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"), &e)
        || !exec(db, QStringLiteral("CREATE EXTENSION IF NOT EXISTS citext"), &e)
        || !exec(db, QStringLiteral("CREATE TABLE IF NOT EXISTS cluster_identity (id TEXT NOT NULL)"), &e)
        || !exec(db, QStringLiteral("INSERT INTO cluster_identity (id) SELECT substr(md5(random()::text || clock_timestamp()::text), 1, 12)"
                                    " WHERE NOT EXISTS (SELECT 1 FROM cluster_identity)"), &e)) {
        *error = QStringLiteral("cannot prepare PostgreSQL database %1: %2").arg(m_path, e);
        exec(db, QStringLiteral("SELECT pg_advisory_unlock_all()"), nullptr);
        return false;
    }
    QSqlQuery id(db);
    if (id.exec(QStringLiteral("SELECT id FROM cluster_identity")) && id.next())
        m_clusterId = id.value(0).toString();
    id.finish();
    const bool ok = migrate(db, schemaVersion(), targetVersion, error);
    exec(db, QStringLiteral("SELECT pg_advisory_unlock_all()"), nullptr);
    return ok;
}

bool Database::migrate(QSqlDatabase &db, int current, int targetVersion, QString *error)
{
    if (current < 0) {
        *error = QStringLiteral("cannot read the schema version of %1: %2").arg(m_path, db.lastError().text());
        return false;
    }
    if (current > latestSchemaVersion()) {
        *error = QStringLiteral("database %1 has schema version %2, newer than this build knows (%3)")
                     .arg(m_path).arg(current).arg(latestSchemaVersion());
        return false;
    }
    for (const Migration &m : m_schema) {
        if (m.version <= current || m.version > targetVersion)
            continue;
        if (!beginImmediate(db)) {
            *error = QStringLiteral("cannot start migration %1: %2").arg(m.version).arg(db.lastError().text());
            return false;
        }
        QStringList statements = m.statements;
        if (m_postgres && !m.postgres.isEmpty())
            statements = m.postgres;
        else if (m_postgres)
            std::transform(statements.begin(), statements.end(), statements.begin(), &Database::toPostgres);
        statements.append(m_postgres ? QStringLiteral("DELETE FROM schema_version") : QStringLiteral("PRAGMA user_version=%1").arg(m.version));
        if (m_postgres)
            statements.append(QStringLiteral("INSERT INTO schema_version (version) VALUES (%1)").arg(m.version));
        for (const QString &sql : statements) {
            QString e;
            if (!exec(db, sql, &e)) {
                rollback(db);
                *error = QStringLiteral("migration %1 failed: %2").arg(m.version).arg(e);
                return false;
            }
        }
        if (!commit(db)) {
            rollback(db);
            *error = QStringLiteral("migration %1 failed: cannot commit: %2").arg(m.version).arg(db.lastError().text());
            return false;
        }
        qCInfo(lcStore) << "database migrated to schema version" << m.version;
    }
    return true;
}

bool Database::beginImmediate(QSqlDatabase &db)
{
    return exec(db, m_postgres ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE"), nullptr);
}

bool Database::commit(QSqlDatabase &db)
{
    QString e;
    if (exec(db, QStringLiteral("COMMIT"), &e))
        return true;
    qCWarning(lcStore) << "commit failed:" << e;
    return false;
}

void Database::rollback(QSqlDatabase &db)
{
    exec(db, QStringLiteral("ROLLBACK"), nullptr);
}

int Database::latestSchemaVersion() const
{
    return m_schema.empty() ? 0 : m_schema.back().version;
}

int Database::schemaVersion()
{
    QSqlDatabase db = connection();
    QSqlQuery q(db);
    if (m_postgres) {
        if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_version")) || !q.next())
            return -1;
        return q.value(0).toInt();
    }
    if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
        return q.value(0).toInt();
    return -1;
}

StatementCache::StatementCache() = default;
StatementCache::~StatementCache() = default;

QSqlQuery *StatementCache::get(const QSqlDatabase &db, int id, const QString &sql)
{
    if (id < 0)
        return nullptr;
    if (m_generation != Database::connectionGeneration()) {
        m_queries.clear();  // prepared on a connection that is gone
        m_generation = Database::connectionGeneration();
    }
    if (size_t(id) >= m_queries.size())
        m_queries.resize(size_t(id) + 1);
    if (QSqlQuery *q = m_queries[size_t(id)].get())
        return q;
    auto q = std::make_unique<QSqlQuery>(db);
    if (!q->prepare(sql)) {
        qCWarning(lcStore) << "cannot prepare" << sql << ":" << q->lastError().text();
        return nullptr;
    }
    return (m_queries[size_t(id)] = std::move(q)).get();
}

void StatementCache::clear()
{
    m_queries.clear();
}

}  // namespace sb
