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
#include "clients/rawclienttabs.h"
#include "dashboard/connectionswidget.h"
#include "dashboard/listenersmodel.h"
#include "dashboard/presencewidget.h"
#include "dashboard/trafficchart.h"
#include "widgets/theme.h"
#include "inspector/inspectorwidget.h"
#include "remote/connectdialog.h"
#include "remote/nodefinder.h"
#include "remote/remotenode.h"
#include "api/async.h"
#include "serverhost.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QSettings>
#include <QCheckBox>
#include <QCloseEvent>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
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
        if (m_tray) {
            m_tray->showMessage(title, text, QSystemTrayIcon::Information, 8000);
            return;
        }
        // No tray (stock GNOME): the status bar says it, and the window asks for attention.
        statusBar()->showMessage(tr("%1: %2").arg(title, text), 8000);
        QApplication::alert(this);
    });
    attach(m_host, m_host.admin());
    m_tabs->setCurrentIndex(0);
    setNodeFinder(new AvahiNodeFinder(this));  // the LAN's nodes, for Connect and Add server
    resize(1200, 800);
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
    m_rawClients = new RawClientTabs(echo, m_tabs);
    m_tabs->addTab(m_rawClients, tr("Raw client"));
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
        m_rawClients->current()->loadMessage(payload, binary);
        m_tabs->setCurrentWidget(m_rawClients);
    });
    connect(m_connections, &ConnectionsWidget::showTraffic, this, [this](quint64 id) {
        m_inspector->showConnection(id);
        m_tabs->setCurrentWidget(m_inspector);
    });
    connect(m_listenerView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::updateButtons);
}

RawClientWidget *MainWindow::rawClientTab() const
{
    return m_rawClients->current();
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
    m_connections->refresh();
    if (m_remote)
        updateNodeBar();
    if (m_tabs->currentWidget() == m_presence)
        m_presence->refresh();
    refreshOverview(snap);
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

    // Light or dark, at once.
    QMenu *appearance = settings->addMenu(tr("&Appearance"));
    appearance->setObjectName(QStringLiteral("appearanceMenu"));
    auto *looks = new QActionGroup(appearance);
    const theme::Appearance current = theme::savedAppearance();
    const std::pair<theme::Appearance, QString> choices[] = {
        {theme::Appearance::System, tr("Follow the desktop")}, {theme::Appearance::Light, tr("Light")}, {theme::Appearance::Dark, tr("Dark")}};
    for (const auto &[look, label] : choices) {
        QAction *a = appearance->addAction(label);
        a->setCheckable(true);
        a->setChecked(look == current);
        a->setData(int(look));
        looks->addAction(a);
    }
    connect(looks, &QActionGroup::triggered, this, [](QAction *a) {
        const auto look = theme::Appearance(a->data().toInt());
        theme::saveAppearance(look);
        theme::apply(*qApp, look);
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
