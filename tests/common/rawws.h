#pragma once
// A deliberately dumb WebSocket client over a raw QTcpSocket, for framing edge cases that
// well-behaved clients (QWebSocket, browsers) never send. Blocking; test thread only.

#include <QByteArray>
#include <QTcpSocket>

#include <memory>

namespace sbtest {

struct RawFrame {
    bool fin = true;
    int rsv = 0;      // 3 bits
    int opcode = 1;
    QByteArray payload;
    bool masked = false;  // as read: a server must never mask (RFC 6455 §5.1)
};

class RawWs
{
public:
    // Connects and completes the handshake on `path`; ok() tells whether 101 came back.
    // With `tls`, over TLS (any certificate accepted): raw frames over wss://.
    RawWs(quint16 port, const QByteArray &path, const QByteArray &extraHeaders = {}, bool tls = false);
    bool ok() const { return m_ok; }
    QByteArray handshakeResponse() const { return m_response; }

    void send(const RawFrame &frame, bool mask = true);
    void sendText(const QByteArray &utf8) { send({true, 0, 1, utf8}); }
    // Several frames in one write, so they reach the server together.
    void sendAll(const QList<RawFrame> &frames);
    static QByteArray encode(const RawFrame &frame, bool mask = true);
    // Reads the next frame; false on timeout or when the connection closed first.
    bool read(RawFrame *frame, int timeoutMs = 5000);
    // Reads frames until a close frame; returns its code (0 if none, -1 if the TCP
    // connection ended without one).
    int readClose(int timeoutMs = 5000);
    bool waitDisconnected(int timeoutMs = 5000);
    QTcpSocket &socket() { return *m_socket; }

private:
    std::unique_ptr<QTcpSocket> m_socket;
    QByteArray m_buffer;
    QByteArray m_response;
    bool m_ok = false;
};

}  // namespace sbtest
