#include "popclientwidget.h"
#include "format.h"

#include "clientsocket.h"
#include "popclient.h"

#include "protocol/pop.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTableView>
#include <QTime>
#include <QUuid>
#include <QVBoxLayout>

namespace sb::ui {

namespace pp = protocol::pop;

PopClientWidget::PopClientWidget(QWidget *parent) : QWidget(parent), m_client(new PopClient(this))
{
    auto *layout = new QVBoxLayout(this);
    auto *sessionBox = new QGroupBox(tr("Session"), this);
    auto *sf = new QFormLayout(sessionBox);
    auto *login = new QHBoxLayout;
    m_email = new QLineEdit(sessionBox);
    m_email->setPlaceholderText(tr("Email"));
    m_password = new QLineEdit(sessionBox);
    m_password->setPlaceholderText(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    auto *logInButton = new QPushButton(tr("Log in"), sessionBox);
    login->addWidget(m_email, 1);
    login->addWidget(m_password, 1);
    login->addWidget(logInButton);
    sf->addRow(tr("Account"), login);
    auto *sessionRow = new QHBoxLayout;
    m_session = new QLineEdit(sessionBox);
    m_session->setEchoMode(QLineEdit::Password);
    m_session->setPlaceholderText(tr("Session id (the access token from logging in)"));
    m_connect = new QPushButton(tr("Connect"), sessionBox);
    sessionRow->addWidget(m_session, 1);
    sessionRow->addWidget(m_connect);
    sf->addRow(tr("Session id"), sessionRow);
    m_state = new QLabel(tr("Not connected"), sessionBox);
    m_state->setWordWrap(true);
    sf->addRow(tr("State"), m_state);
    layout->addWidget(sessionBox);

    auto *groupBox = new QGroupBox(tr("Group and typing"), this);
    auto *gl = new QVBoxLayout(groupBox);
    auto *stateRow = new QHBoxLayout;
    m_group = new QLineEdit(groupBox);
    m_group->setPlaceholderText(tr("Active group id (empty: none)"));
    m_typing = new QCheckBox(tr("Typing"), groupBox);
    auto *send = new QPushButton(tr("Send state"), groupBox);
    stateRow->addWidget(new QLabel(tr("Group"), groupBox));
    stateRow->addWidget(m_group, 1);
    stateRow->addWidget(m_typing);
    stateRow->addWidget(send);
    gl->addLayout(stateRow);
    m_states = new QStandardItemModel(0, 4, this);
    m_states->setHorizontalHeaderLabels({tr("User"), tr("Group"), tr("Typing"), tr("Last change")});
    auto *view = new QTableView(groupBox);
    view->setModel(m_states);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);  // users shortened: see showState
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    gl->addWidget(view, 1);
    layout->addWidget(groupBox, 1);

    layout->addWidget(buildViewsBox());

    connect(logInButton, &QPushButton::clicked, this, &PopClientWidget::logIn);
    connect(m_connect, &QPushButton::clicked, this, [this] { m_client->socket()->isActive() ? m_client->disconnectFromServer() : connectToServer(); });
    connect(send, &QPushButton::clicked, this, &PopClientWidget::sendState);
    connect(m_group, &QLineEdit::returnPressed, this, &PopClientWidget::sendState);
    connect(m_typing, &QCheckBox::toggled, this, &PopClientWidget::sendState);
    connectClient();
}

void PopClientWidget::connectClient()
{
    connect(m_client, &PopClient::stateChanged, this, [this](const QString &text) {
        m_state->setText(text);
        m_connect->setText(m_client->socket()->isActive() ? tr("Disconnect") : tr("Connect"));
    });
    connect(m_client, &PopClient::loggedIn, this, [this](bool ok) {
        if (ok)
            m_session->setText(m_client->sessionId());
    });
    connect(m_client, &PopClient::authenticatedChanged, this, [this](bool ok) {
        if (!ok)
            m_states->removeRows(0, m_states->rowCount());
        else if (!m_group->text().isEmpty() || m_typing->isChecked())
            sendState();  // after a reconnect, the same state again
    });
    connect(m_client, &PopClient::stateReceived, this, &PopClientWidget::showState);
    connect(m_client, &PopClient::viewsAnswered, this, [this](bool ok, const QString &detail) {
        m_viewsResult->setText(ok ? tr("Stored") : tr("Refused: %1").arg(detail));
    });
    // The server clamps large reports (and a user's total per content): say by how much.
    connect(m_client, &PopClient::viewsCounted, this, [this](const QString &, int reported, qint64 counted) {
        if (counted < reported)
            m_viewsResult->setText(counted > 0 ? tr("Stored, clamped to %1").arg(counted)
                                               : tr("Stored, but nothing counted: this user's total for it is at its cap"));
    });
    connect(m_client, &PopClient::userUuidChanged, this, [this] {
        for (int r = 0; r < m_states->rowCount(); ++r)
            markWho(m_states->item(r, 0));
    });
}

QWidget *PopClientWidget::buildViewsBox()
{
    auto *viewsBox = new QGroupBox(tr("View counts"), this);
    auto *vl = new QHBoxLayout(viewsBox);
    m_content = new QLineEdit(QUuid::createUuid().toString(QUuid::WithoutBraces), viewsBox);
    m_content->setToolTip(tr("The content's UUID"));
    m_count = new QSpinBox(viewsBox);
    m_count->setRange(1, 1000);
    auto *report = new QPushButton(tr("Report views"), viewsBox);
    m_viewsResult = new QLabel(viewsBox);
    vl->addWidget(new QLabel(tr("Content"), viewsBox));
    vl->addWidget(m_content, 2);
    vl->addWidget(m_count);
    vl->addWidget(report);
    vl->addWidget(m_viewsResult, 1);
    connect(report, &QPushButton::clicked, this, &PopClientWidget::reportViews);
    return viewsBox;
}

void PopClientWidget::logIn()
{
    m_client->logIn(m_email->text().trimmed(), m_password->text());
}

void PopClientWidget::connectToServer()
{
    m_client->connectToServer(m_session->text());
}

void PopClientWidget::sendState()
{
    const QString group = m_group->text().trimmed();
    bool isNumber = false;
    const qint64 number = group.toLongLong(&isNumber);
    m_client->sendState(group.isEmpty() ? QJsonValue() : isNumber ? QJsonValue(number) : QJsonValue(group), m_typing->isChecked());
}

void PopClientWidget::reportViews()
{
    if (!m_client->reportViews(m_content->text().trimmed(), m_count->value())) {
        m_viewsResult->setText(tr("Not connected"));
        return;
    }
    m_viewsResult->setText(tr("Reported; waiting for the server…"));
}

// A user's UUID is long: its first 8 characters tell users apart (the whole in the tool
// tip), and one's own row says "(you)".
void PopClientWidget::markWho(QStandardItem *who)
{
    const QString user = who->data().toString();
    const QString shortId = user.size() > 8 ? user.left(8) + QStringLiteral("…") : user;
    const bool me = !user.isEmpty() && user.compare(m_client->userUuid(), Qt::CaseInsensitive) == 0;
    who->setText(me ? tr("%1 (you)").arg(shortId) : shortId);
}

void PopClientWidget::showState(const QJsonObject &s)
{
    const QString user = s.value(pp::key::userId).toString();
    const QJsonValue g = s.value(pp::key::activeGroupId);
    const QString group = g.isDouble() ? QString::number(qint64(g.toDouble())) : g.toString();
    const QString typing = s.value(pp::key::isTyping).toBool() ? tr("typing…") : QString();
    int row = -1;
    for (int r = 0; r < m_states->rowCount(); ++r) {
        if (m_states->item(r, 0)->data().toString() == user)
            row = r;
    }
    if (row < 0) {
        row = m_states->rowCount();
        auto *who = new QStandardItem;
        who->setData(user);
        who->setToolTip(user);
        markWho(who);
        m_states->appendRow({who, new QStandardItem, new QStandardItem, new QStandardItem});
    }
    m_states->item(row, 1)->setText(group);
    m_states->item(row, 2)->setText(typing);
    m_states->item(row, 3)->setText(formatTime(QDateTime::currentDateTime()));
}

}  // namespace sb::ui
