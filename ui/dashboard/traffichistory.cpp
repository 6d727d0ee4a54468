#include "traffichistory.h"

namespace sb::ui {

qint64 TrafficHistory::spanMs(Range range)
{
    static constexpr qint64 spans[] = {5 * 60 * 1000, 60 * 60 * 1000, 24 * 60 * 60 * 1000};
    return spans[range];
}

qint64 TrafficHistory::stepMs(Range range)
{
    static constexpr qint64 steps[] = {1000, 10 * 1000, 4 * 60 * 1000};
    return steps[range];
}

int TrafficHistory::slotOf(const QString &service)
{
    qsizetype i = m_slots.indexOf(service);
    if (i < 0 && m_slots.size() < kSlots) {
        m_slots.append(service);
        i = m_slots.size() - 1;
    }
    return int(i);
}

void TrafficHistory::add(const ServerSnapshot &snapshot, qint64 nowMs)
{
    Sample s;
    s.t = nowMs;
    for (const ServiceCountersSnapshot &c : snapshot.services) {
        s.in[0] += c.messagesIn;
        s.out[0] += c.messagesOut;
        const int slot = slotOf(c.service);
        if (slot > 0) {
            s.in[slot] = c.messagesIn;
            s.out[slot] = c.messagesOut;
        }
    }
    m_latest = s;
    for (int r = 0; r < RangeCount; ++r) {
        std::deque<Sample> &samples = m_samples[r];
        // One sample per step of the clock (whatever the snapshots' jitter).
        if (!samples.empty() && nowMs / stepMs(Range(r)) == samples.back().t / stepMs(Range(r)))
            continue;
        samples.push_back(s);
        while (samples.size() > 2 && samples[1].t < nowMs - spanMs(Range(r)))
            samples.pop_front();
    }
}

QList<TrafficHistory::Point> TrafficHistory::rates(Range range, const QString &service) const
{
    QList<Point> points;
    const qsizetype slot = m_slots.indexOf(service);
    const std::deque<Sample> &samples = m_samples[range];
    // The stored samples, and the latest snapshot as the right edge: a coarse range is
    // current too, not up to one step behind.
    const bool edge = !samples.empty() && m_latest.t > samples.back().t;
    const size_t n = samples.size() + (edge ? 1 : 0);
    if (slot < 0 || n < 2)
        return points;
    points.reserve(qsizetype(n) - 1);
    for (size_t i = 1; i < n; ++i) {
        const Sample &a = samples[i - 1], &b = i < samples.size() ? samples[i] : m_latest;
        const double dt = double(b.t - a.t) / 1000.0;
        if (dt <= 0)
            continue;
        // Counters start again at zero when the node shown restarts: no negative rates.
        points.append({b.t, qMax(0.0, double(b.in[slot] - a.in[slot]) / dt), qMax(0.0, double(b.out[slot] - a.out[slot]) / dt)});
    }
    return points;
}

QList<TrafficHistory::Point> TrafficHistory::recent(const QString &service, int n) const
{
    const QList<Point> all = rates(FiveMinutes, service);
    return all.mid(qMax<qsizetype>(0, all.size() - n));
}

}  // namespace sb::ui
