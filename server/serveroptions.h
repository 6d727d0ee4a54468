#pragma once
// The command-line options that configure a server, shared by switchboardd and the GUI:
// --data-dir, --config, --listen-address, --port SERVICE=PORT, --log-level, --workers, --admin, --admin-port, --no-announce,
// --node, --redis, --database (cluster mode).

#include "config.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <optional>

namespace sb {

struct ServerOptions {
    QCommandLineOption dataDir;
    QCommandLineOption config;
    QCommandLineOption listenAddress;
    QCommandLineOption port;
    QCommandLineOption logLevel;
    QCommandLineOption workers;
    QCommandLineOption admin;
    QCommandLineOption adminPort;
    QCommandLineOption noAnnounce;
    QCommandLineOption node;
    QCommandLineOption redis;
    QCommandLineOption database;
    QCommandLineOption strict;

    ServerOptions();
    void addTo(QCommandLineParser &parser) const;
    // Applies the log level and builds the configuration; errors name the option.
    std::optional<ServerConfig> resolve(const QCommandLineParser &parser, QString *error) const;
};

}  // namespace sb
