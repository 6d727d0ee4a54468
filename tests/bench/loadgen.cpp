// loadgen — a lean WebSocket/HTTP load generator for Switchboard's benchmarks.
//
// One thread, epoll, non-blocking sockets, no Qt: the generator must not be the bottleneck.
// It opens N WebSocket connections (handshake with extra headers, optional first message and
// a number of messages to wait for before a connection counts as ready), then drives them:
//
//   rtt        busy connections keep `--inflight` messages in flight each; a message carries a
//              marker "~conn.seq.ns~" and its return to the sender is one round trip. Markers
//              of other connections arriving anywhere count as deliveries (fan-out, rooms,
//              chat partners). `--reply any` counts any message as the reply (felix, pop).
//              `--emit-url` makes the busy connections HTTP/1.1 keep-alive publishers that
//              POST `--emit-body` instead (channels emit); listeners count deliveries.
//   handshake  each slot loops connect → 101 → (first message, ready) → close 1000 → EOF.
//   idle       connections stay open (answering pings) and the server's RSS is read before
//              and after (`--server-pid`): memory per connection.
//
// It prints one JSON line on stdout and a readable row on stderr. Targets other than loopback
// are refused unless `--allow-remote` is given.
//
// This file: connections, the handshake request and frames out; loadgen_read.cpp reads what
// comes back (the handshake's answer, frames, HTTP answers).

#include "loadgen.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <cstring>

namespace loadgen {

void LoadGen::record(std::vector<uint32_t> &into, uint64_t sentNs)
{
    if (!m_measuring)
        return;
    const uint64_t us = (nowNs() - sentNs) / 1000;
    into.push_back(static_cast<uint32_t>(std::min<uint64_t>(us, UINT32_MAX)));
}

void LoadGen::answerOldest(Conn &c, bool counted)
{
    if (counted)
        ++m_stats.messages;
    record(m_stats.rtt, c.sentAt.front());
    c.sentAt.pop_front();
    --c.inflight;
}

void LoadGen::setWantWrite(Conn &c, bool want)
{
    if (c.epollOut == want || c.fd < 0)
        return;
    c.epollOut = want;
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLRDHUP | (want ? EPOLLOUT : 0u);
    ev.data.u32 = static_cast<uint32_t>(c.index);
    epoll_ctl(m_ep, EPOLL_CTL_MOD, c.fd, &ev);
}

void LoadGen::openConn(Conn &c)
{
    const Url &u = *c.url;
    c.fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c.fd < 0)
        die(std::string("socket: ") + std::strerror(errno) + " (raise the open-file limit: ulimit -n)");
    int one = 1;
    setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    const int sources = m_o.sources > 0 ? m_o.sources : 1 + m_o.connections / 20000;
    if (sources > 1) {
        setsockopt(c.fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
        sockaddr_in local{};
        local.sin_family = AF_INET;
        local.sin_addr.s_addr = htonl(0x7f000001u + static_cast<uint32_t>(c.index % sources));
        if (bind(c.fd, reinterpret_cast<sockaddr *>(&local), sizeof local) != 0)
            die(std::string("bind source address: ") + std::strerror(errno));
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(u.port);
    inet_pton(AF_INET, u.host.c_str(), &addr.sin_addr);
    c.state = State::Connecting;
    c.in.clear();
    c.inPos = 0;
    c.out.clear();
    c.outPos = 0;
    c.initSeen = 0;
    c.inflight = 0;
    c.sentAt.clear();
    c.fragment.clear();
    c.cycleStart = nowNs();
    ++m_inProgress;
    const int rc = connect(c.fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP;
    ev.data.u32 = static_cast<uint32_t>(c.index);
    c.epollOut = true;
    epoll_ctl(m_ep, EPOLL_CTL_ADD, c.fd, &ev);
    if (rc != 0 && errno != EINPROGRESS) {
        fail(c, "connect");
        return;
    }
}

void LoadGen::closeConn(Conn &c)
{
    if (c.fd >= 0) {
        epoll_ctl(m_ep, EPOLL_CTL_DEL, c.fd, nullptr);
        ::close(c.fd);
        c.fd = -1;
    }
}

void LoadGen::fail(Conn &c, const char *what)
{
    if (c.state == State::Connecting) {
        ++m_connectFailures;
        --m_inProgress;
    } else if (c.state == State::Handshake || c.state == State::Init) {
        ++m_handshakeFailures;
        --m_inProgress;
    } else if (c.state == State::Open) {
        ++m_lost;
    }
    if (m_connectFailures + m_handshakeFailures + m_lost <= 5)
        std::fprintf(stderr, "loadgen: connection %d: %s failed (%s)\n", c.index, what, std::strerror(errno));
    closeConn(c);
    if (m_o.mode == "handshake" && m_sending)
        openConn(c);
}

void LoadGen::onConnected(Conn &c)
{
    int err = 0;
    socklen_t len = sizeof err;
    getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err != 0) {
        errno = err;
        fail(c, "connect");
        return;
    }
    if (c.http) {
        c.state = State::Open;
        --m_inProgress;
        ++m_opened;
        setWantWrite(c, false);
        if (m_sending)
            trySend(c);
        return;
    }
    const Url &u = *c.url;
    c.state = State::Handshake;
    c.out = "GET " + c.path + " HTTP/1.1\r\nHost: " + u.host + ":" + std::to_string(u.port) +
        "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        "Sec-WebSocket-Version: 13\r\n" +
        c.headerBlock + "\r\n";
    c.outPos = 0;
    flush(c);
}

void LoadGen::flush(Conn &c)
{
    while (c.outPos < c.out.size()) {
        const ssize_t n = ::send(c.fd, c.out.data() + c.outPos, c.out.size() - c.outPos, MSG_NOSIGNAL);
        if (n > 0) {
            c.outPos += static_cast<size_t>(n);
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            setWantWrite(c, true);
            return;
        }
        if (n < 0 && errno == EINTR)
            continue;
        fail(c, "send");
        return;
    }
    c.out.clear();
    c.outPos = 0;
    setWantWrite(c, false);
}

void LoadGen::queueFrame(Conn &c, int opcode, const char *data, size_t len)
{
    if (c.outPos > 0 && c.outPos == c.out.size()) {
        c.out.clear();
        c.outPos = 0;
    }
    unsigned char head[14];
    size_t h = 0;
    head[h++] = static_cast<unsigned char>(0x80 | opcode);
    if (len < 126) {
        head[h++] = static_cast<unsigned char>(0x80 | len);
    } else if (len <= 0xffff) {
        head[h++] = 0x80 | 126;
        head[h++] = static_cast<unsigned char>(len >> 8);
        head[h++] = static_cast<unsigned char>(len);
    } else {
        head[h++] = 0x80 | 127;
        for (int i = 7; i >= 0; --i)
            head[h++] = static_cast<unsigned char>(static_cast<uint64_t>(len) >> (8 * i));
    }
    // xorshift: a new mask key per frame, cheap and not constant.
    m_maskState ^= m_maskState << 13;
    m_maskState ^= m_maskState >> 17;
    m_maskState ^= m_maskState << 5;
    unsigned char mask[4];
    std::memcpy(mask, &m_maskState, 4);
    std::memcpy(head + h, mask, 4);
    h += 4;
    const size_t start = c.out.size();
    c.out.append(reinterpret_cast<char *>(head), h);
    c.out.append(data, len);
    char *p = c.out.data() + start + h;
    for (size_t i = 0; i < len; ++i)
        p[i] = static_cast<char>(p[i] ^ mask[i & 3]);
    m_stats.bytesOut += h + len;
}

std::string LoadGen::payload(Conn &c)
{
    char marker[64];
    const int n = std::snprintf(marker, sizeof marker, "~%d.%" PRIu32 ".%" PRIu64 "~", c.index, ++c.seq, nowNs());
    std::string p(marker, static_cast<size_t>(n));
    if (static_cast<int>(p.size()) < m_o.size)
        p.append(m_padding, 0, static_cast<size_t>(m_o.size) - p.size());
    return p;
}

void LoadGen::trySend(Conn &c)
{
    while (c.inflight < m_o.inflight) {
        if (m_o.rate > 0) {
            const double allowed = m_o.rate * static_cast<double>(nowNs() - m_rateStart) / 1e9;
            if (static_cast<double>(m_rateSent) >= allowed) {
                m_waiting.push_back(c.index);
                return;
            }
            ++m_rateSent;
        }
        sendNext(c);
        if (c.fd < 0)
            return;
    }
}

void LoadGen::sendNext(Conn &c)
{
    const std::string p = payload(c);
    ++c.inflight;
    if (c.http) {
        std::string body = c.messageTemplate;
        const auto at = body.find("{payload}");
        if (at != std::string::npos)
            body.replace(at, 9, p);
        c.out += "POST " + m_o.emitUrl.path + " HTTP/1.1\r\nHost: " + m_o.emitUrl.host + "\r\nContent-Type: application/json\r\nContent-Length: " +
            std::to_string(body.size()) + "\r\n\r\n" + body;
        m_stats.bytesOut += body.size();
        c.sentAt.push_back(nowNs());
    } else {
        std::string msg = c.messageTemplate;
        const auto at = msg.find("{payload}");
        if (at != std::string::npos)
            msg.replace(at, 9, p);
        queueFrame(c, m_o.binary ? 2 : 1, msg.data(), msg.size());
        if (m_o.replyAny)
            c.sentAt.push_back(nowNs());
    }
    flush(c);
}

void LoadGen::becomeReady(Conn &c)
{
    c.state = State::Open;
    --m_inProgress;
    ++m_opened;
    if (m_o.mode == "handshake") {
        static const char closeBody[2] = {0x03, static_cast<char>(0xe8)};  // 1000
        queueFrame(c, 8, closeBody, 2);
        c.state = State::Closing;
        flush(c);
        return;
    }
    if (m_sending && c.busy)
        trySend(c);
}

}  // namespace loadgen
