#pragma once
// Command line of switchboardd: server options and the administration subcommands.

#include <QStringList>

namespace sb::cli {

// Runs switchboardd with `arguments` (argv as strings). Returns the process exit code.
// Starting the server runs the event loop until SIGINT/SIGTERM.
int run(const QStringList &arguments);

}  // namespace sb::cli
