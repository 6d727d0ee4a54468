#pragma once
// One felix socket (seed 002): 20001 heartbeats answered with 10001, 20002 subscriptions
// (replaced whole); anything else is neither processed nor answered, only counted.

namespace sb {
struct ServiceCounters;
class WsSession;
struct SessionContext;
}

namespace sb::felix {

class FelixService;

WsSession *newFelixSession(const SessionContext &context, ServiceCounters &counters, FelixService &service);

}  // namespace sb::felix
