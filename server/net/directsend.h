#pragma once
// Bytes sent straight to a plain socket's descriptor, around Qt's write buffer: no copy into
// it, no chunk allocated for it, no write notifier. Only for a plain (not TLS) socket whose
// Qt buffer is empty, so that nothing overtakes what Qt still holds; what the kernel does
// not take (a full send buffer, an error Qt must see) the caller writes through Qt.

#include <QTcpSocket>

#include <sys/socket.h>

#include <cerrno>

namespace sb {

// How many of `size` bytes the kernel took (0 on any error).
inline qsizetype sendToDescriptor(qintptr fd, const char *data, qsizetype size)
{
    if (fd < 0)
        return 0;
    ssize_t sent;
    do
        sent = ::send(int(fd), data, size_t(size), MSG_NOSIGNAL | MSG_DONTWAIT);
    while (sent < 0 && errno == EINTR);
    return sent > 0 ? qsizetype(sent) : 0;
}

// All of `bytes`, straight when `plain` and Qt holds nothing for the socket, the rest
// (or all) through Qt's buffer.
inline void writeStraight(QTcpSocket *socket, bool plain, QByteArrayView bytes)
{
    qsizetype sent = 0;
    if (plain && socket->bytesToWrite() == 0)
        sent = sendToDescriptor(socket->socketDescriptor(), bytes.data(), bytes.size());
    if (sent < bytes.size())
        socket->write(bytes.data() + sent, bytes.size() - sent);
}

}  // namespace sb
