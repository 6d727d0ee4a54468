#include "redisconnection.h"

#include "logging.h"

#include <QElapsedTimer>
#include <QSocketNotifier>
#include <QTimer>

#include <hiredis/async.h>
#include <hiredis/hiredis.h>

#include <memory>

#include <poll.h>

namespace sb {

namespace {
RedisReply convert(const redisReply *r)
{
    RedisReply out;
    if (!r)
        return out;
    switch (r->type) {
    case REDIS_REPLY_ERROR: out.type = RedisReply::Type::Error; break;
    case REDIS_REPLY_INTEGER: out.type = RedisReply::Type::Integer; break;
    case REDIS_REPLY_STRING: out.type = RedisReply::Type::String; break;
    case REDIS_REPLY_STATUS: out.type = RedisReply::Type::Status; break;
    case REDIS_REPLY_ARRAY: out.type = RedisReply::Type::Array; break;
    default: out.type = RedisReply::Type::Nil; break;
    }
    out.integer = r->integer;
    if (r->str)
        out.string = QByteArray(r->str, qsizetype(r->len));
    for (size_t i = 0; r->type == REDIS_REPLY_ARRAY && i < r->elements; ++i)
        out.elements.append(convert(r->element[i]));
    return out;
}

// A command as hiredis takes it: pointers into `args`, which must outlive it.
struct Argv {
    explicit Argv(const QList<QByteArray> &args)
    {
        for (const QByteArray &a : args) {
            pointers.append(a.constData());
            lengths.append(size_t(a.size()));
        }
    }
    int count() const { return int(pointers.size()); }
    QVarLengthArray<const char *, 8> pointers;
    QVarLengthArray<size_t, 8> lengths;
};

int send(redisAsyncContext *c, redisCallbackFn *fn, void *data, const QList<QByteArray> &args)
{
    Argv argv(args);
    return redisAsyncCommandArgv(c, fn, data, argv.count(), argv.pointers.data(), argv.lengths.data());
}
}  // namespace

RedisConnection::RedisConnection(QObject *parent) : QObject(parent) {}

RedisConnection::~RedisConnection()
{
    close();
}

void RedisConnection::open(const RedisAddress &address, int timeoutMs)
{
    close();
    m_address = address;
    m_ctx = redisAsyncConnect(address.host.toUtf8().constData(), address.port);
    if (!m_ctx || m_ctx->err) {
        const QString why = m_ctx ? QString::fromUtf8(m_ctx->errstr) : QStringLiteral("out of memory");
        if (m_ctx)
            redisAsyncFree(m_ctx);
        m_ctx = nullptr;
        QTimer::singleShot(0, this, [this, why] { emit lost(why); });
        return;
    }
    m_ctx->data = this;
    m_ctx->ev.data = this;
    m_ctx->ev.addRead = &RedisConnection::addRead;
    m_ctx->ev.delRead = &RedisConnection::delRead;
    m_ctx->ev.addWrite = &RedisConnection::addWrite;
    m_ctx->ev.delWrite = &RedisConnection::delWrite;
    m_ctx->ev.cleanup = &RedisConnection::cleanup;
    redisAsyncSetConnectCallback(m_ctx, &RedisConnection::onConnect);
    redisAsyncSetDisconnectCallback(m_ctx, &RedisConnection::onDisconnect);
    // hiredis 0.14 has no connect timeout of its own.
    if (!m_timeout) {
        m_timeout = new QTimer(this);
        m_timeout->setSingleShot(true);
        connect(m_timeout, &QTimer::timeout, this, [this] {
            if (m_ctx && !m_connected)
                gone(QStringLiteral("no answer within %1 s").arg(m_timeout->interval() / 1000.0));
        });
    }
    m_timeout->start(timeoutMs);
    if (!address.password.isEmpty())
        command({"AUTH", address.password.toUtf8()});
    if (address.db != 0)
        command({"SELECT", QByteArray::number(address.db)});
}

bool RedisConnection::finish(int timeoutMs)
{
    auto answered = std::make_shared<bool>(false);
    // Replies come in order: when this one is in, so are all before it.
    if (!isOpen() || !command({"PING"}, [answered](const RedisReply &r) { *answered = r.ok(); }))
        return false;
    QElapsedTimer waited;
    waited.start();
    while (!*answered && m_ctx && waited.elapsed() < timeoutMs) {
        // hiredis asked for write readiness (m_write) while output is pending.
        pollfd p{m_ctx->c.fd, short(POLLIN | (m_write ? POLLOUT : 0)), 0};
        if (::poll(&p, 1, int(qMax<qint64>(1, timeoutMs - waited.elapsed()))) <= 0)
            continue;
        if (m_ctx && (p.revents & POLLOUT))
            redisAsyncHandleWrite(m_ctx);
        if (m_ctx && (p.revents & (POLLIN | POLLHUP | POLLERR)))
            redisAsyncHandleRead(m_ctx);
    }
    return *answered;
}

void RedisConnection::close()
{
    if (!m_ctx)
        return;
    redisAsyncContext *c = m_ctx;
    m_ctx = nullptr;
    m_connected = false;
    c->data = nullptr;
    redisAsyncFree(c);  // pending callbacks get no reply; cleanup() drops the notifiers
}

void RedisConnection::gone(const QString &why)
{
    close();
    emit lost(why);
}

bool RedisConnection::command(const QList<QByteArray> &args, Reply reply)
{
    if (!m_ctx)
        return false;
    auto *fn = new Reply(std::move(reply));
    if (send(m_ctx, &RedisConnection::onReply, fn, args) != REDIS_OK) {
        delete fn;
        return false;
    }
    return true;
}

bool RedisConnection::subscribe(const QByteArray &channel)
{
    return m_ctx && send(m_ctx, &RedisConnection::onSubscription, this, {"SUBSCRIBE", channel}) == REDIS_OK;
}

void RedisConnection::onConnect(const redisAsyncContext *c, int status)
{
    auto *self = static_cast<RedisConnection *>(c->data);
    if (!self)
        return;
    if (status != REDIS_OK) {
        // hiredis frees the context after this returns.
        self->m_ctx = nullptr;
        self->m_connected = false;
        self->m_timeout->stop();
        emit self->lost(QString::fromUtf8(c->errstr));
        return;
    }
    self->m_connected = true;
    self->m_timeout->stop();
    emit self->connected();
}

void RedisConnection::onDisconnect(const redisAsyncContext *c, int status)
{
    auto *self = static_cast<RedisConnection *>(c->data);
    if (!self)
        return;
    self->m_ctx = nullptr;  // freed by hiredis after this returns
    self->m_connected = false;
    emit self->lost(status == REDIS_OK ? QStringLiteral("closed") : QString::fromUtf8(c->errstr));
}

void RedisConnection::onReply(redisAsyncContext *, void *reply, void *privdata)
{
    auto *fn = static_cast<Reply *>(privdata);
    if (*fn)
        (*fn)(convert(static_cast<redisReply *>(reply)));
    delete fn;
}

void RedisConnection::onSubscription(redisAsyncContext *c, void *reply, void *)
{
    auto *self = static_cast<RedisConnection *>(c->data);
    const auto *r = static_cast<redisReply *>(reply);
    if (!self || !r || r->type != REDIS_REPLY_ARRAY || r->elements != 3)
        return;
    const redisReply *kind = r->element[0];
    if (kind->type != REDIS_REPLY_STRING || r->element[1]->type != REDIS_REPLY_STRING)
        return;
    const QByteArray channel(r->element[1]->str, qsizetype(r->element[1]->len));
    if (qstrncmp(kind->str, "message", 8) == 0 && r->element[2]->type == REDIS_REPLY_STRING)
        emit self->message(channel, QByteArray(r->element[2]->str, qsizetype(r->element[2]->len)));
    else if (qstrncmp(kind->str, "subscribe", 10) == 0)
        emit self->subscribed(channel);
}

void RedisConnection::watch(QSocketNotifier **n, QSocketNotifier::Type type)
{
    if (*n || !m_ctx)
        return;
    *n = new QSocketNotifier(m_ctx->c.fd, type, this);
    connect(*n, &QSocketNotifier::activated, this, [this, type] {
        if (!m_ctx)
            return;
        if (type == QSocketNotifier::Read)
            redisAsyncHandleRead(m_ctx);
        else
            redisAsyncHandleWrite(m_ctx);
    });
}

void RedisConnection::unwatch(QSocketNotifier **n)
{
    // hiredis may ask from inside the notifier's own activation: deleteLater, never delete.
    if (*n) {
        (*n)->setEnabled(false);
        (*n)->deleteLater();
    }
    *n = nullptr;
}

void RedisConnection::addRead(void *p)
{
    auto *self = static_cast<RedisConnection *>(p);
    self->watch(&self->m_read, QSocketNotifier::Read);
}

void RedisConnection::delRead(void *p)
{
    auto *self = static_cast<RedisConnection *>(p);
    self->unwatch(&self->m_read);
}

void RedisConnection::addWrite(void *p)
{
    auto *self = static_cast<RedisConnection *>(p);
    self->watch(&self->m_write, QSocketNotifier::Write);
}

void RedisConnection::delWrite(void *p)
{
    auto *self = static_cast<RedisConnection *>(p);
    self->unwatch(&self->m_write);
}

void RedisConnection::cleanup(void *p)
{
    auto *self = static_cast<RedisConnection *>(p);
    self->unwatch(&self->m_read);
    self->unwatch(&self->m_write);
}

std::optional<RedisReply> redisCommandNow(const RedisAddress &address, const QList<QByteArray> &args, QString *error, int timeoutMs)
{
    const timeval timeout{timeoutMs / 1000, (timeoutMs % 1000) * 1000};
    redisContext *c = redisConnectWithTimeout(address.host.toUtf8().constData(), address.port, timeout);
    if (!c || c->err) {
        *error = QStringLiteral("cannot connect to Redis at %1:%2: %3")
                     .arg(address.host).arg(address.port).arg(c ? QString::fromUtf8(c->errstr) : QStringLiteral("out of memory"));
        if (c)
            redisFree(c);
        return std::nullopt;
    }
    redisSetTimeout(c, timeout);
    QList<QList<QByteArray>> all;
    if (!address.password.isEmpty())
        all.append({"AUTH", address.password.toUtf8()});
    if (address.db != 0)
        all.append({"SELECT", QByteArray::number(address.db)});
    all.append(args);
    std::optional<RedisReply> out;
    for (const QList<QByteArray> &cmd : all) {
        Argv argv(cmd);
        auto *r = static_cast<redisReply *>(redisCommandArgv(c, argv.count(), argv.pointers.data(), argv.lengths.data()));
        if (!r) {
            *error = QStringLiteral("Redis at %1:%2: %3").arg(address.host).arg(address.port).arg(QString::fromUtf8(c->errstr));
            redisFree(c);
            return std::nullopt;
        }
        out = convert(r);
        freeReplyObject(r);
        if (out->type == RedisReply::Type::Error) {
            *error = QStringLiteral("Redis at %1:%2 answered %3 to %4")
                         .arg(address.host).arg(address.port).arg(QString::fromUtf8(out->string), QString::fromLatin1(cmd.first()));
            redisFree(c);
            return std::nullopt;
        }
    }
    redisFree(c);
    return out;
}

}  // namespace sb
