#pragma once
// Captured frames for the traffic inspector (GUI thread). Records are kept compact and
// bounded; the filter is evaluated over the stored records (not a proxy over all of them);
// new records arrive in batches, one insert per batch; cells are formatted in data().

#include "telemetry/capture.h"

#include <QAbstractTableModel>
#include <QRegularExpression>

namespace sb::ui {

struct TrafficFilter {
    QString service;          // empty: all
    int direction = -1;       // -1 all, else CaptureRecord::Direction
    quint64 connection = 0;   // 0: all
    QString text;             // substring (or regular expression) of the payload
    bool regex = false;

    bool matches(const CaptureRecord &r) const;
    QRegularExpression compiled;  // set by TrafficModel::setFilter
};

class TrafficModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Connection, Service, Direction, Kind, Size, Preview, ColumnCount };

    explicit TrafficModel(int maxRecords = 20'000, QObject *parent = nullptr);
    void append(const QList<CaptureRecord> &batch);
    void clear();
    void setFilter(const TrafficFilter &filter);
    const TrafficFilter &filter() const { return m_filter; }
    const CaptureRecord *record(int row) const;
    const QList<CaptureRecord> &visible() const { return m_visible; }
    int stored() const { return int(m_all.size()); }
    // How many records are kept (the oldest go first); applies at once.
    void setMaxRecords(int max);
    int maxRecords() const { return m_max; }

    static QString kindName(CaptureRecord::Kind kind);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void trim(qsizetype keep);
    int m_max;
    QList<CaptureRecord> m_all;
    QList<CaptureRecord> m_visible;
    TrafficFilter m_filter;
};

// Text for the detail pane: JSON indented in wire order, the chat file frame's header and
// first bytes, HTTP as is, or a hex dump of binary data; `raw`: the payload as it came (text
// as is, binary as hex).
QString describePayload(const CaptureRecord &record, bool raw = false);
// Whether the detail pane shows `record` as JSON (and so highlights it).
bool isJsonPayload(const CaptureRecord &record);
// JSON text indented by four, keys in their order (the input must be valid JSON).
QString indentJson(QByteArrayView json);

}  // namespace sb::ui
