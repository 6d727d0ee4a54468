#include "chatmessage.h"

#include "protocol/chat.h"

#include <charconv>
#include <chrono>
#include <cstring>
#include <ctime>

namespace sb::chat {

namespace {

void appendEscaped(QByteArray &out, const QString &s)
{
    const QByteArray u = s.toUtf8();
    out.reserve(out.size() + u.size() + 2);
    out.append('"');
    for (char c : u) {
        switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(static_cast<unsigned char>(c)));
                out.append(buf);
            } else {
                out.append(c);
            }
        }
    }
    out.append('"');
}

}  // namespace

void appendJsonNumber(QByteArray &out, qint64 n)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, n);
    out.append(buf, qsizetype(r.ptr - buf));
}

void appendJsonString(QByteArray &out, const QString &s)
{
    // Printable ASCII needs neither UTF-8 nor escapes (a date, a type, most texts): written
    // straight from the UTF-16, without a QByteArray of its own.
    const qsizetype start = out.size();
    out.resize(start + s.size() + 2);
    char *p = out.data() + start;
    *p++ = '"';
    for (const QChar ch : s) {
        const char16_t c = ch.unicode();
        if (c >= 0x80 || c < 0x20 || c == u'"' || c == u'\\') {
            out.truncate(start);
            appendEscaped(out, s);
            return;
        }
        *p++ = char(c);
    }
    *p = '"';
}

QByteArray ChatMessage::toJson() const
{
    QByteArray out;
    out.reserve(160 + text.size());
    out.append("{\"id\": ");
    appendJsonNumber(out, id);
    out.append(", \"member_id\": ");
    appendJsonNumber(out, memberId);
    out.append(", \"chat_id\": ");
    appendJsonNumber(out, chatId);
    out.append(", \"date\": ");
    appendJsonString(out, date);
    out.append(", \"type\": ");
    appendJsonString(out, type);
    if (type == protocol::chat::type::smile) {
        out.append(", \"smile_id\": ");
        appendJsonNumber(out, smileId);
        out.append(", \"smile_file_uuid\": ");
        appendJsonString(out, smileFileUuid);
    } else if (type == protocol::chat::type::file) {
        out.append(", \"file_uuid\": ");
        appendJsonString(out, fileUuid);
        out.append(", \"text\": ");
        appendJsonString(out, text);
    } else {
        out.append(", \"text\": ");
        appendJsonString(out, text);
    }
    out.append('}');
    return out;
}

QString nowWithMicroseconds()
{
    using namespace std::chrono;
    const auto us = duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
    const std::time_t secs = std::time_t(us / 1'000'000);
    // "YYYY-MM-DDTHH:MM:SS" changes once a second: formatted then, per thread.
    thread_local std::time_t cachedSecs = -1;
    thread_local char buf[64];
    if (secs != cachedSecs) {
        std::tm tm{};
        gmtime_r(&secs, &tm);
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                      tm.tm_hour, tm.tm_min, tm.tm_sec);
        cachedSecs = secs;
    }
    const qsizetype prefix = qsizetype(std::strlen(buf));
    char out[72];
    std::memcpy(out, buf, size_t(prefix));
    int micro = int(us % 1'000'000);
    for (int i = 5; i >= 0; --i, micro /= 10)
        out[prefix + i] = char('0' + micro % 10);
    return QString::fromLatin1(out, prefix + 6);
}

QByteArray errorJson(QLatin1String code, const QString &detail)
{
    QByteArray out("{\"type\": \"error\", \"code\": ");
    appendJsonString(out, QString(code));
    out.append(", \"detail\": ");
    appendJsonString(out, detail);
    out.append('}');
    return out;
}

}  // namespace sb::chat
