#pragma once
// What a service is, in one place (docs/architecture.md, "Adding a service"): its name, the
// port it listens on by default, its limits and settings in config.json, its tables, how to
// make it. Each service folder defines one; the list in server/CMakeLists.txt
// (SWITCHBOARD_SERVICES) registers it, and configuration, the schema, the listeners and the
// dashboard take every service from that list.

#include "wire/limits.h"
#include "settingfields.h"
#include "store/migrations.h"

#include <QList>
#include <QString>

#include <functional>
#include <memory>

namespace sb {

class Service;
struct ServerContext;

struct ServiceDescriptor {
    QString name;
    // Services with the same default port share one default listener, in registration order.
    int defaultPort = 0;
    // Its default limits, from the server-wide ones.
    std::function<Limits(Limits)> defaultLimits = [](Limits l) { return l; };
    // Its own settings ("services.<name>" in config.json besides `limits` and `allowed_origins`).
    SettingsSchema settings;
    // Its tables: numbered in the one schema sequence (store/migrations.h), never edited once
    // released; a new migration takes the next free number.
    std::vector<Migration> migrations;
    std::function<std::unique_ptr<Service>(ServerContext &)> create;
};

// Every service of this build, in registration order.
const QList<const ServiceDescriptor *> &serviceDescriptors();
const ServiceDescriptor *findService(const QString &name);
// The whole schema: the accounts' migrations and every service's, by number.
const std::vector<Migration> &schemaMigrations();

}  // namespace sb
