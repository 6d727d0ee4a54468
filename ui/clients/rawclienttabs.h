#pragma once
// The Raw client tab: several raw connections side by side, one tab each ("+" or Ctrl+T
// opens another, prefilled with the current one's URL and headers; closing a tab closes its
// connection). Each tab's title says where it points and whether it is connected.

#include <QTabWidget>

namespace sb::ui {

class RawClientWidget;

class RawClientTabs final : public QTabWidget
{
    Q_OBJECT
public:
    explicit RawClientTabs(const QString &defaultUrl, QWidget *parent = nullptr);

    // The connection on screen.
    RawClientWidget *current() const;
    RawClientWidget *client(int index) const;
    // Opens another connection's tab (not connected yet) and shows it.
    RawClientWidget *addConnection();
    // Closes the tab's connection and the tab; the last one stays (emptied of nothing).
    void closeConnection(int index);

private:
    QString m_defaultUrl;
};

}  // namespace sb::ui
