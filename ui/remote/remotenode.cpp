#include "remotenode.h"

#include "api/apijson.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSslError>

namespace sb::ui {

namespace {

constexpr int kMaxRetryMs = 30'000;

// A request whose reply is turned into T (or T's failure) when it comes.
template <typename T, typename Convert>
QFuture<T> ask(RemoteNode &node, const QString &op, const QJsonObject &args, Convert convert)
{
    return node.request(op, args).then([convert](const RemoteNode::Reply &r) { return convert(r); });
}

QFuture<Status> askStatus(RemoteNode &node, const QString &op, const QJsonObject &args)
{
    return ask<Status>(node, op, args, [](const RemoteNode::Reply &r) { return r.ok ? Status::done() : Status::failed(r.error); });
}

template <typename T, typename From>
QFuture<Result<T>> askResult(RemoteNode &node, const QString &op, const QJsonObject &args, From from)
{
    return ask<Result<T>>(node, op, args, [from](const RemoteNode::Reply &r) {
        return r.ok ? Result<T>::of(from(r.result)) : Result<T>::failed(r.error);
    });
}

template <typename T, typename From>
QFuture<QList<T>> askList(RemoteNode &node, const QString &op, const QJsonObject &args, From from)
{
    return ask<QList<T>>(node, op, args, [from](const RemoteNode::Reply &r) { return apijson::listFrom<T>(r.result, from); });
}

QString kindOf(bool guilds)
{
    return guilds ? QStringLiteral("guild") : QStringLiteral("user");
}

class RemoteAccounts final : public AccountsAdmin
{
public:
    explicit RemoteAccounts(RemoteNode &node) : n(node) {}
    QFuture<QList<UserInfo>> users() override { return askList<UserInfo>(n, QStringLiteral("users.list"), {}, apijson::userFrom); }
    QFuture<QList<ApiTokenInfo>> apiTokens() override
    {
        return askList<ApiTokenInfo>(n, QStringLiteral("tokens.list"), {}, apijson::apiTokenFrom);
    }
    QFuture<Result<UserInfo>> createUser(const QString &email, const QString &password, const QString &role, qint64 balance) override
    {
        return askResult<UserInfo>(n, QStringLiteral("users.create"),
                                   {{QStringLiteral("email"), email}, {QStringLiteral("password"), password},
                                    {QStringLiteral("role"), role}, {QStringLiteral("balance"), balance}},
                                   [](const QJsonValue &v) { return apijson::userFrom(v.toObject()); });
    }
    QFuture<Status> setRole(const QString &email, const QString &role) override
    {
        return askStatus(n, QStringLiteral("users.set_role"), {{QStringLiteral("email"), email}, {QStringLiteral("role"), role}});
    }
    QFuture<Status> setDisabled(const QString &email, bool disabled) override
    {
        return askStatus(n, disabled ? QStringLiteral("users.disable") : QStringLiteral("users.enable"), {{QStringLiteral("email"), email}});
    }
    QFuture<Status> setBalance(const QString &email, qint64 balance) override
    {
        return askStatus(n, QStringLiteral("users.set_balance"), {{QStringLiteral("email"), email}, {QStringLiteral("balance"), balance}});
    }
    QFuture<Result<UserInfo>> addCoins(const QString &email, qint64 amount) override
    {
        return askResult<UserInfo>(n, QStringLiteral("users.add_coins"), {{QStringLiteral("email"), email}, {QStringLiteral("amount"), amount}},
                                   [](const QJsonValue &v) { return apijson::userFrom(v.toObject()); });
    }
    QFuture<Result<QByteArray>> createApiToken(const QString &name, const QString &scope) override
    {
        return askResult<QByteArray>(n, QStringLiteral("tokens.create"), {{QStringLiteral("name"), name}, {QStringLiteral("scope"), scope}},
                                     [](const QJsonValue &v) { return v.toObject().value(QLatin1String("token")).toString().toLatin1(); });
    }
    QFuture<Status> revokeApiToken(const QString &name) override
    {
        return askStatus(n, QStringLiteral("tokens.revoke"), {{QStringLiteral("name"), name}});
    }

private:
    RemoteNode &n;
};

class RemoteChat final : public ChatAdmin
{
public:
    explicit RemoteChat(RemoteNode &node) : n(node) {}
    QFuture<QList<SmileInfo>> smiles() override { return askList<SmileInfo>(n, QStringLiteral("smiles.list"), {}, apijson::smileFrom); }
    QFuture<Result<SmileInfo>> addSmile(const QByteArray &image, const QString &name, qint64 price) override
    {
        return askResult<SmileInfo>(n, QStringLiteral("smiles.add"),
                                    {{QStringLiteral("image"), QString::fromLatin1(image.toBase64())},
                                     {QStringLiteral("name"), name},
                                     {QStringLiteral("price"), price}},
                                    [](const QJsonValue &v) { return apijson::smileFrom(v.toObject()); });
    }
    QFuture<Status> setSmilePrice(qint64 id, qint64 price) override
    {
        return askStatus(n, QStringLiteral("smiles.set_price"), {{QStringLiteral("id"), id}, {QStringLiteral("price"), price}});
    }
    QFuture<Status> removeSmile(qint64 id) override { return askStatus(n, QStringLiteral("smiles.remove"), {{QStringLiteral("id"), id}}); }
    QFuture<QByteArray> smileImage(const QString &fileUuid) override
    {
        return ask<QByteArray>(n, QStringLiteral("smiles.image"), {{QStringLiteral("file_uuid"), fileUuid}},
                               [](const RemoteNode::Reply &r) { return QByteArray::fromBase64(r.result.toString().toLatin1()); });
    }

private:
    RemoteNode &n;
};

class RemoteFelix final : public FelixAdmin
{
public:
    explicit RemoteFelix(RemoteNode &node) : n(node) {}
    QFuture<QList<FelixDocument>> documents(bool guilds) override
    {
        return askList<FelixDocument>(n, QStringLiteral("felix.list"), {{QStringLiteral("kind"), kindOf(guilds)}}, apijson::felixDocumentFrom);
    }
    QFuture<Status> putDocument(bool guilds, const QString &id, const QJsonObject &doc) override
    {
        return askStatus(n, QStringLiteral("felix.put"), {{QStringLiteral("kind"), kindOf(guilds)}, {QStringLiteral("id"), id}, {QStringLiteral("data"), doc}});
    }
    QFuture<Status> removeDocument(bool guilds, const QString &id) override
    {
        return askStatus(n, QStringLiteral("felix.remove"), {{QStringLiteral("kind"), kindOf(guilds)}, {QStringLiteral("id"), id}});
    }

private:
    RemoteNode &n;
};

class RemoteListeners final : public ListenersAdmin
{
public:
    explicit RemoteListeners(RemoteNode &node) : n(node) {}
    QFuture<Status> startListener(int id) override { return askStatus(n, QStringLiteral("listeners.start"), {{QStringLiteral("id"), id}}); }
    QFuture<Status> stopListener(int id) override { return askStatus(n, QStringLiteral("listeners.stop"), {{QStringLiteral("id"), id}}); }
    QFuture<Status> reconfigureListener(int id, int port, const std::optional<TlsFiles> &tls) override
    {
        return askStatus(n, QStringLiteral("listeners.reconfigure"),
                         {{QStringLiteral("id"), id}, {QStringLiteral("port"), port}, {QStringLiteral("tls"), apijson::toJson(tls)}});
    }
    QFuture<Result<CertificateInfo>> createCertificate(int id) override
    {
        return askResult<CertificateInfo>(n, QStringLiteral("listeners.create_certificate"), {{QStringLiteral("id"), id}},
                                          [](const QJsonValue &v) { return apijson::certificateFrom(v.toObject()); });
    }
    QFuture<Status> setListenAddress(const QString &address) override
    {
        return askStatus(n, QStringLiteral("listeners.set_address"), {{QStringLiteral("address"), address}});
    }
    QFuture<Limits> limits(const QString &service) override
    {
        return ask<Limits>(n, QStringLiteral("limits.get"), {{QStringLiteral("service"), service}}, [](const RemoteNode::Reply &r) {
            QString ignored;
            return Limits::fromJson(r.result.toObject(), Limits{}, QString(), &ignored);
        });
    }
    QFuture<Status> setLimits(const QString &service, const Limits &limits) override
    {
        return askStatus(n, QStringLiteral("limits.set"), {{QStringLiteral("service"), service}, {QStringLiteral("limits"), limits.toJson()}});
    }
    QFuture<Result<QString>> saveConfig() override
    {
        return askResult<QString>(n, QStringLiteral("config.save"), {}, [](const QJsonValue &v) { return v.toString(); });
    }

private:
    RemoteNode &n;
};

class RemoteAudit final : public AuditAdmin
{
public:
    explicit RemoteAudit(RemoteNode &node) : n(node) {}
    QFuture<QList<AuditEntry>> entries(int max) override
    {
        return askList<AuditEntry>(n, QStringLiteral("audit.list"), {{QStringLiteral("max"), max}}, apijson::auditFrom);
    }

private:
    RemoteNode &n;
};

}  // namespace

RemoteNode::RemoteNode(RemoteTarget target, QObject *parent)
    : QObject(parent)
    , m_target(std::move(target))
    , m_accounts(std::make_unique<RemoteAccounts>(*this))
    , m_chat(std::make_unique<RemoteChat>(*this))
    , m_felix(std::make_unique<RemoteFelix>(*this))
    , m_listenersAdmin(std::make_unique<RemoteListeners>(*this))
    , m_audit(std::make_unique<RemoteAudit>(*this))
{
    m_socket.setMaxAllowedIncomingMessageSize(256 * 1024 * 1024);
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &RemoteNode::open);
    connect(&m_socket, &QWebSocket::connected, this, &RemoteNode::onConnected);
    // A refused TCP connection never connects, so "disconnected" alone is not enough.
    connect(&m_socket, &QWebSocket::stateChanged, this, [this](QAbstractSocket::SocketState s) {
        if (s == QAbstractSocket::UnconnectedState)
            onDisconnected();
    });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &RemoteNode::onText);
    connect(&m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        // As `switchboardd cert generate` prints it: colon-separated upper-case hex.
        m_peerFingerprint = m_socket.sslConfiguration().peerCertificate().digest(QCryptographicHash::Sha256).toHex(':').toUpper();
        if (!errors.isEmpty() && m_peerFingerprint.isEmpty())
            m_peerFingerprint = errors.first().certificate().digest(QCryptographicHash::Sha256).toHex(':').toUpper();
        if (!m_target.trustedFingerprint.isEmpty() && m_peerFingerprint == m_target.trustedFingerprint.toUpper()) {
            m_socket.ignoreSslErrors();
        } else {
            m_untrusted = true;
            m_lastError = tr("the server's certificate is not trusted (SHA-256 %1)").arg(QString::fromLatin1(m_peerFingerprint));
        }
    });
}

RemoteNode::~RemoteNode()
{
    m_socket.disconnect(this);
    m_socket.abort();
    failPending(tr("closed"));
}

void RemoteNode::open()
{
    m_retry.stop();
    m_state = State::Disconnected;  // the abort below is not a loss
    m_socket.abort();
    m_lastError.clear();
    m_untrusted = false;
    setState(State::Connecting);
    m_socket.open(m_target.url);
}

void RemoteNode::close()
{
    m_retry.stop();
    m_state = State::Disconnected;
    m_socket.close();
    failPending(tr("closed"));
    emit stateChanged();
}

void RemoteNode::setState(State state, const QString &error)
{
    if (!error.isEmpty())
        m_lastError = error;
    m_state = state;
    emit stateChanged();
}

QString RemoteNode::stateText() const
{
    switch (m_state) {
    case State::Disconnected: return tr("Not connected");
    case State::Connecting: return tr("Connecting to %1…").arg(m_target.display());
    case State::Ready:
        return tr("Connected to %1 (%2) as %3").arg(m_snapshot.node.isEmpty() ? m_target.display() : m_snapshot.node, m_target.display(), m_who);
    case State::Retrying:
        return tr("Connection to %1 lost: %2 — trying again in %3 s").arg(m_target.display(), m_lastError).arg(m_retryMs / 1000);
    case State::Refused: return tr("%1 refused: %2").arg(m_target.display(), m_lastError);
    }
    return {};
}

void RemoteNode::onConnected()
{
    QJsonObject hello{{QStringLiteral("version"), apijson::kVersion}};
    if (!m_target.token.isEmpty())
        hello.insert(QStringLiteral("token"), m_target.token);
    else {
        hello.insert(QStringLiteral("email"), m_target.email);
        hello.insert(QStringLiteral("password"), m_target.password);
    }
    m_helloId = m_nextId++;
    send(m_helloId, QStringLiteral("hello"), hello);
}

void RemoteNode::onDisconnected()
{
    failPending(tr("the connection to %1 was lost").arg(m_target.display()));
    m_helloId = 0;
    if (m_state == State::Disconnected || m_state == State::Refused || m_state == State::Retrying)
        return;  // closed on purpose, refused (said so already), or already counted
    QString why = m_lastError;
    if (why.isEmpty())
        why = !m_socket.closeReason().isEmpty() ? m_socket.closeReason() : m_socket.errorString();
    if (m_untrusted) {
        setState(State::Refused, why);  // trusting the certificate is the user's decision
        return;
    }
    if (m_state == State::Ready)
        m_retryMs = 1000;  // it worked until now: try again soon
    else
        m_retryMs = qMin(m_retryMs * 2, kMaxRetryMs);
    m_lastError = why;
    m_retry.start(m_retryMs);
    setState(State::Retrying);
}

void RemoteNode::send(qint64 id, const QString &op, const QJsonObject &args)
{
    QJsonObject msg{{QStringLiteral("id"), id}, {QStringLiteral("op"), op}};
    if (!args.isEmpty())
        msg.insert(QStringLiteral("args"), args);
    m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(msg).toJson(QJsonDocument::Compact)));
}

QFuture<RemoteNode::Reply> RemoteNode::request(const QString &op, const QJsonObject &args)
{
    auto promise = std::make_shared<QPromise<Reply>>();
    QFuture<Reply> future = promise->future();
    promise->start();
    if (m_state != State::Ready) {
        promise->addResult(Reply{false, {}, tr("not connected to %1").arg(m_target.display())});
        promise->finish();
        return future;
    }
    const qint64 id = m_nextId++;
    m_pending.insert(id, promise);
    send(id, op, args);
    return future;
}

void RemoteNode::failPending(const QString &why)
{
    const auto pending = std::exchange(m_pending, {});
    for (const auto &promise : pending) {
        promise->addResult(Reply{false, {}, why});
        promise->finish();
    }
}

void RemoteNode::onText(const QString &text)
{
    const QJsonObject msg = QJsonDocument::fromJson(text.toUtf8()).object();
    if (msg.contains(QLatin1String("event"))) {
        onEvent(msg);
        return;
    }
    const qint64 id = msg.value(QLatin1String("id")).toInteger();
    const bool ok = msg.value(QLatin1String("ok")).toBool();
    if (id == m_helloId && m_helloId) {
        m_helloId = 0;
        if (!ok) {
            m_lastError = msg.value(QLatin1String("error")).toString();
            setState(State::Refused, m_lastError);  // the server closes; no retry with the same credentials
            return;
        }
        const QJsonObject welcome = msg.value(QLatin1String("result")).toObject();
        m_who = welcome.value(QLatin1String("who")).toString();
        const ServerSnapshot before = m_snapshot;
        m_snapshot = apijson::snapshotFrom(welcome.value(QLatin1String("snapshot")).toObject());  // ready with what it is
        if (m_snapshot.startedAtMs != before.startedAtMs)
            m_lastRecordId = 0;  // another run of the node: its capture numbers from 1 again
        m_retryMs = 1000;
        setState(State::Ready);
        resume();
        return;
    }
    const auto promise = m_pending.take(id);
    if (!promise)
        return;
    promise->addResult(Reply{ok, msg.value(QLatin1String("result")), msg.value(QLatin1String("error")).toString()});
    promise->finish();
}

void RemoteNode::onEvent(const QJsonObject &event)
{
    const QString kind = event.value(QLatin1String("event")).toString();
    if (kind == QLatin1String("snapshot")) {
        m_snapshot = apijson::snapshotFrom(event.value(QLatin1String("snapshot")).toObject());
        emit snapshotUpdated();
    } else if (kind == QLatin1String("connections")) {
        m_connections = apijson::listFrom<ConnectionInfo>(event.value(QLatin1String("rows")), apijson::connectionFrom);
    } else if (kind == QLatin1String("presence")) {
        m_presence = apijson::listFrom<PresenceNode>(event.value(QLatin1String("nodes")), apijson::presenceFrom);
    } else if (kind == QLatin1String("capture")) {
        m_droppedBefore += quint64(event.value(QLatin1String("dropped")).toInteger());
        for (const QJsonValue &r : event.value(QLatin1String("records")).toArray()) {
            m_records.push_back(apijson::captureFrom(r.toObject()));
            m_records.back().id = ++m_localRecordId;  // ours: increasing across the node's restarts
        }
        while (m_records.size() > size_t(kKeptRecords))
            m_records.pop_front();
        m_lastRecordId = quint64(qMax<qint64>(qint64(m_lastRecordId), event.value(QLatin1String("last_id")).toInteger()));
    } else if (kind == QLatin1String("closing")) {
        m_lastError = event.value(QLatin1String("reason")).toString();
        setState(State::Refused, m_lastError);
    }
}

// After (re)connecting: ask again for what was being watched.
void RemoteNode::resume()
{
    if (m_observed || m_wantPresence)
        request(QStringLiteral("watch"), {{QStringLiteral("connections"), m_observed}, {QStringLiteral("presence"), m_wantPresence}});
    request(QStringLiteral("capture.follow"), {{QStringLiteral("after"), qint64(m_lastRecordId)}, {QStringLiteral("filter"), apijson::toJson(m_filter)}});
}

void RemoteNode::setObserved(bool observed)
{
    m_observed = observed;
    if (m_state == State::Ready)
        request(QStringLiteral("watch"), {{QStringLiteral("connections"), observed}});
}

void RemoteNode::closeConnection(quint64 id, int code, const QString &reason)
{
    request(QStringLiteral("connections.close"), {{QStringLiteral("id"), qint64(id)}, {QStringLiteral("code"), code}, {QStringLiteral("reason"), reason}});
}

void RemoteNode::setCapture(const QString &service, bool on)
{
    if (on && !m_snapshot.capturing.contains(service))
        m_snapshot.capturing.append(service);  // as the next snapshot will say
    else if (!on)
        m_snapshot.capturing.removeAll(service);
    request(QStringLiteral("capture.set"), {{QStringLiteral("service"), service}, {QStringLiteral("on"), on}});
}

QList<CaptureRecord> RemoteNode::captured(quint64 after, int max, quint64 *dropped) const
{
    auto it = std::upper_bound(m_records.begin(), m_records.end(), after, [](quint64 id, const CaptureRecord &r) { return id < r.id; });
    QList<CaptureRecord> out;
    for (; it != m_records.end() && out.size() < max; ++it)
        out.append(*it);
    if (dropped) {
        *dropped = m_droppedBefore - m_droppedReported;
        m_droppedReported = m_droppedBefore;
    }
    return out;
}

QList<PresenceNode> RemoteNode::presence() const
{
    if (!m_wantPresence) {
        m_wantPresence = true;
        if (m_state == State::Ready)
            const_cast<RemoteNode *>(this)->request(QStringLiteral("watch"), {{QStringLiteral("presence"), true}});
    }
    return m_presence;
}

void RemoteNode::setCaptureFilter(const CaptureFilter &filter)
{
    m_filter = filter;
    if (m_state == State::Ready)
        request(QStringLiteral("capture.follow"), {{QStringLiteral("after"), qint64(m_lastRecordId)}, {QStringLiteral("filter"), apijson::toJson(m_filter)}});
}

}  // namespace sb::ui
