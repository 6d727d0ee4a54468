#include "descriptors.h"

#include <QMutex>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

namespace sb {

namespace {
QMutex g_spareMutex;
}  // namespace

int raiseDescriptorLimit()
{
    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return 1024;
    if (rl.rlim_cur < rl.rlim_max) {
        rlimit raised = rl;
        raised.rlim_cur = rl.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            rl = raised;
    }
    return rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > rlim_t(1 << 30) ? (1 << 30) : int(rl.rlim_cur);
}

int connectionBudget(int limit, int threads)
{
    // An idle server holds ~30 descriptors, each thread's SQLite connection 3 more; the GUI,
    // file transfers and the admin path need room too. An eighth of the limit (64 to 1024)
    // plus 4 per thread.
    const int reserve = qBound(64, limit / 8, 1024) + 4 * threads;
    return qMax(1, limit - reserve);
}

SpareDescriptor &SpareDescriptor::instance()
{
    static SpareDescriptor s;
    return s;
}

SpareDescriptor::SpareDescriptor()
{
    reopen();
}

void SpareDescriptor::reopen()
{
    if (m_fd < 0)
        m_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
}

bool SpareDescriptor::shedOne(int listenFd, bool answerHttp)
{
    static const char k503[] =
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: 68\r\n"
        "Retry-After: 5\r\nConnection: close\r\n\r\n"
        "{\"detail\":\"the server has no connections left\",\"code\":\"SERVER_FULL\"}";
    static_assert(sizeof "{\"detail\":\"the server has no connections left\",\"code\":\"SERVER_FULL\"}" - 1 == 68);
    QMutexLocker lock(&g_spareMutex);
    reopen();  // another thread may have freed one since it was last let go
    if (m_fd < 0)
        return false;
    ::close(m_fd);
    m_fd = -1;
    const int fd = ::accept4(listenFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) {
        if (answerHttp) {
            // Read what already arrived (a request head), so that closing does not reset the
            // connection before the answer is read.
            char scratch[4096];
            for (int i = 0; i < 16 && ::recv(fd, scratch, sizeof scratch, MSG_DONTWAIT) > 0; ++i) {
            }
            (void)!::send(fd, k503, sizeof k503 - 1, MSG_DONTWAIT | MSG_NOSIGNAL);
        }
        ::close(fd);
    }
    reopen();
    return fd >= 0;
}

}  // namespace sb
