#pragma once
// What the channels hub publishes: operations, not deliveries (docs/cluster.md, "Channels").
// Every node applies the same operations in the same order (the stream is Ordered) to its
// copy of every channel's members and history, and delivers the resulting events to its own
// sessions. Encoded as a tag byte and length-prefixed fields.

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace sb::channels {

struct ChannelOp {
    enum Kind : quint8 { Join = 1, Leave, Update, Data, Ack, Sync, Snapshot, NodeGone, Reply };
    Kind kind = Join;
    QString node;        // where it was published (for NodeGone: the node that is gone)
    QString channel;
    QString clientId;
    QByteArray presence;  // Join, Update: compact JSON; Data: the payload; Reply: the event
    QString eventId;      // Join: CONNECTED; Leave, Update, Data: the event's; Ack: the acknowledged one
    QString eventId2;     // Join: PRESENCE:JOINED
    QString since;        // Join
    bool all = false;     // Data: to every member (else to `ids`)
    bool requiresAck = false;
    QStringList ids;      // Data: the members chosen at the emitting node
    struct Entry {
        QString channel;
        QString clientId;
        QByteArray presence;
    };
    QList<Entry> members;  // Snapshot: every member of `node`

    QByteArray encode() const;
    static std::optional<ChannelOp> decode(const QByteArray &bytes);
};

}  // namespace sb::channels
