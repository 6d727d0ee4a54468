#include "httpmessage.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLocale>

namespace sb {

QByteArray HttpRequest::bearerToken() const
{
    const QByteArray auth = head.header("Authorization");
    if (auth.size() > 7 && auth.first(7).compare("Bearer ", Qt::CaseInsensitive) == 0)
        return auth.mid(7).trimmed();
    return {};
}

QByteArray HttpRequest::cookie(QByteArrayView name) const
{
    const QByteArray all = head.headerList("Cookie").replace(',', ';');
    for (const QByteArray &part : all.split(';')) {
        const QByteArray p = part.trimmed();
        const qsizetype eq = p.indexOf('=');
        if (eq > 0 && QByteArrayView(p).first(eq) == name)
            return p.mid(eq + 1);
    }
    return {};
}

QJsonObject HttpRequest::jsonBody(bool *ok, QString *error) const
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        *ok = false;
        if (error)
            *error = pe.error != QJsonParseError::NoError
                ? QStringLiteral("Request body is not valid JSON: %1").arg(pe.errorString())
                : QStringLiteral("Request body must be a JSON object");
        return {};
    }
    *ok = true;
    return doc.object();
}

HttpResponse &HttpResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            h.second = value;
            return *this;
        }
    }
    headers.append({name, value});
    return *this;
}

HttpResponse HttpResponse::json(int status, const QJsonObject &obj)
{
    return json(status, QJsonDocument(obj).toJson(QJsonDocument::Compact));
}

HttpResponse HttpResponse::json(int status, const QByteArray &compactJson)
{
    HttpResponse r;
    r.status = status;
    r.body = compactJson;
    r.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    return r;
}

HttpResponse HttpResponse::text(int status, const QByteArray &body, const QByteArray &contentType)
{
    HttpResponse r;
    r.status = status;
    r.body = body;
    r.headers.append(qMakePair(QByteArray("Content-Type"), contentType));
    return r;
}

HttpResponse HttpResponse::error(int status, const QByteArray &code, const QString &detail)
{
    return json(status, QJsonObject{{QStringLiteral("detail"), detail},
                                    {QStringLiteral("code"), QString::fromLatin1(code)}});
}

QByteArray HttpResponse::serialize(bool headRequest) const
{
    QByteArray out;
    out.reserve(256 + body.size());
    out.append("HTTP/1.1 ").append(QByteArray::number(status)).append(' ').append(statusText(status)).append("\r\n");
    bool hasType = false;
    bool hasLength = false;  // set by a handler answering HEAD without reading the body
    for (const auto &h : headers) {
        if (h.first.compare("Content-Type", Qt::CaseInsensitive) == 0)
            hasType = true;
        if (h.first.compare("Content-Length", Qt::CaseInsensitive) == 0)
            hasLength = true;
        out.append(h.first).append(": ").append(h.second).append("\r\n");
    }
    if (!hasType && status != 204 && status != 304)
        out.append("Content-Type: text/plain; charset=utf-8\r\n");
    if (status != 204 && status != 304 && !hasLength && !stream)
        out.append("Content-Length: ").append(QByteArray::number(body.size())).append("\r\n");
    out.append("Date: ")
        .append(QLocale::c()
                    .toString(QDateTime::currentDateTimeUtc(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
                    .toLatin1())
        .append("\r\n");
    out.append("Server: Switchboard/" SWITCHBOARD_VERSION "\r\n");
    if (closeAfter)
        out.append("Connection: close\r\n");
    out.append("\r\n");
    if (!headRequest)
        out.append(body);
    return out;
}

const char *statusText(int status)
{
    switch (status) {
    case 101: return "Switching Protocols";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 426: return "Upgrade Required";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
    }
}

}  // namespace sb
