#pragma once
// Pop view counts (seed 000, docs/pop.md): validation and clamping of reports, and the batched
// writer that stores them. Validation is pure; the writer owns one thread and one
// connection and acknowledges a report only after the transaction holding it committed.

#include "store/batchwriter.h"

#include <QHash>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace sb {
class Database;
struct ServiceCounters;
}

namespace sb::pop {

struct ViewRules {
    int maxKeys = 100;       // per report
    int maxPerReport = 10;   // each count is clamped to this
    int maxPerUser = 100;    // a user's total for one content
};

struct ViewReport {
    QList<QPair<QString, qint64>> counts;  // content id (upper case), count (1..maxPerReport)
    int clamped = 0;                       // counts that were lowered to maxPerReport
};

// Parses {"<uuid>": <positive integer>, ...}. nullopt (and a reason) when the report must be
// refused as a whole: not an object, empty, too many keys, a key that is not a UUID, a count
// that is not a positive integer.
std::optional<ViewReport> parseViewCounts(const QJsonValue &value, const ViewRules &rules, QString *detail);

struct ContentViews {
    qint64 total = 0;
    qint64 viewers = 0;
};

class ViewCountWriter final
{
public:
    ViewCountWriter(Database &db, ViewRules rules, ServiceCounters &counters);
    Q_DISABLE_COPY_MOVE(ViewCountWriter)

    // Thread-safe. `done(stored)` runs on the writer thread after the commit; `capped` is how
    // many counts the per-user cap lowered.
    void submit(qint64 userId, ViewReport report, std::function<void(bool stored, int capped)> done)
    {
        m_queue.submit({userId, std::move(report), std::move(done)});
    }
    void flush() { m_queue.flush(); }

private:
    struct Item {
        qint64 userId;
        ViewReport report;
        std::function<void(bool, int)> done;
    };
    void processBatch(QList<Item> &batch);
    bool lockRowsInOrder(QSqlDatabase &db, const QList<Item> &batch);  // PostgreSQL

    Database &m_db;
    ViewRules m_rules;
    ServiceCounters &m_counters;
    BatchWriter<Item> m_queue;  // last: its thread stops before the rest goes
};

// Reads totals (any thread, its own connection).
QHash<QString, ContentViews> readViews(Database &db, const QStringList &ids);

}  // namespace sb::pop
