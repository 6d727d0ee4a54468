#include "migrations.h"

namespace sb {

const std::vector<Migration> &migrations()
{
    static const std::vector<Migration> all = {
        {1,
         {
             QStringLiteral("CREATE TABLE users ("
                            " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                            " uuid TEXT NOT NULL UNIQUE,"
                            " email TEXT NOT NULL UNIQUE COLLATE NOCASE,"
                            " password_hash TEXT NOT NULL,"
                            " role TEXT NOT NULL DEFAULT 'member'"
                            "   CHECK (role IN ('superuser','employee','premium','member')),"
                            " balance INTEGER NOT NULL DEFAULT 0 CHECK (balance >= 0),"
                            " disabled INTEGER NOT NULL DEFAULT 0,"
                            " created_at TEXT NOT NULL)"),
             QStringLiteral("CREATE TABLE access_tokens ("
                            " token_hash BLOB PRIMARY KEY,"
                            " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                            " created_at INTEGER NOT NULL,"
                            " expires_at INTEGER NOT NULL,"
                            " revoked INTEGER NOT NULL DEFAULT 0)"),
             QStringLiteral("CREATE INDEX access_tokens_user ON access_tokens(user_id)"),
             QStringLiteral("CREATE TABLE tickets ("
                            " ticket_hash BLOB PRIMARY KEY,"
                            " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                            " expires_at INTEGER NOT NULL,"
                            " used INTEGER NOT NULL DEFAULT 0)"),
             QStringLiteral("CREATE TABLE api_tokens ("
                            " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                            " name TEXT NOT NULL UNIQUE,"
                            " scope TEXT NOT NULL CHECK (scope IN ('private','public')),"
                            " token_hash BLOB NOT NULL UNIQUE,"
                            " created_at INTEGER NOT NULL,"
                            " revoked_at INTEGER)"),
         }},
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
        {3,
         {
             // Felix (seed 002): guild and user documents, JSON objects.
             QStringLiteral("CREATE TABLE felix_documents ("
                            " kind TEXT NOT NULL CHECK (kind IN ('guild','user')),"
                            " id TEXT NOT NULL,"
                            " data TEXT NOT NULL,"
                            " updated_at INTEGER NOT NULL,"
                            " PRIMARY KEY (kind, id))"),
         }},
        {4,
         {
             // Pop view counts (seed 000): totals per content and what each user added.
             QStringLiteral("CREATE TABLE view_counts ("
                            " content_id TEXT PRIMARY KEY,"
                            " total INTEGER NOT NULL DEFAULT 0,"
                            " viewers INTEGER NOT NULL DEFAULT 0)"),
             QStringLiteral("CREATE TABLE view_counts_by_user ("
                            " content_id TEXT NOT NULL,"
                            " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                            " count INTEGER NOT NULL,"
                            " PRIMARY KEY (content_id, user_id))"),
         }},
        {5,
         {
             // A removed smile is retired, not deleted: old messages keep showing it, new
             // ones cannot use it, and it leaves the grid.
             QStringLiteral("ALTER TABLE smiles ADD COLUMN retired INTEGER NOT NULL DEFAULT 0"),
         }},
        {6,
         {
             // Ending access ends it (docs/configuration.md, "Limits"): a ticket dies with the access token that
             // issued it, and every logout, disable, role change or API token revocation is
             // recorded, so that a running server (also when another process, the CLI, made the
             // change) closes the sockets it opened.
             QStringLiteral("ALTER TABLE tickets ADD COLUMN token_hash BLOB"),
             QStringLiteral("CREATE TABLE access_events ("
                            " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                            " kind TEXT NOT NULL CHECK (kind IN ('token','user','role','api_token')),"
                            " user_id INTEGER,"
                            " token_hash BLOB,"
                            " api_token_id INTEGER,"
                            " at INTEGER NOT NULL)"),
         }},
    };
    return all;
}

}  // namespace sb
