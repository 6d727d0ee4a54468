#pragma once
// Incremental UTF-8 validation (RFC 3629, the table in its section 4): bytes are fed piece by
// piece, so a text message fragmented in the middle of a character is judged as a whole
// (RFC 6455 §5.6), and a sequence that can never become valid is refused at its first bad
// byte ("fail fast", §8.1). Plain value type, any thread.

#include <QtGlobal>

namespace sb {

class Utf8Validator final
{
public:
    // False as soon as the bytes fed so far cannot be the start of valid UTF-8. Once false,
    // it stays false until reset().
    bool feed(const char *data, qsizetype size);
    // True when everything fed so far is valid and ends on a character boundary.
    bool complete() const { return m_need == 0 && !m_bad; }
    bool failed() const { return m_bad; }
    void reset()
    {
        m_need = 0;
        m_lo = 0x80;
        m_hi = 0xBF;
        m_bad = false;
    }

    // The whole of `data` is valid UTF-8.
    static bool isValid(const char *data, qsizetype size)
    {
        Utf8Validator v;
        return v.feed(data, size) && v.complete();
    }

private:
    int m_need = 0;     // continuation bytes still expected
    uchar m_lo = 0x80;  // the range the next continuation byte must be in
    uchar m_hi = 0xBF;
    bool m_bad = false;
};

}  // namespace sb
