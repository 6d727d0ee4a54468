#include "filedialogs.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>

namespace sb::ui {

namespace {
const QString kKey = QStringLiteral("session/lastDirectory");

QString remembered(const QString &file)
{
    if (!file.isEmpty())
        QSettings().setValue(kKey, QFileInfo(file).absolutePath());
    return file;
}
}  // namespace

QString lastDirectory()
{
    const QString dir = QSettings().value(kKey).toString();
    return !dir.isEmpty() && QDir(dir).exists() ? dir : QDir::homePath();
}

QString openFileName(QWidget *parent, const QString &caption, const QString &filter)
{
    return remembered(QFileDialog::getOpenFileName(parent, caption, lastDirectory(), filter));
}

QString saveFileName(QWidget *parent, const QString &caption, const QString &suggested, const QString &filter)
{
    return remembered(QFileDialog::getSaveFileName(parent, caption, QDir(lastDirectory()).filePath(suggested), filter));
}

}  // namespace sb::ui
