#include "channelsclient.h"

#include "clientsocket.h"

#include "protocol/channels.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

namespace sb::ui {

void ChannelsClient::setServer(const QUrl &base)
{
    m_base = base;
    m_socket->moveTo(base);
}

using namespace protocol::channels;

namespace {
QString compact(const QJsonValue &v)
{
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact).mid(1).chopped(1));
}
}  // namespace

ChannelsClient::ChannelsClient(QObject *parent)
    : QObject(parent), m_socket(new ClientSocket(this)), m_http(new QNetworkAccessManager(this))
{
    connect(m_socket, &ClientSocket::stateChanged, this, &ChannelsClient::stateChanged);
    connect(m_socket, &ClientSocket::textReceived, this, &ChannelsClient::onMessage);
    connect(m_socket, &ClientSocket::closed, this, [this](int code, const QString &reason) {
        if (code != 0)
            emit logLine(tr("closed: %1 %2").arg(code).arg(reason));
        m_clientId.clear();
        emit membersReset();
    });
}

void ChannelsClient::join(const QString &channel, const std::optional<QJsonObject> &presence)
{
    const QString query = presence ? param::presence + QLatin1Char('=')
                                         + QString::fromLatin1(QUrl::toPercentEncoding(QString::fromUtf8(QJsonDocument(*presence).toJson(QJsonDocument::Compact))))
                                   : QString();
    m_socket->open(QNetworkRequest(ClientSocket::webSocketUrl(m_base, QLatin1Char('/') + channel.trimmed() + listenSuffix, query)));
}

void ChannelsClient::leave()
{
    m_socket->close();
}

void ChannelsClient::sendJson(const QJsonObject &message)
{
    m_socket->sendText(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

bool ChannelsClient::updatePresence(const QJsonObject &presence)
{
    if (!m_socket->isOpen())
        return false;
    sendJson({{key::type, event::updatePresence}, {key::payload, presence}});
    return true;
}

bool ChannelsClient::emitEvent(const QString &channel, const QByteArray &payload, Target target, int count, const QStringList &ids,
                               bool requireAck, const QString &emitKey, QString *error)
{
    QJsonParseError err{};
    QJsonDocument::fromJson(payload.trimmed().isEmpty() ? QByteArrayLiteral("{}") : payload, &err);
    if (err.error != QJsonParseError::NoError) {
        // QJsonDocument only takes objects and arrays; a bare value is fine too.
        QJsonDocument::fromJson("[" + payload + "]", &err);
        if (err.error != QJsonParseError::NoError) {
            *error = tr("The payload is not JSON: %1 (at character %2)").arg(err.errorString()).arg(err.offset);
            return false;
        }
    }
    if (target == Target::Listed && ids.isEmpty()) {
        *error = tr("Choose members in the list first");
        return false;
    }
    QUrl url = m_base;
    url.setPath(QLatin1Char('/') + channel.trimmed() + emitSuffix);
    QUrlQuery q;
    if (target == Target::Random)
        q.addQueryItem(param::clients, QString::number(count));
    else if (target == Target::Listed)
        q.addQueryItem(param::clients, ids.join(QLatin1Char(',')));
    if (requireAck)
        q.addQueryItem(param::requireAck, QStringLiteral("true"));
    url.setQuery(q);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    if (!emitKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + emitKey.toUtf8());
    QNetworkReply *reply = m_http->post(request, payload);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        emit emitAnswered(status, status ? reply->readAll() : reply->errorString().toUtf8());
    });
    return true;
}

void ChannelsClient::onMessage(const QString &text)
{
    const QJsonObject msg = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = msg.value(key::type).toString();
    const QJsonObject payload = msg.value(key::payload).toObject();
    if (msg.contains(key::latency))
        emit latencyChanged(msg.value(key::latency).toInt());
    if (type == event::connected) {
        m_clientId = msg.value(key::clientId).toString();
        emit membersReset();
        const QJsonArray members = payload.value(key::members).toArray();
        for (const QJsonValue &m : members)
            emit memberSet(m.toObject().value(key::clientId).toString(), m.toObject().value(key::presence).toObject());
        emit logLine(tr("connected as %1 (%n member(s))", nullptr, int(members.size())).arg(m_clientId));
    } else if (type == event::joined || type == event::updated) {
        emit memberSet(payload.value(key::clientId).toString(), payload.value(key::presence).toObject());
        emit logLine(QStringLiteral("%1 %2 %3").arg(type, payload.value(key::clientId).toString(), compact(payload.value(key::presence))));
    } else if (type == event::left) {
        emit memberLeft(payload.value(key::clientId).toString());
        emit logLine(QStringLiteral("%1 %2").arg(type, payload.value(key::clientId).toString()));
    } else if (type == event::ping) {
        if (m_autoPong)
            sendJson({{key::type, event::pong}});
        emit logLine(m_autoPong ? tr("PING, answered with PONG") : tr("PING, not answered (auto-PONG is off)"));
    } else if (type == event::data) {
        const QString eventId = msg.value(key::eventId).toString();
        const bool wantsAck = msg.value(key::requiresAck).toBool();
        QString line = QStringLiteral("DATA %1 %2").arg(eventId, compact(msg.value(key::payload)));
        if (wantsAck && m_autoAck) {
            sendJson({{key::type, event::ack}, {key::payload, QJsonObject{{key::eventId, eventId}}}});
            line += QLatin1Char(' ') + tr("(acknowledged)");
        } else if (wantsAck) {
            line += QLatin1Char(' ') + tr("(asks for an ACK; auto-ACK is off)");
        }
        emit logLine(line);
    } else if (type == event::error) {
        emit logLine(tr("ERROR %1: %2").arg(payload.value(key::code).toString(), payload.value(key::message).toString()));
        emit errorReported(payload.value(key::code).toString(), payload.value(key::message).toString());
    } else {
        emit logLine(text);
    }
    emit eventReceived(type);
}

}  // namespace sb::ui
