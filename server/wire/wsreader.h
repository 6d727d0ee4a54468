#pragma once
// Client-to-server WebSocket frames (RFC 6455 §5), parsed by us rather than by QWebSocket:
// every frame is checked as the RFC says — masked (§5.1), no reserved bits or opcodes
// (§5.2), control frames final and at most 125 bytes (§5.5), continuations only inside a
// fragmented message (§5.4), text valid UTF-8 across fragments (§5.6, §8.1), close codes and
// reasons valid (§7.4) — and the frame and message size limits are applied from the header,
// before the payload arrives. Control frames reach the session one by one, so pings count in
// the message rate and nothing is taken from a connection after its close.
//
// Pure parsing over a caller's buffer (no sockets, no Qt event loop): unit tested and fuzzed
// on its own (tests/unit/tst_wsreader.cpp, tests/fuzz/fuzz_wsframes.cpp). Plain value type
// used by one session on its worker thread.

#include "utf8validator.h"

#include <QByteArray>
#include <QByteArrayView>

namespace sb {

struct WsEvent {
    enum Type {
        NeedMore,  // no whole frame in the buffer yet (nothing was consumed)
        Frame,     // a fragment of a message was taken in; nothing to deliver yet
        Text,      // a whole text message (valid UTF-8) in `payload`
        Binary,    // a whole binary message in `payload`
        Ping,      // `payload`: the ping's application data (to echo in the pong)
        Pong,
        Close,     // the peer's close: `code` (1005 when it sent none), `payload` the reason
        Fail,      // the peer broke the protocol: close with `code`, `reason` says why
    };
    Type type = NeedMore;
    QByteArrayView payload;  // valid until the next call to next() or until the buffer changes
    int code = 0;
    const char *reason = nullptr;
};

class WsReader final
{
public:
    WsReader(qint64 maxFrameBytes, qint64 maxMessageBytes) : m_maxFrame(maxFrameBytes), m_maxMessage(maxMessageBytes) {}

    // Parses the frame at the start of data[0, size): unmasks its payload in place and
    // returns the bytes it took (0 with NeedMore). After a Fail every call fails again.
    qsizetype next(char *data, qsizetype size, WsEvent &event);
    // While NeedMore: the size of the frame being waited for (header and payload) once its
    // header has arrived, else 0. Lets the caller read exactly that much.
    qint64 pendingFrameSize() const { return m_pending; }
    // A message is partly received (its first fragments).
    bool inMessage() const { return m_inMessage; }
    // Memory this reader holds for a fragmented message.
    qsizetype bufferedBytes() const { return m_fragments.capacity(); }

    // Whether a close code may appear in a Close frame on the wire (RFC 6455 §7.4).
    static bool isValidCloseCode(int code);

private:
    qsizetype fail(WsEvent &event, int code, const char *reason);
    // Why the frame that starts so breaks RFC 6455 (close code 1002), or nullptr.
    const char *protocolError(bool fin, quint8 opcode, bool masked, quint64 length) const;
    // A whole, unmasked frame of `total` bytes: ping, pong or close ...
    qsizetype controlFrame(quint8 opcode, QByteArrayView bytes, qsizetype total, WsEvent &event);
    // ... or text, binary or continuation.
    qsizetype dataFrame(bool fin, quint8 opcode, QByteArrayView bytes, qsizetype total, WsEvent &event);

    qint64 m_maxFrame;
    qint64 m_maxMessage;
    qint64 m_pending = 0;
    QByteArray m_fragments;  // the fragments of the message in progress
    Utf8Validator m_utf8;
    bool m_inMessage = false;
    bool m_textMessage = false;
    bool m_releaseFragments = false;  // the last event pointed into m_fragments
    bool m_failed = false;
    int m_failCode = 0;
    const char *m_failReason = nullptr;
};

}  // namespace sb
