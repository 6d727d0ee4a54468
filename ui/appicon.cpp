#include "appicon.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace sb::ui {

QIcon appIcon()
{
    QIcon icon;
    for (int size : {16, 22, 32, 48, 64, 128, 256}) {
        QPixmap pm(size, size);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        const qreal s = size;
        p.setBrush(QColor(0x1e, 0x5a, 0xa8));
        p.setPen(Qt::NoPen);
        p.drawRoundedRect(QRectF(0.04 * s, 0.04 * s, 0.92 * s, 0.92 * s), 0.2 * s, 0.2 * s);
        // Three jacks on the left patched to one hub on the right: a switchboard.
        QPen cable(QColor(0xff, 0xc1, 0x07), qMax<qreal>(1.5, 0.07 * s), Qt::SolidLine, Qt::RoundCap);
        p.setPen(cable);
        const QPointF hub(0.72 * s, 0.5 * s);
        for (qreal y : {0.28, 0.5, 0.72}) {
            QPainterPath path(QPointF(0.28 * s, y * s));
            path.cubicTo(QPointF(0.5 * s, y * s), QPointF(0.5 * s, 0.5 * s), hub);
            p.drawPath(path);
        }
        p.setPen(Qt::NoPen);
        p.setBrush(Qt::white);
        for (qreal y : {0.28, 0.5, 0.72})
            p.drawEllipse(QPointF(0.26 * s, y * s), 0.07 * s, 0.07 * s);
        p.drawEllipse(hub, 0.1 * s, 0.1 * s);
        p.end();
        icon.addPixmap(pm);
    }
    return icon;
}

}  // namespace sb::ui
