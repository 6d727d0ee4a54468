#include "trafficchart.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>

namespace sb::ui {

TrafficChart::TrafficChart(QWidget *parent)
    : QWidget(parent), m_chart(new QChart), m_in(new QLineSeries), m_out(new QLineSeries), m_time(new QDateTimeAxis), m_rate(new QValueAxis)
{
    m_in->setName(tr("messages in / s"));
    m_out->setName(tr("messages out / s"));
    m_chart->addSeries(m_in);
    m_chart->addSeries(m_out);
    m_time->setFormat(QStringLiteral("HH:mm:ss"));
    m_time->setTitleText(tr("last 5 minutes"));
    m_rate->setLabelFormat(QStringLiteral("%.0f"));
    m_rate->setRange(0, 10);
    m_chart->addAxis(m_time, Qt::AlignBottom);
    m_chart->addAxis(m_rate, Qt::AlignLeft);
    for (QLineSeries *s : {m_in, m_out}) {
        s->attachAxis(m_time);
        s->attachAxis(m_rate);
    }
    m_chart->legend()->setAlignment(Qt::AlignTop);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    auto *view = new QChartView(m_chart, this);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(180);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view);
}

int TrafficChart::points() const
{
    return int(m_in->count());
}

void TrafficChart::setService(const QString &service)
{
    m_service = service;
    m_in->clear();
    m_out->clear();
    m_lastIn = m_lastOut = -1;
}

void TrafficChart::add(const ServerSnapshot &snapshot, qint64 now)
{
    qint64 in = 0, out = 0;
    for (const auto &s : snapshot.services) {
        if (!m_service.isEmpty() && s.service != m_service)
            continue;
        in += s.messagesIn;
        out += s.messagesOut;
    }
    if (m_lastIn >= 0 && now > m_lastMs) {
        const double dt = double(now - m_lastMs) / 1000.0;
        m_in->append(double(now), qMax(0.0, double(in - m_lastIn) / dt));
        m_out->append(double(now), qMax(0.0, double(out - m_lastOut) / dt));
        while (m_in->count() && m_in->at(0).x() < double(now - kWindowMs)) {
            m_in->remove(0);
            m_out->remove(0);
        }
        double top = 10;
        for (const QPointF &p : m_in->points() + m_out->points())
            top = qMax(top, p.y() * 1.2);
        m_rate->setRange(0, top);
        m_time->setRange(QDateTime::fromMSecsSinceEpoch(now - kWindowMs), QDateTime::fromMSecsSinceEpoch(now));
    }
    m_lastMs = now;
    m_lastIn = in;
    m_lastOut = out;
}

// ---- HeartbeatsModel ----------------------------------------------------------------------

HeartbeatsModel::HeartbeatsModel(QObject *parent) : RowsModel(parent) {}

void HeartbeatsModel::update(const ServerSnapshot &snapshot, const QList<ConnectionInfo> &connections)
{
    QList<HeartbeatRow> rows;
    for (const auto &s : snapshot.services) {
        if (!ServerConfig::knownServices().contains(s.service))
            continue;
        HeartbeatRow r;
        r.service = s.service;
        r.intervalMs = snapshot.pingIntervalMs.value(s.service);
        r.timeouts = s.heartbeatTimeouts;
        r.clamped = s.reportsClamped;
        r.refused = s.reportsRefused;
        QList<qint64> rtts;
        for (const ConnectionInfo &c : connections) {
            if (c.service == s.service && c.rttMs >= 0)
                rtts.append(c.rttMs);
        }
        std::sort(rtts.begin(), rtts.end());
        r.measured = rtts.size();
        if (!rtts.isEmpty()) {
            r.median = rtts[rtts.size() / 2];
            r.p95 = rtts[qMin<qsizetype>(rtts.size() - 1, (rtts.size() * 95) / 100)];
        }
        rows.append(r);
    }
    setRows(std::move(rows));
}

QVariant HeartbeatsModel::data(const QModelIndex &index, int role) const
{
    const HeartbeatRow *row = this->row(index);
    if (!row)
        return {};
    const HeartbeatRow &r = *row;
    auto ms = [](qint64 v) -> QVariant { return v < 0 ? QVariant(QStringLiteral("–")) : QVariant(tr("%1 ms").arg(v)); };
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Service: return r.service;
        case Interval: return r.intervalMs > 0 ? QVariant(tr("every %1 s").arg(double(r.intervalMs) / 1000.0)) : QVariant(tr("off"));
        case Timeouts: return r.timeouts;
        case RttMedian: return ms(r.median);
        case Rtt95: return ms(r.p95);
        case Measured: return r.measured;
        case Clamped: return r.service == QLatin1String("pop") ? QVariant(r.clamped) : QVariant(QStringLiteral("–"));
        case Refused: return r.service == QLatin1String("pop") ? QVariant(r.refused) : QVariant(QStringLiteral("–"));
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() != Service)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant HeartbeatsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Service: return tr("Service");
    case Interval: return tr("Ping");
    case Timeouts: return tr("Timeouts");
    case RttMedian: return tr("Round trip (median)");
    case Rtt95: return tr("Round trip (95%)");
    case Measured: return tr("Measured");
    case Clamped: return tr("Views clamped");
    case Refused: return tr("Reports refused");
    }
    return {};
}

}  // namespace sb::ui
