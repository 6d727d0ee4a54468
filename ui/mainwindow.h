#pragma once
// The main window: listeners with the URLs to share, live counts per service, start/stop,
// and the LAN exposure switch. GUI thread. The node's tabs (Overview, Connections, Presence,
// Traffic, Administration) show this computer's embedded server or a remote node attached
// through its admin endpoint — the same Monitor and Administration either way; the Clients
// and Raw client tabs are this computer's.

#include "dashboard/traffichistory.h"

#include <QMainWindow>
#include <QSystemTrayIcon>
#include <QTimer>

class QFrame;
class QLabel;
class QTabWidget;
class QPushButton;
class QTableView;

namespace sb {
class Administration;
class Monitor;
class ServerHost;
struct ListenerStatus;
struct ServerSnapshot;
}

namespace sb::ui {

class ConnectionsWidget;
class HeartbeatsModel;
class ClusterBox;
class TrafficChart;
class ServiceCards;
class InspectorWidget;
class PresenceWidget;
class RawClientWidget;
class RawClientTabs;
class ClientsWidget;
class FelixDocsWidget;
class SmilesWidget;
class ListenersWidget;
class LimitsWidget;
class AdminWidget;
class ListenersModel;
class ServicesModel;
class AuditWidget;
class RemoteNode;
class NodeFinder;
struct RemoteTarget;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(ServerHost &host, QWidget *parent = nullptr);
    ~MainWindow() override;
    Q_DISABLE_COPY_MOVE(MainWindow)

    // Pulls a snapshot now (the timer does this twice a second).
    void refresh();
    ListenersModel *listenersModel() const { return m_listeners; }
    ServicesModel *servicesModel() const { return m_services; }
    HeartbeatsModel *heartbeatsModel() const { return m_heartbeats; }
    TrafficChart *chart() const { return m_chart; }
    ServiceCards *cards() const { return m_cards; }
    // The Overview's lower part: Traffic (the chart), Listeners, Services, Heartbeats.
    QTabWidget *overviewTabs() const { return m_overviewTabs; }
    ClusterBox *clusterBox() const { return m_clusterBox; }
    QTableView *listenersView() const { return m_listenerView; }
    ConnectionsWidget *connectionsTab() const { return m_connections; }
    InspectorWidget *trafficTab() const { return m_inspector; }
    PresenceWidget *presenceTab() const { return m_presence; }
    // The raw connection on screen, and all of them (one tab each).
    RawClientWidget *rawClientTab() const;
    RawClientTabs *rawClientTabs() const { return m_rawClients; }
    ClientsWidget *clientsTab() const { return m_clients; }
    FelixDocsWidget *felixDocsTab() const { return m_felixDocs; }
    SmilesWidget *smilesTab() const { return m_smiles; }
    ListenersWidget *listenersAdminTab() const { return m_listenersAdmin; }
    LimitsWidget *limitsTab() const { return m_limits; }
    AdminWidget *adminTab() const { return m_admin; }
    AuditWidget *auditTab() const { return m_audit; }
    // The node the tabs show: this computer's server, or a remote one.
    Monitor &monitor() const { return *m_monitor; }
    Administration &node() const { return *m_node; }
    RemoteNode *remoteNode() const { return m_remote; }
    QString nodeBarText() const;
    // The nodes found on the LAN (Avahi's, unless a test set another).
    NodeFinder *nodeFinder();
    void setNodeFinder(NodeFinder *finder);
    QTabWidget *tabs() const { return m_tabs; }
    bool quitting() const { return m_quitting; }
    // What the window was like when it last closed (geometry, tab, capture) and the LAN or
    // local choice (unless `exposureGiven`: --listen-address); the app calls it at start.
    void restoreSession(bool exposureGiven);
    void saveSession() const;

public slots:
    void startSelected();
    // A listener that could not bind (a busy port) moves to a free port and starts.
    void moveSelectedToFreePort();
    void moveToFreePort(int listenerId);
    void startListener(int listenerId);
    void copyUrl(const QString &url);
    void stopSelected();
    void copySelectedUrl();
    void toggleExposure();
    // Quits at once: the server closes its sockets (1001) and finishes its writes. For
    // signals and automation; the user's Quit goes through requestQuit().
    void quitApplication();
    // The user's Quit: asks first when clients are connected to this computer's server.
    void requestQuit();
    // Attaches to a remote node (the tabs switch once it accepted the credentials; a refusal
    // is said in a message and leaves the tabs as they are).
    void connectTo(const RemoteTarget &target);
    // "Connect to server…": the dialog, prefilled with `target` when given.
    void showConnectDialog(const RemoteTarget *target = nullptr);
    // Back to this computer's own server.
    void showThisComputer();

signals:
    // The node's tabs were (re)built for another node: this computer's or a remote one.
    void attached();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QWidget *buildOverview();
    QWidget *buildListenersPage(QWidget *parent);
    void refreshOverview(const ServerSnapshot &snap);
    QFrame *buildBanner(QWidget *parent);
    QFrame *buildNodeBar(QWidget *parent);
    void buildNodeTabs();
    void buildHelpMenu();
    void openWebChat();
    void showLanQrCode();
    // Where the web chat page is: on the LAN (empty if it is not reachable there) or here.
    QString webChatUrl(bool lan) const;
    static void rememberExposure(bool lan);
    // Whether any listener binds all interfaces (the LAN can connect).
    static bool sharedOnLan(const QList<ListenerStatus> &listeners);
    void buildLocalTabs();
    // Shows `monitor` and `admin` in the node's tabs (rebuilt), keeping the current tab.
    void attach(Monitor &monitor, Administration &admin);
    void remoteStateChanged(RemoteNode *node);
    void updateNodeBar();
    void buildTray();
    void buildSettingsMenu();
    void updateButtons();
    int selectedRow() const;
    // True when nobody would be dropped, when the user agrees, or when they said not to be
    // asked again about `key` (settings "confirm/<key>").
    bool confirmDroppingClients(const QString &key, int clients, const QString &question, const QString &action);

    ServerHost &m_host;
    Monitor *m_monitor = nullptr;
    Administration *m_node = nullptr;
    RemoteNode *m_remote = nullptr;   // the node shown, when it is not this computer's
    RemoteNode *m_pending = nullptr;  // a node being attached to
    NodeFinder *m_finder = nullptr;
    QFrame *m_nodeBar = nullptr;
    QLabel *m_nodeLabel = nullptr;
    QPushButton *m_localButton = nullptr;
    QWidget *m_overview = nullptr;
    QTabWidget *m_adminTabs = nullptr;
    AuditWidget *m_audit = nullptr;
    QTabWidget *m_tabs;
    ConnectionsWidget *m_connections = nullptr;
    InspectorWidget *m_inspector = nullptr;
    PresenceWidget *m_presence = nullptr;
    RawClientTabs *m_rawClients;
    ClientsWidget *m_clients;
    FelixDocsWidget *m_felixDocs;
    SmilesWidget *m_smiles;
    ListenersWidget *m_listenersAdmin;
    LimitsWidget *m_limits;
    AdminWidget *m_admin;
    ListenersModel *m_listeners;
    ServicesModel *m_services;
    HeartbeatsModel *m_heartbeats;
    TrafficHistory m_history;  // the node shown; afresh when another is attached
    TrafficChart *m_chart = nullptr;
    ServiceCards *m_cards = nullptr;
    QTabWidget *m_overviewTabs = nullptr;
    ClusterBox *m_clusterBox = nullptr;
    QTableView *m_heartbeatView = nullptr;
    QTableView *m_listenerView;
    QTableView *m_serviceView;
    QLabel *m_exposure;
    QPushButton *m_exposureButton;
    QPushButton *m_start;
    QPushButton *m_stop;
    QPushButton *m_copy;
    QPushButton *m_freePort;
    QLabel *m_listenerProblem;  // which listeners failed and why, with what to do
    int m_movedListener = -1;   // moved to a free port: told once it runs
    QLabel *m_status;
    QSystemTrayIcon *m_tray = nullptr;
    QTimer m_timer;
    bool m_quitting = false;
    bool m_toldAboutTray = false;
};

}  // namespace sb::ui
