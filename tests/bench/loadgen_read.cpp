// loadgen (loadgen.cpp): what comes back on a connection — the handshake's answer, the
// server's frames (round trips, deliveries, pings, close) and the HTTP answers of emit
// publishers — and the socket events that read it.

#include "loadgen.h"

#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <cstring>
#include <string_view>

namespace loadgen {

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
        answerOldest(c, true);
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
        if (!c.sentAt.empty())
            answerOldest(c, ok);
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

}  // namespace loadgen
