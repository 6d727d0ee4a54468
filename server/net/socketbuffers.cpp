#include "socketbuffers.h"

#include <QAbstractSocket>

#if SB_QT_PRIVATE_BUFFERS
#include <QtCore/private/qiodevice_p.h>
#endif

namespace sb {

bool canReleaseSocketBuffers()
{
    return SB_QT_PRIVATE_BUFFERS;
}

void releaseSocketBuffers(QAbstractSocket *socket)
{
#if SB_QT_PRIVATE_BUFFERS
    if (!socket || socket->bytesAvailable() > 0 || socket->bytesToWrite() > 0)
        return;
    // QIODevicePrivate::buffer and writeBuffer are the current channels' QRingBuffers; clear()
    // on an empty one frees the chunk it kept (QRingBuffer::free() keeps it, clear() does not).
    auto *d = static_cast<QIODevicePrivate *>(QObjectPrivate::get(socket));
    d->buffer.clear();
    d->writeBuffer.clear();
#else
    Q_UNUSED(socket);
#endif
}

}  // namespace sb
