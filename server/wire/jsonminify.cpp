#include "jsonminify.h"

#include "utf8validator.h"

#include <cstring>
#include <vector>

namespace sb {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isHex(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

class Scanner
{
public:
    Scanner(QByteArrayView in, char *out) : m_begin(in.data()), m_p(in.data()), m_end(in.data() + in.size()), m_out(out) {}

    JsonMinifyResult run(int maxDepth);
    qsizetype written(const char *outBegin) const { return m_out - outBegin; }

private:
    enum class State { Value, KeyOrEnd, Key, Colon, CommaOrEnd, ValueOrEnd };

    JsonMinifyResult error(const char *what) const { return {false, m_p - m_begin, what}; }
    void skipSpace()
    {
        while (m_p < m_end && isSpace(*m_p))
            ++m_p;
    }
    bool string(const char **why);
    bool number(const char **why);
    bool literal(const char *word, qsizetype size);
    // A string, number or literal at m_p, copied; nullptr when it was one, else why not.
    const char *scalar(char c);

    const char *m_begin;
    const char *m_p;
    const char *m_end;
    char *m_out;
};

bool Scanner::string(const char **why)
{
    // At the opening quote. Copied as is; escapes checked, raw bytes UTF-8 and no controls.
    const char *start = m_p++;
    Utf8Validator utf8;
    for (;;) {
        const char *run = m_p;
        while (m_p < m_end && *m_p != '"' && *m_p != '\\' && uchar(*m_p) >= 0x20)
            ++m_p;
        if (!utf8.feed(run, m_p - run)) {
            *why = "invalid UTF-8 in a string";
            return false;
        }
        if (m_p == m_end) {
            *why = "unterminated string";
            return false;
        }
        if (*m_p == '"')
            break;
        if (uchar(*m_p) < 0x20) {
            *why = "control character in a string";
            return false;
        }
        // A backslash.
        if (!utf8.complete()) {
            *why = "invalid UTF-8 in a string";
            return false;
        }
        if (m_end - m_p < 2) {
            *why = "unterminated string";
            return false;
        }
        const char e = m_p[1];
        if (e == 'u') {
            if (m_end - m_p < 6 || !isHex(m_p[2]) || !isHex(m_p[3]) || !isHex(m_p[4]) || !isHex(m_p[5])) {
                *why = "bad \\u escape";
                return false;
            }
            m_p += 6;
        } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
            m_p += 2;
        } else {
            *why = "bad escape in a string";
            return false;
        }
    }
    if (!utf8.complete()) {
        *why = "invalid UTF-8 in a string";
        return false;
    }
    ++m_p;  // the closing quote
    std::memcpy(m_out, start, size_t(m_p - start));
    m_out += m_p - start;
    return true;
}

bool Scanner::number(const char **why)
{
    const char *start = m_p;
    if (m_p < m_end && *m_p == '-')
        ++m_p;
    if (m_p < m_end && *m_p == '0') {
        ++m_p;
    } else if (m_p < m_end && *m_p >= '1' && *m_p <= '9') {
        while (m_p < m_end && isDigit(*m_p))
            ++m_p;
    } else {
        *why = "bad number";
        return false;
    }
    if (m_p < m_end && *m_p == '.') {
        ++m_p;
        if (m_p == m_end || !isDigit(*m_p)) {
            *why = "bad number: digits must follow '.'";
            return false;
        }
        while (m_p < m_end && isDigit(*m_p))
            ++m_p;
    }
    if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
        ++m_p;
        if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
            ++m_p;
        if (m_p == m_end || !isDigit(*m_p)) {
            *why = "bad number: digits must follow the exponent";
            return false;
        }
        while (m_p < m_end && isDigit(*m_p))
            ++m_p;
    }
    std::memcpy(m_out, start, size_t(m_p - start));
    m_out += m_p - start;
    return true;
}

bool Scanner::literal(const char *word, qsizetype size)
{
    if (m_end - m_p < size || std::memcmp(m_p, word, size_t(size)) != 0)
        return false;
    std::memcpy(m_out, word, size_t(size));
    m_out += size;
    m_p += size;
    return true;
}

const char *Scanner::scalar(char c)
{
    const char *why = "unexpected character";
    bool ok;
    if (c == '"')
        ok = string(&why);
    else if (c == '-' || isDigit(c))
        ok = number(&why);
    else
        ok = literal("true", 4) || literal("false", 5) || literal("null", 4);
    return ok ? nullptr : why;
}

JsonMinifyResult Scanner::run(int maxDepth)
{
    std::vector<char> open;  // '{' or '[' for each container we are in
    State state = State::Value;
    for (;;) {
        skipSpace();
        if (m_p == m_end)
            return error(open.empty() && state == State::Value ? "empty document" : "unexpected end of document");
        const char c = *m_p;
        switch (state) {
        case State::KeyOrEnd:
            if (c == '}') {
                open.pop_back();
                *m_out++ = *m_p++;
                break;
            }
            [[fallthrough]];
        case State::Key:
            if (c != '"')
                return error("expected a string as the object's key");
            if (const char *why = scalar(c))
                return error(why);
            state = State::Colon;
            continue;
        case State::Colon:
            if (c != ':')
                return error("expected ':' after the key");
            *m_out++ = *m_p++;
            state = State::Value;
            continue;
        case State::CommaOrEnd:
            if (c == ',') {
                *m_out++ = *m_p++;
                state = open.back() == '{' ? State::Key : State::Value;
                continue;
            }
            if ((c == '}' && open.back() == '{') || (c == ']' && open.back() == '[')) {
                open.pop_back();
                *m_out++ = *m_p++;
                break;
            }
            return error(open.back() == '{' ? "expected ',' or '}'" : "expected ',' or ']'");
        case State::ValueOrEnd:
            if (c == ']') {
                open.pop_back();
                *m_out++ = *m_p++;
                break;
            }
            [[fallthrough]];
        case State::Value: {
            if (c == '{' || c == '[') {
                if (int(open.size()) >= maxDepth)
                    return error("nested too deeply");
                open.push_back(c);
                *m_out++ = *m_p++;
                state = c == '{' ? State::KeyOrEnd : State::ValueOrEnd;
                continue;
            }
            if (const char *why = scalar(c))
                return error(why);
            break;
        }
        }
        // A value (or a container) is complete.
        if (open.empty()) {
            skipSpace();
            if (m_p != m_end)
                return error("unexpected data after the JSON value");
            return {true, m_p - m_begin, nullptr};
        }
        state = State::CommaOrEnd;
    }
}

}  // namespace

JsonMinifyResult minifyJson(QByteArrayView in, QByteArray &out, int maxDepth)
{
    out.resize(in.size());
    Scanner s(in, out.data());
    const JsonMinifyResult r = s.run(maxDepth);
    out.resize(r.ok ? s.written(out.constData()) : 0);
    return r;
}

}  // namespace sb
