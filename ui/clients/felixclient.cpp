#include "felixclient.h"

#include "clientsocket.h"

#include "protocol/felix.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace sb::ui {

void FelixClient::setServer(const QUrl &base)
{
    m_base = base;
    m_socket->moveTo(base);
}

namespace pf = protocol::felix;

FelixClient::FelixClient(QObject *parent) : QObject(parent), m_socket(new ClientSocket(this))
{
    m_heartbeatTimer.setTimerType(Qt::CoarseTimer);
    connect(&m_heartbeatTimer, &QTimer::timeout, this, &FelixClient::sendHeartbeat);
    connect(m_socket, &ClientSocket::stateChanged, this, [this](const QString &text) {
        emit stateChanged(!m_socket->isActive() && m_socket->refusedStatus() == 403
                              ? tr("Refused (HTTP 403): the token is unknown, revoked or not private.")
                              : text);
    });
    connect(m_socket, &ClientSocket::opened, this, [this] {
        if (m_heartbeatMs > 0)
            m_heartbeatTimer.start(m_heartbeatMs);
        sendHeartbeat();
        if (!m_guilds.isEmpty() || !m_users.isEmpty())
            subscribe(m_guilds, m_users);  // after a reconnect, listen to the same ids again
    });
    connect(m_socket, &ClientSocket::closed, this, [this] { m_heartbeatTimer.stop(); });
    connect(m_socket, &ClientSocket::textReceived, this, &FelixClient::onMessage);
}

void FelixClient::connectToServer(const QString &token)
{
    QNetworkRequest request(ClientSocket::webSocketUrl(m_base, QStringLiteral("/")));
    request.setRawHeader("Authorization", token.trimmed().toUtf8());
    m_socket->open(request);
}

void FelixClient::disconnectFromServer()
{
    m_socket->close();
}

void FelixClient::setHeartbeatInterval(int ms)
{
    m_heartbeatMs = ms;
    if (ms > 0 && m_socket->isOpen())
        m_heartbeatTimer.start(ms);
    else
        m_heartbeatTimer.stop();
}

bool FelixClient::sendHeartbeat()
{
    if (!m_socket->isOpen())
        return false;
    m_socket->sendText(QString::fromUtf8(QJsonDocument(QJsonObject{{pf::key::code, pf::code::heartbeat}}).toJson(QJsonDocument::Compact)));
    return true;
}

bool FelixClient::subscribe(const QStringList &guildIds, const QStringList &userIds)
{
    m_guilds = guildIds;
    m_users = userIds;
    if (!m_socket->isOpen())
        return false;
    const QJsonObject msg{{pf::key::code, pf::code::subscribe},
                          {pf::key::data, QJsonObject{{pf::key::guilds, QJsonArray::fromStringList(guildIds)},
                                                      {pf::key::users, QJsonArray::fromStringList(userIds)}}}};
    m_socket->sendText(QString::fromUtf8(QJsonDocument(msg).toJson(QJsonDocument::Compact)));
    return true;
}

void FelixClient::onMessage(const QString &text)
{
    const QJsonObject msg = QJsonDocument::fromJson(text.toUtf8()).object();
    const int code = msg.value(pf::key::code).toInt();
    const QJsonObject data = msg.value(pf::key::data).toObject();
    if (code == pf::code::status) {
        m_lastStatus = data;
        emit statusReceived(data);
    } else if (code == pf::code::guildUpdate || code == pf::code::userUpdate) {
        const bool guild = code == pf::code::guildUpdate;
        emit updateReceived(code, data.value(guild ? pf::key::guildId : pf::key::userId).toString(),
                            data.value(guild ? pf::key::guildData : pf::key::userData));
    } else {
        emit otherMessage(text);
    }
}

}  // namespace sb::ui
