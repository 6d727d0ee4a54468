#include "presencewidget.h"
#include "widgets/emptyhint.h"

#include "api/monitor.h"

#include <QHeaderView>
#include <QSet>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <functional>

namespace sb::ui {

PresenceWidget::PresenceWidget(Monitor &monitor, QWidget *parent) : QWidget(parent), m_monitor(monitor)
{
    auto *layout = new QVBoxLayout(this);
    m_tree = new QTreeWidget(this);
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Who or what"), tr("Details")});
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->setAlternatingRowColors(true);
    setEmptyHint(m_tree, tr("Nobody is present yet. Channel members, felix subscriptions and pop groups show here as clients join them."));
    layout->addWidget(m_tree);
}

void PresenceWidget::refresh()
{
    // New items open; what the user closed stays closed across refreshes.
    QSet<QString> collapsed;
    std::function<void(QTreeWidgetItem *, const QString &)> note = [&](QTreeWidgetItem *item, const QString &path) {
        if (item->childCount() && !item->isExpanded())
            collapsed.insert(path);
        for (int i = 0; i < item->childCount(); ++i)
            note(item->child(i), path + QLatin1Char('/') + item->child(i)->text(0));
    };
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        note(m_tree->topLevelItem(i), m_tree->topLevelItem(i)->text(0));
    m_tree->clear();
    // Every service's section as the server describes it, bold, with its groups and members.
    std::function<void(QTreeWidgetItem *, const PresenceNode &, const QString &)> add;
    add = [&](QTreeWidgetItem *item, const PresenceNode &node, const QString &path) {
        for (const PresenceNode &child : node.children) {
            auto *c = new QTreeWidgetItem(item, {child.label, child.detail});
            add(c, child, path + QLatin1Char('/') + child.label);
        }
        if (item->childCount())
            item->setExpanded(!collapsed.contains(path));
    };
    for (const PresenceNode &section : m_monitor.presence()) {
        auto *top = new QTreeWidgetItem(m_tree, {section.label, section.detail});
        QFont f = top->font(0);
        f.setBold(true);
        top->setFont(0, f);
        add(top, section, section.label);
    }
}

}  // namespace sb::ui
