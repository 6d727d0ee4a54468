#include "sparkline.h"

#include "theme.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace sb::ui {

Sparkline::Sparkline(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void Sparkline::setValues(QList<double> in, QList<double> out)
{
    m_in = std::move(in);
    m_out = std::move(out);
    m_peak = 0;
    for (const QList<double> *l : {&m_in, &m_out}) {
        if (!l->isEmpty())
            m_peak = std::max(m_peak, *std::max_element(l->begin(), l->end()));
    }
    update();
}

void Sparkline::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF area = QRectF(rect()).adjusted(1, 2, -1, -2);
    QColor baseline = palette().color(QPalette::Mid);
    p.setPen(QPen(baseline, 1));
    p.drawLine(area.bottomLeft(), area.bottomRight());
    const qsizetype n = qMax(m_in.size(), m_out.size());
    if (n < 2)
        return;
    const double top = m_peak > 0 ? m_peak : 1;
    auto draw = [&](const QList<double> &values, const QColor &colour) {
        QPainterPath path;
        for (qsizetype i = 0; i < values.size(); ++i) {
            const QPointF at(area.left() + area.width() * double(i + n - values.size()) / double(n - 1),
                             area.bottom() - area.height() * values[i] / top);
            if (i == 0)
                path.moveTo(at);
            else
                path.lineTo(at);
        }
        p.setPen(QPen(colour, 1.5));
        p.drawPath(path);
    };
    draw(m_out, theme::seriesOut());
    draw(m_in, theme::seriesIn());
}

}  // namespace sb::ui
