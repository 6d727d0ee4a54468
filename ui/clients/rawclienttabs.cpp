#include "rawclienttabs.h"

#include "rawclient.h"

#include <QAction>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTimer>
#include <QToolButton>

namespace sb::ui {

RawClientTabs::RawClientTabs(const QString &defaultUrl, QWidget *parent) : QTabWidget(parent), m_defaultUrl(defaultUrl)
{
    setDocumentMode(true);
    setTabsClosable(true);
    setMovable(true);
    auto *add = new QToolButton(this);
    add->setText(QStringLiteral("+"));
    add->setAutoRaise(true);
    add->setToolTip(tr("Another connection (Ctrl+T)"));
    connect(add, &QToolButton::clicked, this, &RawClientTabs::addConnection);
    setCornerWidget(add, Qt::TopRightCorner);
    auto *shortcut = new QAction(this);
    shortcut->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    shortcut->setShortcutContext(Qt::WindowShortcut);  // while the Raw client tab is on screen
    connect(shortcut, &QAction::triggered, this, &RawClientTabs::addConnection);
    addAction(shortcut);
    connect(this, &QTabWidget::tabCloseRequested, this, &RawClientTabs::closeConnection);
    addConnection();
}

RawClientWidget *RawClientTabs::current() const
{
    return qobject_cast<RawClientWidget *>(currentWidget());
}

RawClientWidget *RawClientTabs::client(int index) const
{
    return qobject_cast<RawClientWidget *>(widget(index));
}

RawClientWidget *RawClientTabs::addConnection()
{
    // The new one starts where the current one points: the same server, other messages.
    RawClientWidget *from = current();
    auto *raw = new RawClientWidget(from ? from->url()->text() : m_defaultUrl, this);
    if (from) {
        raw->headers()->setPlainText(from->headers()->toPlainText());
        raw->protocols()->setText(from->protocols()->text());
    }
    const int index = addTab(raw, raw->title());
    connect(raw, &RawClientWidget::stateChanged, this, [this, raw] {
        const int i = indexOf(raw);
        if (i >= 0) {
            setTabText(i, raw->title());
            setTabToolTip(i, raw->status());
        }
    });
    connect(raw->url(), &QLineEdit::textChanged, this, [this, raw] { setTabText(indexOf(raw), raw->title()); });
    setCurrentIndex(index);
    raw->url()->setFocus();
    return raw;
}

void RawClientTabs::closeConnection(int index)
{
    RawClientWidget *raw = client(index);
    if (!raw)
        return;
    if (count() == 1) {
        raw->closeConnection(1000, QString());  // the last tab stays, disconnected
        return;
    }
    removeTab(index);
    if (raw->socket().state() == QAbstractSocket::UnconnectedState) {
        raw->deleteLater();
        return;
    }
    // A clean close (1000) first: the widget goes once the server answered, or after 2 s.
    raw->hide();
    connect(&raw->socket(), &QWebSocket::disconnected, raw, &QObject::deleteLater);
    QTimer::singleShot(2000, raw, &QObject::deleteLater);
    raw->closeConnection(1000, QString());
}

}  // namespace sb::ui
