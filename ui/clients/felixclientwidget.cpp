#include "felixclientwidget.h"
#include "format.h"

#include "clientsocket.h"
#include "felixclient.h"

#include "protocol/felix.h"

#include <QCheckBox>
#include <QDateTime>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QTime>
#include <QVBoxLayout>

namespace sb::ui {

namespace pf = protocol::felix;

namespace {
QStringList ids(const QString &text)
{
    return text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
}

}  // namespace

FelixClientWidget::FelixClientWidget(QWidget *parent) : QWidget(parent), m_client(new FelixClient(this))
{
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    auto *row = new QHBoxLayout;
    m_token = new QLineEdit(this);
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("A private API token (Users and tokens → New token…)"));
    m_connect = new QPushButton(tr("Connect"), this);
    row->addWidget(m_token, 1);
    row->addWidget(m_connect);
    form->addRow(tr("Token"), row);
    m_state = new QLabel(tr("Not connected"), this);
    m_state->setWordWrap(true);
    form->addRow(tr("State"), m_state);
    auto *hb = new QHBoxLayout;
    m_heartbeats = new QCheckBox(tr("Send a heartbeat every"), this);
    m_heartbeats->setChecked(true);
    m_interval = new QSpinBox(this);
    m_interval->setRange(1, 3600);
    m_interval->setValue(10);
    m_interval->setSuffix(tr(" s"));
    auto *now = new QPushButton(tr("Heartbeat now"), this);
    hb->addWidget(m_heartbeats);
    hb->addWidget(m_interval);
    hb->addWidget(now);
    hb->addStretch(1);
    form->addRow(tr("Heartbeat"), hb);
    layout->addLayout(form);

    auto *split = new QSplitter(Qt::Vertical, this);
    auto *statusBox = new QGroupBox(tr("Server status (10001)"), split);
    auto *sl = new QVBoxLayout(statusBox);
    m_summary = new QLabel(tr("No heartbeat answered yet."), statusBox);
    m_summary->setWordWrap(true);
    sl->addWidget(m_summary);
    m_shards = new QStandardItemModel(0, 4, this);
    m_shards->setHorizontalHeaderLabels({tr("Shard"), tr("Status"), tr("Ping"), tr("Connections")});
    auto *shardView = new QTableView(statusBox);
    shardView->setModel(m_shards);
    shardView->verticalHeader()->hide();
    shardView->horizontalHeader()->setStretchLastSection(true);
    shardView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    sl->addWidget(shardView);

    buildSubscriptions(split);
    layout->addWidget(split, 1);

    m_client->setHeartbeatInterval(m_interval->value() * 1000);
    auto heartbeatEvery = [this] { m_client->setHeartbeatInterval(m_heartbeats->isChecked() ? m_interval->value() * 1000 : 0); };
    connect(m_interval, &QSpinBox::valueChanged, this, heartbeatEvery);
    connect(m_heartbeats, &QCheckBox::toggled, this, heartbeatEvery);
    connect(now, &QPushButton::clicked, this, &FelixClientWidget::sendHeartbeat);
    connect(m_connect, &QPushButton::clicked, this, [this] { m_client->socket()->isActive() ? disconnectFromServer() : connectToServer(); });
    connectClient();
}

void FelixClientWidget::connectClient()
{
    connect(m_client, &FelixClient::stateChanged, this, [this](const QString &text) {
        m_state->setText(text);
        m_connect->setText(m_client->socket()->isActive() ? tr("Disconnect") : tr("Connect"));
    });
    connect(m_client, &FelixClient::statusReceived, this, &FelixClientWidget::showStatus);
    connect(m_client, &FelixClient::updateReceived, this, [this](int code, const QString &id, const QJsonValue &doc) {
        const QString body = doc.isNull() ? tr("deleted") : QString::fromUtf8(QJsonDocument(doc.toObject()).toJson(QJsonDocument::Compact));
        addFeed((code == protocol::felix::code::guildUpdate ? tr("guild %1: %2") : tr("user %1: %2")).arg(id, body));
    });
    connect(m_client, &FelixClient::otherMessage, this, &FelixClientWidget::addFeed);
}

void FelixClientWidget::buildSubscriptions(QWidget *split)
{
    auto *subBox = new QGroupBox(tr("Subscriptions (20002) and updates (10002, 10003)"), split);
    auto *subl = new QVBoxLayout(subBox);
    auto *subForm = new QFormLayout;
    m_guilds = new QLineEdit(subBox);
    m_guilds->setPlaceholderText(tr("guild ids, separated by commas"));
    m_users = new QLineEdit(subBox);
    m_users->setPlaceholderText(tr("user ids, separated by commas"));
    auto *subscribeButton = new QPushButton(tr("Subscribe"), subBox);
    subscribeButton->setToolTip(tr("Replaces what this connection listens to"));
    subForm->addRow(tr("Guilds"), m_guilds);
    subForm->addRow(tr("Users"), m_users);
    subForm->addRow(QString(), subscribeButton);
    subl->addLayout(subForm);
    m_feed = new QPlainTextEdit(subBox);
    m_feed->setReadOnly(true);
    m_feed->setMaximumBlockCount(5000);
    m_feed->setPlaceholderText(tr("Changes to the guilds and users you listen to appear here."));
    subl->addWidget(m_feed, 1);
    connect(subscribeButton, &QPushButton::clicked, this, &FelixClientWidget::subscribe);
}

void FelixClientWidget::connectToServer()
{
    m_client->connectToServer(m_token->text());
}

void FelixClientWidget::disconnectFromServer()
{
    m_client->disconnectFromServer();
}

void FelixClientWidget::sendHeartbeat()
{
    m_client->sendHeartbeat();
}

void FelixClientWidget::subscribe()
{
    if (m_client->subscribe(ids(m_guilds->text()), ids(m_users->text())))
        addFeed(tr("listening to guilds [%1] and users [%2]").arg(m_guilds->text(), m_users->text()));
}

void FelixClientWidget::addFeed(const QString &line)
{
    m_feed->appendPlainText(formatTime(QDateTime::currentDateTime()) + QLatin1Char(' ') + line);
}

void FelixClientWidget::showStatus(const QJsonObject &data)
{
    m_summary->setText(tr("Answered at %1 · %n guild(s) · memory %2 · up for %3", nullptr, data.value(pf::key::guildsCount).toInt())
                           .arg(formatTime(QDateTime::fromMSecsSinceEpoch(qint64(data.value(pf::key::receivedAt).toDouble()))),
                                formatBytes(qint64(data.value(pf::key::memoryUsage).toDouble())),
                                formatDuration(qint64(data.value(pf::key::uptime).toDouble()))));
    m_shards->removeRows(0, m_shards->rowCount());
    for (const QJsonValue &v : data.value(pf::key::shards).toArray()) {
        const QJsonObject s = v.toObject();
        m_shards->appendRow({new QStandardItem(QString::number(s.value(pf::key::id).toInt())),
                             new QStandardItem(s.value(pf::key::status).toString()),
                             new QStandardItem(tr("%1 ms").arg(s.value(pf::key::ping).toInt())),
                             new QStandardItem(QString::number(s.value(pf::key::connections).toInt()))});
    }
}

}  // namespace sb::ui
