#include "fileframe.h"

#include "protocol/chat.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace sb::chat {

qsizetype jsonObjectEnd(QByteArrayView data)
{
    if (data.isEmpty() || data[0] != '{')
        return -1;
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    for (qsizetype i = 0; i < data.size(); ++i) {
        const char c = data[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (++depth > 64)
                return -1;
        } else if (c == '}' || c == ']') {
            if (--depth == 0)
                return c == '}' ? i + 1 : -1;
            if (depth < 0)
                return -1;
        }
    }
    return -1;
}

FileFrameError parseFileFrame(QByteArrayView frame, FileFrame *out, QString *detail)
{
    if (frame.isEmpty() || frame[0] != protocol::chat::fileFrameStart) {
        *detail = QStringLiteral("a binary message must be a file: '!' + JSON file info + '#' + the file's bytes");
        return FileFrameError::NotAFileFrame;
    }
    const QByteArrayView rest = frame.sliced(1);
    const qsizetype end = jsonObjectEnd(rest.first(qMin<qsizetype>(rest.size(), 64 * 1024)));
    if (end < 0 || end >= rest.size() || rest[end] != protocol::chat::fileFrameSeparator) {
        *detail = QStringLiteral("the file info must be a JSON object followed by '#'");
        return FileFrameError::BadInfo;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(rest.first(end).toByteArray(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        *detail = QStringLiteral("the file info is not valid JSON: %1").arg(pe.errorString());
        return FileFrameError::BadInfo;
    }
    const QJsonObject info = doc.object();
    const QJsonValue name = info.value(protocol::chat::key::name);
    const QJsonValue size = info.value(protocol::chat::key::size);
    const QJsonValue type = info.value(protocol::chat::key::type);
    const QJsonValue text = info.value(protocol::chat::key::text);
    if (!name.isString() || name.toString().isEmpty()) {
        *detail = QStringLiteral("the file info needs a non-empty \"name\"");
        return FileFrameError::BadInfo;
    }
    const double sz = size.toDouble(-1);
    if (!size.isDouble() || sz < 0 || sz != double(qint64(sz))) {
        *detail = QStringLiteral("the file info needs \"size\", a whole number of bytes");
        return FileFrameError::BadInfo;
    }
    if (!type.isUndefined() && !type.isString()) {
        *detail = QStringLiteral("\"type\" must be a string");
        return FileFrameError::BadInfo;
    }
    if (!text.isUndefined() && !text.isNull() && !text.isString()) {
        *detail = QStringLiteral("\"text\" must be a string");
        return FileFrameError::BadInfo;
    }
    out->name = name.toString();
    out->size = qint64(sz);
    out->type = type.toString();
    out->text = text.toString();
    out->bytes = rest.sliced(end + 1);
    if (out->bytes.size() != out->size) {
        *detail = QStringLiteral("the file info says %1 bytes but %2 bytes followed").arg(out->size).arg(out->bytes.size());
        return FileFrameError::SizeMismatch;
    }
    return FileFrameError::None;
}

}  // namespace sb::chat
