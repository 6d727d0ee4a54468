#include "utf8validator.h"

#include <cstring>

namespace sb {

bool Utf8Validator::feed(const char *data, qsizetype size)
{
    if (m_bad)
        return false;
    const auto *p = reinterpret_cast<const uchar *>(data);
    const uchar *end = p + size;
    while (p < end) {
        if (m_need == 0) {
            // ASCII runs eight bytes at a time: most protocol text is JSON.
            while (end - p >= 8) {
                quint64 word;
                std::memcpy(&word, p, 8);
                if (word & 0x8080808080808080ULL)
                    break;
                p += 8;
            }
            if (p == end)
                break;
            const uchar c = *p++;
            if (c < 0x80)
                continue;
            // The lead byte decides how many continuation bytes follow and, for the first of
            // them, a narrower range that rules out overlong forms, surrogates and values
            // above U+10FFFF.
            m_lo = 0x80;
            m_hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                m_need = 1;
            } else if (c == 0xE0) {
                m_need = 2;
                m_lo = 0xA0;
            } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
                m_need = 2;
            } else if (c == 0xED) {
                m_need = 2;
                m_hi = 0x9F;
            } else if (c == 0xF0) {
                m_need = 3;
                m_lo = 0x90;
            } else if (c >= 0xF1 && c <= 0xF3) {
                m_need = 3;
            } else if (c == 0xF4) {
                m_need = 3;
                m_hi = 0x8F;
            } else {
                m_bad = true;  // 0x80..0xC1 (continuation or overlong lead), 0xF5..0xFF
                return false;
            }
            continue;
        }
        const uchar c = *p++;
        if (c < m_lo || c > m_hi) {
            m_bad = true;
            return false;
        }
        m_lo = 0x80;
        m_hi = 0xBF;
        --m_need;
    }
    return true;
}

}  // namespace sb
