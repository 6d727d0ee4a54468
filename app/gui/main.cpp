// switchboard: the desktop application. Starts the embedded server in its worker threads
// and opens the main window.
#include "appicon.h"
#include "i18n.h"
#include "inspector/inspectorwidget.h"
#include "mainwindow.h"
#include "remote/connectdialog.h"
#include "remote/remotenode.h"
#include "serverhost.h"
#include "serveroptions.h"
#include "terminationsignals.h"
#include "widgets/theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QScreen>
#include <QTabWidget>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace {

// Watches the GUI thread's event loop: a 10 ms timer that should fire every 10 ms. How late it
// runs is how long the GUI was unresponsive (the inspector benchmark reads this).
class StallMeter final : public QObject
{
public:
    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(10);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 late = m_clock.restart() - 10;
            ++m_turns;
            m_maxMs = qMax(m_maxMs, late);
            if (late > 100)
                ++m_over100;
            if (late > 50)
                ++m_over50;
        });
        m_clock.start();
        m_timer.start();
    }
    QJsonObject report() const
    {
        return {{QStringLiteral("ticks"), m_turns}, {QStringLiteral("max_stall_ms"), m_maxMs},
                {QStringLiteral("stalls_over_50ms"), m_over50}, {QStringLiteral("stalls_over_100ms"), m_over100}};
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_turns = 0, m_maxMs = 0, m_over50 = 0, m_over100 = 0;
};

// The GUI's own options, besides the server's (sb::ServerOptions).
struct GuiOptions {
    QCommandLineOption screenshot{QStringLiteral("screenshot"), QObject::tr("Save a PNG of the main window after --screenshot-delay ms, then quit."), QStringLiteral("FILE")};
    QCommandLineOption appearance{QStringLiteral("appearance"),
                                  QObject::tr("Light or dark: system (follow the desktop), light or dark (the default is the choice saved in Settings)."),
                                  QStringLiteral("NAME")};
    QCommandLineOption windowSize{QStringLiteral("window-size"), QObject::tr("Open the window at this size, e.g. 1024x640 (for screenshots)."), QStringLiteral("WxH")};
    QCommandLineOption delay{QStringLiteral("screenshot-delay"), QObject::tr("Delay before the screenshot (default 1500 ms)."), QStringLiteral("MS"), QStringLiteral("1500")};
    QCommandLineOption tab{QStringLiteral("tab"), QObject::tr("Open on this tab: overview, connections, presence, traffic, clients, raw or admin."), QStringLiteral("NAME")};
    QCommandLineOption capture{QStringLiteral("capture"), QObject::tr("Start with traffic capture on.")};
    QCommandLineOption printListeners{QStringLiteral("print-listeners"), QObject::tr("Print 'listening <services> <url>' for each listener once the server runs.")};
    QCommandLineOption quitAfter{QStringLiteral("quit-after"), QObject::tr("Quit after this many ms."), QStringLiteral("MS")};
    QCommandLineOption stallReport{QStringLiteral("stall-report"), QObject::tr("At exit, write how long the window's event loop stalled (JSON) to FILE."), QStringLiteral("FILE")};
    QCommandLineOption language{QStringLiteral("language"), QObject::tr("Interface language: de, en, or system (the default is the choice saved in Settings, else the system's)."), QStringLiteral("LANG")};

    QCommandLineOption connectTo{QStringLiteral("connect"),
                                 QObject::tr("Open straight onto a remote node's admin endpoint, e.g. ws://192.168.1.20:8070 (credentials: "
                                             "the URL's user:password, or an admin token in SWITCHBOARD_ADMIN_TOKEN; else the connect dialog asks)."),
                                 QStringLiteral("URL")};
    void addTo(QCommandLineParser &p) const
    {
        p.addOptions({screenshot, delay, windowSize, appearance, tab, capture, printListeners, quitAfter, stallReport, language, connectTo});
    }
};

// --language LANG from the raw arguments (read before the parser, so that --help is
// translated), else the choice saved in Settings.
QString chosenLanguage(const QStringList &args)
{
    QString language = sb::ui::savedLanguage();
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--language") && i + 1 < args.size())
            language = args[i + 1];
        else if (args[i].startsWith(QLatin1String("--language=")))
            language = args[i].mid(11);
    }
    return language;
}

// The window on the running server, as the options ask; the event loop's exit code.
int runWindow(sb::ServerHost &host, const QCommandLineParser &p, const GuiOptions &o, sb::TerminationSignals &terminate)
{
    std::unique_ptr<StallMeter> stalls;
    if (p.isSet(o.stallReport))
        stalls = std::make_unique<StallMeter>();
    sb::ui::MainWindow window(host);
    // As the window was last time; not for screenshots, which show a fresh start.
    if (!p.isSet(o.screenshot))
        window.restoreSession(p.isSet(QStringLiteral("listen-address")));
    if (p.isSet(o.capture)) {
        window.trafficTab()->setCapture(true);
        // ... and on the remote node --connect attaches to, once it has.
        QObject::connect(&window, &sb::ui::MainWindow::attached, &window, [&window] { window.trafficTab()->setCapture(true); });
    }
    const QStringList tabs = {QStringLiteral("overview"), QStringLiteral("connections"), QStringLiteral("presence"),
                              QStringLiteral("traffic"), QStringLiteral("clients"), QStringLiteral("raw"), QStringLiteral("admin")};
    if (p.isSet(o.tab)) {
        const qsizetype i = tabs.indexOf(p.value(o.tab).toLower());
        if (i < 0) {
            QMessageBox::critical(nullptr, QObject::tr("Switchboard"), QObject::tr("--tab: expected overview, connections, presence, traffic, clients, raw or admin"));
            return 1;
        }
        window.tabs()->setCurrentIndex(int(i));
    }
    if (p.isSet(o.windowSize)) {
        const QStringList wh = p.value(o.windowSize).split(QLatin1Char('x'));
        const int w = wh.value(0).toInt(), h = wh.value(1).toInt();
        if (wh.size() != 2 || w < 200 || h < 200) {
            QMessageBox::critical(nullptr, QObject::tr("Switchboard"), QObject::tr("--window-size: expected WIDTHxHEIGHT, e.g. 1024x640"));
            return 1;
        }
        window.resize(w, h);
    }
    window.show();
    if (p.isSet(o.connectTo)) {
        const QUrl url(p.value(o.connectTo));
        sb::ui::RemoteTarget target;
        target.url = url.adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery);
        target.email = url.userName();
        target.password = url.password();
        target.token = qEnvironmentVariable("SWITCHBOARD_ADMIN_TOKEN");
        target.trustedFingerprint = sb::ui::ConnectDialog::trustedFingerprint(target.url);
        if (!url.isValid() || (url.scheme() != QLatin1String("ws") && url.scheme() != QLatin1String("wss")) || url.host().isEmpty()) {
            QMessageBox::critical(&window, QObject::tr("Switchboard"), QObject::tr("--connect: expected ws://HOST:PORT or wss://HOST:PORT"));
            return 1;
        }
        if (target.token.isEmpty() && (target.email.isEmpty() || target.password.isEmpty()))
            QTimer::singleShot(0, &window, [&window, target] { window.showConnectDialog(&target); });
        else
            window.connectTo(target);
    }
    if (p.isSet(o.screenshot)) {
        const QString file = p.value(o.screenshot);
        QTimer::singleShot(p.value(o.delay).toInt(), &window, [&window, file] {
            window.refresh();
            window.grab().save(file);
            window.quitApplication();
        });
    }
    QObject::connect(&terminate, &sb::TerminationSignals::received, &window, [&window] { window.quitApplication(); });
    if (p.isSet(o.quitAfter))
        QTimer::singleShot(p.value(o.quitAfter).toInt(), &window, [&window] { window.quitApplication(); });
    const int rc = QApplication::exec();
    if (stalls) {
        QJsonObject r = stalls->report();
        r.insert(QStringLiteral("records_pulled"), qint64(window.trafficTab()->lastPulledId()));
        r.insert(QStringLiteral("records_dropped"), qint64(window.trafficTab()->droppedRecords()));
        QFile f(p.value(o.stallReport));
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            f.write(QJsonDocument(r).toJson(QJsonDocument::Compact) + '\n');
    }
    return rc;
}

// The application's names and version, for the window system and --version.
void describeApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("switchboard"));
    QCoreApplication::setOrganizationName(QStringLiteral("switchboard"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SWITCHBOARD_VERSION));
}

void addOptions(QCommandLineParser &p, const sb::ServerOptions &server, const GuiOptions &gui)
{
    p.setApplicationDescription(QObject::tr("Host real-time WebSocket services on your LAN and watch them live."));
    p.addHelpOption();
    p.addVersionOption();
    server.addTo(p);
    gui.addTo(p);
}

// --help and --version answer before any GUI object exists: they work without a display.
bool asksForHelpOrVersion(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "--help" || a == "-h" || a == "-?" || a == "--help-all" || a == "--version" || a == "-v")
            return true;
    }
    return false;
}

}  // namespace

int main(int argc, char *argv[])
{
    if (asksForHelpOrVersion(argc, argv)) {
        QCoreApplication app(argc, argv);
        describeApplication();
        sb::ui::installTranslations(app, chosenLanguage(app.arguments()));
        QCommandLineParser p;
        const sb::ServerOptions server;
        const GuiOptions gui;
        addOptions(p, server, gui);
        p.process(app);  // prints and exits 0
        return 0;
    }
    QApplication app(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(QObject::tr("Switchboard"));
    QApplication::setWindowIcon(sb::ui::appIcon());
    QApplication::setQuitOnLastWindowClosed(false);  // the tray keeps the server running
    // SIGTERM/SIGINT (logout, systemd, Ctrl+C in a terminal) quit like File > Quit once the
    // window exists: the server closes its sockets and finishes its writes.
    sb::TerminationSignals terminate;
    sb::ui::installTranslations(app, chosenLanguage(app.arguments()));

    QCommandLineParser p;
    const sb::ServerOptions server;
    const GuiOptions gui;
    addOptions(p, server, gui);
    p.process(app);

    sb::ui::theme::Appearance appearance = sb::ui::theme::savedAppearance();
    if (p.isSet(gui.appearance)) {
        bool ok = false;
        appearance = sb::ui::theme::appearanceFromString(p.value(gui.appearance), &ok);
        if (!ok) {
            std::fprintf(stderr, "%s\n", qPrintable(QObject::tr("--appearance: expected system, light or dark")));
            return 1;
        }
    }
    sb::ui::theme::apply(app, appearance);

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
    if (p.isSet(gui.printListeners)) {
        for (const sb::ListenerStatus &l : host.listeners())
            std::printf("listening %s %s\n", qPrintable(l.services.join(QLatin1Char(','))), qPrintable(l.localUrl));
        std::fflush(stdout);
    }
    const int rc = runWindow(host, p, gui, terminate);
    host.stop();
    return rc;
}
