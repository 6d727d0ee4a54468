#pragma once
// The member chat service (seed 001, docs/chat.md): the /members/chat/ WebSocket, the storage
// and smiles API, members and profile, admin top-ups, and the web chat page.

#include "services/chat/chatreads.h"
#include "services/chat/chatstore.h"
#include "services/roomhub.h"
#include "net/service.h"

#include <memory>
#include <optional>

namespace sb {
struct ServerContext;
struct User;
}

namespace sb::chat {

class ChatStore;
class ChatWriter;

// "services.chat" in config.json, besides limits and allowed_origins.
struct ChatSettings {
    qint64 textPrice = 5;          // coins per text or file message for role "member"
    int historyLimit = 1000;       // messages sent on connect
    qint64 fileBytes = 5'000'000;  // largest file in a chat file frame or smile upload
};

class ChatService final : public Service
{
public:
    explicit ChatService(ServerContext &context);
    ~ChatService() override;  // the writer finishes what it was given, then stops
    QString name() const override { return QStringLiteral("chat"); }
    void registerRoutes(Router &router) override;
    void drain() override;
    std::optional<PresenceNode> presence() const override;
    const ChatSettings &settings() const { return m_settings; }

    ServerContext &context() { return m_ctx; }
    ChatStore &store() { return *m_store; }
    ChatWriter &writer() { return *m_writer; }
    ChatReads &reads() { return *m_reads; }
    RoomHub &conversations() { return m_conversations; }

    // Stores an image as a new smile (checked by its bytes, written durably, then its rows).
    // Blocking: call it off the GUI and worker threads. `errorCode` is an HTTP-style code
    // (413 too large, 415 not an image, 500 storage) with `error` saying why.
    std::optional<Smile> addSmile(const QByteArray &image, const QString &name, qint64 price, qint64 uploaderId,
                                  int *errorCode, QString *error);

private:
    void getFile(HttpRequest &request, const HttpResponder &respond);
    void uploadSmile(HttpRequest &request, const HttpResponder &respond);
    void listSmiles(HttpRequest &request, const HttpResponder &respond);
    void changeSmile(HttpRequest &request, const HttpResponder &respond);
    void listMembers(HttpRequest &request, const HttpResponder &respond);
    void me(HttpRequest &request, const HttpResponder &respond);
    void topUp(HttpRequest &request, const HttpResponder &respond);
    // The caller from Bearer or cookie; answers 401 itself when there is none.
    std::optional<User> caller(const HttpRequest &request, const HttpResponder &respond);
    // The caller if a superuser; answers 401 or 403 ("only a superuser can <action>") itself.
    std::optional<User> superuser(const HttpRequest &request, const HttpResponder &respond, const QString &action);
    // A whole number of coins, at least `min`, from field `key` of the JSON body; answers 400
    // itself (INVALID_JSON, or `code`) when there is none.
    std::optional<qint64> coinsFromBody(HttpRequest &request, const HttpResponder &respond, const char *key, qint64 min,
                                        const char *code);

    ServerContext &m_ctx;
    const ChatSettings m_settings;
    RoomHub m_conversations;  // keyed by chat id; outlives the writer, whose last commits relay
    std::unique_ptr<ChatStore> m_store;
    std::unique_ptr<ChatWriter> m_writer;
    std::unique_ptr<ChatReads> m_reads;
};

}  // namespace sb::chat
