#include "format.h"

#include <QCoreApplication>
#include <QLocale>

namespace sb::ui {

QString formatBytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString formatCount(qint64 n)
{
    return QLocale().toString(n);
}

QString formatRate(double perSecond)
{
    if (perSecond < 0.05)
        return QLocale().toString(0);
    return QLocale().toString(perSecond, 'f', perSecond < 10 ? 1 : 0);
}

QString formatDateTime(const QDateTime &when)
{
    return when.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString formatTime(const QDateTime &when, bool milliseconds)
{
    return when.toLocalTime().toString(milliseconds ? QStringLiteral("HH:mm:ss.zzz") : QStringLiteral("HH:mm:ss"));
}

QString formatDuration(qint64 ms)
{
    const qint64 s = ms / 1000;
    if (s < 60)
        return QCoreApplication::translate("sb::ui", "%n s", nullptr, int(s));
    if (s < 3600)
        return QCoreApplication::translate("sb::ui", "%1 min %2 s").arg(s / 60).arg(s % 60);
    if (s < 86400)
        return QCoreApplication::translate("sb::ui", "%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
    return QCoreApplication::translate("sb::ui", "%1 d %2 h").arg(s / 86400).arg((s % 86400) / 3600);
}

}  // namespace sb::ui
