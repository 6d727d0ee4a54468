#include "connectionsmodel.h"
#include "widgets/theme.h"

#include "format.h"

#include <QBrush>
#include <QDateTime>
#include <QHash>

namespace sb::ui {

ConnectionsModel::ConnectionsModel(QObject *parent) : QAbstractTableModel(parent) {}

ConnectionsModel::Heartbeat ConnectionsModel::health(const ConnectionInfo &c, qint64 now)
{
    if (c.pingIntervalMs <= 0)
        return Heartbeat::None;
    if (c.missedHeartbeats > 0)
        return Heartbeat::Missed;
    // A ping is out and unanswered for more than half an interval: late.
    if (c.lastPingMs > c.lastPongMs && now - c.lastPingMs > c.pingIntervalMs / 2)
        return Heartbeat::Late;
    return Heartbeat::Fresh;
}

void ConnectionsModel::update(const QList<ConnectionInfo> &rows, qint64 nowMs)
{
    m_now = nowMs;
    QHash<quint64, int> incoming;
    for (int i = 0; i < rows.size(); ++i)
        incoming.insert(rows[i].id, i);
    // Gone: remove from the bottom up so that row numbers stay valid.
    for (int r = int(m_rows.size()) - 1; r >= 0; --r) {
        if (!incoming.contains(m_rows[r].id)) {
            beginRemoveRows({}, r, r);
            m_rows.removeAt(r);
            endRemoveRows();
        }
    }
    QHash<quint64, int> present;
    for (int r = 0; r < m_rows.size(); ++r) {
        present.insert(m_rows[r].id, r);
        m_rows[r] = rows[incoming.value(m_rows[r].id)];
    }
    QList<ConnectionInfo> added;
    for (const ConnectionInfo &c : rows) {
        if (!present.contains(c.id))
            added.append(c);
    }
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    if (!added.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size()) - 1);
        m_rows += added;
        endInsertRows();
    }
}

const ConnectionInfo *ConnectionsModel::connection(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

int ConnectionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConnectionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConnectionsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const ConnectionInfo &c = m_rows[index.row()];
    auto ago = [this](qint64 t) -> QVariant {
        if (t <= 0)
            return tr("never");
        return tr("%1 ago").arg(formatDuration(m_now - t));
    };
    const Heartbeat h = health(c, m_now);
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Id: return c.id;
        case Service: return c.service;
        case Peer: return c.peer;
        case Identity: return c.identity;
        case Since: return formatTime(QDateTime::fromMSecsSinceEpoch(c.sinceMs));
        case MessagesIn: return c.messagesIn;
        case MessagesOut: return c.messagesOut;
        case BytesIn: return formatBytes(c.bytesIn);
        case BytesOut: return formatBytes(c.bytesOut);
        case LastPing: return ago(c.lastPingMs);
        case LastPong: return ago(c.lastPongMs);
        case Rtt: return c.rttMs < 0 ? QVariant(QStringLiteral("–")) : QVariant(tr("%1 ms").arg(c.rttMs));
        case Health:
            switch (h) {
            case Heartbeat::None: return tr("no heartbeat");
            case Heartbeat::Fresh: return tr("fresh");
            case Heartbeat::Late: return tr("late");
            case Heartbeat::Missed: return tr("missed %n", nullptr, c.missedHeartbeats);
            }
            break;
        case LimitHits: return c.limitHits;
        }
    }
    if (role == Qt::UserRole) {  // sort keys
        switch (index.column()) {
        case Since: return c.sinceMs;
        case BytesIn: return c.bytesIn;
        case BytesOut: return c.bytesOut;
        case LastPing: return c.lastPingMs;
        case LastPong: return c.lastPongMs;
        case Rtt: return c.rttMs;
        case Health: return int(h);
        default: return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::BackgroundRole && index.column() == Health) {
        switch (h) {
        case Heartbeat::Fresh: return QBrush(theme::background(theme::Tone::Good));
        case Heartbeat::Late: return QBrush(theme::background(theme::Tone::Warning));
        case Heartbeat::Missed: return QBrush(theme::background(theme::Tone::Bad));
        case Heartbeat::None: break;
        }
    }
    if (role == Qt::TextAlignmentRole && (index.column() == MessagesIn || index.column() == MessagesOut || index.column() == Id
                                          || index.column() == LimitHits || index.column() == BytesIn || index.column() == BytesOut))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant ConnectionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id: return tr("ID");
    case Service: return tr("Service");
    case Peer: return tr("Peer");
    case Identity: return tr("Who");
    case Since: return tr("Since");
    case MessagesIn: return tr("Msgs in");
    case MessagesOut: return tr("Msgs out");
    case BytesIn: return tr("Bytes in");
    case BytesOut: return tr("Bytes out");
    case LastPing: return tr("Last ping");
    case LastPong: return tr("Last pong");
    case Rtt: return tr("Round trip");
    case Health: return tr("Heartbeat");
    case LimitHits: return tr("Limit hits");
    }
    return {};
}

}  // namespace sb::ui
