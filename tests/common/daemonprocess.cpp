#include "daemonprocess.h"

#include <QElapsedTimer>
#include <QRegularExpression>

namespace sbtest {

QString daemonBinary()
{
    return qEnvironmentVariable("SWITCHBOARDD");
}

bool DaemonProcess::start(const QString &dataDir, const QStringList &extraArgs)
{
    QStringList args{QStringLiteral("--data-dir"), dataDir, QStringLiteral("--listen-address"), QStringLiteral("127.0.0.1"),
                     QStringLiteral("--admin-port"), QStringLiteral("0"), QStringLiteral("--workers"), QStringLiteral("2")};
    for (const char *service : {"chat", "generic", "channels", "felix", "pop"})
        args << QStringLiteral("--port") << QStringLiteral("%1=0").arg(QLatin1String(service));
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.start(daemonBinary(), args + extraArgs);
    const QRegularExpression adminLine(QStringLiteral("^admin (ws://\\S+)"), QRegularExpression::MultilineOption);
    const QRegularExpression genericLine(QStringLiteral("^listening \\S*generic\\S* http://(\\S+)"), QRegularExpression::MultilineOption);
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 30000 && (admin.isEmpty() || generic.isEmpty())) {
        m_process.waitForReadyRead(200);
        m_out += m_process.readAllStandardOutput();
        if (const auto m = adminLine.match(QString::fromUtf8(m_out)); m.hasMatch())
            admin = QUrl(m.captured(1));
        if (const auto m = genericLine.match(QString::fromUtf8(m_out)); m.hasMatch())
            generic = QStringLiteral("ws://") + m.captured(1);
        if (m_process.state() == QProcess::NotRunning)
            break;
    }
    if (admin.isEmpty() || generic.isEmpty())
        m_out += m_process.readAllStandardError();
    return !admin.isEmpty() && !generic.isEmpty();
}

void DaemonProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    m_process.waitForFinished(10000);
}

void DaemonProcess::kill()
{
    m_process.kill();
    m_process.waitForFinished(10000);
}

}  // namespace sbtest
