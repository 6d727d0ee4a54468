#pragma once
// A small chart without axes: the last minute of messages in and out per second, in the
// traffic colours (theme::seriesIn/seriesOut), scaled to its own peak. GUI thread.

#include <QList>
#include <QWidget>

namespace sb::ui {

class Sparkline final : public QWidget
{
    Q_OBJECT
public:
    explicit Sparkline(QWidget *parent = nullptr);
    // Values oldest first; both lists as long as each other.
    void setValues(QList<double> in, QList<double> out);
    double peak() const { return m_peak; }
    QSize sizeHint() const override { return {120, 26}; }
    QSize minimumSizeHint() const override { return {60, 20}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<double> m_in, m_out;
    double m_peak = 0;
};

}  // namespace sb::ui
