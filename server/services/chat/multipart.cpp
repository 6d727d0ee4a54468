#include "multipart.h"

namespace sb {

namespace {

QByteArray trimmed(QByteArrayView v)
{
    return v.trimmed().toByteArray();
}

// Value of a parameter such as name="x" in a header value; handles quoted strings.
QByteArray parameter(QByteArrayView header, QByteArrayView key)
{
    qsizetype i = 0;
    while (i < header.size()) {
        const qsizetype semi = header.indexOf(';', i);
        if (semi < 0)
            break;
        qsizetype p = semi + 1;
        while (p < header.size() && header[p] == ' ')
            ++p;
        const qsizetype eq = header.indexOf('=', p);
        if (eq < 0)
            break;
        const QByteArrayView k = header.sliced(p, eq - p).trimmed();
        qsizetype v = eq + 1;
        QByteArray value;
        if (v < header.size() && header[v] == '"') {
            ++v;
            while (v < header.size() && header[v] != '"') {
                if (header[v] == '\\' && v + 1 < header.size())
                    ++v;
                value.append(header[v]);
                ++v;
            }
            ++v;
        } else {
            while (v < header.size() && header[v] != ';') {
                value.append(header[v]);
                ++v;
            }
            value = value.trimmed();
        }
        if (k.compare(key, Qt::CaseInsensitive) == 0)
            return value;
        i = v;
    }
    return {};
}

}  // namespace

QByteArray multipartBoundary(QByteArrayView contentType)
{
    const QByteArrayView type = contentType.first(qMax<qsizetype>(0, contentType.indexOf(';') < 0 ? contentType.size() : contentType.indexOf(';'))).trimmed();
    if (type.compare("multipart/form-data", Qt::CaseInsensitive) != 0)
        return {};
    const QByteArray b = parameter(contentType, "boundary");
    if (b.isEmpty() || b.size() > 70)
        return {};
    return b;
}

std::optional<QList<MultipartPart>> parseMultipart(QByteArrayView body, QByteArrayView boundary, QString *error)
{
    if (boundary.isEmpty()) {
        *error = QStringLiteral("missing multipart boundary");
        return std::nullopt;
    }
    const QByteArray delimiter = "--" + boundary.toByteArray();
    const QByteArray next = "\r\n" + delimiter;
    QList<MultipartPart> parts;
    if (!body.startsWith(delimiter)) {
        *error = QStringLiteral("the body does not start with the multipart boundary");
        return std::nullopt;
    }
    qsizetype pos = delimiter.size();
    for (;;) {
        if (body.sliced(pos).startsWith("--"))
            return parts;  // closing delimiter
        if (!body.sliced(pos).startsWith("\r\n")) {
            *error = QStringLiteral("malformed multipart delimiter line");
            return std::nullopt;
        }
        pos += 2;
        const qsizetype headEnd = body.indexOf("\r\n\r\n", pos);
        if (headEnd < 0 || headEnd - pos > 8192) {
            *error = QStringLiteral("malformed multipart part headers");
            return std::nullopt;
        }
        MultipartPart part;
        bool hasDisposition = false;
        for (const QByteArray &line : body.sliced(pos, headEnd - pos).toByteArray().split('\n')) {
            const QByteArray l = line.endsWith('\r') ? line.chopped(1) : line;
            if (l.isEmpty())
                continue;
            const qsizetype colon = l.indexOf(':');
            if (colon <= 0) {
                *error = QStringLiteral("malformed multipart part header");
                return std::nullopt;
            }
            const QByteArrayView name = QByteArrayView(l).first(colon).trimmed();
            const QByteArrayView value = QByteArrayView(l).sliced(colon + 1).trimmed();
            if (name.compare("Content-Disposition", Qt::CaseInsensitive) == 0) {
                if (!value.startsWith("form-data")) {
                    *error = QStringLiteral("multipart part is not form-data");
                    return std::nullopt;
                }
                hasDisposition = true;
                part.name = parameter(value, "name");
                part.filename = parameter(value, "filename");
            } else if (name.compare("Content-Type", Qt::CaseInsensitive) == 0) {
                part.contentType = trimmed(value);
            }
        }
        if (!hasDisposition || part.name.isEmpty()) {
            *error = QStringLiteral("multipart part without a form-data name");
            return std::nullopt;
        }
        const qsizetype dataStart = headEnd + 4;
        const qsizetype dataEnd = body.indexOf(next, dataStart);
        if (dataEnd < 0) {
            *error = QStringLiteral("multipart body ends without a closing boundary");
            return std::nullopt;
        }
        part.data = body.sliced(dataStart, dataEnd - dataStart).toByteArray();
        parts.append(std::move(part));
        if (parts.size() > 64) {
            *error = QStringLiteral("too many multipart parts");
            return std::nullopt;
        }
        pos = dataEnd + next.size();
    }
}

}  // namespace sb
