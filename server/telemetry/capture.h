#pragma once
// The frame capture ring: WebSocket messages and HTTP requests/responses, both directions,
// bounded in records and bytes, read as "records since id N". Thread-safe. Capture is
// switched per service (ServiceCounters::capture); when it is off, a session pays one
// relaxed atomic load per message. Secrets are masked before a record enters the ring.

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QString>

#include <atomic>
#include <deque>

namespace sb {

struct CaptureRecord {
    enum Direction : quint8 { In, Out };
    enum Kind : quint8 { Text, Binary, Ping, Pong, Close, HttpRequest, HttpResponse, Opened, Closed };

    quint64 id = 0;
    qint64 timeMs = 0;
    quint64 connection = 0;  // WebSocket session id, or HTTP connection's request serial owner
    QString service;
    Direction direction = In;
    Kind kind = Text;
    qint64 size = 0;   // full payload size
    QByteArray data;   // the first payloadCap bytes, secrets masked
};

class CaptureRing final
{
public:
    CaptureRing(int maxRecords = 100'000, qint64 maxBytes = 64 * 1024 * 1024, int payloadCap = 4096)
        : m_maxRecords(maxRecords), m_maxBytes(maxBytes), m_payloadCap(payloadCap)
    {
    }
    Q_DISABLE_COPY_MOVE(CaptureRing)

    void add(CaptureRecord record);
    // Records with id > `after`, oldest first, at most `max`. `dropped` (if given) says how
    // many records after `after` were already evicted.
    QList<CaptureRecord> since(quint64 after, int max, quint64 *dropped = nullptr) const;
    quint64 lastId() const;
    void clear();
    int payloadCap() const { return m_payloadCap; }
    // How much of a payload a record is made from: the cap plus a margin, so that a secret
    // the cap cuts is still recognised and masked before the record is cut to the cap.
    int keepBytes() const { return m_payloadCap + 512; }

private:
    mutable QMutex m_mutex;
    std::deque<CaptureRecord> m_records;
    qint64 m_bytes = 0;
    quint64 m_nextId = 1;
    int m_maxRecords;
    qint64 m_maxBytes;
    int m_payloadCap;
};

// Masks secrets in a captured payload: "Bearer <token>" and the values of JSON keys
// password, repeat_password, access_token, ticket, authorization, and the Authorization,
// Cookie and Set-Cookie header lines of an HTTP head.
QByteArray redactSecrets(const QByteArray &payload);

}  // namespace sb
