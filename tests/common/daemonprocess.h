#pragma once
// A real `switchboardd` process (SWITCHBOARDD names the binary) on 127.0.0.1, every listener
// and the admin endpoint on free ports, for tests of the desktop app against another node.

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace sbtest {

// $SWITCHBOARDD.
QString daemonBinary();

class DaemonProcess
{
public:
    ~DaemonProcess() { stop(); }
    // Starts it on `dataDir` with `extraArgs` (--redis, --node …); true once it printed its
    // admin endpoint and its generic listener.
    bool start(const QString &dataDir, const QStringList &extraArgs = {});
    void stop();  // SIGTERM: a clean stop
    void kill();  // SIGKILL
    QString output() const { return QString::fromUtf8(m_out); }

    QUrl admin;       // ws://127.0.0.1:P
    QString generic;  // the generic service's ws:// base

private:
    QProcess m_process;
    QByteArray m_out;
};

}  // namespace sbtest
