#include "rawws.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSslSocket>

namespace sbtest {

RawWs::RawWs(quint16 port, const QByteArray &path, const QByteArray &extraHeaders, bool tls)
{
    if (tls) {
        auto *ssl = new QSslSocket;
        ssl->setPeerVerifyMode(QSslSocket::VerifyNone);
        m_socket.reset(ssl);
        ssl->connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
        if (!ssl->waitForEncrypted(5000))
            return;
    } else {
        m_socket = std::make_unique<QTcpSocket>();
        m_socket->connectToHost(QStringLiteral("127.0.0.1"), port);
        if (!m_socket->waitForConnected(5000))
            return;
    }
    m_socket->write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n");
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 5000 && !m_buffer.contains("\r\n\r\n")) {
        if (m_socket->waitForReadyRead(100))
            m_buffer += m_socket->readAll();
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            break;
    }
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return;
    m_response = m_buffer.left(end + 4);
    m_buffer.remove(0, end + 4);
    m_ok = m_response.startsWith("HTTP/1.1 101");
}

void RawWs::send(const RawFrame &f, bool mask)
{
    m_socket->write(encode(f, mask));
    m_socket->flush();
}

void RawWs::sendAll(const QList<RawFrame> &frames)
{
    QByteArray all;
    for (const RawFrame &f : frames)
        all += encode(f);
    m_socket->write(all);
    m_socket->flush();
}

QByteArray RawWs::encode(const RawFrame &f, bool mask)
{
    QByteArray out;
    out.append(char((f.fin ? 0x80 : 0) | ((f.rsv & 7) << 4) | (f.opcode & 0x0f)));
    const quint64 n = quint64(f.payload.size());
    const char maskBit = mask ? char(0x80) : char(0);
    if (n < 126) {
        out.append(char(maskBit | char(n)));
    } else if (n < 65536) {
        out.append(char(maskBit | 126));
        out.append(char(n >> 8));
        out.append(char(n & 0xff));
    } else {
        out.append(char(maskBit | 127));
        for (int i = 7; i >= 0; --i)
            out.append(char((n >> (8 * i)) & 0xff));
    }
    QByteArray payload = f.payload;
    if (mask) {
        const quint32 key = QRandomGenerator::global()->generate();
        const char k[4] = {char(key >> 24), char(key >> 16), char(key >> 8), char(key)};
        out.append(k, 4);
        for (qsizetype i = 0; i < payload.size(); ++i)
            payload[i] = char(payload[i] ^ k[i % 4]);
    }
    out.append(payload);
    return out;
}

bool RawWs::read(RawFrame *frame, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    for (;;) {
        if (m_buffer.size() >= 2) {
            const quint8 b0 = quint8(m_buffer[0]);
            const quint8 b1 = quint8(m_buffer[1]);
            quint64 len = b1 & 0x7f;
            qsizetype pos = 2;
            if (len == 126 && m_buffer.size() >= 4) {
                len = (quint64(quint8(m_buffer[2])) << 8) | quint8(m_buffer[3]);
                pos = 4;
            } else if (len == 127 && m_buffer.size() >= 10) {
                len = 0;
                for (int i = 0; i < 8; ++i)
                    len = (len << 8) | quint8(m_buffer[2 + i]);
                pos = 10;
            } else if (len >= 126) {
                pos = -1;
            }
            const bool masked = b1 & 0x80;
            if (pos > 0 && masked)
                pos += 4;
            if (pos > 0 && quint64(m_buffer.size() - pos) >= len) {
                frame->fin = b0 & 0x80;
                frame->rsv = (b0 >> 4) & 7;
                frame->opcode = b0 & 0x0f;
                frame->masked = masked;
                frame->payload = m_buffer.mid(pos, qsizetype(len));
                if (masked) {
                    for (qsizetype i = 0; i < frame->payload.size(); ++i)
                        frame->payload[i] = char(frame->payload[i] ^ m_buffer[pos - 4 + (i % 4)]);
                }
                m_buffer.remove(0, pos + qsizetype(len));
                return true;
            }
        }
        if (t.elapsed() > timeoutMs)
            return false;
        if (m_socket->state() != QAbstractSocket::ConnectedState && m_socket->bytesAvailable() == 0)
            return false;
        if (m_socket->waitForReadyRead(50) || m_socket->bytesAvailable())
            m_buffer += m_socket->readAll();
    }
}

int RawWs::readClose(int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    RawFrame f;
    while (t.elapsed() < timeoutMs) {
        if (!read(&f, int(timeoutMs - t.elapsed())))
            return m_socket->state() == QAbstractSocket::ConnectedState ? 0 : -1;
        if (f.opcode == 8) {
            if (f.payload.size() < 2)
                return 1005;
            return (quint8(f.payload[0]) << 8) | quint8(f.payload[1]);
        }
    }
    return 0;
}

bool RawWs::waitDisconnected(int timeoutMs)
{
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        return true;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        m_socket->waitForReadyRead(50);
        m_buffer += m_socket->readAll();
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            return true;
    }
    return false;
}

}  // namespace sbtest
