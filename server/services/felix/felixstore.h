#pragma once
// Guild and user documents of the felix service (seed 002): JSON objects in the database.
// Thread-safe. Every change commits and is reported (to FelixHub, which pushes it) while one
// lock is held, so subscribers see changes in commit order.

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
    // Called after each committed change, in commit order, with the stored document (none
    // when deleted).
    using Committed = std::function<void(Kind, const QString &id, const std::optional<QJsonObject> &doc)>;
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
    // m_mutex held by the caller.
    Result write(Kind kind, const QString &id, const std::optional<QJsonObject> &doc, bool mustExist);

    Database &m_db;
    Committed m_committed;
    QMutex m_mutex;  // a write and its report
};

QString kindName(Kind kind);

}  // namespace sb::felix
