#include "clientsocket.h"

#include <QRegularExpression>

namespace sb::ui {

ClientSocket::ClientSocket(QObject *parent) : QObject(parent)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, [this] {
        if (!m_wanted)
            return;
        m_refusedStatus = 0;
        m_lastError.clear();
        setState(tr("Reconnecting (attempt %1)…").arg(m_attempt));
        m_ws.open(m_request);
    });
    connect(&m_ws, &QWebSocket::connected, this, [this] {
        m_attempt = 0;
        m_refusedStatus = 0;
        m_lastError.clear();
        setState(tr("Connected to %1").arg(m_request.url().toDisplayString()));
        emit opened();
    });
    connect(&m_ws, &QWebSocket::textMessageReceived, this, &ClientSocket::textReceived);
    connect(&m_ws, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [this](QAbstractSocket::SocketError) {
        m_lastError = m_ws.errorString();
        static const QRegularExpression status(QStringLiteral("status code: (\\d{3})"));
        const auto m = status.match(m_lastError);
        m_refusedStatus = m.hasMatch() ? m.captured(1).toInt() : 0;
    });
    // stateChanged, not disconnected: a refused handshake or connect never was "connected".
    // Qt 6.4 reports the error of a refused handshake before or after the state change, so
    // the decision waits for both.
    connect(&m_ws, &QWebSocket::stateChanged, this, [this](QAbstractSocket::SocketState state) {
        if (state == QAbstractSocket::UnconnectedState)
            QMetaObject::invokeMethod(this, &ClientSocket::ended, Qt::QueuedConnection);
    });
}

QUrl ClientSocket::webSocketUrl(const QUrl &base, const QString &path, const QString &query)
{
    QUrl url = base;
    url.setScheme(base.scheme() == QLatin1String("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setPath(path);
    url.setQuery(query);
    return url;
}

void ClientSocket::ended()
{
    if (m_ws.state() != QAbstractSocket::UnconnectedState)
        return;  // already reopened
    const int code = m_ws.closeCode();
    const QString reason = m_ws.closeReason();
    emit closed(code, reason);
    if (!m_wanted) {
        setState(tr("Not connected"));
        return;
    }
    if (m_refusedStatus >= 400) {
        // The server answered and said no: retrying would get the same answer.
        m_wanted = false;
        setState(tr("Refused by the server (HTTP %1): %2").arg(m_refusedStatus).arg(m_lastError));
        return;
    }
    const bool dropped = code == QWebSocketProtocol::CloseCodeAbnormalDisconnection || code == QWebSocketProtocol::CloseCodeGoingAway;
    if (!dropped || !m_reconnect) {
        m_wanted = false;
        setState(reason.isEmpty() ? tr("Closed by the server with code %1").arg(code)
                                  : tr("Closed by the server with code %1: %2").arg(code).arg(reason));
        return;
    }
    scheduleRetry(m_lastError.isEmpty() ? (reason.isEmpty() ? tr("connection lost") : reason) : m_lastError);
}

ClientSocket::~ClientSocket()
{
    // Its owner is half destroyed by now: tell nobody that the socket closes.
    m_wanted = false;
    QObject::disconnect(&m_ws, nullptr, this, nullptr);
    blockSignals(true);
    m_ws.abort();
}

void ClientSocket::open(const QNetworkRequest &request)
{
    m_retry.stop();
    m_wanted = false;  // ending the previous connection is not a drop to recover from
    if (m_ws.state() != QAbstractSocket::UnconnectedState)
        m_ws.abort();
    m_request = request;
    m_wanted = true;
    m_attempt = 0;
    m_refusedStatus = 0;
    m_lastError.clear();
    setState(tr("Connecting to %1…").arg(request.url().toDisplayString()));
    m_ws.open(request);
}

void ClientSocket::close(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    m_wanted = false;
    m_retry.stop();
    if (m_ws.state() == QAbstractSocket::ConnectedState)
        m_ws.close(code, reason);
    else
        m_ws.abort();
    setState(tr("Not connected"));
}

void ClientSocket::scheduleRetry(const QString &why)
{
    ++m_attempt;
    const int seconds = qMin(30, 1 << qMin(m_attempt - 1, 5));
    setState(tr("Connection lost (%1); reconnecting in %2 s").arg(why).arg(seconds));
    m_retry.start(seconds * 1000);
}

void ClientSocket::setState(const QString &text)
{
    if (text == m_stateText)
        return;
    m_stateText = text;
    emit stateChanged(text);
}

}  // namespace sb::ui
