// libFuzzer target: the WebSocket frame path of every service's first message, end to end.
// A real server runs in this process (all five services on 127.0.0.1, port 0); each input
// opens a real connection, completes the handshake, and writes the input's bytes as the
// client's byte stream: frames as WsReader parses them, into the session of the service the
// first byte picks, as its first message(s). The second byte's low bit authenticates first
// (chat's Bearer message, pop's authorization) so that what follows an authentication is
// reached too. The connection ends with a ping the server must answer, unless the bytes made
// it close: either way every input must leave the server serving (a crash, a hang or an
// ASan report is a finding). Slower than the pure parser targets (a connection per input).
#include "accounts/accountstore.h"
#include "config.h"
#include "serverhost.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <sys/socket.h>

namespace {

struct Target {
    const char *service;
    QByteArray path;
    QByteArray headers;
    QByteArray authFrame;  // the authentication message, when the input asks for it
};

// A masked client frame.
QByteArray frame(int opcode, const QByteArray &payload)
{
    QByteArray out;
    out.append(char(0x80 | opcode));
    const qsizetype n = payload.size();
    if (n < 126) {
        out.append(char(0x80 | n));
    } else {
        out.append(char(0x80 | 126));
        out.append(char(n >> 8)).append(char(n & 0xff));
    }
    const char key[4] = {0x12, 0x34, 0x56, 0x78};
    out.append(key, 4);
    for (qsizetype i = 0; i < n; ++i)
        out.append(char(payload[i] ^ key[i % 4]));
    return out;
}

struct World {
    std::unique_ptr<QCoreApplication> app;
    QTemporaryDir dir;
    std::unique_ptr<sb::ServerHost> host;
    QList<Target> targets;
    QHash<QString, quint16> ports;

    World()
    {
        static int argc = 1;
        static char name[] = "fuzz_firstmessage";
        static char *argv[] = {name, nullptr};
        if (!QCoreApplication::instance())
            app = std::make_unique<QCoreApplication>(argc, argv);
        sb::ServerConfig c = sb::ServerConfig::defaults();
        c.dataDir = dir.path();
        c.workers = 1;
        for (sb::ListenerConfig &l : c.listeners) {
            l.port = 0;
            l.address = QStringLiteral("127.0.0.1");
        }
        for (auto &s : c.services) {
            s.limits.unauthenticatedMs = 2000;
            s.limits.messagesPerSecond = 1'000'000;
            s.limits.frameBytes = 64 * 1024;
            s.limits.messageBytes = 64 * 1024;
        }
        host = std::make_unique<sb::ServerHost>(c);
        QString error;
        if (!host->start(&error)) {
            std::fprintf(stderr, "cannot start the server: %s\n", qPrintable(error));
            abort();
        }
        for (const sb::ListenerStatus &l : host->listeners()) {
            for (const QString &s : l.services)
                ports.insert(s, l.port);
        }
        sb::AccountStore &a = host->accounts();
        sb::AccountStore::Error err;
        const auto me = a.createUser(QStringLiteral("fuzz@fuzz.test"), QStringLiteral("pw"), QStringLiteral("premium"), 100, &err);
        const auto other = a.createUser(QStringLiteral("peer@fuzz.test"), QStringLiteral("pw"), QStringLiteral("member"), 0, &err);
        const QByteArray token = a.issueAccessToken(me->id).toLatin1();
        const QByteArray bot = a.createApiToken(QStringLiteral("fuzz"), QStringLiteral("private"), &err);
        targets = {
            {"generic", "/echo", {}, {}},
            {"generic", "/chat/fuzz", "Cookie: sb_session=" + token + "\r\n", {}},
            {"chat", "/members/chat/?other_member_id=" + QByteArray::number(other->id), {}, frame(1, "Bearer " + token)},
            {"channels", "/fuzz/listen", {}, {}},
            {"felix", "/", "Authorization: " + bot + "\r\n", {}},
            {"pop", "/", {}, frame(1, "{\"authorization\":\"Bearer " + token + "\"}")},
        };
    }
};

World &world()
{
    static World w;
    return w;
}

// Reads until `done` says so, the peer closes, or `ms` pass.
template <typename Done>
void readUntil(QTcpSocket &s, QByteArray &got, int ms, Done done)
{
    QElapsedTimer t;
    t.start();
    while (!done(got) && t.elapsed() < ms && s.state() == QAbstractSocket::ConnectedState) {
        if (s.waitForReadyRead(20))
            got += s.readAll();
    }
    got += s.readAll();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    World &w = world();
    const Target &t = w.targets[data[0] % w.targets.size()];
    const bool authenticate = data[1] & 1;
    const QByteArray input(reinterpret_cast<const char *>(data) + 2, qsizetype(size) - 2);

    QTcpSocket s;
    s.connectToHost(QStringLiteral("127.0.0.1"), w.ports.value(QString::fromLatin1(t.service)));
    if (!s.waitForConnected(2000))
        abort();  // the server stopped accepting
    s.write("GET " + t.path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + t.headers + "\r\n");
    QByteArray got;
    readUntil(s, got, 3000, [](const QByteArray &g) { return g.contains("\r\n\r\n"); });
    if (!got.startsWith("HTTP/1.1 101"))
        abort();  // a valid handshake must always be taken
    if (authenticate && !t.authFrame.isEmpty())
        s.write(t.authFrame);
    s.write(input);
    // A ping the server answers once it has handled everything before it, then the end of
    // what this client sends: a frame the input left unfinished ends there, and the server
    // closes instead of waiting for the rest.
    s.write(frame(9, "fuzz-end"));
    s.flush();
    while (s.bytesToWrite() > 0 && s.waitForBytesWritten(1000)) {
    }
    ::shutdown(int(s.socketDescriptor()), SHUT_WR);
    got.clear();
    readUntil(s, got, 2000, [](const QByteArray &g) { return g.contains("fuzz-end"); });
    s.abort();
    return 0;
}
