#pragma once
// The Presence tab: each running service's section as the service describes it
// (Monitor::presence(): channels with members and presence JSON, pop groups, felix
// subscriptions, generic rooms, chat conversations), refreshed every second. GUI thread.

#include <QWidget>

class QTreeWidget;

namespace sb {
class Monitor;
}

namespace sb::ui {

class PresenceWidget final : public QWidget
{
    Q_OBJECT
public:
    PresenceWidget(Monitor &monitor, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(PresenceWidget)

    void refresh();
    QTreeWidget *tree() const { return m_tree; }

private:
    Monitor &m_monitor;
    QTreeWidget *m_tree;
};

}  // namespace sb::ui
