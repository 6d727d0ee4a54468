#pragma once
// The pub/sub channels vocabulary (seed 004, docs/channels.md): paths, query parameters,
// event types, JSON keys and error codes, as the service sends and reads them and the client
// reads and sends them. One spelling for both sides.

#include <QLatin1String>

namespace sb::protocol::channels {

// /{channel}/listen (WebSocket or SSE) and /{channel}/emit (GET or POST).
inline constexpr QLatin1String listenSuffix("/listen");
inline constexpr QLatin1String emitSuffix("/emit");

namespace param {
inline constexpr QLatin1String presence("presence");      // listen: URL-encoded JSON object
inline constexpr QLatin1String since("since");            // listen: recover events after this id
inline constexpr QLatin1String clients("clients");        // emit: N random members or id,id,...
inline constexpr QLatin1String requireAck("require-ack");  // emit: wait for every ACK
}  // namespace param

// Values of "type".
namespace event {
inline constexpr QLatin1String connected("CONNECTED");
inline constexpr QLatin1String data("DATA");
inline constexpr QLatin1String joined("PRESENCE:JOINED");
inline constexpr QLatin1String left("PRESENCE:LEFT");
inline constexpr QLatin1String updated("PRESENCE:UPDATED");
inline constexpr QLatin1String ping("PING");
inline constexpr QLatin1String error("ERROR");
// From the client.
inline constexpr QLatin1String pong("PONG");
inline constexpr QLatin1String ack("ACK");
inline constexpr QLatin1String updatePresence("PRESENCE:UPDATE");
}  // namespace event

namespace key {
inline constexpr QLatin1String type("type");
inline constexpr QLatin1String payload("payload");
inline constexpr QLatin1String eventId("eventID");
inline constexpr QLatin1String requiresAck("requires_ack");
inline constexpr QLatin1String clientId("clientID");
inline constexpr QLatin1String latency("latency");  // on PONG's answer: the round trip in ms
inline constexpr QLatin1String presence("presence");
inline constexpr QLatin1String members("members");
inline constexpr QLatin1String recovered("recovered");
inline constexpr QLatin1String message("message");  // ERROR payload
inline constexpr QLatin1String code("code");
inline constexpr QLatin1String detail("detail");
// The emit answer.
inline constexpr QLatin1String delivered("delivered");
inline constexpr QLatin1String clients("clients");
inline constexpr QLatin1String missing("missing");
inline constexpr QLatin1String acked("acked");
inline constexpr QLatin1String pending("pending");
inline constexpr QLatin1String gone("left");
}  // namespace key

namespace code {
inline constexpr QLatin1String pingTimeout("PING_TIMEOUT");
inline constexpr QLatin1String ackTimeout("ACK_TIMEOUT");
inline constexpr QLatin1String invalidJson("INVALID_JSON");
inline constexpr QLatin1String invalidPayload("INVALID_PAYLOAD");
inline constexpr QLatin1String invalidPresence("INVALID_PRESENCE");
inline constexpr QLatin1String invalidChannel("INVALID_CHANNEL");
inline constexpr QLatin1String invalidParameter("INVALID_PARAMETER");
inline constexpr QLatin1String unknownType("UNKNOWN_TYPE");
}  // namespace code

}  // namespace sb::protocol::channels
