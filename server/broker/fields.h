#pragma once
// Length-prefixed fields (a 4-byte big-endian length, then the bytes): how the cluster's
// broker frames its events and the channels hub its operations (docs/cluster.md).

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QtEndian>

namespace sb::fields {

inline void put(QByteArray &out, QByteArrayView field)
{
    char n[4];
    qToBigEndian(quint32(field.size()), n);
    out.append(n, 4).append(field.data(), field.size());
}

// Reads fields in order; once one is cut short, ok() stays false and every later read is empty.
class Reader
{
public:
    explicit Reader(const QByteArray &in, qsizetype at = 0) : m_in(in), m_at(at) {}
    QByteArray bytes()
    {
        if (!m_ok || m_in.size() - m_at < 4)
            return fail();
        const quint32 n = qFromBigEndian<quint32>(m_in.constData() + m_at);
        if (qsizetype(n) > m_in.size() - m_at - 4)
            return fail();
        const QByteArray out = m_in.mid(m_at + 4, qsizetype(n));
        m_at += 4 + qsizetype(n);
        return out;
    }
    QString text() { return QString::fromUtf8(bytes()); }
    bool ok() const { return m_ok; }
    bool atEnd() const { return m_at == m_in.size(); }

private:
    QByteArray fail()
    {
        m_ok = false;
        return {};
    }
    const QByteArray &m_in;
    qsizetype m_at;
    bool m_ok = true;
};

}  // namespace sb::fields
