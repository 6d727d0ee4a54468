#include "listenerswidget.h"

#include "widgets/filedialogs.h"

#include "api/administration.h"
#include "api/async.h"
#include "savedconfig.h"
#include "api/monitor.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace sb::ui {

ListenersWidget::ListenersWidget(Monitor &monitor, ListenersAdmin &listeners, QWidget *parent)
    : QWidget(parent), m_monitor(monitor), m_listeners(listeners)
{
    auto *layout = new QVBoxLayout(this);
    m_table = new QTableWidget(0, 4, this);
    m_table->setHorizontalHeaderLabels({tr("Services"), tr("Port"), tr("TLS"), tr("Status")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table, 1);

    auto *form = new QFormLayout;
    m_port = new QSpinBox(this);
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("any free port"));
    form->addRow(tr("Port"), m_port);
    m_tls = new QCheckBox(tr("TLS (https:// and wss:// only)"), this);
    form->addRow(QString(), m_tls);
    auto fileRow = [this](QLineEdit *&edit, const QString &placeholder) {
        auto *row = new QHBoxLayout;
        edit = new QLineEdit(this);
        edit->setPlaceholderText(placeholder);
        auto *browse = new QPushButton(tr("Browse…"), this);
        QLineEdit *target = edit;
        connect(browse, &QPushButton::clicked, this, [this, target] {
            const QString f = openFileName(this, tr("PEM file"), tr("PEM files (*.pem *.crt *.key);;All files (*)"));
            if (!f.isEmpty())
                target->setText(f);
        });
        row->addWidget(edit, 1);
        row->addWidget(browse);
        return row;
    };
    form->addRow(tr("Certificate"), fileRow(m_cert, tr("PEM certificate file")));
    form->addRow(tr("Private key"), fileRow(m_key, tr("PEM key file")));
    auto *generateRow = new QHBoxLayout;
    auto *generate = new QPushButton(tr("Generate a self-signed certificate"), this);
    generate->setToolTip(tr("Valid for this computer's names and LAN addresses; clients must trust it or check its fingerprint"));
    m_fingerprint = new QLabel(this);
    m_fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fingerprint->setWordWrap(true);
    generateRow->addWidget(generate);
    generateRow->addWidget(m_fingerprint, 1);
    form->addRow(QString(), generateRow);
    layout->addLayout(form);
    auto *applyRow = new QHBoxLayout;
    m_warning = new QLabel(this);
    m_warning->setWordWrap(true);
    auto *applyButton = new QPushButton(tr("Apply and restart listener"), this);
    auto *keepButton = new QPushButton(tr("Keep for the next start"), this);
    keepButton->setToolTip(tr("Writes the settings in force to config.json in the data directory"));
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    applyRow->addWidget(m_warning, 1);
    applyRow->addWidget(applyButton);
    applyRow->addWidget(keepButton);
    layout->addLayout(applyRow);
    layout->addWidget(m_message);

    auto enableTls = [this](bool on) {
        m_cert->setEnabled(on);
        m_key->setEnabled(on);
    };
    connect(m_tls, &QCheckBox::toggled, this, enableTls);
    enableTls(false);
    connect(generate, &QPushButton::clicked, this, &ListenersWidget::generateCertificate);
    connect(applyButton, &QPushButton::clicked, this, &ListenersWidget::apply);
    connect(keepButton, &QPushButton::clicked, this, &ListenersWidget::keep);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) { select(row); });
    refresh();
    if (m_table->rowCount() > 0)
        m_table->selectRow(0);
}

void ListenersWidget::refresh()
{
    const QList<ListenerStatus> ls = m_monitor.listeners();
    const int current = m_selected;
    m_table->blockSignals(true);
    m_table->setRowCount(int(ls.size()));
    for (int i = 0; i < ls.size(); ++i) {
        const ListenerStatus &l = ls[i];
        m_table->setItem(i, 0, new QTableWidgetItem(l.services.join(QStringLiteral(", "))));
        m_table->setItem(i, 1, new QTableWidgetItem(l.port ? QString::number(l.port) : tr("–")));
        m_table->item(i, 1)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(i, 2, new QTableWidgetItem(l.tls ? tr("on") : tr("off")));
        m_table->setItem(i, 3, new QTableWidgetItem(l.running ? tr("Running at %1").arg(l.localUrl) : l.error.isEmpty() ? tr("Stopped") : tr("Failed: %1").arg(l.error)));
    }
    if (current >= 0 && current < m_table->rowCount())
        m_table->selectRow(current);
    m_table->blockSignals(false);
    updateWarning();
}

void ListenersWidget::select(int listener)
{
    const QList<ListenerStatus> ls = m_monitor.listeners();
    if (listener < 0 || listener >= ls.size())
        return;
    m_selected = listener;
    if (m_table->currentRow() != listener) {
        m_table->blockSignals(true);
        m_table->selectRow(listener);
        m_table->blockSignals(false);
    }
    const ListenerStatus &st = ls[listener];
    m_port->setValue(st.port ? st.port : st.configuredPort);
    m_tls->setChecked(!st.certificateFile.isEmpty());
    m_cert->setText(st.certificateFile);
    m_key->setText(st.keyFile);
    m_fingerprint->clear();
    m_message->clear();
    updateWarning();
}

void ListenersWidget::updateWarning()
{
    const ListenerStatus st = m_monitor.listeners().value(m_selected);
    if (m_selected < 0) {
        m_warning->clear();
        return;
    }
    m_warning->setText(st.running ? tr("Applying restarts this listener: the connections open on it are closed (1001) and clients reconnect.")
                                  : tr("This listener is stopped; the settings apply when it starts."));
}

void ListenersWidget::generateCertificate()
{
    if (m_selected < 0)
        return;
    m_fingerprint->setText(tr("Generating…"));
    whenReady(m_listeners.createCertificate(m_selected), this, [this](const Result<CertificateInfo> &r) {
        if (!r.ok()) {
            m_fingerprint->setText(tr("Could not generate: %1").arg(r.error));
            emit certificateReady(false);
            return;
        }
        m_tls->setChecked(true);
        m_cert->setText(r.value.certificateFile);
        m_key->setText(r.value.keyFile);
        m_fingerprint->setText(tr("SHA-256 fingerprint: %1").arg(r.value.sha256Fingerprint));
        emit certificateReady(true);
    });
}

void ListenersWidget::keep()
{
    whenReady(m_listeners.saveConfig(), this, [this](const Result<QString> &r) {
        m_message->setText(savedConfigMessage(r));
        emit kept(r.ok() ? r.value : QString());
    });
}

void ListenersWidget::apply()
{
    if (m_selected < 0)
        return;
    std::optional<TlsFiles> tls;
    if (m_tls->isChecked()) {
        if (m_cert->text().trimmed().isEmpty() || m_key->text().trimmed().isEmpty()) {
            m_message->setText(tr("TLS needs a certificate and a key (or generate them)"));
            emit applied(false);
            return;
        }
        tls = TlsFiles{m_cert->text().trimmed(), m_key->text().trimmed()};
    }
    const int id = m_selected;
    whenReady(m_listeners.reconfigureListener(id, m_port->value(), tls), this, [this, id](const Status &r) {
        const ListenerStatus st = m_monitor.listeners().value(id);
        m_message->setText(r.ok() ? (st.running ? tr("Listening at %1").arg(st.localUrl) : tr("Saved; applies when the listener starts"))
                                  : tr("Not changed: %1").arg(r.error));
        refresh();
        emit applied(r.ok());
    });
}

}  // namespace sb::ui
