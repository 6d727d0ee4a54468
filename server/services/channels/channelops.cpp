#include "channelops.h"

#include "broker/fields.h"

namespace sb::channels {


QByteArray ChannelOp::encode() const
{
    QByteArray out;
    out.reserve(64 + presence.size() + members.size() * 64);
    out.append(char(kind));
    out.append(char((all ? 1 : 0) | (requiresAck ? 2 : 0)));
    for (const QString &s : {node, channel, clientId})
        fields::put(out, s.toUtf8());
    fields::put(out, presence);
    for (const QString &s : {eventId, eventId2, since, ids.join(QLatin1Char(','))})
        fields::put(out, s.toUtf8());
    fields::put(out, QByteArray::number(members.size()));
    for (const Entry &e : members) {
        fields::put(out, e.channel.toUtf8());
        fields::put(out, e.clientId.toUtf8());
        fields::put(out, e.presence);
    }
    return out;
}

std::optional<ChannelOp> ChannelOp::decode(const QByteArray &in)
{
    if (in.size() < 2 || quint8(in[0]) < Join || quint8(in[0]) > Reply)
        return std::nullopt;
    ChannelOp op;
    op.kind = Kind(quint8(in[0]));
    op.all = in[1] & 1;
    op.requiresAck = in[1] & 2;
    fields::Reader r(in, 2);
    op.node = r.text();
    op.channel = r.text();
    op.clientId = r.text();
    op.presence = r.bytes();
    op.eventId = r.text();
    op.eventId2 = r.text();
    op.since = r.text();
    const QString ids = r.text();
    if (!ids.isEmpty())
        op.ids = ids.split(QLatin1Char(','));
    const int count = r.bytes().toInt();
    for (int i = 0; r.ok() && i < count; ++i) {
        Entry e;
        e.channel = r.text();
        e.clientId = r.text();
        e.presence = r.bytes();
        op.members.append(e);
    }
    if (!r.ok() || !r.atEnd())
        return std::nullopt;
    return op;
}

}  // namespace sb::channels
