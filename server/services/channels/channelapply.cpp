// ChannelHub: applying the operations every node publishes (channelops.h), in the one order
// the broker gives, and delivering what they mean to this node's members.
#include "channelhub.h"

#include "ackregistry.h"
#include "channelops.h"
#include "protocol/channels.h"

#include "net/worker.h"

#include <QDateTime>

namespace sb::channels {

using namespace protocol::channels;

void ChannelHub::deliver(const QList<const Member *> &recipients, const QByteArray &prefix)
{
    FanoutBatches batches;
    for (const Member *m : recipients) {
        if (m->worker)
            batches.add(m->worker, m->subscriberId);
    }
    batches.post([registry = &m_subscribers, prefix](Worker *, const QList<quint64> &ids) {
        for (ChannelSubscriber *s : registry->find(ids))
            s->deliver(prefix);
    });
}

void ChannelHub::apply(const ChannelOp &op, QList<ChannelOp> *then)
{
    switch (op.kind) {
    case ChannelOp::Join:
        applyJoin(op);
        break;
    case ChannelOp::Leave: {
        auto it = m_channels.find(op.channel);
        if (it == m_channels.end())
            break;
        const auto at = std::find_if(it->members.cbegin(), it->members.cend(), [&](const Member &m) { return m.clientId == op.clientId; });
        if (at != it->members.cend())
            removeMember(it, at - it->members.cbegin(), op.eventId);
        break;
    }
    case ChannelOp::Update: {
        auto it = m_channels.find(op.channel);
        if (it == m_channels.end())
            break;
        bool found = false;
        QList<const Member *> all;
        for (Member &m : it->members) {
            if (m.clientId == op.clientId) {
                m.presenceJson = op.presence;
                found = true;
            }
            all.append(&m);
        }
        if (found)
            deliver(all, eventPrefix(event::updated, memberJson(op.clientId, op.presence), op.eventId));
        break;
    }
    case ChannelOp::Data:
        applyData(op);
        break;
    case ChannelOp::Reply:
        if (op.node == m_node) {
            const auto it = m_announced.constFind(op.clientId);
            if (it != m_announced.constEnd()) {
                const Member m{op.clientId, {}, m_node, it->worker, it->subscriberId};
                deliver({&m}, op.presence);
            }
        }
        break;
    case ChannelOp::Ack:
        if (m_acks)
            m_acks->ack(op.eventId, op.clientId);
        break;
    case ChannelOp::Sync:
        if (op.node != m_node)
            then->append(snapshot());
        break;
    case ChannelOp::Snapshot:
        // This node's own too: its copy of itself follows the log, which may have lost some
        // of its operations; the snapshot is what it announced up to this point of the log.
        applySnapshot(op);
        break;
    case ChannelOp::NodeGone:
        if (op.node == m_node) {
            // Taken for dead (a pause longer than the liveness key): say again who is here.
            then->append(snapshot());
            break;
        }
        m_goneSent.remove(op.node);
        for (auto it = m_channels.begin(); it != m_channels.end();) {
            for (qsizetype i = it->members.size() - 1; i >= 0; --i) {
                if (it->members[i].node == op.node)
                    removeMember(it, i, randomId("evt_"));
            }
            // removeMember may have dropped an empty channel without history
            it = it->members.isEmpty() && it->history.empty() ? m_channels.erase(it) : std::next(it);
        }
        break;
    }
}

void ChannelHub::applyJoin(const ChannelOp &op)
{
    Channel &c = m_channels[op.channel];
    for (Member &m : c.members) {
        if (m.clientId == op.clientId) {  // a snapshot brought it first: no second JOINED
            m.presenceJson = op.presence;
            return;
        }
    }
    Member joiner{op.clientId, op.presence, op.node, nullptr, 0};
    if (op.node == m_node) {
        // Still here? (It may have left before its join came back.)
        const auto it = m_announced.constFind(op.clientId);
        if (it != m_announced.constEnd()) {
            joiner.worker = it->worker;
            joiner.subscriberId = it->subscriberId;
        }
    }
    c.members.append(joiner);
    const Member *self = &c.members.last();
    QList<const Member *> others;
    for (const Member &m : c.members) {
        if (&m != self)
            others.append(&m);
    }
    if (!others.isEmpty())
        deliver(others, eventPrefix(event::joined, memberJson(op.clientId, op.presence), op.eventId2));
    if (!self->worker)
        return;

    QByteArray list("[");
    for (qsizetype i = 0; i < c.members.size(); ++i) {
        if (i)
            list.append(',');
        list.append(memberJson(c.members[i].clientId, c.members[i].presenceJson));
    }
    list.append(']');
    // Recovery: the events after `since`, if `since` is still in the history.
    QList<QByteArray> replay;
    bool recovered = false;
    if (!op.since.isEmpty()) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        while (!c.history.empty() && now - c.history.front().atMs > m_limits.ms)
            forget(c);
        auto it = std::find_if(c.history.begin(), c.history.end(), [&](const Event &e) { return e.eventId == op.since; });
        if (it != c.history.end()) {
            recovered = true;
            for (++it; it != c.history.end(); ++it)
                replay.append(it->prefix);
        }
    }
    QByteArray payload = "{\"members\":" + list;
    if (!op.since.isEmpty())
        payload.append(recovered ? ",\"recovered\":true" : ",\"recovered\":false");
    payload.append('}');
    deliver({self}, eventPrefix(event::connected, payload, op.eventId));
    for (const QByteArray &p : replay)
        deliver({self}, p);
}

void ChannelHub::removeMember(QHash<QString, Channel>::iterator it, qsizetype index, const QString &eventId)
{
    const QString clientId = it->members[index].clientId;
    it->members.removeAt(index);
    if (m_acks)
        m_acks->clientLeft(clientId);  // an emit on any node waiting for it stops waiting
    QList<const Member *> others;
    for (const Member &m : it->members)
        others.append(&m);
    if (!others.isEmpty())
        deliver(others, eventPrefix(event::left, "{\"clientID\":\"" + clientId.toLatin1() + "\"}", eventId));
}

void ChannelHub::applyData(const ChannelOp &op)
{
    Channel *c = nullptr;
    auto it = m_channels.find(op.channel);
    if (it != m_channels.end())
        c = &it.value();
    else if (op.all) {
        sweep(QDateTime::currentMSecsSinceEpoch());
        c = &m_channels[op.channel];  // remember the event for listeners that join with ?since=
    }
    if (!c)
        return;
    QList<const Member *> recipients;
    for (const Member &m : c->members) {
        if (m.worker && (op.all || op.ids.contains(m.clientId)))
            recipients.append(&m);
    }
    // Serialized once: the history keeps the same bytes unless ACKs are required (replays
    // are never awaited).
    const QByteArray prefix = eventPrefix(event::data, op.presence, op.eventId, op.requiresAck);
    if (!recipients.isEmpty())
        deliver(recipients, prefix);
    if (op.all)
        remember(*c, op.eventId, op.requiresAck ? eventPrefix(event::data, op.presence, op.eventId, false) : prefix);
}

ChannelOp ChannelHub::snapshot() const
{
    ChannelOp op = this->op(ChannelOp::Snapshot);
    for (auto it = m_announced.constBegin(); it != m_announced.constEnd(); ++it)
        op.members.append({it->channel, it.key(), it->presence});
    return op;
}

void ChannelHub::applySnapshot(const ChannelOp &op)
{
    // The node's members are exactly these now: the others leave, the new join, changed
    // presence is updated — each with its event, so members here see the repair.
    QHash<QString, const ChannelOp::Entry *> said;
    for (const ChannelOp::Entry &e : op.members)
        said.insert(e.channel + QLatin1Char('\n') + e.clientId, &e);
    for (auto it = m_channels.begin(); it != m_channels.end(); ++it) {
        for (qsizetype i = it->members.size() - 1; i >= 0; --i) {
            Member &m = it->members[i];
            if (m.node != op.node)
                continue;
            const auto s = said.constFind(it.key() + QLatin1Char('\n') + m.clientId);
            if (s == said.constEnd()) {
                removeMember(it, i, randomId("evt_"));
                continue;
            }
            if (m.presenceJson != (*s)->presence) {
                m.presenceJson = (*s)->presence;
                QList<const Member *> all;
                for (const Member &x : it->members)
                    all.append(&x);
                deliver(all, eventPrefix(event::updated, memberJson(m.clientId, m.presenceJson), randomId("evt_")));
            }
            said.erase(s);
        }
    }
    for (const ChannelOp::Entry *e : std::as_const(said)) {
        ChannelOp join;
        join.kind = ChannelOp::Join;
        join.node = op.node;
        join.channel = e->channel;
        join.clientId = e->clientId;
        join.presence = e->presence;
        join.eventId2 = randomId("evt_");
        applyJoin(join);  // JOINED to the others; CONNECTED to a member of this node whose join was lost
    }
}

}  // namespace sb::channels
