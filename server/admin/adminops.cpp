// The admin endpoint's operations (docs/admin-api.md, "Operations"): each reads its args,
// calls the Monitor or the session's audited Administration, and answers.
#include "adminsession.h"

#include "api/apijson.h"
#include "api/async.h"
#include "serverhost.h"

#include <QJsonArray>
#include <QWebSocket>

namespace sb {

namespace {

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

// A close code a user may send: 1000, 1001, 1008 or the application range.
bool validCloseCode(int code)
{
    return code == 1000 || code == 1001 || code == 1008 || (code >= 3000 && code <= 4999);
}

std::optional<bool> guildsFrom(const QJsonObject &args)
{
    const QString kind = str(args, "kind");
    if (kind == QLatin1String("guild"))
        return true;
    if (kind == QLatin1String("user"))
        return false;
    return std::nullopt;
}

}  // namespace

template <typename T>
void AdminSession::later(qint64 id, const QFuture<T> &future, std::function<QJsonValue(const T &)> toResult)
{
    whenReady(future, this, [this, id, toResult = std::move(toResult)](const T &value) { reply(id, toResult(value)); });
}

template <typename T>
void AdminSession::laterResult(qint64 id, const QFuture<Result<T>> &future, std::function<QJsonValue(const T &)> toResult)
{
    whenReady(future, this, [this, id, toResult = std::move(toResult)](const Result<T> &r) {
        if (r.ok())
            reply(id, toResult(r.value));
        else
            fail(id, r.error);
    });
}

void AdminSession::laterStatus(qint64 id, const QFuture<Status> &future)
{
    whenReady(future, this, [this, id](const Status &s) { status(id, s); });
}

void AdminSession::dispatch(qint64 id, const QString &op, const QJsonObject &args)
{
    const auto it = handlers().constFind(op);
    if (it == handlers().constEnd()) {
        fail(id, QStringLiteral("unknown operation \"%1\" (docs/admin-api.md lists them)").arg(op.left(60)));
        return;
    }
    (*it)(*this, id, args);
}

// Watching: snapshot, connections, presence, capture.
void AdminSession::addWatchingOps(QHash<QString, Handler> &table)
{
    using S = AdminSession;
    using A = const QJsonObject &;
    const std::pair<QString, Handler> entries[] = {
        // ---- watching ----
        {QStringLiteral("snapshot.get"), [](S &s, qint64 id, A) { s.reply(id, apijson::toJson(s.m_host.snapshot())); }},
        {QStringLiteral("watch"),
         [](S &s, qint64 id, A a) {
             if (a.contains(QLatin1String("connections")))
                 s.setWatchingConnections(a.value(QLatin1String("connections")).toBool());
             if (a.contains(QLatin1String("presence")))
                 s.m_watchPresence = a.value(QLatin1String("presence")).toBool();
             s.m_lastConnectionsMs = s.m_lastPresenceMs = 0;  // the first rows at the next tick
             s.reply(id, QJsonValue::Null);
         }},
        {QStringLiteral("presence.get"), [](S &s, qint64 id, A) { s.reply(id, apijson::arrayOf(s.m_host.presence())); }},
        {QStringLiteral("connections.close"),
         [](S &s, qint64 id, A a) {
             const int code = a.value(QLatin1String("code")).toInt(1000);
             const QString reason = str(a, "reason");
             if (!validCloseCode(code))
                 return s.fail(id, QStringLiteral("close code %1 cannot be sent: use 1000, 1001, 1008 or 3000–4999").arg(code));
             if (reason.toUtf8().size() > 123)
                 return s.fail(id, QStringLiteral("a close reason is at most 123 bytes"));
             s.m_host.closeConnection(quint64(a.value(QLatin1String("id")).toInteger()), code, reason);
             s.reply(id, QJsonValue::Null);
         }},
        {QStringLiteral("capture.set"),
         [](S &s, qint64 id, A a) {
             const QString service = str(a, "service");
             bool known = false;
             for (const ServiceCountersSnapshot &c : s.m_host.snapshot().services)
                 known = known || c.service == service;
             if (!known)
                 return s.fail(id, QStringLiteral("no service \"%1\" on this node").arg(service.left(60)));
             s.m_host.setCapture(service, a.value(QLatin1String("on")).toBool());
             s.reply(id, QJsonValue::Null);
         }},
        {QStringLiteral("capture.follow"),
         [](S &s, qint64 id, A a) {
             s.m_filter = apijson::captureFilterFrom(a.value(QLatin1String("filter")).toObject());
             s.m_captureAfter = quint64(qMax<qint64>(0, a.value(QLatin1String("after")).toInteger()));
             s.m_captureDropped = 0;
             s.m_followCapture = true;
             s.reply(id, QJsonValue::Null);
         }},
        {QStringLiteral("capture.stop"),
         [](S &s, qint64 id, A) {
             s.m_followCapture = false;
             s.reply(id, QJsonValue::Null);
         }},
    };
    for (const auto &[op, handler] : entries)
        table.insert(op, handler);
}

// Users and API tokens.
void AdminSession::addAccountOps(QHash<QString, Handler> &table)
{
    using S = AdminSession;
    using A = const QJsonObject &;
    const std::pair<QString, Handler> entries[] = {
        // ---- accounts ----
        {QStringLiteral("users.list"),
         [](S &s, qint64 id, A) { s.later<QList<UserInfo>>(id, s.m_admin->accounts().users(), [](const auto &v) { return apijson::arrayOf(v); }); }},
        {QStringLiteral("users.create"),
         [](S &s, qint64 id, A a) {
             s.laterResult<UserInfo>(id, s.m_admin->accounts().createUser(str(a, "email"), str(a, "password"), str(a, "role"),
                                                        a.value(QLatin1String("balance")).toInteger()), [](const UserInfo &value) -> QJsonValue { return apijson::toJson(value); });
         }},
        {QStringLiteral("users.set_role"),
         [](S &s, qint64 id, A a) { s.laterStatus(id, s.m_admin->accounts().setRole(str(a, "email"), str(a, "role"))); }},
        {QStringLiteral("users.disable"),
         [](S &s, qint64 id, A a) { s.laterStatus(id, s.m_admin->accounts().setDisabled(str(a, "email"), true)); }},
        {QStringLiteral("users.enable"),
         [](S &s, qint64 id, A a) { s.laterStatus(id, s.m_admin->accounts().setDisabled(str(a, "email"), false)); }},
        {QStringLiteral("users.set_balance"),
         [](S &s, qint64 id, A a) {
             s.laterStatus(id, s.m_admin->accounts().setBalance(str(a, "email"), a.value(QLatin1String("balance")).toInteger(-1)));
         }},
        {QStringLiteral("users.add_coins"),
         [](S &s, qint64 id, A a) {
             s.laterResult<UserInfo>(id, s.m_admin->accounts().addCoins(str(a, "email"), a.value(QLatin1String("amount")).toInteger()), [](const UserInfo &value) -> QJsonValue { return apijson::toJson(value); });
         }},
        {QStringLiteral("tokens.list"),
         [](S &s, qint64 id, A) {
             s.later<QList<ApiTokenInfo>>(id, s.m_admin->accounts().apiTokens(), [](const auto &v) { return apijson::arrayOf(v); });
         }},
        {QStringLiteral("tokens.create"),
         [](S &s, qint64 id, A a) {
             s.laterResult<QByteArray>(id, s.m_admin->accounts().createApiToken(str(a, "name"), str(a, "scope")), [](const QByteArray &value) -> QJsonValue { return QJsonObject{{QStringLiteral("token"), QString::fromLatin1(value)}}; });
         }},
        {QStringLiteral("tokens.revoke"), [](S &s, qint64 id, A a) { s.laterStatus(id, s.m_admin->accounts().revokeApiToken(str(a, "name"))); }},
    };
    for (const auto &[op, handler] : entries)
        table.insert(op, handler);
}

// Smiles and felix documents.
void AdminSession::addChatAndFelixOps(QHash<QString, Handler> &table)
{
    using S = AdminSession;
    using A = const QJsonObject &;
    const std::pair<QString, Handler> entries[] = {
        // ---- chat ----
        {QStringLiteral("smiles.list"),
         [](S &s, qint64 id, A) { s.later<QList<SmileInfo>>(id, s.m_admin->chat().smiles(), [](const auto &v) { return apijson::arrayOf(v); }); }},
        {QStringLiteral("smiles.add"),
         [](S &s, qint64 id, A a) {
             const QByteArray image = QByteArray::fromBase64(str(a, "image").toLatin1());
             if (image.isEmpty())
                 return s.fail(id, QStringLiteral("\"image\" must be the image file in base64"));
             s.laterResult<SmileInfo>(id, s.m_admin->chat().addSmile(image, str(a, "name"), a.value(QLatin1String("price")).toInteger()), [](const SmileInfo &value) -> QJsonValue { return apijson::toJson(value); });
         }},
        {QStringLiteral("smiles.set_price"),
         [](S &s, qint64 id, A a) {
             s.laterStatus(id, s.m_admin->chat().setSmilePrice(a.value(QLatin1String("id")).toInteger(), a.value(QLatin1String("price")).toInteger(-1)));
         }},
        {QStringLiteral("smiles.remove"),
         [](S &s, qint64 id, A a) { s.laterStatus(id, s.m_admin->chat().removeSmile(a.value(QLatin1String("id")).toInteger())); }},
        {QStringLiteral("smiles.image"),
         [](S &s, qint64 id, A a) {
             s.later<QByteArray>(id, s.m_admin->chat().smileImage(str(a, "file_uuid")),
                                 [](const QByteArray &b) { return QJsonValue(QString::fromLatin1(b.toBase64())); });
         }},
        // ---- felix ----
        {QStringLiteral("felix.list"),
         [](S &s, qint64 id, A a) {
             const auto guilds = guildsFrom(a);
             if (!guilds)
                 return s.fail(id, QStringLiteral("\"kind\" must be \"guild\" or \"user\""));
             s.later<QList<FelixDocument>>(id, s.m_admin->felix().documents(*guilds), [](const auto &v) { return apijson::arrayOf(v); });
         }},
        {QStringLiteral("felix.put"),
         [](S &s, qint64 id, A a) {
             const auto guilds = guildsFrom(a);
             if (!guilds || !a.value(QLatin1String("data")).isObject())
                 return s.fail(id, QStringLiteral("\"kind\" must be \"guild\" or \"user\" and \"data\" an object"));
             s.laterStatus(id, s.m_admin->felix().putDocument(*guilds, str(a, "id"), a.value(QLatin1String("data")).toObject()));
         }},
        {QStringLiteral("felix.remove"),
         [](S &s, qint64 id, A a) {
             const auto guilds = guildsFrom(a);
             if (!guilds)
                 return s.fail(id, QStringLiteral("\"kind\" must be \"guild\" or \"user\""));
             s.laterStatus(id, s.m_admin->felix().removeDocument(*guilds, str(a, "id")));
         }},
    };
    for (const auto &[op, handler] : entries)
        table.insert(op, handler);
}

// Listeners, TLS, limits, the configuration file, the audit log.
void AdminSession::addListenerOps(QHash<QString, Handler> &table)
{
    using S = AdminSession;
    using A = const QJsonObject &;
    const std::pair<QString, Handler> entries[] = {
        // ---- listeners, limits, configuration ----
        {QStringLiteral("listeners.start"),
         [](S &s, qint64 id, A a) { s.laterStatus(id, s.m_admin->listeners().startListener(a.value(QLatin1String("id")).toInt(-1))); }},
        {QStringLiteral("listeners.stop"),
         [](S &s, qint64 id, A a) { s.laterStatus(id, s.m_admin->listeners().stopListener(a.value(QLatin1String("id")).toInt(-1))); }},
        {QStringLiteral("listeners.reconfigure"),
         [](S &s, qint64 id, A a) {
             s.laterStatus(id, s.m_admin->listeners().reconfigureListener(a.value(QLatin1String("id")).toInt(-1), a.value(QLatin1String("port")).toInt(-1),
                                                                           apijson::tlsFrom(a.value(QLatin1String("tls")))));
         }},
        {QStringLiteral("listeners.create_certificate"),
         [](S &s, qint64 id, A a) {
             s.laterResult<CertificateInfo>(id, s.m_admin->listeners().createCertificate(a.value(QLatin1String("id")).toInt(-1)), [](const CertificateInfo &value) -> QJsonValue { return apijson::toJson(value); });
         }},
        {QStringLiteral("listeners.set_address"),
         [](S &s, qint64 id, A a) { s.laterStatus(id, s.m_admin->listeners().setListenAddress(str(a, "address"))); }},
        {QStringLiteral("limits.get"),
         [](S &s, qint64 id, A a) { s.later<Limits>(id, s.m_admin->listeners().limits(str(a, "service")), [](const Limits &l) { return l.toJson(); }); }},
        {QStringLiteral("limits.set"),
         [](S &s, qint64 id, A a) {
             // The keys given, over the limits in force.
             const QString service = str(a, "service");
             const QJsonObject changes = a.value(QLatin1String("limits")).toObject();
             QPointer<AdminSession> self(&s);
             whenReady(s.m_admin->listeners().limits(service), &s, [self, id, service, changes](const Limits &current) {
                 QString error;
                 const Limits next = Limits::fromJson(changes, current, QStringLiteral("limits"), &error);
                 if (!error.isEmpty())
                     return self->fail(id, error);
                 self->laterStatus(id, self->m_admin->listeners().setLimits(service, next));
             });
         }},
        {QStringLiteral("config.save"),
         [](S &s, qint64 id, A) { s.laterResult<QString>(id, s.m_admin->listeners().saveConfig(), [](const QString &value) -> QJsonValue { return QJsonValue(value); }); }},
        {QStringLiteral("audit.list"),
         [](S &s, qint64 id, A a) {
             s.later<QList<AuditEntry>>(id, s.m_admin->audit().entries(a.value(QLatin1String("max")).toInt(200)),
                                        [](const auto &v) { return apijson::arrayOf(v); });
         }},
    };
    for (const auto &[op, handler] : entries)
        table.insert(op, handler);
}

const QHash<QString, AdminSession::Handler> &AdminSession::handlers()
{
    static const QHash<QString, Handler> table = [] {
        QHash<QString, Handler> t;
        addWatchingOps(t);
        addAccountOps(t);
        addChatAndFelixOps(t);
        addListenerOps(t);
        return t;
    }();
    return table;
}

}  // namespace sb
