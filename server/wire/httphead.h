#pragma once
// Strict HTTP/1.1 request-head parser. Pure function, no Qt event loop; safe on any thread.

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QVarLengthArray>

namespace sb {

struct HttpRequestHead {
    QByteArray method;
    QByteArray target;  // as sent: path plus optional ?query
    QByteArray path;    // percent-encoded path, without the query
    QByteArray query;   // raw query without '?', may be empty
    int versionMinor = 1;  // HTTP/1.<minor>
    // The head as received, request line and header lines, without the final CRLFCRLF. The
    // header fields are read in place from it: one buffer per request, not two per field.
    QByteArray raw;
    struct Field {
        int nameAt, nameSize, valueAt, valueSize;  // value trimmed
    };
    QVarLengthArray<Field, 16> fields;

    qsizetype headerCount() const { return fields.size(); }
    QByteArrayView headerName(qsizetype i) const { return QByteArrayView(raw).sliced(fields[i].nameAt, fields[i].nameSize); }
    QByteArrayView headerValue(qsizetype i) const { return QByteArrayView(raw).sliced(fields[i].valueAt, fields[i].valueSize); }
    // First value of a header, case-insensitive name; empty if absent. The view lives as
    // long as this head.
    QByteArrayView headerView(QByteArrayView name) const;
    QByteArray header(QByteArrayView name) const { return headerView(name).toByteArray(); }
    bool hasHeader(QByteArrayView name) const { return headerIndex(name) >= 0; }
    // Index of the first field of that name (case-insensitive), or -1.
    qsizetype headerIndex(QByteArrayView name) const;
    // Every value of a header joined with ", " (RFC 9110 list semantics).
    QByteArray headerList(QByteArrayView name) const;
    // True when a comma-separated header list holds this token (case-insensitive).
    bool headerHasToken(QByteArrayView name, QByteArrayView token) const;
    // Value of a query parameter, percent-decoded; null QByteArray if absent.
    QByteArray queryItem(QByteArrayView key) const;
};

struct HeadParseResult {
    enum Status { Incomplete, Complete, Error };
    Status status = Incomplete;
    int headLength = 0;   // bytes of the head including the final CRLFCRLF
    int httpStatus = 0;   // on Error: 400, 414, 431, 501, 505
    QByteArray reason;    // on Error: short human-readable reason
};

// Parses one request head from the start of `data`. `maxHeadBytes` bounds the head;
// a head that is not complete within it yields Error 431.
HeadParseResult parseRequestHead(QByteArrayView data, HttpRequestHead &out, int maxHeadBytes);

// Value of a query parameter in a raw query string, percent-decoded; null if absent.
QByteArray queryItem(QByteArrayView query, QByteArrayView key);

// Percent-decodes a URL component; '+' is left alone unless `plusAsSpace`.
QByteArray percentDecode(QByteArrayView in, bool plusAsSpace = false);

}  // namespace sb
