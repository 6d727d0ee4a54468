#pragma once
// A WebSocket endpoint of a service: decides before the handshake whether to accept
// (admit), then creates the session once Qt has completed the upgrade. Both run on the
// worker thread that owns the connection.

#include "wire/httpmessage.h"
#include "wire/limits.h"

#include <QHostAddress>
#include <QString>
#include <QVariant>

#include <functional>

namespace sb {

class CaptureRing;
class Stream;
class WsSession;
class Worker;

struct WsAdmission {
    bool accepted = false;
    HttpResponse refusal;    // sent instead of 101 when not accepted
    QByteArray rejectReason; // metrics label for a refusal ("auth", ...)
    qint64 userId = 0;       // authenticated user, 0 if none
    QString identity;        // what the dashboard shows for this connection
    QByteArray tokenDigest;  // the access token it came in with (cookie, ticket), if any
    qint64 apiTokenId = 0;   // the API token it came in with (felix), if any

    static WsAdmission accept(qint64 userId = 0, const QString &identity = {})
    {
        WsAdmission a;
        a.accepted = true;
        a.userId = userId;
        a.identity = identity;
        return a;
    }
    static WsAdmission refuse(HttpResponse response, const QByteArray &reason)
    {
        WsAdmission a;
        a.refusal = std::move(response);
        a.rejectReason = reason;
        return a;
    }
};

struct SessionContext {
    quint64 id = 0;
    int listenerId = 0;
    const void *listenerRuntime = nullptr;  // the socket it came in on (a moved listener ends those)
    QString service;
    QByteArray path;
    QByteArray query;  // raw, without '?'
    QHash<QString, QString> params;
    QHostAddress peer;
    quint16 peerPort = 0;
    WsAdmission admission;
    Limits limits;
    Worker *worker = nullptr;
    Stream *transport = nullptr;         // the upgraded connection, set by the worker (the session takes it over)
    CaptureRing *captureRing = nullptr;  // where captured frames go (when the service captures)
    // When the service captures: the upgrade request's head as received, and the 101 answer.
    QByteArray handshakeRequest;
    QByteArray handshakeResponse;
};

class WsEndpoint
{
public:
    virtual ~WsEndpoint() = default;
    virtual QString service() const = 0;
    // Before the handshake: refuse with any HTTP response (401, 403, ...), or accept.
    // `done` may be called later and from another thread (e.g. after password hashing on
    // the blocking pool), exactly once.
    virtual void admit(const HttpRequest &request, std::function<void(WsAdmission)> done) = 0;
    // After the 101: the session takes ownership of `context.transport`; the worker owns
    // the session.
    virtual WsSession *createSession(const SessionContext &context) = 0;
};

}  // namespace sb
