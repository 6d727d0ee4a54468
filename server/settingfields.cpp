#include "settingfields.h"

namespace sb::settingfields {

QString qualified(const QString &where, const QString &key)
{
    return where.isEmpty() ? key : where + QLatin1Char('.') + key;
}

bool readInteger(const QJsonValue &v, const QString &key, qint64 lo, qint64 hi, qint64 *out, QString *error)
{
    const double d = v.toDouble(-1e18);
    if (!v.isDouble() || d != double(qint64(d)) || d < double(lo) || d > double(hi)) {
        *error = QStringLiteral("%1: must be an integer from %2 to %3").arg(key).arg(lo).arg(hi);
        return false;
    }
    *out = qint64(d);
    return true;
}

bool readStringList(const QJsonValue &v, const QString &key, QStringList *out, QString *error)
{
    if (!v.isArray()) {
        *error = QStringLiteral("%1: must be an array of strings").arg(key);
        return false;
    }
    out->clear();
    for (const QJsonValue &e : v.toArray()) {
        if (!e.isString()) {
            *error = QStringLiteral("%1: must be an array of strings").arg(key);
            return false;
        }
        out->append(e.toString());
    }
    return true;
}

bool checkKeys(const QJsonObject &obj, const QString &where, const QStringList &allowed, QString *error)
{
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        if (!allowed.contains(it.key())) {
            *error = QStringLiteral("%1: unknown key (expected one of: %2)")
                         .arg(qualified(where, it.key()), allowed.join(QStringLiteral(", ")));
            return false;
        }
    }
    return true;
}

}  // namespace sb::settingfields
