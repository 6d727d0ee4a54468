// The pub/sub channels service as the server knows it (services/descriptor.h).
#include "channelservice.h"

#include "services/descriptor.h"

namespace sb::registered {

namespace {
using channels::ChannelSettings;
const SettingField<ChannelSettings> kFields[] = {
    {"history_events", &ChannelSettings::historyEvents, 0, 100'000},
    {"history_ms", &ChannelSettings::historyMs, 0, 86'400'000},
    {"history_bytes", &ChannelSettings::historyBytes, 0, 1 << 30},
    {"history_total_bytes", &ChannelSettings::historyTotalBytes, 0, 1 << 30},
    {"ack_timeout_ms", &ChannelSettings::ackTimeoutMs, 10, 600'000},
    {"emit_key", &ChannelSettings::emitKey},
};
}  // namespace

const ServiceDescriptor &channels()
{
    static const ServiceDescriptor d{
        QStringLiteral("channels"),
        8080,
        [](Limits l) {
            // Application-level PING every 30 s, PONG due within 10 s (seed 004, docs/channels.md).
            l.pingIntervalMs = 30'000;
            l.pongTimeoutMs = 10'000;
            return l;
        },
        SettingsSchema(kFields),
        {},
        [](ServerContext &context) -> std::unique_ptr<Service> { return std::make_unique<channels::ChannelService>(context); },
    };
    return d;
}

}  // namespace sb::registered
