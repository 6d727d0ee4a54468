#pragma once
// File descriptors are a resource clients can exhaust (docs/configuration.md, "Limits"). At start the soft limit is
// raised to the hard one and the connection limit is kept below it, with a reserve for the
// database, files, listeners and threads; when descriptors run out anyway, listeners shed
// waiting connections through one spare descriptor (they get 503 instead of hanging) and
// back off instead of retrying accept() in a loop. Thread-safe.

#include <QtGlobal>

namespace sb {

// Raises RLIMIT_NOFILE's soft limit to the hard limit; returns the soft limit in force.
int raiseDescriptorLimit();

// How many connections fit in `limit` descriptors, leaving a reserve for everything else a
// server with `threads` threads opens (database connections per thread, files being read
// or written, listeners, event-loop descriptors).
int connectionBudget(int limit, int threads);

// One descriptor held open (on /dev/null) so that, when the process has none left, it can be
// let go for a moment to accept() a waiting connection and close it with an answer.
class SpareDescriptor final
{
public:
    static SpareDescriptor &instance();
    // Accepts one waiting connection on `listenFd` with the spare, answers it 503 (plain
    // HTTP; a TLS peer is only closed) and closes it. False when none was waiting or the
    // spare could not be used.
    bool shedOne(int listenFd, bool answerHttp);

private:
    SpareDescriptor();
    void reopen();
    int m_fd = -1;
};

}  // namespace sb
