#include "channelsclientwidget.h"
#include "format.h"

#include "channelsclient.h"

#include "clientsocket.h"

#include "protocol/channels.h"
#include "widgets/jsonhighlighter.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QTime>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace sb::ui {

using namespace protocol::channels;

namespace {
QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}
}  // namespace

ChannelsClientWidget::ChannelsClientWidget(QWidget *parent) : QWidget(parent), m_client(new ChannelsClient(this))
{
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    auto *row = new QHBoxLayout;
    m_channel = new QLineEdit(QStringLiteral("lobby"), this);
    m_presence = new QLineEdit(QStringLiteral("{\"name\": \"%1\"}").arg(QHostInfo::localHostName()), this);
    m_presence->setToolTip(tr("Your presence: a JSON object every member sees"));
    m_join = new QPushButton(tr("Join"), this);
    auto *update = new QPushButton(tr("Update presence"), this);
    row->addWidget(m_channel, 1);
    row->addWidget(new QLabel(tr("Presence"), this));
    row->addWidget(m_presence, 2);
    row->addWidget(update);
    row->addWidget(m_join);
    form->addRow(tr("Channel"), row);
    auto *stateRow = new QHBoxLayout;
    m_state = new QLabel(tr("Not connected"), this);
    m_state->setWordWrap(true);
    m_latency = new QLabel(this);
    m_autoAck = new QCheckBox(tr("Auto-ACK"), this);
    m_autoAck->setChecked(true);
    m_autoAck->setToolTip(tr("Acknowledge every event that asks for it"));
    m_autoPong = new QCheckBox(tr("Auto-PONG"), this);
    m_autoPong->setChecked(true);
    m_autoPong->setToolTip(tr("Answer the server's PING; turn off to watch it time out (PING_TIMEOUT)"));
    stateRow->addWidget(m_state, 1);
    stateRow->addWidget(m_latency);
    stateRow->addWidget(m_autoAck);
    stateRow->addWidget(m_autoPong);
    form->addRow(tr("State"), stateRow);
    layout->addLayout(form);

    auto *split = new QSplitter(Qt::Horizontal, this);
    m_members = new QStandardItemModel(0, 2, this);
    m_members->setHorizontalHeaderLabels({tr("Member"), tr("Presence")});
    m_memberView = new QTableView(split);
    m_memberView->setModel(m_members);
    m_memberView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_memberView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_memberView->verticalHeader()->hide();
    m_memberView->horizontalHeader()->setStretchLastSection(true);
    m_log = new QPlainTextEdit(split);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    m_log->setPlaceholderText(tr("Events of the channel appear here."));
    split->addWidget(m_memberView);
    split->addWidget(m_log);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    layout->addLayout(buildEmitBox());

    connect(m_target, &QComboBox::currentIndexChanged, this, [this](int i) { m_count->setEnabled(i == RandomMembers); });
    connect(m_join, &QPushButton::clicked, this, [this] { m_client->socket()->isActive() ? leave() : join(); });
    connect(update, &QPushButton::clicked, this, &ChannelsClientWidget::updatePresence);
    connect(m_emit, &QPushButton::clicked, this, &ChannelsClientWidget::sendEmit);
    connect(m_autoAck, &QCheckBox::toggled, m_client, &ChannelsClient::setAutoAck);
    connect(m_autoPong, &QCheckBox::toggled, m_client, &ChannelsClient::setAutoPong);
    connectClient();
}

void ChannelsClientWidget::connectClient()
{
    connect(m_client, &ChannelsClient::stateChanged, this, [this](const QString &text) {
        m_state->setText(text);
        m_join->setText(m_client->socket()->isActive() ? tr("Leave") : tr("Join"));
    });
    connect(m_client, &ChannelsClient::membersReset, this, [this] { m_members->removeRows(0, m_members->rowCount()); });
    connect(m_client, &ChannelsClient::memberSet, this, &ChannelsClientWidget::setMember);
    connect(m_client, &ChannelsClient::memberLeft, this, &ChannelsClientWidget::removeMember);
    connect(m_client, &ChannelsClient::latencyChanged, this, [this](int ms) { m_latency->setText(tr("Latency %1 ms").arg(ms)); });
    connect(m_client, &ChannelsClient::logLine, this, &ChannelsClientWidget::addLog);
    connect(m_client, &ChannelsClient::errorReported, this, [this](const QString &code, const QString &message) {
        m_state->setText(tr("The server reported %1: %2").arg(code, message));
    });
    connect(m_client, &ChannelsClient::emitAnswered, this, [this](int status, const QByteArray &answer) {
        m_emit->setEnabled(true);
        if (status == 0) {
            m_result->setText(tr("Emit failed: %1").arg(QString::fromUtf8(answer)));
            return;
        }
        m_result->setText(describeAnswer(status, answer));
        m_result->setToolTip(tr("HTTP %1: %2").arg(status).arg(QString::fromUtf8(answer)));
    });
}

QLayout *ChannelsClientWidget::buildEmitBox()
{
    auto *emitBox = new QVBoxLayout;
    m_payload = new QPlainTextEdit(QStringLiteral("{\"hello\": \"world\"}"), this);
    m_payload->setMaximumHeight(fontMetrics().height() * 5);
    m_payload->setToolTip(tr("The event's payload: any JSON value"));
    new JsonHighlighter(m_payload->document());
    emitBox->addWidget(m_payload);
    auto *emitRow = new QHBoxLayout;
    m_target = new QComboBox(this);
    m_target->addItem(tr("All members"));
    m_target->addItem(tr("Random members"));
    m_target->addItem(tr("Chosen members"));
    m_target->setToolTip(tr("Chosen members: select them in the member list"));
    m_count = new QSpinBox(this);
    m_count->setRange(1, 100000);
    m_count->setEnabled(false);
    m_requireAck = new QCheckBox(tr("Require ACK"), this);
    m_emitKey = new QLineEdit(this);
    m_emitKey->setPlaceholderText(tr("Emit key, if the server has one"));
    m_emitKey->setEchoMode(QLineEdit::Password);
    m_emit = new QPushButton(tr("Emit"), this);
    m_emit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    emitRow->addWidget(m_target);
    emitRow->addWidget(m_count);
    emitRow->addWidget(m_requireAck);
    emitRow->addWidget(m_emitKey, 1);
    emitRow->addWidget(m_emit);
    emitBox->addLayout(emitRow);
    m_result = new QLabel(this);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    emitBox->addWidget(m_result);
    return emitBox;
}

void ChannelsClientWidget::join()
{
    QJsonParseError err{};
    const QJsonDocument presence = QJsonDocument::fromJson(m_presence->text().toUtf8(), &err);
    const bool none = m_presence->text().trimmed().isEmpty();
    if (!none && (err.error != QJsonParseError::NoError || !presence.isObject())) {
        m_state->setText(tr("The presence must be a JSON object: %1").arg(err.error != QJsonParseError::NoError ? err.errorString() : tr("not an object")));
        return;
    }
    m_log->clear();
    m_client->join(m_channel->text(), none ? std::nullopt : std::optional<QJsonObject>(presence.object()));
}

void ChannelsClientWidget::leave()
{
    m_client->leave();
}

void ChannelsClientWidget::updatePresence()
{
    const QJsonDocument presence = QJsonDocument::fromJson(m_presence->text().toUtf8());
    if (!presence.isObject()) {
        m_state->setText(tr("The presence must be a JSON object"));
        return;
    }
    m_client->updatePresence(presence.object());
}

bool ChannelsClientWidget::sendEmit()
{
    QStringList ids;
    for (const QModelIndex &i : m_memberView->selectionModel()->selectedRows())
        ids << m_members->item(i.row(), 0)->data().toString();
    const auto target = m_target->currentIndex() == RandomMembers   ? ChannelsClient::Target::Random
                        : m_target->currentIndex() == ChosenMembers ? ChannelsClient::Target::Listed
                                                                    : ChannelsClient::Target::All;
    QString error;
    if (!m_client->emitEvent(m_channel->text(), m_payload->toPlainText().toUtf8(), target, m_count->value(), ids,
                             m_requireAck->isChecked(), m_emitKey->text(), &error)) {
        m_result->setText(error);
        return false;
    }
    m_emit->setEnabled(false);
    m_result->setText(m_requireAck->isChecked() ? tr("Emitted; waiting for the ACKs…") : tr("Emitting…"));
    return true;
}

void ChannelsClientWidget::addLog(const QString &line)
{
    m_log->appendPlainText(formatTime(QDateTime::currentDateTime(), true) + QLatin1Char(' ') + line);
}

QString ChannelsClientWidget::nameOf(const QString &id) const
{
    for (int r = 0; r < m_members->rowCount(); ++r) {
        if (m_members->item(r, 0)->data().toString() == id)
            return m_members->item(r, 0)->data(Qt::UserRole + 2).toString();
    }
    return id;
}

// An emit's answer in words: who got it, who acknowledged, who did not (by name).
QString ChannelsClientWidget::describeAnswer(int status, const QByteArray &answer) const
{
    const QJsonObject o = QJsonDocument::fromJson(answer).object();
    const auto names = [this](const QJsonArray &ids) {
        QStringList out;
        for (const QJsonValue &v : ids)
            out << nameOf(v.toString());
        return QLocale().createSeparatedList(out);
    };
    const QJsonArray acked = o.value(QStringLiteral("acked")).toArray();
    if (status == 408) {
        const QJsonArray pending = o.value(QStringLiteral("pending")).toArray();
        const QJsonArray left = o.value(QStringLiteral("left")).toArray();
        QString text = tr("%1 of %2 acknowledged; %3 did not in time.").arg(acked.size()).arg(acked.size() + pending.size()).arg(names(pending));
        if (!left.isEmpty())
            text += QLatin1Char(' ') + tr("%1 left the channel.").arg(names(left));
        return text;
    }
    if (status == 200 && o.contains(QStringLiteral("delivered"))) {
        const int delivered = o.value(QStringLiteral("delivered")).toInt();
        QString text = tr("Delivered to %n member(s)", nullptr, delivered);
        if (o.contains(QStringLiteral("acked")))
            text += tr("; every one acknowledged");
        const QJsonArray missing = o.value(QStringLiteral("missing")).toArray();
        if (!missing.isEmpty())
            text += tr("; not in the channel: %1").arg(names(missing));
        return text + QLatin1Char('.');
    }
    return tr("HTTP %1: %2").arg(status).arg(QString::fromUtf8(answer));
}

void ChannelsClientWidget::setMember(const QString &id, const QJsonObject &presence)
{
    // A readable name from the presence (a "username" or "name" field), else the client id.
    QString name = presence.value(QStringLiteral("username")).toString(presence.value(QStringLiteral("name")).toString());
    if (name.isEmpty())
        name = id;
    const QString shown = id == m_client->clientId() ? tr("%1 (you)").arg(name) : name;
    QStandardItem *idItem = nullptr;
    for (int r = 0; r < m_members->rowCount() && !idItem; ++r) {
        if (m_members->item(r, 0)->data().toString() == id) {
            idItem = m_members->item(r, 0);
            m_members->item(r, 1)->setText(compact(presence));
        }
    }
    if (!idItem) {
        idItem = new QStandardItem;
        idItem->setData(id);
        m_members->appendRow({idItem, new QStandardItem(compact(presence))});
    }
    idItem->setText(shown);
    idItem->setData(name, Qt::UserRole + 2);
    idItem->setToolTip(tr("Client id %1").arg(id));
}

void ChannelsClientWidget::removeMember(const QString &id)
{
    for (int r = 0; r < m_members->rowCount(); ++r) {
        if (m_members->item(r, 0)->data().toString() == id) {
            m_members->removeRow(r);
            return;
        }
    }
}

}  // namespace sb::ui
