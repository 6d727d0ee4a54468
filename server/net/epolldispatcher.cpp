#include "epolldispatcher.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTimerEvent>

#include <poll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <functional>

namespace sb {

namespace {

qint64 monoNs()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

constexpr uint64_t kWakeKey = 0;  // generation 0 never names a socket

uint64_t key(int fd, uint32_t generation)
{
    return (uint64_t(generation) << 32) | uint32_t(fd);
}

}  // namespace

EpollDispatcher::EpollDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent)
{
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    m_wakeFd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (m_epoll < 0 || m_wakeFd < 0)
        qFatal("EpollDispatcher: cannot create epoll/eventfd: %s", std::strerror(errno));
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = kWakeKey;
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeFd, &ev);
    m_events.resize(256);
}

EpollDispatcher::~EpollDispatcher()
{
    ::close(m_wakeFd);
    ::close(m_epoll);
}

// --- socket notifiers -----------------------------------------------------------------

EpollDispatcher::FdEntry &EpollDispatcher::slot(int fd)
{
    if (size_t(fd) >= m_fds.size())
        m_fds.resize(std::max(size_t(fd) + 1, m_fds.size() * 2));
    return m_fds[size_t(fd)];
}

void EpollDispatcher::updateEpoll(int fd, FdEntry &e)
{
    uint32_t want = 0;
    if (e.notifiers[QSocketNotifier::Read])
        want |= EPOLLIN;
    if (e.notifiers[QSocketNotifier::Write] && !e.knownWritable)
        want |= EPOLLOUT;
    if (e.notifiers[QSocketNotifier::Exception])
        want |= EPOLLPRI;
    if (e.inSet && !e.lingering && want == e.registered)
        return;
    if (want == 0) {
        if (e.inSet && e.accepted) {
            // Its owner is about to close it (QAbstractSocket drops the notifiers, then the
            // descriptor), and closing removes it from the set: no system call here.
            e.lingering = true;
            ++m_removalsLeftToClose;
            return;
        }
        if (e.inSet) {
            ++m_epollCtlCalls;
            epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);  // ENOENT/EBADF: the fd was closed first
            e.inSet = false;
            e.lingering = false;
            e.registered = 0;
        }
        return;
    }
    epoll_event ev{};
    ev.events = want;
    ++m_epollCtlCalls;
    if (e.inSet) {
        ev.data.u64 = key(fd, e.generation);
        // A lingering registration is still ours only if this number still names the
        // socket it was made for: then MOD succeeds; otherwise (closed, the number reused)
        // it fails and the new socket is added afresh.
        if (epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &ev) == 0) {
            e.registered = want;
            e.lingering = false;
            return;
        }
        // The fd was closed (which removes it from the set) and reused behind our back.
        e.inSet = false;
        e.lingering = false;
    }
    e.generation = m_nextGeneration++;
    if (m_nextGeneration == 0)
        m_nextGeneration = 1;
    ev.data.u64 = key(fd, e.generation);
    if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev) != 0) {
        if (errno != EEXIST || epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &ev) != 0) {
            qWarning("EpollDispatcher: cannot watch socket %d: %s", fd, std::strerror(errno));
            return;
        }
    }
    e.inSet = true;
    e.registered = want;
}

void EpollDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const int type = notifier->type();
    FdEntry &e = slot(fd);
    e.notifiers[type] = notifier;
    if (type == QSocketNotifier::Write && !e.knownWritable && !(e.registered & EPOLLOUT)) {
        // Not known yet (a new socket, or one whose last write blocked): ask the kernel
        // once instead of adding EPOLLOUT and taking it out again after one turn. A socket
        // still connecting is not writable (no POLLOUT) and waits for epoll as before.
        pollfd p{fd, POLLOUT, 0};
        ++m_writablePolls;
        if (::poll(&p, 1, 0) == 1 && (p.revents & POLLOUT) && !(p.revents & (POLLERR | POLLHUP | POLLNVAL)))
            e.knownWritable = true;
    }
    if (type == QSocketNotifier::Write && e.knownWritable) {
        // The toggle QAbstractSocket does around every write: no system call, the notifier
        // fires on this turn.
        ++m_writeFastPaths;
        if (!e.writePending) {
            e.writePending = true;
            m_pendingWrites.push_back(fd);
        }
        return;
    }
    updateEpoll(fd, e);
}

void EpollDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const int type = notifier->type();
    FdEntry *found = entry(fd);
    if (!found || found->notifiers[type] != notifier)
        return;
    FdEntry &e = *found;
    e.notifiers[type] = nullptr;
    if (type == QSocketNotifier::Write)
        e.writePending = false;
    updateEpoll(fd, e);
    if (!e.notifiers[0] && !e.notifiers[1] && !e.notifiers[2]) {
        // The next socket on this fd starts afresh (not known writable). A lingering
        // registration keeps its generation, so that a stray event of it is recognised.
        FdEntry fresh;
        if (e.inSet) {
            fresh.inSet = true;
            fresh.lingering = true;
            fresh.registered = e.registered;
            fresh.generation = e.generation;
        }
        e = fresh;
    }
}

int EpollDispatcher::dispatchReady(int n)
{
    int handled = 0;
    for (int i = 0; i < n; ++i) {
        const uint64_t k = m_events[size_t(i)].data.u64;
        if (k == kWakeKey)
            continue;  // drained at the start of the next turn
        const int fd = int(uint32_t(k));
        const uint32_t generation = uint32_t(k >> 32);
        const uint32_t ev = m_events[size_t(i)].events;
        if (FdEntry *e = entry(fd); e && e->lingering && e->generation == generation) {
            // A lingering registration whose socket is still open (its owner only switched
            // its notifiers off): remove it now, or a level-triggered event would spin.
            // One with another generation is an older socket's, still open elsewhere; it is
            // never removed by number, which names a newer socket now.
            ++m_epollCtlCalls;
            ++m_strayRemovals;
            epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
            e->inSet = false;
            e->lingering = false;
            e->registered = 0;
            continue;
        }
        // Every activation may register, unregister or delete notifiers (also of other
        // sockets in this batch): look the entry up again each time, by fd and generation.
        auto find = [&]() -> FdEntry * {
            FdEntry *e = entry(fd);
            return e && e->generation == generation && e->inSet ? e : nullptr;
        };
        auto activate = [&](int type) {
            FdEntry *e = find();
            if (!e || !e->notifiers[type])
                return;
            QEvent event(QEvent::SockAct);
            QCoreApplication::sendEvent(e->notifiers[type], &event);
            ++handled;
        };
        if (ev & (EPOLLIN | EPOLLHUP | EPOLLERR)) {
            FdEntry *e = find();
            if (e && e->readHook && e->notifiers[QSocketNotifier::Read] && !(ev & (EPOLLHUP | EPOLLERR))
                && e->readHook->readReady()) {
                ++m_hookedReads;
                ++handled;
            } else {
                activate(QSocketNotifier::Read);
            }
        }
        if (ev & EPOLLPRI)
            activate(QSocketNotifier::Exception);
        if (ev & (EPOLLOUT | EPOLLHUP | EPOLLERR)) {
            if (FdEntry *e = find(); e && (ev & EPOLLOUT))
                e->knownWritable = true;
            activate(QSocketNotifier::Write);
            afterWriteActivation(fd);
        }
    }
    return handled;
}

void EpollDispatcher::afterWriteActivation(int fd)
{
    // A write notifier still enabled after its activation, and not queued again for this
    // turn: the socket took less than was queued, or its owner keeps the notifier on (a
    // socket that just connected). Let epoll say when it is writable. Looked up by fd only:
    // the handler may have added the fd to the set afresh (new generation), and an enabled
    // notifier must never be left without EPOLLOUT or a queued activation.
    FdEntry *e = entry(fd);
    if (e && e->notifiers[QSocketNotifier::Write] && !e->writePending) {
        e->knownWritable = false;
        updateEpoll(fd, *e);
    }
}

int EpollDispatcher::activateWrites()
{
    int handled = 0;
    while (!m_pendingWrites.empty()) {
        std::vector<int> batch;
        batch.swap(m_pendingWrites);
        for (const int fd : batch) {
            FdEntry *e = entry(fd);
            if (!e || !e->writePending)
                continue;
            e->writePending = false;
            QSocketNotifier *notifier = e->notifiers[QSocketNotifier::Write];
            if (!notifier)
                continue;
            QEvent event(QEvent::SockAct);
            QCoreApplication::sendEvent(notifier, &event);
            ++handled;
            afterWriteActivation(fd);
        }
    }
    return handled;
}

// --- timers ---------------------------------------------------------------------------

void EpollDispatcher::schedule(const Timer &t)
{
    m_heap.push_back({t.deadlineNs, t.id, t.serial});
    std::push_heap(m_heap.begin(), m_heap.end(), std::greater<>());
}

void EpollDispatcher::compactHeap()
{
    m_heap.clear();
    for (const auto &[id, t] : m_timers)
        m_heap.push_back({t.deadlineNs, id, t.serial});
    std::make_heap(m_heap.begin(), m_heap.end(), std::greater<>());
}

void EpollDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object)
{
    const Timer t{timerId, std::max<qint64>(interval, 0), timerType, object,
                  monoNs() + std::max<qint64>(interval, 0) * 1'000'000, m_nextSerial++};
    schedule(t);
    m_timers.insert_or_assign(timerId, t);
    m_byObject[object].append(timerId);
    if (m_heap.size() > 2 * m_timers.size() + 1024)
        compactHeap();  // timers restarted often leave stale heap entries behind
}

bool EpollDispatcher::unregisterTimer(int timerId)
{
    auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return false;
    auto obj = m_byObject.find(it->second.object);
    if (obj != m_byObject.end()) {
        auto &ids = obj->second;
        ids.erase(std::remove(ids.begin(), ids.end(), timerId), ids.end());
        if (ids.empty())
            m_byObject.erase(obj);
    }
    m_timers.erase(it);  // its heap entries are skipped when they surface
    return true;
}

bool EpollDispatcher::unregisterTimers(QObject *object)
{
    auto obj = m_byObject.find(object);
    if (obj == m_byObject.end())
        return false;
    for (const int id : obj->second)
        m_timers.erase(id);
    m_byObject.erase(obj);
    return true;
}

QList<QAbstractEventDispatcher::TimerInfo> EpollDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> out;
    auto obj = m_byObject.find(object);
    if (obj == m_byObject.end())
        return out;
    for (const int id : obj->second) {
        const Timer &t = m_timers.at(id);
        out.append(TimerInfo(id, int(t.intervalMs), t.type));
    }
    return out;
}

int EpollDispatcher::remainingTime(int timerId)
{
    auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return -1;
    const qint64 left = it->second.deadlineNs - monoNs();
    return left <= 0 ? 0 : int((left + 999'999) / 1'000'000);
}

qint64 EpollDispatcher::nextTimeoutMs()
{
    while (!m_heap.empty()) {
        const HeapEntry &top = m_heap.front();
        auto it = m_timers.find(top.id);
        if (it != m_timers.end() && it->second.serial == top.serial && it->second.deadlineNs == top.deadlineNs) {
            const qint64 left = top.deadlineNs - monoNs();
            return left <= 0 ? 0 : (left + 999'999) / 1'000'000;
        }
        std::pop_heap(m_heap.begin(), m_heap.end(), std::greater<>());
        m_heap.pop_back();
    }
    return -1;
}

int EpollDispatcher::activateTimers()
{
    const qint64 now = monoNs();
    m_due.clear();
    while (!m_heap.empty() && m_heap.front().deadlineNs <= now) {
        std::pop_heap(m_heap.begin(), m_heap.end(), std::greater<>());
        const HeapEntry e = m_heap.back();
        m_heap.pop_back();
        auto it = m_timers.find(e.id);
        if (it != m_timers.end() && it->second.serial == e.serial && it->second.deadlineNs == e.deadlineNs)
            m_due.push_back(e);
    }
    if (m_due.empty())
        return 0;
    // Timers fire in deadline order; each is looked up again (an earlier handler may have
    // killed it, or killed it and started another that reuses its id).
    const std::vector<HeapEntry> due = std::move(m_due);
    m_due.clear();
    int fired = 0;
    for (const HeapEntry &e : due) {
        auto it = m_timers.find(e.id);
        if (it == m_timers.end() || it->second.serial != e.serial)
            continue;
        Timer &t = it->second;
        const qint64 interval = t.intervalMs * 1'000'000;
        t.deadlineNs += interval;
        if (t.deadlineNs < now)
            t.deadlineNs = now + interval;
        schedule(t);
        if (t.active)
            continue;  // its handler runs a nested event loop: no re-entrant firing
        t.active = true;
        QObject *object = t.object;
        const quint64 serial = t.serial;
        QTimerEvent event(e.id);
        QCoreApplication::sendEvent(object, &event);
        ++fired;
        it = m_timers.find(e.id);
        if (it != m_timers.end() && it->second.serial == serial)
            it->second.active = false;
    }
    return fired;
}

// --- the loop -------------------------------------------------------------------------

namespace {
thread_local const EpollDispatcher *t_looping = nullptr;  // the dispatcher this thread runs
}  // namespace

void EpollDispatcher::wakeUp()
{
    // Thread-safe. One eventfd write per batch of posts: the flag is cleared only after the
    // eventfd was drained and before the posted events are sent (see processEvents). A post
    // from the loop's own thread needs no write at all: the set flag keeps the loop from
    // blocking, and reading the (non-blocking) eventfd then finds nothing.
    if (t_looping == this) {
        m_wakePending.store(true);
        return;
    }
    if (!m_wakePending.exchange(true)) {
        m_wakeWrites.fetch_add(1, std::memory_order_relaxed);
        const uint64_t one = 1;
        while (::write(m_wakeFd, &one, sizeof one) < 0 && errno == EINTR) {
        }
    }
}

void EpollDispatcher::interrupt()
{
    m_interrupt.store(true);
    wakeUp();
}

bool EpollDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    t_looping = this;
    emit awake();
    m_interrupt.store(false);
    int handled = 0;

    // Posted events. Drain the eventfd, then clear the flag, then send: a post whose wakeUp
    // found the flag still set was queued before the flag was cleared, so it is sent here.
    if (m_wakePending.load()) {
        uint64_t count;
        while (::read(m_wakeFd, &count, sizeof count) < 0 && errno == EINTR) {
        }
        m_wakePending.store(false);
    }
    QCoreApplication::sendPostedEvents();
    if (m_turnEnd)
        m_turnEnd();
    if (m_interrupt.load())
        return true;

    const bool canWait = (flags & QEventLoop::WaitForMoreEvents) && m_pendingWrites.empty() && !m_wakePending.load();
    int timeout = 0;
    if (canWait) {
        const qint64 next = (flags & QEventLoop::X11ExcludeTimers) ? -1 : nextTimeoutMs();
        timeout = next < 0 ? -1 : int(std::min<qint64>(next, INT32_MAX));
        if (timeout != 0)
            emit aboutToBlock();
    }
    int n;
    do {
        n = epoll_wait(m_epoll, m_events.data(), int(m_events.size()), timeout);
    } while (n < 0 && errno == EINTR);
    if (n > 0 && !(flags & QEventLoop::ExcludeSocketNotifiers))
        handled += dispatchReady(n);
    if (!(flags & QEventLoop::X11ExcludeTimers))
        handled += activateTimers();
    if (m_turnEnd)
        m_turnEnd();
    if (!(flags & QEventLoop::ExcludeSocketNotifiers))
        handled += activateWrites();
    if (m_turnEnd)
        m_turnEnd();  // what the write notifiers' signals led to (a peer gone: its presence told)
    if (n == int(m_events.size()) && m_events.size() < 8192)
        m_events.resize(m_events.size() * 2);
    return handled > 0;
}

}  // namespace sb
