#include "chunkeddecoder.h"

#include <utility>

namespace sb {

ChunkedDecoder::Result ChunkedDecoder::fail(const char *why)
{
    m_error = why;
    m_state = Finished;
    return Error;
}

ChunkedDecoder::Result ChunkedDecoder::feed(QByteArrayView in, qsizetype &consumed)
{
    qsizetype i = 0;
    auto done = [&](Result r) {
        consumed = i;
        return r;
    };
    while (i < in.size()) {
        const char c = in[i];
        switch (m_state) {
        case Size: {
            int v = -1;
            if (c >= '0' && c <= '9')
                v = c - '0';
            else if (c >= 'a' && c <= 'f')
                v = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F')
                v = c - 'A' + 10;
            if (v >= 0) {
                if (++m_sizeDigits > 15)
                    return done(fail("chunk size too long"));
                m_chunkLeft = m_chunkLeft * 16 + v;
                ++i;
            } else if (m_sizeDigits == 0) {
                return done(fail("malformed chunk size"));
            } else if (c == ';') {
                m_state = SizeExt;
                ++i;
            } else if (c == '\r') {
                m_state = SizeLf;
                ++i;
            } else {
                return done(fail("malformed chunk size"));
            }
            break;
        }
        case SizeExt:
            if (c == '\r')
                m_state = SizeLf;
            else if (c == '\n')
                return done(fail("bare LF in chunk extension"));
            if (++m_trailerBytes > 4096)
                return done(fail("chunk extension too long"));
            ++i;
            break;
        case SizeLf:
            if (c != '\n')
                return done(fail("expected LF after chunk size"));
            ++i;
            m_sizeDigits = 0;
            if (m_chunkLeft == 0) {
                m_state = Trailer;
            } else {
                if (m_body.size() + m_chunkLeft > m_maxBody) {
                    consumed = i;
                    m_state = Finished;
                    return TooLarge;
                }
                m_state = Data;
            }
            break;
        case Data: {
            const qsizetype n = qMin<qsizetype>(in.size() - i, m_chunkLeft);
            m_body.append(in.sliced(i, n));
            i += n;
            m_chunkLeft -= n;
            if (m_chunkLeft == 0)
                m_state = DataCr;
            break;
        }
        case DataCr:
            if (c != '\r')
                return done(fail("expected CRLF after chunk data"));
            m_state = DataLf;
            ++i;
            break;
        case DataLf:
            if (c != '\n')
                return done(fail("expected CRLF after chunk data"));
            m_state = Size;
            ++i;
            break;
        case Trailer:  // start of a trailer line, or the final CRLF
            if (c == '\r') {
                m_state = TrailerLf;
            } else {
                m_state = TrailerLine;
            }
            if (++m_trailerBytes > 8192)
                return done(fail("trailer too large"));
            ++i;
            break;
        case TrailerLine:
            if (c == '\n')
                m_state = Trailer;
            if (++m_trailerBytes > 8192)
                return done(fail("trailer too large"));
            ++i;
            break;
        case TrailerLf:
            if (c != '\n')
                return done(fail("expected LF at end of chunked body"));
            ++i;
            m_state = Finished;
            return done(Done);
        case Finished:
            return done(Done);
        }
    }
    return done(m_state == Finished ? Done : NeedMore);
}

}  // namespace sb
