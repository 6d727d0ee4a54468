#pragma once
// JSON Merge Patch (RFC 7386). Pure function, any thread.

#include <QJsonValue>

namespace sb::felix {

QJsonValue mergePatch(const QJsonValue &target, const QJsonValue &patch);

}  // namespace sb::felix
