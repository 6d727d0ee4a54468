#pragma once
// The generic service's sockets (seed 003, docs/configuration.md): /echo sends every message back as it
// came; /chat and /chat/{room} relay it to everyone else in the room.

#include <memory>

namespace sb {

struct ServiceCounters;
class RoomHub;
class WsSession;
struct SessionContext;

WsSession *newEchoSession(const SessionContext &context, ServiceCounters &counters);
WsSession *newRoomSession(const SessionContext &context, ServiceCounters &counters,
                          std::shared_ptr<RoomHub> rooms);

}  // namespace sb
