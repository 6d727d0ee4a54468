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
QString compact(const QJsonValue &v)
{
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact).mid(1).chopped(1));
}
}  // namespace

ChannelsClientWidget::ChannelsClientWidget(QWidget *parent)
    : QWidget(parent)
    , m_socket(new ClientSocket(this))
    , m_http(new QNetworkAccessManager(this))
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
    connect(m_join, &QPushButton::clicked, this, [this] { m_socket->isActive() ? leave() : join(); });
    connect(update, &QPushButton::clicked, this, &ChannelsClientWidget::updatePresence);
    connect(m_emit, &QPushButton::clicked, this, &ChannelsClientWidget::sendEmit);
    connect(m_socket, &ClientSocket::stateChanged, this, [this](const QString &text) {
        m_state->setText(text);
        m_join->setText(m_socket->isActive() ? tr("Leave") : tr("Join"));
    });
    connect(m_socket, &ClientSocket::textReceived, this, &ChannelsClientWidget::onMessage);
    connect(m_socket, &ClientSocket::closed, this, [this](int code, const QString &reason) {
        if (code != 0)
            addLog(tr("closed: %1 %2").arg(code).arg(reason));
        m_members->removeRows(0, m_members->rowCount());
        m_clientId.clear();
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

void ChannelsClientWidget::setServer(const QUrl &base)
{
    m_base = base;
}

void ChannelsClientWidget::join()
{
    QJsonParseError err{};
    const QJsonDocument presence = QJsonDocument::fromJson(m_presence->text().toUtf8(), &err);
    if (!m_presence->text().trimmed().isEmpty() && (err.error != QJsonParseError::NoError || !presence.isObject())) {
        m_state->setText(tr("The presence must be a JSON object: %1").arg(err.error != QJsonParseError::NoError ? err.errorString() : tr("not an object")));
        return;
    }
    QUrl url = m_base;
    url.setScheme(m_base.scheme() == QLatin1String("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setPath(QLatin1Char('/') + m_channel->text().trimmed() + listenSuffix);
    url.setQuery(QString());
    if (!m_presence->text().trimmed().isEmpty())
        url.setQuery(param::presence + QLatin1Char('=') + QString::fromLatin1(QUrl::toPercentEncoding(QString::fromUtf8(presence.toJson(QJsonDocument::Compact)))));
    m_log->clear();
    m_socket->open(QNetworkRequest(url));
}

void ChannelsClientWidget::leave()
{
    m_socket->close();
}

void ChannelsClientWidget::updatePresence()
{
    const QJsonDocument presence = QJsonDocument::fromJson(m_presence->text().toUtf8());
    if (!presence.isObject()) {
        m_state->setText(tr("The presence must be a JSON object"));
        return;
    }
    if (m_socket->isOpen())
        m_socket->sendText(QString::fromUtf8(QJsonDocument(QJsonObject{{key::type, event::updatePresence},
                                                                       {key::payload, presence.object()}})
                                                 .toJson(QJsonDocument::Compact)));
}

bool ChannelsClientWidget::sendEmit()
{
    const QByteArray body = m_payload->toPlainText().toUtf8();
    QJsonParseError err{};
    QJsonDocument::fromJson(body.trimmed().isEmpty() ? QByteArrayLiteral("{}") : body, &err);
    if (err.error != QJsonParseError::NoError) {
        // QJsonDocument only takes objects and arrays; a bare value is fine too.
        QJsonDocument::fromJson("[" + body + "]", &err);
        if (err.error != QJsonParseError::NoError) {
            m_result->setText(tr("The payload is not JSON: %1 (at character %2)").arg(err.errorString()).arg(err.offset));
            return false;
        }
    }
    QUrl url = m_base;
    url.setPath(QLatin1Char('/') + m_channel->text().trimmed() + emitSuffix);
    QUrlQuery q;
    if (m_target->currentIndex() == RandomMembers) {
        q.addQueryItem(param::clients, QString::number(m_count->value()));
    } else if (m_target->currentIndex() == ChosenMembers) {
        QStringList ids;
        for (const QModelIndex &i : m_memberView->selectionModel()->selectedRows())
            ids << m_members->item(i.row(), 0)->data().toString();
        if (ids.isEmpty()) {
            m_result->setText(tr("Choose members in the list first"));
            return false;
        }
        q.addQueryItem(param::clients, ids.join(QLatin1Char(',')));
    }
    if (m_requireAck->isChecked())
        q.addQueryItem(param::requireAck, QStringLiteral("true"));
    url.setQuery(q);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    if (!m_emitKey->text().isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_emitKey->text().toUtf8());
    m_emit->setEnabled(false);
    m_result->setText(m_requireAck->isChecked() ? tr("Emitted; waiting for the ACKs…") : tr("Emitting…"));
    QNetworkReply *reply = m_http->post(request, body);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        m_emit->setEnabled(true);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->readAll();
        if (status == 0) {
            m_result->setText(tr("Emit failed: %1").arg(reply->errorString()));
        } else {
            QString text = tr("HTTP %1: %2").arg(status).arg(QString::fromUtf8(answer));
            if (status == 408)
                text += QLatin1Char('\n') + tr("Not every targeted member acknowledged in time (see pending and left).");
            m_result->setText(text);
        }
        emit emitAnswered(status, answer);
    });
    return true;
}

void ChannelsClientWidget::onMessage(const QString &text)
{
    const QJsonObject msg = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = msg.value(key::type).toString();
    const QJsonValue payload = msg.value(key::payload);
    if (msg.contains(key::latency))
        m_latency->setText(tr("Latency %1 ms").arg(msg.value(key::latency).toInt()));
    if (type == event::connected) {
        m_clientId = msg.value(key::clientId).toString();
        m_members->removeRows(0, m_members->rowCount());
        for (const QJsonValue &m : payload.toObject().value(key::members).toArray())
            setMember(m.toObject().value(key::clientId).toString(), m.toObject().value(key::presence));
        addLog(tr("connected as %1 (%n member(s))", nullptr, m_members->rowCount()).arg(m_clientId));
    } else if (type == event::joined || type == event::updated) {
        const QJsonObject p = payload.toObject();
        setMember(p.value(key::clientId).toString(), p.value(key::presence));
        addLog(QStringLiteral("%1 %2 %3").arg(type, p.value(key::clientId).toString(), compact(p.value(key::presence))));
    } else if (type == event::left) {
        const QString id = payload.toObject().value(key::clientId).toString();
        removeMember(id);
        addLog(QStringLiteral("%1 %2").arg(type, id));
    } else if (type == event::ping) {
        if (m_autoPong->isChecked()) {
            m_socket->sendText(QString::fromUtf8(QJsonDocument(QJsonObject{{key::type, event::pong}}).toJson(QJsonDocument::Compact)));
            addLog(tr("PING, answered with PONG"));
        } else {
            addLog(tr("PING, not answered (auto-PONG is off)"));
        }
    } else if (type == event::data) {
        const QString eventId = msg.value(key::eventId).toString();
        const bool wantsAck = msg.value(key::requiresAck).toBool();
        QString line = QStringLiteral("DATA %1 %2").arg(eventId, compact(payload));
        if (wantsAck && m_autoAck->isChecked()) {
            m_socket->sendText(QString::fromUtf8(QJsonDocument(QJsonObject{{key::type, event::ack},
                                                                           {key::payload, QJsonObject{{key::eventId, eventId}}}})
                                                     .toJson(QJsonDocument::Compact)));
            line += QLatin1Char(' ') + tr("(acknowledged)");
        } else if (wantsAck) {
            line += QLatin1Char(' ') + tr("(asks for an ACK; auto-ACK is off)");
        }
        addLog(line);
    } else if (type == event::error) {
        const QJsonObject p = payload.toObject();
        addLog(tr("ERROR %1: %2").arg(p.value(key::code).toString(), p.value(key::message).toString()));
        m_state->setText(tr("The server reported %1: %2").arg(p.value(key::code).toString(), p.value(key::message).toString()));
    } else {
        addLog(text);
    }
    emit eventReceived(type);
}

void ChannelsClientWidget::addLog(const QString &line)
{
    m_log->appendPlainText(QTime::currentTime().toString(QStringLiteral("HH:mm:ss.zzz ")) + line);
}

void ChannelsClientWidget::setMember(const QString &id, const QJsonValue &presence)
{
    const QString shown = id == m_clientId ? tr("%1 (you)").arg(id) : id;
    for (int r = 0; r < m_members->rowCount(); ++r) {
        if (m_members->item(r, 0)->data().toString() == id) {
            m_members->item(r, 1)->setText(compact(presence));
            return;
        }
    }
    auto *idItem = new QStandardItem(shown);
    idItem->setData(id);
    m_members->appendRow({idItem, new QStandardItem(compact(presence))});
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
