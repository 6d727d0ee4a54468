// switchboard: the desktop application. Starts the embedded server in its worker threads
// and opens the main window.
#include "appicon.h"
#include "inspector/inspectorwidget.h"
#include "mainwindow.h"
#include "serverhost.h"
#include "serveroptions.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QScreen>
#include <QTabWidget>
#include <QTimer>

#include <csignal>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("switchboard"));
    QApplication::setOrganizationName(QStringLiteral("switchboard"));
    QApplication::setApplicationDisplayName(QObject::tr("Switchboard"));
    QApplication::setApplicationVersion(QStringLiteral(SWITCHBOARD_VERSION));
    QApplication::setWindowIcon(sb::ui::appIcon());
    QApplication::setQuitOnLastWindowClosed(false);  // the tray keeps the server running
    std::signal(SIGPIPE, SIG_IGN);

    QCommandLineParser p;
    p.setApplicationDescription(QObject::tr("Host real-time WebSocket services on your LAN and watch them live."));
    p.addHelpOption();
    p.addVersionOption();
    const sb::ServerOptions server;
    server.addTo(p);
    const QCommandLineOption screenshot(QStringLiteral("screenshot"), QObject::tr("Save a PNG of the main window after --screenshot-delay ms, then quit."), QStringLiteral("FILE"));
    const QCommandLineOption delay(QStringLiteral("screenshot-delay"), QObject::tr("Delay before the screenshot (default 1500 ms)."), QStringLiteral("MS"), QStringLiteral("1500"));
    const QCommandLineOption tab(QStringLiteral("tab"), QObject::tr("Open on this tab: overview, connections, presence, traffic, raw or admin."), QStringLiteral("NAME"));
    const QCommandLineOption capture(QStringLiteral("capture"), QObject::tr("Start with traffic capture on."));
    p.addOptions({screenshot, delay, tab, capture});
    p.process(app);

    QString error;
    const auto config = server.resolve(p, &error);
    if (!config) {
        QMessageBox::critical(nullptr, QObject::tr("Switchboard cannot start"), error);
        return 1;
    }
    sb::ServerHost host(*config);
    if (!host.start(&error)) {
        QMessageBox::critical(nullptr, QObject::tr("Switchboard cannot start"),
                              QObject::tr("The server could not start:\n\n%1").arg(error));
        return 1;
    }
    sb::ui::MainWindow window(host);
    if (p.isSet(capture))
        window.trafficTab()->setCapture(true);
    const QStringList tabs = {QStringLiteral("overview"), QStringLiteral("connections"), QStringLiteral("presence"),
                              QStringLiteral("traffic"), QStringLiteral("raw"), QStringLiteral("admin")};
    if (p.isSet(tab)) {
        const qsizetype i = tabs.indexOf(p.value(tab).toLower());
        if (i < 0) {
            QMessageBox::critical(nullptr, QObject::tr("Switchboard"), QObject::tr("--tab: expected overview, connections, presence, traffic, raw or admin"));
            return 1;
        }
        window.tabs()->setCurrentIndex(int(i));
    }
    window.show();
    if (p.isSet(screenshot)) {
        const QString file = p.value(screenshot);
        QTimer::singleShot(p.value(delay).toInt(), &window, [&window, file] {
            window.refresh();
            window.grab().save(file);
            window.quitApplication();
        });
    }
    const int rc = QApplication::exec();
    host.stop();
    return rc;
}
