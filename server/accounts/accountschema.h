#pragma once
// The accounts' tables (users, access tokens, tickets, API tokens, access events): migrations
// in the one numbered schema sequence that the services' migrations join (services/descriptor.h).

#include "store/migrations.h"

namespace sb {

const std::vector<Migration> &accountMigrations();

}  // namespace sb
