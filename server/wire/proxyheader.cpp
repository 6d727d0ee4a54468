#include "proxyheader.h"

#include <cstring>

namespace sb::proxyheader {

namespace {

constexpr char kV1Prefix[] = "PROXY ";
constexpr int kV1Max = 107;  // the longest version-1 line, CRLF included
constexpr unsigned char kV2Signature[12] = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

Result error(const char *reason)
{
    Result r;
    r.status = Result::Error;
    r.reason = reason;
    return r;
}

bool startsWithPrefixOf(const char *data, qsizetype size, const void *prefix, qsizetype prefixSize)
{
    return std::memcmp(data, prefix, size_t(qMin(size, prefixSize))) == 0;
}

bool readPort(const QByteArray &text, quint16 *port)
{
    if (text.isEmpty() || text.size() > 5 || (text.size() > 1 && text.startsWith('0')))
        return false;
    uint n = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
        n = n * 10 + uint(c - '0');
    }
    if (n > 65535)
        return false;
    *port = quint16(n);
    return true;
}

// "PROXY TCP4 192.0.2.7 198.51.100.1 51234 8000\r\n", or "PROXY UNKNOWN ...\r\n".
Result parseV1(const char *data, qsizetype size)
{
    const char *end = static_cast<const char *>(std::memchr(data, '\n', size_t(qMin<qsizetype>(size, kV1Max))));
    if (!end)
        return size >= kV1Max ? error("a PROXY protocol v1 header longer than 107 bytes") : Result{};
    const qsizetype lineLength = end - data + 1;
    if (lineLength < 2 || data[lineLength - 2] != '\r')
        return error("a PROXY protocol v1 header must end with CRLF");
    const QList<QByteArray> parts = QByteArray(data, lineLength - 2).split(' ');
    Result r;
    r.status = Result::Done;
    r.length = int(lineLength);
    if (parts.size() >= 2 && parts[1] == "UNKNOWN")
        return r;  // the rest of the line is to be ignored
    if (parts.size() != 6 || (parts[1] != "TCP4" && parts[1] != "TCP6"))
        return error("a PROXY protocol v1 header must be PROXY TCP4|TCP6 source destination source-port destination-port");
    const QHostAddress source(QString::fromLatin1(parts[2]));
    const QHostAddress destination(QString::fromLatin1(parts[3]));
    const auto family = parts[1] == "TCP4" ? QAbstractSocket::IPv4Protocol : QAbstractSocket::IPv6Protocol;
    quint16 destinationPort = 0;
    if (source.protocol() != family || destination.protocol() != family)
        return error("a PROXY protocol v1 header with an address not of its family");
    if (!readPort(parts[4], &r.sourcePort) || !readPort(parts[5], &destinationPort))
        return error("a PROXY protocol v1 header with a port that is not 0 to 65535");
    r.hasAddress = true;
    r.source = source;
    return r;
}

Result parseV2(const unsigned char *data, qsizetype size)
{
    if (size < 16)
        return {};
    if ((data[12] >> 4) != 2)
        return error("an unknown PROXY protocol version");
    const int command = data[12] & 0x0F;
    if (command > 1)
        return error("an unknown PROXY protocol v2 command");
    const int length = 16 + ((data[14] << 8) | data[15]);
    if (length > kMaxLength)
        return error("a PROXY protocol v2 header longer than 1024 bytes");
    if (size < length)
        return {};
    Result r;
    r.status = Result::Done;
    r.length = length;
    if (command == 0)
        return r;  // LOCAL: the balancer's own connection (a health check)
    const int family = data[13] >> 4;
    const unsigned char *addresses = data + 16;
    if (family == 1) {  // AF_INET: source, destination, source port, destination port
        if (length < 16 + 12)
            return error("a PROXY protocol v2 header too short for its IPv4 addresses");
        r.source = QHostAddress(quint32((addresses[0] << 24) | (addresses[1] << 16) | (addresses[2] << 8) | addresses[3]));
        r.sourcePort = quint16((addresses[8] << 8) | addresses[9]);
        r.hasAddress = true;
    } else if (family == 2) {  // AF_INET6
        if (length < 16 + 36)
            return error("a PROXY protocol v2 header too short for its IPv6 addresses");
        r.source = QHostAddress(addresses);
        r.sourcePort = quint16((addresses[32] << 8) | addresses[33]);
        r.hasAddress = true;
    }
    // AF_UNSPEC and AF_UNIX: no address the node could use; the connection's own stands.
    return r;
}

QHostAddress unmapped(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 && address.protocol() == QAbstractSocket::IPv6Protocol ? QHostAddress(v4) : address;
}

}  // namespace

Result parse(const char *data, qsizetype size)
{
    if (size <= 0)
        return {};
    if (startsWithPrefixOf(data, size, kV1Prefix, 6))
        return size < 6 ? Result{} : parseV1(data, size);
    if (startsWithPrefixOf(data, size, kV2Signature, 12))
        return size < 12 ? Result{} : parseV2(reinterpret_cast<const unsigned char *>(data), size);
    return error("a PROXY protocol header is required from this address");
}

std::optional<Sources> Sources::fromStrings(const QStringList &entries, QString *error)
{
    Sources out;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString e = entries[i].trimmed();
        QPair<QHostAddress, int> subnet{QHostAddress(e), -1};
        if (!subnet.first.isNull())
            subnet.second = subnet.first.protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128;
        else if (e.contains(QLatin1Char('/')))
            subnet = QHostAddress::parseSubnet(e);
        if (subnet.first.isNull() || subnet.second < 0) {
            *error = QStringLiteral("proxy_protocol_from[%1]: \"%2\" is not an IP address or a subnet such as \"10.0.0.0/8\"")
                         .arg(i)
                         .arg(entries[i]);
            return std::nullopt;
        }
        subnet.first = unmapped(subnet.first);
        out.m_subnets.append(subnet);
    }
    return out;
}

bool Sources::contains(const QHostAddress &address) const
{
    const QHostAddress a = unmapped(address);
    for (const auto &subnet : m_subnets) {
        if (a.isInSubnet(subnet))
            return true;
    }
    return false;
}

}  // namespace sb::proxyheader
