#pragma once
// loadgen's parts: options, per-connection state and the generator itself. See loadgen.cpp
// for what it does; loadgen_options.cpp reads the command line, loadgen_run.cpp runs and
// reports.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <string>
#include <vector>

namespace loadgen {

inline uint64_t nowNs()
{
    return static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
            .count());
}

[[noreturn]] inline void die(const std::string &message)
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

struct Options {
    std::string mode = "rtt";
    std::string label = "bench";
    std::string target = "switchboard";
    std::vector<Url> urls;  // connection i goes to urls[i % size] (--url is repeatable)
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

// Fills {i} (the connection's index) and {0} {1}... (its --vars fields) into a template.
std::string substitute(const std::string &tmpl, const std::vector<std::string> &fields, int index);

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
    const Url *url = nullptr;  // its server (emit publishers: emitUrl)
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
    // The oldest send of `c` (reply-any, HTTP) was answered: its latency, its slot free again;
    // `counted`: it counts as a message.
    void answerOldest(Conn &c, bool counted);
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

}  // namespace loadgen
