#include "emptyhint.h"

#include <QAbstractItemModel>
#include <QAbstractItemView>
#include <QEvent>
#include <QLabel>
#include <QPointer>
#include <QTimer>
#include <QVBoxLayout>

namespace sb::ui {

namespace {

class EmptyHint final : public QLabel
{
public:
    EmptyHint(QAbstractItemView *view, const QString &hint) : QLabel(hint, view->viewport()), m_view(view)
    {
        setObjectName(QStringLiteral("emptyHint"));
        setAlignment(Qt::AlignCenter);
        setWordWrap(true);
        setAttribute(Qt::WA_TransparentForMouseEvents);
        setForegroundRole(QPalette::PlaceholderText);
        view->viewport()->installEventFilter(this);
        // Rows come and go through many signals; the model may also be replaced: check
        // after each change to the view's content, cheaply, on the next turn of the loop.
        m_check.setSingleShot(true);
        m_check.setInterval(0);
        connect(&m_check, &QTimer::timeout, this, &EmptyHint::follow);
        follow();
        m_poll.setInterval(500);
        connect(&m_poll, &QTimer::timeout, this, &EmptyHint::follow);
        m_poll.start();
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_view->viewport() && event->type() == QEvent::Resize)
            setGeometry(m_view->viewport()->rect().adjusted(24, 12, -24, -12));
        return false;
    }

private:
    void follow()
    {
        QAbstractItemModel *model = m_view->model();
        if (model != m_model) {
            if (m_model)
                disconnect(m_model, nullptr, this, nullptr);
            m_model = model;
            if (model) {
                for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
                    connect(model, signal, &m_check, qOverload<>(&QTimer::start));
                connect(model, &QAbstractItemModel::modelReset, &m_check, qOverload<>(&QTimer::start));
                connect(model, &QAbstractItemModel::layoutChanged, &m_check, qOverload<>(&QTimer::start));
            }
        }
        setGeometry(m_view->viewport()->rect().adjusted(24, 12, -24, -12));
        setVisible(!model || model->rowCount() == 0);
    }

    QAbstractItemView *m_view;
    QPointer<QAbstractItemModel> m_model;
    QTimer m_check;
    QTimer m_poll;
};

}  // namespace

QLabel *setEmptyHint(QAbstractItemView *view, const QString &hint)
{
    return new EmptyHint(view, hint);
}

}  // namespace sb::ui
