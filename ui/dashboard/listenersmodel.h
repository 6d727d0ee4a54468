#pragma once
// Table model of the server's listeners for the main window. GUI thread. Updated from
// ServerHost snapshots: rows change in place (dataChanged), never a full reset per tick.

#include "rowsmodel.h"
#include "serverhost.h"

#include <QAbstractTableModel>

namespace sb::ui {

class ListenersModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Services, Status, LocalUrl, LanUrls, Connections, Uptime, ColumnCount };
    explicit ListenersModel(QObject *parent = nullptr);

    void update(const ServerSnapshot &snapshot);
    const ListenerStatus *listener(int row) const;
    const QList<ListenerStatus> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    qint64 connectionsOf(const ListenerStatus &l) const;

    QList<ListenerStatus> m_rows;
    QHash<QString, qint64> m_connections;  // per service
};

struct ServiceRow {
    ServiceCountersSnapshot now;
    double inRate = 0;  // messages per second since the previous snapshot
    double outRate = 0;
    double bytesInRate = 0;  // bytes per second
    double bytesOutRate = 0;
};

class ServicesModel final : public RowsModel<ServiceRow, 8>
{
    Q_OBJECT
public:
    enum Column { Service, Connections, MessagesIn, MessagesOut, BytesIn, BytesOut, Requests, Errors, ColumnCount };
    static_assert(ColumnCount == 8);
    explicit ServicesModel(QObject *parent = nullptr);

    void update(const ServerSnapshot &snapshot);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    qint64 m_lastUptimeMs = 0;
};

}  // namespace sb::ui
