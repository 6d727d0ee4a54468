// MainWindow's memory between runs (window geometry, last tab, capture, the LAN or local
// choice) and its Help menu (About, the web chat page, keyboard shortcuts, Ctrl+1…7).
#include "mainwindow.h"

#include "api/async.h"
#include "inspector/inspectorwidget.h"
#include "serverhost.h"
#include "widgets/qrcode.h"

#include <QAction>
#include <QDesktopServices>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QShortcut>
#include <QStatusBar>
#include <QTabWidget>
#include <QUrl>

namespace sb::ui {

namespace {
const QString kGeometry = QStringLiteral("session/geometry");
const QString kTab = QStringLiteral("session/tab");
const QString kCapture = QStringLiteral("session/capture");
const QString kExposure = QStringLiteral("session/exposure");  // "lan" or "local"
}  // namespace

void MainWindow::saveSession() const
{
    QSettings s;
    s.setValue(kGeometry, saveGeometry());
    s.setValue(kTab, m_tabs->currentIndex());
    s.setValue(kCapture, m_inspector && m_inspector->capturing());
}

void MainWindow::rememberExposure(bool lan)
{
    QSettings().setValue(kExposure, lan ? QStringLiteral("lan") : QStringLiteral("local"));
}

void MainWindow::restoreSession(bool exposureGiven)
{
    QSettings s;
    if (s.contains(kGeometry))
        restoreGeometry(s.value(kGeometry).toByteArray());
    const int tab = s.value(kTab, 0).toInt();
    if (tab >= 0 && tab < m_tabs->count())
        m_tabs->setCurrentIndex(tab);
    if (s.value(kCapture, false).toBool() && m_inspector)
        m_inspector->setCapture(true);
    // The LAN or local choice made here last time, unless --listen-address says otherwise.
    const QString exposure = s.value(kExposure).toString();
    if (exposureGiven || exposure.isEmpty())
        return;
    const bool anyAll = sharedOnLan(m_host.listeners());
    const bool wantLan = exposure == QLatin1String("lan");
    if (wantLan != anyAll) {
        QString error;
        if (!m_host.setListenAddress(wantLan ? QStringLiteral("any") : QStringLiteral("localhost"), &error))
            statusBar()->showMessage(tr("Could not listen as last time: %1").arg(error), 15000);
        refresh();
    }
}

void MainWindow::buildHelpMenu()
{
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("Open the &web chat page"), this, &MainWindow::openWebChat);
    help->addAction(tr("Show the LAN address as a &QR code"), this, &MainWindow::showLanQrCode);
    help->addAction(tr("&Keyboard shortcuts"), this, [this] {
        QString rows;
        const QStringList names = {tr("Overview"), tr("Connections"), tr("Presence"), tr("Traffic"), tr("Clients"), tr("Raw client"), tr("Administration")};
        for (int i = 0; i < names.size(); ++i)
            rows += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>").arg(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)).toString(QKeySequence::NativeText), names[i]);
        rows += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>").arg(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O).toString(QKeySequence::NativeText), tr("Connect to server…"));
        rows += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>").arg(QKeySequence(QKeySequence::Quit).toString(QKeySequence::NativeText), tr("Quit"));
        QMessageBox::information(this, tr("Keyboard shortcuts"), QStringLiteral("<table cellspacing=\"6\">%1</table>").arg(rows));
    });
    help->addSeparator();
    help->addAction(tr("&About Switchboard"), this, [this] {
        QMessageBox::about(this, tr("About Switchboard"),
                           tr("<h3>Switchboard %1</h3><p>Hosts real-time services on your LAN and shows every connection, "
                              "presence change, heartbeat and frame live.</p><p>Built with Qt %2 (running on Qt %3).</p>"
                              "<p>Licence: proprietary, all rights reserved.</p>")
                               .arg(QStringLiteral(SWITCHBOARD_VERSION), QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion())));
    });
    // Ctrl+1 … Ctrl+7: the tabs, in order.
    for (int i = 0; i < 7; ++i) {
        auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)), this);
        connect(shortcut, &QShortcut::activated, this, [this, i] {
            if (i < m_tabs->count())
                m_tabs->setCurrentIndex(i);
        });
    }
}

QString MainWindow::webChatUrl(bool lan) const
{
    for (const ListenerStatus &l : m_monitor->listeners()) {
        if (!l.running || !l.services.contains(QStringLiteral("chat")))
            continue;
        // A remote node's own 127.0.0.1 is not this computer's: its LAN address then.
        if ((lan || m_remote) && !l.lanUrls.isEmpty())
            return l.lanUrls.first() + QLatin1Char('/');
        return lan ? QString() : l.localUrl + QLatin1Char('/');
    }
    return {};
}

void MainWindow::showLanQrCode()
{
    const QString url = webChatUrl(true);
    if (url.isEmpty()) {
        statusBar()->showMessage(tr("No LAN address to show: the chat service is not listening, or only on this computer (Share on the LAN first)."),
                                 10000);
        return;
    }
    QrDialog dialog(tr("Scan to open the web chat"), url, this);
    dialog.setObjectName(QStringLiteral("lanQrCode"));
    dialog.exec();
}

void MainWindow::openWebChat()
{
    const QString url = webChatUrl(false);
    if (url.isEmpty()) {
        statusBar()->showMessage(tr("The chat service is not listening: start its listener on the Overview."), 10000);
        return;
    }
    if (!QDesktopServices::openUrl(QUrl(url)))
        statusBar()->showMessage(tr("No web browser opened %1").arg(url), 10000);
}

}  // namespace sb::ui
