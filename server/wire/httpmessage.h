#pragma once
// HTTP request/response values and the one JSON error shape (docs/configuration.md, "HTTP API"). Plain values.

#include "httphead.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QString>

namespace sb {

struct HttpRequest {
    HttpRequestHead head;
    QByteArray body;
    QHash<QString, QString> params;  // route parameters, percent-decoded
    QHostAddress peer;
    quint16 peerPort = 0;
    bool tls = false;

    QByteArray header(QByteArrayView name) const { return head.header(name); }
    // Bearer token from the Authorization header, or empty.
    QByteArray bearerToken() const;
    // A cookie value from the Cookie header, or empty.
    QByteArray cookie(QByteArrayView name) const;
    // The body parsed as a JSON object; `ok` false (and an error text) when it is not one.
    QJsonObject jsonBody(bool *ok, QString *error = nullptr) const;
};

struct HttpResponse {
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool closeAfter = false;
    bool stream = false;  // an open-ended body follows (SSE): no Content-Length

    HttpResponse &setHeader(const QByteArray &name, const QByteArray &value);
    static HttpResponse json(int status, const QJsonObject &obj);
    static HttpResponse json(int status, const QByteArray &compactJson);
    static HttpResponse text(int status, const QByteArray &body,
                             const QByteArray &contentType = "text/plain; charset=utf-8");
    // {"detail": ..., "code": ...} with the given status (docs/configuration.md, "HTTP API").
    static HttpResponse error(int status, const QByteArray &code, const QString &detail);

    // Serializes status line, headers (adding Content-Length, Date and Server) and body.
    QByteArray serialize(bool headRequest = false) const;
};

const char *statusText(int status);

}  // namespace sb
