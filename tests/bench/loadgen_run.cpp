// loadgen: opening the connections, the measuring loop, and the report.

#include "loadgen.h"

#include <sys/epoll.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <cstring>
#include <fstream>

namespace loadgen {

namespace {
uint32_t percentile(std::vector<uint32_t> &v, double p)
{
    if (v.empty())
        return 0;
    const size_t k = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
    std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
    return v[k];
}
}  // namespace

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
        c.url = isPublisher ? &m_o.emitUrl : &m_o.urls[static_cast<size_t>(i) % m_o.urls.size()];
        c.path = substitute(c.url->path, fields, i);
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

}  // namespace loadgen
