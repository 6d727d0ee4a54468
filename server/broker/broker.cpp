#include "broker.h"

namespace sb {

namespace {
class LocalStream final : public BrokerStream
{
public:
    explicit LocalStream(BrokerSubscriber *hub) : m_hub(hub) {}
    void publish(const BrokerMessage &message) override { m_hub->receive(message); }

private:
    BrokerSubscriber *m_hub;
};
}  // namespace

std::unique_ptr<BrokerStream> LocalBroker::subscribe(const QString &, BrokerSubscriber *hub, Delivery)
{
    return std::make_unique<LocalStream>(hub);
}

}  // namespace sb
