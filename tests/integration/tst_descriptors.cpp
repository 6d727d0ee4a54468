// Running out of file descriptors (SPEC §8): the limit is raised at start and connections
// are kept below it; when descriptors run out anyway, waiting connections are answered 503
// through the spare descriptor, no thread spins on accept(), and accepting resumes once
// descriptors are free again.
#include "net/descriptors.h"
#include "testserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTest>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace sbtest;

namespace {
double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Connects a socket made beforehand (no new descriptor needed) and returns what the server
// answered a request with, within `ms`.
QByteArray ask(int fd, quint16 port, int ms)
{
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0)
        return "connect failed";
    const char req[] = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    (void)!::send(fd, req, sizeof req - 1, MSG_NOSIGNAL);
    timeval tv{ms / 1000, (ms % 1000) * 1000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    QByteArray got;
    char buf[1024];
    for (;;) {
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0)
            break;
        got.append(buf, n);
    }
    return got;
}
}  // namespace

class TestDescriptors : public QObject
{
    Q_OBJECT
private slots:
    void limitIsRaisedAndBudgetLeavesAReserve()
    {
        rlimit rl{};
        getrlimit(RLIMIT_NOFILE, &rl);
        const int soft = sb::raiseDescriptorLimit();
        getrlimit(RLIMIT_NOFILE, &rl);
        QCOMPARE(rlim_t(soft), qMin<rlim_t>(rl.rlim_max, rlim_t(1) << 30));
        QCOMPARE(rl.rlim_cur, rl.rlim_max);
        QCOMPARE(sb::connectionBudget(128, 6), 128 - 64 - 24);
        QCOMPARE(sb::connectionBudget(1 << 20, 6), (1 << 20) - 1024 - 24);
        QVERIFY(sb::connectionBudget(10, 6) >= 1);
    }

    void serverFullOfDescriptorsShedsAndBacksOff()
    {
        TestServer server([](sb::ServerConfig &c) { c.workers = 1; });
        QVERIFY2(server.ok(), qPrintable(server.error()));
        const quint16 port = server.port();
        // Client sockets first: connecting them needs no descriptor later.
        std::vector<int> clients;
        for (int i = 0; i < 6; ++i)
            clients.push_back(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
        // Every descriptor taken (the server's limit is the process's).
        rlimit saved{};
        getrlimit(RLIMIT_NOFILE, &saved);
        rlimit low = saved;
        low.rlim_cur = rlim_t(QDir(QStringLiteral("/proc/self/fd")).count() + 8);
        QCOMPARE(setrlimit(RLIMIT_NOFILE, &low), 0);
        std::vector<int> fillers;
        for (int fd; (fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC)) >= 0;)
            fillers.push_back(fd);
        QCOMPARE(errno, EMFILE);

        const QByteArray first = ask(clients[0], port, 3000);
        QVERIFY2(first.startsWith("HTTP/1.1 503"), first.constData());
        QVERIFY(first.contains("SERVER_FULL"));
        QVERIFY(first.contains("Retry-After: 5"));
        // While full and idle, accept() is not retried in a loop.
        const double before = cpuSeconds();
        QTest::qWait(1000);
        QVERIFY2(cpuSeconds() - before < 0.2, qPrintable(QString::number(cpuSeconds() - before)));
        // A second one waits at most a back-off, then is shed the same way.
        QElapsedTimer t;
        t.start();
        const QByteArray second = ask(clients[1], port, 3000);
        QVERIFY2(second.startsWith("HTTP/1.1 503"), second.constData());
        QVERIFY(t.elapsed() < 2000);

        for (int fd : fillers)
            ::close(fd);
        QCOMPARE(setrlimit(RLIMIT_NOFILE, &saved), 0);
        // Descriptors are back: served normally after the back-off.
        QTest::qWait(1100);
        const QByteArray third = ask(clients[2], port, 3000);
        QVERIFY2(third.startsWith("HTTP/1.1 200"), third.constData());
        for (int fd : clients)
            ::close(fd);
    }
};

QTEST_GUILESS_MAIN(TestDescriptors)
#include "tst_descriptors.moc"
