#pragma once
// One line of the Presence view: a service's section, its channels, groups or rooms, their
// members. Texts are ready to show (services translate them; net/service.h).

#include <QList>
#include <QString>

namespace sb {

struct PresenceNode {
    QString label;
    QString detail;
    QList<PresenceNode> children;
};

}  // namespace sb
