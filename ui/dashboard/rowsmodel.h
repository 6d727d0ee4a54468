#pragma once
// Base of the dashboard's small snapshot tables: rows replaced from each snapshot, as
// dataChanged when the set of rows keeps its size, a reset only when it changes (services
// starting or stopping). GUI thread.

#include <QAbstractTableModel>
#include <QList>

namespace sb::ui {

template <typename Row, int Columns>
class RowsModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : Columns; }

protected:
    void setRows(QList<Row> rows)
    {
        if (rows.size() != m_rows.size()) {
            beginResetModel();
            m_rows = std::move(rows);
            endResetModel();
            return;
        }
        m_rows = std::move(rows);
        if (!m_rows.isEmpty())
            emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, Columns - 1));
    }
    const Row *row(const QModelIndex &index) const
    {
        return index.isValid() && index.row() < m_rows.size() ? &m_rows[index.row()] : nullptr;
    }

    QList<Row> m_rows;
};

}  // namespace sb::ui
