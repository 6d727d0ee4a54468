#pragma once
// Numbered schema migrations. Migration N brings the schema from version N-1 to N; the
// version lives in PRAGMA user_version (SQLite) or the table schema_version (PostgreSQL). Never edit a released migration: add one. The
// accounts and each service bring their own (services/descriptor.h); together they number
// 1, 2, 3, ... without gaps, which Database::open checks.

#include <QStringList>
#include <vector>

namespace sb {

struct Migration {
    int version;
    QStringList statements;  // SQLite's; translated for PostgreSQL (Database::toPostgres)
    // PostgreSQL's own, where translating SQLite's statements is not enough (a table SQLite
    // must rebuild and PostgreSQL can alter).
    QStringList postgres = {};
};

}  // namespace sb
