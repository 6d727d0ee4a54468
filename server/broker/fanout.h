#pragma once
// Fan-out: what goes to many sessions is posted as one batch per worker, never one post per
// recipient, and serialized once by the caller (docs/architecture.md, "Fan-out and the
// Broker"). Every hub delivers through this.

#include "net/worker.h"

#include <QList>
#include <QThread>
#include <QVarLengthArray>

#include <utility>

namespace sb {

// One session on this node: the worker that owns it and its id there.
struct Recipient {
    Worker *worker;
    quint64 id;
};

// Recipients grouped by worker, in the order their workers were first seen. There are few
// workers (one per core), so a linear scan beats hashing.
class FanoutBatches final
{
public:
    void add(Worker *worker, quint64 id)
    {
        for (auto &b : m_batches) {
            if (b.first == worker) {
                b.second.append(id);
                return;
            }
        }
        m_batches.append({worker, QList<quint64>{id}});
    }
    void add(const Recipient &r) { add(r.worker, r.id); }
    bool isEmpty() const { return m_batches.isEmpty(); }
    qsizetype workers() const { return m_batches.size(); }
    qsizetype recipients() const
    {
        qsizetype n = 0;
        for (const auto &b : m_batches)
            n += b.second.size();
        return n;
    }

    // Runs `deliver(worker, ids)` once per worker, on that worker's thread, in posting order
    // with everything else posted there.
    template <typename Deliver>
    void post(const Deliver &deliver) const;
    // The same, but the calling thread's own worker (if it is one of them) is delivered to
    // right here, before this returns: a relay to the sender's neighbours skips a post.
    template <typename Deliver>
    void postOrRun(const Deliver &deliver) const;

    using Batch = std::pair<Worker *, QList<quint64>>;
    const Batch *begin() const { return m_batches.cbegin(); }
    const Batch *end() const { return m_batches.cend(); }

private:
    QVarLengthArray<Batch, 4> m_batches;
};

template <typename Deliver>
void FanoutBatches::post(const Deliver &deliver) const
{
    for (const Batch &b : m_batches) {
        Worker *w = b.first;
        w->post([w, ids = b.second, deliver] { deliver(w, ids); });
    }
}

template <typename Deliver>
void FanoutBatches::postOrRun(const Deliver &deliver) const
{
    for (const Batch &b : m_batches) {
        Worker *w = b.first;
        if (w->thread() == QThread::currentThread())
            deliver(w, b.second);
        else
            w->post([w, ids = b.second, deliver] { deliver(w, ids); });
    }
}

}  // namespace sb
