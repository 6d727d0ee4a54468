// loadgen: the command line.

#include "loadgen.h"

#include <arpa/inet.h>

#include <algorithm>
#include <fstream>

namespace loadgen {
namespace {

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
        "  --url URL (repeated)        connection i goes to the (i mod n)-th (nodes of a cluster)\n"
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

}  // namespace loadgen

using namespace loadgen;

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
            o.urls.push_back(parseUrl(need(i)));
            if (o.urls.back().http)
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
    if (o.urls.empty()) {
        usage();
        die("--url is required");
    }
    const bool remote = std::any_of(o.urls.begin(), o.urls.end(), [](const Url &u) { return !isLoopback(u.host); });
    if (!o.allowRemote && (remote || (o.haveEmit && !isLoopback(o.emitUrl.host))))
        die("refusing a non-loopback target without --allow-remote");
    if (o.connections < 1)
        die("--connections must be at least 1");
    return LoadGen(std::move(o)).run();
}
