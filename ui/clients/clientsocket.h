#pragma once
// The WebSocket the protocol client panels share: remembers its request, reports its
// state in words, and reconnects with back-off (1, 2, 4 … 30 s) after a dropped connection
// (network error, 1001 going away, 1006 abnormal closure). It does not retry what a retry
// cannot fix — a refused handshake (401, 403, 404, …) or a close the server chose (1000,
// 1008, 4xxx) — and says why instead.

#include <QNetworkRequest>
#include <QObject>
#include <QTimer>
#include <QWebSocket>

namespace sb::ui {

// A failed connection attempt in plain words: the server's answer to the handshake ("the
// server refused the WebSocket handshake: HTTP 401, credentials are missing or wrong") or
// what the network said ("nothing is listening on 127.0.0.1:9"), never Qt's internal text.
// `status` receives the refused handshake's HTTP status (0: none).
QString describeConnectionError(QAbstractSocket::SocketError error, const QString &qtText, const QUrl &url, int *status = nullptr);

class ClientSocket final : public QObject
{
    Q_OBJECT
public:
    explicit ClientSocket(QObject *parent = nullptr);
    ~ClientSocket() override;
    Q_DISABLE_COPY_MOVE(ClientSocket)

    // ws(s)://host:port/path?query on the same listener as an http(s):// base URL.
    static QUrl webSocketUrl(const QUrl &base, const QString &path, const QString &query = {});

    void open(const QNetworkRequest &request);
    // The user's close: no reconnect.
    void close(QWebSocketProtocol::CloseCode code = QWebSocketProtocol::CloseCodeNormal, const QString &reason = {});
    bool isOpen() const { return m_ws.state() == QAbstractSocket::ConnectedState; }
    bool isActive() const { return m_wanted; }  // open, opening or waiting to reconnect
    QWebSocket &socket() { return m_ws; }
    void sendText(const QString &text) { m_ws.sendTextMessage(text); }
    QString stateText() const { return m_stateText; }
    // The HTTP status of the last refused handshake (0: none).
    int refusedStatus() const { return m_refusedStatus; }
    void setReconnect(bool on) { m_reconnect = on; }
    // The server moved (another port, TLS turned on or off): the same path on `httpBase`
    // from now on; a connection waiting to be retried tries the new place at once.
    void moveTo(const QUrl &httpBase);

signals:
    void opened();
    void textReceived(const QString &message);
    void stateChanged(const QString &text);
    void closed(int code, const QString &reason);

private:
    void ended();
    void setState(const QString &text);
    void scheduleRetry(const QString &why);

    QWebSocket m_ws;
    QNetworkRequest m_request;
    QTimer m_retry;
    QString m_stateText;
    QString m_lastError;
    int m_attempt = 0;
    int m_refusedStatus = 0;
    bool m_wanted = false;
    bool m_reconnect = true;
};

}  // namespace sb::ui
