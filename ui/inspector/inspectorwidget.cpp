#include "inspectorwidget.h"
#include "widgets/emptyhint.h"

#include "widgets/filedialogs.h"

#include "api/monitor.h"
#include "widgets/jsonhighlighter.h"
#include "trafficexport.h"
#include "trafficmodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFontDatabase>
#include <QFile>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace sb::ui {

InspectorWidget::InspectorWidget(Monitor &monitor, QWidget *parent)
    : QWidget(parent), m_monitor(monitor), m_model(new TrafficModel(20'000, this))
{
    auto *layout = new QVBoxLayout(this);
    auto *controls = new QHBoxLayout;
    m_capture = new QCheckBox(tr("Capture traffic"), this);
    m_capture->setToolTip(tr("Record every message and HTTP request of every service (secrets are masked). Off, capture costs nothing."));
    m_pause = new QPushButton(tr("Pause"), this);
    m_pause->setCheckable(true);
    connect(m_pause, &QPushButton::toggled, this, [this](bool paused) { m_pause->setText(paused ? tr("Resume") : tr("Pause")); });
    auto *clear = new QPushButton(tr("Clear"), this);
    auto *exportButton = new QPushButton(tr("Export…"), this);
    exportButton->setToolTip(tr("Save the shown records as JSON Lines"));
    auto *harButton = new QPushButton(tr("Export HAR…"), this);
    harButton->setToolTip(tr("Save the shown HTTP requests and responses as a HAR file (browser developer tools open it)"));
    controls->addWidget(m_capture);
    controls->addWidget(m_pause);
    controls->addWidget(clear);
    controls->addWidget(exportButton);
    controls->addWidget(harButton);
    auto *importButton = new QPushButton(tr("Import…"), this);
    importButton->setToolTip(tr("Look at a capture saved with Export… (live capture pauses)"));
    controls->addWidget(importButton);
    connect(importButton, &QPushButton::clicked, this, [this] {
        const QString file = openFileName(this, tr("Import a capture"), tr("JSON Lines (*.jsonl);;All files (*)"));
        if (!file.isEmpty())
            importJsonLines(file);
    });
    auto *again = new QPushButton(tr("Send again…"), this);
    again->setToolTip(tr("Put the selected client message into the raw client, to send it again"));
    controls->addWidget(again);
    connect(again, &QPushButton::clicked, this, [this] {
        const CaptureRecord *r = m_model->record(m_view->currentIndex().row());
        if (r && (r->kind == CaptureRecord::Text || r->kind == CaptureRecord::Binary))
            emit sendAgain(r->data, r->kind == CaptureRecord::Binary);
    });
    m_follow = new QCheckBox(tr("Follow"), this);
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("Keep the newest record in view"));
    controls->addWidget(m_follow);
    m_keep = new QSpinBox(this);
    m_keep->setRange(1'000, 1'000'000);
    m_keep->setSingleStep(10'000);
    m_keep->setGroupSeparatorShown(true);
    m_keep->setPrefix(tr("keep "));
    m_keep->setSuffix(tr(" rows"));
    m_keep->setToolTip(tr("How many records the inspector keeps; the oldest go first"));
    m_keep->setValue(QSettings().value(QStringLiteral("inspector/keep"), 20'000).toInt());
    m_model->setMaxRecords(m_keep->value());
    connect(m_keep, &QSpinBox::valueChanged, this, [this](int n) {
        m_model->setMaxRecords(n);
        QSettings().setValue(QStringLiteral("inspector/keep"), n);
    });
    controls->addWidget(m_keep);
    controls->addStretch(1);
    m_status = new QLabel(this);
    controls->addWidget(m_status);
    layout->addLayout(controls);
    m_exportNote = new QLabel(this);  // what the last export wrote
    m_exportNote->setWordWrap(true);
    m_exportNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_exportNote->hide();  // until there is something to say
    layout->addWidget(m_exportNote);

    layout->addLayout(buildFilters());

    auto *split = new QSplitter(Qt::Vertical, this);
    m_view = new QTableView(split);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    setEmptyHint(m_view, tr("Nothing captured yet. Tick “Capture traffic”, then use a client: every frame, ping and HTTP exchange shows here."));
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_detail = new QPlainTextEdit(split);
    m_detail->setReadOnly(true);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_highlighter = new JsonHighlighter(m_detail->document());
    m_detail->setPlaceholderText(tr("Select a record to see it whole: JSON indented in the order it came, binary as hex."));
    m_raw = new QCheckBox(tr("Raw"), this);
    m_raw->setToolTip(tr("Show the payload exactly as it came (binary as hex)"));
    connect(m_raw, &QCheckBox::toggled, this, &InspectorWidget::showSelected);
    auto *detailBox = new QWidget(split);
    auto *dl = new QVBoxLayout(detailBox);
    dl->setContentsMargins(0, 0, 0, 0);
    dl->addWidget(m_raw);
    dl->addWidget(m_detail, 1);
    m_detail->setParent(detailBox);
    split->addWidget(m_view);
    split->addWidget(detailBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    connect(m_capture, &QCheckBox::toggled, this, &InspectorWidget::setCapture);
    connect(clear, &QPushButton::clicked, this, [this] {
        m_model->clear();
        m_detail->clear();
    });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString file = saveFileName(this, tr("Export traffic"), QStringLiteral("traffic.jsonl"), tr("JSON Lines (*.jsonl)"));
        if (!file.isEmpty())
            exportJsonLines(file);
    });
    connect(harButton, &QPushButton::clicked, this, [this] {
        const QString file = saveFileName(this, tr("Export HTTP as HAR"), QStringLiteral("traffic.har"), tr("HAR (*.har)"));
        if (!file.isEmpty())
            exportHar(file);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &InspectorWidget::showSelected);
    m_timer.setInterval(200);
    connect(&m_timer, &QTimer::timeout, this, &InspectorWidget::pull);
    m_timer.start();
}

QLayout *InspectorWidget::buildFilters()
{
    auto *filters = new QHBoxLayout;
    m_service = new QComboBox(this);
    m_service->addItem(tr("All services"), QString());
    for (const QString &s : capturable())
        m_service->addItem(s, s);
    m_direction = new QComboBox(this);
    m_direction->addItem(tr("Both directions"), -1);
    m_direction->addItem(tr("In (from clients)"), int(CaptureRecord::In));
    m_direction->addItem(tr("Out (to clients)"), int(CaptureRecord::Out));
    m_connection = new QLineEdit(this);
    m_connection->setPlaceholderText(tr("Connection id"));
    m_connection->setMaximumWidth(120);
    m_text = new QLineEdit(this);
    m_text->setPlaceholderText(tr("Text in the payload"));
    m_text->setClearButtonEnabled(true);
    m_regex = new QCheckBox(tr("Regular expression"), this);
    filters->addWidget(m_service);
    filters->addWidget(m_direction);
    filters->addWidget(m_connection);
    filters->addWidget(m_text, 1);
    filters->addWidget(m_regex);
    for (QComboBox *c : {m_service, m_direction})
        connect(c, &QComboBox::currentIndexChanged, this, &InspectorWidget::applyFilter);
    for (QLineEdit *e : {m_connection, m_text})
        connect(e, &QLineEdit::textChanged, this, &InspectorWidget::applyFilter);
    connect(m_regex, &QCheckBox::toggled, this, &InspectorWidget::applyFilter);
    return filters;
}

QStringList InspectorWidget::capturable() const
{
    // What the node counts, it can capture: its services, the accounts' routes, plain HTTP.
    QStringList names;
    for (const ServiceCountersSnapshot &c : m_monitor.snapshot().services)
        names.append(c.service);
    return names;
}

void InspectorWidget::setCapture(bool on)
{
    for (const QString &s : capturable())
        m_monitor.setCapture(s, on);
    if (m_capture->isChecked() != on)
        m_capture->setChecked(on);
}

bool InspectorWidget::capturing() const
{
    return m_capture->isChecked();
}

void InspectorWidget::showConnection(quint64 id)
{
    m_connection->setText(QString::number(id));
    if (!m_capture->isChecked())
        setCapture(true);
}

void InspectorWidget::pull()
{
    if (m_pause->isChecked())
        return;
    quint64 dropped = 0;
    const QList<CaptureRecord> batch = m_monitor.captured(m_lastId, 5000, &dropped);
    m_dropped += dropped;
    if (!batch.isEmpty()) {
        m_lastId = batch.last().id;
        m_model->append(batch);
        if (m_follow->isChecked())
            m_view->scrollToBottom();
    }
    m_status->setText(m_dropped ? tr("%1 shown of %2 kept · %3 lost while paused or slow").arg(m_model->rowCount()).arg(m_model->stored()).arg(m_dropped)
                                : tr("%1 shown of %2 kept").arg(m_model->rowCount()).arg(m_model->stored()));
}

void InspectorWidget::applyFilter()
{
    TrafficFilter f;
    f.service = m_service->currentData().toString();
    f.direction = m_direction->currentData().toInt();
    f.connection = m_connection->text().trimmed().toULongLong();
    f.text = m_text->text();
    f.regex = m_regex->isChecked();
    m_model->setFilter(f);
    m_detail->clear();
    // A remote node sends only what passes (a regular expression is applied here only).
    CaptureFilter wanted;
    wanted.service = f.service;
    wanted.direction = f.direction;
    wanted.connection = f.connection;
    wanted.text = f.regex ? QString() : f.text;
    m_monitor.setCaptureFilter(wanted);
}

void InspectorWidget::showSelected()
{
    const CaptureRecord *r = m_model->record(m_view->currentIndex().row());
    const bool raw = m_raw->isChecked();
    // Coloured as JSON only when it is JSON: a hex dump's digits are not numbers of JSON.
    m_highlighter->setDocument(r && !raw && isJsonPayload(*r) ? m_detail->document() : nullptr);
    m_detail->setPlainText(r ? describePayload(*r, raw) : QString());
}

bool InspectorWidget::importJsonLines(const QString &file)
{
    QString error;
    const QList<CaptureRecord> records = TrafficExport::readJsonLines(file, &error);
    m_exportNote->show();
    if (!error.isEmpty()) {
        m_exportNote->setText(tr("Not imported: %1").arg(error));
        return false;
    }
    m_pause->setChecked(true);  // what is shown is the file's, not the live capture
    m_model->clear();
    m_detail->clear();
    m_model->append(records);
    m_exportNote->setText(tr("Showing %n record(s) from %1. Clear, then Resume, to watch live again.", nullptr, int(records.size())).arg(file));
    return true;
}

ExportSummary InspectorWidget::exportJsonLines(const QString &file)
{
    const ExportSummary s = TrafficExport::jsonLines(m_model->visible(), file);
    tellExported(s, tr("%n record(s)", nullptr, s.records), file);
    return s;
}

ExportSummary InspectorWidget::exportHar(const QString &file)
{
    QHash<QString, QString> bases;  // where each service's WebSockets were reached
    for (const ListenerStatus &l : m_monitor.listeners()) {
        for (const QString &service : l.services)
            bases.insert(service, l.localUrl);
    }
    const ExportSummary s = TrafficExport::har(m_model->visible(), bases, file);
    tellExported(s,
                 tr("%1 and %2 with %3", "HAR export: exchanges, connections, messages")
                     .arg(tr("%n HTTP exchange(s)", nullptr, s.exchanges), tr("%n WebSocket connection(s)", nullptr, s.webSockets),
                          tr("%n message(s)", nullptr, s.messages)),
                 file);
    return s;
}

void InspectorWidget::tellExported(const ExportSummary &s, const QString &what, const QString &file)
{
    m_exportNote->show();
    if (!s.ok) {
        m_exportNote->setText(tr("Not exported: %1").arg(s.error));
        return;
    }
    const int shown = m_model->rowCount();
    const int kept = m_model->stored();
    m_exportNote->setText(shown < kept ? tr("Wrote %1 to %2 — only the %3 filtered rows of %4 captured").arg(what, file).arg(shown).arg(kept)
                                       : tr("Wrote %1 to %2 — every captured row").arg(what, file));
}

}  // namespace sb::ui
