#pragma once
// The Overview's traffic chart (Qt Charts) and its heartbeat table. GUI thread.

#include "rowsmodel.h"
#include "serverhost.h"
#include "traffichistory.h"

#include <QAbstractTableModel>
#include <QWidget>

class QButtonGroup;
class QCategoryAxis;
class QChart;
class QChartView;
class QLabel;
class QComboBox;
class QLineSeries;
class QValueAxis;

namespace sb::ui {

// The Overview's chart: messages per second in and out, for all services or the one chosen,
// over the last 5 minutes, hour or day (TrafficHistory), with ticks at round times and round
// rates. The range is remembered (settings "overview/range").
class TrafficChart final : public QWidget
{
    Q_OBJECT
public:
    explicit TrafficChart(const TrafficHistory &history, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(TrafficChart)

    // Draws the history up to `nowMs` again (the window does this with every snapshot).
    void redraw(qint64 nowMs);
    int points() const;
    void setService(const QString &service);
    void setRange(TrafficHistory::Range range);
    TrafficHistory::Range range() const { return m_range; }
    // The time axis' labels, left to right ("14:05"), and the rate axis' top, for tests.
    QStringList timeLabels() const;
    double rateTop() const;
    // "No messages in this range yet…", shown over the chart while it is flat at zero.
    QLabel *emptyHint() const { return m_empty; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColours();

    const TrafficHistory &m_history;
    QChart *m_chart;
    QLineSeries *m_in;
    QLineSeries *m_out;
    QCategoryAxis *m_time;
    QValueAxis *m_rate;
    QComboBox *m_serviceBox;
    QChartView *m_view;
    QLabel *m_empty;
    QButtonGroup *m_ranges;
    QString m_service;
    TrafficHistory::Range m_range = TrafficHistory::FiveMinutes;
    qint64 m_lastNowMs = 0;
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
    const QList<HeartbeatRow> &rows() const { return m_rows; }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
};

}  // namespace sb::ui
