#pragma once
// One /members/chat/ WebSocket (seed 001), on its worker thread: first-message Bearer
// authentication, history, then text / smile / file messages through the ChatWriter.

#include "accounts/accountstore.h"
#include "chatstore.h"
#include "net/wssession.h"
#include "services/firstmessageauth.h"

#include <QPointer>

#include <deque>
#include <memory>

namespace sb {
class Worker;
}

namespace sb::chat {

class ChatService;
struct FileFrame;
class ChatSequence;

class ChatSession final : public WsSession
{
    Q_OBJECT
public:
    ChatSession(const SessionContext &context, ServiceCounters &counters, ChatService &service);
    ~ChatSession() override;

protected:
    void onTextUtf8(QByteArrayView message) override;
    void onText(const QString &message) override;
    void onBinary(const QByteArray &message) override;
    void onDisconnected() override;
    void onRateLimited() override;

private:
    friend class ChatSequence;
    void authenticate(const QString &message);
    void handleJson(const QByteArray &utf8);
    // Returns the newest message id sent (0: none).
    qint64 sendHistory(qint64 beforeId, int limit);
    void submitText(const QString &text);
    void submitFile(const FileFrame &frame);
    void submit(SendRequest r);
    // An error for this socket, in order with the answers to what it sent before.
    void sendError(QLatin1String code, const QString &detail);
    void deny(const QString &reason);

    ChatService &m_service;
    // Every message of this socket goes through it, in the order sent (it outlives the
    // session while a file is still being written).
    std::shared_ptr<ChatSequence> m_sequence;
    FirstMessageAuth m_auth;
    std::optional<User> m_user;
    qint64 m_chatId = 0;
    qint64 m_otherId = 0;
};

// One socket's messages, handled in the order sent (docs/configuration.md, "Limits"): texts and smiles go to the
// writer at once (it stores in submission order), a file is written to disk first and holds
// back what follows it until it has reached the writer, and answers made here (errors,
// history pages) wait until everything sent before them has been answered. Worker thread
// only; shared with the callbacks so that what was sent is stored even if the socket closes.
//
// What a socket has sent and is not yet answered is bounded (SPEC §8: what a client can make
// the server hold): past kBacklogMessages messages or kBacklogBytes bytes the session stops
// reading from the peer, and reads again once half of it has been answered. Storage slower
// than the network (a slow disk, a PostgreSQL that stalls) then slows the sender down through
// TCP instead of filling the server's memory. A message alone always goes, whatever its size.
class ChatSequence final : public std::enable_shared_from_this<ChatSequence>
{
public:
    static constexpr int kBacklogMessages = 64;
    static constexpr qint64 kBacklogBytes = 1024 * 1024;

    struct Step {
        enum Kind { Send, File, Reply, History };
        Kind kind = Send;
        SendRequest request;  // Send, File
        QByteArray bytes;     // File: its contents; Reply: the message
        qint64 before = 0;    // History
        int limit = 0;
        static Step send(SendRequest r) { return {Send, std::move(r), {}, 0, 0}; }
        static Step file(SendRequest r, QByteArray b) { return {File, std::move(r), std::move(b), 0, 0}; }
        static Step reply(QByteArray message) { return {Reply, {}, std::move(message), 0, 0}; }
        static Step history(qint64 before, int limit) { return {History, {}, {}, before, limit}; }
        // What it holds until answered (its text, its file or reply, and a little for itself).
        qint64 cost() const { return 256 + request.text.size() * qint64(sizeof(QChar)) + bytes.size(); }
    };

    ChatSequence(ChatService &service, Worker *worker, quint64 sessionId, ChatSession *session)
        : m_service(&service), m_worker(worker), m_sessionId(sessionId), m_session(session)
    {
    }
    void push(Step step)
    {
        held(1, step.cost());
        m_steps.push_back(std::move(step));
        pump();
    }

private:
    void pump();
    void completed(qint64 cost);
    void submitToWriter(SendRequest r, qint64 cost, const QString &fileToRemoveOnFailure);
    void writeFile(SendRequest r, QByteArray bytes, qint64 cost);
    // Counts a step in (count 1) or out (count -1, once answered), and stops or resumes
    // reading from the peer as the backlog crosses its bounds.
    void held(int count, qint64 cost);

    ChatService *m_service;
    Worker *m_worker;
    quint64 m_sessionId;
    QPointer<ChatSession> m_session;
    std::deque<Step> m_steps;
    int m_inFlight = 0;         // at the writer, not answered yet
    bool m_fileWriting = false;  // a file on its way to the disk
    int m_backlogMessages = 0;   // sent by the peer, not answered yet
    qint64 m_backlogBytes = 0;
    bool m_inputHeld = false;    // the session reads nothing from the peer meanwhile
};

}  // namespace sb::chat
