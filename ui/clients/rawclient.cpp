#include "rawclient.h"

#include "widgets/filedialogs.h"

#include "clientsocket.h"

#include "widgets/jsonhighlighter.h"
#include "inspector/trafficmodel.h"

#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QFontDatabase>
#include <QFormLayout>
#include <QRegularExpression>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QWebSocketHandshakeOptions>

namespace sb::ui {

namespace {
QByteArray fromHex(const QString &text, bool *ok)
{
    QString clean = text;
    clean.remove(QRegularExpression(QStringLiteral("[\\s:,]")));
    *ok = clean.size() % 2 == 0 && QRegularExpression(QStringLiteral("^[0-9a-fA-F]*$")).match(clean).hasMatch();
    return QByteArray::fromHex(clean.toLatin1());
}
const QString kLibrary = QStringLiteral("rawClient/library");
}  // namespace

RawClientWidget::RawClientWidget(const QString &defaultUrl, QWidget *parent)
    : QWidget(parent), m_ws(new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this)), m_log(new TrafficModel(10'000, this))
{
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    auto *urlRow = new QHBoxLayout;
    m_url = new QLineEdit(defaultUrl, this);
    m_url->setPlaceholderText(tr("ws://host:port/path or wss://…"));
    m_connect = new QPushButton(tr("Connect"), this);
    m_state = new QLabel(this);
    urlRow->addWidget(m_url, 1);
    urlRow->addWidget(m_connect);
    form->addRow(tr("URL"), urlRow);
    m_headers = new QPlainTextEdit(this);
    m_headers->setPlaceholderText(tr("Extra headers, one per line, e.g. Authorization: <token>"));
    m_headers->setMaximumHeight(fontMetrics().height() * 4);
    form->addRow(tr("Headers"), m_headers);
    m_protocols = new QLineEdit(this);
    m_protocols->setPlaceholderText(tr("Subprotocols to offer, comma-separated (optional)"));
    form->addRow(tr("Subprotocols"), m_protocols);
    // Enter in the URL (or subprotocols) connects, as the button would.
    const auto connectOnEnter = [this] {
        if (m_ws->state() == QAbstractSocket::UnconnectedState)
            m_connect->click();
    };
    connect(m_url, &QLineEdit::returnPressed, this, connectOnEnter);
    connect(m_protocols, &QLineEdit::returnPressed, this, connectOnEnter);
    form->addRow(tr("State"), m_state);
    layout->addLayout(form);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(buildComposer(split));

    m_view = new QTableView(split);
    m_view->setModel(m_log);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->hideColumn(TrafficModel::Connection);
    m_view->hideColumn(TrafficModel::Service);
    split->addWidget(m_view);
    m_detail = new QPlainTextEdit(split);
    m_detail->setReadOnly(true);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_detailHighlighter = new JsonHighlighter(m_detail->document());
    split->addWidget(m_detail);
    layout->addWidget(split, 1);

    connect(m_connect, &QPushButton::clicked, this, [this] {
        if (m_ws->state() == QAbstractSocket::UnconnectedState)
            openConnection();
        else
            closeConnection(m_code->value(), m_reason->text());
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RawClientWidget::showSelected);
    connectSocket();
    m_library->addItems(savedNames());
    refreshState();
}

QWidget *RawClientWidget::buildComposer(QWidget *parent)
{
    auto *composer = new QWidget(parent);
    auto *cl = new QVBoxLayout(composer);
    cl->setContentsMargins(0, 0, 0, 0);
    m_editor = new QPlainTextEdit(composer);
    m_editor->setPlaceholderText(tr("Message to send (Ctrl+Enter sends)"));
    new JsonHighlighter(m_editor->document());
    cl->addWidget(m_editor);
    auto *sendRow = new QHBoxLayout;
    m_mode = new QComboBox(composer);
    m_mode->addItem(tr("Text"));
    m_mode->addItem(tr("Binary (hex)"));
    auto *send = new QPushButton(tr("Send"), composer);
    send->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    auto *sendFile = new QPushButton(tr("Send file…"), composer);
    auto *ping = new QPushButton(tr("Ping"), composer);
    m_code = new QSpinBox(composer);
    m_code->setRange(1000, 4999);
    m_code->setValue(1000);
    m_reason = new QLineEdit(composer);
    m_reason->setPlaceholderText(tr("close reason"));
    auto *close = new QPushButton(tr("Close"), composer);
    m_library = new QComboBox(composer);
    m_library->setPlaceholderText(tr("Saved messages"));
    auto *save = new QPushButton(tr("Save…"), composer);
    for (QWidget *w : std::initializer_list<QWidget *>{m_mode, send, sendFile, ping, m_library, save})
        sendRow->addWidget(w);
    sendRow->addStretch(1);
    sendRow->addWidget(new QLabel(tr("Close code"), composer));
    sendRow->addWidget(m_code);
    sendRow->addWidget(m_reason);
    sendRow->addWidget(close);
    cl->addLayout(sendRow);
    connect(m_library, &QComboBox::textActivated, this, &RawClientWidget::loadSaved);
    connect(send, &QPushButton::clicked, this, &RawClientWidget::sendCurrent);
    connect(sendFile, &QPushButton::clicked, this, [this] {
        const QString file = openFileName(this, tr("Send a file as one binary message"));
        QFile f(file);
        if (!file.isEmpty() && f.open(QIODevice::ReadOnly)) {
            const QByteArray data = f.readAll();
            record(false, true, data);
            m_ws->sendBinaryMessage(data);
        }
    });
    connect(ping, &QPushButton::clicked, this, [this] { m_ws->ping(QByteArrayLiteral("switchboard")); });
    connect(close, &QPushButton::clicked, this, [this] { closeConnection(m_code->value(), m_reason->text()); });
    connect(save, &QPushButton::clicked, this, [this] {
        const QString name = QInputDialog::getText(this, tr("Save message"), tr("Name"));
        if (!name.trimmed().isEmpty())
            saveMessage(name.trimmed());
    });
    return composer;
}

void RawClientWidget::connectSocket()
{
    connect(m_ws, &QWebSocket::textMessageReceived, this, [this](const QString &m) { record(true, false, m.toUtf8()); });
    connect(m_ws, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &m) { record(true, true, m); });
    connect(m_ws, &QWebSocket::pong, this, [this](quint64 ms, const QByteArray &) { m_state->setText(tr("Connected · pong after %1 ms").arg(ms)); });
    // Queued: Qt 6.4 reports a refused handshake's error before or after the state change;
    // the line is written once both are in.
    connect(m_ws, &QWebSocket::stateChanged, this, &RawClientWidget::refreshState, Qt::QueuedConnection);
    connect(m_ws, &QWebSocket::connected, this, [this] { m_wasConnected = true; });
    connect(m_ws, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [this](QAbstractSocket::SocketError e) {
        if (m_error.isEmpty())  // the first error of this attempt says what went wrong
            m_error = describeConnectionError(e, m_ws->errorString(), m_ws->requestUrl());
        refreshState();
    });
    connect(m_ws, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        m_error = errors.isEmpty() ? QString() : tr("the server's certificate is not trusted: %1").arg(errors.first().errorString());
        refreshState();
    });
}

void RawClientWidget::setUrl(const QString &url)
{
    m_url->setText(url);
}

void RawClientWidget::openConnection()
{
    // Each attempt says its own result: nothing of the one before (a used QWebSocket keeps
    // its last error text, so each attempt gets a fresh one).
    m_error.clear();
    m_wasConnected = false;
    if (m_ws->state() != QAbstractSocket::UnconnectedState)
        m_ws->abort();
    m_ws->disconnect(this);
    m_ws->deleteLater();
    m_ws = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connectSocket();
    QNetworkRequest request{QUrl(m_url->text().trimmed())};
    for (const QString &line : m_headers->toPlainText().split(QLatin1Char('\n'))) {
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        if (colon > 0)
            request.setRawHeader(line.left(colon).trimmed().toUtf8(), line.mid(colon + 1).trimmed().toUtf8());
    }
    QWebSocketHandshakeOptions options;
    QStringList offered;
    for (const QString &p : m_protocols->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        offered << p.trimmed();
    options.setSubprotocols(offered);
    m_ws->open(request, options);
}

void RawClientWidget::closeConnection(int code, const QString &reason)
{
    m_ws->close(QWebSocketProtocol::CloseCode(code), reason);
}

QString RawClientWidget::status() const
{
    return m_state->text();
}

QString RawClientWidget::title() const
{
    const QUrl url(m_url->text().trimmed());
    QString name = url.path().isEmpty() || url.path() == QLatin1String("/") ? url.host() : url.path();
    if (name.isEmpty())
        name = tr("New connection");
    if (name.size() > 24)
        name = name.left(23) + QStringLiteral("…");
    switch (m_ws->state()) {
    case QAbstractSocket::ConnectedState: return tr("%1 · connected").arg(name);
    case QAbstractSocket::UnconnectedState: return name;
    default: return tr("%1 · connecting").arg(name);
    }
}

void RawClientWidget::refreshState()
{
    emit stateChanged();
    switch (m_ws->state()) {
    case QAbstractSocket::ConnectedState:
        m_state->setText(m_ws->subprotocol().isEmpty() ? tr("Connected to %1").arg(m_ws->requestUrl().toString())
                                                       : tr("Connected to %1 (subprotocol %2)").arg(m_ws->requestUrl().toString(), m_ws->subprotocol()));
        m_connect->setText(tr("Disconnect"));
        return;
    case QAbstractSocket::UnconnectedState:
        m_connect->setText(tr("Connect"));
        if (m_wasConnected && (m_ws->closeCode() != QWebSocketProtocol::CloseCodeNormal || !m_ws->closeReason().isEmpty()))
            m_state->setText(tr("Closed with code %1 %2").arg(int(m_ws->closeCode())).arg(m_ws->closeReason()));
        else if (!m_error.isEmpty())
            m_state->setText(tr("Not connected: %1").arg(m_error));
        else
            m_state->setText(tr("Not connected"));
        return;
    default:
        m_state->setText(tr("Connecting…"));
        m_connect->setText(tr("Cancel"));
    }
}

void RawClientWidget::loadMessage(const QByteArray &payload, bool binary)
{
    m_mode->setCurrentIndex(binary ? 1 : 0);
    m_editor->setPlainText(binary ? QString::fromLatin1(payload.toHex(' ')) : QString::fromUtf8(payload));
}

bool RawClientWidget::sendCurrent()
{
    if (m_ws->state() != QAbstractSocket::ConnectedState) {
        m_state->setText(tr("Not connected: connect first"));
        return false;
    }
    if (m_mode->currentIndex() == 1) {
        bool ok = false;
        const QByteArray data = fromHex(m_editor->toPlainText(), &ok);
        if (!ok) {
            m_state->setText(tr("That is not hex: use pairs of 0-9 a-f, spaces allowed"));
            return false;
        }
        record(false, true, data);
        m_ws->sendBinaryMessage(data);
    } else {
        const QString text = m_editor->toPlainText();
        record(false, false, text.toUtf8());
        m_ws->sendTextMessage(text);
    }
    return true;
}

void RawClientWidget::record(bool incoming, bool binary, const QByteArray &data)
{
    CaptureRecord r;
    r.id = m_nextId++;
    r.timeMs = QDateTime::currentMSecsSinceEpoch();
    r.direction = incoming ? CaptureRecord::In : CaptureRecord::Out;
    r.kind = binary ? CaptureRecord::Binary : CaptureRecord::Text;
    r.size = data.size();
    r.data = data.left(64 * 1024);
    m_log->append({r});
    m_view->scrollToBottom();
}

void RawClientWidget::showSelected()
{
    const CaptureRecord *r = m_log->record(m_view->currentIndex().row());
    m_detailHighlighter->setDocument(r && isJsonPayload(*r) ? m_detail->document() : nullptr);
    m_detail->setPlainText(r ? describePayload(*r) : QString());
}

void RawClientWidget::saveMessage(const QString &name)
{
    QSettings settings;
    QVariantMap library = settings.value(kLibrary).toMap();
    library.insert(name, QVariantMap{{QStringLiteral("binary"), m_mode->currentIndex() == 1}, {QStringLiteral("text"), m_editor->toPlainText()}});
    settings.setValue(kLibrary, library);
    m_library->clear();
    m_library->addItems(savedNames());
}

QStringList RawClientWidget::savedNames() const
{
    return QSettings().value(kLibrary).toMap().keys();
}

bool RawClientWidget::loadSaved(const QString &name)
{
    const QVariantMap entry = QSettings().value(kLibrary).toMap().value(name).toMap();
    if (entry.isEmpty())
        return false;
    m_mode->setCurrentIndex(entry.value(QStringLiteral("binary")).toBool() ? 1 : 0);
    m_editor->setPlainText(entry.value(QStringLiteral("text")).toString());
    return true;
}

}  // namespace sb::ui
