#include "accountschema.h"

namespace sb {

const std::vector<Migration> &accountMigrations()
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
    {7,
     {
         // The admin endpoint (docs/admin-api.md): API tokens of an `admin` scope, and the
         // audit log of administrative changes. SQLite cannot change a CHECK: the table is
         // rebuilt with the same rows.
         QStringLiteral("CREATE TABLE api_tokens_v7 ("
                        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                        " name TEXT NOT NULL UNIQUE,"
                        " scope TEXT NOT NULL CHECK (scope IN ('private','public','admin')),"
                        " token_hash BLOB NOT NULL UNIQUE,"
                        " created_at INTEGER NOT NULL,"
                        " revoked_at INTEGER)"),
         QStringLiteral("INSERT INTO api_tokens_v7 (id, name, scope, token_hash, created_at, revoked_at)"
                        " SELECT id, name, scope, token_hash, created_at, revoked_at FROM api_tokens"),
         QStringLiteral("DROP TABLE api_tokens"),
         QStringLiteral("ALTER TABLE api_tokens_v7 RENAME TO api_tokens"),
         QStringLiteral("CREATE TABLE audit_log ("
                        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                        " at INTEGER NOT NULL,"
                        " who TEXT NOT NULL,"
                        " address TEXT NOT NULL,"
                        " action TEXT NOT NULL,"
                        " detail TEXT NOT NULL DEFAULT '')"),
     },
     {
         // PostgreSQL changes the CHECK in place (and keeps the id sequence).
         QStringLiteral("ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_scope_check"),
         QStringLiteral("ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_scope_check CHECK (scope IN ('private','public','admin'))"),
         QStringLiteral("CREATE TABLE audit_log ("
                        " id BIGSERIAL PRIMARY KEY,"
                        " at BIGINT NOT NULL,"
                        " who TEXT NOT NULL,"
                        " address TEXT NOT NULL,"
                        " action TEXT NOT NULL,"
                        " detail TEXT NOT NULL DEFAULT '')"),
     }},
    };
    return all;
}

}  // namespace sb
