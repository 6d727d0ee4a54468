#pragma once
// What the Overview's charts draw: messages in and out per second, per service and for all,
// kept at three resolutions so that a day fits in a few hundred points per range — every
// second for 5 minutes, every 10 s for an hour, every 4 minutes for 24 hours. Fed from the
// snapshots' counters (cumulative), so a missed snapshot loses no traffic, only resolution.
// GUI thread.

#include "serverhost.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <deque>

namespace sb::ui {

class TrafficHistory
{
public:
    enum Range { FiveMinutes, OneHour, OneDay, RangeCount };
    struct Point {
        qint64 t = 0;  // ms since the epoch, the end of the interval
        double in = 0, out = 0;  // messages per second over the interval
    };

    // Records the snapshot's counters at `nowMs`.
    void add(const ServerSnapshot &snapshot, qint64 nowMs);
    // The rates over `range`, oldest first; `service` empty for all services together.
    QList<Point> rates(Range range, const QString &service = {}) const;
    // The last `n` points of the finest range.
    QList<Point> recent(const QString &service, int n) const;

    static qint64 spanMs(Range range);
    static qint64 stepMs(Range range);

private:
    static constexpr int kSlots = 8;  // "all" and up to seven services
    struct Sample {
        qint64 t = 0;
        std::array<qint64, kSlots> in{}, out{};
    };
    int slotOf(const QString &service);

    QStringList m_slots{QString()};  // slot 0: all services
    std::array<std::deque<Sample>, RangeCount> m_samples;
    Sample m_latest;
};

}  // namespace sb::ui
