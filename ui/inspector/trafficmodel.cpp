#include "trafficmodel.h"

#include "format.h"

#include <QColor>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>

namespace sb::ui {

bool TrafficFilter::matches(const CaptureRecord &r) const
{
    if (!service.isEmpty() && r.service != service)
        return false;
    if (direction >= 0 && int(r.direction) != direction)
        return false;
    if (connection && r.connection != connection)
        return false;
    if (text.isEmpty())
        return true;
    const QString payload = QString::fromUtf8(r.data);
    return regex ? compiled.match(payload).hasMatch() : payload.contains(text, Qt::CaseInsensitive);
}

TrafficModel::TrafficModel(int maxRecords, QObject *parent) : QAbstractTableModel(parent), m_max(maxRecords) {}

void TrafficModel::append(const QList<CaptureRecord> &batch)
{
    if (batch.isEmpty())
        return;
    QList<CaptureRecord> shown;
    for (const CaptureRecord &r : batch) {
        m_all.append(r);
        if (m_filter.matches(r))
            shown.append(r);
    }
    if (!shown.isEmpty()) {
        beginInsertRows({}, int(m_visible.size()), int(m_visible.size() + shown.size()) - 1);
        m_visible += shown;
        endInsertRows();
    }
    // Bounded: drop the oldest stored records, and the visible rows they were.
    if (m_all.size() > m_max)
        trim(m_max - m_max / 10);  // in chunks, not per record
}

void TrafficModel::setMaxRecords(int max)
{
    m_max = qMax(1, max);
    if (m_all.size() > m_max)
        trim(m_max);
}

void TrafficModel::trim(qsizetype keep)
{
    const qsizetype drop = m_all.size() - qMax<qsizetype>(1, keep);
    if (drop <= 0)
        return;
    const quint64 firstKept = m_all[drop].id;
    m_all.remove(0, drop);
    int gone = 0;
    while (gone < m_visible.size() && m_visible[gone].id < firstKept)
        ++gone;
    if (gone) {
        beginRemoveRows({}, 0, gone - 1);
        m_visible.remove(0, gone);
        endRemoveRows();
    }
}

void TrafficModel::clear()
{
    beginResetModel();
    m_all.clear();
    m_visible.clear();
    endResetModel();
}

void TrafficModel::setFilter(const TrafficFilter &filter)
{
    beginResetModel();  // a new filter is a new view: the one place a reset is right
    m_filter = filter;
    if (m_filter.regex)
        m_filter.compiled = QRegularExpression(m_filter.text, QRegularExpression::CaseInsensitiveOption);
    m_visible.clear();
    for (const CaptureRecord &r : std::as_const(m_all)) {
        if (m_filter.matches(r))
            m_visible.append(r);
    }
    endResetModel();
}

const CaptureRecord *TrafficModel::record(int row) const
{
    return row >= 0 && row < m_visible.size() ? &m_visible[row] : nullptr;
}

QString TrafficModel::kindName(CaptureRecord::Kind kind)
{
    switch (kind) {
    case CaptureRecord::Text: return tr("text");
    case CaptureRecord::Binary: return tr("binary");
    case CaptureRecord::Ping: return tr("ping");
    case CaptureRecord::Pong: return tr("pong");
    case CaptureRecord::Close: return tr("close");
    case CaptureRecord::HttpRequest: return tr("HTTP request");
    case CaptureRecord::HttpResponse: return tr("HTTP response");
    case CaptureRecord::Opened: return tr("opened");
    case CaptureRecord::Closed: return tr("closed");
    }
    return {};
}

int TrafficModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

int TrafficModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TrafficModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_visible.size())
        return {};
    const CaptureRecord &r = m_visible[index.row()];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Time: return QDateTime::fromMSecsSinceEpoch(r.timeMs).toString(QStringLiteral("HH:mm:ss.zzz"));
        case Connection: return r.connection;
        case Service: return r.service;
        case Direction: return r.direction == CaptureRecord::In ? tr("in") : tr("out");
        case Kind: return kindName(r.kind);
        case Size: return formatBytes(r.size);
        case Preview: {
            if (r.kind == CaptureRecord::Binary && !r.data.startsWith('!'))
                return QString::fromLatin1(r.data.left(24).toHex(' '));
            QString p = QString::fromUtf8(r.data.left(160));
            p.replace(QLatin1Char('\r'), QString()).replace(QLatin1Char('\n'), QStringLiteral(" ⏎ "));
            return p;
        }
        }
    }
    if (role == Qt::ForegroundRole && index.column() == Direction)
        return r.direction == CaptureRecord::In ? QColor(0x1e, 0x5a, 0xa8) : QColor(0x2e, 0x7d, 0x32);
    return {};
}

QVariant TrafficModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Connection: return tr("Conn.");
    case Service: return tr("Service");
    case Direction: return tr("Dir.");
    case Kind: return tr("Type");
    case Size: return tr("Size");
    case Preview: return tr("Preview");
    }
    return {};
}

QString describePayload(const CaptureRecord &r)
{
    QString head = QCoreApplication::translate("sb::ui", "%1 %2, %3 — connection %4, %5\n\n")
                       .arg(r.direction == CaptureRecord::In ? QCoreApplication::translate("sb::ui", "in") : QCoreApplication::translate("sb::ui", "out"),
                            TrafficModel::kindName(r.kind), formatBytes(r.size))
                       .arg(r.connection)
                       .arg(r.service);
    if (r.data.size() < r.size && r.kind != CaptureRecord::HttpRequest && r.kind != CaptureRecord::HttpResponse)
        head += QCoreApplication::translate("sb::ui", "(showing the first %1)\n\n").arg(formatBytes(r.data.size()));
    const QJsonDocument json = QJsonDocument::fromJson(r.data);
    if (!json.isNull())
        return head + QString::fromUtf8(json.toJson(QJsonDocument::Indented));
    if (r.kind == CaptureRecord::Binary && r.data.startsWith("!{")) {
        // The chat file frame: '!' + JSON info + '#' + bytes.
        const qsizetype hash = r.data.indexOf("}#");
        if (hash > 0) {
            const QJsonDocument info = QJsonDocument::fromJson(r.data.mid(1, hash));
            return head + QCoreApplication::translate("sb::ui", "Chat file frame\n\n%1\n%2 of file data")
                              .arg(QString::fromUtf8(info.toJson(QJsonDocument::Indented)), formatBytes(r.size - hash - 2));
        }
    }
    if (r.kind != CaptureRecord::Binary)
        return head + QString::fromUtf8(r.data);
    QString hex;
    for (qsizetype off = 0; off < r.data.size(); off += 16) {
        const QByteArray line = r.data.mid(off, 16);
        QString ascii;
        for (char c : line)
            ascii += (c >= 0x20 && c < 0x7f) ? QLatin1Char(c) : QLatin1Char('.');
        hex += QStringLiteral("%1  %2  %3\n").arg(off, 8, 16, QLatin1Char('0')).arg(QString::fromLatin1(line.toHex(' ')), -47).arg(ascii);
    }
    return head + hex;
}

}  // namespace sb::ui
