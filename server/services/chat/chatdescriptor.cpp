// The member chat service as the server knows it (services/descriptor.h): settings, limits,
// and its tables (chats, files, smiles, messages).
#include "chatservice.h"

#include "services/descriptor.h"

namespace sb::registered {

namespace {
const SettingField<chat::ChatSettings> kFields[] = {
    {"text_price", &chat::ChatSettings::textPrice, 0, 1'000'000},
    {"history_limit", &chat::ChatSettings::historyLimit, 0, 100'000},
    {"file_bytes", &chat::ChatSettings::fileBytes, 1, 1'000'000'000},
};
}  // namespace

const ServiceDescriptor &chat()
{
    static const ServiceDescriptor d{
        QStringLiteral("chat"),
        8000,
        [](Limits l) {
            // A file frame carries up to file_bytes plus its JSON info; smiles come over HTTP.
            l.frameBytes = 5'000'000 + 64 * 1024;
            l.messageBytes = 5'000'000 + 64 * 1024;
            l.bodyBytes = 5'000'000 + 64 * 1024;
            l.messagesPerSecond = 50;
            // Files of up to 5 MB go to every socket of both members: room for three of them.
            l.sendQueueBytes = 16 * 1024 * 1024;
            return l;
        },
        SettingsSchema(kFields),
        {
        {2,
         {
             // Member chat (seed 001). A chat is the pair of members, smaller id first.
             QStringLiteral("CREATE TABLE chats ("
                            " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                            " member_a INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                            " member_b INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                            " created_at TEXT NOT NULL,"
                            " UNIQUE (member_a, member_b),"
                            " CHECK (member_a < member_b))"),
             // Stored files: the name on disk is the uuid; the client's name is only data.
             QStringLiteral("CREATE TABLE files ("
                            " uuid TEXT PRIMARY KEY,"
                            " original_name TEXT NOT NULL,"
                            " content_type TEXT NOT NULL,"
                            " size INTEGER NOT NULL,"
                            " uploader_id INTEGER REFERENCES users(id) ON DELETE SET NULL,"
                            " created_at TEXT NOT NULL)"),
             QStringLiteral("CREATE TABLE smiles ("
                            " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                            " file_uuid TEXT NOT NULL REFERENCES files(uuid),"
                            " price INTEGER NOT NULL DEFAULT 0 CHECK (price >= 0),"
                            " created_at TEXT NOT NULL)"),
             QStringLiteral("CREATE TABLE messages ("
                            " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                            " chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,"
                            " member_id INTEGER NOT NULL REFERENCES users(id),"
                            " date TEXT NOT NULL,"
                            " type TEXT NOT NULL CHECK (type IN ('text','smile','file')),"
                            " text TEXT,"
                            " smile_id INTEGER REFERENCES smiles(id),"
                            " file_uuid TEXT REFERENCES files(uuid),"
                            " price INTEGER NOT NULL DEFAULT 0)"),
             QStringLiteral("CREATE INDEX messages_chat ON messages(chat_id, id)"),
         }},
        {5,
         {
             // A removed smile is retired, not deleted: old messages keep showing it, new
             // ones cannot use it, and it leaves the grid.
             QStringLiteral("ALTER TABLE smiles ADD COLUMN retired INTEGER NOT NULL DEFAULT 0"),
         }},
        {8,
         {
             // SQLite: nothing; the embedded server keeps file bytes in <data dir>/files.
         },
         {
             // A cluster keeps them in PostgreSQL, where every node can serve them
             // (docs/cluster.md, "What is shared").
             QStringLiteral("CREATE TABLE file_contents ("
                            " uuid TEXT PRIMARY KEY,"
                            " data BYTEA NOT NULL)"),
         }},
        },
        [](ServerContext &context) -> std::unique_ptr<Service> { return std::make_unique<chat::ChatService>(context); },
    };
    return d;
}

}  // namespace sb::registered
