#pragma once
// A protocol service: a named set of HTTP routes and WebSocket endpoints, mounted on one
// listener. Created on the host thread; its handlers run on worker threads and must be
// thread-safe.

#include "net/router.h"

#include <QJsonObject>
#include <QString>

namespace sb {

class Service
{
public:
    virtual ~Service() = default;
    virtual QString name() const = 0;
    virtual void registerRoutes(Router &router) = 0;
    // Shutdown, after the workers stopped taking messages and while their threads still
    // run: finish pending writes and deliveries.
    virtual void drain() {}
    // Live state for the dashboard (presence, groups, subscriptions). Thread-safe.
    virtual QJsonObject snapshot() const { return {}; }
};

}  // namespace sb
