#pragma once
// Numbered schema migrations. Migration N brings the schema from version N-1 to N; the
// version lives in PRAGMA user_version. Never edit a released migration: add one.

#include <QStringList>
#include <vector>

namespace sb {

struct Migration {
    int version;
    QStringList statements;
};

const std::vector<Migration> &migrations();

}  // namespace sb
