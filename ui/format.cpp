#include "format.h"

#include <QCoreApplication>
#include <QLocale>

namespace sb::ui {

QString formatBytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
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
