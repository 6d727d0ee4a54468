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

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

uint64_t nowNs()
{
    return static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
            .count());
}

[[noreturn]] void die(const std::string &message)
{
    std::fprintf(stderr, "loadgen: %s\n", message.c_str());
    std::exit(2);
}

struct Url {
    bool http = false;
    std::string host;
    uint16_t port = 80;
    std::string path = "/";
};

Url parseUrl(const std::string &text)
{
    Url u;
    std::string rest;
    if (text.rfind("ws://", 0) == 0) {
        rest = text.substr(5);
    } else if (text.rfind("http://", 0) == 0) {
        u.http = true;
        rest = text.substr(7);
    } else {
        die("URL must start with ws:// or http:// (TLS is not benchmarked): " + text);
    }
    const auto slash = rest.find('/');
    const std::string hostPort = slash == std::string::npos ? rest : rest.substr(0, slash);
    if (slash != std::string::npos)
        u.path = rest.substr(slash);
    const auto colon = hostPort.rfind(':');
    if (colon == std::string::npos)
        die("URL needs an explicit port: " + text);
    u.host = hostPort.substr(0, colon);
    u.port = static_cast<uint16_t>(std::atoi(hostPort.c_str() + colon + 1));
    if (u.host == "localhost")
        u.host = "127.0.0.1";
    return u;
}

struct Options {
    std::string mode = "rtt";
    std::string label = "bench";
    std::string target = "switchboard";
    Url url;
    bool haveUrl = false;
    int connections = 100;
    int busy = -1;  // -1: all
    int inflight = 1;
    double duration = 5;
    double warmup = 1;
    int size = 32;
    bool binary = false;
    std::vector<std::string> headers;
    std::vector<std::vector<std::string>> vars;  // per connection, tab-separated fields
    std::string init;
    int readyAfter = -1;  // -1: 1 when there is an init message, else 0
    std::string message = "{payload}";
    bool replyAny = false;
    bool bounce = false;
    bool appPong = false;
    Url emitUrl;
    bool haveEmit = false;
    std::string emitBody = "{\"m\":\"{payload}\"}";
    double rate = 0;  // total sends per second, 0 = as fast as replies come
    int sources = 0;  // 0: auto
    bool allowRemote = false;
    int serverPid = 0;
    int connectConcurrency = 256;
    double settle = 2;
};

std::string substitute(const std::string &tmpl, const std::vector<std::string> &fields, int index)
{
    std::string out;
    out.reserve(tmpl.size() + 32);
    for (size_t i = 0; i < tmpl.size(); ++i) {
        if (tmpl[i] == '{') {
            const auto end = tmpl.find('}', i);
            if (end != std::string::npos) {
                const std::string key = tmpl.substr(i + 1, end - i - 1);
                if (key == "i") {
                    out += std::to_string(index);
                    i = end;
                    continue;
                }
                if (!key.empty() && std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; })) {
                    const size_t f = std::stoul(key);
                    if (f >= fields.size())
                        die("template field {" + key + "} is not in the --vars line");
                    out += fields[f];
                    i = end;
                    continue;
                }
            }
        }
        out += tmpl[i];
    }
    return out;
}

enum class State { Connecting, Handshake, Init, Open, Closing };

struct Conn {
    int fd = -1;
    int index = 0;
    bool busy = false;
    bool http = false;  // an emit publisher
    State state = State::Connecting;
    std::string in;
    size_t inPos = 0;
    std::string out;
    size_t outPos = 0;
    bool epollOut = false;
    uint32_t seq = 0;
    int inflight = 0;
    int initSeen = 0;
    uint64_t cycleStart = 0;  // handshake mode: when the connect began
    std::deque<uint64_t> sentAt;  // reply-any / HTTP: send times in order
    std::string fragment;
    int fragmentOpcode = 0;
    std::string path;
    std::string headerBlock;
    std::string init;
    std::string messageTemplate;
};

struct Stats {
    uint64_t messages = 0;    // own round trips completed
    uint64_t deliveries = 0;  // other connections' markers received
    uint64_t bytesOut = 0;
    std::vector<uint32_t> rtt;       // microseconds
    std::vector<uint32_t> delivery;  // microseconds
    void clear()
    {
        messages = deliveries = bytesOut = 0;
        rtt.clear();
        delivery.clear();
    }
};

class LoadGen
{
public:
    explicit LoadGen(Options o)
        : m_o(std::move(o))
    {
    }

    int run();

private:
    void openConn(Conn &c);
    void closeConn(Conn &c);
    void fail(Conn &c, const char *what);
    void onEvent(Conn &c, uint32_t events);
    void onConnected(Conn &c);
    void onReadable(Conn &c);
    bool parseHandshake(Conn &c);
    void parseFrames(Conn &c);
    void parseHttp(Conn &c);
    void onMessage(Conn &c, int opcode, const char *data, size_t len);
    void becomeReady(Conn &c);
    void sendNext(Conn &c);
    void trySend(Conn &c);
    void queueFrame(Conn &c, int opcode, const char *data, size_t len);
    void flush(Conn &c);
    void setWantWrite(Conn &c, bool want);
    void record(std::vector<uint32_t> &into, uint64_t sentNs);
    std::string payload(Conn &c);
    long readRssKib() const;
    void pace();

    Options m_o;
    int m_ep = -1;
    std::vector<Conn> m_conns;
    Stats m_stats;
    bool m_measuring = false;
    bool m_sending = false;
    uint64_t m_rateStart = 0;
    uint64_t m_rateSent = 0;
    std::deque<int> m_waiting;  // rate pacing: connections ready to send
    int m_opened = 0;           // connections that reached Open (or slots started in handshake mode)
    int m_inProgress = 0;       // connecting or handshaking
    int m_nextToOpen = 0;
    uint64_t m_connectFailures = 0;
    uint64_t m_handshakeFailures = 0;
    uint64_t m_lost = 0;
    uint64_t m_httpErrors = 0;
    uint64_t m_cycles = 0;
    uint32_t m_maskState = 0x9e3779b9u;
    std::string m_padding;
};

void LoadGen::record(std::vector<uint32_t> &into, uint64_t sentNs)
{
    if (!m_measuring)
        return;
    const uint64_t us = (nowNs() - sentNs) / 1000;
    into.push_back(static_cast<uint32_t>(std::min<uint64_t>(us, UINT32_MAX)));
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
    const Url &u = c.http ? m_o.emitUrl : m_o.url;
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
    const Url &u = m_o.url;
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

bool LoadGen::parseHandshake(Conn &c)
{
    const auto end = c.in.find("\r\n\r\n");
    if (end == std::string::npos) {
        if (c.in.size() > 16384)
            fail(c, "handshake (head too large)");
        return false;
    }
    if (c.in.compare(0, 12, "HTTP/1.1 101") != 0) {
        if (m_handshakeFailures < 3)
            std::fprintf(stderr, "loadgen: handshake refused: %.*s\n", static_cast<int>(std::min<size_t>(end, 200)), c.in.c_str());
        errno = 0;
        fail(c, "handshake");
        return false;
    }
    c.inPos = end + 4;
    if (!c.init.empty()) {
        queueFrame(c, 1, c.init.data(), c.init.size());
        flush(c);
        if (c.fd < 0)
            return false;
    }
    const int wait = m_o.readyAfter >= 0 ? m_o.readyAfter : (c.init.empty() ? 0 : 1);
    if (wait == 0)
        becomeReady(c);
    else
        c.state = State::Init;
    return c.fd >= 0;
}

void LoadGen::onMessage(Conn &c, int opcode, const char *data, size_t len)
{
    if (c.state == State::Init) {
        const int wait = m_o.readyAfter >= 0 ? m_o.readyAfter : 1;
        if (++c.initSeen >= wait)
            becomeReady(c);
        return;
    }
    if (c.state != State::Open)
        return;
    const std::string_view text(data, len);
    if (m_o.appPong && text.find("\"type\":\"PING\"") != std::string_view::npos) {
        static const std::string pong = "{\"type\":\"PONG\"}";
        queueFrame(c, 1, pong.data(), pong.size());
        flush(c);
        return;
    }
    const auto tilde = text.find('~');
    if (tilde != std::string_view::npos) {
        int from = 0;
        unsigned seq = 0;
        uint64_t sent = 0;
        if (std::sscanf(data + tilde + 1, "%d.%u.%" SCNu64, &from, &seq, &sent) == 3) {
            if (from == c.index && !m_o.replyAny) {
                ++m_stats.messages;
                record(m_stats.rtt, sent);
                --c.inflight;
                if (m_sending)
                    trySend(c);
            } else if (from != c.index) {
                if (m_measuring)
                    ++m_stats.deliveries;
                record(m_stats.delivery, sent);
                if (m_o.bounce) {
                    queueFrame(c, opcode, data, len);
                    flush(c);
                }
            }
            if (!m_o.replyAny)
                return;
        }
    }
    if (m_o.replyAny && c.busy && !c.sentAt.empty()) {
        ++m_stats.messages;
        record(m_stats.rtt, c.sentAt.front());
        c.sentAt.pop_front();
        --c.inflight;
        if (m_sending)
            trySend(c);
    }
}

void LoadGen::parseFrames(Conn &c)
{
    for (;;) {
        const size_t avail = c.in.size() - c.inPos;
        if (avail < 2)
            break;
        const auto *p = reinterpret_cast<const unsigned char *>(c.in.data() + c.inPos);
        const int opcode = p[0] & 0x0f;
        const bool fin = p[0] & 0x80;
        if (p[1] & 0x80) {
            errno = EPROTO;
            fail(c, "frame (masked frame from the server)");
            return;
        }
        uint64_t len = p[1] & 0x7f;
        size_t h = 2;
        if (len == 126) {
            if (avail < 4)
                break;
            len = (uint64_t(p[2]) << 8) | p[3];
            h = 4;
        } else if (len == 127) {
            if (avail < 10)
                break;
            len = 0;
            for (int i = 0; i < 8; ++i)
                len = (len << 8) | p[2 + i];
            h = 10;
        }
        if (avail < h + len)
            break;
        const char *data = c.in.data() + c.inPos + h;
        c.inPos += h + len;
        switch (opcode) {
        case 0x9:  // ping → pong
            queueFrame(c, 0xA, data, len);
            flush(c);
            break;
        case 0xA:
            break;
        case 0x8:
            if (c.state == State::Closing)
                break;  // the server's answer; EOF follows
            errno = 0;
            if (c.state == State::Open || c.state == State::Init) {
                if (m_lost + m_handshakeFailures < 3 && len >= 2)
                    std::fprintf(stderr, "loadgen: connection %d closed by the server: %u %.*s\n", c.index,
                                 (unsigned(uint8_t(data[0])) << 8) | uint8_t(data[1]), static_cast<int>(len - 2), data + 2);
            }
            fail(c, "connection (closed by the server)");
            return;
        case 0x0:
            c.fragment.append(data, len);
            if (fin) {
                const std::string whole = std::move(c.fragment);
                c.fragment.clear();
                onMessage(c, c.fragmentOpcode, whole.data(), whole.size());
            }
            break;
        default:
            if (!fin) {
                c.fragmentOpcode = opcode;
                c.fragment.assign(data, len);
            } else {
                onMessage(c, opcode, data, len);
            }
        }
        if (c.fd < 0)
            return;
    }
}

void LoadGen::parseHttp(Conn &c)
{
    for (;;) {
        const auto end = c.in.find("\r\n\r\n", c.inPos);
        if (end == std::string::npos)
            return;
        size_t contentLength = 0;
        const std::string_view head(c.in.data() + c.inPos, end - c.inPos);
        for (size_t pos = 0; pos < head.size();) {
            auto eol = head.find("\r\n", pos);
            if (eol == std::string_view::npos)
                eol = head.size();
            std::string_view line = head.substr(pos, eol - pos);
            if (line.size() > 15 && strncasecmp(line.data(), "content-length:", 15) == 0)
                contentLength = std::strtoul(std::string(line.substr(15)).c_str(), nullptr, 10);
            pos = eol + 2;
        }
        if (c.in.size() < end + 4 + contentLength)
            return;
        const bool ok = head.size() > 12 && head[9] == '2';
        if (!ok) {
            ++m_httpErrors;
            if (m_httpErrors <= 3)
                std::fprintf(stderr, "loadgen: emit answered %.*s\n", static_cast<int>(std::min<size_t>(head.size(), 120)),
                             head.data());
        }
        c.inPos = end + 4 + contentLength;
        if (!c.sentAt.empty()) {
            if (ok)
                ++m_stats.messages;
            record(m_stats.rtt, c.sentAt.front());
            c.sentAt.pop_front();
            --c.inflight;
        }
        if (m_sending)
            trySend(c);
        if (c.fd < 0)
            return;
    }
}

void LoadGen::onReadable(Conn &c)
{
    char buf[65536];
    bool eof = false;
    const int fd = c.fd;
    for (;;) {
        const ssize_t n = ::recv(c.fd, buf, sizeof buf, 0);
        if (n > 0) {
            c.in.append(buf, static_cast<size_t>(n));
            if (static_cast<size_t>(n) < sizeof buf)
                break;
            continue;
        }
        if (n == 0) {
            // EOF
            if (c.state == State::Closing) {
                ++m_cycles;
                if (m_measuring)
                    ++m_stats.messages;
                record(m_stats.rtt, c.cycleStart);
                closeConn(c);
                if (m_sending)
                    openConn(c);
                return;
            }
            // Parse what arrived first (a close frame with its reason), then fail.
            eof = true;
            break;
        }
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            break;
        if (errno == EINTR)
            continue;
        fail(c, "recv");
        return;
    }
    if (c.state == State::Handshake && !parseHandshake(c))
        return;
    if (c.http)
        parseHttp(c);
    else if (c.state != State::Connecting && c.state != State::Handshake)
        parseFrames(c);
    if (c.fd != fd)
        return;
    if (eof) {
        errno = ECONNRESET;
        fail(c, "connection (EOF)");
        return;
    }
    if (c.inPos > 0 && (c.inPos == c.in.size() || c.inPos > 65536)) {
        c.in.erase(0, c.inPos);
        c.inPos = 0;
    }
}

void LoadGen::onEvent(Conn &c, uint32_t events)
{
    const int fd = c.fd;  // a failed slot may reopen with a new socket: these events were not for it
    if (c.state == State::Connecting) {
        if (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))
            onConnected(c);
    } else if (events & EPOLLOUT) {
        flush(c);
    }
    if (c.fd != fd)
        return;
    if (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) {
        onReadable(c);
        if (c.fd == fd && (events & (EPOLLHUP | EPOLLERR)) && c.state != State::Closing) {
            errno = ECONNRESET;
            fail(c, "connection");
        }
    }
}

long LoadGen::readRssKib() const
{
    if (m_o.serverPid <= 0)
        return -1;
    std::ifstream status("/proc/" + std::to_string(m_o.serverPid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0)
            return std::atol(line.c_str() + 6);
    }
    return -1;
}

void LoadGen::pace()
{
    while (!m_waiting.empty()) {
        const double allowed = m_o.rate * static_cast<double>(nowNs() - m_rateStart) / 1e9;
        if (static_cast<double>(m_rateSent) >= allowed)
            return;
        Conn &c = m_conns[static_cast<size_t>(m_waiting.front())];
        m_waiting.pop_front();
        if (c.fd < 0 || c.state != State::Open || c.inflight >= m_o.inflight)
            continue;
        ++m_rateSent;
        sendNext(c);
    }
}

uint32_t percentile(std::vector<uint32_t> &v, double p)
{
    if (v.empty())
        return 0;
    const size_t k = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
    std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
    return v[k];
}

int LoadGen::run()
{
    rlimit rl{};
    getrlimit(RLIMIT_NOFILE, &rl);
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);

    m_ep = epoll_create1(EPOLL_CLOEXEC);
    m_padding.assign(static_cast<size_t>(std::max(m_o.size, 0)), 'x');
    const bool handshake = m_o.mode == "handshake";
    const int busy = m_o.busy < 0 ? m_o.connections : std::min(m_o.busy, m_o.connections);
    const int publishers = m_o.haveEmit ? busy : 0;
    const int total = m_o.connections + publishers;
    m_conns.resize(static_cast<size_t>(total));
    std::string headerTemplate;
    for (const auto &h : m_o.headers)
        headerTemplate += h + "\r\n";
    static const std::vector<std::string> noFields;
    for (int i = 0; i < total; ++i) {
        Conn &c = m_conns[static_cast<size_t>(i)];
        c.index = i;
        const bool isPublisher = i >= m_o.connections;
        const auto &fields = m_o.vars.empty() ? noFields : m_o.vars[static_cast<size_t>(i) % m_o.vars.size()];
        c.http = isPublisher;
        c.busy = m_o.haveEmit ? isPublisher : i < busy;
        c.path = substitute(m_o.url.path, fields, i);
        c.headerBlock = substitute(headerTemplate, fields, i);
        c.init = substitute(m_o.init, fields, i);
        c.messageTemplate = substitute(isPublisher ? m_o.emitBody : m_o.message, fields, i);
    }

    const uint64_t start = nowNs();
    const long rssBefore = readRssKib();
    epoll_event events[1024];
    auto loopFor = [&](uint64_t untilNs, bool stopWhenOpen) {
        while (nowNs() < untilNs) {
            if (!handshake) {
                while (m_nextToOpen < total && m_inProgress < m_o.connectConcurrency)
                    openConn(m_conns[static_cast<size_t>(m_nextToOpen++)]);
                if (stopWhenOpen && m_nextToOpen == total && m_inProgress == 0)
                    return;
            }
            const int timeout = !m_waiting.empty() ? 1 : 5;
            const int n = epoll_wait(m_ep, events, 1024, timeout);
            for (int i = 0; i < n; ++i) {
                Conn &c = m_conns[events[i].data.u32];
                if (c.fd >= 0)
                    onEvent(c, events[i].events);
            }
            if (!m_waiting.empty())
                pace();
        }
    };

    uint64_t connectNs = 0;
    if (!handshake) {
        loopFor(start + 120'000'000'000ull, true);
        connectNs = nowNs() - start;
        if (m_opened < total)
            std::fprintf(stderr, "loadgen: %d of %d connections opened\n", m_opened, total);
    }
    long rssAfter = -1;
    if (m_o.mode == "idle") {
        loopFor(nowNs() + static_cast<uint64_t>(m_o.settle * 1e9), false);
        rssAfter = readRssKib();
    } else {
        m_sending = true;
        m_rateStart = nowNs();
        if (handshake) {
            for (auto &c : m_conns)
                openConn(c);
        } else {
            for (auto &c : m_conns)
                if (c.busy && c.state == State::Open)
                    trySend(c);
        }
        loopFor(nowNs() + static_cast<uint64_t>(m_o.warmup * 1e9), false);
        m_stats.clear();
        m_measuring = true;
    }
    const uint64_t measureStart = nowNs();
    if (m_o.mode != "idle")
        loopFor(measureStart + static_cast<uint64_t>(m_o.duration * 1e9), false);
    const double seconds = static_cast<double>(nowNs() - measureStart) / 1e9;
    m_measuring = false;

    const double perSec = m_o.mode == "idle" ? 0 : static_cast<double>(m_stats.messages) / seconds;
    const double deliveriesPerSec = m_o.mode == "idle" ? 0 : static_cast<double>(m_stats.deliveries) / seconds;
    int open = 0;
    for (const auto &c : m_conns)
        open += c.fd >= 0 && c.state == State::Open;
    const double kibPerConn = (rssBefore > 0 && rssAfter > 0 && m_opened > 0)
        ? static_cast<double>(rssAfter - rssBefore) / m_opened
        : -1;
    auto &rtt = m_stats.rtt;
    auto &del = m_stats.delivery;
    const uint64_t errors = m_connectFailures + m_handshakeFailures + m_lost + m_httpErrors;
    std::printf("{\"scenario\":\"%s\",\"target\":\"%s\",\"mode\":\"%s\",\"connections\":%d,\"busy\":%d,"
                "\"seconds\":%.2f,\"messages\":%" PRIu64 ",\"per_second\":%.0f,\"deliveries\":%" PRIu64
                ",\"deliveries_per_second\":%.0f,\"rtt_p50_us\":%u,\"rtt_p90_us\":%u,\"rtt_p99_us\":%u,"
                "\"delivery_p50_us\":%u,\"delivery_p99_us\":%u,\"connect_ms\":%.0f,\"open\":%d,"
                "\"rss_before_kib\":%ld,\"rss_after_kib\":%ld,\"kib_per_connection\":%.2f,"
                "\"connect_failures\":%" PRIu64 ",\"handshake_failures\":%" PRIu64 ",\"lost\":%" PRIu64
                ",\"http_errors\":%" PRIu64 ",\"errors\":%" PRIu64 "}\n",
                m_o.label.c_str(), m_o.target.c_str(), m_o.mode.c_str(), m_o.connections, busy, seconds, m_stats.messages,
                perSec, m_stats.deliveries, deliveriesPerSec, percentile(rtt, 0.5), percentile(rtt, 0.9),
                percentile(rtt, 0.99), percentile(del, 0.5), percentile(del, 0.99), static_cast<double>(connectNs) / 1e6,
                open, rssBefore, rssAfter, kibPerConn, m_connectFailures, m_handshakeFailures, m_lost, m_httpErrors,
                errors);
    std::fflush(stdout);
    std::fprintf(stderr, "%-16s %-12s conns %6d busy %5d  %10.0f/s  deliveries %10.0f/s  p50 %6u us  p99 %7u us  errors %" PRIu64 "\n",
                 m_o.label.c_str(), m_o.target.c_str(), m_o.connections, busy, perSec, deliveriesPerSec,
                 percentile(rtt, 0.5), percentile(rtt, 0.99), errors);
    for (auto &c : m_conns)
        closeConn(c);
    return 0;
}

bool isLoopback(const std::string &host)
{
    in_addr a{};
    if (inet_pton(AF_INET, host.c_str(), &a) != 1)
        die("the target must be an IPv4 address or localhost: " + host);
    return (ntohl(a.s_addr) >> 24) == 127;
}

void usage()
{
    std::fputs(
        "usage: loadgen --url ws://127.0.0.1:PORT/PATH [options]\n"
        "  --mode rtt|handshake|idle   (rtt)\n"
        "  --connections N             WebSocket connections (100)\n"
        "  --busy N                    of those, how many send (all); the rest only listen\n"
        "  --inflight N                messages in flight per busy connection (1)\n"
        "  --duration S --warmup S     measuring time (5) after a warm-up (1)\n"
        "  --size BYTES                payload size: marker plus padding (32)\n"
        "  --binary                    send binary frames\n"
        "  --message TEMPLATE          message text, {payload} is the marker ({payload})\n"
        "  --header 'K: V'             extra handshake header (repeatable)\n"
        "  --vars FILE                 tab-separated fields per connection (line i %% lines),\n"
        "                              used as {0} {1}... in the URL path, headers, --init, --message\n"
        "  --init TEXT                 first message after the handshake (e.g. 'Bearer {0}')\n"
        "  --ready-after N             messages to wait for before a connection is ready\n"
        "  --reply own|any             own marker back (own) or any message (any)\n"
        "  --bounce                    send other connections' messages back (room relay)\n"
        "  --app-pong                  answer {\"type\":\"PING\"} with {\"type\":\"PONG\"}\n"
        "  --emit-url http://...       busy senders become HTTP keep-alive POST publishers\n"
        "  --emit-body TEMPLATE        their body ({\"m\":\"{payload}\"})\n"
        "  --rate R                    total sends per second (0 = closed loop)\n"
        "  --sources N                 source addresses 127.0.0.1..N (auto)\n"
        "  --server-pid PID            read the server's RSS (idle mode)\n"
        "  --settle S                  idle mode: wait before reading RSS (2)\n"
        "  --label NAME --target NAME  names in the report\n"
        "  --allow-remote              allow a non-loopback target\n",
        stderr);
}

}  // namespace

int main(int argc, char **argv)
{
    Options o;
    auto need = [&](int &i) -> std::string {
        if (i + 1 >= argc)
            die(std::string("missing value for ") + argv[i]);
        return argv[++i];
    };
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--url") {
            o.url = parseUrl(need(i));
            o.haveUrl = true;
            if (o.url.http)
                die("--url must be ws://");
        } else if (a == "--mode") {
            o.mode = need(i);
            if (o.mode != "rtt" && o.mode != "handshake" && o.mode != "idle")
                die("unknown mode " + o.mode);
        } else if (a == "--connections") {
            o.connections = std::atoi(need(i).c_str());
        } else if (a == "--busy") {
            o.busy = std::atoi(need(i).c_str());
        } else if (a == "--inflight") {
            o.inflight = std::max(1, std::atoi(need(i).c_str()));
        } else if (a == "--duration") {
            o.duration = std::atof(need(i).c_str());
        } else if (a == "--warmup") {
            o.warmup = std::atof(need(i).c_str());
        } else if (a == "--size") {
            o.size = std::atoi(need(i).c_str());
        } else if (a == "--binary") {
            o.binary = true;
        } else if (a == "--message") {
            o.message = need(i);
        } else if (a == "--header") {
            o.headers.push_back(need(i));
        } else if (a == "--vars") {
            std::ifstream f(need(i));
            if (!f)
                die(std::string("cannot read ") + argv[i]);
            std::string line;
            while (std::getline(f, line)) {
                if (line.empty())
                    continue;
                std::vector<std::string> fields;
                size_t pos = 0;
                for (;;) {
                    const auto tab = line.find('\t', pos);
                    fields.push_back(line.substr(pos, tab == std::string::npos ? std::string::npos : tab - pos));
                    if (tab == std::string::npos)
                        break;
                    pos = tab + 1;
                }
                o.vars.push_back(std::move(fields));
            }
        } else if (a == "--init") {
            o.init = need(i);
        } else if (a == "--ready-after") {
            o.readyAfter = std::atoi(need(i).c_str());
        } else if (a == "--reply") {
            const std::string r = need(i);
            if (r != "own" && r != "any")
                die("--reply must be own or any");
            o.replyAny = r == "any";
        } else if (a == "--bounce") {
            o.bounce = true;
        } else if (a == "--app-pong") {
            o.appPong = true;
        } else if (a == "--emit-url") {
            o.emitUrl = parseUrl(need(i));
            o.haveEmit = true;
            if (!o.emitUrl.http)
                die("--emit-url must be http://");
        } else if (a == "--emit-body") {
            o.emitBody = need(i);
        } else if (a == "--rate") {
            o.rate = std::atof(need(i).c_str());
        } else if (a == "--sources") {
            o.sources = std::atoi(need(i).c_str());
        } else if (a == "--server-pid") {
            o.serverPid = std::atoi(need(i).c_str());
        } else if (a == "--settle") {
            o.settle = std::atof(need(i).c_str());
        } else if (a == "--label") {
            o.label = need(i);
        } else if (a == "--target") {
            o.target = need(i);
        } else if (a == "--allow-remote") {
            o.allowRemote = true;
        } else if (a == "--help" || a == "-h") {
            usage();
            return 0;
        } else {
            usage();
            die("unknown option " + a);
        }
    }
    if (!o.haveUrl) {
        usage();
        die("--url is required");
    }
    if (!o.allowRemote && (!isLoopback(o.url.host) || (o.haveEmit && !isLoopback(o.emitUrl.host))))
        die("refusing a non-loopback target without --allow-remote");
    if (o.connections < 1)
        die("--connections must be at least 1");
    return LoadGen(std::move(o)).run();
}
