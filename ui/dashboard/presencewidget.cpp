#include "presencewidget.h"

#include "api/monitor.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sb::ui {

PresenceWidget::PresenceWidget(Monitor &monitor, QWidget *parent) : QWidget(parent), m_monitor(monitor)
{
    auto *layout = new QVBoxLayout(this);
    m_tree = new QTreeWidget(this);
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Who or what"), tr("Details")});
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->setAlternatingRowColors(true);
    layout->addWidget(m_tree);
}

void PresenceWidget::refresh()
{
    // New items open; what the user closed stays closed across refreshes.
    QSet<QString> collapsed;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *top = m_tree->topLevelItem(i);
        if (!top->isExpanded() && top->childCount())
            collapsed.insert(top->text(0));
        for (int j = 0; j < top->childCount(); ++j) {
            if (!top->child(j)->isExpanded() && top->child(j)->childCount())
                collapsed.insert(top->text(0) + QLatin1Char('/') + top->child(j)->text(0));
        }
    }
    m_tree->clear();
    const auto states = m_monitor.serviceStates();
    auto section = [&](const QString &title, const QString &detail) {
        auto *item = new QTreeWidgetItem(m_tree, {title, detail});
        QFont f = item->font(0);
        f.setBold(true);
        item->setFont(0, f);
        return item;
    };
    auto restore = [&](QTreeWidgetItem *item, const QString &path) { item->setExpanded(!collapsed.contains(path)); };

    const QJsonArray channels = states.value(QStringLiteral("channels")).value(QStringLiteral("channels")).toArray();
    if (states.contains(QStringLiteral("channels"))) {
        QTreeWidgetItem *top = section(tr("Channels"), tr("%n channel(s)", nullptr, int(channels.size())));
        for (const QJsonValue &v : channels) {
            const QJsonObject c = v.toObject();
            const QJsonArray members = c.value(QStringLiteral("members")).toArray();
            auto *item = new QTreeWidgetItem(top, {c.value(QStringLiteral("name")).toString(),
                                                   tr("%n member(s), %1 recent events kept", nullptr, int(members.size()))
                                                       .arg(c.value(QStringLiteral("history")).toInt())});
            for (const QJsonValue &m : members) {
                const QJsonObject o = m.toObject();
                new QTreeWidgetItem(item, {o.value(QStringLiteral("clientID")).toString(),
                                           QString::fromUtf8(QJsonDocument(o.value(QStringLiteral("presence")).toObject()).toJson(QJsonDocument::Compact))});
            }
            restore(item, top->text(0) + QLatin1Char('/') + item->text(0));
        }
        restore(top, top->text(0));
    }
    auto rooms = [&](const QString &service, const char *key, const QString &title, const QString &unit) {
        if (!states.contains(service))
            return;
        const QJsonArray list = states.value(service).value(QLatin1String(key)).toArray();
        QTreeWidgetItem *top = section(title, tr("%n active", nullptr, int(list.size())));
        for (const QJsonValue &v : list) {
            const QJsonObject o = v.toObject();
            const QJsonValue name = o.value(QStringLiteral("name"));
            new QTreeWidgetItem(top, {name.isString() ? (name.toString().isEmpty() ? tr("(lobby)") : name.toString())
                                                      : QString::number(name.toInteger()),
                                      unit.arg(o.value(QStringLiteral("connections")).toInt())});
        }
        restore(top, top->text(0));
    };
    rooms(QStringLiteral("pop"), "groups", tr("Pop groups"), tr("%1 connection(s)"));
    rooms(QStringLiteral("generic"), "rooms", tr("Generic rooms"), tr("%1 member(s)"));
    rooms(QStringLiteral("chat"), "conversations", tr("Chat conversations (by chat id)"), tr("%1 open socket(s)"));
    if (states.contains(QStringLiteral("felix"))) {
        const QJsonObject subs = states.value(QStringLiteral("felix")).value(QStringLiteral("subscriptions")).toObject();
        QTreeWidgetItem *top = section(tr("Felix subscriptions"), QString());
        for (const auto &[key, title] : {std::pair{QStringLiteral("guilds"), tr("Guilds")}, std::pair{QStringLiteral("users"), tr("Users")}}) {
            const QJsonObject ids = subs.value(key).toObject();
            auto *kind = new QTreeWidgetItem(top, {title, tr("%n id(s) listened to", nullptr, int(ids.size()))});
            for (auto it = ids.begin(); it != ids.end(); ++it)
                new QTreeWidgetItem(kind, {it.key(), tr("%n connection(s)", nullptr, it.value().toInt())});
            restore(kind, top->text(0) + QLatin1Char('/') + kind->text(0));
        }
        restore(top, top->text(0));
    }
}

}  // namespace sb::ui
