#include "capture.h"

#include <array>
#include <cstring>
#include <vector>

#include <QRegularExpression>

namespace sb {

namespace {

// Every pattern below needs one of these words; most frames hold none, and a byte scan is far
// cheaper than decoding and four regular expressions.
bool mayHoldSecret(QByteArrayView payload)
{
    static constexpr const char *kWords[] = {"bearer", "basic", "password", "token", "ticket",
                                             "authorization", "cookie", "sb_session"};
    static const auto first = [] {
        std::array<bool, 256> t{};
        for (const char *w : kWords) {
            t[uchar(w[0])] = true;
            t[uchar(w[0] - 'a' + 'A')] = true;
        }
        return t;
    }();
    const char *p = payload.constData();
    const qsizetype n = payload.size();
    for (qsizetype i = 0; i < n; ++i) {
        if (!first[uchar(p[i])])
            continue;
        for (const char *w : kWords) {
            const auto len = qsizetype(qstrlen(w));
            if (n - i >= len && qstrnicmp(p + i, w, len) == 0)
                return true;
        }
    }
    return false;
}

// The masking itself, for a payload that may hold a secret.
QByteArray maskSecrets(const QByteArray &payload)
{
    // The payload is matched byte for byte (Latin-1 maps each byte to one character and
    // back), so a body that is not UTF-8 — a file upload under an Authorization header, a
    // frame cut by the capture limit inside a character — is masked like any other. Every
    // pattern is ASCII, and whitespace is spelled out: `\s` would also match the bytes 0x85
    // and 0xA0, which occur inside UTF-8 characters, and end a token there.
    static const QRegularExpression bearer(QStringLiteral("(Bearer|Basic)[ \\t\\r\\n]+[^ \\t\\r\\n\"',;]+"),
                                           QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression jsonSecret(
        QStringLiteral("(\"(?:password|repeat_password|access_token|ticket|authorization)\"[ \\t\\r\\n]*:[ \\t\\r\\n]*)\"(?:[^\"\\\\]|\\\\.)*(?:\"|$)"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression header(QStringLiteral("^((?:Authorization|Cookie|Set-Cookie):)[^\\r\\n]*"),
                                           QRegularExpression::CaseInsensitiveOption | QRegularExpression::MultilineOption);
    static const QRegularExpression cookie(QStringLiteral("(sb_session=)[^; \\t\\r\\n\"]+"));
    // Credentials in a URL's query: a request line, a WebSocket's opening.
    static const QRegularExpression query(QStringLiteral("([?&](?:ticket|token|password|[a-z_]*_token)=)[^&# \\t\\r\\n]*"),
                                          QRegularExpression::CaseInsensitiveOption);
    QString s = QString::fromLatin1(payload);
    s.replace(header, QStringLiteral("\\1 ***"));
    s.replace(bearer, QStringLiteral("\\1 ***"));
    s.replace(jsonSecret, QStringLiteral("\\1\"***\""));
    s.replace(cookie, QStringLiteral("\\1***"));
    s.replace(query, QStringLiteral("\\1***"));
    return s.toLatin1();
}

}  // namespace

CaptureRing::CaptureRing(int maxRecords, qint64 maxBytes, int payloadCap)
    : m_maxRecords(qMax(1, maxRecords)), m_maxBytes(qMax<qint64>(64, maxBytes)), m_payloadCap(qMax(0, payloadCap))
{
}

CaptureRing::~CaptureRing() = default;

void CaptureRing::add(const CaptureRecord &record)
{
    add(record.service, record.connection, record.timeMs, record.direction, record.kind, record.size, record.data);
}

void CaptureRing::add(const QString &service, quint64 connection, qint64 timeMs, CaptureRecord::Direction direction,
                      CaptureRecord::Kind kind, qint64 size, QByteArrayView data)
{
    // Mask first (a little past the cap, so that a secret cut by it is still recognised),
    // then cut. Most payloads hold no secret and are copied once, into the arena.
    QByteArrayView kept(data.constData(), qMin<qsizetype>(data.size(), keepBytes()));
    QByteArray masked;
    if (mayHoldSecret(kept)) {
        masked = maskSecrets(kept.toByteArray());
        kept = masked;
    }
    kept = kept.first(qMin<qsizetype>(kept.size(), m_payloadCap));
    const qint64 length = kept.size();

    QMutexLocker lock(&m_mutex);
    const quint64 id = m_nextId++;
    if (length + 64 > m_maxBytes) {
        // Bigger than the whole ring (a tiny ring): it pushes everything out and is not kept.
        while (m_count)
            evictOldest();
        return;
    }
    if (!m_slots) {
        m_slots = std::make_unique_for_overwrite<Slot[]>(size_t(m_maxRecords));
        m_arena = std::make_unique_for_overwrite<char[]>(size_t(m_maxBytes));
    }
    while (m_count && (m_count >= m_maxRecords || m_bytes + length + 64 > m_maxBytes))
        evictOldest();
    const qint64 at = placeFor(length);
    if (length)
        std::memcpy(m_arena.get() + at, kept.data(), size_t(length));
    m_head = at + length;
    Slot &s = m_slots[size_t((m_first + m_count) % m_maxRecords)];
    s = Slot{id, timeMs, connection, size, at, qint32(length), serviceIndex(service), direction, kind};
    ++m_count;
    m_bytes += length + 64;
}

void CaptureRing::evictOldest()
{
    m_bytes -= oldest().length + 64;
    m_first = (m_first + 1) % m_maxRecords;
    // The slots evicted next were written long ago and are out of the cache by now: ask for
    // them a few evictions ahead.
    __builtin_prefetch(&m_slots[size_t((m_first + 8) % m_maxRecords)]);
    if (--m_count == 0) {
        m_head = 0;
        m_wrapped = false;
    } else if (m_wrapped && oldest().id >= m_wrapFirstId) {
        m_wrapped = false;  // the records before the wrap are all gone
    }
}

qint64 CaptureRing::placeFor(qint64 length)
{
    // Evicts what is in the way (beyond the record and byte bounds only when the arena is
    // cut up by a wrap; it never overlaps a payload still held).
    for (;;) {
        if (!m_count)
            return 0;  // evictOldest() reset m_head
        const qint64 tail = oldest().at;
        if (!m_wrapped) {
            if (tail > 0 && length <= tail) {
                m_wrapped = true;
                m_wrapFirstId = m_nextId - 1;  // the record being placed
                return 0;
            }
            if (m_head + length <= m_maxBytes)
                return m_head;
        } else if (m_head + length <= tail) {
            return m_head;
        }
        evictOldest();
    }
}

quint16 CaptureRing::serviceIndex(const QString &service)
{
    for (qsizetype i = 0; i < m_services.size(); ++i) {
        if (m_services[i] == service)
            return quint16(i);
    }
    if (m_services.size() >= 0xffff)
        return 0;
    m_services.append(service);
    return quint16(m_services.size() - 1);
}

QList<CaptureRecord> CaptureRing::since(quint64 after, int max, quint64 *dropped) const
{
    // Under the lock only the slots and one copy of their payloads: the records (an
    // allocation each) are made after it, so a reader of thousands of records holds up the
    // workers' add() for a copy, not for thousands of allocations.
    std::vector<Slot> rows;
    QByteArray payloads;
    QList<QString> services;
    {
        QMutexLocker lock(&m_mutex);
        if (!m_count) {
            if (dropped)
                *dropped = m_nextId - 1 > after ? m_nextId - 1 - after : 0;
            return {};
        }
        const quint64 first = m_slots[size_t(m_first)].id;
        if (dropped)
            *dropped = first > after + 1 ? first - after - 1 : 0;
        const quint64 start = qMax(after + 1, first);
        if (start >= m_nextId || max <= 0)
            return {};
        const auto n = size_t(qMin<quint64>(m_nextId - start, quint64(max)));
        rows.reserve(n);
        qsizetype bytes = 0;
        for (size_t k = 0; k < n; ++k) {
            rows.push_back(m_slots[size_t((m_first + qsizetype(start - first) + qsizetype(k)) % m_maxRecords)]);
            bytes += rows.back().length;
        }
        payloads.reserve(bytes);
        for (Slot &s : rows) {
            const qint64 at = payloads.size();
            payloads.append(m_arena.get() + s.at, s.length);
            s.at = at;
        }
        services = m_services;
    }
    QList<CaptureRecord> out;
    out.reserve(qsizetype(rows.size()));
    for (const Slot &s : rows) {
        out.append(CaptureRecord{s.id, s.timeMs, s.connection, services.value(s.service), s.direction, s.kind, s.size,
                                 QByteArray(payloads.constData() + s.at, s.length)});
    }
    return out;
}

quint64 CaptureRing::lastId() const
{
    QMutexLocker lock(&m_mutex);
    return m_nextId - 1;
}

void CaptureRing::clear()
{
    QMutexLocker lock(&m_mutex);
    m_first = 0;
    m_count = 0;
    m_head = 0;
    m_wrapped = false;
    m_bytes = 0;
}

QByteArray redactSecrets(const QByteArray &payload)
{
    return mayHoldSecret(payload) ? maskSecrets(payload) : payload;
}

}  // namespace sb
