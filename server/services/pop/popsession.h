#pragma once
// One pop socket (seed 000, docs/pop.md): first-message Bearer authentication, then "state"
// (echoed to the sender and relayed to its group) and "view_counts" (answered after the
// commit, in the order sent).

namespace sb {
struct ServiceCounters;
class WsSession;
struct SessionContext;
}

namespace sb::pop {

class PopService;

WsSession *newPopSession(const SessionContext &context, ServiceCounters &counters, PopService &service);

}  // namespace sb::pop
