#pragma once
// The channels client (seed 004, docs/channels.md), without widgets: join a channel with a
// presence, follow its members, update the presence, emit over HTTP (all members, N random
// ones or the listed ones; require-ack with the HTTP answer, 408 included), answer PING and
// ACK by itself unless told not to — with auto-PONG off the server's PING_TIMEOUT can be
// watched happening. ChannelsClientWidget shows it; tests drive it directly
// (tests/clients/tst_channelsclient.cpp).

#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <QUrl>

#include <optional>

class QNetworkAccessManager;

namespace sb::ui {

class ClientSocket;

class ChannelsClient final : public QObject
{
    Q_OBJECT
public:
    explicit ChannelsClient(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ChannelsClient)

    // http(s)://host:port of a channels listener.
    // Also where an open or reconnecting socket goes next (the server moved).
    void setServer(const QUrl &base);
    QUrl server() const { return m_base; }
    // `presence`: none, or the JSON object every member sees.
    void join(const QString &channel, const std::optional<QJsonObject> &presence);
    void leave();
    bool updatePresence(const QJsonObject &presence);

    enum class Target { All, Random, Listed };
    // Checks that `payload` is JSON (empty: {}) and posts it to /{channel}/emit; the answer
    // arrives as emitAnswered(). Else "" and why in *error.
    bool emitEvent(const QString &channel, const QByteArray &payload, Target target, int count, const QStringList &ids,
                   bool requireAck, const QString &emitKey, QString *error);

    void setAutoAck(bool on) { m_autoAck = on; }
    void setAutoPong(bool on) { m_autoPong = on; }
    QString clientId() const { return m_clientId; }
    ClientSocket *socket() const { return m_socket; }

signals:
    void stateChanged(const QString &text);  // the connection in words
    void membersReset();                     // joined anew or gone: no members known
    void memberSet(const QString &clientId, const QJsonObject &presence);
    void memberLeft(const QString &clientId);
    void latencyChanged(int ms);
    void errorReported(const QString &code, const QString &message);
    // What happened, one line each, for a log.
    void logLine(const QString &line);
    void eventReceived(const QString &type);
    void emitAnswered(int status, const QByteArray &body);

private:
    void onMessage(const QString &text);
    void sendJson(const QJsonObject &message);

    QUrl m_base;
    ClientSocket *m_socket;
    QNetworkAccessManager *m_http;
    QString m_clientId;
    bool m_autoAck = true;
    bool m_autoPong = true;
};

}  // namespace sb::ui
