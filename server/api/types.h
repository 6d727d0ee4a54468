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
    QString scope;  // "private" or "public"
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

struct FelixDocument {
    QString id;
    QJsonObject data;
};

}  // namespace sb
