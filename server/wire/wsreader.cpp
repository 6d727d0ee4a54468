#include "wsreader.h"

#include <QtEndian>

#include <cstring>

namespace sb {

namespace {

enum : quint8 { OpContinuation = 0x0, OpText = 0x1, OpBinary = 0x2, OpClose = 0x8, OpPing = 0x9, OpPong = 0xA };

// XOR with the 4-byte key, eight bytes at a time.
void unmask(char *data, qsizetype size, const uchar key[4])
{
    quint64 wide;
    uchar k8[8];
    for (int i = 0; i < 8; ++i)
        k8[i] = key[i & 3];
    std::memcpy(&wide, k8, 8);
    qsizetype i = 0;
    for (; i + 8 <= size; i += 8) {
        quint64 v;
        std::memcpy(&v, data + i, 8);
        v ^= wide;
        std::memcpy(data + i, &v, 8);
    }
    for (; i < size; ++i)
        data[i] = char(uchar(data[i]) ^ key[i & 3]);
}

}  // namespace

bool WsReader::isValidCloseCode(int code)
{
    // 1004-1006 and 1015 are reserved and never sent; 1016-2999 are unassigned; 3000-4999
    // are for libraries and applications.
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

qsizetype WsReader::fail(WsEvent &event, int code, const char *reason)
{
    m_failed = true;
    m_failCode = code;
    m_failReason = reason;
    m_pending = 0;
    event.type = WsEvent::Fail;
    event.code = code;
    event.reason = reason;
    event.payload = {};
    return 0;
}

const char *WsReader::protocolError(bool fin, quint8 opcode, bool masked, quint64 length) const
{
    const bool control = opcode & 0x8;
    if (opcode != OpContinuation && opcode != OpText && opcode != OpBinary && opcode != OpClose && opcode != OpPing
        && opcode != OpPong)
        return "unknown opcode";
    if (!masked)
        return "client frames must be masked";
    if (control && !fin)
        return "fragmented control frame";
    if (control && length > 125)
        return "control frame payload over 125 bytes";
    if (opcode == OpContinuation && !m_inMessage)
        return "continuation frame without a message to continue";
    if ((opcode == OpText || opcode == OpBinary) && m_inMessage)
        return "new message before the fragmented one ended";
    return nullptr;
}

qsizetype WsReader::controlFrame(quint8 opcode, QByteArrayView bytes, qsizetype total, WsEvent &event)
{
    if (opcode == OpPing) {
        event.type = WsEvent::Ping;
        event.payload = bytes;
    } else if (opcode == OpPong) {
        event.type = WsEvent::Pong;
        event.payload = bytes;
    } else {
        if (bytes.size() == 1)
            return fail(event, 1002, "close frame with a one-byte payload");
        event.type = WsEvent::Close;
        event.code = 1005;
        if (bytes.size() >= 2) {
            event.code = qFromBigEndian<quint16>(bytes.data());
            if (!isValidCloseCode(event.code))
                return fail(event, 1002, "invalid close code");
            event.payload = bytes.sliced(2);
            if (!Utf8Validator::isValid(event.payload.data(), event.payload.size()))
                return fail(event, 1007, "close reason is not valid UTF-8");
        }
    }
    return total;
}

qsizetype WsReader::dataFrame(bool fin, quint8 opcode, QByteArrayView bytes, qsizetype total, WsEvent &event)
{
    const bool text = opcode == OpText || (opcode == OpContinuation && m_textMessage);
    if (opcode != OpContinuation) {
        m_textMessage = opcode == OpText;
        m_utf8.reset();
    }
    if (text && !m_utf8.feed(bytes.data(), bytes.size()))
        return fail(event, 1007, "text message is not valid UTF-8");
    if (fin && !m_inMessage) {
        // The common case, a message in one frame: delivered from the caller's buffer.
        if (text && !m_utf8.complete())
            return fail(event, 1007, "text message is not valid UTF-8");
        event.type = text ? WsEvent::Text : WsEvent::Binary;
        event.payload = bytes;
        return total;
    }
    m_fragments.append(bytes.data(), bytes.size());
    m_inMessage = !fin;
    if (!fin) {
        event.type = WsEvent::Frame;
        return total;
    }
    if (text && !m_utf8.complete())
        return fail(event, 1007, "text message is not valid UTF-8");
    event.type = text ? WsEvent::Text : WsEvent::Binary;
    event.payload = QByteArrayView(m_fragments);
    m_releaseFragments = true;
    return total;
}

qsizetype WsReader::next(char *data, qsizetype size, WsEvent &event)
{
    event = WsEvent{};
    if (m_failed)
        return fail(event, m_failCode, m_failReason);
    if (m_releaseFragments) {
        m_releaseFragments = false;
        // Keep a small buffer for the next fragmented message, give a big one back.
        if (m_fragments.capacity() > 64 * 1024)
            m_fragments = QByteArray();
        else
            m_fragments.resize(0);
    }
    if (size < 2)
        return 0;
    const auto *p = reinterpret_cast<const uchar *>(data);
    const bool fin = p[0] & 0x80;
    const quint8 opcode = p[0] & 0x0F;
    quint64 length = p[1] & 0x7F;
    qsizetype header = 2;

    // What can be judged from the first two bytes is judged before waiting for more.
    if (p[0] & 0x70)
        return fail(event, 1002, "reserved bits set without a negotiated extension");
    if (const char *error = protocolError(fin, opcode, p[1] & 0x80, length))
        return fail(event, 1002, error);

    if (length == 126) {
        if (size < 4)
            return 0;
        length = qFromBigEndian<quint16>(p + 2);
        header = 4;
    } else if (length == 127) {
        if (size < 10)
            return 0;
        length = qFromBigEndian<quint64>(p + 2);
        header = 10;
        if (length >> 63)
            return fail(event, 1002, "frame length with the most significant bit set");
    }
    if (qint64(length) > m_maxFrame)
        return fail(event, 1009, "frame too large");
    const bool control = opcode & 0x8;
    if (!control && (m_inMessage ? m_fragments.size() : 0) + qint64(length) > m_maxMessage)
        return fail(event, 1009, "message too large");
    header += 4;  // the masking key
    const qint64 total = header + qint64(length);
    if (size < total) {
        m_pending = total;
        return 0;
    }
    m_pending = 0;
    uchar key[4];
    std::memcpy(key, p + header - 4, 4);
    char *payload = data + header;
    unmask(payload, qsizetype(length), key);
    const QByteArrayView bytes(payload, qsizetype(length));
    return control ? controlFrame(opcode, bytes, total, event) : dataFrame(fin, opcode, bytes, total, event);
}

}  // namespace sb
