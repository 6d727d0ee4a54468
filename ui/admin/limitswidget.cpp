#include "limitswidget.h"

#include "serverhost.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace sb::ui {

namespace {
struct Field {
    const char *key;
    const char *label;
    int Limits::*intMember;
    qint64 Limits::*longMember;
    int max;
};

const Field kFields[] = {
    {"messages_per_second", QT_TRANSLATE_NOOP("sb::ui::LimitsWidget", "Messages per second, per connection"), &Limits::messagesPerSecond, nullptr, 10'000'000},
    {"message_bytes", QT_TRANSLATE_NOOP("sb::ui::LimitsWidget", "Largest message (bytes)"), nullptr, &Limits::messageBytes, 1'000'000'000},
    {"frame_bytes", QT_TRANSLATE_NOOP("sb::ui::LimitsWidget", "Largest frame (bytes)"), nullptr, &Limits::frameBytes, 1'000'000'000},
    {"max_connections", QT_TRANSLATE_NOOP("sb::ui::LimitsWidget", "Connections at most"), &Limits::maxConnections, nullptr, 1'000'000},
    {"max_connections_per_ip", QT_TRANSLATE_NOOP("sb::ui::LimitsWidget", "Connections per address at most"), &Limits::maxConnectionsPerIp, nullptr, 1'000'000},
    {"unauthenticated_ms", QT_TRANSLATE_NOOP("sb::ui::LimitsWidget", "Time to authenticate (ms)"), &Limits::unauthenticatedMs, nullptr, 3'600'000},
    {"ping_interval_ms", QT_TRANSLATE_NOOP("sb::ui::LimitsWidget", "Ping every (ms, 0: never)"), &Limits::pingIntervalMs, nullptr, 3'600'000},
    {"pong_timeout_ms", QT_TRANSLATE_NOOP("sb::ui::LimitsWidget", "Pong within (ms)"), &Limits::pongTimeoutMs, nullptr, 3'600'000},
    {"send_queue_bytes", QT_TRANSLATE_NOOP("sb::ui::LimitsWidget", "Unread data kept for a client (bytes)"), nullptr, &Limits::sendQueueBytes, 1'000'000'000},
    {"send_timeout_ms", QT_TRANSLATE_NOOP("sb::ui::LimitsWidget", "Client must read within (ms)"), &Limits::sendTimeoutMs, nullptr, 86'400'000},
    {"body_bytes", QT_TRANSLATE_NOOP("sb::ui::LimitsWidget", "Largest HTTP body (bytes)"), nullptr, &Limits::bodyBytes, 1'000'000'000},
    {"head_bytes", QT_TRANSLATE_NOOP("sb::ui::LimitsWidget", "Largest HTTP head (bytes)"), &Limits::headBytes, nullptr, 1'048'576},
    {"head_timeout_ms", QT_TRANSLATE_NOOP("sb::ui::LimitsWidget", "Time to send an HTTP head (ms)"), &Limits::headTimeoutMs, nullptr, 3'600'000},
    {"keep_alive_ms", QT_TRANSLATE_NOOP("sb::ui::LimitsWidget", "Idle keep-alive (ms)"), &Limits::keepAliveMs, nullptr, 3'600'000},
};
}  // namespace

LimitsWidget::LimitsWidget(ServerHost &host, QWidget *parent) : QWidget(parent), m_host(host)
{
    auto *layout = new QVBoxLayout(this);
    m_scope = new QComboBox(this);
    m_scope->addItem(tr("Server-wide (HTTP heads, keep-alive)"), QString());
    for (const QString &name : ServerConfig::knownServices()) {
        if (m_host.config().services.contains(name))
            m_scope->addItem(name, name);
    }
    layout->addWidget(m_scope);
    auto *form = new QFormLayout;
    for (const Field &f : kFields) {
        auto *spin = new QSpinBox(this);
        spin->setRange(0, f.max);
        spin->setGroupSeparatorShown(true);
        spin->setObjectName(QString::fromLatin1(f.key));
        form->addRow(tr(f.label), spin);
        m_fields.append({QString::fromLatin1(f.key), spin});
    }
    layout->addLayout(form);
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
    const Limits l = m_host.limits(service);
    for (int i = 0; i < int(std::size(kFields)); ++i) {
        const Field &f = kFields[i];
        m_fields[i].second->setValue(int(f.intMember ? l.*f.intMember : qMin<qint64>(l.*f.longMember, f.max)));
    }
    m_message->clear();
}

QString LimitsWidget::keep()
{
    QString error;
    const QString path = m_host.saveConfig(&error);
    m_message->setText(path.isEmpty() ? tr("Not saved: %1").arg(error)
                                       : tr("Saved to %1: the next start uses it (unless --config names another file)").arg(path));
    return path;
}

void LimitsWidget::apply()
{
    const QString service = currentService();
    Limits l = m_host.limits(service);
    for (int i = 0; i < int(std::size(kFields)); ++i) {
        const Field &f = kFields[i];
        if (f.intMember)
            l.*f.intMember = m_fields[i].second->value();
        else
            l.*f.longMember = m_fields[i].second->value();
    }
    m_host.setLimits(service, l);
    m_message->setText(service.isEmpty() ? tr("Server-wide limits changed") : tr("Limits of %1 changed").arg(service));
}

}  // namespace sb::ui
