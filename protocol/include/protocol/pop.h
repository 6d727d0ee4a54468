#pragma once
// The social-app vocabulary "pop" (seed 000, docs/pop.md): JSON keys and error codes, as the
// service sends and reads them and the client reads and sends them. One spelling for both
// sides. The session id is the accounts' access token (protocol/accounts.h).

#include <QLatin1String>

namespace sb::protocol::pop {

// The first message: {"authorization": "Bearer <session id>"}.
inline constexpr QLatin1String bearerPrefix("Bearer ");

// Totals per content: GET /view_counts?ids=<uuid>,<uuid> → {"<UUID>": {"total", "viewers"}}.
inline constexpr QLatin1String viewCountsPath("/view_counts");

namespace key {
inline constexpr QLatin1String authorization("authorization");
inline constexpr QLatin1String authenticated("authenticated");
inline constexpr QLatin1String state("state");
inline constexpr QLatin1String viewCounts("view_counts");
inline constexpr QLatin1String userId("user_id");
inline constexpr QLatin1String activeGroupId("active_group_id");
inline constexpr QLatin1String isTyping("is_typing");
inline constexpr QLatin1String error("error");
inline constexpr QLatin1String detail("detail");
inline constexpr QLatin1String total("total");
}  // namespace key

namespace code {
inline constexpr QLatin1String invalidJson("INVALID_JSON");
inline constexpr QLatin1String unknownMessage("UNKNOWN_MESSAGE");
}  // namespace code

}  // namespace sb::protocol::pop
