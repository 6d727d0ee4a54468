#include "felixclient.h"

#include "clientsocket.h"

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
QJsonArray ids(const QString &text)
{
    QJsonArray out;
    for (const QString &part : text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts))
        out.append(part);
    return out;
}

QString duration(qint64 ms)
{
    const qint64 s = ms / 1000;
    if (s < 3600)
        return QObject::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return QObject::tr("%1 h %2 min").arg(s / 3600).arg((s / 60) % 60);
}
}  // namespace

FelixClientWidget::FelixClientWidget(QWidget *parent) : QWidget(parent), m_socket(new ClientSocket(this))
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

    m_heartbeatTimer.setTimerType(Qt::CoarseTimer);
    connect(&m_heartbeatTimer, &QTimer::timeout, this, &FelixClientWidget::sendHeartbeat);
    connect(m_interval, &QSpinBox::valueChanged, this, [this](int s) { m_heartbeatTimer.setInterval(s * 1000); });
    connect(m_heartbeats, &QCheckBox::toggled, this, [this](bool on) {
        if (on && m_socket->isOpen())
            m_heartbeatTimer.start(m_interval->value() * 1000);
        else
            m_heartbeatTimer.stop();
    });
    connect(now, &QPushButton::clicked, this, &FelixClientWidget::sendHeartbeat);
    connect(m_connect, &QPushButton::clicked, this, [this] { m_socket->isActive() ? disconnectFromServer() : connectToServer(); });
    connect(m_socket, &ClientSocket::stateChanged, this, [this](const QString &text) {
        m_state->setText(!m_socket->isActive() && m_socket->refusedStatus() == 403 ? tr("Refused (HTTP 403): the token is unknown, revoked or not private.") : text);
        m_connect->setText(m_socket->isActive() ? tr("Disconnect") : tr("Connect"));
    });
    connect(m_socket, &ClientSocket::opened, this, [this] {
        if (m_heartbeats->isChecked())
            m_heartbeatTimer.start(m_interval->value() * 1000);
        sendHeartbeat();
        if (!m_guilds->text().isEmpty() || !m_users->text().isEmpty())
            subscribe();  // after a reconnect, listen to the same ids again
    });
    connect(m_socket, &ClientSocket::closed, this, [this] { m_heartbeatTimer.stop(); });
    connect(m_socket, &ClientSocket::textReceived, this, &FelixClientWidget::onMessage);
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

void FelixClientWidget::setServer(const QUrl &base)
{
    m_base = base;
}

void FelixClientWidget::connectToServer()
{
    QUrl url = m_base;
    url.setScheme(m_base.scheme() == QLatin1String("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setPath(QStringLiteral("/"));
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", m_token->text().trimmed().toUtf8());
    m_socket->open(request);
}

void FelixClientWidget::disconnectFromServer()
{
    m_socket->close();
}

void FelixClientWidget::sendHeartbeat()
{
    if (m_socket->isOpen())
        m_socket->sendText(QString::fromUtf8(QJsonDocument(QJsonObject{{pf::key::code, pf::code::heartbeat}}).toJson(QJsonDocument::Compact)));
}

void FelixClientWidget::subscribe()
{
    if (!m_socket->isOpen())
        return;
    const QJsonObject msg{{pf::key::code, pf::code::subscribe},
                          {pf::key::data, QJsonObject{{pf::key::guilds, ids(m_guilds->text())},
                                                               {pf::key::users, ids(m_users->text())}}}};
    m_socket->sendText(QString::fromUtf8(QJsonDocument(msg).toJson(QJsonDocument::Compact)));
    m_feed->appendPlainText(QTime::currentTime().toString(QStringLiteral("HH:mm:ss ")) +
                            tr("listening to guilds [%1] and users [%2]").arg(m_guilds->text(), m_users->text()));
}

void FelixClientWidget::onMessage(const QString &text)
{
    const QJsonObject msg = QJsonDocument::fromJson(text.toUtf8()).object();
    const int code = msg.value(pf::key::code).toInt();
    const QJsonObject data = msg.value(pf::key::data).toObject();
    if (code == pf::code::status) {
        m_lastStatus = data;
        const QLocale locale;
        m_summary->setText(tr("Answered at %1 · %n guild(s) · memory %2 · up for %3", nullptr, data.value(pf::key::guildsCount).toInt())
                               .arg(QDateTime::fromMSecsSinceEpoch(qint64(data.value(pf::key::receivedAt).toDouble())).toString(QStringLiteral("HH:mm:ss")),
                                    locale.formattedDataSize(qint64(data.value(pf::key::memoryUsage).toDouble())),
                                    duration(qint64(data.value(pf::key::uptime).toDouble()))));
        m_shards->removeRows(0, m_shards->rowCount());
        for (const QJsonValue &v : data.value(pf::key::shards).toArray()) {
            const QJsonObject s = v.toObject();
            m_shards->appendRow({new QStandardItem(QString::number(s.value(pf::key::id).toInt())),
                                 new QStandardItem(s.value(pf::key::status).toString()),
                                 new QStandardItem(tr("%1 ms").arg(s.value(pf::key::ping).toInt())),
                                 new QStandardItem(QString::number(s.value(pf::key::connections).toInt()))});
        }
        emit statusReceived(data);
    } else if (code == pf::code::guildUpdate || code == pf::code::userUpdate) {
        const bool guild = code == pf::code::guildUpdate;
        const QString id = data.value(guild ? pf::key::guildId : pf::key::userId).toString();
        const QJsonValue doc = data.value(guild ? pf::key::guildData : pf::key::userData);
        const QString body = doc.isNull() ? tr("deleted") : QString::fromUtf8(QJsonDocument(doc.toObject()).toJson(QJsonDocument::Compact));
        m_feed->appendPlainText(QTime::currentTime().toString(QStringLiteral("HH:mm:ss ")) +
                                (guild ? tr("guild %1: %2") : tr("user %1: %2")).arg(id, body));
        emit updateReceived(code, data);
    } else {
        m_feed->appendPlainText(QTime::currentTime().toString(QStringLiteral("HH:mm:ss ")) + text);
    }
}

}  // namespace sb::ui
