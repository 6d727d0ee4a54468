#pragma once
// The PROXY protocol header (HAProxy's, versions 1 and 2): a load balancer that connects on
// a client's behalf first says who the client is. Switchboard reads it only from the
// addresses in `proxy_protocol_from` (docs/configuration.md), and from those it is required:
// a receiver must never guess whether a header is there.

#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QStringList>

#include <optional>

namespace sb::proxyheader {

// The longest header accepted: version 1 is at most 107 bytes; version 2 is 16 bytes and
// the addresses (36 bytes at most) and TLVs, which balancers keep short.
constexpr int kMaxLength = 1024;

struct Result {
    enum Status { Incomplete, Done, Error };
    Status status = Incomplete;
    int length = 0;           // Done: the header's bytes, consumed before anything else is read
    bool hasAddress = false;  // Done: false for a v2 LOCAL and a v1 UNKNOWN (the balancer's own
                              // health check): the connection's own address stands
    QHostAddress source;
    quint16 sourcePort = 0;
    const char *reason = nullptr;  // Error: what is wrong, in words
};

// Parses what has arrived so far. Incomplete while every byte seen can still begin a header.
Result parse(const char *data, qsizetype size);

// The addresses a header is expected from: single addresses and subnets ("10.0.0.0/8").
class Sources
{
public:
    // Every entry must be an IP address or a subnet; else nullopt and `error` names it.
    static std::optional<Sources> fromStrings(const QStringList &entries, QString *error);
    bool isEmpty() const { return m_subnets.isEmpty(); }
    // v4-mapped IPv6 addresses (a dual-stack listener's peers) match their IPv4 entries.
    bool contains(const QHostAddress &address) const;

private:
    QList<QPair<QHostAddress, int>> m_subnets;
};

}  // namespace sb::proxyheader
