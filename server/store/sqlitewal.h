#pragma once
// WAL frames written together. A commit in WAL mode writes each page it changed to the
// -wal file as two pwrite() calls (a 24-byte frame header, then the page), one after the
// other at increasing offsets, then syncs. A chat batch changes ~70 pages (a message's
// index entries land on one page per active chat), so ~140 system calls per commit, and on
// this machine kind a system call's fixed cost is most of a small write's.
// (docs/performance.md, "A commit's WAL frames in one write").
//
// installSqliteWalGathering() makes a thin VFS wrapping SQLite's own the default (documented
// SQLite API, sqlite3_vfs_register): inside a SqliteWalGather scope, consecutive writes to
// a -wal file on this thread are gathered into one buffer and written with one call. Any
// other call into the VFS from this thread (the sync that ends a commit, a read, a lock,
// the shared-memory barrier that publishes new frames to readers, ...) first writes what
// is gathered, so nothing but the number of write calls changes: the bytes reach the file
// in the same order, before anything can depend on them, and a failed write is the error
// of the call that wrote it (the commit's sync). Only scopes whose connections sync each
// commit (synchronous=FULL, as Database opens them) should gather: the sync is then the
// call that reports a write error.

namespace sb {

// Once, before the first connection opens; the wrapper is then SQLite's default VFS.
void installSqliteWalGathering();

class SqliteWalGather final
{
public:
    SqliteWalGather();
    ~SqliteWalGather();  // writes what is still gathered (nothing, after a commit's sync)
    SqliteWalGather(const SqliteWalGather &) = delete;
    SqliteWalGather &operator=(const SqliteWalGather &) = delete;
};

// Diagnostics for tests: write calls that reached the real VFS for -wal files, and writes
// gathered into a buffer instead, since the start of the process.
struct SqliteWalCounts {
    long long realWrites = 0;
    long long gatheredWrites = 0;
};
SqliteWalCounts sqliteWalCounts();

}  // namespace sb
