#include "popclient.h"

#include "clientsocket.h"

#include "protocol/accounts.h"
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
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTableView>
#include <QTime>
#include <QUuid>
#include <QVBoxLayout>

namespace sb::ui {

namespace pp = protocol::pop;

PopClientWidget::PopClientWidget(QWidget *parent)
    : QWidget(parent)
    , m_socket(new ClientSocket(this))
    , m_http(new QNetworkAccessManager(this))
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
    view->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);  // whole UUIDs
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    gl->addWidget(view, 1);
    layout->addWidget(groupBox, 1);

    layout->addWidget(buildViewsBox());

    connect(logInButton, &QPushButton::clicked, this, &PopClientWidget::logIn);
    connect(m_connect, &QPushButton::clicked, this, [this] { m_socket->isActive() ? m_socket->close() : connectToServer(); });
    connect(send, &QPushButton::clicked, this, &PopClientWidget::sendState);
    connect(m_group, &QLineEdit::returnPressed, this, &PopClientWidget::sendState);
    connect(m_typing, &QCheckBox::toggled, this, &PopClientWidget::sendState);
    connect(m_socket, &ClientSocket::stateChanged, this, [this](const QString &text) {
        m_state->setText(text);
        m_connect->setText(m_socket->isActive() ? tr("Disconnect") : tr("Connect"));
    });
    connect(m_socket, &ClientSocket::opened, this, [this] {
        m_authenticated = false;
        m_socket->sendText(QString::fromUtf8(QJsonDocument(QJsonObject{{pp::key::authorization, pp::bearerPrefix + m_session->text().trimmed()}})
                                                 .toJson(QJsonDocument::Compact)));
    });
    connect(m_socket, &ClientSocket::closed, this, [this] {
        m_authenticated = false;
        m_states->removeRows(0, m_states->rowCount());
    });
    connect(m_socket, &ClientSocket::textReceived, this, &PopClientWidget::onMessage);
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

void PopClientWidget::setServers(const QUrl &pop, const QUrl &accounts)
{
    m_pop = pop;
    m_accounts = accounts;
}

void PopClientWidget::logIn()
{
    QUrl url = m_accounts;
    url.setPath(protocol::accounts::loginPath);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    const QJsonObject body{{protocol::accounts::key::email, m_email->text().trimmed()}, {protocol::accounts::key::password, m_password->text()}};
    m_state->setText(tr("Logging in…"));
    QNetworkReply *reply = m_http->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
        if (status == 200 && answer.contains(protocol::accounts::key::accessToken)) {
            m_session->setText(answer.value(protocol::accounts::key::accessToken).toString());
            m_state->setText(tr("Logged in; connecting…"));
            emit loggedIn(true);
            connectToServer();
        } else if (status == 401) {
            m_state->setText(tr("Wrong email or password"));
            emit loggedIn(false);
        } else {
            m_state->setText(tr("Login failed: %1").arg(status ? tr("HTTP %1").arg(status) : reply->errorString()));
            emit loggedIn(false);
        }
    });
}

void PopClientWidget::connectToServer()
{
    if (m_session->text().trimmed().isEmpty()) {
        m_state->setText(tr("Log in first, or paste a session id"));
        return;
    }
    QUrl url = m_pop;
    url.setScheme(m_pop.scheme() == QLatin1String("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setPath(QStringLiteral("/"));
    m_socket->open(QNetworkRequest(url));
}

void PopClientWidget::sendState()
{
    if (!m_authenticated)
        return;
    const QString group = m_group->text().trimmed();
    bool isNumber = false;
    const qint64 number = group.toLongLong(&isNumber);
    const QJsonValue groupValue = group.isEmpty() ? QJsonValue() : isNumber ? QJsonValue(number) : QJsonValue(group);
    const QJsonObject msg{{pp::key::state, QJsonObject{{pp::key::activeGroupId, groupValue},
                                                                {pp::key::isTyping, m_typing->isChecked()}}}};
    m_socket->sendText(QString::fromUtf8(QJsonDocument(msg).toJson(QJsonDocument::Compact)));
}

void PopClientWidget::reportViews()
{
    if (!m_authenticated) {
        m_viewsResult->setText(tr("Not connected"));
        return;
    }
    const QJsonObject msg{{pp::key::viewCounts, QJsonObject{{m_content->text().trimmed(), m_count->value()}}}};
    m_socket->sendText(QString::fromUtf8(QJsonDocument(msg).toJson(QJsonDocument::Compact)));
    m_viewsResult->setText(tr("Reported; waiting for the server…"));
}

void PopClientWidget::onMessage(const QString &text)
{
    const QJsonObject msg = QJsonDocument::fromJson(text.toUtf8()).object();
    if (msg.contains(pp::key::authenticated)) {
        m_authenticated = msg.value(pp::key::authenticated).toBool();
        m_state->setText(m_authenticated ? tr("Authenticated") : tr("Not authenticated: %1").arg(msg.value(pp::key::detail).toString()));
        emit authenticatedChanged(m_authenticated);
        if (m_authenticated && (!m_group->text().isEmpty() || m_typing->isChecked()))
            sendState();  // after a reconnect, the same state again
    } else if (msg.contains(pp::key::viewCounts)) {
        const bool ok = msg.value(pp::key::viewCounts).toBool();
        m_viewsResult->setText(ok ? tr("Stored") : tr("Refused: %1").arg(msg.value(pp::key::detail).toString()));
        emit viewsAnswered(ok);
    } else if (msg.value(pp::key::state).isObject()) {
        const QJsonObject s = msg.value(pp::key::state).toObject();
        const QString user = s.value(pp::key::userId).toString();
        const QJsonValue g = s.value(pp::key::activeGroupId);
        const QString group = g.isDouble() ? QString::number(qint64(g.toDouble())) : g.toString();
        const QString typing = s.value(pp::key::isTyping).toBool() ? tr("typing…") : QString();
        int row = -1;
        for (int r = 0; r < m_states->rowCount(); ++r) {
            if (m_states->item(r, 0)->text() == user)
                row = r;
        }
        if (row < 0) {
            row = m_states->rowCount();
            m_states->appendRow({new QStandardItem(user), new QStandardItem, new QStandardItem, new QStandardItem});
        }
        m_states->item(row, 1)->setText(group);
        m_states->item(row, 2)->setText(typing);
        m_states->item(row, 3)->setText(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")));
        emit stateReceived(s);
    } else if (msg.value(pp::key::state).isBool()) {
        m_state->setText(tr("State refused: %1").arg(msg.value(pp::key::detail).toString()));
    }
}

}  // namespace sb::ui
