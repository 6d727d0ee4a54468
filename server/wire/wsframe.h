#pragma once
// Server-to-client WebSocket frames (RFC 6455 §5.2), written by us instead of QWebSocket on
// the send path. A server never masks, so a frame is the same bytes for every recipient:
// fan-out builds it once. Messages are sent as one final frame.

#include <QByteArray>
#include <QByteArrayView>

namespace sb::wsframe {

enum Opcode : quint8 { Text = 0x1, Binary = 0x2 };

// The longest header: 2 bytes, then a 64-bit length.
constexpr int kMaxHeader = 10;

// Size of the header for a payload of `payloadSize` bytes.
constexpr int headerSize(quint64 payloadSize)
{
    return payloadSize <= 125 ? 2 : payloadSize <= 0xFFFF ? 4 : 10;
}

// Writes the header of an unmasked final frame to `out` (headerSize(payloadSize) bytes).
void writeHeader(char *out, Opcode opcode, quint64 payloadSize);

// A whole frame: header and payload.
QByteArray frame(Opcode opcode, QByteArrayView payload);

}  // namespace sb::wsframe
