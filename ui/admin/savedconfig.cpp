#include "savedconfig.h"

#include <QCoreApplication>

namespace sb::ui {

QString savedConfigMessage(const Result<QString> &saved)
{
    return saved.ok() ? QCoreApplication::translate("sb::ui::SavedConfig", "Saved to %1: the next start uses it (unless --config names another file)").arg(saved.value)
                      : QCoreApplication::translate("sb::ui::SavedConfig", "Not saved: %1").arg(saved.error);
}

}  // namespace sb::ui
