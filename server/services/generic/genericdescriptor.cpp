// The generic service as the server knows it (services/descriptor.h).
#include "genericservice.h"

#include "services/descriptor.h"

namespace sb::registered {

namespace {
const SettingField<GenericSettings> kFields[] = {
    {"allow_anonymous", &GenericSettings::allowAnonymous},
};
}  // namespace

const ServiceDescriptor &generic()
{
    static const ServiceDescriptor d{
        QStringLiteral("generic"),
        8000,
        [](Limits l) {
            // Conformance suites echo messages up to 16 MiB (Autobahn 9.x).
            l.frameBytes = 16 * 1024 * 1024;
            l.messageBytes = 16 * 1024 * 1024;
            l.messagesPerSecond = 10'000;
            return l;
        },
        SettingsSchema(kFields),
        {},
        [](ServerContext &context) -> std::unique_ptr<Service> { return std::make_unique<GenericService>(context); },
    };
    return d;
}

}  // namespace sb::registered
