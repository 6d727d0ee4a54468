#pragma once
// The accounts' HTTP vocabulary (docs/chat.md, "Accounts"): paths, JSON keys and roles, as
// the server answers and the clients ask. One spelling for both sides.

#include <QLatin1String>

namespace sb::protocol::accounts {

inline constexpr QLatin1String registerPath("/auth/register");
inline constexpr QLatin1String loginPath("/auth/login");
inline constexpr QLatin1String logoutPath("/auth/logout");
inline constexpr QLatin1String ticketPath("/auth/ticket");
inline constexpr QLatin1String mePath("/me");
inline constexpr QLatin1String membersPath("/members");

namespace key {
inline constexpr QLatin1String email("email");
inline constexpr QLatin1String password("password");
inline constexpr QLatin1String repeatPassword("repeat_password");
inline constexpr QLatin1String accessToken("access_token");
inline constexpr QLatin1String tokenType("token_type");
inline constexpr QLatin1String expiresIn("expires_in");
inline constexpr QLatin1String ticket("ticket");
inline constexpr QLatin1String id("id");
inline constexpr QLatin1String name("name");
inline constexpr QLatin1String role("role");
inline constexpr QLatin1String balance("balance");
// Error bodies: {"error": CODE, "detail": "..."}
inline constexpr QLatin1String error("error");
inline constexpr QLatin1String detail("detail");
}  // namespace key

namespace role {
inline constexpr QLatin1String superuser("superuser");
inline constexpr QLatin1String employee("employee");
inline constexpr QLatin1String premium("premium");
inline constexpr QLatin1String member("member");
}  // namespace role

}  // namespace sb::protocol::accounts
