#pragma once
// A dedicated writer thread with its own database connection, fed through a queue that is
// drained in batches: what arrives while one batch commits waits for the next, so under
// load one fsync serves many writes. submit() and flush() are thread-safe; the process
// function runs on the writer thread. Used by every write path a client is told about.

#include "store/database.h"
#include "store/sqlitewal.h"

#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QThread>

#include <functional>

namespace sb {

template <typename Item>
class BatchWriter final
{
public:
    using Process = std::function<void(QList<Item> &batch)>;

    // `beforeClose` runs on the writer thread before its connection closes (drop cached
    // statements there).
    BatchWriter(Database &db, const QString &threadName, Process process, std::function<void()> beforeClose = {})
        : m_db(db)
        , m_process(std::move(process))
        , m_beforeClose(std::move(beforeClose))
    {
        m_thread.setObjectName(threadName);
        m_context.moveToThread(&m_thread);
        m_thread.start();
    }

    // Processes everything already submitted, closes the thread's connection and stops.
    ~BatchWriter()
    {
        QMetaObject::invokeMethod(
            &m_context,
            [this] {
                if (m_beforeClose)
                    m_beforeClose();
                m_db.closeThisThread();
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    Q_DISABLE_COPY_MOVE(BatchWriter)

    void submit(Item item)
    {
        QMutexLocker lock(&m_mutex);
        m_queue.append(std::move(item));
        if (!m_scheduled) {
            m_scheduled = true;
            QMetaObject::invokeMethod(&m_context, [this] { drain(); }, Qt::QueuedConnection);
        }
    }

    // Blocks until everything submitted so far has been processed.
    void flush() { QMetaObject::invokeMethod(&m_context, [] {}, Qt::BlockingQueuedConnection); }

private:
    void drain()
    {
        for (;;) {
            QList<Item> batch;
            {
                QMutexLocker lock(&m_mutex);
                batch.swap(m_queue);
                if (batch.isEmpty()) {
                    m_scheduled = false;
                    return;
                }
            }
            // A SQLite commit's WAL frames leave in one write (sqlitewal.h): the writers'
            // connections sync every commit.
            const SqliteWalGather gather;
            m_process(batch);
        }
    }

    Database &m_db;
    Process m_process;
    std::function<void()> m_beforeClose;
    QMutex m_mutex;
    QList<Item> m_queue;
    bool m_scheduled = false;
    QThread m_thread;
    QObject m_context;  // lives on m_thread; destroyed first, after the thread stopped
};

}  // namespace sb
