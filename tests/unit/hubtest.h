#pragma once
// What the hub tests share (tst_hubs, tst_channelhub): a Broker that records what a hub
// publishes instead of delivering it — a second Broker implementation, added without
// touching a service — and two workers, one on the test thread and one on its own.
#include "accounts/accesswatcher.h"
#include "accounts/credentialcache.h"
#include "accounts/passwordwork.h"
#include "broker/broker.h"
#include "net/worker.h"
#include "servercontext.h"
#include "store/database.h"

#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <utility>

namespace sbtest {

class RecordingBroker final : public sb::Broker
{
public:
    struct Published {
        QString stream;
        sb::BrokerMessage message;
    };
    QList<Published> published;
    QHash<QString, sb::BrokerSubscriber *> hubs;

    std::unique_ptr<sb::BrokerStream> subscribe(const QString &stream, sb::BrokerSubscriber *hub, sb::Delivery) override
    {
        hubs.insert(stream, hub);
        return std::make_unique<Stream>(this, stream);
    }
    QList<Published> take() { return std::exchange(published, {}); }

private:
    class Stream final : public sb::BrokerStream
    {
    public:
        Stream(RecordingBroker *b, QString name) : m_b(b), m_name(std::move(name)) {}
        void publish(const sb::BrokerMessage &m) override { m_b->published.append({m_name, m}); }

    private:
        RecordingBroker *m_b;
        QString m_name;
    };
};

// Two workers for the hubs' sessions: one on the test thread, one on a thread of its own.
class HubFixture : public QObject
{
protected:
    sb::ServerContext m_ctx;
    std::unique_ptr<sb::Worker> m_here;  // on the test thread
    sb::Worker *m_there = nullptr;       // on its own thread
    QThread m_thread;

    // Runs what was posted to both workers, so that nothing reaches a hub or a listener of a
    // test after it ended.
    void settle()
    {
        std::atomic<int> done{0};
        m_here->post([&] { ++done; });
        m_there->post([&] { ++done; });
        QTRY_COMPARE(done.load(), 2);
    }

    void startWorkers()
    {
        m_here = std::make_unique<sb::Worker>(0, m_ctx);
        m_there = new sb::Worker(1, m_ctx);
        m_there->moveToThread(&m_thread);
        connect(&m_thread, &QThread::finished, m_there, &QObject::deleteLater);
        m_thread.start();
    }
    void stopWorkers()
    {
        m_thread.quit();
        m_thread.wait();
    }
};

}  // namespace sbtest
