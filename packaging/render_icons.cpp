// Packaging helper: writes the application icon (the one the app draws) as PNGs in the
// hicolor sizes, so that the .deb's PNGs always match the window icon.
#include "appicon.h"

#include <QDir>
#include <QGuiApplication>

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    if (argc < 2)
        return 2;
    const QIcon icon = sb::ui::appIcon();
    for (int size : {16, 32, 48, 64, 128, 256}) {
        const QString dir = QDir(QString::fromLocal8Bit(argv[1])).filePath(QStringLiteral("%1x%1").arg(size));
        if (!QDir().mkpath(dir) || !icon.pixmap(size, size).save(QDir(dir).filePath(QStringLiteral("switchboard.png"))))
            return 1;
    }
    return 0;
}
