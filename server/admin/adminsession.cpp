// AdminSession: hello and credentials, replies, and the streams (docs/admin-api.md). The
// operations are in adminops.cpp.
#include "adminsession.h"

#include "accounts/accountstore.h"
#include "accounts/passwordwork.h"
#include "api/apijson.h"
#include "logging.h"
#include "serverhost.h"
#include "servercontext.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QWebSocket>

namespace sb {

namespace {
constexpr qint64 kHelloDeadlineMs = 10'000;
constexpr qint64 kCredentialCheckMs = 5'000;
constexpr quint64 kMessageBytesBeforeHello = 64 * 1024;
constexpr quint64 kMessageBytes = 64 * 1024 * 1024;  // a smile's image, in base64
constexpr int kCaptureBatch = 1'000;  // per 100 ms tick: at most 10,000 records a second per watcher

bool mayAdminister(const QString &role)
{
    return role == QLatin1String("superuser") || role == QLatin1String("employee");
}
}  // namespace

AdminSession::AdminSession(QWebSocket *socket, ServerHost &host, ServerContext &ctx, QObject *parent)
    : QObject(parent), m_socket(socket), m_host(host), m_ctx(ctx), m_peer(socket->peerAddress())
{
    socket->setParent(this);
    bool v4 = false;  // a LAN endpoint listens dual-stack: ::ffff:192.168.1.7 is 192.168.1.7
    if (const quint32 address = m_peer.toIPv4Address(&v4); v4)
        m_peer = QHostAddress(address);
    socket->setMaxAllowedIncomingMessageSize(kMessageBytesBeforeHello);
    socket->setMaxAllowedIncomingFrameSize(kMessageBytesBeforeHello);
    m_openedMs = QDateTime::currentMSecsSinceEpoch();
    connect(socket, &QWebSocket::textMessageReceived, this, &AdminSession::onText);
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this] { close(1003, QStringLiteral("the admin API speaks JSON text messages")); });
    connect(socket, &QWebSocket::disconnected, this, [this] {
        setWatchingConnections(false);
        m_state = State::Closing;
        emit finished(this);
    });
}

AdminSession::~AdminSession()
{
    setWatchingConnections(false);
}

void AdminSession::close(int code, const QString &reason)
{
    if (m_state == State::Closing || !m_socket)
        return;
    m_state = State::Closing;
    m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
}

void AdminSession::send(const QJsonObject &message)
{
    if (m_socket && m_state != State::Closing)
        m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

void AdminSession::reply(qint64 id, const QJsonValue &result)
{
    send({{QStringLiteral("id"), id}, {QStringLiteral("ok"), true}, {QStringLiteral("result"), result}});
}

void AdminSession::fail(qint64 id, const QString &error)
{
    send({{QStringLiteral("id"), id}, {QStringLiteral("ok"), false}, {QStringLiteral("error"), error}});
}

void AdminSession::status(qint64 id, const Status &s)
{
    if (s.ok())
        reply(id, QJsonValue::Null);
    else
        fail(id, s.error);
}

bool AdminSession::congested() const
{
    return m_socket && m_socket->bytesToWrite() > kMaxBacklogBytes;
}

void AdminSession::onText(const QString &text)
{
    if (m_state == State::Closing)
        return;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    const QJsonObject msg = doc.object();
    const QJsonValue idValue = msg.value(QLatin1String("id"));
    const qint64 id = idValue.toInteger(-1);
    const QString op = msg.value(QLatin1String("op")).toString();
    if (!doc.isObject() || !idValue.isDouble() || op.isEmpty()) {
        const QString why = !doc.isObject() ? QStringLiteral("not a JSON object: %1").arg(parseError.errorString())
                                            : QStringLiteral("a request needs a numeric \"id\" and an \"op\"");
        if (m_state != State::Ready) {
            close(1008, why);
            return;
        }
        fail(id, why);
        return;
    }
    const QJsonObject args = msg.value(QLatin1String("args")).toObject();
    switch (m_state) {
    case State::AwaitingHello:
        if (op != QLatin1String("hello")) {
            fail(id, QStringLiteral("say hello first (docs/admin-api.md)"));
            close(1008, QStringLiteral("hello expected"));
            return;
        }
        hello(id, args);
        return;
    case State::Authenticating:
        fail(id, QStringLiteral("wait for the answer to hello"));
        return;
    case State::Ready:
        // Answers are never dropped, so a client that asks and does not read is closed
        // before what waits for it grows past a bound.
        if (m_socket && m_socket->bytesToWrite() > 2 * kMaxBacklogBytes) {
            close(1008, QStringLiteral("the admin client does not read its answers"));
            return;
        }
        if (const QString problem = credentialProblem(); !problem.isEmpty()) {
            fail(id, problem);
            close(1008, problem);
            return;
        }
        dispatch(id, op, args);
        return;
    case State::Closing:
        return;
    }
}

void AdminSession::hello(qint64 id, const QJsonObject &args)
{
    const int version = args.value(QLatin1String("version")).toInt(-1);
    if (version != apijson::kVersion) {
        fail(id, QStringLiteral("this node speaks admin API version %1, not %2").arg(apijson::kVersion).arg(version));
        close(1008, QStringLiteral("unsupported admin API version"));
        return;
    }
    const QString email = args.value(QLatin1String("email")).toString().left(254);
    const QString password = args.value(QLatin1String("password")).toString();
    const QByteArray token = args.value(QLatin1String("token")).toString().toUtf8();
    if ((email.isEmpty() || password.isEmpty()) && token.isEmpty()) {
        refuse(id, QStringLiteral("credentials required: \"email\" and \"password\" of a superuser or employee, or an admin API \"token\""));
        return;
    }
    bool perAccount = false;
    if (const int wait = m_ctx.logins->retryAfterSeconds(m_peer, token.isEmpty() ? email : QString(), &perAccount)) {
        refuse(id, perAccount ? QStringLiteral("too many failed logins for this account; try again in %1 s").arg(wait)
                              : QStringLiteral("too many failed logins from your address; try again in %1 s").arg(wait));
        return;
    }
    m_state = State::Authenticating;
    if (token.isEmpty())
        helloWithPassword(id, email, password);
    else
        helloWithToken(id, token);
}

void AdminSession::helloWithPassword(qint64 id, const QString &email, const QString &password)
{
    // Argon2id takes a core for ~0.1 s: on the password threads, the answer comes back here.
    QPointer<AdminSession> self(this);
    AccountStore *accounts = m_ctx.accounts.get();
    const bool started = m_ctx.hasher->tryStart([self, accounts, email, password, id] {
        const auto user = accounts->verifyLogin(email, password);
        QMetaObject::invokeMethod(
            self.data(),
            [self, user, email, id] {
                if (!self || self->m_state != State::Authenticating)
                    return;
                if (!user) {
                    self->m_ctx.logins->failed(self->m_peer, email);
                    self->refuse(id, QStringLiteral("wrong email or password"));
                    return;
                }
                self->m_ctx.logins->succeeded(email);
                if (user->disabled || !mayAdminister(user->role)) {
                    self->refuse(id, QStringLiteral("%1 may not administer this server (role %2): superusers and employees may")
                                         .arg(user->email, user->role));
                    return;
                }
                self->admit(id, user->email, user->role, {Credential::Password, user->id, {}});
            },
            Qt::QueuedConnection);
    });
    if (!started) {
        m_state = State::AwaitingHello;
        fail(id, QStringLiteral("the server is busy checking passwords; try again in a moment"));
    }
}

void AdminSession::helloWithToken(qint64 id, const QByteArray &token)
{
    AccountStore &accounts = *m_ctx.accounts;
    if (const auto api = accounts.apiTokenFor(token)) {
        if (api->scope != QLatin1String("admin")) {
            refuse(id, QStringLiteral("the API token \"%1\" has the %2 scope; the admin endpoint needs an admin token").arg(api->name, api->scope));
            return;
        }
        admit(id, QStringLiteral("token %1").arg(api->name), QStringLiteral("admin"), {Credential::ApiToken, 0, token});
        return;
    }
    if (const auto user = accounts.userForAccessToken(token)) {
        if (!mayAdminister(user->role)) {
            refuse(id, QStringLiteral("%1 may not administer this server (role %2): superusers and employees may").arg(user->email, user->role));
            return;
        }
        admit(id, user->email, user->role, {Credential::AccessToken, user->id, token});
        return;
    }
    m_ctx.logins->failed(m_peer, QString());
    refuse(id, QStringLiteral("unknown, expired or revoked token"));
}

void AdminSession::refuse(qint64 id, const QString &why)
{
    qCInfo(lcHost).noquote() << "admin endpoint: refused" << m_peer.toString() << "-" << why;
    m_state = State::AwaitingHello;
    fail(id, why);
    close(1008, QStringLiteral("authentication failed"));
}

void AdminSession::admit(qint64 id, const QString &who, const QString &role, Credential credential)
{
    m_state = State::Ready;
    m_credential = std::move(credential);
    m_actor = {who, m_peer.toString()};
    m_admin = m_host.adminFor(m_actor);
    m_lastCheckMs = QDateTime::currentMSecsSinceEpoch();
    m_socket->setMaxAllowedIncomingMessageSize(kMessageBytes);
    m_socket->setMaxAllowedIncomingFrameSize(kMessageBytes);
    qCInfo(lcHost).noquote() << "admin endpoint:" << who << "attached from" << m_peer.toString();
    const ServerSnapshot snap = m_host.snapshot();
    reply(id, QJsonObject{{QStringLiteral("version"), apijson::kVersion},
                          {QStringLiteral("who"), who},
                          {QStringLiteral("role"), role},
                          {QStringLiteral("node"), snap.node},
                          {QStringLiteral("server_version"), snap.version},
                          {QStringLiteral("roles"), QJsonArray::fromStringList(AccountsAdmin::roles())},
                          {QStringLiteral("snapshot"), apijson::toJson(snap)}});
    m_lastSnapshotMs = QDateTime::currentMSecsSinceEpoch();
}

QString AdminSession::credentialProblem()
{
    AccountStore &accounts = *m_ctx.accounts;
    switch (m_credential.kind) {
    case Credential::ApiToken: {
        const auto api = accounts.apiTokenFor(m_credential.token);
        return api && api->scope == QLatin1String("admin") ? QString() : QStringLiteral("the admin token was revoked");
    }
    case Credential::AccessToken:
        if (!accounts.userForAccessToken(m_credential.token))
            return QStringLiteral("the access token expired or was revoked");
        [[fallthrough]];
    case Credential::Password: {
        const auto user = accounts.userById(m_credential.userId);
        if (!user || user->disabled)
            return QStringLiteral("the account was disabled");
        return mayAdminister(user->role) ? QString() : QStringLiteral("the account may no longer administer this server");
    }
    }
    return {};
}

void AdminSession::tick(qint64 nowMs)
{
    if (m_state == State::AwaitingHello && nowMs - m_openedMs > kHelloDeadlineMs) {
        close(1008, QStringLiteral("no hello within 10 s"));
        return;
    }
    if (m_state != State::Ready)
        return;
    if (nowMs - m_lastCheckMs >= kCredentialCheckMs) {
        m_lastCheckMs = nowMs;
        if (const QString problem = credentialProblem(); !problem.isEmpty()) {
            send({{QStringLiteral("event"), QStringLiteral("closing")}, {QStringLiteral("reason"), problem}});
            close(1008, problem);
            return;
        }
    }
    if (nowMs - m_lastSnapshotMs >= 1000) {
        m_lastSnapshotMs = nowMs;
        pushSnapshot();
    }
    if (m_watchConnections && nowMs - m_lastConnectionsMs >= 1000) {
        m_lastConnectionsMs = nowMs;
        pushConnections();
    }
    if (m_watchPresence && nowMs - m_lastPresenceMs >= 2000) {
        m_lastPresenceMs = nowMs;
        pushPresence();
    }
    if (m_followCapture)
        pushCapture();
}

void AdminSession::pushSnapshot()
{
    if (congested()) {
        ++m_skipped;
        return;
    }
    send({{QStringLiteral("event"), QStringLiteral("snapshot")},
          {QStringLiteral("snapshot"), apijson::toJson(m_host.snapshot())},
          {QStringLiteral("skipped"), m_skipped}});
    m_skipped = 0;
}

void AdminSession::pushConnections()
{
    if (congested()) {
        ++m_skipped;
        return;
    }
    send({{QStringLiteral("event"), QStringLiteral("connections")}, {QStringLiteral("rows"), apijson::arrayOf(m_host.connections())}});
}

void AdminSession::pushPresence()
{
    if (congested()) {
        ++m_skipped;
        return;
    }
    send({{QStringLiteral("event"), QStringLiteral("presence")}, {QStringLiteral("nodes"), apijson::arrayOf(m_host.presence())}});
}

// Records after the cursor that pass the filter, a batch per tick. A client that does not
// read gets none: the cursor moves on and what it missed is counted and told.
void AdminSession::pushCapture()
{
    quint64 evicted = 0;
    const QList<CaptureRecord> records = m_host.captured(m_captureAfter, kCaptureBatch, &evicted);
    m_captureDropped += qint64(evicted);
    if (records.isEmpty() && !m_captureDropped)
        return;
    const bool full = congested();
    QByteArray out;
    out.reserve(full ? 0 : 64 + records.size() * 160);
    out += R"({"event":"capture","records":[)";
    int sent = 0;
    for (const CaptureRecord &r : records) {
        m_captureAfter = r.id;
        if (!m_filter.matches(r))
            continue;
        if (full) {
            ++m_captureDropped;
            continue;
        }
        if (sent++)
            out += ',';
        apijson::appendJson(out, r);
    }
    if (full || (!sent && !m_captureDropped))
        return;
    out += R"(],"last_id":)";
    out += QByteArray::number(m_captureAfter);
    out += R"(,"dropped":)";
    out += QByteArray::number(m_captureDropped);
    out += '}';
    if (m_socket && m_state != State::Closing)
        m_socket->sendTextMessage(QString::fromLatin1(out));  // ASCII: JSON, numbers, base64
    m_captureDropped = 0;
}

void AdminSession::setWatchingConnections(bool on)
{
    if (on == m_watchConnections)
        return;
    m_watchConnections = on;
    m_ctx.observers.fetch_add(on ? 1 : -1, std::memory_order_relaxed);
}

}  // namespace sb
