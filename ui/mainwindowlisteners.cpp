// MainWindow's listener controls on the Overview: start, stop, copy a URL, move a listener
// that could not bind to a free port, and the LAN exposure switch.
#include "mainwindow.h"

#include "api/async.h"
#include "dashboard/listenersmodel.h"
#include "serverhost.h"

#include <QApplication>

#include <algorithm>
#include <QClipboard>
#include <QHostAddress>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTableView>

namespace sb::ui {

namespace {
// A start or stop: a refusal is said in a box titled `failure`; the window shows the outcome.
void showOutcome(MainWindow *window, QFuture<Status> change, const QString &failure)
{
    whenReady(std::move(change), window, [window, failure](const Status &s) {
        if (!s.ok())
            QMessageBox::warning(window, failure, s.error);
        window->refresh();
    });
}
}  // namespace

bool MainWindow::sharedOnLan(const QList<ListenerStatus> &listeners)
{
    return std::any_of(listeners.cbegin(), listeners.cend(), [](const ListenerStatus &l) { return l.address == QLatin1String("any"); });
}

int MainWindow::selectedRow() const
{
    const auto rows = m_listenerView->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void MainWindow::updateButtons()
{
    const ListenerStatus *l = m_listeners->listener(selectedRow());
    m_start->setEnabled(l && !l->running);
    m_stop->setEnabled(l && l->running);
    m_copy->setEnabled(l && l->running);
    m_freePort->setEnabled(l && !l->running);
}

void MainWindow::moveSelectedToFreePort()
{
    if (const ListenerStatus *l = m_listeners->listener(selectedRow()))
        moveToFreePort(l->id);
}

void MainWindow::moveToFreePort(int id)
{
    const ListenerStatus *l = nullptr;
    for (const ListenerStatus &row : m_listeners->rows())
        l = row.id == id ? &row : l;
    if (!l)
        return;
    std::optional<TlsFiles> tls;
    if (!l->certificateFile.isEmpty())
        tls = TlsFiles{l->certificateFile, l->keyFile};
    whenReady(m_node->listeners().reconfigureListener(id, 0, tls), this, [this, id](const Status &moved) {
        if (!moved.ok()) {
            QMessageBox::warning(this, tr("Cannot move listener"), moved.error);
            return;
        }
        whenReady(m_node->listeners().startListener(id), this, [this, id](const Status &s) {
            if (!s.ok()) {
                QMessageBox::warning(this, tr("Cannot start listener"), s.error);
                return;
            }
            m_movedListener = id;  // said in the status bar once the snapshot shows it running
            refresh();
        });
    });
}

void MainWindow::startSelected()
{
    if (const ListenerStatus *l = m_listeners->listener(selectedRow()))
        startListener(l->id);
}

void MainWindow::startListener(int id)
{
    showOutcome(this, m_node->listeners().startListener(id), tr("Cannot start listener"));
}

void MainWindow::stopSelected()
{
    if (const ListenerStatus *l = m_listeners->listener(selectedRow()))
        showOutcome(this, m_node->listeners().stopListener(l->id), tr("Cannot stop listener"));
}

void MainWindow::copySelectedUrl()
{
    const ListenerStatus *l = m_listeners->listener(selectedRow());
    if (!l)
        return;
    copyUrl(l->lanUrls.isEmpty() ? l->localUrl : l->lanUrls.first());
}

void MainWindow::copyUrl(const QString &url)
{
    QGuiApplication::clipboard()->setText(url);
    statusBar()->showMessage(tr("Copied %1").arg(url), 3000);
}

void MainWindow::toggleExposure()
{
    const bool anyAll = sharedOnLan(m_monitor->listeners());
    // Going local closes the connections from other machines: ask first when there are some.
    int remote = 0;
    if (anyAll) {
        for (const ConnectionInfo &c : m_monitor->connections()) {
            const QString host = c.peer.left(c.peer.lastIndexOf(QLatin1Char(':'))).remove(QLatin1Char('[')).remove(QLatin1Char(']'));
            remote += QHostAddress(host).isLoopback() ? 0 : 1;
        }
        if (!confirmDroppingClients(QStringLiteral("exposure"), remote,
                                    tr("%n client(s) on other machines are connected. Listening on this computer only disconnects them (code 1001).",
                                       nullptr, remote),
                                    tr("Only this computer")))
            return;
    }
    whenReady(m_node->listeners().setListenAddress(anyAll ? QStringLiteral("localhost") : QStringLiteral("any")), this,
              [this, anyAll, remote](const Status &s) {
                  if (s.ok() && !m_remote)
                      rememberExposure(!anyAll);
                  if (!s.ok())
                      QMessageBox::warning(this, tr("Cannot change the listen address"), s.error);
                  else if (anyAll)
                      statusBar()->showMessage(remote ? tr("Listening on this computer only; %n client(s) on other machines disconnected", nullptr, remote)
                                                      : tr("Listening on this computer only"),
                                               8000);
                  else
                      statusBar()->showMessage(tr("Shared on the LAN: other machines can connect now"), 8000);
                  refresh();
              });
}

}  // namespace sb::ui
