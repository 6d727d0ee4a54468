#pragma once
// Maps method + path to an HTTP handler or a WebSocket endpoint. Built once per listener at
// start-up, then read concurrently by every worker (no mutation after build()).

#include "wire/httpmessage.h"
#include "wire/limits.h"

#include <QPointer>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace sb {

class HttpConnection;
class Worker;
class WsEndpoint;

// Answers one HTTP request. Copyable; send() may be called from any thread, once.
class HttpResponder
{
public:
    HttpResponder() = default;
    explicit HttpResponder(HttpConnection *conn);
    void send(HttpResponse response) const;
    // On the connection's own thread only: starts a streamed answer (see
    // HttpConnection::startStream) and returns the connection, or nullptr.
    HttpConnection *stream(HttpResponse head) const;
    // The worker the request came in on (a context object for timers of the handler).
    Worker *worker() const { return m_worker; }

private:
    QPointer<HttpConnection> m_conn;
    Worker *m_worker = nullptr;
    quint64 m_requestSerial = 0;
};

using HttpHandler = std::function<void(HttpRequest &request, const HttpResponder &respond)>;

// A route pattern split once when the route is added, not on every request.
struct CompiledPattern {
    struct Segment {
        bool param = false;
        QString name;        // {name}
        QByteArray literal;  // UTF-8, compared with the percent-decoded path segment
    };
    CompiledPattern() = default;
    explicit CompiledPattern(const QString &pattern);
    QList<Segment> segments;
    int specificity = 0;  // literal segments: the more, the more specific
};
int specificityOf(const QList<CompiledPattern::Segment> &segments);

struct HttpRoute {
    QByteArray method;  // "GET", "POST", ...; "*" for any
    QString pattern;    // "/chat/{room}", "/storage"
    QString service;    // owner, for limits, counters and clash messages
    HttpHandler handler;
    CompiledPattern compiled = {};  // set by Router::addHttp
};

struct WsRoute {
    QString pattern;
    QString service;
    std::shared_ptr<WsEndpoint> endpoint;
    CompiledPattern compiled = {};  // set by Router::addWs
    QStringList allowedOrigins = {};  // the service's; empty = any (Router::setAllowedOrigins)
};

struct RouteMatch {
    const HttpRoute *http = nullptr;
    const WsRoute *ws = nullptr;
    QHash<QString, QString> params;
    bool otherMethods = false;  // the path exists but not for this method (405)
    QByteArrayList allowed;     // methods the path accepts, for Allow
};

class Router final
{
public:
    void addHttp(HttpRoute route);
    void addWs(WsRoute route);
    // Before the router is shared: every WebSocket route takes its service's allowed
    // Origins, read once here instead of looked up by name on each handshake.
    void setAllowedOrigins(const std::function<QStringList(const QString &service)> &originsOf);

    // Checks that no two routes of different or equal owners have the same shape.
    // Returns an empty string when fine, else a message naming the clash.
    QString findClash(const QString &listenerName) const;

    RouteMatch matchHttp(const QByteArray &method, const QByteArray &path) const;
    RouteMatch matchWs(const QByteArray &path) const;
    bool hasWsRoutes() const { return !m_ws.isEmpty(); }

private:
    QList<HttpRoute> m_http;
    QList<WsRoute> m_ws;
};

// Shared by router and tests: does `path` (percent-encoded) match `pattern`?
bool matchPattern(const QString &pattern, const QByteArray &path, QHash<QString, QString> *params);

}  // namespace sb
