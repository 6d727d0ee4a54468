#include "viewcounts.h"

#include "logging.h"
#include "net/worker.h"
#include "store/database.h"
#include "telemetry/counters.h"

#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <set>

namespace sb::pop {

std::optional<ViewReport> parseViewCounts(const QJsonValue &value, const ViewRules &rules, QString *detail)
{
    if (!value.isObject()) {
        *detail = QStringLiteral("view_counts must be an object of content ids and counts");
        return std::nullopt;
    }
    const QJsonObject o = value.toObject();
    if (o.isEmpty()) {
        *detail = QStringLiteral("view_counts is empty");
        return std::nullopt;
    }
    if (o.size() > rules.maxKeys) {
        *detail = QStringLiteral("at most %1 content ids per report (got %2)").arg(rules.maxKeys).arg(o.size());
        return std::nullopt;
    }
    ViewReport r;
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString key = it.key();
        if (key.size() != 36 || QUuid::fromString(key).isNull()) {
            *detail = QStringLiteral("'%1' is not a content id (a UUID)").arg(key.left(64));
            return std::nullopt;
        }
        const QJsonValue v = it.value();
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d < 1 || d != double(qint64(d)) || d > 9.0e15) {
            *detail = QStringLiteral("the count for %1 must be a positive whole number").arg(key);
            return std::nullopt;
        }
        qint64 count = qint64(d);
        if (count > rules.maxPerReport) {
            count = rules.maxPerReport;
            ++r.clamped;
        }
        r.counts.append({key.toUpper(), count});
    }
    return r;
}

ViewCountWriter::ViewCountWriter(Database &db, ViewRules rules, ServiceCounters &counters)
    : m_db(db)
    , m_rules(rules)
    , m_counters(counters)
    , m_queue(db, QStringLiteral("sb-pop-writer"), [this](QList<Item> &batch) { processBatch(batch); })
{
}

// Two nodes' batches must never wait for each other's rows in opposite orders (a deadlock,
// which PostgreSQL breaks by failing one of them): the rows a batch writes are made and
// locked before anything else, in one order every node follows — the users' rows by
// (content, user), then the totals by content.
bool ViewCountWriter::lockRowsInOrder(QSqlDatabase &db, const QList<Item> &batch)
{
    std::set<std::pair<QString, qint64>> mine;
    std::set<QString> contents;
    for (const Item &item : batch) {
        for (const auto &[content, count] : item.report.counts) {
            mine.insert({content, item.userId});
            contents.insert(content);
        }
    }
    QSqlQuery claimMine(db), lockMine(db), claimTotal(db), lockTotal(db);
    claimMine.prepare(QStringLiteral("INSERT INTO view_counts_by_user (content_id, user_id, count) VALUES (?, ?, 0) ON CONFLICT DO NOTHING"));
    lockMine.prepare(QStringLiteral("SELECT 1 FROM view_counts_by_user WHERE content_id = ? AND user_id = ? FOR UPDATE"));
    claimTotal.prepare(QStringLiteral("INSERT INTO view_counts (content_id, total, viewers) VALUES (?, 0, 0) ON CONFLICT DO NOTHING"));
    lockTotal.prepare(QStringLiteral("SELECT 1 FROM view_counts WHERE content_id = ? FOR UPDATE"));
    for (const auto &[content, user] : mine) {
        for (QSqlQuery *q : {&claimMine, &lockMine}) {
            q->addBindValue(content);
            q->addBindValue(user);
            if (!q->exec()) {
                qCWarning(lcStore) << "view count write failed:" << q->lastError().text();
                return false;
            }
            q->finish();
        }
    }
    for (const QString &content : contents) {
        for (QSqlQuery *q : {&claimTotal, &lockTotal}) {
            q->addBindValue(content);
            if (!q->exec()) {
                qCWarning(lcStore) << "view count write failed:" << q->lastError().text();
                return false;
            }
            q->finish();
        }
    }
    return true;
}

void ViewCountWriter::processBatch(QList<Item> &batch)
{
    QSqlDatabase db = m_db.connection();
    QList<int> capped(batch.size(), 0);
    bool ok = m_db.beginImmediate(db);
    QSqlQuery mine(db), upsertMine(db), upsertTotal(db);
    // PostgreSQL (a cluster): other nodes write the same rows at the same time; every row
    // this batch writes is made first and locked, so that the cap holds across nodes. (SQLite:
    // BEGIN IMMEDIATE already lets one writer at a time.)
    const bool postgres = m_db.dialect() == Database::Dialect::Postgres;
    if (postgres && ok)
        ok = lockRowsInOrder(db, batch);
    mine.prepare(postgres ? QStringLiteral("SELECT count FROM view_counts_by_user WHERE content_id = ? AND user_id = ? FOR UPDATE")
                          : QStringLiteral("SELECT count FROM view_counts_by_user WHERE content_id = ? AND user_id = ?"));
    upsertMine.prepare(QStringLiteral("INSERT INTO view_counts_by_user (content_id, user_id, count) VALUES (?,?,?)"
                                      " ON CONFLICT (content_id, user_id) DO UPDATE SET count = view_counts_by_user.count + excluded.count"));
    upsertTotal.prepare(QStringLiteral("INSERT INTO view_counts (content_id, total, viewers) VALUES (?,?,?)"
                                       " ON CONFLICT (content_id) DO UPDATE SET total = view_counts.total + excluded.total, viewers = view_counts.viewers + excluded.viewers"));
    for (qsizetype i = 0; ok && i < batch.size(); ++i) {
        for (const auto &[content, count] : batch[i].report.counts) {
            mine.addBindValue(content);
            mine.addBindValue(batch[i].userId);
            const qint64 already = mine.exec() && mine.next() ? mine.value(0).toLongLong() : 0;
            mine.finish();
            // The per-user cap: what this user may still add to this content.
            const qint64 allowed = qMin<qint64>(count, qMax<qint64>(0, m_rules.maxPerUser - already));
            if (allowed < count)
                ++capped[i];
            if (allowed == 0)
                continue;
            upsertMine.addBindValue(content);
            upsertMine.addBindValue(batch[i].userId);
            upsertMine.addBindValue(allowed);
            upsertTotal.addBindValue(content);
            upsertTotal.addBindValue(allowed);
            upsertTotal.addBindValue(already == 0 ? 1 : 0);
            if (!upsertMine.exec() || !upsertTotal.exec()) {
                qCWarning(lcStore) << "view count write failed:" << upsertMine.lastError().text() << upsertTotal.lastError().text();
                ok = false;
                break;
            }
        }
    }
    if (ok)
        ok = m_db.commit(db);
    if (!ok)
        m_db.rollback(db);
    ServiceCounters::add(m_counters.storeCommits);
    if (ok)
        ServiceCounters::add(m_counters.storeRows, batch.size());
    const Worker::PostBatch posts;  // the batch's replies wake each worker once
    for (qsizetype i = 0; i < batch.size(); ++i)
        batch[i].done(ok, capped[i]);
}

QHash<QString, ContentViews> readViews(Database &database, const QStringList &ids)
{
    QSqlDatabase db = database.connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT total, viewers FROM view_counts WHERE content_id = ?"));
    QHash<QString, ContentViews> out;
    for (const QString &id : ids) {
        q.addBindValue(id.toUpper());
        ContentViews v;
        if (q.exec() && q.next())
            v = {q.value(0).toLongLong(), q.value(1).toLongLong()};
        q.finish();
        out.insert(id.toUpper(), v);
    }
    return out;
}

}  // namespace sb::pop
