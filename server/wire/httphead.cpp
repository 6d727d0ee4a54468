#include "httphead.h"

#include <optional>

#include <cstring>

namespace sb {
namespace {

// RFC 9110 token characters.
bool isTchar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '.': case '^': case '_': case '`': case '|': case '~':
        return true;
    default:
        return false;
    }
}

bool isFieldValueChar(unsigned char c)
{
    return c == '\t' || (c >= 0x20 && c != 0x7f);  // VCHAR, SP, HTAB, obs-text
}

bool isTargetChar(unsigned char c)
{
    return c > 0x20 && c < 0x7f;  // visible ASCII; no spaces or controls
}

QByteArrayView trimOws(QByteArrayView v)
{
    while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t'))
        v = v.sliced(1);
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t'))
        v.chop(1);
    return v;
}

// The end of the head: index of the first "\r\n\r\n" at or after `from`, or -1. memchr
// finds each LF; a generic substring search costs more than the rest of the parse.
qsizetype findHeadEnd(QByteArrayView data, qsizetype from)
{
    const char *const begin = data.data();
    const char *const end = begin + data.size();
    const char *p = begin + from + 3;  // the earliest final LF
    while (p < end) {
        const auto *lf = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
        if (!lf)
            return -1;
        if (lf[-1] == '\r' && lf[-2] == '\n' && lf[-3] == '\r')
            return lf - 3 - begin;
        p = lf + 1;
    }
    return -1;
}

HeadParseResult fail(int status, const char *reason)
{
    HeadParseResult r;
    r.status = HeadParseResult::Error;
    r.httpStatus = status;
    r.reason = reason;
    return r;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

}  // namespace

QByteArray percentDecode(QByteArrayView in, bool plusAsSpace)
{
    QByteArray out;
    out.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (c == '%' && i + 2 < in.size() && hexValue(in[i + 1]) >= 0 && hexValue(in[i + 2]) >= 0) {
            out.append(char(hexValue(in[i + 1]) * 16 + hexValue(in[i + 2])));
            i += 2;
        } else if (c == '+' && plusAsSpace) {
            out.append(' ');
        } else {
            out.append(c);
        }
    }
    return out;
}

qsizetype HttpRequestHead::headerIndex(QByteArrayView name) const
{
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (headerName(i).compare(name, Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

QByteArrayView HttpRequestHead::headerView(QByteArrayView name) const
{
    const qsizetype i = headerIndex(name);
    return i < 0 ? QByteArrayView() : headerValue(i);
}

QByteArray HttpRequestHead::headerList(QByteArrayView name) const
{
    QByteArray out;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (headerName(i).compare(name, Qt::CaseInsensitive) != 0)
            continue;
        if (!out.isEmpty())
            out.append(", ");
        out.append(headerValue(i));
    }
    return out;
}

bool HttpRequestHead::headerHasToken(QByteArrayView name, QByteArrayView token) const
{
    // Every field of that name, each split at commas, read in place.
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (headerName(i).compare(name, Qt::CaseInsensitive) != 0)
            continue;
        QByteArrayView rest = headerValue(i);
        for (;;) {
            const qsizetype comma = rest.indexOf(',');
            if (trimOws(comma < 0 ? rest : rest.first(comma)).compare(token, Qt::CaseInsensitive) == 0)
                return true;
            if (comma < 0)
                break;
            rest = rest.sliced(comma + 1);
        }
    }
    return false;
}

QByteArray queryItem(QByteArrayView query, QByteArrayView key)
{
    if (query.isEmpty())
        return {};
    for (const QByteArray &pair : query.toByteArray().split('&')) {
        const qsizetype eq = pair.indexOf('=');
        const QByteArrayView k = eq < 0 ? QByteArrayView(pair) : QByteArrayView(pair).first(eq);
        if (percentDecode(k, true) == key) {
            if (eq < 0)
                return QByteArray("");  // present without a value: empty, not null
            QByteArray v = percentDecode(QByteArrayView(pair).sliced(eq + 1), true);
            if (v.isNull())
                v = QByteArray("");
            return v;
        }
    }
    return {};
}

QByteArray HttpRequestHead::queryItem(QByteArrayView key) const
{
    return sb::queryItem(query, key);
}

namespace {

// An error, or nothing (the step passed).
using Failure = std::optional<HeadParseResult>;

// "GET /path?query HTTP/1.1": method, origin-form target, version.
Failure parseRequestLine(QByteArrayView line, HttpRequestHead &out)
{
    const qsizetype sp1 = line.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0)
        return fail(400, "malformed request line");
    const QByteArrayView method = line.first(sp1);
    const QByteArrayView target = line.sliced(sp1 + 1, sp2 - sp1 - 1);
    const QByteArrayView version = line.sliced(sp2 + 1);
    for (char c : method) {
        if (!isTchar(c))
            return fail(400, "malformed method");
    }
    if (target.isEmpty())
        return fail(400, "empty request target");
    for (char c : target) {
        if (!isTargetChar(static_cast<unsigned char>(c)))
            return fail(400, "malformed request target");
    }
    // Absolute-form (proxies) and asterisk-form are not served here.
    if (target.front() != '/')
        return fail(400, "request target must be a path");
    if (version.size() != 8 || !version.startsWith("HTTP/") || version[6] != '.'
        || version[5] < '0' || version[5] > '9' || version[7] < '0' || version[7] > '9')
        return fail(400, "malformed HTTP version");
    if (version[5] != '1')
        return fail(505, "only HTTP/1.x is supported");
    out.method = method.toByteArray();
    out.target = target.toByteArray();
    out.versionMinor = version[7] - '0';
    const qsizetype q = target.indexOf('?');
    if (target.indexOf('#') >= 0)
        return fail(400, "fragment in request target");
    out.path = q < 0 ? out.target : target.first(q).toByteArray();
    out.query = q < 0 ? QByteArray() : target.sliced(q + 1).toByteArray();
    return std::nullopt;
}

// "Name: value", recorded as offsets into `head` (out.raw).
Failure parseHeaderLine(QByteArrayView line, QByteArrayView head, HttpRequestHead &out)
{
    if (line.isEmpty())
        return fail(400, "empty header line");
    if (line.front() == ' ' || line.front() == '\t')
        return fail(400, "obsolete line folding");
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return fail(400, "malformed header line");
    const QByteArrayView name = line.first(colon);
    for (char c : name) {
        if (!isTchar(c))
            return fail(400, "malformed header name");
    }
    const QByteArrayView value = trimOws(line.sliced(colon + 1));
    for (char c : value) {
        if (!isFieldValueChar(static_cast<unsigned char>(c)))
            return fail(400, "malformed header value");
    }
    if (out.fields.size() >= 100)
        return fail(431, "too many header fields");
    out.fields.append({int(name.data() - head.data()), int(name.size()), int(value.data() - head.data()), int(value.size())});
    return std::nullopt;
}

// The lines of a complete head (without its final CRLFCRLF): each ends in CRLF.
Failure parseLines(QByteArrayView head, HttpRequestHead &out)
{
    qsizetype lineStart = 0;
    bool first = true;
    while (lineStart <= head.size()) {
        // Lines end in CRLF; a LF without its CR, or a CR anywhere else, is refused.
        const auto *lf = static_cast<const char *>(std::memchr(head.data() + lineStart, '\n', size_t(head.size() - lineStart)));
        const qsizetype lineEnd = lf ? lf - head.data() - 1 : head.size();
        if (lf && (lineEnd < lineStart || head[lineEnd] != '\r'))
            return fail(400, "bare CR or LF in request head");
        const QByteArrayView line = head.sliced(lineStart, lineEnd - lineStart);
        if (std::memchr(line.data(), '\r', size_t(line.size())))
            return fail(400, "bare CR or LF in request head");
        if (Failure f = first ? parseRequestLine(line, out) : parseHeaderLine(line, head, out))
            return f;
        first = false;
        if (lineEnd >= head.size())
            break;
        lineStart = lineEnd + 2;
    }
    return std::nullopt;
}

// Host and message framing (RFC 9112 §3.2, §6): one Host, at most one well-formed
// Content-Length, never both it and Transfer-Encoding, and only chunked.
Failure checkHostAndFraming(const HttpRequestHead &out)
{
    if (out.versionMinor >= 1 && !out.hasHeader("Host"))
        return fail(400, "missing Host header");
    int hostCount = 0;
    int lengthCount = 0;
    for (qsizetype i = 0; i < out.headerCount(); ++i) {
        if (out.headerName(i).compare("Host", Qt::CaseInsensitive) == 0)
            ++hostCount;
        if (out.headerName(i).compare("Content-Length", Qt::CaseInsensitive) == 0)
            ++lengthCount;
    }
    if (hostCount > 1)
        return fail(400, "duplicate Host header");
    if (lengthCount > 1)
        return fail(400, "duplicate Content-Length header");
    if (lengthCount == 1) {
        const QByteArrayView cl = out.headerView("Content-Length");
        if (cl.isEmpty() || cl.size() > 15)
            return fail(400, "malformed Content-Length");
        for (char c : cl) {
            if (c < '0' || c > '9')
                return fail(400, "malformed Content-Length");
        }
    }
    if (out.hasHeader("Transfer-Encoding")) {
        if (lengthCount)
            return fail(400, "both Content-Length and Transfer-Encoding");
        const QByteArray te = trimOws(out.headerList("Transfer-Encoding")).toByteArray();
        if (te.compare("chunked", Qt::CaseInsensitive) != 0)
            return fail(501, "unsupported Transfer-Encoding");
    }
    return std::nullopt;
}

}  // namespace

HeadParseResult parseRequestHead(QByteArrayView data, HttpRequestHead &out, int maxHeadBytes)
{
    // Tolerate (and skip) empty lines before the request line, as RFC 9112 §2.2 allows.
    qsizetype start = 0;
    while (start + 1 < data.size() && data[start] == '\r' && data[start + 1] == '\n')
        start += 2;

    const qsizetype limit = qMin<qsizetype>(data.size(), maxHeadBytes);
    const qsizetype end = findHeadEnd(data.first(limit), start);
    if (end < 0) {
        if (data.size() >= maxHeadBytes)
            return fail(431, "request head too large");
        // A bare LF where CRLF belongs is refused early rather than waited on.
        for (qsizetype i = start; i < data.size(); ++i) {
            if (data[i] == '\n' && (i == 0 || data[i - 1] != '\r'))
                return fail(400, "bare LF in request head");
        }
        return {};
    }
    out = HttpRequestHead();
    out.raw = data.sliced(start, end - start).toByteArray();
    if (Failure f = parseLines(QByteArrayView(out.raw), out))
        return *f;
    if (Failure f = checkHostAndFraming(out))
        return *f;
    HeadParseResult r;
    r.status = HeadParseResult::Complete;
    r.headLength = int(end + 4);
    return r;
}

}  // namespace sb
