#include "smileswidget.h"

#include "serverhost.h"

#include <QApplication>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QInputDialog>
#include <QLabel>
#include <QPixmap>
#include <QPointer>
#include <QPushButton>
#include <QTableWidget>
#include <QThreadPool>
#include <QVBoxLayout>

namespace sb::ui {

SmilesWidget::SmilesWidget(ServerHost &host, QWidget *parent) : QWidget(parent), m_host(host)
{
    auto *layout = new QVBoxLayout(this);
    m_table = new QTableWidget(0, 3, this);
    m_table->setHorizontalHeaderLabels({tr("Smile"), tr("Id"), tr("Price (coins)")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
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
    layout->addLayout(buttons);

    connect(add, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Add a smile"), QString(), tr("Images (*.png *.jpg *.jpeg *.gif *.webp)"));
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

void SmilesWidget::refresh()
{
    const quint64 serial = ++m_serial;
    ServerHost *host = &m_host;
    QPointer<SmilesWidget> self(this);
    m_pool.start([host, self, serial] {
        struct Row {
            SmileInfo smile;
            QImage image;
        };
        QList<Row> rows;
        for (const SmileInfo &s : host->smiles()) {
            QImage image;
            image.loadFromData(host->smileImage(s.fileUuid));
            rows.append({s, image.isNull() ? image : image.scaled(40, 40, Qt::KeepAspectRatio, Qt::SmoothTransformation)});
        }
        QMetaObject::invokeMethod(
            qApp,
            [self, rows, serial] {
                if (!self || serial != self->m_serial)
                    return;
                QTableWidget *t = self->m_table;
                t->setRowCount(0);
                for (const Row &r : rows) {
                    const int row = t->rowCount();
                    t->insertRow(row);
                    auto *picture = new QTableWidgetItem;
                    picture->setIcon(QIcon(QPixmap::fromImage(r.image)));
                    t->setItem(row, 0, picture);
                    t->setItem(row, 1, new QTableWidgetItem(QString::number(r.smile.id)));
                    t->setItem(row, 2, new QTableWidgetItem(QString::number(r.smile.price)));
                }
                emit self->refreshed();
            },
            Qt::QueuedConnection);
    });
}

void SmilesWidget::addFromFile(const QString &path, qint64 price)
{
    ServerHost *host = &m_host;
    run(
        [host, path, price] {
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly))
                return f.errorString();
            QString error;
            return host->addSmile(f.readAll(), QFileInfo(path).fileName(), price, &error) ? QString() : error;
        },
        tr("Added %1").arg(QFileInfo(path).fileName()));
}

void SmilesWidget::setPrice(qint64 id, qint64 price)
{
    ServerHost *host = &m_host;
    run(
        [host, id, price] {
            QString error;
            return host->setSmilePrice(id, price, &error) ? QString() : error;
        },
        tr("Smile %1 now costs %2 coins").arg(id).arg(price));
}

void SmilesWidget::remove(qint64 id)
{
    ServerHost *host = &m_host;
    run(
        [host, id] {
            QString error;
            return host->removeSmile(id, &error) ? QString() : error;
        },
        tr("Removed smile %1").arg(id));
}

void SmilesWidget::run(std::function<QString()> work, const QString &done)
{
    QPointer<SmilesWidget> self(this);
    m_pool.start([work, self, done] {
        const QString error = work();
        QMetaObject::invokeMethod(
            qApp,
            [self, error, done] {
                if (!self)
                    return;
                self->m_message->setText(error.isEmpty() ? done : tr("Failed: %1").arg(error));
                emit self->finished(error.isEmpty(), self->m_message->text());
                self->refresh();
            },
            Qt::QueuedConnection);
    });
}

}  // namespace sb::ui
