#pragma once
// One connection to Redis (hiredis' asynchronous API) driven by the event loop of the thread
// it lives on — a worker's, never a thread of its own (docs/cluster.md). Commands written in
// one turn of the loop leave in one write (pipelined); replies come back in order.
// A connection that SUBSCRIBEs is a subscriber only (Redis allows nothing else on it).

#include "redisaddress.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSocketNotifier>

#include <functional>
#include <optional>
#include <variant>

struct redisAsyncContext;
class QTimer;

namespace sb {

// A reply, as much of it as the broker reads: an error, a number, a string (or nil), or an
// array of those.
struct RedisReply {
    enum class Type { None, Error, Integer, String, Nil, Array, Status };
    Type type = Type::None;  // None: no reply (the connection went away first)
    qint64 integer = 0;
    QByteArray string;       // String, Status and Error
    QList<RedisReply> elements;
    bool ok() const { return type != Type::None && type != Type::Error; }
};

class RedisConnection final : public QObject
{
    Q_OBJECT
public:
    explicit RedisConnection(QObject *parent = nullptr);
    ~RedisConnection() override;

    // Starts connecting; connected() or lost() follows (within `timeoutMs`). AUTH and SELECT
    // are sent first when the address asks for them.
    void open(const RedisAddress &address, int timeoutMs = 5000);
    bool isOpen() const { return m_ctx && m_connected; }
    void close();

    using Reply = std::function<void(const RedisReply &)>;
    // Queues a command (written at the end of this turn of the event loop, with the others).
    // `reply` (may be empty) is called with its reply, or with Type::None if the connection
    // goes away first. False when not open.
    bool command(const QList<QByteArray> &args, Reply reply = {});
    // Shutting down, on this thread without its event loop: writes what is queued and waits
    // (at most `timeoutMs`) until Redis has answered every command before it. False if it
    // could not (not open, lost, or no answer in time).
    bool finish(int timeoutMs);
    // Messages of `channel` go to message() from now on (while connected).
    bool subscribe(const QByteArray &channel);

signals:
    void connected();
    void lost(const QString &why);
    void message(const QByteArray &channel, const QByteArray &payload);
    void subscribed(const QByteArray &channel);  // Redis confirmed a SUBSCRIBE

private:
    static void onConnect(const redisAsyncContext *c, int status);
    static void onDisconnect(const redisAsyncContext *c, int status);
    static void onReply(redisAsyncContext *c, void *reply, void *privdata);
    static void onSubscription(redisAsyncContext *c, void *reply, void *privdata);
    static void addRead(void *self);
    static void delRead(void *self);
    static void addWrite(void *self);
    static void delWrite(void *self);
    static void cleanup(void *self);
    void gone(const QString &why);
    void watch(QSocketNotifier **notifier, QSocketNotifier::Type type);
    void unwatch(QSocketNotifier **notifier);

    redisAsyncContext *m_ctx = nullptr;
    bool m_connected = false;
    QSocketNotifier *m_read = nullptr;
    QSocketNotifier *m_write = nullptr;
    QTimer *m_timeout = nullptr;
    RedisAddress m_address;
};

// A blocking round trip for start-up checks (the host thread, before anything runs):
// connects within `timeoutMs`, authenticates and selects, then runs `args`.
std::optional<RedisReply> redisCommandNow(const RedisAddress &address, const QList<QByteArray> &args, QString *error, int timeoutMs = 5000);

}  // namespace sb
