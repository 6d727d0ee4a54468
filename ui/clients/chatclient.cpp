#include "chatclient.h"

#include "clientsocket.h"

#include "protocol/accounts.h"
#include "protocol/chat.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QMimeDatabase>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QRegularExpression>
#include <QThreadPool>

namespace sb::ui {

namespace {
constexpr int kOlderPage = 50;  // messages asked for per "Load older messages"
}  // namespace

void ChatClient::setServer(const QUrl &base)
{
    m_base = base;
    m_socket->moveTo(base);
}

namespace accounts = protocol::accounts;
namespace chat = protocol::chat;

ChatClient::ChatClient(QObject *parent)
    : QObject(parent)
    , m_socket(new ClientSocket(this))
    , m_http(new QNetworkAccessManager(this))
    , m_balancePoll(new QTimer(this))
{
    m_balancePoll->setInterval(kBalancePollMs);
    connect(m_balancePoll, &QTimer::timeout, this, &ChatClient::refreshMe);
    connect(m_balancePoll, &QTimer::timeout, this, &ChatClient::refreshMembers);
    connect(m_socket, &ClientSocket::stateChanged, this, &ChatClient::stateChanged);
    connect(m_socket, &ClientSocket::opened, this, [this] { m_socket->sendText(chat::bearerPrefix + m_token); });
    connect(m_socket, &ClientSocket::textReceived, this, &ChatClient::onMessage);
    connect(&m_socket->socket(), &QWebSocket::bytesWritten, this, [this](qint64 n) {
        if (m_sendTotal <= 0)
            return;
        m_sent += n;
        emit progress(tr("Sending… %p%"), int(qMin<qint64>(100, m_sent * 100 / m_sendTotal)));
        if (m_sent >= m_sendTotal) {
            m_sendTotal = 0;
            emit progress(QString(), -1);
        }
    });
}

QNetworkRequest ChatClient::request(const QString &path) const
{
    QUrl url = m_base;
    const qsizetype q = path.indexOf(QLatin1Char('?'));
    url.setPath(q < 0 ? path : path.left(q));
    if (q >= 0)
        url.setQuery(path.mid(q + 1));
    QNetworkRequest r(url);
    r.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    if (!m_token.isEmpty())
        r.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    return r;
}

void ChatClient::registerAccount(const QString &email, const QString &password)
{
    const QJsonObject body{{accounts::key::email, email}, {accounts::key::password, password}, {accounts::key::repeatPassword, password}};
    emit stateChanged(tr("Registering…"));
    QNetworkReply *reply = m_http->post(request(accounts::registerPath), QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [this, reply, email, password] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
        if (status == 201) {
            logIn(email, password);
            return;
        }
        const QString detail = answer.value(accounts::key::detail).toString(answer.value(accounts::key::error).toString());
        emit stateChanged(status ? tr("Registration refused (HTTP %1): %2").arg(status).arg(detail)
                                 : tr("Registration failed: %1").arg(reply->errorString()));
    });
}

void ChatClient::logIn(const QString &email, const QString &password)
{
    const QJsonObject body{{accounts::key::email, email}, {accounts::key::password, password}};
    m_token.clear();
    emit stateChanged(tr("Logging in…"));
    QNetworkReply *reply = m_http->post(request(accounts::loginPath), QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [this, reply, email] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
        if (status != 200) {
            emit stateChanged(status == 401 ? tr("Wrong email or password")
                                            : tr("Login failed: %1").arg(status ? tr("HTTP %1").arg(status) : reply->errorString()));
            emit loggedIn(false);
            return;
        }
        m_token = answer.value(accounts::key::accessToken).toString();
        m_email = email;
        m_membersKnown = false;
        emit stateChanged(tr("Logged in as %1").arg(email));
        refreshMe();
        refreshMembers();
        refreshSmiles();
        m_balancePoll->start();
        emit loggedIn(true);
    });
}

void ChatClient::logOut()
{
    if (m_token.isEmpty())
        return;
    QNetworkReply *reply = m_http->post(request(accounts::logoutPath), QByteArray());
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    m_balancePoll->stop();
    m_socket->close();
    m_token.clear();
    m_userId = m_balance = m_peer = 0;
    m_role.clear();
    m_members.clear();
    m_membersKnown = false;
    m_messages.clear();
    emit stateChanged(tr("Logged out of %1").arg(m_email));
    m_email.clear();
    emit meChanged();
    emit membersLoaded();
    emit messagesChanged();
}

void ChatClient::refreshMe()
{
    QNetworkReply *reply = m_http->get(request(accounts::mePath));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const QJsonObject me = QJsonDocument::fromJson(reply->readAll()).object();
        if (me.isEmpty() || m_token.isEmpty())
            return;  // logged out meanwhile
        const qint64 id = me.value(accounts::key::id).toInteger(), balance = me.value(accounts::key::balance).toInteger();
        const QString role = me.value(accounts::key::role).toString();
        if (id == m_userId && balance == m_balance && role == m_role)
            return;  // the poll found nothing new
        m_userId = id;
        m_balance = balance;
        m_role = role;
        m_memberNames.insert(m_userId, me.value(accounts::key::email).toString());
        emit meChanged();
    });
}

void ChatClient::refreshMembers()
{
    QNetworkReply *reply = m_http->get(request(accounts::membersPath));
    connect(reply, &QNetworkReply::finished, this, [this, reply, token = m_token] {
        reply->deleteLater();
        if (reply->error() != QNetworkReply::NoError || token != m_token)
            return;  // a failed poll keeps what is shown; logged out or in again meanwhile
        QList<ChatMember> members;
        for (const QJsonValue &v : QJsonDocument::fromJson(reply->readAll()).array()) {
            const QJsonObject m = v.toObject();
            const qint64 id = m.value(accounts::key::id).toInteger();
            // Staff see emails; members see names (docs/chat.md).
            const QString email = m.value(accounts::key::email).toString();
            const QString shown = email.isEmpty() ? m.value(accounts::key::name).toString() : email;
            m_memberNames.insert(id, shown);
            // The open conversation is on screen: what it shows is read (it tells the server).
            members.append({id, shown, id == m_peer ? 0 : int(m.value(chat::key::unread).toInteger())});
        }
        if (m_membersKnown && members == m_members)
            return;  // the poll found nothing new
        QHash<qint64, int> before;
        for (const ChatMember &m : std::as_const(m_members))
            before.insert(m.id, m.unread);
        const bool news = m_membersKnown;
        m_members = members;
        m_membersKnown = true;
        emit membersLoaded();
        for (const ChatMember &m : std::as_const(members)) {
            if (news && m.unread > before.value(m.id))
                emit unreadArrived(m.id, m.unread);
        }
    });
}

int ChatClient::unreadTotal() const
{
    int total = 0;
    for (const ChatMember &m : m_members)
        total += m.unread;
    return total;
}

void ChatClient::refreshSmiles()
{
    QNetworkReply *reply = m_http->get(request(chat::smilesPath));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        m_smiles.clear();
        for (const QJsonValue &v : QJsonDocument::fromJson(reply->readAll()).array()) {
            const QJsonObject s = v.toObject();
            m_smiles.append({s.value(chat::key::id).toInteger(), s.value(chat::key::fileUuid).toString(), s.value(chat::key::price).toInteger()});
        }
        emit smilesLoaded();
    });
}

QString ChatClient::memberName(qint64 id) const
{
    return m_memberNames.value(id, tr("member %1").arg(id));
}

void ChatClient::openConversation(qint64 memberId)
{
    if (m_token.isEmpty() || memberId <= 0)
        return;
    m_peer = memberId;
    for (ChatMember &m : m_members) {
        if (m.id == memberId && m.unread) {
            m.unread = 0;  // the server marks it read as it sends the history
            emit membersLoaded();
        }
    }
    m_messages.clear();
    m_hasOlder = true;
    emit problem(QString());
    emit messagesChanged();
    m_socket->open(QNetworkRequest(ClientSocket::webSocketUrl(m_base, chat::socketPath, chat::otherMemberParam + QStringLiteral("=%1").arg(memberId))));
}

void ChatClient::sendJson(const QJsonObject &message)
{
    m_socket->sendText(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

bool ChatClient::needConversation()
{
    if (m_socket->isOpen())
        return true;
    emit problem(tr("Pick a member first: no conversation is open."));
    return false;
}

bool ChatClient::sendText(const QString &text)
{
    if (text.trimmed().isEmpty() || !needConversation())
        return false;
    emit problem(QString());
    sendJson({{chat::key::type, chat::type::text}, {chat::key::text, text}});
    return true;
}

bool ChatClient::sendSmile(qint64 smileId)
{
    if (!needConversation())
        return false;
    sendJson({{chat::key::type, chat::type::smile}, {chat::key::smileId, smileId}});
    return true;
}

bool ChatClient::sendFile(const QString &path, const QString &caption)
{
    if (!needConversation())
        return false;
    emit progress(tr("Reading %1…").arg(QFileInfo(path).fileName()), 0);
    // Reading (and building the frame) happens on the pool; the GUI keeps running.
    QPointer<ChatClient> self(this);
    QThreadPool::globalInstance()->start([self, path, caption] {
        QFile f(path);
        QByteArray frame;
        QString error;
        if (!f.open(QIODevice::ReadOnly)) {
            error = f.errorString();
        } else {
            const QByteArray data = f.readAll();
            const QJsonObject info{{chat::key::name, QFileInfo(path).fileName()},
                                   {chat::key::size, qint64(data.size())},
                                   {chat::key::mimeType, QMimeDatabase().mimeTypeForFileNameAndData(path, data.left(4096)).name()},
                                   {chat::key::text, caption}};
            frame = chat::fileFrameStart + QJsonDocument(info).toJson(QJsonDocument::Compact) + chat::fileFrameSeparator + data;
        }
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, frame, error, path] {
                if (!self)
                    return;
                if (!error.isEmpty()) {
                    emit self->progress(QString(), -1);
                    emit self->problem(tr("Cannot read %1: %2").arg(path, error));
                    return;
                }
                emit self->progress(tr("Sending… %p%"), 0);
                self->m_sendTotal = frame.size();
                self->m_sent = 0;
                self->m_socket->socket().sendBinaryMessage(frame);
            },
            Qt::QueuedConnection);
    });
    return true;
}

void ChatClient::loadOlder()
{
    if (!m_socket->isOpen() || m_messages.isEmpty())
        return;
    const qint64 oldest = m_messages.first().value(chat::key::id).toInteger();
    sendJson({{chat::key::type, chat::type::history}, {chat::key::before, oldest}, {chat::key::limit, kOlderPage}});
}

void ChatClient::fetchFile(const QString &uuid)
{
    if (uuid.isEmpty() || m_filesAsked.contains(uuid))
        return;
    m_filesAsked.insert(uuid);
    QNetworkReply *reply = m_http->get(request(chat::storagePath + QStringLiteral("?uuid=") + uuid));
    connect(reply, &QNetworkReply::finished, this, [this, reply, uuid] {
        reply->deleteLater();
        if (reply->error() == QNetworkReply::NoError)
            emit fileBytes(uuid, reply->readAll());
        else
            m_filesAsked.remove(uuid);
    });
}

void ChatClient::fetchFileInfo(const QString &uuid)
{
    if (uuid.isEmpty() || m_files.contains(uuid))
        return;
    m_files.insert(uuid, {});
    QNetworkReply *reply = m_http->head(request(chat::storagePath + QStringLiteral("?uuid=") + uuid));
    connect(reply, &QNetworkReply::finished, this, [this, reply, uuid] {
        reply->deleteLater();
        static const QRegularExpression filename(QStringLiteral("filename\\*?=(?:UTF-8'')?\"?([^\";]+)"));
        const QString disposition = QString::fromUtf8(reply->rawHeader("Content-Disposition"));
        const auto match = filename.match(disposition);
        const QString name = match.hasMatch() ? QUrl::fromPercentEncoding(match.captured(1).toUtf8()) : tr("a file");
        const qint64 size = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        m_files.insert(uuid, {name, size});
        emit fileInfoChanged(uuid);
    });
}

QString ChatClient::fileInfo(const QString &uuid) const
{
    const FileFacts f = m_files.value(uuid);
    // One decimal, as the desktop app writes sizes everywhere (ui/format.h).
    return f.name.isEmpty() ? QString() : tr("%1 (%2)").arg(f.name, QLocale().formattedDataSize(f.size, 1));
}

void ChatClient::saveFile(const QString &uuid, const QString &path)
{
    QNetworkReply *reply = m_http->get(request(chat::storagePath + QStringLiteral("?uuid=") + uuid));
    connect(reply, &QNetworkReply::finished, this, [this, reply, path] {
        reply->deleteLater();
        if (reply->error() != QNetworkReply::NoError) {
            emit problem(tr("Download failed: %1").arg(reply->errorString()));
            emit fileSaved(path, false);
            return;
        }
        const QByteArray data = reply->readAll();
        QPointer<ChatClient> self(this);
        QThreadPool::globalInstance()->start([self, data, path] {
            QFile f(path);
            const bool ok = f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [self, ok, path] {
                    if (!self)
                        return;
                    if (!ok)
                        emit self->problem(tr("Cannot write %1").arg(path));
                    emit self->fileSaved(path, ok);
                },
                Qt::QueuedConnection);
        });
    });
}

void ChatClient::onMessage(const QString &text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (doc.isArray()) {  // the history on opening, or an older page
        const bool first = m_messages.isEmpty();
        if (!first && doc.array().size() < kOlderPage)
            m_hasOlder = false;  // a short page reached the start
        if (first && doc.array().isEmpty())
            m_hasOlder = false;
        addMessages(doc.array());
        if (first)
            emit conversationOpened();
        return;
    }
    const QJsonObject msg = doc.object();
    if (msg.value(chat::key::type).toString() == chat::type::error) {
        const QString code = msg.value(chat::key::code).toString();
        const QString detail = msg.value(chat::key::detail).toString();
        m_sendTotal = 0;
        emit progress(QString(), -1);
        if (code == chat::code::insufficientBalance)
            emit problem(tr("Not enough coins: %1. Ask the server's operator to top up your balance.").arg(detail));
        else
            emit problem(tr("The server refused the message (%1): %2").arg(code, detail));
        refreshMe();
        emit errorReceived(code, detail);
        return;
    }
    addMessages(QJsonArray{msg});
    if (msg.value(chat::key::memberId).toInteger() == m_userId)
        refreshMe();  // the charge
    else  // shown as it arrives: read (beyond the seed, docs/chat.md)
        sendJson({{chat::key::type, chat::type::read}, {chat::key::messageId, msg.value(chat::key::id)}});
    emit messageReceived(msg);
}

void ChatClient::addMessages(const QJsonArray &list)
{
    for (const QJsonValue &v : list) {
        const QJsonObject m = v.toObject();
        const qint64 id = m.value(chat::key::id).toInteger();
        auto at = std::lower_bound(m_messages.begin(), m_messages.end(), id,
                                   [](const QJsonObject &o, qint64 key) { return o.value(chat::key::id).toInteger() < key; });
        if (at != m_messages.end() && at->value(chat::key::id).toInteger() == id)
            continue;  // already shown
        m_messages.insert(at, m);
        const QString type = m.value(chat::key::type).toString();
        if (type == chat::type::smile)
            fetchFile(m.value(chat::key::smileFileUuid).toString());
        else if (type == chat::type::file)
            fetchFileInfo(m.value(chat::key::fileUuid).toString());
    }
    emit messagesChanged();
}

}  // namespace sb::ui
