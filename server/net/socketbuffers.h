#pragma once
// The memory Qt keeps for a socket's empty buffers, given back (docs/performance.md, "Idle
// memory"). QAbstractSocket's ring buffers keep their last chunk when they empty, to reuse it:
// 16 KiB to read (filled once, by the handshake's request) and 32 KiB to write (by its 101).
// On an idle connection that is a page or two of each resident for nothing, about half of
// what a connection costs. There is no public way to drop them: this file is the project's
// only use of a Qt private API, built only against the exact Qt version it was checked with
// (CMake: SB_QT_PRIVATE_BUFFERS), and a no-op everywhere else.

class QAbstractSocket;

namespace sb {

// True when this build releases the buffers (Qt 6.4.2 with its private headers).
bool canReleaseSocketBuffers();
// Frees the chunks `socket`'s read and write buffers keep, when both are empty (nothing
// otherwise). Between events, on the socket's thread; plain sockets (not QSslSocket).
void releaseSocketBuffers(QAbstractSocket *socket);

}  // namespace sb
