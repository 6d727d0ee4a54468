#pragma once
// Subscribers of the channels service (seed 004): a WebSocket member (ChannelSession) and a
// Server-Sent Events listener (SseStream). Both live on their worker thread.

#include "channelhub.h"
#include "net/wssession.h"

#include <QBasicTimer>
#include <QElapsedTimer>

namespace sb {
class HttpConnection;
}

namespace sb::channels {

class AckRegistry;

struct ChannelShared {
    ChannelHub *hub;
    AckRegistry *acks;
};

class ChannelSession final : public WsSession, public ChannelSubscriber
{
    Q_OBJECT
public:
    ChannelSession(const SessionContext &context, ServiceCounters &counters, ChannelShared shared,
                   QString channel, QByteArray presence, QString since);
    ~ChannelSession() override;

    QString clientId() const override { return m_clientId; }
    Worker *worker() const override { return context().worker; }
    quint64 subscriberId() const override { return id(); }
    void deliver(const QByteArray &prefix) override;

protected:
    void onText(const QString &message) override;
    void onBinary(const QByteArray &message) override;
    void onDisconnected() override;
    void timerEvent(QTimerEvent *event) override;

private:
    void sendError(QLatin1String code, const QString &message);
    // An error answering a message, in order with what was posted to this socket before it.
    void replyError(QLatin1String code, const QString &message);
    void leave();

    ChannelShared m_shared;
    QString m_channel;
    QString m_clientId;
    QByteArray m_clientIdUtf8;  // the same, as it goes into every event
    QBasicTimer m_pingTimer;
    QBasicTimer m_pongDeadline;
    QElapsedTimer m_pingSent;
    qint64 m_latencyMs = 0;
    bool m_left = false;
};

class SseStream final : public QObject, public ChannelSubscriber
{
    Q_OBJECT
public:
    SseStream(HttpConnection *connection, Worker *worker, quint64 id, ChannelShared shared, QString channel, int keepAliveMs);
    ~SseStream() override;
    void start(const QByteArray &presence, const QString &since);

    QString clientId() const override { return m_clientId; }
    Worker *worker() const override { return m_worker; }
    quint64 subscriberId() const override { return m_id; }
    void deliver(const QByteArray &prefix) override;

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    HttpConnection *m_connection;
    Worker *m_worker;
    quint64 m_id;
    ChannelShared m_shared;
    QString m_channel;
    QString m_clientId;
    QBasicTimer m_keepAlive;
};

}  // namespace sb::channels
