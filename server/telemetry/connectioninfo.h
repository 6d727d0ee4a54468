#pragma once
// One row of the connection registry, as the dashboard shows it. Plain value.

#include <QString>

namespace sb {

struct ConnectionInfo {
    quint64 id = 0;
    QString service;
    QString peer;       // address:port
    QString identity;   // user email, channel clientID, felix token name, ...
    int worker = 0;
    int listenerId = 0;
    qint64 sinceMs = 0;  // connected at, ms since the epoch
    qint64 messagesIn = 0, messagesOut = 0, bytesIn = 0, bytesOut = 0;
    qint64 lastPingMs = 0;  // last ping / PING sent, 0 = never
    qint64 lastPongMs = 0;  // last pong / PONG received, 0 = never
    qint64 rttMs = -1;      // last round trip, -1 = not measured yet
    qint64 pingIntervalMs = 0;
    int missedHeartbeats = 0;
    int limitHits = 0;
};

}  // namespace sb
