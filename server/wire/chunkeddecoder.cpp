#include "chunkeddecoder.h"

#include <utility>

namespace sb {

ChunkedDecoder::Result ChunkedDecoder::fail(const char *why)
{
    m_error = why;
    m_state = Finished;
    return Error;
}

std::optional<ChunkedDecoder::Result> ChunkedDecoder::sizeLineByte(char c)
{
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
                return fail("chunk size too long");
            m_chunkLeft = m_chunkLeft * 16 + v;
        } else if (m_sizeDigits == 0) {
            return fail("malformed chunk size");
        } else if (c == ';') {
            m_state = SizeExt;
        } else if (c == '\r') {
            m_state = SizeLf;
        } else {
            return fail("malformed chunk size");
        }
        return std::nullopt;
    }
    case SizeExt:
        if (c == '\r')
            m_state = SizeLf;
        else if (c == '\n')
            return fail("bare LF in chunk extension");
        if (++m_trailerBytes > 4096)
            return fail("chunk extension too long");
        return std::nullopt;
    default:  // SizeLf
        if (c != '\n')
            return fail("expected LF after chunk size");
        m_sizeDigits = 0;
        if (m_chunkLeft == 0) {
            m_state = Trailer;
        } else if (m_body.size() + m_chunkLeft > m_maxBody) {
            m_state = Finished;
            return TooLarge;
        } else {
            m_state = Data;
        }
        return std::nullopt;
    }
}

std::optional<ChunkedDecoder::Result> ChunkedDecoder::framingByte(char c)
{
    switch (m_state) {
    case DataCr:
        if (c != '\r')
            return fail("expected CRLF after chunk data");
        m_state = DataLf;
        return std::nullopt;
    case DataLf:
        if (c != '\n')
            return fail("expected CRLF after chunk data");
        m_state = Size;
        return std::nullopt;
    case Trailer:  // start of a trailer line, or the final CRLF
    case TrailerLine:
        if (m_state == Trailer)
            m_state = c == '\r' ? TrailerLf : TrailerLine;
        else if (c == '\n')
            m_state = Trailer;
        if (++m_trailerBytes > 8192)
            return fail("trailer too large");
        return std::nullopt;
    default:  // TrailerLf
        if (c != '\n')
            return fail("expected LF at end of chunked body");
        m_state = Finished;
        return Done;
    }
}

ChunkedDecoder::Result ChunkedDecoder::feed(QByteArrayView in, qsizetype &consumed)
{
    qsizetype i = 0;
    while (i < in.size() && m_state != Finished) {
        if (m_state == Data) {
            const qsizetype n = qMin<qsizetype>(in.size() - i, m_chunkLeft);
            m_body.append(in.sliced(i, n));
            i += n;
            m_chunkLeft -= n;
            if (m_chunkLeft == 0)
                m_state = DataCr;
            continue;
        }
        const bool sizeLine = m_state == Size || m_state == SizeExt || m_state == SizeLf;
        const std::optional<Result> r = sizeLine ? sizeLineByte(in[i]) : framingByte(in[i]);
        if (r && *r == Error) {
            consumed = i;  // not the byte that broke it
            return Error;
        }
        ++i;
        if (r) {
            consumed = i;
            return *r;
        }
    }
    consumed = i;
    return m_state == Finished ? Done : NeedMore;
}

}  // namespace sb
