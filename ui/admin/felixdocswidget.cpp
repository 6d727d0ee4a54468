#include "felixdocswidget.h"
#include "widgets/emptyhint.h"

#include "api/administration.h"
#include "api/async.h"
#include "widgets/jsonhighlighter.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace sb::ui {

FelixDocsWidget::FelixDocsWidget(FelixAdmin &felix, QWidget *parent) : QWidget(parent), m_felix(felix)
{
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    m_kind = new QComboBox(this);
    m_kind->addItem(tr("Guilds"));
    m_kind->addItem(tr("Users"));
    auto *reload = new QPushButton(tr("Refresh"), this);
    top->addWidget(m_kind);
    top->addWidget(reload);
    top->addStretch(1);
    layout->addLayout(top);

    auto *split = new QSplitter(Qt::Horizontal, this);
    m_list = new QListWidget(split);
    setEmptyHint(m_list, tr("No documents yet. Bots create them with a felix update, or press New."));
    auto *right = new QWidget(split);
    auto *rl = new QVBoxLayout(right);
    rl->setContentsMargins(0, 0, 0, 0);
    auto *idRow = new QHBoxLayout;
    m_id = new QLineEdit(right);
    m_id->setPlaceholderText(tr("Document id, e.g. 1234567890"));
    auto *newButton = new QPushButton(tr("New"), right);
    idRow->addWidget(new QLabel(tr("Id"), right));
    idRow->addWidget(m_id, 1);
    idRow->addWidget(newButton);
    rl->addLayout(idRow);
    m_editor = new QPlainTextEdit(right);
    m_editor->setPlaceholderText(tr("The document: a JSON object"));
    new JsonHighlighter(m_editor->document());
    rl->addWidget(m_editor, 1);
    auto *buttons = new QHBoxLayout;
    auto *saveButton = new QPushButton(tr("Save"), right);
    saveButton->setToolTip(tr("Replaces the document; connections listening to this id get it at once"));
    auto *deleteButton = new QPushButton(tr("Delete"), right);
    m_message = new QLabel(right);
    m_message->setWordWrap(true);
    buttons->addWidget(saveButton);
    buttons->addWidget(deleteButton);
    buttons->addWidget(m_message, 1);
    rl->addLayout(buttons);
    split->addWidget(m_list);
    split->addWidget(right);
    split->setStretchFactor(1, 3);
    layout->addWidget(split, 1);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &FelixDocsWidget::refresh);
    connect(reload, &QPushButton::clicked, this, &FelixDocsWidget::refresh);
    connect(saveButton, &QPushButton::clicked, this, &FelixDocsWidget::save);
    connect(deleteButton, &QPushButton::clicked, this, &FelixDocsWidget::remove);
    connect(newButton, &QPushButton::clicked, this, [this] {
        m_list->clearSelection();
        m_id->clear();
        m_editor->setPlainText(QStringLiteral("{\n}"));
        m_id->setFocus();
    });
    connect(m_list, &QListWidget::currentTextChanged, this, &FelixDocsWidget::showDocument);
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        QJsonParseError err{};
        const QJsonDocument doc = QJsonDocument::fromJson(m_editor->toPlainText().toUtf8(), &err);
        if (m_editor->toPlainText().trimmed().isEmpty())
            m_message->clear();
        else if (err.error != QJsonParseError::NoError)
            m_message->setText(tr("Not JSON yet: %1 (at character %2)").arg(err.errorString()).arg(err.offset));
        else if (!doc.isObject())
            m_message->setText(tr("A document is a JSON object"));
        else
            m_message->setText(tr("Valid JSON"));
    });
    refresh();
}

bool FelixDocsWidget::guilds() const
{
    return m_kind->currentIndex() == 0;
}

void FelixDocsWidget::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void FelixDocsWidget::refresh()
{
    const quint64 serial = ++m_serial;
    whenReady(m_felix.documents(guilds()), this, [this, serial](const QList<FelixDocument> &docs) {
        if (serial != m_serial)
            return;  // a newer refresh is on its way
        const QString current = m_id->text();
        m_docs.clear();
        m_list->blockSignals(true);
        m_list->clear();
        for (const FelixDocument &d : docs) {
            m_docs.insert(d.id, QString::fromUtf8(QJsonDocument(d.data).toJson(QJsonDocument::Indented)));
            m_list->addItem(d.id);
            if (d.id == current)
                m_list->setCurrentRow(m_list->count() - 1);
        }
        m_list->blockSignals(false);
        emit refreshed();
    });
}

void FelixDocsWidget::showDocument(const QString &id)
{
    if (id.isEmpty())
        return;
    m_id->setText(id);
    m_editor->setPlainText(m_docs.value(id));
}

bool FelixDocsWidget::save()
{
    const QString id = m_id->text().trimmed();
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(m_editor->toPlainText().toUtf8(), &err);
    if (id.isEmpty()) {
        m_message->setText(tr("Give the document an id first"));
        return false;
    }
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        m_message->setText(err.error != QJsonParseError::NoError ? tr("Not saved: not JSON (%1)").arg(err.errorString())
                                                                 : tr("Not saved: a document is a JSON object"));
        emit finished(false, m_message->text());
        return false;
    }
    whenReady(m_felix.putDocument(guilds(), id, doc.object()), this, [this](const Status &r) { report(r); });
    return true;
}

void FelixDocsWidget::remove()
{
    const QString id = m_id->text().trimmed();
    if (id.isEmpty())
        return;
    whenReady(m_felix.removeDocument(guilds(), id), this, [this](const Status &r) { report(r); });
    m_editor->clear();
}

void FelixDocsWidget::report(const Status &status)
{
    m_message->setText(status.ok() ? tr("Done; connections listening to it got the change") : tr("Failed: %1").arg(status.error));
    emit finished(status.ok(), m_message->text());
    refresh();
}

}  // namespace sb::ui
