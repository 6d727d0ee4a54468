#pragma once
// The bot-status vocabulary "felix" (seed 002, docs/felix.md): message codes and JSON keys,
// as the service sends and reads them and the client reads and sends them. One spelling for
// both sides.

#include <QLatin1String>

namespace sb::protocol::felix {

// Messages are {"code": N, "data": ...}.
namespace code {
inline constexpr int status = 10001;       // server: the answer to a heartbeat
inline constexpr int guildUpdate = 10002;  // server: a subscribed guild's document changed
inline constexpr int userUpdate = 10003;   // server: a subscribed user's document changed
inline constexpr int heartbeat = 20001;    // client: asks for the status
inline constexpr int subscribe = 20002;    // client: {"guilds": [...], "users": [...]}
}  // namespace code

// The REST API on the same listener: /guilds, /guilds/{id}, /users, /users/{id}.
inline constexpr QLatin1String guildsPath("/guilds");
inline constexpr QLatin1String usersPath("/users");

namespace key {
inline constexpr QLatin1String code("code");
inline constexpr QLatin1String data("data");
inline constexpr QLatin1String guilds("guilds");
inline constexpr QLatin1String users("users");
inline constexpr QLatin1String guildId("guildID");
inline constexpr QLatin1String guildData("guildData");
inline constexpr QLatin1String userId("userID");
inline constexpr QLatin1String userData("userData");
// 10001's data.
inline constexpr QLatin1String receivedAt("receivedAt");
inline constexpr QLatin1String shards("shards");
inline constexpr QLatin1String guildsCount("guildsCount");
inline constexpr QLatin1String memoryUsage("memoryUsage");
inline constexpr QLatin1String uptime("uptime");
// A shard.
inline constexpr QLatin1String id("id");
inline constexpr QLatin1String status("status");
inline constexpr QLatin1String ping("ping");
inline constexpr QLatin1String connections("connections");
inline constexpr QLatin1String node("node");  // cluster mode: the node the shard belongs to
}  // namespace key

}  // namespace sb::protocol::felix
