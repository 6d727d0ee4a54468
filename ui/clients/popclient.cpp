#include "popclient.h"

#include "clientsocket.h"

#include "protocol/accounts.h"
#include "protocol/pop.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace sb::ui {

namespace pp = protocol::pop;
namespace pa = protocol::accounts;

PopClient::PopClient(QObject *parent) : QObject(parent), m_socket(new ClientSocket(this)), m_http(new QNetworkAccessManager(this))
{
    connect(m_socket, &ClientSocket::stateChanged, this, &PopClient::stateChanged);
    connect(m_socket, &ClientSocket::opened, this, [this] {
        m_authenticated = false;
        m_socket->sendText(QString::fromUtf8(
            QJsonDocument(QJsonObject{{pp::key::authorization, pp::bearerPrefix + m_sessionId}}).toJson(QJsonDocument::Compact)));
    });
    connect(m_socket, &ClientSocket::closed, this, [this] {
        m_pending.clear();  // reports the closed socket never answered
        if (m_authenticated) {
            m_authenticated = false;
            emit authenticatedChanged(false);
        }
    });
    connect(m_socket, &ClientSocket::textReceived, this, &PopClient::onMessage);
}

void PopClient::setServers(const QUrl &pop, const QUrl &accounts)
{
    m_pop = pop;
    m_accounts = accounts;
    m_socket->moveTo(pop);  // an open or reconnecting socket follows the server
}

void PopClient::logIn(const QString &email, const QString &password)
{
    QUrl url = m_accounts;
    url.setPath(pa::loginPath);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    const QJsonObject body{{pa::key::email, email}, {pa::key::password, password}};
    emit stateChanged(tr("Logging in…"));
    QNetworkReply *reply = m_http->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
        if (status == 200 && answer.contains(pa::key::accessToken)) {
            emit stateChanged(tr("Logged in; connecting…"));
            m_sessionId = answer.value(pa::key::accessToken).toString();
            emit loggedIn(true);
            connectToServer(m_sessionId);
        } else {
            emit stateChanged(status == 401 ? tr("Wrong email or password")
                                            : tr("Login failed: %1").arg(status ? tr("HTTP %1").arg(status) : reply->errorString()));
            emit loggedIn(false);
        }
    });
}

bool PopClient::connectToServer(const QString &sessionId)
{
    if (sessionId.trimmed().isEmpty()) {
        emit stateChanged(tr("Log in first, or paste a session id"));
        return false;
    }
    m_sessionId = sessionId.trimmed();
    fetchMe();
    m_socket->open(QNetworkRequest(ClientSocket::webSocketUrl(m_pop, QStringLiteral("/"))));
    return true;
}

// Who this session is: the state echoes name users by UUID, and the table marks one's own.
void PopClient::fetchMe()
{
    QUrl url = m_accounts;
    url.setPath(pa::mePath);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_sessionId.toUtf8());
    QNetworkReply *reply = m_http->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, session = m_sessionId] {
        reply->deleteLater();
        const QString uuid = QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("uuid")).toString();
        if (session != m_sessionId || uuid.isEmpty() || uuid == m_userUuid)
            return;
        m_userUuid = uuid;
        emit userUuidChanged();
    });
}

void PopClient::fetchTotal(const QString &contentId, std::function<void(qint64)> done)
{
    QUrl url = m_pop;
    url.setPath(pp::viewCountsPath);
    url.setQuery(QStringLiteral("ids=") + contentId);
    QNetworkReply *reply = m_http->get(QNetworkRequest(url));
    connect(reply, &QNetworkReply::finished, this, [reply, contentId, done = std::move(done)] {
        reply->deleteLater();
        const QJsonObject totals = QJsonDocument::fromJson(reply->readAll()).object();
        const QJsonValue entry = totals.value(contentId.toUpper());
        done(reply->error() == QNetworkReply::NoError && entry.isObject() ? qint64(entry.toObject().value(pp::key::total).toDouble()) : -1);
    });
}

void PopClient::disconnectFromServer()
{
    m_socket->close();
}

bool PopClient::sendState(const QJsonValue &group, bool typing)
{
    if (!m_authenticated)
        return false;
    const QJsonObject msg{{pp::key::state, QJsonObject{{pp::key::activeGroupId, group}, {pp::key::isTyping, typing}}}};
    m_socket->sendText(QString::fromUtf8(QJsonDocument(msg).toJson(QJsonDocument::Compact)));
    return true;
}

bool PopClient::reportViews(const QString &contentId, int count)
{
    if (!m_authenticated)
        return false;
    fetchTotal(contentId, [this, contentId, count](qint64 before) {
        if (!m_authenticated)
            return;  // the socket went meanwhile: nothing is sent, nothing waits
        m_pending.append({contentId, count, before});
        const QJsonObject msg{{pp::key::viewCounts, QJsonObject{{contentId, count}}}};
        m_socket->sendText(QString::fromUtf8(QJsonDocument(msg).toJson(QJsonDocument::Compact)));
    });
    return true;
}

void PopClient::onMessage(const QString &text)
{
    const QJsonObject msg = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString detail = msg.value(pp::key::detail).toString();
    if (msg.contains(pp::key::authenticated)) {
        m_authenticated = msg.value(pp::key::authenticated).toBool();
        emit stateChanged(m_authenticated ? tr("Authenticated") : tr("Not authenticated: %1").arg(detail));
        emit authenticatedChanged(m_authenticated);
    } else if (msg.contains(pp::key::viewCounts)) {
        const bool stored = msg.value(pp::key::viewCounts).toBool();
        emit viewsAnswered(stored, detail);
        // Answers come in the order of the reports.
        const PendingReport report = m_pending.isEmpty() ? PendingReport{} : m_pending.takeFirst();
        if (stored && report.before >= 0) {
            fetchTotal(report.contentId, [this, report](qint64 after) {
                if (after >= 0)
                    emit viewsCounted(report.contentId, report.count, after - report.before);
            });
        }
    } else if (msg.value(pp::key::state).isObject()) {
        emit stateReceived(msg.value(pp::key::state).toObject());
    } else if (msg.value(pp::key::state).isBool()) {
        emit stateChanged(tr("State refused: %1").arg(detail));
    }
}

}  // namespace sb::ui
