#pragma once
// An empty list says what to do: a hint centred in an item view while its model has no
// rows ("No connections yet — share an address from the Overview…"), gone with the first
// row. GUI thread.

#include <QString>

class QAbstractItemView;
class QLabel;

namespace sb::ui {

// Shows `hint` over `view` while its model is empty; returns the label (for tests). The
// view's model may be set later or replaced: the hint follows it.
QLabel *setEmptyHint(QAbstractItemView *view, const QString &hint);

}  // namespace sb::ui
