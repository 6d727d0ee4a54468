// The inspector's exports (trafficexport.h): JSON Lines and HAR 1.2 with WebSocket messages.
#include "trafficexport.h"

#include "trafficmodel.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace sb::ui {

namespace {

struct HttpText {
    QByteArray firstLine;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
};

HttpText splitHttp(const QByteArray &raw)
{
    HttpText t;
    const qsizetype end = raw.indexOf("\r\n\r\n");
    const QByteArray head = end < 0 ? raw : raw.left(end);
    t.body = end < 0 ? QByteArray() : raw.mid(end + 4);
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        if (i == 0) {
            t.firstLine = line;
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            t.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    return t;
}

QJsonArray harHeaders(const HttpText &t)
{
    QJsonArray out;
    for (const auto &h : t.headers)
        out.append(QJsonObject{{QStringLiteral("name"), QString::fromLatin1(h.first)}, {QStringLiteral("value"), QString::fromUtf8(h.second)}});
    return out;
}

QString headerValue(const HttpText &t, const char *name)
{
    for (const auto &h : t.headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return QString::fromUtf8(h.second);
    }
    return {};
}


QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

// One HAR entry around its request and response: started at `startMs`, lasting `ms`, of
// which `waitMs` waiting for the answer.
QJsonObject harEntry(qint64 startMs, qint64 ms, qint64 waitMs, const QJsonObject &request, const QJsonObject &response, quint64 connection)
{
    return {{QStringLiteral("startedDateTime"), isoTime(startMs)},
            {QStringLiteral("time"), double(ms)},
            {QStringLiteral("request"), request},
            {QStringLiteral("response"), response},
            {QStringLiteral("cache"), QJsonObject()},
            {QStringLiteral("timings"), QJsonObject{{QStringLiteral("send"), 0}, {QStringLiteral("wait"), double(waitMs)}, {QStringLiteral("receive"), 0}}},
            {QStringLiteral("connection"), QString::number(connection)}};
}

// The entry of one WebSocket connection, Chrome's way: the upgrade as request and 101
// response, then every data message as seen by the client ("send": to the server).
QJsonObject webSocketEntry(const QList<const CaptureRecord *> &records, const QHash<QString, QString> &baseUrls, int *messages)
{
    const CaptureRecord &first = *records.front();
    QString path = QStringLiteral("/");
    HttpText upgrade, answer;  // the handshake's headers, when they were captured
    for (const CaptureRecord *r : records) {
        if (r->kind == CaptureRecord::Opened && r->data.startsWith("GET "))
            path = QString::fromUtf8(r->data.mid(4));
        if (r->kind == CaptureRecord::Handshake)
            (r->direction == CaptureRecord::In ? upgrade : answer) = splitHttp(r->data);
    }
    QString base = baseUrls.value(first.service);
    base = base.isEmpty() ? QStringLiteral("ws://%1").arg(first.service)
                          : base.replace(QStringLiteral("https://"), QStringLiteral("wss://")).replace(QStringLiteral("http://"), QStringLiteral("ws://"));
    QJsonArray frames;
    for (const CaptureRecord *r : records) {
        if (r->kind != CaptureRecord::Text && r->kind != CaptureRecord::Binary)
            continue;
        const bool text = r->kind == CaptureRecord::Text;
        frames.append(QJsonObject{{QStringLiteral("type"), r->direction == CaptureRecord::In ? QStringLiteral("send") : QStringLiteral("receive")},
                                  {QStringLiteral("time"), double(r->timeMs) / 1000.0},
                                  {QStringLiteral("opcode"), text ? 1 : 2},
                                  {QStringLiteral("data"), text ? QString::fromUtf8(r->data) : QString::fromLatin1(r->data.toBase64())}});
    }
    *messages += int(frames.size());
    const qint64 lasted = records.back()->timeMs - first.timeMs;
    const QJsonObject request{{QStringLiteral("method"), QStringLiteral("GET")},
                              {QStringLiteral("url"), base + path},
                              {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
                              {QStringLiteral("headers"), harHeaders(upgrade)},
                              {QStringLiteral("queryString"), QJsonArray()},
                              {QStringLiteral("cookies"), QJsonArray()},
                              {QStringLiteral("headersSize"), -1},
                              {QStringLiteral("bodySize"), 0}};
    const QJsonObject response{{QStringLiteral("status"), 101},
                               {QStringLiteral("statusText"), QStringLiteral("Switching Protocols")},
                               {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
                               {QStringLiteral("headers"), harHeaders(answer)},
                               {QStringLiteral("cookies"), QJsonArray()},
                               {QStringLiteral("content"), QJsonObject{{QStringLiteral("size"), 0}, {QStringLiteral("mimeType"), QStringLiteral("x-unknown")}}},
                               {QStringLiteral("redirectURL"), QString()},
                               {QStringLiteral("headersSize"), -1},
                               {QStringLiteral("bodySize"), 0}};
    QJsonObject entry = harEntry(first.timeMs, lasted, 0, request, response, first.connection);
    entry.insert(QStringLiteral("_resourceType"), QStringLiteral("websocket"));
    entry.insert(QStringLiteral("_webSocketMessages"), frames);
    return entry;
}

// Writes `bytes` as `file` (replacing it): `s`, ok or with why not.
ExportSummary written(const QString &file, const QByteArray &bytes, ExportSummary s)
{
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size() || !f.flush()) {
        s.error = TrafficExport::tr("could not write %1: %2").arg(f.fileName(), f.errorString());
        return s;
    }
    s.ok = true;
    return s;
}

}  // namespace

namespace {
const char *const kKindKeys[] = {"text", "binary", "ping", "pong", "close", "http_request", "http_response", "opened", "closed", "handshake"};
}  // namespace

QString TrafficExport::kindKey(CaptureRecord::Kind kind)
{
    return QString::fromLatin1(kKindKeys[qBound(0, int(kind), int(std::size(kKindKeys)) - 1)]);
}

std::optional<CaptureRecord::Kind> TrafficExport::kindFromKey(const QString &key)
{
    for (int i = 0; i < int(std::size(kKindKeys)); ++i) {
        if (key == QLatin1String(kKindKeys[i]))
            return CaptureRecord::Kind(i);
    }
    return std::nullopt;
}

QList<CaptureRecord> TrafficExport::readJsonLines(const QString &file, QString *error)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = tr("cannot read %1: %2").arg(file, f.errorString());
        return {};
    }
    QList<CaptureRecord> out;
    int line = 0;
    while (!f.atEnd()) {
        ++line;
        const QByteArray text = f.readLine().trimmed();
        if (text.isEmpty())
            continue;
        QJsonParseError parsed{};
        const QJsonObject o = QJsonDocument::fromJson(text, &parsed).object();
        const auto kind = kindFromKey(o.value(QStringLiteral("type")).toString());
        const QDateTime when = QDateTime::fromString(o.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
        if (parsed.error != QJsonParseError::NoError || !kind || !when.isValid()) {
            *error = tr("%1, line %2: not a record of a Switchboard capture").arg(file).arg(line);
            return {};
        }
        CaptureRecord r;
        r.id = quint64(o.value(QStringLiteral("id")).toDouble());
        r.timeMs = when.toMSecsSinceEpoch();
        r.connection = quint64(o.value(QStringLiteral("connection")).toDouble());
        r.service = o.value(QStringLiteral("service")).toString();
        r.direction = o.value(QStringLiteral("direction")).toString() == QLatin1String("out") ? CaptureRecord::Out : CaptureRecord::In;
        r.kind = *kind;
        r.size = qint64(o.value(QStringLiteral("size")).toDouble());
        r.data = o.contains(QStringLiteral("data_base64")) ? QByteArray::fromBase64(o.value(QStringLiteral("data_base64")).toString().toLatin1())
                                                            : o.value(QStringLiteral("data")).toString().toUtf8();
        out.append(r);
    }
    return out;
}

ExportSummary TrafficExport::jsonLines(const QList<CaptureRecord> &records, const QString &file)
{
    ExportSummary s;
    QByteArray out;
    for (const CaptureRecord &r : records) {
        // Binary messages as base64; text (and HTTP) as is.
        const bool text = r.kind != CaptureRecord::Binary && QString::fromUtf8(r.data).toUtf8() == r.data;
        QJsonObject o{{QStringLiteral("id"), double(r.id)},
                      {QStringLiteral("time"), isoTime(r.timeMs)},
                      {QStringLiteral("connection"), double(r.connection)},
                      {QStringLiteral("service"), r.service},
                      {QStringLiteral("direction"), r.direction == CaptureRecord::In ? QStringLiteral("in") : QStringLiteral("out")},
                      {QStringLiteral("type"), kindKey(r.kind)},
                      {QStringLiteral("size"), double(r.size)}};
        if (text)
            o.insert(QStringLiteral("data"), QString::fromUtf8(r.data));
        else
            o.insert(QStringLiteral("data_base64"), QString::fromLatin1(r.data.toBase64()));
        out += QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
        ++s.records;
    }
    return written(file, out, s);
}

ExportSummary TrafficExport::har(const QList<CaptureRecord> &records, const QHash<QString, QString> &baseUrls, const QString &file)
{
    ExportSummary s;
    QList<QPair<qint64, QJsonObject>> timed;  // entries with their start, in time order at the end
    QHash<quint64, QList<const CaptureRecord *>> sockets;
    QList<quint64> socketOrder;
    for (qsizetype i = 0; i < records.size(); ++i) {
        const CaptureRecord &req = records[i];
        if (req.kind != CaptureRecord::HttpRequest && req.kind != CaptureRecord::HttpResponse) {
            auto &list = sockets[req.connection];
            if (list.isEmpty())
                socketOrder.append(req.connection);
            list.append(&req);
            continue;
        }
        if (req.kind != CaptureRecord::HttpRequest)
            continue;
        // Its response is the next one on the same connection.
        const CaptureRecord *resp = nullptr;
        for (qsizetype j = i + 1; j < records.size() && !resp; ++j) {
            if (records[j].connection == req.connection && records[j].kind == CaptureRecord::HttpResponse)
                resp = &records[j];
        }
        const HttpText rq = splitHttp(req.data);
        const QList<QByteArray> parts = rq.firstLine.split(' ');
        QJsonObject request{{QStringLiteral("method"), QString::fromLatin1(parts.value(0))},
                            {QStringLiteral("url"), QStringLiteral("http://%1%2").arg(headerValue(rq, "Host"), QString::fromUtf8(parts.value(1)))},
                            {QStringLiteral("httpVersion"), QString::fromLatin1(parts.value(2))},
                            {QStringLiteral("headers"), harHeaders(rq)},
                            {QStringLiteral("queryString"), QJsonArray()},
                            {QStringLiteral("cookies"), QJsonArray()},
                            {QStringLiteral("headersSize"), -1},
                            {QStringLiteral("bodySize"), double(req.size)}};
        if (!rq.body.isEmpty())
            request.insert(QStringLiteral("postData"), QJsonObject{{QStringLiteral("mimeType"), headerValue(rq, "Content-Type")},
                                                                   {QStringLiteral("text"), QString::fromUtf8(rq.body)}});
        QJsonObject response{{QStringLiteral("status"), 0}, {QStringLiteral("statusText"), QString()}, {QStringLiteral("httpVersion"), QString()},
                             {QStringLiteral("headers"), QJsonArray()}, {QStringLiteral("cookies"), QJsonArray()},
                             {QStringLiteral("content"), QJsonObject{{QStringLiteral("size"), 0}, {QStringLiteral("mimeType"), QString()}}},
                             {QStringLiteral("redirectURL"), QString()}, {QStringLiteral("headersSize"), -1}, {QStringLiteral("bodySize"), -1}};
        qint64 waited = 0;
        if (resp) {
            const HttpText rs = splitHttp(resp->data);
            const QList<QByteArray> status = rs.firstLine.split(' ');
            response = {{QStringLiteral("status"), status.value(1).toInt()},
                        {QStringLiteral("statusText"), QString::fromLatin1(rs.firstLine.mid(rs.firstLine.indexOf(' ', 9) + 1))},
                        {QStringLiteral("httpVersion"), QString::fromLatin1(status.value(0))},
                        {QStringLiteral("headers"), harHeaders(rs)},
                        {QStringLiteral("cookies"), QJsonArray()},
                        {QStringLiteral("content"), QJsonObject{{QStringLiteral("size"), double(resp->size)},
                                                                {QStringLiteral("mimeType"), headerValue(rs, "Content-Type")},
                                                                {QStringLiteral("text"), QString::fromUtf8(rs.body)}}},
                        {QStringLiteral("redirectURL"), QString()},
                        {QStringLiteral("headersSize"), -1},
                        {QStringLiteral("bodySize"), double(resp->size)}};
            waited = resp->timeMs - req.timeMs;
        }
        ++s.exchanges;
        timed.append({req.timeMs, harEntry(req.timeMs, waited, waited, request, response, req.connection)});
    }
    for (quint64 id : std::as_const(socketOrder)) {
        const auto &list = sockets[id];
        timed.append({list.front()->timeMs, webSocketEntry(list, baseUrls, &s.messages)});
        ++s.webSockets;
    }
    std::stable_sort(timed.begin(), timed.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    QJsonArray entries;
    for (const auto &e : std::as_const(timed))
        entries.append(e.second);
    const QJsonObject har{{QStringLiteral("log"), QJsonObject{{QStringLiteral("version"), QStringLiteral("1.2")},
                                                             {QStringLiteral("creator"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Switchboard")},
                                                                                                     {QStringLiteral("version"), QStringLiteral(SWITCHBOARD_VERSION)}}},
                                                             {QStringLiteral("entries"), entries}}}};
    return written(file, QJsonDocument(har).toJson(QJsonDocument::Indented), s);
}

}  // namespace sb::ui
