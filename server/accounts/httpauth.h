#pragma once
// Credentials carried by HTTP requests: Bearer token, session cookie, Basic, ?ticket=.
// Thread-safe helpers over AccountStore.

#include "accountstore.h"

#include <QByteArray>
#include <QHostAddress>

#include <functional>
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

class LoginLimiter;
class PasswordHasher;
struct HttpResponse;

// The outcome of checking a password (login, HTTP Basic).
struct PasswordCheck {
    enum Result { Ok, Wrong, TooManyFailures, Busy, StoreUnavailable };
    Result result = Wrong;
    std::optional<User> user;
    int retryAfterSeconds = 0;
    bool perAccount = false;  // TooManyFailures: the account's limit, not the address's
    // The refusal to answer with (401, 429 with Retry-After, 503 with Retry-After).
    // StoreUnavailable: the database could not be asked (503), never "wrong password".
    HttpResponse refusal() const;
};

// Checks `email`/`password` on the hashing threads, unless `peer` or the account is over the
// failed-login limit or the hashing queue is full (answered at once); records the failure or
// success. `done` runs on a hashing thread, or on the caller's when answered at once.
void checkPassword(AccountStore &accounts, PasswordHasher &hasher, LoginLimiter &limiter, const QHostAddress &peer,
                   const QString &email, const QString &password, std::function<void(PasswordCheck)> done);

class CredentialCache;
// HTTP Basic on a WebSocket handshake: credentials verified in the last minute (and whose
// user is still there and enabled) are admitted at once, on the caller's thread; others go
// through checkPassword, and a success is remembered (accounts/credentialcache.h).
void checkBasicCredentials(AccountStore &accounts, PasswordHasher &hasher, LoginLimiter &limiter, CredentialCache &cache,
                           const QHostAddress &peer, const QString &email, const QString &password,
                           std::function<void(PasswordCheck)> done);

// For /metrics, next to the per-service counters: Argon2id checks run, and HTTP Basic
// handshakes admitted as verified in the last minute instead.
QByteArray passwordMetrics(const PasswordHasher &hasher, const CredentialCache &cache);

}  // namespace sb
