#pragma once
// Guild and user documents of the felix service (seed 002): JSON objects in the database.
// Thread-safe. Every change takes the next number of one counter in the database in its
// own transaction (felix_order: every felix write of every node waits for the one before
// to commit, so a PATCH reads the latest document and no update is lost), commits, and is
// reported with that number (to FelixHub, which pushes it; subscribers never get a change
// after a later one, whichever node made it).

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <QString>

#include <functional>
#include <optional>

namespace sb {
class Database;
}

namespace sb::felix {

enum class Kind { Guild, User };

class FelixStore final
{
public:
    // Called after each committed change with the stored document (none when deleted) and
    // its place in the commit order of every node's changes (1, 2, 3 …).
    using Committed = std::function<void(Kind, const QString &id, const std::optional<QJsonObject> &doc, qint64 order)>;
    FelixStore(Database &db, Committed committed);
    Q_DISABLE_COPY_MOVE(FelixStore)

    std::optional<QJsonObject> get(Kind kind, const QString &id);
    QList<QPair<QString, QJsonObject>> list(Kind kind);
    int count(Kind kind);

    enum class Result { Ok, Created, NotFound, NotAnObject, StorageError };
    // Replace (PUT), merge-patch (PATCH) or delete. `after` receives the stored document.
    Result put(Kind kind, const QString &id, const QJsonObject &doc);
    Result patch(Kind kind, const QString &id, const QJsonValue &patch, QJsonObject *after);
    Result remove(Kind kind, const QString &id);

private:
    // One change: from the current document (none: there is none) to the next (none:
    // delete it), or a refusal (NotFound, NotAnObject), in the write's transaction.
    using Change = std::function<Result(const std::optional<QJsonObject> &current, std::optional<QJsonObject> *next)>;
    Result write(Kind kind, const QString &id, const Change &change, QJsonObject *after = nullptr);

    Database &m_db;
    Committed m_committed;
    QMutex m_mutex;  // a write and its report (this node's in order without waiting on the database)
};

QString kindName(Kind kind);

}  // namespace sb::felix
