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
#include <memory>

namespace sb {

struct CaptureRecord {
    enum Direction : quint8 { In, Out };
    // Handshake: a WebSocket's upgrade request as received (in) and the 101 answer (out),
    // after its Opened record.
    enum Kind : quint8 { Text, Binary, Ping, Pong, Close, HttpRequest, HttpResponse, Opened, Closed, Handshake };

    quint64 id = 0;
    qint64 timeMs = 0;
    quint64 connection = 0;  // WebSocket session id, or HTTP connection's request serial owner
    QString service;
    Direction direction = In;
    Kind kind = Text;
    qint64 size = 0;   // full payload size
    QByteArray data;   // the first payloadCap bytes, secrets masked
};

// Records live in a circular array of fixed slots and their payloads in one circular byte
// arena (both allocated at the first record, and only touched as far as they are used): a
// record costs a copy of its (cut) payload and no allocation, and dropping the oldest
// record frees nothing — which, with 100,000 records, was a cache miss and a free() of
// long-cold memory per record on the worker's hot path.
class CaptureRing final
{
public:
    CaptureRing(int maxRecords = 100'000, qint64 maxBytes = 64 * 1024 * 1024, int payloadCap = 4096);
    ~CaptureRing();
    Q_DISABLE_COPY_MOVE(CaptureRing)

    void add(const CaptureRecord &record);  // its id is ignored: the ring numbers records
    void add(const QString &service, quint64 connection, qint64 timeMs, CaptureRecord::Direction direction,
             CaptureRecord::Kind kind, qint64 size, QByteArrayView data);
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
    struct Slot {
        quint64 id;
        qint64 timeMs;
        quint64 connection;
        qint64 size;
        qint64 at;  // payload offset in the arena
        qint32 length;
        quint16 service;  // index into m_services
        CaptureRecord::Direction direction;
        CaptureRecord::Kind kind;
    };
    // With the lock held.
    Slot &oldest() { return m_slots[size_t(m_first)]; }
    void evictOldest();
    qint64 placeFor(qint64 length);
    quint16 serviceIndex(const QString &service);

    mutable QMutex m_mutex;
    std::unique_ptr<Slot[]> m_slots;  // circular: m_count records from m_first
    std::unique_ptr<char[]> m_arena;  // m_maxBytes bytes
    qsizetype m_first = 0;
    qsizetype m_count = 0;
    // Payloads are written at m_head. Once there is room before the oldest payload, writing
    // goes back to the start of the arena ("wrapped", from record m_wrapFirstId on) and
    // stays below the oldest payload until the older records are gone: the part of the
    // arena in use stays about as large as what the records hold.
    qint64 m_head = 0;
    bool m_wrapped = false;
    quint64 m_wrapFirstId = 0;
    qint64 m_bytes = 0;  // payloads plus 64 per record: the byte bound
    quint64 m_nextId = 1;
    QList<QString> m_services;
    int m_maxRecords;
    qint64 m_maxBytes;
    int m_payloadCap;
};

// Masks secrets in a captured payload: "Bearer <token>" and the values of JSON keys
// password, repeat_password, access_token, ticket, authorization, and the Authorization,
// Cookie and Set-Cookie header lines of an HTTP head.
QByteArray redactSecrets(const QByteArray &payload);

}  // namespace sb
