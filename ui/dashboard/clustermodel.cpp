#include "clustermodel.h"
#include "widgets/theme.h"

#include "format.h"
#include "widgets/tables.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace sb::ui {

ClusterModel::ClusterModel(QObject *parent) : RowsModel(parent) {}

void ClusterModel::update(const ServerSnapshot &snapshot)
{
    m_cluster = snapshot.cluster;
    setRows(m_cluster.nodes);
}

QString ClusterModel::summary() const
{
    if (!inCluster())
        return {};
    if (!m_cluster.problem.isEmpty())
        return m_cluster.problem;
    int up = 0;
    for (const ClusterNodeStatus &n : m_rows)
        up += n.state == ClusterNodeStatus::State::Up;
    return tr("Nodes: %1 known, %2 up").arg(m_rows.size()).arg(up);
}

QVariant ClusterModel::data(const QModelIndex &index, int role) const
{
    const ClusterNodeStatus *row = this->row(index);
    if (!row)
        return {};
    const ClusterNodeStatus &n = *row;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Node: return n.self ? tr("%1 (this node)").arg(n.name) : n.name;
        case Address: {
            QStringList ports;
            for (int p : n.ports)
                ports.append(QString::number(p));
            return ports.isEmpty() ? n.address : tr("%1 (ports %2)").arg(n.address, ports.join(QStringLiteral(", ")));
        }
        case Connections: return n.state == ClusterNodeStatus::State::Up ? QVariant(n.connections) : QVariant(QStringLiteral("–"));
        case State:
            switch (n.state) {
            case ClusterNodeStatus::State::Up: return tr("Up");
            case ClusterNodeStatus::State::Stopped: return tr("Stopped");
            case ClusterNodeStatus::State::Lost: return tr("Down (lost)");
            }
            break;
        case Since:
            if (n.state == ClusterNodeStatus::State::Up)
                return n.startedAtMs ? tr("up for %1").arg(formatDuration(now - n.startedAtMs)) : QStringLiteral("–");
            return n.seenAtMs ? tr("last seen %1 ago").arg(formatDuration(qMax<qint64>(0, now - n.seenAtMs))) : QStringLiteral("–");
        }
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == State && n.state == ClusterNodeStatus::State::Lost)
            return tr("The node stopped beating without saying goodbye (killed, crashed or cut off); its channel members left the others.");
        if (index.column() == State && n.state == ClusterNodeStatus::State::Stopped)
            return tr("The node was stopped cleanly.");
        if (index.column() == Node && !n.version.isEmpty())
            return tr("Switchboard %1").arg(n.version);
    }
    if (role == Qt::ForegroundRole && index.column() == State)
        return QBrush(theme::text(n.state == ClusterNodeStatus::State::Up     ? theme::Tone::Good
                                  : n.state == ClusterNodeStatus::State::Lost ? theme::Tone::Bad
                                                                              : theme::Tone::Muted));
    if (role == Qt::FontRole && n.self) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::TextAlignmentRole && index.column() == Connections)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant ClusterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Node: return tr("Node");
    case Address: return tr("Address");
    case Connections: return tr("Connections");
    case State: return tr("State");
    case Since: return tr("Since");
    }
    return {};
}

// ---- ClusterBox --------------------------------------------------------------------------

ClusterBox::ClusterBox(QWidget *parent) : QGroupBox(tr("Cluster"), parent), m_model(new ClusterModel(this))
{
    auto *layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_view = makeTable(m_model, this);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(ClusterModel::Address, QHeaderView::Stretch);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);
    setVisible(false);
}

void ClusterBox::update(const ServerSnapshot &snapshot)
{
    m_model->update(snapshot);
    setVisible(m_model->inCluster());
    if (!m_model->inCluster())
        return;
    setTitle(tr("Cluster: this is node %1").arg(snapshot.cluster.node));
    // Every node in sight without scrolling, up to six.
    const int rows = qMin(6, m_model->rowCount());
    m_view->setMinimumHeight(m_view->horizontalHeader()->height() + rows * m_view->verticalHeader()->defaultSectionSize()
                             + 2 * m_view->frameWidth());
    m_summary->setText(m_model->summary());
    theme::setTextTone(m_summary, snapshot.cluster.problem.isEmpty() ? theme::Tone::Plain : theme::Tone::Bad);
}

QString ClusterBox::summaryText() const
{
    return m_summary->text();
}

}  // namespace sb::ui
