#include "smileswidget.h"
#include "widgets/emptyhint.h"

#include "widgets/filedialogs.h"

#include "api/administration.h"
#include "api/async.h"

#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QInputDialog>
#include <QLabel>
#include <QPixmap>
#include <QPushButton>
#include <QTableWidget>
#include <QThreadPool>
#include <QVBoxLayout>

namespace sb::ui {

SmilesWidget::SmilesWidget(ChatAdmin &chat, QWidget *parent) : QWidget(parent), m_chat(chat)
{
    auto *layout = new QVBoxLayout(this);
    m_table = new QTableWidget(0, 3, this);
    m_table->setHorizontalHeaderLabels({tr("Smile"), tr("Id"), tr("Price (coins)")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    setEmptyHint(m_table, tr("No smiles yet. Press Add smile… to sell an image in chat."));
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setIconSize(QSize(40, 40));
    m_table->verticalHeader()->setDefaultSectionSize(44);
    layout->addWidget(m_table, 1);
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add smile…"), this);
    add->setToolTip(tr("A PNG, JPEG, GIF or WebP image, with its price"));
    auto *price = new QPushButton(tr("Change price…"), this);
    auto *removeButton = new QPushButton(tr("Remove"), this);
    removeButton->setToolTip(tr("It leaves the grid; messages that used it keep showing it"));
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    buttons->addWidget(add);
    buttons->addWidget(price);
    buttons->addWidget(removeButton);
    buttons->addWidget(m_message, 1);
    auto *reload = new QPushButton(tr("Refresh"), this);
    connect(reload, &QPushButton::clicked, this, &SmilesWidget::refresh);
    buttons->addWidget(reload);
    layout->addLayout(buttons);

    connect(add, &QPushButton::clicked, this, [this] {
        const QString path = openFileName(this, tr("Add a smile"), tr("Images (*.png *.jpg *.jpeg *.gif *.webp)"));
        if (path.isEmpty())
            return;
        bool ok = false;
        const int price = QInputDialog::getInt(this, tr("Add a smile"), tr("Price in coins (0: free)"), 0, 0, 1'000'000, 1, &ok);
        if (ok)
            addFromFile(path, price);
    });
    connect(price, &QPushButton::clicked, this, [this] {
        const qint64 id = selectedId();
        if (id <= 0)
            return;
        bool ok = false;
        const int current = m_table->item(m_table->currentRow(), 2)->text().toInt();
        const int value = QInputDialog::getInt(this, tr("Change price"), tr("Price of smile %1 in coins").arg(id), current, 0, 1'000'000, 1, &ok);
        if (ok)
            setPrice(id, value);
    });
    connect(removeButton, &QPushButton::clicked, this, [this] {
        if (const qint64 id = selectedId(); id > 0)
            remove(id);
    });
    refresh();
}

qint64 SmilesWidget::selectedId() const
{
    const int row = m_table->currentRow();
    return row < 0 || !m_table->item(row, 1) ? 0 : m_table->item(row, 1)->text().toLongLong();
}

void SmilesWidget::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void SmilesWidget::refresh()
{
    const quint64 serial = ++m_serial;
    whenReady(m_chat.smiles(), this, [this, serial](const QList<SmileInfo> &smiles) {
        if (serial != m_serial)
            return;
        m_table->setRowCount(0);
        for (const SmileInfo &smile : smiles) {
            const int row = m_table->rowCount();
            m_table->insertRow(row);
            m_table->setItem(row, 0, new QTableWidgetItem);
            m_table->setItem(row, 1, new QTableWidgetItem(QString::number(smile.id)));
            m_table->setItem(row, 2, new QTableWidgetItem(QString::number(smile.price)));
            for (int c : {1, 2})  // numbers, right-aligned
                m_table->item(row, c)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            // The picture follows: read by the server, decoded and scaled off the GUI thread.
            const auto picture = m_chat.smileImage(smile.fileUuid).then(QThreadPool::globalInstance(), [](const QByteArray &bytes) {
                QImage image;
                image.loadFromData(bytes);
                return image.isNull() ? image : image.scaled(40, 40, Qt::KeepAspectRatio, Qt::SmoothTransformation);
            });
            whenReady(picture, this, [this, serial, row](const QImage &image) {
                if (serial == m_serial && m_table->item(row, 0))
                    m_table->item(row, 0)->setIcon(QIcon(QPixmap::fromImage(image)));
            });
        }
        emit refreshed();
    });
}

void SmilesWidget::addFromFile(const QString &path, qint64 price)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return report(Status::failed(f.errorString()), {});
    const QString name = QFileInfo(path).fileName();
    whenReady(m_chat.addSmile(f.read(kMaxImageBytes), name, price), this, [this, name](const Result<SmileInfo> &r) {
        report({r.error}, tr("Added %1").arg(name));
    });
}

void SmilesWidget::setPrice(qint64 id, qint64 price)
{
    whenReady(m_chat.setSmilePrice(id, price), this, [this, id, price](const Status &r) {
        report(r, tr("Smile %1 now costs %2 coins").arg(id).arg(price));
    });
}

void SmilesWidget::remove(qint64 id)
{
    whenReady(m_chat.removeSmile(id), this, [this, id](const Status &r) { report(r, tr("Removed smile %1").arg(id)); });
}

void SmilesWidget::report(const Status &status, const QString &done)
{
    m_message->setText(status.ok() ? done : tr("Failed: %1").arg(status.error));
    emit finished(status.ok(), m_message->text());
    refresh();
}

}  // namespace sb::ui
