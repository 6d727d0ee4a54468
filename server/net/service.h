#pragma once
// A protocol service: a named set of HTTP routes and WebSocket endpoints, mounted on one
// listener. Created on the host thread; its handlers run on worker threads and must be
// thread-safe. What it is (name, port, settings, tables) is its descriptor
// (services/descriptor.h).

#include "net/router.h"
#include "telemetry/presence.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

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
    // Live state for the dashboard's Presence view (channel members, groups, rooms,
    // subscriptions): one section, its texts translated here with
    // QCoreApplication::translate("sb::Presence", ...) (the GUI loads those). Thread-safe.
    virtual std::optional<PresenceNode> presence() const { return std::nullopt; }
};

}  // namespace sb
