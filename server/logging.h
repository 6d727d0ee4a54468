#pragma once
// Logging categories, one per subsystem (switchboard.net, .store, ...).

#include <QLoggingCategory>

namespace sb {
Q_DECLARE_LOGGING_CATEGORY(lcNet)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcAccounts)
Q_DECLARE_LOGGING_CATEGORY(lcGeneric)
Q_DECLARE_LOGGING_CATEGORY(lcHost)
Q_DECLARE_LOGGING_CATEGORY(lcCluster)

// Applies a level ("debug", "info", "warning", "error") to every switchboard.* category.
// Returns false for an unknown level.
bool setLogLevel(const QString &level);
}  // namespace sb
