#include "capture.h"

#include <array>

#include <QRegularExpression>

namespace sb {

void CaptureRing::add(CaptureRecord record)
{
    // Mask first (a little past the cap, so that a secret cut by it is still recognised),
    // then cut.
    if (record.data.size() > keepBytes())
        record.data.truncate(keepBytes());
    record.data = redactSecrets(record.data);
    if (record.data.size() > m_payloadCap)
        record.data.truncate(m_payloadCap);
    QMutexLocker lock(&m_mutex);
    record.id = m_nextId++;
    m_bytes += record.data.size() + 64;
    m_records.push_back(std::move(record));
    while (!m_records.empty() && (int(m_records.size()) > m_maxRecords || m_bytes > m_maxBytes)) {
        m_bytes -= m_records.front().data.size() + 64;
        m_records.pop_front();
    }
}

QList<CaptureRecord> CaptureRing::since(quint64 after, int max, quint64 *dropped) const
{
    QMutexLocker lock(&m_mutex);
    QList<CaptureRecord> out;
    if (m_records.empty()) {
        if (dropped)
            *dropped = m_nextId - 1 > after ? m_nextId - 1 - after : 0;
        return out;
    }
    const quint64 first = m_records.front().id;
    if (dropped)
        *dropped = first > after + 1 ? first - after - 1 : 0;
    const quint64 start = qMax(after + 1, first);
    for (quint64 id = start; id < m_nextId && out.size() < max; ++id)
        out.append(m_records[size_t(id - first)]);
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
    m_records.clear();
    m_bytes = 0;
}

namespace {

// Every pattern below needs one of these words; most frames hold none, and a byte scan is far
// cheaper than decoding and four regular expressions.
bool mayHoldSecret(const QByteArray &payload)
{
    static constexpr const char *kWords[] = {"bearer", "basic", "password", "access_token", "ticket",
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

}  // namespace

QByteArray redactSecrets(const QByteArray &payload)
{
    if (!mayHoldSecret(payload))
        return payload;
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
    QString s = QString::fromLatin1(payload);
    s.replace(header, QStringLiteral("\\1 ***"));
    s.replace(bearer, QStringLiteral("\\1 ***"));
    s.replace(jsonSecret, QStringLiteral("\\1\"***\""));
    s.replace(cookie, QStringLiteral("\\1***"));
    return s.toLatin1();
}

}  // namespace sb
