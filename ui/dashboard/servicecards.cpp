#include "servicecards.h"

#include "format.h"
#include "trafficchart.h"
#include "widgets/sparkline.h"
#include "widgets/theme.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QResizeEvent>
#include <QToolButton>
#include <QVBoxLayout>

namespace sb::ui {

namespace {

constexpr int kMinCardWidth = 200;

QString describeService(const QString &service)
{
    if (service == QLatin1String("chat"))
        return ServiceCard::tr("Member chat: accounts, files and coins");
    if (service == QLatin1String("generic"))
        return ServiceCard::tr("Strict RFC 6455 service: echo and rooms");
    if (service == QLatin1String("channels"))
        return ServiceCard::tr("Pub/sub channels with presence and acknowledgements");
    if (service == QLatin1String("felix"))
        return ServiceCard::tr("Bot status with database-update subscriptions");
    if (service == QLatin1String("pop"))
        return ServiceCard::tr("Social app: state echo and view counts");
    return {};
}

// A label that shortens its text with "…" to the width it is given (URLs in narrow cards).
class ElidedLabel final : public QLabel
{
public:
    using QLabel::QLabel;
    void setFullText(const QString &text)
    {
        m_full = text;
        elide();
    }
    const QString &fullText() const { return m_full; }
    QSize minimumSizeHint() const override { return {40, QLabel::minimumSizeHint().height()}; }

protected:
    void resizeEvent(QResizeEvent *event) override
    {
        QLabel::resizeEvent(event);
        elide();
    }

private:
    void elide() { setText(fontMetrics().elidedText(m_full, Qt::ElideMiddle, qMax(40, width()))); }
    QString m_full;
};

}  // namespace

ServiceCard::ServiceCard(const QString &service, QWidget *parent)
    : QFrame(parent)
    , m_service(service)
    , m_state(new QLabel(this))
    , m_address(new ElidedLabel(this))
    , m_copy(new QToolButton(this))
    , m_action(new QToolButton(this))
    , m_connections(new QLabel(this))
    , m_rates(new QLabel(this))
    , m_sparkline(new Sparkline(this))
    , m_problems(new QLabel(this))
    , m_heartbeat(new QLabel(this))
{
    setObjectName(QStringLiteral("card_") + service);
    setToolTip(describeService(service));
    setMinimumWidth(kMinCardWidth);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);  // the cards of a row as tall as each other
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 10, 12, 10);
    layout->setSpacing(4);

    auto *title = new QLabel(service, this);
    QFont big = title->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.2);
    title->setFont(big);
    auto *head = new QHBoxLayout;
    head->addWidget(title);
    head->addStretch(1);
    head->addWidget(m_state);
    layout->addLayout(head);

    auto *where = new QHBoxLayout;
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_address->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_copy->setText(tr("Copy"));
    m_copy->setToolTip(tr("Copy this address"));
    m_copy->setAutoRaise(true);
    connect(m_copy, &QToolButton::clicked, this, [this] { emit copyUrl(m_url); });
    m_action->hide();
    connect(m_action, &QToolButton::clicked, this, [this] {
        if (m_action->property("move").toBool())
            emit moveToFreePort(m_listenerId);
        else
            emit startListener(m_listenerId);
    });
    where->addWidget(m_address, 1);
    where->addWidget(m_copy);
    where->addWidget(m_action);
    layout->addLayout(where);

    // Two figures read at a glance, each under its caption: connections, and messages per
    // second with the last minute beside it.
    auto *numbers = new QGridLayout;
    numbers->setVerticalSpacing(0);
    numbers->setHorizontalSpacing(12);
    auto *connectionsCaption = new QLabel(tr("Connections"), this);
    auto *ratesCaption = new QLabel(tr("Messages/s"), this);
    m_captions = {connectionsCaption, ratesCaption};
    QFont figures = m_connections->font();
    figures.setPointSizeF(figures.pointSizeF() * 1.6);
    m_connections->setFont(figures);
    m_connections->setToolTip(tr("WebSocket connections open now"));
    m_rates->setToolTip(tr("Messages per second, in and out, over the last second; the line above is the last minute"));
    m_sparkline->setToolTip(m_rates->toolTip());
    numbers->addWidget(connectionsCaption, 0, 0);
    numbers->addWidget(ratesCaption, 0, 1);
    numbers->addWidget(m_connections, 1, 0, Qt::AlignLeft | Qt::AlignVCenter);
    numbers->addWidget(m_sparkline, 1, 1);
    m_rates->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    numbers->addWidget(m_rates, 2, 0, 1, 2);  // the whole width: "■ 12,400 in ■ 12,380 out" fits a narrow card
    numbers->setColumnStretch(1, 1);
    layout->addLayout(numbers);
    m_problems->setWordWrap(true);
    m_heartbeat->setWordWrap(true);
    layout->addWidget(m_problems);
    layout->addWidget(m_heartbeat);
    layout->addStretch(1);
}

void ServiceCard::update(const ListenerStatus *listener, const ServiceCountersSnapshot *counters, const HeartbeatRow *heartbeat,
                         const QList<TrafficHistory::Point> &lastMinute)
{
    auto *address = static_cast<ElidedLabel *>(m_address);
    m_listenerId = listener ? listener->id : -1;
    m_action->hide();
    m_action->setProperty("move", false);
    if (!listener) {
        m_state->setText(tr("No listener"));
        theme::setTextTone(m_state, theme::Tone::Muted);
        m_url.clear();
        address->setFullText(tr("Not served by this node"));
    } else if (listener->running) {
        m_state->setText(listener->tls ? tr("Running · TLS") : tr("Running"));
        theme::setTextTone(m_state, theme::Tone::Good);
        m_url = listener->lanUrls.isEmpty() ? listener->localUrl : listener->lanUrls.constFirst();
        address->setFullText(m_url);
        address->setToolTip(listener->lanUrls.isEmpty() ? tr("Only this computer can connect") : listener->lanUrls.join(QLatin1Char('\n')));
    } else {
        const bool failed = !listener->error.isEmpty();
        m_state->setText(failed ? tr("Failed") : tr("Stopped"));
        theme::setTextTone(m_state, failed ? theme::Tone::Bad : theme::Tone::Muted);
        m_url.clear();
        address->setFullText(failed ? listener->error : tr("Not accepting connections"));
        address->setToolTip(failed ? listener->error : QString());
        m_action->setText(failed ? tr("Use a free port") : tr("Start"));
        m_action->setToolTip(failed ? tr("Move this listener to a port nothing else uses, and start it") : tr("Start accepting connections"));
        m_action->setProperty("move", failed);
        m_action->show();
    }
    theme::setTextTone(m_address, listener && !listener->running && !listener->error.isEmpty() ? theme::Tone::Bad : theme::Tone::Plain);
    m_copy->setVisible(!m_url.isEmpty());
    for (QLabel *caption : std::as_const(m_captions))
        theme::setTextTone(caption, theme::Tone::Muted);
    m_tone = !listener ? theme::Tone::Muted : listener->running ? theme::Tone::Good : listener->error.isEmpty() ? theme::Tone::Muted : theme::Tone::Bad;

    const qint64 open = counters ? counters->connectionsOpen : 0;
    m_connections->setText(formatCount(open));
    const TrafficHistory::Point last = lastMinute.isEmpty() ? TrafficHistory::Point{} : lastMinute.constLast();
    m_ratesPlain = tr("%1 in · %2 out").arg(formatRate(last.in), formatRate(last.out));
    // The squares are the sparkline's legend.
    m_rates->setText(tr("<span style=\"color:%1\">&#9632;</span> %2 in &nbsp;<span style=\"color:%3\">&#9632;</span> %4 out")
                         .arg(theme::seriesIn().name(), formatRate(last.in), theme::seriesOut().name(), formatRate(last.out)));
    QList<double> in, out;
    for (const TrafficHistory::Point &p : lastMinute) {
        in.append(p.in);
        out.append(p.out);
    }
    m_sparkline->setValues(std::move(in), std::move(out));

    const qint64 errors = counters ? counters->errors : 0, hits = counters ? counters->limitHits : 0;
    QString problems = tr("%1 errors · %2 limit hits").arg(formatCount(errors), formatCount(hits));
    if (m_service == QLatin1String("pop") && counters)
        problems += tr(" · %1 clamped · %2 refused").arg(formatCount(counters->reportsClamped), formatCount(counters->reportsRefused));
    m_problems->setText(problems);
    theme::setTextTone(m_problems, errors + hits > 0 ? theme::Tone::Warning : theme::Tone::Muted);
    if (counters)
        m_problems->setToolTip(tr("%1 errors, %2 limit hits (%3 of them clients closed for not reading), %4 heartbeat timeouts")
                                   .arg(counters->errors)
                                   .arg(counters->limitHits)
                                   .arg(counters->slowConsumers)
                                   .arg(counters->heartbeatTimeouts));

    if (!heartbeat || heartbeat->intervalMs <= 0) {
        m_heartbeat->setText(tr("Heartbeat off"));
        theme::setTextTone(m_heartbeat, theme::Tone::Muted);
    } else if (heartbeat->median < 0) {
        m_heartbeat->setText(tr("Pings every %1 s · no answer yet").arg(double(heartbeat->intervalMs) / 1000.0));
        theme::setTextTone(m_heartbeat, theme::Tone::Muted);
    } else {
        QString text = tr("Round trip %1 ms · 95%: %2 ms").arg(heartbeat->median).arg(heartbeat->p95);
        if (heartbeat->timeouts > 0)
            text += tr(" · %n timed out", nullptr, int(heartbeat->timeouts));
        m_heartbeat->setText(text);
        // Fine on a LAN, slow, or clients that barely answer.
        theme::setTextTone(m_heartbeat, heartbeat->p95 < 250 ? theme::Tone::Good : heartbeat->p95 < 1000 ? theme::Tone::Warning : theme::Tone::Bad);
    }
    m_heartbeat->setToolTip(heartbeat ? tr("Pings every %1 s; %2 connection(s) measured; %3 heartbeat timeouts so far")
                                            .arg(double(heartbeat->intervalMs) / 1000.0)
                                            .arg(heartbeat->measured)
                                            .arg(heartbeat->timeouts)
                                      : QString());
}

// A raised panel in the base colour, its left edge in the state's colour.
void ServiceCard::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF box = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    p.setPen(QPen(palette().color(QPalette::Mid), 1));
    p.setBrush(palette().color(QPalette::Base));
    p.drawRoundedRect(box, 6, 6);
    p.setPen(Qt::NoPen);
    p.setBrush(theme::text(m_tone));
    p.drawRoundedRect(QRectF(box.left() + 1, box.top() + 6, 4, box.height() - 12), 2, 2);
}

QString ServiceCard::stateText() const { return m_state->text(); }
QString ServiceCard::urlText() const { return static_cast<ElidedLabel *>(m_address)->fullText(); }
QString ServiceCard::connectionsText() const { return m_connections->text(); }
QString ServiceCard::ratesText() const { return m_ratesPlain; }
QString ServiceCard::problemsText() const { return m_problems->text(); }
QString ServiceCard::heartbeatText() const { return m_heartbeat->text(); }

// ---- ServiceCards -----------------------------------------------------------------------

ServiceCards::ServiceCards(QWidget *parent) : QWidget(parent), m_grid(new QGridLayout(this))
{
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(8);
    for (const QString &service : ServerConfig::knownServices()) {
        auto *card = new ServiceCard(service, this);
        connect(card, &ServiceCard::copyUrl, this, &ServiceCards::copyUrl);
        connect(card, &ServiceCard::startListener, this, &ServiceCards::startListener);
        connect(card, &ServiceCard::moveToFreePort, this, &ServiceCards::moveToFreePort);
        m_cards.append(card);
    }
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    // One card wide at least, not five: the cards flow into fewer columns as the page narrows.
    setMinimumWidth(kMinCardWidth);
    relayout();
}

ServiceCard *ServiceCards::card(const QString &service) const
{
    for (ServiceCard *c : m_cards) {
        if (c->service() == service)
            return c;
    }
    return nullptr;
}

void ServiceCards::update(const ServerSnapshot &snapshot, const QList<HeartbeatRow> &heartbeats, const TrafficHistory &history)
{
    for (ServiceCard *card : std::as_const(m_cards)) {
        const ListenerStatus *listener = nullptr;
        for (const ListenerStatus &l : snapshot.listeners) {
            if (l.services.contains(card->service()))
                listener = &l;
        }
        const ServiceCountersSnapshot *counters = nullptr;
        for (const ServiceCountersSnapshot &c : snapshot.services) {
            if (c.service == card->service())
                counters = &c;
        }
        const HeartbeatRow *heartbeat = nullptr;
        for (const HeartbeatRow &h : heartbeats) {
            if (h.service == card->service())
                heartbeat = &h;
        }
        card->update(listener, counters, heartbeat, history.recent(card->service(), 60));
    }
}

void ServiceCards::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    relayout();
}

// As many columns as fit, the rows balanced: five cards are 5, 3 + 2, or 2 + 2 + 1 wide.
void ServiceCards::relayout()
{
    const int n = int(m_cards.size());
    const int fit = qBound(1, (width() + m_grid->spacing()) / (kMinCardWidth + m_grid->spacing()), qMax(1, n));
    const int rows = (n + fit - 1) / fit;
    const int columns = (n + rows - 1) / rows;
    if (columns == m_columns)
        return;
    m_columns = columns;
    for (ServiceCard *card : std::as_const(m_cards))
        m_grid->removeWidget(card);
    for (int i = 0; i < n; ++i)
        m_grid->addWidget(m_cards[i], i / columns, i % columns);
    for (int c = 0; c < 8; ++c)
        m_grid->setColumnStretch(c, c < columns ? 1 : 0);
}

}  // namespace sb::ui
