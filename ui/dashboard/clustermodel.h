#pragma once
// The Overview's "Cluster" section and its table of the cluster's nodes (docs/cluster.md): name, address, connections,
// up or down. Empty when the node is not in a cluster. GUI thread, from snapshots.

#include "api/monitor.h"
#include "rowsmodel.h"

#include <QGroupBox>

class QLabel;
class QTableView;

namespace sb::ui {

class ClusterModel final : public RowsModel<ClusterNodeStatus, 5>
{
    Q_OBJECT
public:
    enum Column { Node, Address, Connections, State, Since, ColumnCount };
    static_assert(ColumnCount == 5);
    explicit ClusterModel(QObject *parent = nullptr);

    void update(const ServerSnapshot &snapshot);
    // "Nodes: 3 known, 2 up" (or the problem), for the box's title line; empty outside a cluster.
    QString summary() const;
    bool inCluster() const { return !m_cluster.node.isEmpty(); }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    ClusterStatus m_cluster;
};

// The Overview's "Cluster" section: a line on the cluster's health and the nodes' table.
// Hidden outside a cluster.
class ClusterBox final : public QGroupBox
{
    Q_OBJECT
public:
    explicit ClusterBox(QWidget *parent = nullptr);
    void update(const ServerSnapshot &snapshot);
    ClusterModel *model() const { return m_model; }
    QString summaryText() const;

private:
    ClusterModel *m_model;
    QLabel *m_summary;
    QTableView *m_view;
};

}  // namespace sb::ui
