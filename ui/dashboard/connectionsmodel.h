#pragma once
// The connection registry as a table (GUI thread). update() applies a snapshot as row
// removals, one insert for the new rows, and dataChanged for the rest: never a reset.

#include "telemetry/connectioninfo.h"

#include <QAbstractTableModel>

namespace sb::ui {

class ConnectionsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Id, Service, Peer, Identity, Health, Rtt, Since, MessagesIn, MessagesOut, BytesIn, BytesOut, LastPing, LastPong, LimitHits, ColumnCount };
    enum class Heartbeat { None, Fresh, Late, Missed };

    explicit ConnectionsModel(QObject *parent = nullptr);
    void update(const QList<ConnectionInfo> &rows, qint64 nowMs);
    const ConnectionInfo *connection(int row) const;
    static Heartbeat health(const ConnectionInfo &c, qint64 nowMs);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<ConnectionInfo> m_rows;
    qint64 m_now = 0;
};

}  // namespace sb::ui
