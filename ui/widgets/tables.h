#pragma once
// The dashboard's read-only tables, set up one way: whole rows selected one at a time,
// alternating compact rows, no row numbers, no editing, no wrapping.

class QAbstractItemModel;
class QTableView;
class QWidget;

namespace sb::ui {

QTableView *makeTable(QAbstractItemModel *model, QWidget *parent);

}  // namespace sb::ui
