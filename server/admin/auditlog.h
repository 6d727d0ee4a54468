#pragma once
// The audit log (docs/admin-api.md, "Audit log"): every administrative change, whoever made
// it — through the admin endpoint or the desktop app's own Administration tab. Kept in the
// node's database (table audit_log). Thread-safe: each call uses the calling thread's
// database connection.

#include "api/types.h"

namespace sb {

class Database;

class AuditLog final
{
public:
    explicit AuditLog(Database &db) : m_db(db) {}

    bool record(const AuditEntry &entry);
    // Newest first, at most `max` (1 to 10,000).
    QList<AuditEntry> latest(int max);

private:
    Database &m_db;
};

}  // namespace sb
