#include "mainwindow.h"

#include "format.h"
#include "i18n.h"

#include "admin/adminwidget.h"
#include "admin/auditwidget.h"
#include "admin/felixdocswidget.h"
#include "admin/smileswidget.h"
#include "admin/listenerswidget.h"
#include "admin/limitswidget.h"
#include "appicon.h"
#include "clients/clientswidget.h"
#include "clients/rawclient.h"
#include "dashboard/clustermodel.h"
#include "dashboard/connectionswidget.h"
#include "dashboard/listenersmodel.h"
#include "dashboard/presencewidget.h"
#include "dashboard/trafficchart.h"
#include "widgets/tables.h"
#include "inspector/inspectorwidget.h"
#include "remote/connectdialog.h"
#include "remote/nodefinder.h"
#include "remote/remotenode.h"
#include "api/async.h"
#include "serverhost.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QSettings>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QCloseEvent>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace sb::ui {

namespace {
// WebSocket connections open on the node, all services.
int openConnections(const ServerSnapshot &snap)
{
    qint64 open = 0;
    for (const ServiceCountersSnapshot &s : snap.services)
        open += s.connectionsOpen;
    return int(open);
}

}  // namespace

MainWindow::MainWindow(ServerHost &host, QWidget *parent)
    : QMainWindow(parent)
    , m_host(host)
    , m_listeners(new ListenersModel(this))
    , m_services(new ServicesModel(this))
    , m_heartbeats(new HeartbeatsModel(this))
{
    setWindowTitle(tr("Switchboard"));
    setWindowIcon(appIcon());
    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    m_tabs = new QTabWidget(central);
    centralLayout->addWidget(buildNodeBar(central));
    centralLayout->addWidget(m_tabs, 1);
    setCentralWidget(central);
    buildLocalTabs();

    m_status = new QLabel(this);
    statusBar()->addWidget(m_status, 1);

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *connectAction = fileMenu->addAction(tr("&Connect to server…"), this, [this] { showConnectDialog(); });
    connectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    fileMenu->addAction(tr("&This computer"), this, &MainWindow::showThisComputer);
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), this, &MainWindow::requestQuit);
    quit->setShortcut(QKeySequence::Quit);
    buildSettingsMenu();
    buildHelpMenu();

    // Listener changes made here show at once (a remote node's come with its next snapshot).
    connect(&m_host, &ServerHost::listenersChanged, this, [this] {
        if (m_monitor == &m_host) {
            refresh();
            m_listenersAdmin->refresh();
        }
    });
    m_timer.setInterval(500);
    connect(&m_timer, &QTimer::timeout, this, &MainWindow::refresh);
    m_timer.start();
    buildTray();
    connect(m_clients, &ClientsWidget::notify, this, [this](const QString &title, const QString &text) {
        if (m_tray)
            m_tray->showMessage(title, text, QSystemTrayIcon::Information, 8000);
    });
    attach(m_host, m_host.admin());
    m_tabs->setCurrentIndex(0);
    setNodeFinder(new AvahiNodeFinder(this));  // the LAN's nodes, for Connect and Add server
    resize(1200, 800);
}

// The exposure banner: the server is reachable from the LAN by default; it says so plainly.
QFrame *MainWindow::buildBanner(QWidget *parent)
{
    auto *banner = new QFrame(parent);
    banner->setFrameShape(QFrame::StyledPanel);
    banner->setAutoFillBackground(true);
    QPalette pal = banner->palette();
    pal.setColor(QPalette::Window, QColor(0xff, 0xf4, 0xd6));
    pal.setColor(QPalette::WindowText, QColor(0x4a, 0x3b, 0x00));
    banner->setPalette(pal);
    auto *bannerLayout = new QHBoxLayout(banner);
    m_exposure = new QLabel(banner);
    m_exposure->setWordWrap(true);
    m_exposureButton = new QPushButton(banner);
    connect(m_exposureButton, &QPushButton::clicked, this, &MainWindow::toggleExposure);
    bannerLayout->addWidget(m_exposure, 1);
    bannerLayout->addWidget(m_exposureButton);
    return banner;
}

// The Overview tab: the exposure banner, the listeners with their buttons, traffic by
// service with its chart, heartbeats and abuse.
QWidget *MainWindow::buildOverview()
{
    auto *central = new QWidget(m_tabs);
    auto *layout = new QVBoxLayout(central);

    layout->addWidget(buildBanner(central));

    auto *listenersBox = new QGroupBox(tr("Listeners"), central);
    auto *lb = new QVBoxLayout(listenersBox);
    m_listenerProblem = new QLabel(listenersBox);
    m_listenerProblem->setWordWrap(true);
    m_listenerProblem->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    m_listenerProblem->hide();
    lb->addWidget(m_listenerProblem);
    m_listenerView = makeTable(m_listeners, listenersBox);
    m_listenerView->horizontalHeader()->setStretchLastSection(false);
    m_listenerView->horizontalHeader()->setSectionResizeMode(ListenersModel::LanUrls, QHeaderView::Stretch);
    m_listenerView->horizontalHeader()->setSectionResizeMode(ListenersModel::Uptime, QHeaderView::ResizeToContents);
    lb->addWidget(m_listenerView);
    auto *buttons = new QHBoxLayout;
    m_start = new QPushButton(tr("Start"), listenersBox);
    m_stop = new QPushButton(tr("Stop"), listenersBox);
    m_copy = new QPushButton(tr("Copy LAN URL"), listenersBox);
    m_freePort = new QPushButton(tr("Use a free port"), listenersBox);
    m_freePort->setToolTip(tr("Move the selected listener to a port nothing else uses, and start it"));
    connect(m_freePort, &QPushButton::clicked, this, &MainWindow::moveSelectedToFreePort);
    m_start->setToolTip(tr("Start accepting connections on the selected listener"));
    m_stop->setToolTip(tr("Stop the selected listener and close its connections (code 1001)"));
    m_copy->setToolTip(tr("Copy the address other machines on your network use"));
    connect(m_start, &QPushButton::clicked, this, &MainWindow::startSelected);
    connect(m_stop, &QPushButton::clicked, this, &MainWindow::stopSelected);
    connect(m_copy, &QPushButton::clicked, this, &MainWindow::copySelectedUrl);
    buttons->addWidget(m_start);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_copy);
    buttons->addWidget(m_freePort);
    buttons->addStretch(1);
    lb->addLayout(buttons);
    // The three sections share the height; the user can drag the borders.
    auto *split = new QSplitter(Qt::Vertical, central);
    split->setChildrenCollapsible(false);
    split->addWidget(listenersBox);
    m_clusterBox = new ClusterBox(central);  // shown in cluster mode only
    split->addWidget(m_clusterBox);
    layout->addWidget(split, 1);

    auto *servicesBox = new QGroupBox(tr("Traffic by service"), central);
    auto *sb = new QVBoxLayout(servicesBox);
    auto *chartFor = new QComboBox(servicesBox);
    chartFor->addItem(tr("Chart: all services"), QString());
    for (const QString &s : ServerConfig::knownServices())
        chartFor->addItem(tr("Chart: %1").arg(s), s);
    m_chart = new TrafficChart(servicesBox);
    connect(chartFor, &QComboBox::currentIndexChanged, this, [this, chartFor] { m_chart->setService(chartFor->currentData().toString()); });
    auto *chartRow = new QHBoxLayout;
    chartRow->addWidget(chartFor);
    chartRow->addStretch(1);
    sb->addLayout(chartRow);
    sb->addWidget(m_chart, 2);
    m_serviceView = makeTable(m_services, servicesBox);
    m_serviceView->horizontalHeader()->setStretchLastSection(false);
    // Counts with their rates ("26153 (3000/s)") are read whole: the figures set the widths.
    m_serviceView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_serviceView->horizontalHeader()->setSectionResizeMode(ServicesModel::Service, QHeaderView::Stretch);
    sb->addWidget(m_serviceView);
    split->addWidget(servicesBox);
    auto *heartbeatsBox = new QGroupBox(tr("Heartbeats and abuse"), central);
    auto *hb = new QVBoxLayout(heartbeatsBox);
    m_heartbeatView = makeTable(m_heartbeats, heartbeatsBox);
    m_heartbeatView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    hb->addWidget(m_heartbeatView);
    split->addWidget(heartbeatsBox);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 1);
    split->setStretchFactor(2, 3);
    split->setStretchFactor(3, 2);
    return central;
}

// This computer's tabs, whatever node the others show: Clients and Raw client.
void MainWindow::buildLocalTabs()
{
    QString echo;
    for (const ListenerStatus &l : m_host.listeners()) {
        if (l.services.contains(QStringLiteral("generic")) && l.port)
            echo = QString(l.localUrl).replace(QStringLiteral("http"), QStringLiteral("ws")) + QStringLiteral("/echo");
    }
    m_clients = new ClientsWidget(m_host, m_tabs);
    m_tabs->addTab(m_clients, tr("Clients"));
    m_rawClient = new RawClientWidget(echo, m_tabs);
    m_tabs->addTab(m_rawClient, tr("Raw client"));
}

// The node's tabs: Overview, Connections, Presence and Traffic before the Clients tab,
// Administration last.
void MainWindow::buildNodeTabs()
{
    Monitor &monitor = *m_monitor;
    Administration &node = *m_node;
    m_overview = buildOverview();
    m_tabs->insertTab(0, m_overview, tr("Overview"));
    m_connections = new ConnectionsWidget(monitor, m_tabs);
    m_tabs->insertTab(1, m_connections, tr("Connections"));
    m_presence = new PresenceWidget(monitor, m_tabs);
    m_tabs->insertTab(2, m_presence, tr("Presence"));
    m_inspector = new InspectorWidget(monitor, m_tabs);
    m_tabs->insertTab(3, m_inspector, tr("Traffic"));
    m_adminTabs = new QTabWidget(m_tabs);
    m_admin = new AdminWidget(node.accounts(), m_adminTabs);
    m_adminTabs->addTab(m_admin, tr("Users and tokens"));
    m_smiles = new SmilesWidget(node.chat(), m_adminTabs);
    m_adminTabs->addTab(m_smiles, tr("Smiles"));
    m_felixDocs = new FelixDocsWidget(node.felix(), m_adminTabs);
    m_adminTabs->addTab(m_felixDocs, tr("Felix documents"));
    m_listenersAdmin = new ListenersWidget(monitor, node.listeners(), m_adminTabs);
    m_adminTabs->addTab(m_listenersAdmin, tr("Listeners and TLS"));
    m_limits = new LimitsWidget(monitor, node.listeners(), m_adminTabs);
    m_adminTabs->addTab(m_limits, tr("Limits"));
    m_audit = new AuditWidget(node.audit(), m_adminTabs);
    m_adminTabs->addTab(m_audit, tr("Audit"));
    m_tabs->addTab(m_adminTabs, tr("Administration"));
    connect(m_inspector, &InspectorWidget::sendAgain, this, [this](const QByteArray &payload, bool binary) {
        m_rawClient->loadMessage(payload, binary);
        m_tabs->setCurrentWidget(m_rawClient);
    });
    connect(m_connections, &ConnectionsWidget::showTraffic, this, [this](quint64 id) {
        m_inspector->showConnection(id);
        m_tabs->setCurrentWidget(m_inspector);
    });
    connect(m_listenerView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::updateButtons);
}

MainWindow::~MainWindow()
{
    if (m_monitor)
        m_monitor->setObserved(false);
}

void MainWindow::buildTray()
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new QSystemTrayIcon(appIcon(), this);
    m_tray->setToolTip(tr("Switchboard"));
    auto *menu = new QMenu(this);
    menu->addAction(tr("Show Switchboard"), this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    menu->addSeparator();
    menu->addAction(tr("Quit"), this, &MainWindow::requestQuit);
    m_tray->setContextMenu(menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason r) {
        if (r == QSystemTrayIcon::Trigger || r == QSystemTrayIcon::DoubleClick) {
            showNormal();
            raise();
            activateWindow();
        }
    });
    m_tray->show();
}

void MainWindow::refresh()
{
    const ServerSnapshot snap = m_monitor->snapshot();
    m_listeners->update(snap);
    m_services->update(snap);
    m_clusterBox->update(snap);
    m_chart->add(snap, QDateTime::currentMSecsSinceEpoch());
    m_connections->refresh();
    m_heartbeats->update(snap, m_monitor->connections());
    if (m_remote)
        updateNodeBar();
    if (m_tabs->currentWidget() == m_presence)
        m_presence->refresh();
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
        // A listener just failed: select it, so "Use a free port" is one click away.
        m_listenerView->selectRow(firstFailed);
        m_listenerView->scrollTo(m_listeners->index(firstFailed, 0));
    }
    m_listenerProblem->setVisible(!failed.isEmpty());
    if (!failed.isEmpty())
        m_listenerProblem->setText(tr("Not listening — %1. The other services run. Select it and press “Use a free port”, or "
                                      "set its port under Administration → Listeners.")
                                       .arg(failed.join(QStringLiteral("; "))));
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
    const int open = openConnections(snap);
    m_status->setText(tr("Up for %1 · %2 worker threads · %n open WebSocket connection(s) · data in %3", nullptr, open)
                          .arg(formatDuration(snap.uptimeMs))
                          .arg(snap.workers)
                          .arg(snap.dataDir));
    if (m_tray)
        m_tray->setToolTip(tr("Switchboard: %n connection(s)", nullptr, open));
    updateButtons();
}

bool MainWindow::confirmDroppingClients(const QString &key, int clients, const QString &question, const QString &action)
{
    QSettings settings;
    if (clients <= 0 || !settings.value(QStringLiteral("confirm/") + key, true).toBool())
        return true;
    QMessageBox box(QMessageBox::Question, tr("Switchboard"), question, QMessageBox::Cancel, this);
    QPushButton *go = box.addButton(action, QMessageBox::AcceptRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.setCheckBox(new QCheckBox(tr("Don't ask again"), &box));
    box.exec();
    if (box.clickedButton() != go)
        return false;
    if (box.checkBox()->isChecked())
        settings.setValue(QStringLiteral("confirm/") + key, false);
    return true;
}

void MainWindow::requestQuit()
{
    const int clients = openConnections(m_host.snapshot());
    if (confirmDroppingClients(QStringLiteral("quit"), clients,
                               tr("%n client(s) are connected to this computer's server. Quitting disconnects them (code 1001).",
                                  nullptr, clients),
                               tr("Quit"))) {
        saveSession();
        quitApplication();
    }
}

void MainWindow::buildSettingsMenu()
{
    QMenu *settings = menuBar()->addMenu(tr("&Settings"));
    QMenu *language = settings->addMenu(tr("&Language"));
    language->setObjectName(QStringLiteral("languageMenu"));
    auto *group = new QActionGroup(language);
    const QString saved = savedLanguage();
    auto add = [&](const QString &code, const QString &label) {
        QAction *a = language->addAction(label);
        a->setCheckable(true);
        a->setChecked(saved == code);
        a->setData(code);
        group->addAction(a);
    };
    add(QStringLiteral("system"), tr("System default"));
    language->addSeparator();
    for (const QString &code : availableLanguages())
        add(code, languageName(code));
    connect(group, &QActionGroup::triggered, this, [this](QAction *a) {
        saveLanguage(a->data().toString());
        statusBar()->showMessage(tr("The new language applies the next time Switchboard starts."), 15000);
    });
}

void MainWindow::quitApplication()
{
    m_quitting = true;
    close();
    QApplication::quit();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // The user closing the window (to the tray, or quitting) leaves the session to come back
    // to; quitApplication() (signals, --quit-after, screenshots) leaves the saved one alone.
    if (!m_quitting)
        saveSession();
    if (m_tray && m_tray->isVisible() && !m_quitting) {
        // Keep serving from the tray; say so once.
        hide();
        if (!m_toldAboutTray) {
            m_tray->showMessage(tr("Switchboard is still running"),
                                tr("The server keeps serving your LAN. Use the tray icon to open the window or quit."));
            m_toldAboutTray = true;
        }
        event->ignore();
        return;
    }
    // No tray to keep serving from (stock GNOME has none): closing the window quits.
    if (!m_quitting) {
        const int clients = openConnections(m_host.snapshot());
        if (!confirmDroppingClients(QStringLiteral("quit"), clients,
                                    tr("%n client(s) are connected to this computer's server. Closing the window quits Switchboard "
                                       "and disconnects them (code 1001).",
                                       nullptr, clients),
                                    tr("Quit"))) {
            event->ignore();
            return;
        }
        m_quitting = true;
    }
    event->accept();
    QApplication::quit();
}

}  // namespace sb::ui
