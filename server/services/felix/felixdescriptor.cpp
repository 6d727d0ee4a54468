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
        {9,
         {
             // One counter for every felix write of every node: a write takes the next
             // number in its transaction, and pushes carry it (never a change after a later
             // one; a PATCH reads the latest document).
             QStringLiteral("CREATE TABLE felix_order (n INTEGER NOT NULL)"),
             QStringLiteral("INSERT INTO felix_order (n) VALUES (0)"),
         }},
        },
        [](ServerContext &context) -> std::unique_ptr<Service> { return std::make_unique<felix::FelixService>(context); },
    };
    return d;
}

}  // namespace sb::registered
