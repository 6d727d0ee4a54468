#include "trafficmodel.h"
#include "widgets/theme.h"

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
    case CaptureRecord::Handshake: return tr("handshake");
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
        case Time: return formatTime(QDateTime::fromMSecsSinceEpoch(r.timeMs), true);
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
        return theme::text(r.direction == CaptureRecord::In ? theme::Tone::Info : theme::Tone::Good);
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

namespace {

QString hexDump(QByteArrayView data, qint64 offset = 0)
{
    QString hex;
    for (qsizetype off = 0; off < data.size(); off += 16) {
        const QByteArrayView line = data.sliced(off, qMin<qsizetype>(16, data.size() - off));
        QString ascii;
        for (char c : line)
            ascii += (c >= 0x20 && c < 0x7f) ? QLatin1Char(c) : QLatin1Char('.');
        hex += QStringLiteral("%1  %2  %3\n").arg(offset + off, 8, 16, QLatin1Char('0')).arg(QString::fromLatin1(line.toByteArray().toHex(' ')), -47).arg(ascii);
    }
    return hex;
}

}  // namespace

QString indentJson(QByteArrayView json)
{
    QByteArray out;
    out.reserve(json.size() * 2);
    int depth = 0;
    bool inString = false, escaped = false;
    const auto newline = [&] {
        out += '\n';
        out.append(QByteArray(depth * 4, ' '));
    };
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (inString) {
            out += c;
            escaped = !escaped && c == '\\';
            if (c == '"' && !escaped)
                inString = false;
            if (c != '\\')
                escaped = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            escaped = false;
            out += c;
            break;
        case '{':
        case '[': {
            qsizetype next = i + 1;  // an empty one stays on its line
            while (next < json.size() && QChar::isSpace(uchar(json[next])))
                ++next;
            if (next < json.size() && json[next] == (c == '{' ? '}' : ']')) {
                out += c;
                out += json[next];
                i = next;
                break;
            }
            out += c;
            ++depth;
            newline();
            break;
        }
        case '}':
        case ']':
            --depth;
            newline();
            out += c;
            break;
        case ',':
            out += c;
            newline();
            break;
        case ':':
            out += ": ";
            break;
        case ' ':
        case '\t':
        case '\r':
        case '\n':
            break;
        default:
            out += c;
        }
    }
    return QString::fromUtf8(out);
}

bool isJsonPayload(const CaptureRecord &r)
{
    return r.kind != CaptureRecord::Binary && !QJsonDocument::fromJson(r.data).isNull();
}

QString describePayload(const CaptureRecord &r, bool raw)
{
    QString head = QCoreApplication::translate("sb::ui", "%1 %2, %3 — connection %4, %5\n\n")
                       .arg(r.direction == CaptureRecord::In ? QCoreApplication::translate("sb::ui", "in") : QCoreApplication::translate("sb::ui", "out"),
                            TrafficModel::kindName(r.kind), formatBytes(r.size))
                       .arg(r.connection)
                       .arg(r.service);
    if (r.data.size() < r.size && r.kind != CaptureRecord::HttpRequest && r.kind != CaptureRecord::HttpResponse)
        head += QCoreApplication::translate("sb::ui", "(showing the first %1)\n\n").arg(formatBytes(r.data.size()));
    // JSON in the order it was on the wire (QJsonDocument would sort the keys), unless raw.
    if (!raw && isJsonPayload(r))
        return head + indentJson(r.data);
    if (!raw && r.kind == CaptureRecord::Binary && r.data.startsWith("!{")) {
        // The chat file frame: '!' + JSON info + '#' + bytes; the file's first bytes in hex.
        const qsizetype hash = r.data.indexOf("}#");
        if (hash > 0) {
            const QByteArrayView bytes = QByteArrayView(r.data).sliced(hash + 2);
            return head
                   + QCoreApplication::translate("sb::ui", "Chat file frame\n\n%1\n\n%2 of file data, the first %3:\n\n")
                         .arg(indentJson(QByteArrayView(r.data).sliced(1, hash)), formatBytes(r.size - hash - 2),
                              formatBytes(qMin<qsizetype>(bytes.size(), 64)))
                   + hexDump(bytes.first(qMin<qsizetype>(bytes.size(), 64)), hash + 2);
        }
    }
    if (r.kind != CaptureRecord::Binary)
        return head + QString::fromUtf8(r.data);
    return head + hexDump(r.data);
}

}  // namespace sb::ui
