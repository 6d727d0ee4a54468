// The felix service as the server knows it (services/descriptor.h): no settings of its own,
// and its table of guild and user documents.
#include "felixservice.h"

#include "services/descriptor.h"

namespace sb::registered {

const ServiceDescriptor &felix()
{
    static const ServiceDescriptor d{
        QStringLiteral("felix"),
        8090,
        [](Limits l) { return l; },
        SettingsSchema(),
        {
        {3,
         {
             // Felix (seed 002): guild and user documents, JSON objects.
             QStringLiteral("CREATE TABLE felix_documents ("
                            " kind TEXT NOT NULL CHECK (kind IN ('guild','user')),"
                            " id TEXT NOT NULL,"
                            " data TEXT NOT NULL,"
                            " updated_at INTEGER NOT NULL,"
                            " PRIMARY KEY (kind, id))"),
         }},
        },
        [](ServerContext &context) -> std::unique_ptr<Service> { return std::make_unique<felix::FelixService>(context); },
    };
    return d;
}

}  // namespace sb::registered
