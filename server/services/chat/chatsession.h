#pragma once
// One /members/chat/ WebSocket (seed 001), on its worker thread: first-message Bearer
// authentication, history, then text / smile / file messages through the ChatWriter.

#include "accounts/accountstore.h"
#include "chatstore.h"
#include "net/wssession.h"

#include <QTimer>

namespace sb {
class Worker;
}

namespace sb::chat {

class ChatService;
struct FileFrame;

class ChatSession final : public WsSession
{
    Q_OBJECT
public:
    ChatSession(QWebSocket *socket, const SessionContext &context, ServiceCounters &counters, ChatService &service);
    ~ChatSession() override;

protected:
    void onText(const QString &message) override;
    void onBinary(const QByteArray &message) override;
    void onDisconnected() override;
    void onRateLimited() override;

private:
    void authenticate(const QString &message);
    void handleJson(const QByteArray &utf8);
    void sendHistory(qint64 beforeId, int limit);
    void submitText(const QString &text);
    void submitFile(const FileFrame &frame);
    void submit(SendRequest r, const QString &fileToRemoveOnFailure = {});
    static void submitRequest(ChatService &service, Worker *worker, quint64 sessionId, SendRequest r,
                              const QString &fileToRemoveOnFailure);
    void sendError(const QByteArray &code, const QString &detail);
    void deny(const QString &reason);

    ChatService &m_service;
    QTimer m_authTimer;
    std::optional<User> m_user;
    qint64 m_chatId = 0;
    qint64 m_otherId = 0;
};

}  // namespace sb::chat
