#pragma once
// What the EpollDispatcher tests share: the dispatcher of the test's main thread, a
// connected loopback pair, a server whose accepted descriptors the test adopts itself, and a
// main() that installs the dispatcher before the application exists.

#include "net/epolldispatcher.h"

#include <QCoreApplication>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

namespace epolltest {

using sb::EpollDispatcher;

inline EpollDispatcher *mainDispatcher()
{
    return qobject_cast<EpollDispatcher *>(QAbstractEventDispatcher::instance());
}

// A connected loopback pair on the main thread: `client`, and `peer` (the accepted side).
struct LoopbackPair {
    QTcpServer server;
    QTcpSocket client;
    std::unique_ptr<QTcpSocket> peer;

    bool connect()
    {
        if (!server.listen(QHostAddress::LocalHost))
            return false;
        client.connectToHost(QHostAddress::LocalHost, server.serverPort());
        if (!QTest::qWaitFor([this] { return server.hasPendingConnections(); }, 5000))
            return false;
        peer.reset(server.nextPendingConnection());
        if (!QTest::qWaitFor([this] { return client.state() == QAbstractSocket::ConnectedState; }, 5000))
            return false;
        // Let the client's connect notifier settle (Qt leaves it on for one more turn), so
        // that what a test counts afterwards is its own doing.
        QTest::qWait(20);
        return true;
    }
};

// A server whose accepted descriptors the test adopts itself, as the workers do.
struct AcceptingServer : QTcpServer {
    qintptr fd = -1;
    void incomingConnection(qintptr descriptor) override { fd = descriptor; }

    // Connects `client` and marks the accepted descriptor as the worker does; -1 on failure.
    int acceptRaw(QTcpSocket &client, EpollDispatcher *d)
    {
        fd = -1;
        client.connectToHost(QHostAddress::LocalHost, serverPort());
        if (!QTest::qWaitFor([this] { return fd >= 0; }, 5000))
            return -1;
        if (!QTest::qWaitFor([&client] { return client.state() == QAbstractSocket::ConnectedState; }, 5000))
            return -1;
        QTest::qWait(20);  // the client's connect notifier settles (see LoopbackPair)
        d->noteAccepted(int(fd));
        return int(fd);
    }
    // The same, adopted by a QTcpSocket.
    std::unique_ptr<QTcpSocket> acceptOne(QTcpSocket &client, EpollDispatcher *d)
    {
        if (acceptRaw(client, d) < 0)
            return nullptr;
        auto peer = std::make_unique<QTcpSocket>();
        if (!peer->setSocketDescriptor(fd))
            return nullptr;
        return peer;
    }
};

// main(): the test object runs on the dispatcher, so every QTest wait goes through it too.
template <typename Test>
int run(int argc, char **argv)
{
    QCoreApplication::setEventDispatcher(new EpollDispatcher);
    QCoreApplication app(argc, argv);
    Test t;
    return QTest::qExec(&t, argc, argv);
}

}  // namespace epolltest
