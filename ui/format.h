#pragma once
// How the GUI writes sizes, counts, rates, dates and durations: the same in every view.

#include <QDateTime>
#include <QString>

namespace sb::ui {

// Every size the GUI shows: 1.5 KiB, 3.2 MiB (powers of 1024, IEC units, the user's locale).
QString formatBytes(qint64 bytes);
// A count with the locale's digit grouping: 12,345.
QString formatCount(qint64 n);
// A rate: one decimal below 10 (0.5), whole numbers above (1,250).
QString formatRate(double perSecond);
// Every date and time the GUI shows, in local time: "2026-12-03 14:05:09"; a time of day
// alone: "14:05:09" (with milliseconds where events are that close: "14:05:09.123").
QString formatDateTime(const QDateTime &when);
QString formatTime(const QDateTime &when, bool milliseconds = false);
// "42 s", "3 min 5 s", "2 h 10 min", "4 d 3 h".
QString formatDuration(qint64 ms);

}  // namespace sb::ui
