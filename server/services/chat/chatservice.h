#pragma once
// The member chat service (seed 001, SPEC §3): the /members/chat/ WebSocket, the storage
// and smiles API, members and profile, admin top-ups, and the web chat page.

#include "services/roomhub.h"
#include "services/service.h"

#include <memory>

namespace sb {
struct ServerContext;
struct User;
}

namespace sb::chat {

class ChatStore;
class ChatWriter;

class ChatService final : public Service
{
public:
    explicit ChatService(ServerContext &context);
    ~ChatService() override;  // the writer finishes what it was given, then stops
    QString name() const override { return QStringLiteral("chat"); }
    void registerRoutes(Router &router) override;
    void drain() override;
    QJsonObject snapshot() const override { return {{QStringLiteral("conversations"), m_conversations.snapshot()}}; }

    ServerContext &context() { return m_ctx; }
    ChatStore &store() { return *m_store; }
    ChatWriter &writer() { return *m_writer; }
    RoomHub &conversations() { return m_conversations; }

private:
    void getFile(HttpRequest &request, const HttpResponder &respond);
    void uploadSmile(HttpRequest &request, const HttpResponder &respond);
    void listSmiles(HttpRequest &request, const HttpResponder &respond);
    void listMembers(HttpRequest &request, const HttpResponder &respond);
    void me(HttpRequest &request, const HttpResponder &respond);
    void topUp(HttpRequest &request, const HttpResponder &respond);
    // The caller from Bearer or cookie; answers 401 itself when there is none.
    std::optional<User> caller(const HttpRequest &request, const HttpResponder &respond);

    ServerContext &m_ctx;
    std::unique_ptr<ChatStore> m_store;
    std::unique_ptr<ChatWriter> m_writer;
    RoomHub m_conversations;  // keyed by chat id
};

}  // namespace sb::chat
