#pragma once
// The application icon, drawn at run time so no image plugin is needed.
#include <QIcon>

namespace sb::ui {
QIcon appIcon();
}
