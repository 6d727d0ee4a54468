#pragma once
// Incremental decoder for HTTP/1.1 chunked bodies (RFC 9112 §7.1). Pure, any thread.

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace sb {

class ChunkedDecoder final
{
public:
    enum Result { NeedMore, Done, Error, TooLarge };

    explicit ChunkedDecoder(qint64 maxBody) : m_maxBody(maxBody) {}

    // Consumes bytes from `in`; sets `consumed` to how many were used. Decoded body bytes
    // are appended to body(). After Done, bytes past the end belong to the next request.
    Result feed(QByteArrayView in, qsizetype &consumed);
    const QByteArray &body() const { return m_body; }
    QByteArray takeBody() { return std::exchange(m_body, {}); }
    const char *error() const { return m_error; }

private:
    enum State { Size, SizeExt, SizeLf, Data, DataCr, DataLf, Trailer, TrailerLf, TrailerLine, Finished };
    Result fail(const char *why);
    // One byte outside chunk data: of a size line, or of the CRLF after data, or of the
    // trailer. nullopt: go on with the next byte.
    std::optional<Result> sizeLineByte(char c);
    std::optional<Result> framingByte(char c);

    qint64 m_maxBody;
    State m_state = Size;
    qint64 m_chunkLeft = 0;
    int m_sizeDigits = 0;
    int m_trailerBytes = 0;
    QByteArray m_body;
    const char *m_error = "";
};

}  // namespace sb
