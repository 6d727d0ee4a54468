#pragma once
// File dialogs that open in the directory last used for any file of the app, remembered
// across runs (QSettings "session/lastDirectory"; the home directory at first).

#include <QString>

class QWidget;

namespace sb::ui {

QString lastDirectory();
QString openFileName(QWidget *parent, const QString &caption, const QString &filter = {});
// `suggested`: the file name offered, in the last directory.
QString saveFileName(QWidget *parent, const QString &caption, const QString &suggested, const QString &filter = {});

}  // namespace sb::ui
