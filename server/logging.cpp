#include "logging.h"

namespace sb {
Q_LOGGING_CATEGORY(lcNet, "switchboard.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "switchboard.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAccounts, "switchboard.accounts", QtInfoMsg)
Q_LOGGING_CATEGORY(lcGeneric, "switchboard.generic", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHost, "switchboard.host", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCluster, "switchboard.cluster", QtInfoMsg)

bool setLogLevel(const QString &level)
{
    static const QStringList levels = {QStringLiteral("debug"), QStringLiteral("info"),
                                       QStringLiteral("warning"), QStringLiteral("critical")};
    QString l = level.toLower();
    if (l == QLatin1String("error"))
        l = QStringLiteral("critical");
    const qsizetype idx = levels.indexOf(l);
    if (idx < 0)
        return false;
    QStringList rules;
    for (qsizetype i = 0; i < levels.size(); ++i)
        rules.append(QStringLiteral("switchboard.*.%1=%2").arg(levels[i], i >= idx ? QStringLiteral("true") : QStringLiteral("false")));
    QLoggingCategory::setFilterRules(rules.join(QLatin1Char('\n')));
    return true;
}
}  // namespace sb
