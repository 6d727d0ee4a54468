#pragma once
// One accepted connection's byte stream, as the front door (HttpConnection) and the
// WebSocket session (WsSession) use it. Two kinds:
// - PlainStream: a plain TCP connection served on its descriptor (net/plainstream.cpp):
//   recv() and send() straight, its own small buffers, one read notifier, a write notifier
//   only while the kernel has not taken everything. No QTcpSocket: adopting a descriptor
//   costs Qt seven system calls and about 2 KiB of objects per connection
//   (docs/performance.md, "A plain connection without a QTcpSocket").
// - TlsStream: a QSslSocket (wss://, https://), whose encryption stays Qt's.
// The semantics are QAbstractSocket's where both have them: readyRead for new bytes,
// bytesWritten when queued output went out, disconnected once (also from abort() and
// from disconnectFromHost() when nothing is queued), bytes read before the end stay readable.

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>

class QSocketNotifier;
class QSslConfiguration;
class QSslSocket;

namespace sb {

// A connection's far end: the TCP peer, or the client a balancer's PROXY header names.
struct ClientAddress {
    QHostAddress address;
    quint16 port = 0;
};

class Stream : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Reading: what has arrived and not been read.
    virtual qint64 bytesAvailable() const = 0;
    virtual qint64 read(char *data, qint64 max) = 0;
    QByteArray read(qint64 max);
    virtual QByteArray peek(qint64 max) const = 0;
    virtual void skip(qint64 n) = 0;
    // Reads from the kernel no further than `bytes` ahead of the reader (0: no bound), so
    // that TCP flow control reaches a peer whose bytes are not being taken.
    virtual void setReadBufferSize(qint64 bytes) = 0;

    // Writing: all of it is sent or queued, in order (nothing once the stream is closed).
    virtual void write(const char *data, qint64 size) = 0;
    // Shares `bytes` when it has to be queued (no copy of a payload sent to many).
    virtual void write(const QByteArray &bytes) = 0;
    // Queued, not yet taken by the kernel (for TLS: before and after encryption).
    virtual qint64 bytesToWrite() const = 0;
    // Between these two, writes are queued and not sent: the 101 and whatever the new
    // session says in its constructor leave together, once the session exists and has joined
    // its rooms, so a client that sees the 101 can be reached. (TLS: no-op, QSslSocket sends
    // from the event loop anyway.)
    virtual void holdOutput() {}
    virtual void releaseOutput() {}

    virtual bool isConnected() const = 0;
    // Closes once what is queued has gone (at once when nothing is).
    virtual void disconnectFromHost() = 0;
    // Closes now; what is queued is dropped.
    virtual void abort() = 0;

    // The descriptor of a plain stream, for reading it directly (WsSession's read hook);
    // -1 for TLS, whose bytes only Qt can decrypt.
    virtual int plainDescriptor() const = 0;
    virtual bool isTls() const = 0;
    virtual QHostAddress peerAddress() const = 0;
    virtual quint16 peerPort() const = 0;

signals:
    void readyRead();
    void bytesWritten();
    void disconnected();
};

class PlainStream final : public Stream
{
    Q_OBJECT
public:
    // Takes `fd` over: a connected, non-blocking TCP socket (accept4 with SOCK_NONBLOCK).
    PlainStream(int fd, const ClientAddress &peer, QObject *parent = nullptr);
    ~PlainStream() override;
    Q_DISABLE_COPY_MOVE(PlainStream)

    qint64 bytesAvailable() const override { return m_in.size() - m_inPos; }
    qint64 read(char *data, qint64 max) override;
    using Stream::read;
    QByteArray peek(qint64 max) const override;
    void skip(qint64 n) override;
    void setReadBufferSize(qint64 bytes) override;
    void write(const char *data, qint64 size) override;
    void write(const QByteArray &bytes) override;
    qint64 bytesToWrite() const override { return m_outBytes; }
    void holdOutput() override { m_holding = true; }
    void releaseOutput() override;
    bool isConnected() const override { return m_state == Connected; }
    void disconnectFromHost() override;
    void abort() override;
    int plainDescriptor() const override { return m_fd; }
    bool isTls() const override { return false; }
    QHostAddress peerAddress() const override { return m_peer.address; }
    quint16 peerPort() const override { return m_peer.port; }

private:
    enum State : quint8 { Connected, Closing, Closed };
    void onReadable();
    void onWritable();
    // The kernel took the first `n` bytes of what is queued.
    void dropSent(qint64 n);
    // With nothing queued or held: one send() of what the kernel takes now (0 if it takes
    // nothing, -1 on an error). Else 0: the bytes go behind the queue.
    qint64 sendStraight(const char *data, qint64 size);
    // `bytes` were appended to the queue.
    void queued(qint64 bytes);
    // Sends from the queue until it is empty or the kernel takes no more; false on an error.
    bool sendQueued();
    // After a send error found inside write(): the end is reported from the event loop, not
    // from inside the writer's call.
    void failLater();
    void closeNow();
    void consumed();
    void wantWritable(bool on);

    int m_fd;
    State m_state = Connected;
    bool m_inReadyRead = false;
    bool m_failPosted = false;
    bool m_holding = false;  // holdOutput()
    ClientAddress m_peer;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;  // made at the first write the kernel did not take whole
    QByteArray m_in;  // received and not yet read: m_in[m_inPos, size)
    qsizetype m_inPos = 0;
    qint64 m_readLimit = 0;
    QList<QByteArray> m_out;  // queued output: m_out[0][m_outPos...], then the rest whole
    qsizetype m_outPos = 0;
    qint64 m_outBytes = 0;
};

class TlsStream final : public Stream
{
    Q_OBJECT
public:
    // A QSslSocket on `fd`, encryption started as the server; nullptr (and `fd` closed) if Qt
    // cannot adopt the descriptor.
    static TlsStream *adopt(int fd, const QSslConfiguration &config, QString *error);
    ~TlsStream() override;

    qint64 bytesAvailable() const override;
    qint64 read(char *data, qint64 max) override;
    using Stream::read;
    QByteArray peek(qint64 max) const override;
    void skip(qint64 n) override;
    void setReadBufferSize(qint64 bytes) override;
    void write(const char *data, qint64 size) override;
    void write(const QByteArray &bytes) override;
    qint64 bytesToWrite() const override;
    bool isConnected() const override;
    void disconnectFromHost() override;
    void abort() override;
    int plainDescriptor() const override { return -1; }
    bool isTls() const override { return true; }
    QHostAddress peerAddress() const override;
    quint16 peerPort() const override;

private:
    explicit TlsStream(QSslSocket *socket);
    QSslSocket *m_socket;
};

}  // namespace sb
