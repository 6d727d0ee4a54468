#pragma once
// An epoll-based event dispatcher for the worker threads (Linux, public Qt API only).
//
// Qt's default dispatchers cost O(all sockets) per loop turn: the glib one walks every fd
// whenever a notifier toggles, the UNIX one rebuilds a poll set. Here a turn costs
// O(ready sockets): notifiers live in one epoll set, timers in a heap, posted events are
// signalled through an eventfd. QAbstractSocket toggles its write notifier on and off
// around every write; for a socket epoll already reported writable that toggle costs no
// system call: the notifier is activated on the same turn, and only a write that could
// not finish puts EPOLLOUT into the set. Install with QThread::setEventDispatcher() before
// the thread starts. See docs/performance.md.

#include <QAbstractEventDispatcher>
#include <QSocketNotifier>
#include <QList>
#include <QVarLengthArray>

#include <sys/epoll.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

namespace sb {

// Reads a socket's bytes itself when epoll says it is readable, instead of its read notifier
// (EpollDispatcher::setReadHook). readReady() returns false to let the notifier run after all
// (the end of the stream, an error, or a reader that is not reading now).
class ReadHook
{
public:
    virtual bool readReady() = 0;

protected:
    ~ReadHook() = default;
};

class EpollDispatcher final : public QAbstractEventDispatcher
{
    Q_OBJECT
public:
    explicit EpollDispatcher(QObject *parent = nullptr);
    ~EpollDispatcher() override;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;

    // The caller vouches that `fd` just came out of accept(), and that the descriptor is
    // never duplicated (or shared with a child process): a connected TCP socket with an
    // empty send buffer. Its first write notifier then fires on its turn without asking the
    // kernel (a handshake's 101 costs no poll()), and when its last notifier goes, the
    // socket stays in the epoll set instead of an EPOLL_CTL_DEL just before close() (the
    // kernel drops a closed descriptor from the set itself; a stray event of one left open
    // removes it then). Call before the socket's notifiers exist.
    void noteAccepted(int fd)
    {
        if (fd < 0)
            return;
        // The number came back from accept(): whatever used it before is closed, and with
        // it any registration left in the set.
        FdEntry &e = slot(fd);
        e = FdEntry{};
        e.knownWritable = true;
        e.accepted = true;
    }

    // Until `fd`'s notifiers are all gone (the socket closed) or the hook is cleared (nullptr),
    // its readable events go to `hook` first: a session that parses the bytes itself reads
    // them with one recv() onto its stack instead of QAbstractSocket's ioctl(FIONREAD), read
    // into its buffer, readyRead and a copy out (docs/performance.md). Only while the fd has
    // an enabled read notifier; hang-ups and errors always go to the notifier.
    // False (nothing set) when `fd` has no read notifier now.
    bool setReadHook(int fd, ReadHook *hook)
    {
        FdEntry *e = entry(fd);
        if (!e || !e->notifiers[QSocketNotifier::Read])
            return false;
        e->readHook = hook;
        return true;
    }
    // Clears `fd`'s hook if it is still `hook` (the fd may name another socket by now).
    void clearReadHook(int fd, ReadHook *hook)
    {
        if (FdEntry *e = entry(fd); e && e->readHook == hook)
            e->readHook = nullptr;
    }

    // Runs once the turn's posted events, once its ready sockets and timers, and once its
    // write notifiers are handled, so never before the loop waits: a worker sends what its
    // sessions gathered for their sockets during the turn (Worker::deferFlush).
    void setTurnEnd(std::function<void()> fn) { m_turnEnd = std::move(fn); }
    // Diagnostics for tests and benchmarks.
    quint64 epollCtlCalls() const { return m_epollCtlCalls; }
    quint64 writeFastPaths() const { return m_writeFastPaths; }
    quint64 writablePolls() const { return m_writablePolls; }
    quint64 wakeWrites() const { return m_wakeWrites.load(); }
    quint64 removalsLeftToClose() const { return m_removalsLeftToClose; }
    quint64 strayRemovals() const { return m_strayRemovals; }
    quint64 hookedReads() const { return m_hookedReads; }

private:
    struct FdEntry {
        QSocketNotifier *notifiers[3] = {nullptr, nullptr, nullptr};  // Read, Write, Exception
        ReadHook *readHook = nullptr;  // setReadHook()
        uint32_t registered = 0;  // events currently in the epoll set
        uint32_t generation = 0;
        bool inSet = false;
        // In the set with no notifier left (an accepted socket's removal left to close()):
        // the registration may be gone already, or may still report events.
        bool lingering = false;
        bool accepted = false;       // noteAccepted(): never duplicated, see there
        bool knownWritable = false;  // epoll reported EPOLLOUT and no write has blocked since
        bool writePending = false;   // write notifier queued for activation on this turn
    };
    struct Timer {
        int id;
        qint64 intervalMs;
        Qt::TimerType type;
        QObject *object;
        qint64 deadlineNs;
        quint64 serial;
        bool active = false;  // inside its own timerEvent (no re-entrant firing)
    };
    struct HeapEntry {
        qint64 deadlineNs;
        int id;
        quint64 serial;
        bool operator>(const HeapEntry &o) const { return deadlineNs > o.deadlineNs; }
    };

    FdEntry *entry(int fd) { return fd >= 0 && size_t(fd) < m_fds.size() ? &m_fds[size_t(fd)] : nullptr; }
    FdEntry &slot(int fd);
    void updateEpoll(int fd, FdEntry &e);
    void schedule(const Timer &t);
    int activateTimers();
    int activateWrites();
    void afterWriteActivation(int fd);
    int dispatchReady(int n);
    qint64 nextTimeoutMs();
    void compactHeap();

    int m_epoll = -1;
    int m_wakeFd = -1;
    std::atomic<bool> m_wakePending{false};
    std::atomic<bool> m_interrupt{false};
    // Indexed by fd (descriptors are small and dense): no hashing per event. An entry with
    // no notifier and not in the set is empty.
    std::vector<FdEntry> m_fds;
    uint32_t m_nextGeneration = 1;
    std::vector<int> m_pendingWrites;  // fds whose write notifier fires on this turn
    std::unordered_map<int, Timer> m_timers;  // nodes do not move: references stay valid
    std::vector<HeapEntry> m_heap;  // min-heap by deadline; stale entries skipped lazily
    quint64 m_nextSerial = 1;
    std::vector<epoll_event> m_events;
    std::function<void()> m_turnEnd;
    std::vector<HeapEntry> m_due;
    std::unordered_map<QObject *, QVarLengthArray<int, 2>> m_byObject;  // most objects have one or two
    quint64 m_epollCtlCalls = 0;
    quint64 m_writeFastPaths = 0;
    quint64 m_writablePolls = 0;
    quint64 m_removalsLeftToClose = 0;
    quint64 m_strayRemovals = 0;
    quint64 m_hookedReads = 0;
    std::atomic<quint64> m_wakeWrites{0};
};

}  // namespace sb
