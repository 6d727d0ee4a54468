#include "database.h"

#include "logging.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace sb {

namespace {
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
    , m_prefix(QStringLiteral("sb-") + QString::fromLatin1(QCryptographicHash::hash(filePath.toUtf8(), QCryptographicHash::Sha1).toHex().left(12)) + QLatin1Char('-'))
    , m_schema(std::move(schema))
{
}

Database::~Database() = default;

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

QSqlDatabase Database::connection()
{
    const QString name = m_prefix + QString::number(quintptr(QThread::currentThreadId()), 16);
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name, true);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open()) {
        qCWarning(lcStore) << "cannot open" << m_path << db.lastError().text();
        return db;
    }
    QString err;
    exec(db, QStringLiteral("PRAGMA foreign_keys=ON"), &err);
    exec(db, QStringLiteral("PRAGMA synchronous=FULL"), &err);
    if (!t_connectionsGone)
        t_connections.names.append(name);
    return db;
}

bool Database::open(QString *error, int targetVersion)
{
    if (targetVersion < 0)
        targetVersion = latestSchemaVersion();
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
    for (size_t i = 0; i < m_schema.size(); ++i) {
        if (m_schema[i].version != int(i) + 1) {
            *error = QStringLiteral("schema migrations must be numbered 1, 2, 3, ... without gaps or repeats; "
                                    "found %1 where %2 belongs").arg(m_schema[i].version).arg(i + 1);
            return false;
        }
    }
    const int current = schemaVersion();
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
        for (const QString &sql : m.statements) {
            QString e;
            if (!exec(db, sql, &e)) {
                rollback(db);
                *error = QStringLiteral("migration %1 failed: %2").arg(m.version).arg(e);
                return false;
            }
        }
        QString e;
        if (!exec(db, QStringLiteral("PRAGMA user_version=%1").arg(m.version), &e) || !commit(db)) {
            rollback(db);
            *error = QStringLiteral("migration %1 failed: %2").arg(m.version).arg(e);
            return false;
        }
        qCInfo(lcStore) << "database migrated to schema version" << m.version;
    }
    return true;
}

bool Database::beginImmediate(QSqlDatabase &db)
{
    return exec(db, QStringLiteral("BEGIN IMMEDIATE"), nullptr);
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
