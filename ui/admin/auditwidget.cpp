#include "auditwidget.h"
#include "format.h"
#include "widgets/emptyhint.h"

#include "api/administration.h"
#include "api/async.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace sb::ui {

namespace {
constexpr int kShown = 500;
}

AuditWidget::AuditWidget(AuditAdmin &audit, QWidget *parent) : QWidget(parent), m_audit(audit)
{
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Every administrative change to this server — from this window or from a desktop app attached "
                                "remotely — with who made it and from where. Kept in the server's database."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_table = new QTableWidget(0, 5, this);
    m_table->setHorizontalHeaderLabels({tr("When"), tr("Who"), tr("From"), tr("Change"), tr("On")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    setEmptyHint(m_table, tr("No administrative changes yet."));
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    layout->addWidget(m_table, 1);
    auto *row = new QHBoxLayout;
    auto *refreshButton = new QPushButton(tr("Refresh"), this);
    m_message = new QLabel(this);
    row->addWidget(refreshButton);
    row->addWidget(m_message, 1);
    layout->addLayout(row);
    connect(refreshButton, &QPushButton::clicked, this, &AuditWidget::refresh);
}

void AuditWidget::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void AuditWidget::refresh()
{
    whenReady(m_audit.entries(kShown), this, [this](const QList<AuditEntry> &entries) {
        m_table->setRowCount(int(entries.size()));
        for (int i = 0; i < entries.size(); ++i) {
            const AuditEntry &e = entries[i];
            const QStringList cells{formatDateTime(e.at), e.who, e.address, e.action, e.detail};
            for (int c = 0; c < cells.size(); ++c) {
                auto *item = new QTableWidgetItem(cells[c]);
                item->setToolTip(cells[c]);
                m_table->setItem(i, c, item);
            }
        }
        m_table->resizeColumnsToContents();
        m_message->setText(entries.isEmpty() ? tr("No changes recorded yet.") : tr("The latest %n change(s), newest first.", nullptr, int(entries.size())));
        emit refreshed();
    });
}

}  // namespace sb::ui
