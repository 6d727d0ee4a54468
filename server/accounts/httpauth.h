#pragma once
// Credentials carried by HTTP requests: Bearer token, session cookie, Basic, ?ticket=.
// Thread-safe helpers over AccountStore.

#include "accountstore.h"

#include <QByteArray>
#include <optional>

namespace sb {

struct HttpRequest;

inline constexpr char kSessionCookie[] = "sb_session";

struct BasicCredentials {
    QString email;
    QString password;
};

// "Authorization: Basic base64(email:password)", or nullopt when absent or malformed.
std::optional<BasicCredentials> basicCredentials(const HttpRequest &request);
// The access token from "Authorization: Bearer" or else the session cookie; empty if none.
QByteArray accessTokenOf(const HttpRequest &request);
// The user behind the request's access token (Bearer or cookie), if it is valid.
std::optional<User> requestUser(AccountStore &accounts, const HttpRequest &request);
// The session cookie line set at login (and the one that clears it at logout).
QByteArray sessionCookie(const QString &token, int maxAgeSeconds);

}  // namespace sb
