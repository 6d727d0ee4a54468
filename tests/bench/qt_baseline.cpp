// qt_baseline — the bare Qt WebSocket server the benchmarks compare against: one
// QWebSocketServer on the main thread, the way a small Qt application would write it.
//   /echo       every message comes back unchanged
//   /broadcast  every message goes to every /broadcast connection, the sender included
//   anything else: accepted and kept open (handshake and idle scenarios)
// Prints "listening <port>" once it listens. QT_NO_GLIB=1 selects Qt's own event loop.

#include <QCoreApplication>
#include <QHostAddress>
#include <QList>
#include <QSocketNotifier>
#include <QWebSocket>
#include <QWebSocketServer>

#include <csignal>
#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    quint16 port = 0;
    const QStringList args = app.arguments();
    const qsizetype at = args.indexOf(QStringLiteral("--port"));
    if (at >= 0 && at + 1 < args.size())
        port = static_cast<quint16>(args.at(at + 1).toUInt());

    QWebSocketServer server(QStringLiteral("qt-baseline"), QWebSocketServer::NonSecureMode);
    server.setMaxPendingConnections(10000);
    if (!server.listen(QHostAddress::LocalHost, port)) {
        std::fprintf(stderr, "qt_baseline: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    QList<QWebSocket *> broadcast;
    QObject::connect(&server, &QWebSocketServer::newConnection, &server, [&] {
        while (QWebSocket *ws = server.nextPendingConnection()) {
            const QString path = ws->requestUrl().path();
            if (path == QLatin1String("/echo")) {
                QObject::connect(ws, &QWebSocket::textMessageReceived, ws,
                                 [ws](const QString &m) { ws->sendTextMessage(m); });
                QObject::connect(ws, &QWebSocket::binaryMessageReceived, ws,
                                 [ws](const QByteArray &m) { ws->sendBinaryMessage(m); });
            } else if (path == QLatin1String("/broadcast")) {
                broadcast.append(ws);
                QObject::connect(ws, &QWebSocket::textMessageReceived, ws, [&broadcast](const QString &m) {
                    for (QWebSocket *to : std::as_const(broadcast))
                        to->sendTextMessage(m);
                });
            }
            QObject::connect(ws, &QWebSocket::disconnected, ws, [ws, &broadcast] {
                broadcast.removeOne(ws);
                ws->deleteLater();
            });
        }
    });
    std::signal(SIGTERM, [](int) { QCoreApplication::quit(); });
    std::printf("listening %u\n", server.serverPort());
    std::fflush(stdout);
    return app.exec();
}
