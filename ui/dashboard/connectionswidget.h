#pragma once
// The Connections tab: the live registry, sortable and filterable, with a context menu to
// disconnect (close code and reason), copy details, or show the connection's traffic.

#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace sb {
class Monitor;
}

namespace sb::ui {

class ConnectionsModel;

class ConnectionsWidget final : public QWidget
{
    Q_OBJECT
public:
    ConnectionsWidget(Monitor &monitor, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ConnectionsWidget)

    void refresh();
    ConnectionsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    // Closes the connection shown at `row` of the view (what the menu's dialog confirms).
    void disconnectRow(int row, int code, const QString &reason);

signals:
    void showTraffic(quint64 connectionId);

private:
    void contextMenu(const QPoint &pos);
    quint64 idAt(int viewRow) const;

    Monitor &m_monitor;
    ConnectionsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLineEdit *m_filter;
};

}  // namespace sb::ui
