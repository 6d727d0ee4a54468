// PlainStream: a plain TCP connection served on its descriptor (see stream.h).
#include "stream.h"

#include <QPointer>
#include <QSocketNotifier>

#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sb {

namespace {
// One recv() takes at most this much; a read that fills it is followed by another.
constexpr qsizetype kReadChunk = 16 * 1024;
// Queued pieces handed to one sendmsg().
constexpr int kMaxIov = 16;

bool wouldBlock(int error)
{
    return error == EAGAIN || error == EWOULDBLOCK;
}
}  // namespace

PlainStream::PlainStream(int fd, const ClientAddress &peer, QObject *parent)
    : Stream(parent), m_fd(fd), m_peer(peer)
{
    m_readNotifier = new QSocketNotifier(qintptr(fd), QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &PlainStream::onReadable);
}

PlainStream::~PlainStream()
{
    // No signal from a destructor: the owner is going away.
    const QSignalBlocker quiet(this);
    closeNow();
}

// ---- reading ---------------------------------------------------------------------------

QByteArray Stream::read(qint64 max)
{
    QByteArray out(qsizetype(qMin(max, bytesAvailable())), Qt::Uninitialized);
    const qint64 n = out.isEmpty() ? 0 : read(out.data(), out.size());
    out.resize(qsizetype(qMax<qint64>(n, 0)));
    return out;
}

qint64 PlainStream::read(char *data, qint64 max)
{
    const qint64 n = qMin(max, bytesAvailable());
    if (n <= 0)
        return 0;
    memcpy(data, m_in.constData() + m_inPos, size_t(n));
    m_inPos += qsizetype(n);
    consumed();
    return n;
}

QByteArray PlainStream::peek(qint64 max) const
{
    return m_in.mid(m_inPos, qsizetype(qMin(max, bytesAvailable())));
}

void PlainStream::skip(qint64 n)
{
    m_inPos += qsizetype(qBound<qint64>(0, n, bytesAvailable()));
    consumed();
}

void PlainStream::consumed()
{
    if (m_inPos >= m_in.size()) {
        // All read: the buffer goes back to the heap (an idle connection holds none).
        m_in.clear();
        m_inPos = 0;
    }
    if (m_state == Connected && m_readNotifier && !m_readNotifier->isEnabled()
        && (!m_readLimit || bytesAvailable() < m_readLimit))
        m_readNotifier->setEnabled(true);
}

void PlainStream::setReadBufferSize(qint64 bytes)
{
    m_readLimit = qMax<qint64>(0, bytes);
    consumed();
}

void PlainStream::onReadable()
{
    if (m_state == Closed)
        return;
    qint64 got = 0;
    bool ended = false;
    for (;;) {
        qint64 room = kReadChunk;
        if (m_readLimit) {
            room = qMin(room, m_readLimit - bytesAvailable());
            if (room <= 0) {
                // Read ahead as far as allowed: the kernel keeps the rest, and TCP tells the
                // peer to wait, until the reader takes some (consumed()).
                m_readNotifier->setEnabled(false);
                break;
            }
        }
        char stack[kReadChunk];
        const ssize_t n = ::recv(m_fd, stack, size_t(room), MSG_DONTWAIT);
        if (n > 0) {
            if (m_inPos > 0 && m_inPos == m_in.size()) {
                m_in.clear();
                m_inPos = 0;
            }
            m_in.append(stack, qsizetype(n));
            got += n;
            if (n < room)
                break;  // the kernel had no more (an extra recv() would only say so)
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        // 0: the peer's end; an error other than "nothing yet": the connection is gone.
        ended = n == 0 || !wouldBlock(errno);
        break;
    }
    const QPointer<PlainStream> alive(this);
    if (got > 0 && !m_inReadyRead) {
        m_inReadyRead = true;
        emit readyRead();
        if (!alive)
            return;
        m_inReadyRead = false;
    }
    if (ended) {
        // As QAbstractSocket: what the peer sent before its end stays readable; what is
        // queued for it is dropped (it will not read it).
        closeNow();
    }
}

// ---- writing ---------------------------------------------------------------------------

qint64 PlainStream::sendStraight(const char *data, qint64 size)
{
    if (m_outBytes > 0 || m_holding)
        return 0;  // behind what is queued (or held)
    ssize_t n;
    do
        n = ::send(m_fd, data, size_t(size), MSG_NOSIGNAL | MSG_DONTWAIT);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return wouldBlock(errno) ? 0 : -1;
    return n;
}

void PlainStream::queued(qint64 bytes)
{
    m_outBytes += bytes;
    if (!m_holding)
        wantWritable(true);
}

void PlainStream::write(const char *data, qint64 size)
{
    if (m_state != Connected || size <= 0)
        return;
    const qint64 sent = sendStraight(data, size);  // nothing queued: straight, no copy
    if (sent < 0)
        return failLater();
    if (sent == size)
        return;
    m_out.append(QByteArray(data + sent, qsizetype(size - sent)));
    queued(size - sent);
}

void PlainStream::write(const QByteArray &bytes)
{
    if (m_state != Connected || bytes.isEmpty())
        return;
    const qint64 sent = sendStraight(bytes.constData(), bytes.size());
    if (sent < 0)
        return failLater();
    if (sent == bytes.size())
        return;
    m_out.append(bytes);  // shared, not copied: a payload sent to many is queued once
    if (sent > 0)
        m_outPos = qsizetype(sent);  // (the queue was empty: this is its first piece)
    queued(bytes.size() - sent);
}

void PlainStream::releaseOutput()
{
    if (!m_holding)
        return;
    m_holding = false;
    if (m_fd < 0 || m_outBytes == 0)
        return;
    if (!sendQueued())
        return failLater();
    if (m_outBytes > 0) {
        wantWritable(true);
        return;
    }
    m_out.clear();
    if (m_state == Closing)
        closeNow();  // a graceful close asked for while held
}

void PlainStream::dropSent(qint64 n)
{
    m_outBytes -= n;
    while (n > 0) {
        const qsizetype left = m_out.first().size() - m_outPos;
        if (n < left) {
            m_outPos += qsizetype(n);
            return;
        }
        n -= left;
        m_out.removeFirst();
        m_outPos = 0;
    }
}

bool PlainStream::sendQueued()
{
    while (m_outBytes > 0) {
        iovec iov[kMaxIov];
        int count = 0;
        for (qsizetype i = 0; i < m_out.size() && count < kMaxIov; ++i, ++count) {
            const qsizetype skip = i == 0 ? m_outPos : 0;
            iov[count].iov_base = const_cast<char *>(m_out.at(i).constData() + skip);
            iov[count].iov_len = size_t(m_out.at(i).size() - skip);
        }
        msghdr msg{};
        msg.msg_iov = iov;
        msg.msg_iovlen = size_t(count);
        const ssize_t n = ::sendmsg(m_fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return wouldBlock(errno);
        }
        dropSent(n);
    }
    return true;
}

void PlainStream::onWritable()
{
    if (m_state == Closed)
        return;
    const qint64 before = m_outBytes;
    if (!sendQueued()) {
        closeNow();  // the peer is gone (reset): as a failed write in Qt
        return;
    }
    if (m_outBytes == 0) {
        wantWritable(false);
        m_out.clear();  // (its array goes too)
    }
    if (m_outBytes < before) {
        const QPointer<PlainStream> alive(this);
        emit bytesWritten();
        if (!alive)
            return;
    }
    if (m_state == Closing && m_outBytes == 0)
        closeNow();
}

void PlainStream::wantWritable(bool on)
{
    if (on && !m_writeNotifier) {
        m_writeNotifier = new QSocketNotifier(qintptr(m_fd), QSocketNotifier::Write, this);
        connect(m_writeNotifier, &QSocketNotifier::activated, this, &PlainStream::onWritable);
        return;
    }
    if (m_writeNotifier && m_writeNotifier->isEnabled() != on)
        m_writeNotifier->setEnabled(on);
}

void PlainStream::failLater()
{
    // The caller may be in the middle of a fan-out, or of its own handler: it is not told
    // "disconnected" from inside write(). Nothing more is sent; the end comes next turn.
    m_out.clear();
    m_outPos = 0;
    m_outBytes = 0;
    if (m_state == Connected)
        m_state = Closing;
    if (m_failPosted)
        return;
    m_failPosted = true;
    QMetaObject::invokeMethod(this, &PlainStream::closeNow, Qt::QueuedConnection);
}

// ---- closing ---------------------------------------------------------------------------

void PlainStream::disconnectFromHost()
{
    if (m_state != Connected)
        return;
    if (m_outBytes == 0) {
        closeNow();
        return;
    }
    // Nothing more is read (as Qt: a closing socket reads no more); the end comes when the
    // queue has gone (onWritable).
    m_state = Closing;
    if (m_readNotifier)
        m_readNotifier->setEnabled(false);
}

void PlainStream::abort()
{
    closeNow();
}

void PlainStream::closeNow()
{
    if (m_fd < 0)
        return;
    // The notifiers go before the descriptor: the dispatcher must not watch a closed number.
    delete m_readNotifier;
    m_readNotifier = nullptr;
    delete m_writeNotifier;
    m_writeNotifier = nullptr;
    ::close(m_fd);
    m_fd = -1;
    m_out.clear();
    m_outPos = 0;
    m_outBytes = 0;
    m_state = Closed;
    emit disconnected();
}

}  // namespace sb
