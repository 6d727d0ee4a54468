#pragma once
// The seed 001 file frame: '!' + JSON file info + '#' + the file bytes, exactly as the
// example page's sendFile() builds it. Pure parser, any thread; fuzzed.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace sb::chat {

struct FileFrame {
    QString name;
    qint64 size = -1;
    QString type;
    QString text;
    QByteArrayView bytes;  // points into the parsed frame
};

enum class FileFrameError { None, NotAFileFrame, BadInfo, SizeMismatch };

// Finds the end of the JSON object that starts at data[0] ('{'), honouring strings and
// escapes; returns the index just past its closing brace, or -1.
qsizetype jsonObjectEnd(QByteArrayView data);

FileFrameError parseFileFrame(QByteArrayView frame, FileFrame *out, QString *detail);

}  // namespace sb::chat
