#pragma once
// How the GUI writes sizes and durations, the same in every view.

#include <QString>

namespace sb::ui {

// 1.5 KB, 3.2 MB (powers of 1024, the user's locale).
QString formatBytes(qint64 bytes);
// "42 s", "3 min 5 s", "2 h 10 min", "4 d 3 h".
QString formatDuration(qint64 ms);

}  // namespace sb::ui
