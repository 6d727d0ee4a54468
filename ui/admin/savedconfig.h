#pragma once
// What the Listeners and Limits panels say after "Keep for the next start".

#include "api/types.h"

#include <QString>

namespace sb::ui {

QString savedConfigMessage(const Result<QString> &saved);

}  // namespace sb::ui
