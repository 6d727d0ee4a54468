#pragma once
// A stored chat message and its JSON in the exact shape of seed 001 (key order included).
// Plain values, any thread.

#include <QByteArray>
#include <QString>

namespace sb::chat {

struct ChatMessage {
    qint64 id = 0;
    qint64 memberId = 0;
    qint64 chatId = 0;
    QString date;  // "2022-09-02T15:27:34.857355", UTC
    QString type;  // text, smile, file
    QString text;
    qint64 smileId = 0;
    QString smileFileUuid;
    QString fileUuid;

    QByteArray toJson() const;
};

// Current UTC time with microseconds, as the seed writes dates.
QString nowWithMicroseconds();
// Appends `s` as a JSON string literal (quotes and escapes included).
void appendJsonString(QByteArray &out, const QString &s);
// Appends `n` as a JSON number.
void appendJsonNumber(QByteArray &out, qint64 n);
// {"type":"error","code":...,"detail":...}
QByteArray errorJson(QLatin1String code, const QString &detail);

}  // namespace sb::chat
