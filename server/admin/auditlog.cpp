#include "auditlog.h"

#include "logging.h"
#include "store/database.h"

#include <QSqlError>
#include <QSqlQuery>

namespace sb {

bool AuditLog::record(const AuditEntry &entry)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("INSERT INTO audit_log (at, who, address, action, detail) VALUES (?,?,?,?,?)"));
    q.addBindValue(entry.at.isValid() ? entry.at.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(entry.who.left(200));
    q.addBindValue(entry.address.left(100));
    q.addBindValue(entry.action.left(100));
    q.addBindValue(entry.detail.left(1000));
    if (!q.exec()) {
        qCWarning(lcHost) << "cannot write the audit log:" << q.lastError().text();
        return false;
    }
    return true;
}

QList<AuditEntry> AuditLog::latest(int max)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT id, at, who, address, action, detail FROM audit_log ORDER BY id DESC LIMIT ?"));
    q.addBindValue(qBound(1, max, 10'000));
    QList<AuditEntry> out;
    if (!q.exec())
        return out;
    while (q.next())
        out.append({q.value(0).toLongLong(), QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong(), Qt::UTC), q.value(2).toString(),
                    q.value(3).toString(), q.value(4).toString(), q.value(5).toString()});
    return out;
}

}  // namespace sb
