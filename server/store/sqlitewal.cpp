// The WAL-gathering VFS (see sqlitewal.h): every method passes through to SQLite's own VFS,
// except that inside a SqliteWalGather scope an appending write to a -wal file is copied
// into the file's buffer, and every other call on this thread first writes that buffer.
#include "sqlitewal.h"

#include <sqlite3.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace sb {

namespace {

// At most this much is gathered; a commit that writes more writes it in several calls.
// SQLite's unix VFS writes at most 128 KiB - 1 bytes per call (seekAndWriteFd masks the
// length with 0x1ffff), and reports a longer write as a full disk.
constexpr int kMaxGathered = 0x1ffff;
constexpr int kFirstCapacity = 32 * 1024;

sqlite3_vfs *g_real = nullptr;
sqlite3_vfs g_vfs;
std::atomic<long long> g_realWrites{0};
std::atomic<long long> g_gatheredWrites{0};

thread_local int t_gathering = 0;

struct File {
    sqlite3_file base;  // first: SQLite sees this
    sqlite3_file *real;  // SQLite's own file, in the same allocation, after this struct
    bool wal;
    char *buffer;
    sqlite3_int64 bufferStart;  // the file offset of buffer[0]
    int bufferLength;
    int bufferCapacity;
    int laterError;  // writePendingKeepingError()
};

thread_local File *t_pending = nullptr;  // the file whose buffer holds bytes, on this thread

const sqlite3_io_methods *realMethods(sqlite3_file *f)
{
    return reinterpret_cast<File *>(f)->real->pMethods;
}

// Writes what `f` gathered, and forgets it either way: a failed write is as if SQLite's own
// had failed (its frames are not in the file, and are not written later behind SQLite's back).
int writeGathered(File *f)
{
    if (t_pending == f)
        t_pending = nullptr;
    if (f->bufferLength == 0)
        return SQLITE_OK;
    const int length = f->bufferLength;
    f->bufferLength = 0;
    g_realWrites.fetch_add(1, std::memory_order_relaxed);
    return f->real->pMethods->xWrite(f->real, f->buffer, length, f->bufferStart);
}

// Before any call but an appending write to the pending file: what is gathered goes first.
int writePending()
{
    File *p = t_pending;
    return p ? writeGathered(p) : SQLITE_OK;
}

// For the calls that cannot return an error: it is kept for the next call on the -wal file
// that can (with synchronous=FULL, the commit's sync comes first and there is none).
void writePendingKeepingError()
{
    File *p = t_pending;
    if (!p)
        return;
    if (const int rc = writeGathered(p); rc != SQLITE_OK && p->laterError == SQLITE_OK)
        p->laterError = rc;
}

int takeLaterError(sqlite3_file *file)
{
    File *f = reinterpret_cast<File *>(file);
    return std::exchange(f->laterError, SQLITE_OK);
}

bool gather(File *f, const void *data, int amount, sqlite3_int64 offset)
{
    if (!f->wal || t_gathering == 0 || amount > kMaxGathered)
        return false;
    if (f->bufferLength > 0
        && (offset != f->bufferStart + f->bufferLength || f->bufferLength + amount > kMaxGathered))
        return false;
    if (t_pending && t_pending != f)
        return false;
    const int needed = f->bufferLength + amount;
    if (needed > f->bufferCapacity) {
        int capacity = f->bufferCapacity ? f->bufferCapacity : kFirstCapacity;
        while (capacity < needed)
            capacity *= 2;
        char *grown = static_cast<char *>(std::realloc(f->buffer, size_t(capacity)));
        if (!grown)
            return false;
        f->buffer = grown;
        f->bufferCapacity = capacity;
    }
    if (f->bufferLength == 0)
        f->bufferStart = offset;
    memcpy(f->buffer + f->bufferLength, data, size_t(amount));
    f->bufferLength = needed;
    t_pending = f;
    g_gatheredWrites.fetch_add(1, std::memory_order_relaxed);
    return true;
}

// ---- the file's methods ----------------------------------------------------------------

int fileClose(sqlite3_file *file)
{
    File *f = reinterpret_cast<File *>(file);
    int rc = writePending();  // (this thread's: perhaps this file's)
    if (rc == SQLITE_OK)
        rc = writeGathered(f);  // (nothing: a scope's end writes what it gathered)
    if (rc == SQLITE_OK)
        rc = takeLaterError(file);
    const int closed = f->real->pMethods ? f->real->pMethods->xClose(f->real) : SQLITE_OK;
    std::free(f->buffer);
    f->buffer = nullptr;
    f->bufferLength = f->bufferCapacity = 0;
    return rc != SQLITE_OK ? rc : closed;
}

int fileWrite(sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset)
{
    File *f = reinterpret_cast<File *>(file);
    if (const int rc = takeLaterError(file); rc != SQLITE_OK)
        return rc;
    if (gather(f, data, amount, offset))
        return SQLITE_OK;
    if (const int rc = writePending(); rc != SQLITE_OK)
        return rc;
    if (gather(f, data, amount, offset))  // (a write that starts a new run of appends)
        return SQLITE_OK;
    if (f->wal)
        g_realWrites.fetch_add(1, std::memory_order_relaxed);
    return f->real->pMethods->xWrite(f->real, data, amount, offset);
}

// Every other method: what is gathered first (and an error kept for this file), then SQLite's
// own. `Method` names the member of sqlite3_io_methods; the arguments follow the file.
template <auto Method, typename... Args>
int passThrough(sqlite3_file *file, Args... args)
{
    if (const int rc = writePending(); rc != SQLITE_OK)
        return rc;
    if (const int rc = takeLaterError(file); rc != SQLITE_OK)
        return rc;
    sqlite3_file *real = reinterpret_cast<File *>(file)->real;
    return (real->pMethods->*Method)(real, args...);
}

int fileFetch(sqlite3_file *file, sqlite3_int64 offset, int amount, void **out)
{
    *out = nullptr;  // (SQLite reads the page instead when an error leaves nothing mapped)
    return passThrough<&sqlite3_io_methods::xFetch>(file, offset, amount, out);
}

// These return no error code (writePendingKeepingError).
int fileSectorSize(sqlite3_file *file)
{
    writePendingKeepingError();
    return realMethods(file)->xSectorSize(reinterpret_cast<File *>(file)->real);
}

int fileDeviceCharacteristics(sqlite3_file *file)
{
    writePendingKeepingError();
    return realMethods(file)->xDeviceCharacteristics(reinterpret_cast<File *>(file)->real);
}

void fileShmBarrier(sqlite3_file *file)
{
    writePendingKeepingError();
    realMethods(file)->xShmBarrier(reinterpret_cast<File *>(file)->real);
}

// One table per version of the real file's methods: a file whose real methods lack shared
// memory (version 1) must not look as if it had it (SQLite decides WAL mode by this).
sqlite3_io_methods methodsOfVersion(int version)
{
    sqlite3_io_methods m{};
    m.iVersion = version;
    m.xClose = fileClose;
    m.xRead = passThrough<&sqlite3_io_methods::xRead>;
    m.xWrite = fileWrite;
    m.xTruncate = passThrough<&sqlite3_io_methods::xTruncate>;
    m.xSync = passThrough<&sqlite3_io_methods::xSync>;
    m.xFileSize = passThrough<&sqlite3_io_methods::xFileSize>;
    m.xLock = passThrough<&sqlite3_io_methods::xLock>;
    m.xUnlock = passThrough<&sqlite3_io_methods::xUnlock>;
    m.xCheckReservedLock = passThrough<&sqlite3_io_methods::xCheckReservedLock>;
    m.xFileControl = passThrough<&sqlite3_io_methods::xFileControl>;
    m.xSectorSize = fileSectorSize;
    m.xDeviceCharacteristics = fileDeviceCharacteristics;
    if (version >= 2) {
        m.xShmMap = passThrough<&sqlite3_io_methods::xShmMap>;
        m.xShmLock = passThrough<&sqlite3_io_methods::xShmLock>;
        m.xShmBarrier = fileShmBarrier;
        m.xShmUnmap = passThrough<&sqlite3_io_methods::xShmUnmap>;
    }
    if (version >= 3) {
        m.xFetch = fileFetch;
        m.xUnfetch = passThrough<&sqlite3_io_methods::xUnfetch>;
    }
    return m;
}

const sqlite3_io_methods g_methods[3] = {methodsOfVersion(1), methodsOfVersion(2), methodsOfVersion(3)};

// ---- the VFS ---------------------------------------------------------------------------

int vfsOpen(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *file, int flags, int *outFlags)
{
    File *f = reinterpret_cast<File *>(file);
    *f = File{};
    f->real = reinterpret_cast<sqlite3_file *>(f + 1);
    f->wal = (flags & SQLITE_OPEN_WAL) != 0;
    if (const int rc = writePending(); rc != SQLITE_OK)
        return rc;
    const int rc = g_real->xOpen(g_real, name, f->real, flags, outFlags);
    // SQLite closes a file whose pMethods is set, even after a failed open.
    if (const sqlite3_io_methods *m = f->real->pMethods)
        f->base.pMethods = &g_methods[m->iVersion < 1 ? 0 : m->iVersion > 3 ? 2 : m->iVersion - 1];
    return rc;
}

// The VFS's other methods are about names and the system, not open files: SQLite's own,
// after what is gathered.
int vfsDelete(sqlite3_vfs *, const char *name, int syncDir)
{
    if (const int rc = writePending(); rc != SQLITE_OK)
        return rc;
    return g_real->xDelete(g_real, name, syncDir);
}

int vfsAccess(sqlite3_vfs *, const char *name, int flags, int *out)
{
    if (const int rc = writePending(); rc != SQLITE_OK)
        return rc;
    return g_real->xAccess(g_real, name, flags, out);
}

int vfsFullPathname(sqlite3_vfs *, const char *name, int size, char *out)
{
    return g_real->xFullPathname(g_real, name, size, out);
}

void *vfsDlOpen(sqlite3_vfs *, const char *name) { return g_real->xDlOpen(g_real, name); }
void vfsDlError(sqlite3_vfs *, int size, char *out) { g_real->xDlError(g_real, size, out); }
void (*vfsDlSym(sqlite3_vfs *, void *handle, const char *symbol))(void)
{
    return g_real->xDlSym(g_real, handle, symbol);
}
void vfsDlClose(sqlite3_vfs *, void *handle) { g_real->xDlClose(g_real, handle); }
int vfsRandomness(sqlite3_vfs *, int size, char *out) { return g_real->xRandomness(g_real, size, out); }
int vfsSleep(sqlite3_vfs *, int microseconds) { return g_real->xSleep(g_real, microseconds); }
int vfsCurrentTime(sqlite3_vfs *, double *out) { return g_real->xCurrentTime(g_real, out); }
int vfsGetLastError(sqlite3_vfs *, int size, char *out) { return g_real->xGetLastError(g_real, size, out); }
int vfsCurrentTimeInt64(sqlite3_vfs *, sqlite3_int64 *out) { return g_real->xCurrentTimeInt64(g_real, out); }
int vfsSetSystemCall(sqlite3_vfs *, const char *name, sqlite3_syscall_ptr call)
{
    return g_real->xSetSystemCall(g_real, name, call);
}
sqlite3_syscall_ptr vfsGetSystemCall(sqlite3_vfs *, const char *name) { return g_real->xGetSystemCall(g_real, name); }
const char *vfsNextSystemCall(sqlite3_vfs *, const char *name) { return g_real->xNextSystemCall(g_real, name); }

}  // namespace

void installSqliteWalGathering()
{
    static const bool once = [] {
        g_real = sqlite3_vfs_find(nullptr);
        if (!g_real)
            return false;
        sqlite3_vfs v{};
        v.iVersion = g_real->iVersion < 3 ? g_real->iVersion : 3;
        v.szOsFile = int(sizeof(File)) + g_real->szOsFile;
        v.mxPathname = g_real->mxPathname;
        v.zName = "sb-wal-gather";
        v.xOpen = vfsOpen;
        v.xDelete = vfsDelete;
        v.xAccess = vfsAccess;
        v.xFullPathname = vfsFullPathname;
        v.xDlOpen = g_real->xDlOpen ? vfsDlOpen : nullptr;
        v.xDlError = g_real->xDlError ? vfsDlError : nullptr;
        v.xDlSym = g_real->xDlSym ? vfsDlSym : nullptr;
        v.xDlClose = g_real->xDlClose ? vfsDlClose : nullptr;
        v.xRandomness = vfsRandomness;
        v.xSleep = vfsSleep;
        v.xCurrentTime = vfsCurrentTime;
        v.xGetLastError = vfsGetLastError;
        if (v.iVersion >= 2)
            v.xCurrentTimeInt64 = vfsCurrentTimeInt64;
        if (v.iVersion >= 3) {
            v.xSetSystemCall = vfsSetSystemCall;
            v.xGetSystemCall = vfsGetSystemCall;
            v.xNextSystemCall = vfsNextSystemCall;
        }
        g_vfs = v;
        return sqlite3_vfs_register(&g_vfs, 1) == SQLITE_OK;
    }();
    (void)once;
}

SqliteWalGather::SqliteWalGather()
{
    ++t_gathering;
}

SqliteWalGather::~SqliteWalGather()
{
    if (--t_gathering == 0)
        writePendingKeepingError();
}

SqliteWalCounts sqliteWalCounts()
{
    return {g_realWrites.load(std::memory_order_relaxed), g_gatheredWrites.load(std::memory_order_relaxed)};
}

}  // namespace sb
