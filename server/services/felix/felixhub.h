#pragma once
// Who listens to which felix document (seed 002, 20002), and the 10002/10003 pushes to them:
// each committed change is published to the broker (topic: the document's id, kind: guild
// or user, order: its number in the commit order) and delivered here to this node's
// subscribers, framed once, one batch per worker. A change that arrives after a later one of
// the same document (another node's, overtaken on the way) is dropped: subscribers get a
// document's changes in commit order and end with its latest state. Thread-safe.

#include "broker/broker.h"
#include "felixstore.h"

#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <QSet>
#include <QString>

#include <optional>

namespace sb::felix {

struct Subscriber {
    Worker *worker;
    quint64 sessionId;
    bool operator==(const Subscriber &o) const { return worker == o.worker && sessionId == o.sessionId; }
};

class FelixHub final : public BrokerSubscriber
{
public:
    FelixHub(Broker &broker, const QString &stream);
    Q_DISABLE_COPY_MOVE(FelixHub)

    // A committed change: pushes the document (null when deleted) as 10002 (guild) or 10003
    // (user) to its subscribers on every node. `order`: its number in the commit order.
    void changed(Kind kind, const QString &id, const std::optional<QJsonObject> &doc, qint64 order);

    // 20002: replaces everything this session listens to.
    void subscribe(const Subscriber &s, const QSet<QString> &users, const QSet<QString> &guilds);
    void unsubscribeAll(const Subscriber &s);
    // {"guilds": {id: listeners}, "users": {id: listeners}}
    QJsonObject subscriptions() const;

    void receive(const BrokerMessage &message) override;

private:
    mutable QMutex m_mutex;
    QHash<QString, QList<Subscriber>> m_guildSubs;
    QHash<QString, QList<Subscriber>> m_userSubs;
    QHash<quint64, QPair<QSet<QString>, QSet<QString>>> m_bySession;  // users, guilds
    QHash<QString, qint64> m_lastOrder[2];  // by Kind: the last change pushed, of documents listened to
    std::unique_ptr<BrokerStream> m_stream;                          // last: unsubscribes first
};

}  // namespace sb::felix
