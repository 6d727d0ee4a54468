#pragma once
// Every limit (docs/configuration.md, "Limits") and the one mapping from a limit to its HTTP status / close code.
// Plain values, any thread.

#include <QJsonObject>
#include <QString>

namespace sb {

struct Limits {
    int headBytes = 16 * 1024;
    int headTimeoutMs = 10'000;
    int keepAliveMs = 30'000;
    qint64 bodyBytes = 1024 * 1024;
    qint64 frameBytes = 1024 * 1024;
    qint64 messageBytes = 1024 * 1024;
    int maxConnections = 20'000;       // open WebSockets of one service
    int maxConnectionsPerIp = 2'000;   // open WebSockets of one service from one address
    int unauthenticatedMs = 10'000;    // first-message auth deadline
    int messagesPerSecond = 1'000;     // per connection (burst: one second's worth)
    int pingIntervalMs = 30'000;       // WebSocket ping from the server; 0 = never
    int pongTimeoutMs = 30'000;        // no pong in time: the connection is dropped
    // What may wait to be sent to one peer (its socket's write buffer). Reading from a peer
    // pauses while a quarter of this is queued (back-pressure); a message that would take the
    // queue past it closes the connection (a message alone on an empty queue always goes).
    qint64 sendQueueBytes = 1024 * 1024;
    int sendTimeoutMs = 30'000;        // data queued and none of it taken for this long: closed

    // Reads the keys present in `obj` over `base`; unknown keys or bad values fail with an
    // error naming `where`.key.
    static Limits fromJson(const QJsonObject &obj, const Limits &base, const QString &where, QString *error);
    QJsonObject toJson() const;
};

enum class LimitKind {
    HeadSize,
    HeadTime,
    BodySize,
    BodyTime,
    FrameSize,
    MessageSize,
    TotalConnections,
    ServiceConnections,
    ConnectionsPerIp,
    Unauthenticated,
    MessageRate,
    PongTimeout,
    SendQueue,
    SendTimeout,
};

struct LimitReaction {
    int httpStatus;      // when the limit is hit before or during HTTP
    int closeCode;       // when it is hit on an open WebSocket
    const char *code;    // machine code: JSON errors, metrics label
    const char *reason;  // short human text: close reason, error detail
};

LimitReaction limitReaction(LimitKind kind);

}  // namespace sb
