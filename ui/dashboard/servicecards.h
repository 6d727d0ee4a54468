#pragma once
// The Overview's cards, one per service: its state, the address to share (with a copy
// button), connections, messages per second with the last minute as a sparkline, errors and
// limit hits, and heartbeat health (median and 95th percentile round trip, coloured). The
// cards flow into as many columns as the width allows. GUI thread, from snapshots.

#include "serverhost.h"
#include "traffichistory.h"
#include "widgets/theme.h"

#include <QFrame>

class QGridLayout;
class QLabel;
class QToolButton;

namespace sb::ui {

class Sparkline;
struct HeartbeatRow;

// One service's card.
class ServiceCard final : public QFrame
{
    Q_OBJECT
public:
    ServiceCard(const QString &service, QWidget *parent = nullptr);
    const QString &service() const { return m_service; }
    // `listener`: the one serving it (null: none); `counters` and `heartbeat` may be null.
    void update(const ListenerStatus *listener, const ServiceCountersSnapshot *counters, const HeartbeatRow *heartbeat,
                const QList<TrafficHistory::Point> &lastMinute);
    // What the card says, for tests and screen readers.
    QString stateText() const;
    QString urlText() const;
    QString connectionsText() const;
    QString ratesText() const;
    QString problemsText() const;
    QString heartbeatText() const;
    Sparkline *sparkline() const { return m_sparkline; }
    // The address the copy button copies (empty when there is none).
    QString url() const { return m_url; }

signals:
    void copyUrl(const QString &url);
    void startListener(int listenerId);
    void moveToFreePort(int listenerId);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_service;
    QString m_ratesPlain;
    theme::Tone m_tone = theme::Tone::Muted;
    QList<QLabel *> m_captions;
    QString m_url;
    int m_listenerId = -1;
    QLabel *m_state;
    QLabel *m_address;
    QToolButton *m_copy;
    QToolButton *m_action;  // Start, or Use a free port after a failure
    QLabel *m_connections;
    QLabel *m_rates;
    Sparkline *m_sparkline;
    QLabel *m_problems;
    QLabel *m_heartbeat;
};

class ServiceCards final : public QWidget
{
    Q_OBJECT
public:
    explicit ServiceCards(QWidget *parent = nullptr);
    void update(const ServerSnapshot &snapshot, const QList<HeartbeatRow> &heartbeats, const TrafficHistory &history);
    ServiceCard *card(const QString &service) const;
    int columns() const { return m_columns; }

signals:
    void copyUrl(const QString &url);
    void startListener(int listenerId);
    void moveToFreePort(int listenerId);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void relayout();

    QList<ServiceCard *> m_cards;
    QGridLayout *m_grid;
    int m_columns = 0;
};

}  // namespace sb::ui
