#pragma once
// Guild and user documents of the felix service (seed 002): JSON objects in the database,
// and who is subscribed to which. Thread-safe. Every change commits and is queued to its
// subscribers while one lock is held, so subscribers see changes in commit order.

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <QSet>
#include <QString>

#include <optional>

namespace sb {
class Database;
class Worker;
}

namespace sb::felix {

enum class Kind { Guild, User };

struct Subscriber {
    Worker *worker;
    quint64 sessionId;
    bool operator==(const Subscriber &o) const { return worker == o.worker && sessionId == o.sessionId; }
};

class FelixStore final
{
public:
    explicit FelixStore(Database &db);
    Q_DISABLE_COPY_MOVE(FelixStore)

    std::optional<QJsonObject> get(Kind kind, const QString &id);
    QList<QPair<QString, QJsonObject>> list(Kind kind);
    int count(Kind kind);

    enum class Result { Ok, Created, NotFound, NotAnObject, StorageError };
    // Replace (PUT), merge-patch (PATCH) or delete; pushes the new document (null when
    // deleted) to the subscribers as 10002/10003. `after` receives the stored document.
    Result put(Kind kind, const QString &id, const QJsonObject &doc);
    Result patch(Kind kind, const QString &id, const QJsonValue &patch, QJsonObject *after);
    Result remove(Kind kind, const QString &id);

    // 20002: replaces everything this session listens to.
    void subscribe(const Subscriber &s, const QSet<QString> &users, const QSet<QString> &guilds);
    void unsubscribeAll(const Subscriber &s);
    // {"guilds": {id: listeners}, "users": {id: listeners}}
    QJsonObject subscriptions() const;

private:
    // m_mutex held by the caller.
    Result write(Kind kind, const QString &id, const std::optional<QJsonObject> &doc, bool mustExist);
    void notify(Kind kind, const QString &id, const std::optional<QJsonObject> &doc);

    Database &m_db;
    mutable QMutex m_mutex;  // writes + notifications, and the subscription maps
    QHash<QString, QList<Subscriber>> m_guildSubs;
    QHash<QString, QList<Subscriber>> m_userSubs;
    QHash<quint64, QPair<QSet<QString>, QSet<QString>>> m_bySession;  // users, guilds
};

QString kindName(Kind kind);

}  // namespace sb::felix
