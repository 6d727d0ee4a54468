#pragma once
// The traffic inspector's exports of the records shown: JSON Lines (every record), and HAR
// 1.2 (HTTP exchanges, and each WebSocket connection with its messages in the
// `_webSocketMessages` field Chrome's developer tools write and read). Each says what it
// wrote, for the inspector to tell the user.

#include "telemetry/capture.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace sb::ui {

struct ExportSummary {
    bool ok = false;
    QString error;       // why nothing (or not everything) was written
    int records = 0;     // JSON Lines: records written
    int exchanges = 0;   // HAR: HTTP requests with their responses
    int webSockets = 0;  // HAR: WebSocket connections
    int messages = 0;    // HAR: their messages
};

class TrafficExport final
{
    Q_DECLARE_TR_FUNCTIONS(sb::ui::TrafficExport)
public:
    // The record types' names in files: the same in every language.
    static QString kindKey(CaptureRecord::Kind kind);
    static std::optional<CaptureRecord::Kind> kindFromKey(const QString &key);
    // A JSON Lines capture written by jsonLines(), read back (oldest first); a line that is
    // not a record fails the whole file with its line number.
    static QList<CaptureRecord> readJsonLines(const QString &file, QString *error);
    static ExportSummary jsonLines(const QList<CaptureRecord> &records, const QString &file);
    // `baseUrls`: per service, where its listener is reached (http://host:port), for the
    // URLs of WebSocket connections (ws://host:port/path); a service without one gets
    // ws://<service>.
    static ExportSummary har(const QList<CaptureRecord> &records, const QHash<QString, QString> &baseUrls, const QString &file);
};

}  // namespace sb::ui
