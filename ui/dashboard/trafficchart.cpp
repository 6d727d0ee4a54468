#include "trafficchart.h"

#include "widgets/theme.h"

#include <QButtonGroup>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QSettings>
#include <QToolButton>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace sb::ui {

namespace {

// Round steps for the time axis: every minute over 5 minutes, every 10 over an hour, every 3 hours over a day.
qint64 tickStepMs(TrafficHistory::Range range)
{
    static constexpr qint64 steps[] = {60 * 1000, 10 * 60 * 1000, 3 * 60 * 60 * 1000};
    return steps[range];
}

// A round step (1, 2, 2.5 or 5 times a power of ten) that cuts 0..top into about `parts`.
double niceStep(double top, int parts)
{
    const double raw = top / parts;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0}) {
        if (m * magnitude >= raw)
            return m * magnitude;
    }
    return 10 * magnitude;
}

}  // namespace

TrafficChart::TrafficChart(const TrafficHistory &history, QWidget *parent)
    : QWidget(parent)
    , m_history(history)
    , m_chart(new QChart)
    , m_in(new QLineSeries)
    , m_out(new QLineSeries)
    , m_time(new QCategoryAxis)
    , m_rate(new QValueAxis)
    , m_serviceBox(new QComboBox(this))
    , m_view(nullptr)
    , m_empty(nullptr)
    , m_ranges(new QButtonGroup(this))
{
    m_in->setName(tr("messages in / s"));
    m_out->setName(tr("messages out / s"));
    m_chart->addSeries(m_in);
    m_chart->addSeries(m_out);
    m_time->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_rate->setLabelFormat(QStringLiteral("%.0f"));
    m_rate->setRange(0, 10);
    m_chart->addAxis(m_time, Qt::AlignBottom);
    m_chart->addAxis(m_rate, Qt::AlignLeft);
    for (QLineSeries *series : {m_in, m_out}) {
        series->attachAxis(m_time);
        series->attachAxis(m_rate);
    }
    m_chart->legend()->setAlignment(Qt::AlignTop);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setBackgroundRoundness(4);
    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(200);
    m_empty = new QLabel(tr("No messages in this range yet. Connect a client from the Clients tab, or give someone a "
                            "service's address from its card."),
                         m_view);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_empty->setForegroundRole(QPalette::PlaceholderText);

    m_serviceBox->addItem(tr("All services"), QString());
    for (const QString &service : ServerConfig::knownServices())
        m_serviceBox->addItem(service, service);
    m_serviceBox->setToolTip(tr("Which service the chart shows"));
    connect(m_serviceBox, &QComboBox::currentIndexChanged, this, [this] { setService(m_serviceBox->currentData().toString()); });
    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Messages per second:"), this));
    controls->addWidget(m_serviceBox);
    controls->addStretch(1);
    const QStringList names = {tr("5 min"), tr("1 h"), tr("24 h")};
    for (int r = 0; r < TrafficHistory::RangeCount; ++r) {
        auto *button = new QToolButton(this);
        button->setText(names[r]);
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setToolTip(tr("Show the last %1").arg(names[r]));
        m_ranges->addButton(button, r);
        controls->addWidget(button);
    }
    connect(m_ranges, &QButtonGroup::idClicked, this, [this](int id) {
        setRange(TrafficHistory::Range(id));
        QSettings().setValue(QStringLiteral("overview/range"), id);
    });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(m_view, 1);
    setRange(TrafficHistory::Range(qBound(0, QSettings().value(QStringLiteral("overview/range"), 0).toInt(), TrafficHistory::RangeCount - 1)));
    applyColours();
}

int TrafficChart::points() const
{
    return int(m_in->count());
}

void TrafficChart::setService(const QString &service)
{
    m_service = service;
    const int i = m_serviceBox->findData(service);
    if (i >= 0 && i != m_serviceBox->currentIndex())
        m_serviceBox->setCurrentIndex(i);
    if (m_lastNowMs)
        redraw(m_lastNowMs);
}

void TrafficChart::setRange(TrafficHistory::Range range)
{
    m_range = range;
    if (QAbstractButton *b = m_ranges->button(range))
        b->setChecked(true);
    if (m_lastNowMs)
        redraw(m_lastNowMs);
}

QStringList TrafficChart::timeLabels() const
{
    return m_time->categoriesLabels();
}

double TrafficChart::rateTop() const
{
    return m_rate->max();
}

void TrafficChart::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColours();
}

// The chart follows the palette (light or dark) and the app's traffic colours: in a solid
// line, out a dashed one, so the two read apart in any colour vision.
void TrafficChart::applyColours()
{
    const bool dark = theme::isDark(palette());
    m_chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    m_chart->setBackgroundBrush(palette().color(QPalette::Base));
    m_chart->setTitleBrush(palette().color(QPalette::Text));
    m_chart->legend()->setLabelColor(palette().color(QPalette::Text));
    for (QAbstractAxis *axis : {static_cast<QAbstractAxis *>(m_time), static_cast<QAbstractAxis *>(m_rate)}) {
        axis->setLabelsColor(palette().color(QPalette::Text));
        axis->setGridLineColor(palette().color(QPalette::Midlight));
    }
    m_in->setPen(QPen(theme::seriesIn(), 2));
    m_out->setPen(QPen(theme::seriesOut(), 2, Qt::DashLine));
}

void TrafficChart::redraw(qint64 now)
{
    m_lastNowMs = now;
    const QList<TrafficHistory::Point> points = m_history.rates(m_range, m_service);
    QList<QPointF> in, out;
    in.reserve(points.size());
    out.reserve(points.size());
    double top = 0;
    for (const TrafficHistory::Point &p : points) {
        in.append({double(p.t), p.in});
        out.append({double(p.t), p.out});
        top = qMax(top, qMax(p.in, p.out));
    }
    m_in->replace(in);
    m_out->replace(out);
    m_empty->setGeometry(m_view->rect().adjusted(60, 60, -60, -60));
    m_empty->setVisible(top <= 0);

    // Rates: 0 to a round top, a tick at each round step.
    const double step = niceStep(qMax(5.0, top * 1.1), 4);
    const int parts = qMax(1, int(std::ceil(qMax(5.0, top * 1.1) / step)));
    m_rate->setRange(0, step * parts);
    m_rate->setTickCount(parts + 1);
    m_rate->setLabelFormat(step < 1 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));

    // Time: the range ending now, a label at each round time of day inside it.
    const qint64 start = now - TrafficHistory::spanMs(m_range), tick = tickStepMs(m_range);
    const qint64 offset = qint64(QDateTime::fromMSecsSinceEpoch(now).offsetFromUtc()) * 1000;
    for (const QString &label : m_time->categoriesLabels())
        m_time->remove(label);
    m_time->setStartValue(double(start));
    for (qint64 t = ((start + offset) / tick + 1) * tick - offset; t <= now; t += tick)
        m_time->append(QDateTime::fromMSecsSinceEpoch(t).toString(QStringLiteral("HH:mm")), double(t));
    m_time->setRange(double(start), double(now));
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
