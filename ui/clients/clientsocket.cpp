#include "clientsocket.h"

#include <QRegularExpression>

namespace sb::ui {

QString describeConnectionError(QAbstractSocket::SocketError error, const QString &qtText, const QUrl &url, int *status)
{
    static const QRegularExpression code(QStringLiteral("status code: (\\d{3})"));
    const auto m = code.match(qtText);
    const int http = m.hasMatch() ? m.captured(1).toInt() : 0;
    if (status)
        *status = http;
    const QString where = url.host() + QLatin1Char(':') + QString::number(url.port(url.scheme() == QLatin1String("wss") ? 443 : 80));
    if (http) {
        QString meaning;
        switch (http) {
        case 400: meaning = QObject::tr("the request was not a valid WebSocket handshake for this path"); break;
        case 401: meaning = QObject::tr("credentials are missing or wrong"); break;
        case 403: meaning = QObject::tr("not allowed (a token or header is missing or refused)"); break;
        case 404: meaning = QObject::tr("there is no WebSocket at this path"); break;
        case 426: meaning = QObject::tr("the server wants another WebSocket version"); break;
        case 429: meaning = QObject::tr("too many connections or attempts from this address; try again later"); break;
        case 503: meaning = QObject::tr("the server is full or busy; try again later"); break;
        default: break;
        }
        return meaning.isEmpty() ? QObject::tr("the server refused the WebSocket handshake: HTTP %1").arg(http)
                                 : QObject::tr("the server refused the WebSocket handshake: HTTP %1, %2").arg(http).arg(meaning);
    }
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError: return QObject::tr("nothing is listening on %1 (connection refused)").arg(where);
    case QAbstractSocket::HostNotFoundError: return QObject::tr("the host %1 was not found").arg(url.host());
    case QAbstractSocket::SocketTimeoutError: return QObject::tr("%1 did not answer in time").arg(where);
    case QAbstractSocket::RemoteHostClosedError: return QObject::tr("%1 closed the connection").arg(where);
    case QAbstractSocket::NetworkError: return QObject::tr("the network is unreachable");
    case QAbstractSocket::SslHandshakeFailedError: return QObject::tr("the TLS handshake with %1 failed").arg(where);
    default: break;
    }
    // Qt's own words, without the name of its internal function.
    QString text = qtText;
    static const QRegularExpression internal(QStringLiteral("^Q\\w+(Private)?::\\w+: "));
    text.remove(internal);
    return text.isEmpty() ? QObject::tr("the connection failed") : text;
}

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
        setState(tr("Connected to %1").arg(m_request.url().toDisplayString(QUrl::RemoveQuery)));  // the query (a presence, a ticket) is long
        emit opened();
    });
    connect(&m_ws, &QWebSocket::textMessageReceived, this, &ClientSocket::textReceived);
    connect(&m_ws, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [this](QAbstractSocket::SocketError e) {
        m_lastError = describeConnectionError(e, m_ws.errorString(), m_request.url(), &m_refusedStatus);
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
        setState(tr("Refused: %1").arg(m_lastError));
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

void ClientSocket::moveTo(const QUrl &httpBase)
{
    if (!m_wanted || httpBase.isEmpty())
        return;
    const QUrl moved = webSocketUrl(httpBase, m_request.url().path(), m_request.url().query());
    if (moved == m_request.url())
        return;
    m_request.setUrl(moved);
    if (m_retry.isActive())
        m_retry.start(0);
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
    setState(tr("Connecting to %1…").arg(request.url().toDisplayString(QUrl::RemoveQuery)));
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
