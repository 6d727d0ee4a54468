// WsSession's output: frames written to the socket, and the bound on what waits there for a
// peer (back-pressure, slow consumers). The class is declared in wssession.h; reading,
// closing and the heartbeat are in wssession.cpp.
#include "wssession.h"

#include "logging.h"
#include "telemetry/counters.h"
#include "worker.h"

#include <QDateTime>
#include <QStringEncoder>
#include <QVarLengthArray>
#include <QtEndian>

#include <utility>

namespace sb {

// ---- back-pressure ---------------------------------------------------------------------

qint64 WsSession::queuedBytes() const
{
    return m_transport ? m_transport->bytesToWrite() + m_deferred.size() : 0;
}

void WsSession::checkPause()
{
    if (m_paused || !m_transport)
        return;
    const qint64 queued = queuedBytes();
    m_peakHeld = qMax(m_peakHeld, queued);
    if (queued < m_ctx.limits.sendQueueBytes / 4)
        return;
    // The peer is not taking what it asked for: read nothing more from it until it does.
    m_paused = true;
    connect(m_transport, &Stream::bytesWritten, this, &WsSession::onDrained);
}

void WsSession::onDrained()
{
    if (!m_paused || queuedBytes() > m_ctx.limits.sendQueueBytes / 8)
        return;
    m_paused = false;
    if (m_transport)
        disconnect(m_transport, &Stream::bytesWritten, this, &WsSession::onDrained);
    // Not from inside the socket's signal: what the peer sent meanwhile is read next turn.
    QMetaObject::invokeMethod(this, &WsSession::onReadyRead, Qt::QueuedConnection);
}

bool WsSession::makeRoom(qsizetype size)
{
    const qint64 queued = queuedBytes();
    if (queued == 0 || queued + size <= m_ctx.limits.sendQueueBytes) {
        m_peakHeld = qMax(m_peakHeld, queued + size);
        return true;
    }
    slowConsumer(LimitKind::SendQueue);
    return false;
}

void WsSession::slowConsumer(LimitKind why)
{
    if (m_closing)
        return;
    const LimitReaction r = limitReaction(why);
    ServiceCounters::add(m_counters.slowConsumers);
    ServiceCounters::add(m_counters.limitHits);
    ++m_limitHits;
    qCInfo(lcNet) << "connection" << m_ctx.id << "closed:" << r.reason << "(" << queuedBytes() << "bytes queued)";
    // The close frame waits behind what the peer did not read; it is not waited for.
    m_closing = true;
    writeClose(r.closeCode, QString::fromLatin1(r.reason));
    m_closeReceived = true;
    finishClosing();
}

// ---- writing ---------------------------------------------------------------------------

bool WsSession::canWrite() const
{
    return !m_closing && m_transport && m_transport->isConnected();
}

// How this session's output leaves, in order:
// - deliveries (from other connections, several per turn) to a plain socket with nothing
//   queued, on the epoll dispatcher: gathered until the turn ends, then one send()
//   (flushDeferred);
// - everything else goes to the stream: a plain one sends at once what nothing queued is
//   ahead of (an answer to the message being handled leaves while its bytes are hot) and
//   queues what the kernel does not take; a TLS one encrypts and queues.
// Once something is gathered, all that follows this turn is gathered behind it.
bool WsSession::deferring()
{
    if (!m_deferred.isEmpty())
        return true;
    if (m_answering || !m_dispatcher || m_transport->bytesToWrite() > 0)  // (a dispatcher: a plain socket)
        return false;
    m_ctx.worker->deferFlush(this);
    return true;
}

void WsSession::transmit(const char *data, qsizetype size)
{
    m_wireOut += size;
    if (deferring()) {
        m_deferred.append(data, size);
        return;
    }
    m_transport->write(data, size);
}

void WsSession::transmitShared(const QByteArray &bytes)
{
    m_wireOut += bytes.size();
    if (deferring()) {
        m_deferred.append(bytes);  // shares `bytes` when nothing else is gathered yet
        return;
    }
    // What has to wait in the stream's queue waits there as `bytes` itself: a payload shared
    // by many recipients is not copied once per recipient.
    m_transport->write(bytes);
}

void WsSession::flushDeferred()
{
    if (m_deferred.isEmpty())
        return;
    const QByteArray out = std::exchange(m_deferred, QByteArray());
    if (!m_transport || !m_transport->isConnected())
        return;
    m_transport->write(out);
    checkPause();
}

void WsSession::writeControl(Control opcode, QByteArrayView payload)
{
    if (!m_transport || !m_transport->isConnected())
        return;
    if (opcode != Control::Close)  // (writeClose captures its close in words)
        captureControl(CaptureRecord::Out, opcode == Control::Ping ? CaptureRecord::Ping : CaptureRecord::Pong, payload);
    char frame[2 + 125];
    frame[0] = char(0x80 | quint8(opcode));
    frame[1] = char(payload.size());
    if (!payload.isEmpty())
        memcpy(frame + 2, payload.data(), size_t(payload.size()));
    transmit(frame, 2 + payload.size());
}

void WsSession::writeClose(int code, const QString &reason)
{
    char payload[125] = {};  // (zeroed: GCC -O2 cannot see that no byte is read unwritten)
    qsizetype size = 0;
    if (code) {
        qToBigEndian<quint16>(quint16(code), payload);
        QByteArray r = reason.toUtf8();
        // At most 123 bytes of reason (RFC 6455 §5.5), cut at a character boundary.
        qsizetype n = qMin<qsizetype>(r.size(), 123);
        if (n < r.size()) {
            while (n > 0 && (uchar(r[n]) & 0xC0) == 0x80)
                --n;
        }
        memcpy(payload + 2, r.constData(), size_t(n));
        size = 2 + n;
    }
    captureControl(CaptureRecord::Out, CaptureRecord::Close, QByteArray::number(code ? code : 1005) + ' ' + QByteArrayView(payload + 2, qMax<qsizetype>(0, size - 2)).toByteArray());
    writeControl(Control::Close, QByteArrayView(payload, size));
    m_closeDeadlineMs = QDateTime::currentMSecsSinceEpoch() + kCloseTimeoutMs;
}

void WsSession::finishClosing()
{
    // Both close frames are exchanged (or no reply is awaited): the server ends the TCP
    // connection (RFC 6455 §7.1.1) once what is queued has gone. A peer that does not take it
    // is dropped at the close deadline.
    m_closeDeadlineMs = QDateTime::currentMSecsSinceEpoch() + kCloseTimeoutMs;
    flushDeferred();  // what was gathered goes before the end
    if (m_transport && m_transport->isConnected())
        m_transport->disconnectFromHost();
}

void WsSession::noteSent(wsframe::Opcode opcode, QByteArrayView payload, qint64 size)
{
    ServiceCounters::add(m_counters.messagesOut);
    ServiceCounters::add(m_counters.bytesOut, size);
    ++m_msgOut;
    m_bytesOut += size;
    if (m_counters.capture.load(std::memory_order_relaxed))
        capture(CaptureRecord::Out, opcode == wsframe::Text ? CaptureRecord::Text : CaptureRecord::Binary,
                payload, size);
}

void WsSession::captureControl(CaptureRecord::Direction direction, CaptureRecord::Kind kind, QByteArrayView data)
{
    // Pings, pongs and closes as rows of their own (a close as "code reason").
    if (m_counters.capture.load(std::memory_order_relaxed))
        capture(direction, kind, data, data.size());
}

void WsSession::capture(CaptureRecord::Direction direction, CaptureRecord::Kind kind, QByteArrayView data, qint64 size)
{
    if (!m_ctx.captureRing)
        return;
    m_ctx.captureRing->add(m_ctx.service, m_ctx.id, QDateTime::currentMSecsSinceEpoch(), direction, kind, size, data);  // masked and cut there
}

void WsSession::sendText(const QString &message)
{
    if (!canWrite())
        return;
    QStringEncoder utf8(QStringEncoder::Utf8);
    const qsizetype most = utf8.requiredSpace(message.size());
    if (most > kStackFrame) {
        const QByteArray bytes = message.toUtf8();
        if (makeRoom(wsframe::kMaxHeader + bytes.size()))
            writeDirect(wsframe::Text, bytes);
        return;
    }
    // Encode behind the longest header, then put the real header right before the payload.
    QVarLengthArray<char, wsframe::kMaxHeader + kStackFrame> buffer(wsframe::kMaxHeader + most);
    char *payload = buffer.data() + wsframe::kMaxHeader;
    const qsizetype size = utf8.appendToBuffer(payload, message) - payload;
    const int header = wsframe::headerSize(quint64(size));
    if (!makeRoom(header + size))
        return;
    wsframe::writeHeader(payload - header, wsframe::Text, quint64(size));
    transmit(payload - header, header + size);
    noteSent(wsframe::Text, QByteArrayView(payload, size), size);
}

void WsSession::writeDirect(wsframe::Opcode opcode, QByteArrayView payload)
{
    const int header = wsframe::headerSize(quint64(payload.size()));
    if (payload.size() <= kStackFrame) {
        char buffer[wsframe::kMaxHeader + kStackFrame];
        wsframe::writeHeader(buffer, opcode, quint64(payload.size()));
        if (!payload.isEmpty())
            memcpy(buffer + header, payload.data(), size_t(payload.size()));
        transmit(buffer, header + payload.size());
    } else {
        char buffer[wsframe::kMaxHeader];
        wsframe::writeHeader(buffer, opcode, quint64(payload.size()));
        transmit(buffer, header);
        transmit(payload.data(), payload.size());
    }
    noteSent(opcode, payload, payload.size());
}

void WsSession::writeShared(wsframe::Opcode opcode, const QByteArray &payload)
{
    if (payload.size() <= kStackFrame) {
        writeDirect(opcode, payload);
        return;
    }
    char buffer[wsframe::kMaxHeader];
    const int header = wsframe::headerSize(quint64(payload.size()));
    wsframe::writeHeader(buffer, opcode, quint64(payload.size()));
    transmit(buffer, header);
    transmitShared(payload);
    noteSent(opcode, payload, payload.size());
}

void WsSession::sendUtf8(const QByteArray &utf8)
{
    if (canWrite() && makeRoom(wsframe::headerSize(quint64(utf8.size())) + utf8.size()))
        writeShared(wsframe::Text, utf8);
}

void WsSession::sendUtf8(const QByteArray &head, QByteArrayView tail)
{
    const qsizetype size = head.size() + tail.size();
    const int header = wsframe::headerSize(quint64(size));
    if (!canWrite() || !makeRoom(header + size))
        return;
    char buffer[wsframe::kMaxHeader + kStackFrame];
    wsframe::writeHeader(buffer, wsframe::Text, quint64(size));
    if (size <= kStackFrame) {
        memcpy(buffer + header, head.data(), size_t(head.size()));
        memcpy(buffer + header + head.size(), tail.data(), size_t(tail.size()));
        transmit(buffer, header + size);
        noteSent(wsframe::Text, QByteArrayView(buffer + header, size), size);
        return;
    }
    transmit(buffer, header);
    transmitShared(head);
    transmit(tail.data(), tail.size());
    noteSent(wsframe::Text, head, size);  // the capture keeps the start of it
}

void WsSession::sendBinary(const QByteArray &message)
{
    if (canWrite() && makeRoom(wsframe::headerSize(quint64(message.size())) + message.size()))
        writeShared(wsframe::Binary, message);
}

void WsSession::sendFrame(const QByteArray &frame, wsframe::Opcode opcode, qsizetype payloadSize)
{
    if (!canWrite() || !makeRoom(frame.size()))
        return;
    transmitShared(frame);
    noteSent(opcode, QByteArrayView(frame).last(payloadSize), payloadSize);
}

}  // namespace sb
