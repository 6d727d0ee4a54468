#pragma once
// The admin API's JSON (docs/admin-api.md): every value of monitor.h, administration.h and
// types.h to and from the objects the admin endpoint sends, one pair of functions per type,
// used by the endpoint and by the desktop app's remote node alike.

#include "api/administration.h"
#include "api/monitor.h"

#include <QJsonArray>
#include <QJsonObject>

namespace sb::apijson {

constexpr int kVersion = 1;  // the admin API's version (hello.version)

QJsonObject toJson(const ServerSnapshot &s);
ServerSnapshot snapshotFrom(const QJsonObject &o);

QJsonObject toJson(const ConnectionInfo &c);
ConnectionInfo connectionFrom(const QJsonObject &o);

// One capture record, appended to `out` as the JSON object captureFrom() reads: written
// by hand (the capture stream is the endpoint's hot path; no QJsonObject per record).
void appendJson(QByteArray &out, const CaptureRecord &r);
CaptureRecord captureFrom(const QJsonObject &o);
QJsonObject toJson(const CaptureFilter &f);
CaptureFilter captureFilterFrom(const QJsonObject &o);

QJsonObject toJson(const PresenceNode &n);
PresenceNode presenceFrom(const QJsonObject &o);

QJsonObject toJson(const UserInfo &u);
UserInfo userFrom(const QJsonObject &o);
QJsonObject toJson(const ApiTokenInfo &t);
ApiTokenInfo apiTokenFrom(const QJsonObject &o);
QJsonObject toJson(const SmileInfo &s);
SmileInfo smileFrom(const QJsonObject &o);
QJsonObject toJson(const FelixDocument &d);
FelixDocument felixDocumentFrom(const QJsonObject &o);
QJsonObject toJson(const CertificateInfo &c);
CertificateInfo certificateFrom(const QJsonObject &o);
QJsonObject toJson(const AuditEntry &e);
AuditEntry auditFrom(const QJsonObject &o);
QJsonValue toJson(const std::optional<TlsFiles> &tls);  // null: no TLS
std::optional<TlsFiles> tlsFrom(const QJsonValue &v);

// A list of any of the above.
template <typename T>
QJsonArray arrayOf(const QList<T> &items)
{
    QJsonArray out;
    for (const T &item : items)
        out.append(toJson(item));
    return out;
}
template <typename T, typename From>
QList<T> listFrom(const QJsonValue &v, From from)
{
    QList<T> out;
    for (const QJsonValue &item : v.toArray())
        out.append(from(item.toObject()));
    return out;
}

}  // namespace sb::apijson
