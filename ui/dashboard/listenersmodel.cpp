#include "listenersmodel.h"
#include "widgets/theme.h"

#include "format.h"

#include <QBrush>
#include <QDateTime>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>

namespace sb::ui {

// ---- ListenersModel ----------------------------------------------------------------------

ListenersModel::ListenersModel(QObject *parent) : QAbstractTableModel(parent) {}

void ListenersModel::update(const ServerSnapshot &snapshot)
{
    m_connections.clear();
    for (const auto &s : snapshot.services)
        m_connections.insert(s.service, s.connectionsOpen);
    const auto &rows = snapshot.listeners;
    if (rows.size() > m_rows.size()) {
        beginInsertRows({}, int(m_rows.size()), int(rows.size()) - 1);
        m_rows = rows;
        endInsertRows();
    } else if (rows.size() < m_rows.size()) {
        beginRemoveRows({}, int(rows.size()), int(m_rows.size()) - 1);
        m_rows = rows;
        endRemoveRows();
    } else {
        m_rows = rows;
    }
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

const ListenerStatus *ListenersModel::listener(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

int ListenersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ListenersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

qint64 ListenersModel::connectionsOf(const ListenerStatus &l) const
{
    qint64 n = 0;
    for (const QString &s : l.services)
        n += m_connections.value(s);
    return n;
}

QVariant ListenersModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const ListenerStatus &l = m_rows[index.row()];
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Services: return l.services.join(QStringLiteral(", "));
        case Status:
            if (l.running)
                return l.tls ? tr("Running (TLS)") : tr("Running");
            return l.error.isEmpty() ? tr("Stopped") : tr("Failed: %1").arg(l.error);
        case LocalUrl: return l.localUrl;
        case LanUrls:
            if (l.lanUrls.isEmpty())
                return role == Qt::ToolTipRole ? tr("Only this computer can connect") : tr("this computer only");
            return role == Qt::ToolTipRole ? l.lanUrls.join(QLatin1Char('\n')) : l.lanUrls.join(QStringLiteral("  "));
        case Connections: return connectionsOf(l);
        case Uptime:
            return l.running && l.startedAtMs ? formatDuration(QDateTime::currentMSecsSinceEpoch() - l.startedAtMs) : QStringLiteral("–");
        }
    }
    if (role == Qt::ForegroundRole && index.column() == Status)
        return QBrush(theme::text(l.running ? theme::Tone::Good : theme::Tone::Bad));
    if (role == Qt::TextAlignmentRole && index.column() == Connections)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant ListenersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Services: return tr("Services");
    case Status: return tr("Status");
    case LocalUrl: return tr("On this computer");
    case LanUrls: return tr("On your LAN");
    case Connections: return tr("Connections");
    case Uptime: return tr("Up for");
    }
    return {};
}

// ---- ServicesModel -----------------------------------------------------------------------

ServicesModel::ServicesModel(QObject *parent) : RowsModel(parent) {}

void ServicesModel::update(const ServerSnapshot &snapshot)
{
    QList<ServiceRow> rows;
    const double dt = double(snapshot.uptimeMs - m_lastUptimeMs) / 1000.0;
    for (const auto &s : snapshot.services) {
        ServiceRow r;
        r.now = s;
        for (const ServiceRow &old : std::as_const(m_rows)) {
            if (old.now.service == s.service && dt > 0) {
                r.inRate = double(s.messagesIn - old.now.messagesIn) / dt;
                r.outRate = double(s.messagesOut - old.now.messagesOut) / dt;
                r.bytesInRate = double(s.bytesIn - old.now.bytesIn) / dt;
                r.bytesOutRate = double(s.bytesOut - old.now.bytesOut) / dt;
            }
        }
        rows.append(r);
    }
    m_lastUptimeMs = snapshot.uptimeMs;
    setRows(std::move(rows));
}

QVariant ServicesModel::data(const QModelIndex &index, int role) const
{
    const ServiceRow *row = this->row(index);
    if (!row)
        return {};
    const ServiceRow &r = *row;
    const ServiceCountersSnapshot &s = r.now;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Service: return s.service;
        case Connections: return s.connectionsOpen;
        case MessagesIn: return tr("%1 (%2/s)").arg(s.messagesIn).arg(r.inRate, 0, 'f', 0);
        case MessagesOut: return tr("%1 (%2/s)").arg(s.messagesOut).arg(r.outRate, 0, 'f', 0);
        case BytesIn: return tr("%1 (%2/s)").arg(formatBytes(s.bytesIn), formatBytes(qint64(r.bytesInRate)));
        case BytesOut: return tr("%1 (%2/s)").arg(formatBytes(s.bytesOut), formatBytes(qint64(r.bytesOutRate)));
        case Requests: return s.httpRequests;
        case Errors: return s.errors + s.limitHits + s.heartbeatTimeouts;
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Errors)
        return tr("%1 errors, %2 limit hits (%4 of them clients closed for not reading), %3 heartbeat timeouts")
            .arg(s.errors)
            .arg(s.limitHits)
            .arg(s.heartbeatTimeouts)
            .arg(s.slowConsumers);
    if (role == Qt::TextAlignmentRole && index.column() != Service)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant ServicesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Service: return tr("Service");
    case Connections: return tr("Connections");
    case MessagesIn: return tr("Messages in");
    case MessagesOut: return tr("Messages out");
    case BytesIn: return tr("Bytes in");
    case BytesOut: return tr("Bytes out");
    case Requests: return tr("HTTP requests");
    case Errors: return tr("Errors");
    }
    return {};
}

}  // namespace sb::ui
