#pragma once
// SIGTERM and SIGINT (logout, systemd, Ctrl+C in a terminal) delivered as a Qt signal on the
// thread that created this object: the handler only writes one byte to a socket pair, which a
// QSocketNotifier reads (the self-pipe trick; a signal handler may do nothing else safely).
// Also ignores SIGPIPE: a peer that went away is an error on the socket, not the process's end.
// One per process.

#include <QObject>

#include <memory>

class QSocketNotifier;

namespace sb {

class TerminationSignals final : public QObject
{
    Q_OBJECT
public:
    explicit TerminationSignals(QObject *parent = nullptr);
    ~TerminationSignals() override;
    // False when the socket pair could not be made (the signals then keep their defaults).
    bool isActive() const { return m_notifier != nullptr; }

signals:
    void received();

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
};

}  // namespace sb
