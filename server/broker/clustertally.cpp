#include "clustertally.h"

namespace sb {

ClusterTally::ClusterTally(Broker &broker, const QString &stream, std::function<void(const QByteArray &)> applyOther)
    : m_origin(broker.node().toUtf8() + '\n'), m_applyOther(std::move(applyOther))
{
    if (!broker.node().isEmpty())
        m_stream = broker.subscribe(stream, this, Delivery::LocalFirst);
}

void ClusterTally::tell(const QByteArray &event)
{
    if (!m_stream)
        return;
    BrokerMessage m;
    m.payload = m_origin + event;
    m_stream->publish(m);
}

void ClusterTally::receive(const BrokerMessage &message)
{
    // Node names are unique in a cluster and hold no line break.
    if (message.payload.startsWith(m_origin))
        return;
    const qsizetype start = message.payload.indexOf('\n');
    if (start >= 0)
        m_applyOther(message.payload.mid(start + 1));
}

}  // namespace sb
