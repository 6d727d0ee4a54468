#include "inspectorwidget.h"

#include "api/monitor.h"
#include "widgets/jsonhighlighter.h"
#include "trafficmodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFontDatabase>
#include <QFile>
#include <QFileDialog>
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
    auto *again = new QPushButton(tr("Send again…"), this);
    again->setToolTip(tr("Put the selected client message into the raw client, to send it again"));
    controls->addWidget(again);
    connect(again, &QPushButton::clicked, this, [this] {
        const CaptureRecord *r = m_model->record(m_view->currentIndex().row());
        if (r && (r->kind == CaptureRecord::Text || r->kind == CaptureRecord::Binary))
            emit sendAgain(r->data, r->kind == CaptureRecord::Binary);
    });
    controls->addStretch(1);
    m_status = new QLabel(this);
    controls->addWidget(m_status);
    layout->addLayout(controls);

    layout->addLayout(buildFilters());

    auto *split = new QSplitter(Qt::Vertical, this);
    m_view = new QTableView(split);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_detail = new QPlainTextEdit(split);
    m_detail->setReadOnly(true);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    new JsonHighlighter(m_detail->document());
    m_detail->setPlaceholderText(tr("Select a record to see it whole: JSON pretty-printed, binary as hex."));
    split->addWidget(m_view);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    connect(m_capture, &QCheckBox::toggled, this, &InspectorWidget::setCapture);
    connect(clear, &QPushButton::clicked, this, [this] {
        m_model->clear();
        m_detail->clear();
    });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(this, tr("Export traffic"), QStringLiteral("traffic.jsonl"), tr("JSON Lines (*.jsonl)"));
        if (!file.isEmpty() && !exportJsonLines(file))
            m_status->setText(tr("Could not write %1").arg(file));
    });
    connect(harButton, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(this, tr("Export HTTP as HAR"), QStringLiteral("traffic.har"), tr("HAR (*.har)"));
        if (!file.isEmpty() && !exportHar(file))
            m_status->setText(tr("Could not write %1").arg(file));
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
    const QScrollBar *bar = m_view->verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum() - 2;
    quint64 dropped = 0;
    const QList<CaptureRecord> batch = m_monitor.captured(m_lastId, 5000, &dropped);
    m_dropped += dropped;
    if (!batch.isEmpty()) {
        m_lastId = batch.last().id;
        m_model->append(batch);
        if (atBottom)
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
    m_detail->setPlainText(r ? describePayload(*r) : QString());
}

bool InspectorWidget::exportJsonLines(const QString &file) const
{
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    for (const CaptureRecord &r : m_model->visible()) {
        // Binary messages as base64; text (and HTTP) as is.
        const bool text = r.kind != CaptureRecord::Binary && QString::fromUtf8(r.data).toUtf8() == r.data;
        QJsonObject o{{QStringLiteral("id"), double(r.id)},
                      {QStringLiteral("time"), QDateTime::fromMSecsSinceEpoch(r.timeMs, Qt::UTC).toString(Qt::ISODateWithMs)},
                      {QStringLiteral("connection"), double(r.connection)},
                      {QStringLiteral("service"), r.service},
                      {QStringLiteral("direction"), r.direction == CaptureRecord::In ? QStringLiteral("in") : QStringLiteral("out")},
                      {QStringLiteral("type"), TrafficModel::kindName(r.kind)},
                      {QStringLiteral("size"), double(r.size)}};
        if (text)
            o.insert(QStringLiteral("data"), QString::fromUtf8(r.data));
        else
            o.insert(QStringLiteral("data_base64"), QString::fromLatin1(r.data.toBase64()));
        f.write(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
    }
    return true;
}

namespace {

struct HttpText {
    QByteArray firstLine;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
};

HttpText splitHttp(const QByteArray &raw)
{
    HttpText t;
    const qsizetype end = raw.indexOf("\r\n\r\n");
    const QByteArray head = end < 0 ? raw : raw.left(end);
    t.body = end < 0 ? QByteArray() : raw.mid(end + 4);
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        if (i == 0) {
            t.firstLine = line;
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            t.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    return t;
}

QJsonArray harHeaders(const HttpText &t)
{
    QJsonArray out;
    for (const auto &h : t.headers)
        out.append(QJsonObject{{QStringLiteral("name"), QString::fromLatin1(h.first)}, {QStringLiteral("value"), QString::fromUtf8(h.second)}});
    return out;
}

QString headerValue(const HttpText &t, const char *name)
{
    for (const auto &h : t.headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return QString::fromUtf8(h.second);
    }
    return {};
}

}  // namespace

bool InspectorWidget::exportHar(const QString &file) const
{
    QJsonArray entries;
    const QList<CaptureRecord> &records = m_model->visible();
    for (qsizetype i = 0; i < records.size(); ++i) {
        const CaptureRecord &req = records[i];
        if (req.kind != CaptureRecord::HttpRequest)
            continue;
        // Its response is the next one on the same connection.
        const CaptureRecord *resp = nullptr;
        for (qsizetype j = i + 1; j < records.size() && !resp; ++j) {
            if (records[j].connection == req.connection && records[j].kind == CaptureRecord::HttpResponse)
                resp = &records[j];
        }
        const HttpText rq = splitHttp(req.data);
        const QList<QByteArray> parts = rq.firstLine.split(' ');
        QJsonObject request{{QStringLiteral("method"), QString::fromLatin1(parts.value(0))},
                            {QStringLiteral("url"), QStringLiteral("http://%1%2").arg(headerValue(rq, "Host"), QString::fromUtf8(parts.value(1)))},
                            {QStringLiteral("httpVersion"), QString::fromLatin1(parts.value(2))},
                            {QStringLiteral("headers"), harHeaders(rq)},
                            {QStringLiteral("queryString"), QJsonArray()},
                            {QStringLiteral("cookies"), QJsonArray()},
                            {QStringLiteral("headersSize"), -1},
                            {QStringLiteral("bodySize"), double(req.size)}};
        if (!rq.body.isEmpty())
            request.insert(QStringLiteral("postData"), QJsonObject{{QStringLiteral("mimeType"), headerValue(rq, "Content-Type")},
                                                                   {QStringLiteral("text"), QString::fromUtf8(rq.body)}});
        QJsonObject response{{QStringLiteral("status"), 0}, {QStringLiteral("statusText"), QString()}, {QStringLiteral("httpVersion"), QString()},
                             {QStringLiteral("headers"), QJsonArray()}, {QStringLiteral("cookies"), QJsonArray()},
                             {QStringLiteral("content"), QJsonObject{{QStringLiteral("size"), 0}, {QStringLiteral("mimeType"), QString()}}},
                             {QStringLiteral("redirectURL"), QString()}, {QStringLiteral("headersSize"), -1}, {QStringLiteral("bodySize"), -1}};
        qint64 waited = 0;
        if (resp) {
            const HttpText rs = splitHttp(resp->data);
            const QList<QByteArray> status = rs.firstLine.split(' ');
            response = {{QStringLiteral("status"), status.value(1).toInt()},
                        {QStringLiteral("statusText"), QString::fromLatin1(rs.firstLine.mid(rs.firstLine.indexOf(' ', 9) + 1))},
                        {QStringLiteral("httpVersion"), QString::fromLatin1(status.value(0))},
                        {QStringLiteral("headers"), harHeaders(rs)},
                        {QStringLiteral("cookies"), QJsonArray()},
                        {QStringLiteral("content"), QJsonObject{{QStringLiteral("size"), double(resp->size)},
                                                                {QStringLiteral("mimeType"), headerValue(rs, "Content-Type")},
                                                                {QStringLiteral("text"), QString::fromUtf8(rs.body)}}},
                        {QStringLiteral("redirectURL"), QString()},
                        {QStringLiteral("headersSize"), -1},
                        {QStringLiteral("bodySize"), double(resp->size)}};
            waited = resp->timeMs - req.timeMs;
        }
        entries.append(QJsonObject{{QStringLiteral("startedDateTime"), QDateTime::fromMSecsSinceEpoch(req.timeMs, Qt::UTC).toString(Qt::ISODateWithMs)},
                                   {QStringLiteral("time"), double(waited)},
                                   {QStringLiteral("request"), request},
                                   {QStringLiteral("response"), response},
                                   {QStringLiteral("cache"), QJsonObject()},
                                   {QStringLiteral("timings"), QJsonObject{{QStringLiteral("send"), 0}, {QStringLiteral("wait"), double(waited)}, {QStringLiteral("receive"), 0}}},
                                   {QStringLiteral("connection"), QString::number(req.connection)}});
    }
    const QJsonObject har{{QStringLiteral("log"), QJsonObject{{QStringLiteral("version"), QStringLiteral("1.2")},
                                                             {QStringLiteral("creator"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Switchboard")},
                                                                                                     {QStringLiteral("version"), QStringLiteral(SWITCHBOARD_VERSION)}}},
                                                             {QStringLiteral("entries"), entries}}}};
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return f.write(QJsonDocument(har).toJson(QJsonDocument::Indented)) > 0;
}

}  // namespace sb::ui
