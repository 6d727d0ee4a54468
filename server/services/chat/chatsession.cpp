#include "chatsession.h"

#include "chatservice.h"
#include "chatstore.h"
#include "fileframe.h"
#include "protocol/chat.h"
#include "net/worker.h"
#include "accounts/secrets.h"
#include "servercontext.h"
#include "wire/flatjson.h"

#include <QFile>

#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeDatabase>

#include <optional>

namespace sb::chat {

using namespace protocol::chat;

namespace {

// An id in a message (smile_id, message_id): a JSON number that is a whole number above 0.
std::optional<qint64> positiveId(const QJsonValue &v)
{
    const double id = v.toDouble(-1);
    if (!v.isDouble() || id <= 0 || id != double(qint64(id)))
        return std::nullopt;
    return qint64(id);
}

}  // namespace

ChatSession::ChatSession(const SessionContext &context, ServiceCounters &counters, ChatService &service)
    : WsSession(context, counters)
    , m_service(service)
    , m_auth(this, context.limits.unauthenticatedMs, [this] {
        const LimitReaction r = limitReaction(LimitKind::Unauthenticated);
        ServiceCounters::add(this->counters().limitHits);
        close(r.closeCode, QString::fromLatin1(r.reason));
    })
{
}

ChatSession::~ChatSession()
{
    if (m_chatId)
        m_service.conversations().leave(QString::number(m_chatId), id());
}

void ChatSession::onDisconnected()
{
    if (m_chatId)
        m_service.conversations().leave(QString::number(m_chatId), id());
    m_chatId = 0;
}

void ChatSession::deny(const QString &reason)
{
    ServiceCounters::add(counters().errors);
    close(1008, reason);
}

void ChatSession::sendError(QLatin1String code, const QString &detail)
{
    ServiceCounters::add(counters().errors);
    if (m_sequence)
        m_sequence->push(ChatSequence::Step::reply(errorJson(code, detail)));
    else
        sendUtf8(errorJson(code, detail));
}

void ChatSession::onRateLimited()
{
    if (!m_user) {
        WsSession::onRateLimited();
        return;
    }
    // After authorization errors are messages and the socket stays open (seed 001).
    sendError(code::rateLimited, QStringLiteral("too many messages: at most %1 per second").arg(context().limits.messagesPerSecond));
}

void ChatSession::onTextUtf8(QByteArrayView message)
{
    // Most traffic is {"type": "text", "text": "..."}: read from the bytes as they came
    // (wire/flatjson.h). Every other message, and this one in any other shape, goes the
    // general way, through QJsonDocument.
    if (m_user) {
        FlatJsonObject members;
        const auto bytes = [](QLatin1String s) { return QByteArrayView(s.data(), s.size()); };
        if (readFlatJsonObject(message, members) && flatJsonValue(members, bytes(key::type)) == bytes(type::text)) {
            const QByteArrayView text = flatJsonValue(members, bytes(key::text));
            if (!text.isNull()) {
                submitText(QString::fromUtf8(text));
                return;
            }
        }
    }
    WsSession::onTextUtf8(message);
}

void ChatSession::onText(const QString &message)
{
    if (!m_user) {
        authenticate(message);
        return;
    }
    const QString trimmed = message.trimmed();
    if (trimmed.startsWith(QLatin1Char('{'))) {
        handleJson(message.toUtf8());
        return;
    }
    // A plain text frame is a text message (seed 001: "hey").
    submitText(message);
}

void ChatSession::authenticate(const QString &message)
{
    ServerContext &ctx = m_service.context();
    auto r = m_auth.check(*ctx.accounts, QStringView(message).trimmed());
    if (r.status == FirstMessageAuth::Result::NotBearer) {
        deny(QStringLiteral("the first message must be 'Bearer <access_token>'"));
        return;
    }
    if (r.status == FirstMessageAuth::Result::Invalid) {
        deny(QStringLiteral("invalid or expired access token"));
        return;
    }
    const auto &user = r.user;
    bool ok = false;
    const QByteArray raw = queryItem(context().query, "other_member_id");
    const qint64 other = raw.toLongLong(&ok);
    if (!ok || other <= 0) {
        deny(QStringLiteral("other_member_id must be a member id"));
        return;
    }
    if (other == user->id) {
        deny(QStringLiteral("you cannot open a chat with yourself"));
        return;
    }
    if (!ctx.accounts->userById(other)) {
        deny(QStringLiteral("there is no member %1").arg(other));
        return;
    }
    const auto chat = m_service.store().chatFor(user->id, other);
    if (!chat) {
        close(1011, QStringLiteral("the chat could not be opened"));
        return;
    }
    m_user = user;
    setAccess(user->id, r.tokenDigest);  // a logout closes this socket
    setIdentity(QStringLiteral("%1 (#%2) with #%3").arg(user->email).arg(user->id).arg(other));
    m_otherId = other;
    m_chatId = *chat;
    m_sequence = std::make_shared<ChatSequence>(m_service, context().worker, id(), this);
    // Join before reading history: a message committed in between is then delivered live
    // (and may also appear in the history; clients key messages by id).
    m_service.conversations().join(QString::number(m_chatId), context().worker, id());
    // Opening a conversation reads it (beyond the seed: GET /members counts unread messages).
    m_service.reads().markRead(m_chatId, user->id, sendHistory(0, m_service.settings().historyLimit));
}

qint64 ChatSession::sendHistory(qint64 beforeId, int limit)
{
    const QList<ChatMessage> history = m_service.store().history(m_chatId, beforeId, limit);
    QByteArray out("[");
    for (qsizetype i = 0; i < history.size(); ++i) {
        if (i)
            out.append(", ");
        out.append(history[i].toJson());
    }
    out.append(']');
    sendUtf8(out);
    return history.isEmpty() ? 0 : history.last().id;
}

void ChatSession::handleJson(const QByteArray &utf8)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(utf8, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        sendError(code::invalidJson, QStringLiteral("the message is not valid JSON: %1").arg(pe.errorString()));
        return;
    }
    const QJsonObject o = doc.object();
    const QString type = o.value(key::type).toString();
    if (type == type::text) {
        const QJsonValue text = o.value(key::text);
        if (!text.isString()) {
            sendError(code::invalidMessage, QStringLiteral("a text message needs \"text\", a string"));
            return;
        }
        submitText(text.toString());
    } else if (type == type::smile) {
        const auto id = positiveId(o.value(key::smileId));
        if (!id) {
            sendError(code::invalidMessage, QStringLiteral("a smile message needs \"smile_id\", a smile's id"));
            return;
        }
        SendRequest r;
        r.type = type;
        r.smileId = *id;
        submit(std::move(r));
    } else if (type == type::history) {
        const double before = o.value(key::before).toDouble(0);
        const double limit = o.value(key::limit).toDouble(100);
        if (before < 0 || limit < 1) {
            sendError(code::invalidMessage, QStringLiteral("history needs \"before\" (a message id) and \"limit\" (1 or more)"));
            return;
        }
        // After what this socket sent before it is stored: the page includes it.
        m_sequence->push(ChatSequence::Step::history(
            qint64(before), int(qMin(limit, double(m_service.settings().historyLimit)))));
    } else if (type == type::read) {
        const auto id = positiveId(o.value(key::messageId));
        if (!id) {
            sendError(code::invalidMessage, QStringLiteral("read needs \"message_id\", the newest message read"));
            return;
        }
        m_service.reads().markRead(m_chatId, m_user->id, *id);
    } else if (type.isEmpty()) {
        sendError(code::unknownType, QStringLiteral("the message needs a \"type\": text, smile, history or read"));
    } else {
        sendError(code::unknownType, QStringLiteral("unknown message type '%1' (expected text, smile, history or read)").arg(type));
    }
}

void ChatSession::submitText(const QString &text)
{
    if (text.trimmed().isEmpty()) {
        sendError(code::emptyMessage, QStringLiteral("the message is empty"));
        return;
    }
    SendRequest r;
    r.type = type::text;
    r.text = text;
    submit(std::move(r));
}

void ChatSession::submit(SendRequest r)
{
    r.chatId = m_chatId;
    r.senderId = m_user->id;
    m_sequence->push(ChatSequence::Step::send(std::move(r)));
}

void ChatSession::onBinary(const QByteArray &message)
{
    if (!m_user) {
        m_auth.stop();
        deny(QStringLiteral("the first message must be 'Bearer <access_token>'"));
        return;
    }
    FileFrame frame;
    QString detail;
    const qint64 limit = m_service.settings().fileBytes;
    switch (parseFileFrame(message, &frame, &detail)) {
    case FileFrameError::None:
        break;
    case FileFrameError::NotAFileFrame:
    case FileFrameError::BadInfo:
        sendError(code::invalidFileFrame, detail);
        return;
    case FileFrameError::SizeMismatch:
        if (frame.size > limit || frame.bytes.size() > limit)
            sendError(code::fileTooLarge, QStringLiteral("files are limited to %1 bytes").arg(limit));
        else
            sendError(code::fileSizeMismatch, detail);
        return;
    }
    if (frame.size > limit) {
        sendError(code::fileTooLarge, QStringLiteral("files are limited to %1 bytes").arg(limit));
        return;
    }
    submitFile(frame);
}

void ChatSession::submitFile(const FileFrame &frame)
{
    SendRequest r;
    r.chatId = m_chatId;
    r.senderId = m_user->id;
    r.type = type::file;
    r.text = frame.text;
    r.file.uuid = secrets::randomUuid();
    r.file.originalName = frame.name.left(255);
    r.file.contentType = frame.type.isEmpty() ? QMimeDatabase().mimeTypeForData(frame.bytes.toByteArray()).name() : frame.type.left(255);
    r.file.size = frame.bytes.size();
    m_sequence->push(ChatSequence::Step::file(std::move(r), frame.bytes.toByteArray()));
}

// ---- ChatSequence ---------------------------------------------------------------------

void ChatSequence::pump()
{
    while (!m_steps.empty()) {
        Step &s = m_steps.front();
        const qint64 cost = s.cost();
        switch (s.kind) {
        case Step::Send:
            // The writer stores in submission order: a text may follow others still in flight,
            // but not a file that has not reached the writer yet.
            if (m_fileWriting)
                return;
            submitToWriter(std::move(s.request), cost, QString());
            break;
        case Step::File:
            if (m_fileWriting)
                return;
            writeFile(std::move(s.request), std::move(s.bytes), cost);
            break;
        case Step::Reply:
        case Step::History:
            // Answered once everything sent before it has been answered.
            if (m_fileWriting || m_inFlight > 0)
                return;
            if (m_session) {
                if (s.kind == Step::Reply)
                    m_session->sendUtf8(s.bytes);
                else
                    m_session->sendHistory(s.before, s.limit);
            }
            m_steps.pop_front();
            held(-1, cost);
            continue;
        }
        m_steps.pop_front();
    }
}

void ChatSequence::completed(qint64 cost)
{
    --m_inFlight;
    held(-1, cost);
    pump();
}

void ChatSequence::held(int count, qint64 cost)
{
    m_backlogMessages += count;
    m_backlogBytes += count * cost;
    if (!m_session)
        return;  // the socket is gone: nothing to read from
    if (!m_inputHeld && (m_backlogMessages > kBacklogMessages || m_backlogBytes > kBacklogBytes)) {
        m_inputHeld = true;
        m_session->holdInput();
    } else if (m_inputHeld && m_backlogMessages <= kBacklogMessages / 2 && m_backlogBytes <= kBacklogBytes / 2) {
        m_inputHeld = false;
        m_session->releaseInput();
    }
}

void ChatSequence::submitToWriter(SendRequest r, qint64 cost, const QString &fileToRemoveOnFailure)
{
    // Stored messages go, serialized once, to every socket of the conversation; errors to the
    // sender only; both after the commit, and then this step counts as answered (posted
    // behind them to the sender's worker, so the next answer cannot overtake them).
    ++m_inFlight;
    RoomHub *conversations = &m_service->conversations();
    Worker *worker = m_worker;
    const quint64 sid = m_sessionId;
    ChatStore *store = &m_service->store();
    m_service->writer().submit(std::move(r), [self = shared_from_this(), worker, sid, conversations, store, cost,
                                              fileToRemoveOnFailure](const SendResult &res) {
        if (res.ok) {
            conversations->relayUtf8(QString::number(res.message.chatId), 0, res.message.toJson());
        } else {
            if (!fileToRemoveOnFailure.isEmpty())
                store->removeBytes(fileToRemoveOnFailure);  // on the writer's thread, after its batch
            worker->sendTo(sid, errorJson(res.errorCode, res.detail));
        }
        worker->post([self, cost] { self->completed(cost); });
    });
}

void ChatSequence::writeFile(SendRequest r, QByteArray bytes, qint64 cost)
{
    // Writing and fsyncing up to megabytes belongs on the blocking pool; the row follows
    // through the writer, and nothing this socket sent after the file may reach the writer
    // before it. A crash in between leaves a file without a row, which start-up removes.
    m_fileWriting = true;
    ChatService *service = m_service;
    m_service->context().blockingPool.start([self = shared_from_this(), service, r = std::move(r), bytes = std::move(bytes), cost] {
        QString error;
        const bool ok = service->store().writeBytes(r.file.uuid, bytes, &error);
        self->m_worker->post([self, r, ok, cost] {
            self->m_fileWriting = false;
            if (ok) {
                self->submitToWriter(r, cost, r.file.uuid);
            } else {
                // Its answer is an error, next in line.
                Step refusal = Step::reply(errorJson(code::storageError, QStringLiteral("the file could not be stored")));
                self->held(1, refusal.cost());
                self->m_steps.push_front(std::move(refusal));
                self->held(-1, cost);
            }
            self->pump();
        });
    });
}

}  // namespace sb::chat
