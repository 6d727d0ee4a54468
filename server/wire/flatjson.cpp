#include "flatjson.h"

namespace sb {

namespace {

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

struct Cursor {
    const char *p;
    const char *end;

    void skipSpace()
    {
        while (p < end && isJsonSpace(*p))
            ++p;
    }
    bool take(char c)
    {
        skipSpace();
        if (p == end || *p != c)
            return false;
        ++p;
        return true;
    }
    // A string without escapes or control characters; refused otherwise.
    bool string(QByteArrayView *out)
    {
        if (!take('"'))
            return false;
        const char *start = p;
        while (p < end) {
            const auto c = static_cast<unsigned char>(*p);
            if (c == '"') {
                *out = QByteArrayView(start, p - start);
                ++p;
                return true;
            }
            if (c == '\\' || c < 0x20)
                return false;
            ++p;
        }
        return false;
    }
};

}  // namespace

bool readFlatJsonObject(QByteArrayView utf8, FlatJsonObject &members)
{
    members.clear();
    Cursor in{utf8.data(), utf8.data() + utf8.size()};
    if (!in.take('{'))
        return false;
    if (in.take('}')) {
        in.skipSpace();
        return in.p == in.end;
    }
    for (;;) {
        FlatJsonMember m;
        if (!in.string(&m.key) || !in.take(':') || !in.string(&m.value))
            return false;
        for (const FlatJsonMember &seen : members) {
            if (seen.key == m.key)
                return false;  // (which one counts is QJsonDocument's to say)
        }
        if (members.size() == kMaxFlatJsonMembers)
            return false;
        members.append(m);
        if (in.take(','))
            continue;
        if (!in.take('}'))
            return false;
        in.skipSpace();
        return in.p == in.end;
    }
}

QByteArrayView flatJsonValue(const FlatJsonObject &members, QByteArrayView key)
{
    for (const FlatJsonMember &m : members) {
        if (m.key == key)
            return m.value;
    }
    return {};
}

}  // namespace sb
