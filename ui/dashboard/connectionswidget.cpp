#include "connectionswidget.h"
#include "format.h"
#include "widgets/emptyhint.h"

#include "connectionsmodel.h"
#include "api/monitor.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace sb::ui {

ConnectionsWidget::ConnectionsWidget(Monitor &monitor, QWidget *parent)
    : QWidget(parent), m_monitor(monitor), m_model(new ConnectionsModel(this)), m_proxy(new QSortFilterProxyModel(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(Qt::UserRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    auto *layout = new QVBoxLayout(this);
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter by service, peer, user or client id…"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    layout->addWidget(m_filter);
    m_view = new QTableView(this);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ConnectionsModel::Id, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    setEmptyHint(m_view, tr("No connections yet. Open one from the Clients tab, or give someone an address from the Overview's cards."));
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QTableView::customContextMenuRequested, this, &ConnectionsWidget::contextMenu);
    layout->addWidget(m_view, 1);
}

void ConnectionsWidget::refresh()
{
    const bool wasEmpty = m_model->rowCount() == 0;
    m_model->update(m_monitor.connections(), QDateTime::currentMSecsSinceEpoch());
    if (wasEmpty && m_model->rowCount() > 0)
        m_view->resizeColumnsToContents();  // once, when the first rows arrive
}

quint64 ConnectionsWidget::idAt(int viewRow) const
{
    const QModelIndex source = m_proxy->mapToSource(m_proxy->index(viewRow, 0));
    const ConnectionInfo *c = m_model->connection(source.row());
    return c ? c->id : 0;
}

void ConnectionsWidget::disconnectRow(int row, int code, const QString &reason)
{
    if (const quint64 id = idAt(row))
        m_monitor.closeConnection(id, code, reason);
}

void ConnectionsWidget::contextMenu(const QPoint &pos)
{
    const int row = m_view->indexAt(pos).row();
    const QModelIndex source = m_proxy->mapToSource(m_proxy->index(row, 0));
    const ConnectionInfo *c = m_model->connection(source.row());
    if (!c)
        return;
    const ConnectionInfo info = *c;
    QMenu menu(this);
    menu.addAction(tr("Disconnect…"), this, [this, row, info] {
        QDialog dialog(this);
        dialog.setWindowTitle(tr("Disconnect %1").arg(info.peer));
        auto *form = new QFormLayout(&dialog);
        auto *code = new QSpinBox(&dialog);
        code->setRange(1000, 4999);
        code->setValue(1000);
        code->setToolTip(tr("1000 normal closure, 1001 going away, 1008 policy violation, 4000–4999 your own"));
        auto *reason = new QLineEdit(tr("closed by the operator"), &dialog);
        reason->setMaxLength(120);
        form->addRow(tr("Close code"), code);
        form->addRow(tr("Reason"), reason);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
        buttons->button(QDialogButtonBox::Ok)->setText(tr("Disconnect"));
        form->addRow(buttons);
        connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
        connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
        if (dialog.exec() == QDialog::Accepted)
            disconnectRow(row, code->value(), reason->text());
    });
    menu.addAction(tr("Copy details"), this, [info] {
        QGuiApplication::clipboard()->setText(
            QCoreApplication::translate("sb::ui", "connection %1 · %2 · %3 · %4 · since %5 · in %6 msgs / %7 B · out %8 msgs / %9 B")
                .arg(info.id)
                .arg(info.service, info.peer, info.identity, formatDateTime(QDateTime::fromMSecsSinceEpoch(info.sinceMs)))
                .arg(info.messagesIn)
                .arg(info.bytesIn)
                .arg(info.messagesOut)
                .arg(info.bytesOut));
    });
    menu.addAction(tr("Show traffic"), this, [this, info] { emit showTraffic(info.id); });
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

}  // namespace sb::ui
