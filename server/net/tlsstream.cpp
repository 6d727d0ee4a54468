// TlsStream: a QSslSocket behind the Stream interface (see stream.h).
#include "stream.h"

#include <QSslConfiguration>
#include <QSslSocket>

#include <unistd.h>

namespace sb {

TlsStream *TlsStream::adopt(int fd, const QSslConfiguration &config, QString *error)
{
    auto *socket = new QSslSocket;
    if (!socket->setSocketDescriptor(fd)) {
        if (error)
            *error = socket->errorString();
        delete socket;
        ::close(fd);
        return nullptr;
    }
    socket->setSslConfiguration(config);
    socket->startServerEncryption();
    return new TlsStream(socket);
}

TlsStream::TlsStream(QSslSocket *socket)
    : m_socket(socket)
{
    m_socket->setParent(this);
    connect(m_socket, &QIODevice::readyRead, this, &Stream::readyRead);
    connect(m_socket, &QIODevice::bytesWritten, this, &Stream::bytesWritten);
    connect(m_socket, &QSslSocket::encryptedBytesWritten, this, &Stream::bytesWritten);
    connect(m_socket, &QAbstractSocket::disconnected, this, &Stream::disconnected);
}

TlsStream::~TlsStream()
{
    disconnect(m_socket, nullptr, this, nullptr);  // no signal from the socket's own teardown
}

qint64 TlsStream::bytesAvailable() const
{
    return m_socket->bytesAvailable();
}

qint64 TlsStream::read(char *data, qint64 max)
{
    return m_socket->read(data, max);
}

QByteArray TlsStream::peek(qint64 max) const
{
    return m_socket->peek(max);
}

void TlsStream::skip(qint64 n)
{
    m_socket->skip(n);
}

void TlsStream::setReadBufferSize(qint64 bytes)
{
    m_socket->setReadBufferSize(bytes);
}

void TlsStream::write(const char *data, qint64 size)
{
    if (m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->write(data, size);
}

void TlsStream::write(const QByteArray &bytes)
{
    if (m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->write(bytes);
}

qint64 TlsStream::bytesToWrite() const
{
    return m_socket->bytesToWrite() + m_socket->encryptedBytesToWrite();
}

bool TlsStream::isConnected() const
{
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

void TlsStream::disconnectFromHost()
{
    m_socket->disconnectFromHost();
}

void TlsStream::abort()
{
    m_socket->abort();
}

QHostAddress TlsStream::peerAddress() const
{
    return m_socket->peerAddress();
}

quint16 TlsStream::peerPort() const
{
    return m_socket->peerPort();
}

}  // namespace sb
