// MainWindow, which node it shows: this computer's embedded server or a remote one attached
// through its admin endpoint (docs/admin-api.md) — the bar that says so, the connect dialog,
// attaching, losing and leaving a remote node. The window itself is in mainwindow.cpp.
#include "mainwindow.h"
#include "widgets/theme.h"

#include "admin/listenerswidget.h"
#include "api/async.h"
#include "dashboard/connectionswidget.h"
#include "dashboard/listenersmodel.h"
#include "dashboard/presencewidget.h"
#include "inspector/inspectorwidget.h"
#include "remote/connectdialog.h"
#include "remote/nodefinder.h"
#include "remote/remotenode.h"
#include "clients/clientswidget.h"
#include "serverhost.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>

namespace sb::ui {

// The bar above the tabs: which server the window shows, and the way to another one.
QFrame *MainWindow::buildNodeBar(QWidget *parent)
{
    m_nodeBar = new QFrame(parent);
    m_nodeBar->setAutoFillBackground(true);
    auto *row = new QHBoxLayout(m_nodeBar);
    row->setContentsMargins(8, 4, 8, 4);
    m_nodeLabel = new QLabel(m_nodeBar);
    m_nodeLabel->setTextFormat(Qt::PlainText);
    auto *connectButton = new QPushButton(tr("Connect to server…"), m_nodeBar);
    connectButton->setToolTip(tr("Watch and administer another Switchboard node on the network"));
    m_localButton = new QPushButton(tr("This computer"), m_nodeBar);
    m_localButton->setToolTip(tr("Show this computer's own server again"));
    connect(connectButton, &QPushButton::clicked, this, [this] { showConnectDialog(); });
    connect(m_localButton, &QPushButton::clicked, this, &MainWindow::showThisComputer);
    row->addWidget(m_nodeLabel, 1);
    row->addWidget(connectButton);
    row->addWidget(m_localButton);
    return m_nodeBar;
}

void MainWindow::attach(Monitor &monitor, Administration &admin)
{
    const int current = m_tabs->currentIndex();
    if (m_monitor)
        m_monitor->setObserved(false);
    for (QWidget *w : std::initializer_list<QWidget *>{m_overview, m_connections, m_presence, m_inspector, m_adminTabs}) {
        if (w) {
            m_tabs->removeTab(m_tabs->indexOf(w));
            w->deleteLater();  // after the one it reads from, in posting order
        }
    }
    m_monitor = &monitor;
    m_node = &admin;
    m_chart = nullptr;
    m_history = TrafficHistory();  // another node: its own traffic
    buildNodeTabs();
    m_monitor->setObserved(true);  // the dashboard looks: the node publishes its connections
    m_listenerProblem->hide();
    refresh();  // selects a listener that failed, if one did
    if (m_listeners->rowCount() > 0 && m_listenerProblem->isHidden())
        m_listenerView->selectRow(0);
    m_listenerView->resizeColumnsToContents();
    m_serviceView->resizeColumnsToContents();
    m_tabs->setCurrentIndex(qMax(0, current));
    updateNodeBar();
    emit attached();
}

void MainWindow::showConnectDialog(const RemoteTarget *target)
{
    ConnectDialog dialog(nodeFinder(), this);
    if (target)
        dialog.setTarget(*target);
    if (dialog.exec() == QDialog::Accepted)
        connectTo(dialog.target());
}

void MainWindow::connectTo(const RemoteTarget &target)
{
    if (m_pending)
        m_pending->deleteLater();
    m_pending = new RemoteNode(target, this);
    RemoteNode *node = m_pending;
    connect(node, &RemoteNode::stateChanged, this, [this, node] { remoteStateChanged(node); });
    node->open();
    updateNodeBar();
}

void MainWindow::remoteStateChanged(RemoteNode *node)
{
    if (node == m_pending) {
        const RemoteNode::State st = node->state();
        if (st == RemoteNode::State::Ready) {
            m_pending = nullptr;
            RemoteNode *old = m_remote;
            m_remote = node;
            ConnectDialog::remember(node->target());
            attach(*node, *node);
            if (old)
                old->deleteLater();
        } else if (st == RemoteNode::State::Refused || st == RemoteNode::State::Retrying) {
            // The first attempt failed: say why; nothing changes.
            m_pending = nullptr;
            node->deleteLater();
            RemoteTarget target = node->target();
            if (st == RemoteNode::State::Refused && !node->peerFingerprint().isEmpty() && target.trustedFingerprint != node->peerFingerprint()) {
                const auto answer = QMessageBox::question(
                    this, tr("Trust this server?"),
                    tr("%1 presented a certificate this computer does not trust (self-signed?).\n\nSHA-256 fingerprint:\n%2\n\n"
                       "Compare it with the one the server printed (switchboardd cert generate) or shows in its Listeners tab. "
                       "Trust it from now on?")
                        .arg(target.display(), QString::fromLatin1(node->peerFingerprint())));
                if (answer == QMessageBox::Yes) {
                    ConnectDialog::trust(target.url, node->peerFingerprint());
                    target.trustedFingerprint = node->peerFingerprint();
                    connectTo(target);
                    return;
                }
            } else {
                QMessageBox::warning(this, tr("Cannot connect"), tr("Cannot connect to %1: %2").arg(target.display(), node->lastError()));
            }
        }
    }
    updateNodeBar();
}

void MainWindow::showThisComputer()
{
    if (m_pending) {
        m_pending->deleteLater();
        m_pending = nullptr;
    }
    if (!m_remote)
        return;
    RemoteNode *old = std::exchange(m_remote, nullptr);
    attach(m_host, m_host.admin());
    old->close();
    old->deleteLater();
}

NodeFinder *MainWindow::nodeFinder()
{
    return m_finder;
}

void MainWindow::setNodeFinder(NodeFinder *finder)
{
    m_finder = finder;
    m_clients->setNodeFinder(finder);
}

QString MainWindow::nodeBarText() const
{
    return m_nodeLabel->text();
}

void MainWindow::updateNodeBar()
{
    QPalette pal = m_nodeBar->palette();
    QString text;
    if (!m_remote) {
        text = tr("This computer — the server built into this app");
        pal.setColor(QPalette::Window, palette().color(QPalette::AlternateBase));
        pal.setColor(QPalette::WindowText, palette().color(QPalette::WindowText));
        setWindowTitle(tr("Switchboard"));
    } else {
        const bool ready = m_remote->state() == RemoteNode::State::Ready;
        text = m_remote->stateText();
        const theme::Tone tone = ready ? theme::Tone::Info : theme::Tone::Warning;
        pal.setColor(QPalette::Window, theme::background(tone));
        pal.setColor(QPalette::WindowText, theme::onBackground(tone));
        const QString name = m_remote->snapshot().node.isEmpty() ? m_remote->target().display() : m_remote->snapshot().node;
        setWindowTitle(tr("%1 — Switchboard (remote)").arg(name));
    }
    if (m_pending)
        text += QStringLiteral("   ·   ") + m_pending->stateText();
    m_nodeBar->setPalette(pal);
    m_nodeLabel->setText(text);
    m_localButton->setEnabled(m_remote || m_pending);
}

}  // namespace sb::ui
