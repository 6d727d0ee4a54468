#pragma once
// A live chart of the last minutes (Qt Charts): messages per second in and out, for all
// services or the chosen one, one point per snapshot. GUI thread.

#include "rowsmodel.h"
#include "serverhost.h"

#include <QAbstractTableModel>
#include <QWidget>

class QChart;
class QLineSeries;
class QValueAxis;
class QDateTimeAxis;

namespace sb::ui {

class TrafficChart final : public QWidget
{
    Q_OBJECT
public:
    explicit TrafficChart(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(TrafficChart)

    void add(const ServerSnapshot &snapshot, qint64 nowMs);
    int points() const;
    // Which service the chart follows (empty: all); starts the chart afresh.
    void setService(const QString &service);

private:
    QChart *m_chart;
    QLineSeries *m_in;
    QLineSeries *m_out;
    QDateTimeAxis *m_time;
    QValueAxis *m_rate;
    qint64 m_lastMs = 0;
    qint64 m_lastIn = -1;
    qint64 m_lastOut = -1;
    QString m_service;
    static constexpr qint64 kWindowMs = 5 * 60 * 1000;
};

struct HeartbeatRow {
    QString service;
    qint64 intervalMs = 0, timeouts = 0, median = -1, p95 = -1, measured = 0, clamped = 0, refused = 0;
};

// Heartbeat health and pop abuse per service: ping interval, timeouts so far, round trips
// of the connections open now (median, 95th percentile), clamped and refused reports.
class HeartbeatsModel final : public RowsModel<HeartbeatRow, 8>
{
    Q_OBJECT
public:
    enum Column { Service, Interval, Timeouts, RttMedian, Rtt95, Measured, Clamped, Refused, ColumnCount };
    static_assert(ColumnCount == 8);
    explicit HeartbeatsModel(QObject *parent = nullptr);
    void update(const ServerSnapshot &snapshot, const QList<ConnectionInfo> &connections);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
};

}  // namespace sb::ui
