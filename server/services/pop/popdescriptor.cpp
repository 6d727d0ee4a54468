// The pop service as the server knows it (services/descriptor.h): settings and its tables
// (view counts).
#include "popservice.h"

#include "services/descriptor.h"

namespace sb::registered {

namespace {
using pop::PopSettings;
const SettingField<PopSettings> kFields[] = {
    {"view_max_per_report", &PopSettings::viewMaxPerReport, 1, 1'000'000},
    {"view_max_per_user", &PopSettings::viewMaxPerUser, 1, 1'000'000},
    {"view_reports_per_minute", &PopSettings::viewReportsPerMinute, 1, 1'000'000},
};
}  // namespace

const ServiceDescriptor &pop()
{
    static const ServiceDescriptor d{
        QStringLiteral("pop"),
        8081,
        [](Limits l) { return l; },
        SettingsSchema(kFields),
        {
        {4,
         {
             // Pop view counts (seed 000): totals per content and what each user added.
             QStringLiteral("CREATE TABLE view_counts ("
                            " content_id TEXT PRIMARY KEY,"
                            " total INTEGER NOT NULL DEFAULT 0,"
                            " viewers INTEGER NOT NULL DEFAULT 0)"),
             QStringLiteral("CREATE TABLE view_counts_by_user ("
                            " content_id TEXT NOT NULL,"
                            " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                            " count INTEGER NOT NULL,"
                            " PRIMARY KEY (content_id, user_id))"),
         }},
        },
        [](ServerContext &context) -> std::unique_ptr<Service> { return std::make_unique<pop::PopService>(context); },
    };
    return d;
}

}  // namespace sb::registered
