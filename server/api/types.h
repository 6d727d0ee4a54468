#pragma once
// What the administration and monitoring interfaces pass: plain values and no server
// internals, so that the GUI (and, over the network, a remote desktop app) needs nothing
// else of the server (docs/architecture.md, "Administration and monitoring").

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace sb {

// An operation's outcome: done, or why not, in a sentence a user can act on.
struct Status {
    QString error;
    bool ok() const { return error.isEmpty(); }
    static Status done() { return {}; }
    static Status failed(QString why) { return {std::move(why)}; }
};

// A value, or why there is none.
template <typename T>
struct Result {
    T value{};
    QString error;
    bool ok() const { return error.isEmpty(); }
    static Result of(T v) { return {std::move(v), {}}; }
    static Result failed(QString why) { return {T{}, std::move(why)}; }
};

struct UserInfo {
    qint64 id = 0;
    QString uuid;
    QString email;
    QString role;  // superuser, employee, premium or member
    qint64 balance = 0;
    bool disabled = false;
    QDateTime createdAt;
};

struct ApiTokenInfo {
    qint64 id = 0;
    QString name;
    QString scope;  // "private", "public" (felix bots) or "admin" (the admin endpoint)
    QDateTime createdAt;
    bool revoked = false;
};

struct SmileInfo {
    qint64 id = 0;
    QString fileUuid;
    qint64 price = 0;
};

struct CertificateInfo {
    QString certificateFile;  // PEM
    QString keyFile;          // PEM
    QString sha256Fingerprint;
};

// One administrative change (docs/admin-api.md, "Audit log"): who made it, from where,
// what (the admin API's operation name) and on what.
struct AuditEntry {
    qint64 id = 0;
    QDateTime at;
    QString who;      // "alice@example.com", "token ops-laptop", "desktop app"
    QString address;  // the peer's address, "this computer" for the desktop app's own server
    QString action;   // e.g. "users.create", "smiles.add", "listeners.reconfigure"
    QString detail;   // what it was done to, e.g. "bob@example.com (member, 10 coins)"
};

struct FelixDocument {
    QString id;
    QJsonObject data;
};

}  // namespace sb
