// MainWindow's Overview tab: the exposure banner, a card per service, the cluster's nodes
// (in cluster mode), and below them the traffic chart, the listeners with their controls,
// and the per-service and heartbeat tables. The whole page scrolls when the window is small.
#include "mainwindow.h"

#include "dashboard/clustermodel.h"
#include "dashboard/listenersmodel.h"
#include "dashboard/servicecards.h"
#include "dashboard/trafficchart.h"
#include "remote/remotenode.h"
#include "widgets/emptyhint.h"
#include "widgets/tables.h"
#include "widgets/theme.h"

#include <QDateTime>
#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace sb::ui {

namespace {

// A frame that keeps the banner's colours in step with the palette (light or dark).
class Banner final : public QFrame
{
public:
    using QFrame::QFrame;
    void restyle()
    {
        const QColor window = theme::background(theme::Tone::Warning), text = theme::onBackground(theme::Tone::Warning);
        if (palette().color(QPalette::Window) == window && palette().color(QPalette::WindowText) == text)
            return;  // also ends the PaletteChange this sends
        QPalette pal = palette();
        pal.setColor(QPalette::Window, window);
        pal.setColor(QPalette::WindowText, text);
        setPalette(pal);
    }

protected:
    void changeEvent(QEvent *event) override
    {
        QFrame::changeEvent(event);
        if (event->type() == QEvent::ApplicationPaletteChange || event->type() == QEvent::PaletteChange)
            restyle();
    }
};

}  // namespace

// The exposure banner: the server is reachable from the LAN by default; it says so plainly.
QFrame *MainWindow::buildBanner(QWidget *parent)
{
    auto *banner = new Banner(parent);
    banner->setFrameShape(QFrame::StyledPanel);
    banner->setAutoFillBackground(true);
    banner->restyle();
    auto *bannerLayout = new QHBoxLayout(banner);
    m_exposure = new QLabel(banner);
    m_exposure->setWordWrap(true);
    m_exposureButton = new QPushButton(banner);
    connect(m_exposureButton, &QPushButton::clicked, this, &MainWindow::toggleExposure);
    bannerLayout->addWidget(m_exposure, 1);
    bannerLayout->addWidget(m_exposureButton);
    return banner;
}

// The Listeners page: each listener's state and addresses, with Start, Stop, Copy and "Use a
// free port" for the selected one.
QWidget *MainWindow::buildListenersPage(QWidget *parent)
{
    auto *page = new QWidget(parent);
    auto *lb = new QVBoxLayout(page);
    m_listenerView = makeTable(m_listeners, page);
    m_listenerView->horizontalHeader()->setStretchLastSection(false);
    m_listenerView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_listenerView->horizontalHeader()->setSectionResizeMode(ListenersModel::LanUrls, QHeaderView::Stretch);
    lb->addWidget(m_listenerView);
    auto *buttons = new QHBoxLayout;
    m_start = new QPushButton(tr("Start"), page);
    m_stop = new QPushButton(tr("Stop"), page);
    m_copy = new QPushButton(tr("Copy LAN URL"), page);
    m_freePort = new QPushButton(tr("Use a free port"), page);
    m_freePort->setToolTip(tr("Move the selected listener to a port nothing else uses, and start it"));
    connect(m_freePort, &QPushButton::clicked, this, &MainWindow::moveSelectedToFreePort);
    m_start->setToolTip(tr("Start accepting connections on the selected listener"));
    m_stop->setToolTip(tr("Stop the selected listener and close its connections (code 1001)"));
    m_copy->setToolTip(tr("Copy the address other machines on your network use"));
    connect(m_start, &QPushButton::clicked, this, &MainWindow::startSelected);
    connect(m_stop, &QPushButton::clicked, this, &MainWindow::stopSelected);
    connect(m_copy, &QPushButton::clicked, this, &MainWindow::copySelectedUrl);
    for (QPushButton *b : {m_start, m_stop, m_copy, m_freePort})
        buttons->addWidget(b);
    buttons->addStretch(1);
    lb->addLayout(buttons);
    return page;
}

QWidget *MainWindow::buildOverview()
{
    auto *scroll = new QScrollArea(m_tabs);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *page = new QWidget(scroll);
    auto *layout = new QVBoxLayout(page);
    layout->setSpacing(8);
    layout->addWidget(buildBanner(page));
    m_listenerProblem = new QLabel(page);
    m_listenerProblem->setWordWrap(true);
    m_listenerProblem->hide();
    layout->addWidget(m_listenerProblem);

    m_cards = new ServiceCards(page);
    connect(m_cards, &ServiceCards::copyUrl, this, &MainWindow::copyUrl);
    connect(m_cards, &ServiceCards::startListener, this, &MainWindow::startListener);
    connect(m_cards, &ServiceCards::moveToFreePort, this, &MainWindow::moveToFreePort);
    layout->addWidget(m_cards);
    m_clusterBox = new ClusterBox(page);  // shown in cluster mode only
    layout->addWidget(m_clusterBox);

    m_overviewTabs = new QTabWidget(page);
    m_overviewTabs->setDocumentMode(true);
    m_overviewTabs->setMinimumHeight(300);
    m_chart = new TrafficChart(m_history, m_overviewTabs);
    m_overviewTabs->addTab(m_chart, tr("Traffic"));
    m_overviewTabs->addTab(buildListenersPage(m_overviewTabs), tr("Listeners"));
    m_serviceView = makeTable(m_services, m_overviewTabs);
    m_serviceView->horizontalHeader()->setStretchLastSection(false);
    // Counts with their rates ("26,153 (3,000/s)") are read whole: the figures set the widths.
    m_serviceView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_serviceView->horizontalHeader()->setSectionResizeMode(ServicesModel::Service, QHeaderView::Stretch);
    m_overviewTabs->addTab(m_serviceView, tr("Totals"));
    m_heartbeatView = makeTable(m_heartbeats, m_overviewTabs);
    m_heartbeatView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_overviewTabs->addTab(m_heartbeatView, tr("Heartbeats and abuse"));
    layout->addWidget(m_overviewTabs, 1);
    scroll->setWidget(page);
    return scroll;
}

void MainWindow::refreshOverview(const ServerSnapshot &snap)
{
    m_listeners->update(snap);
    m_services->update(snap);
    m_clusterBox->update(snap);
    m_heartbeats->update(snap, m_monitor->connections());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_history.add(snap, now);
    m_chart->redraw(now);
    m_cards->update(snap, m_heartbeats->rows(), m_history);

    const bool anyAll = sharedOnLan(snap.listeners);
    QStringList failed;
    int firstFailed = -1;
    for (qsizetype row = 0; row < snap.listeners.size(); ++row) {
        const ListenerStatus &l = snap.listeners[row];
        if (!l.running && !l.error.isEmpty()) {
            if (failed.isEmpty())
                firstFailed = int(row);
            failed.append(tr("%1: %2").arg(l.services.join(QStringLiteral(", ")), l.error));
        }
        if (l.id == m_movedListener && l.running) {
            statusBar()->showMessage(tr("%1 now listens at %2").arg(l.services.join(QStringLiteral(", ")), l.localUrl), 8000);
            m_movedListener = -1;
        }
    }
    if (!failed.isEmpty() && m_listenerProblem->isHidden()) {
        // A listener just failed: select it in the Listeners table too.
        m_listenerView->selectRow(firstFailed);
        m_listenerView->scrollTo(m_listeners->index(firstFailed, 0));
    }
    m_listenerProblem->setVisible(!failed.isEmpty());
    if (!failed.isEmpty()) {
        theme::setTextTone(m_listenerProblem, theme::Tone::Bad);
        m_listenerProblem->setText(tr("Not listening — %1. The other services run. Press “Use a free port” on its card, or "
                                      "set its port under Administration → Listeners.")
                                       .arg(failed.join(QStringLiteral("; "))));
    }
    if (m_remote) {
        const QString node = snap.node.isEmpty() ? m_remote->target().display() : snap.node;
        m_exposure->setText(anyAll ? tr("%1 listens on all its network interfaces: machines on its LAN can connect using the addresses below.").arg(node)
                                   : tr("%1 listens on its own computer only: nobody else on the network can connect.").arg(node));
        m_exposureButton->setText(anyAll ? tr("Only its own computer") : tr("Share on the LAN"));
    } else if (anyAll) {
        m_exposure->setText(tr("Listening on all network interfaces: other machines on your LAN can connect using the addresses below."));
        m_exposureButton->setText(tr("Only this computer"));
    } else {
        m_exposure->setText(tr("Listening on this computer only: nobody else on the network can connect."));
        m_exposureButton->setText(tr("Share on the LAN"));
    }
}

}  // namespace sb::ui
