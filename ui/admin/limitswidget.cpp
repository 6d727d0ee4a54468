#include "limitswidget.h"

#include "api/administration.h"
#include "api/async.h"
#include "savedconfig.h"
#include "api/monitor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace sb::ui {

namespace {
// Where a limit applies (one source of truth each): a service's own (its WebSockets and
// routes), the server's (HTTP before a request is routed), or both (each its own value).
enum Scope { PerService = 1, ServerWide = 2, Both = PerService | ServerWide };

struct Field {
    const char *key;
    const char *label;
    int Limits::*intMember;
    qint64 Limits::*longMember;
    int max;
    int scope;
};

const Field kFields[] = {
    {"messages_per_second", QT_TRANSLATE_NOOP("sb::ui::LimitsWidget", "Messages per second, per connection"), &Limits::messagesPerSecond, nullptr, 10'000'000, PerService},
    {"message_bytes", QT_TRANSLATE_NOOP("sb::ui::LimitsWidget", "Largest message (bytes)"), nullptr, &Limits::messageBytes, 1'000'000'000, PerService},
    {"frame_bytes", QT_TRANSLATE_NOOP("sb::ui::LimitsWidget", "Largest frame (bytes)"), nullptr, &Limits::frameBytes, 1'000'000'000, PerService},
    {"max_connections", QT_TRANSLATE_NOOP("sb::ui::LimitsWidget", "Connections at most"), &Limits::maxConnections, nullptr, 1'000'000, Both},
    {"max_connections_per_ip", QT_TRANSLATE_NOOP("sb::ui::LimitsWidget", "Connections per address at most"), &Limits::maxConnectionsPerIp, nullptr, 1'000'000, PerService},
    {"unauthenticated_ms", QT_TRANSLATE_NOOP("sb::ui::LimitsWidget", "Time to authenticate (ms)"), &Limits::unauthenticatedMs, nullptr, 3'600'000, PerService},
    {"ping_interval_ms", QT_TRANSLATE_NOOP("sb::ui::LimitsWidget", "Ping every (ms, 0: never)"), &Limits::pingIntervalMs, nullptr, 3'600'000, PerService},
    {"pong_timeout_ms", QT_TRANSLATE_NOOP("sb::ui::LimitsWidget", "Pong within (ms)"), &Limits::pongTimeoutMs, nullptr, 3'600'000, PerService},
    {"send_queue_bytes", QT_TRANSLATE_NOOP("sb::ui::LimitsWidget", "Unread data kept for a client (bytes)"), nullptr, &Limits::sendQueueBytes, 1'000'000'000, Both},
    {"send_timeout_ms", QT_TRANSLATE_NOOP("sb::ui::LimitsWidget", "Client must read within (ms)"), &Limits::sendTimeoutMs, nullptr, 86'400'000, Both},
    {"body_bytes", QT_TRANSLATE_NOOP("sb::ui::LimitsWidget", "Largest HTTP body (bytes)"), nullptr, &Limits::bodyBytes, 1'000'000'000, PerService},
    {"head_bytes", QT_TRANSLATE_NOOP("sb::ui::LimitsWidget", "Largest HTTP head (bytes)"), &Limits::headBytes, nullptr, 1'048'576, ServerWide},
    {"head_timeout_ms", QT_TRANSLATE_NOOP("sb::ui::LimitsWidget", "Time to send an HTTP head (ms)"), &Limits::headTimeoutMs, nullptr, 3'600'000, ServerWide},
    {"keep_alive_ms", QT_TRANSLATE_NOOP("sb::ui::LimitsWidget", "Idle keep-alive (ms)"), &Limits::keepAliveMs, nullptr, 3'600'000, ServerWide},
};
}  // namespace

LimitsWidget::LimitsWidget(Monitor &monitor, ListenersAdmin &admin, QWidget *parent) : QWidget(parent), m_admin(admin)
{
    auto *layout = new QVBoxLayout(this);
    m_scope = new QComboBox(this);
    m_scope->addItem(tr("Server-wide (HTTP heads, keep-alive, all connections)"), QString());
    QStringList served;
    for (const ListenerStatus &l : monitor.listeners())
        served += l.services;
    for (const QString &name : ServerConfig::knownServices()) {
        if (served.contains(name))
            m_scope->addItem(name, name);
    }
    layout->addWidget(m_scope);
    m_form = new QFormLayout;
    for (const Field &f : kFields) {
        auto *spin = new QSpinBox(this);
        spin->setRange(0, f.max);
        spin->setGroupSeparatorShown(true);
        spin->setObjectName(QString::fromLatin1(f.key));
        m_form->addRow(tr(f.label), spin);
        m_fields.append({QString::fromLatin1(f.key), spin});
    }
    layout->addLayout(m_form);
    auto *row = new QHBoxLayout;
    auto *applyButton = new QPushButton(tr("Apply"), this);
    auto *keep = new QPushButton(tr("Keep for the next start"), this);
    keep->setToolTip(tr("Writes the settings in force to config.json in the data directory"));
    auto *note = new QLabel(tr("Applies to connections and requests that start from now on; open connections keep the limits they started with."), this);
    note->setWordWrap(true);
    row->addWidget(note, 1);
    row->addWidget(applyButton);
    row->addWidget(keep);
    layout->addLayout(row);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    layout->addWidget(m_message);
    layout->addStretch(1);

    connect(m_scope, &QComboBox::currentIndexChanged, this, [this] { showLimits(currentService()); });
    connect(applyButton, &QPushButton::clicked, this, &LimitsWidget::apply);
    connect(keep, &QPushButton::clicked, this, &LimitsWidget::keep);
    showLimits(QString());
}

QString LimitsWidget::currentService() const
{
    return m_scope->currentData().toString();
}

QSpinBox *LimitsWidget::field(const QString &key) const
{
    for (const auto &f : m_fields) {
        if (f.first == key)
            return f.second;
    }
    return nullptr;
}

void LimitsWidget::showLimits(const QString &service)
{
    const int index = m_scope->findData(service);
    if (index >= 0 && index != m_scope->currentIndex()) {
        m_scope->setCurrentIndex(index);  // shows them through currentIndexChanged
        return;
    }
    whenReady(m_admin.limits(service), this, [this, service](const Limits &l) {
        if (service != currentService())
            return;  // another scope was picked meanwhile
        const bool serverWide = service.isEmpty();
        for (int i = 0; i < int(std::size(kFields)); ++i) {
            const Field &f = kFields[i];
            QSpinBox *spin = m_fields[i].second;
            spin->setValue(int(f.intMember ? l.*f.intMember : qMin<qint64>(l.*f.longMember, f.max)));
            m_form->setRowVisible(spin, f.scope & (serverWide ? ServerWide : PerService));
            auto *label = qobject_cast<QLabel *>(m_form->labelForField(spin));
            // The server's total is the descriptor budget worked out at start: shown, not edited.
            const bool atStart = serverWide && f.intMember == &Limits::maxConnections;
            spin->setReadOnly(atStart);
            spin->setButtonSymbols(atStart ? QAbstractSpinBox::NoButtons : QAbstractSpinBox::UpDownArrows);
            spin->setToolTip(atStart ? tr("Set at start: max_connections in config.json, then restart") : QString());
            if (label)
                label->setText(atStart ? tr("Connections at most, all services (set at start)") : tr(f.label));
        }
        m_message->clear();
        emit shown();
    });
}

void LimitsWidget::keep()
{
    whenReady(m_admin.saveConfig(), this, [this](const Result<QString> &r) {
        m_message->setText(savedConfigMessage(r));
        emit kept(r.ok() ? r.value : QString());
    });
}

void LimitsWidget::apply()
{
    // The form holds some of the limits: the others stay as they are.
    const QString service = currentService();
    QList<int> values;
    for (const auto &field : std::as_const(m_fields))
        values.append(field.second->value());
    whenReady(m_admin.limits(service), this, [this, service, values](Limits l) {
        for (int i = 0; i < int(std::size(kFields)); ++i) {
            const Field &f = kFields[i];
            if (!(f.scope & (service.isEmpty() ? ServerWide : PerService)) || m_fields[i].second->isReadOnly())
                continue;  // not a limit of this scope, or not one that changes while running
            if (f.intMember)
                l.*f.intMember = values[i];
            else
                l.*f.longMember = values[i];
        }
        whenReady(m_admin.setLimits(service, l), this, [this, service](const Status &r) {
            m_message->setText(!r.ok()              ? tr("Not changed: %1").arg(r.error)
                               : service.isEmpty() ? tr("Server-wide limits changed")
                                                   : tr("Limits of %1 changed").arg(service));
            emit applied(r.ok());
        });
    });
}

}  // namespace sb::ui
