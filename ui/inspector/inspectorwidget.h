#pragma once
// The traffic inspector tab: capture switch, filters, the record table, a detail pane,
// pause, clear and export. GUI thread; pulls "records since id N" from the server on a timer.

#include <QWidget>
#include <QTimer>

class QCheckBox;
class QComboBox;
class QLabel;
class QLayout;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace sb {
class Monitor;
}

namespace sb::ui {

class JsonHighlighter;
class TrafficModel;
struct ExportSummary;

class InspectorWidget final : public QWidget
{
    Q_OBJECT
public:
    explicit InspectorWidget(Monitor &monitor, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(InspectorWidget)

    TrafficModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QPlainTextEdit *detail() const { return m_detail; }
    void setCapture(bool on);
    bool capturing() const;
    void showConnection(quint64 id);
    // Pulls what the server captured since the last pull (the timer calls it).
    void pull();
    // The id of the newest record pulled so far, and how many the ring dropped before we got
    // to them (the GUI was slower than the traffic, or paused).
    quint64 lastPulledId() const { return m_lastId; }
    quint64 droppedRecords() const { return m_dropped; }
    // The shown records as JSON Lines; the shown HTTP exchanges and WebSocket connections as
    // HAR 1.2 (trafficexport.h). Each says under the buttons what it wrote, and whether a
    // filter left records out.
    ExportSummary exportJsonLines(const QString &file);
    ExportSummary exportHar(const QString &file);
    // A capture saved with exportJsonLines(), shown instead of the live one (paused).
    bool importJsonLines(const QString &file);
    QCheckBox *follow() const { return m_follow; }
    QSpinBox *keep() const { return m_keep; }
    QCheckBox *raw() const { return m_raw; }
    QLabel *exportNote() const { return m_exportNote; }

signals:
    // "Send again": a client message the user wants to replay from the raw client.
    void sendAgain(const QByteArray &payload, bool binary);

private:
    QLayout *buildFilters();
    QStringList capturable() const;  // the node's services, its accounts' routes and "http"  // service, direction, connection, text (regular expression)
    void applyFilter();
    void showSelected();

    void tellExported(const ExportSummary &s, const QString &what, const QString &file);

    Monitor &m_monitor;
    QLabel *m_exportNote;
    QCheckBox *m_follow;
    QSpinBox *m_keep;
    QCheckBox *m_raw;
    JsonHighlighter *m_highlighter;
    TrafficModel *m_model;
    QTableView *m_view;
    QPlainTextEdit *m_detail;
    QCheckBox *m_capture;
    QPushButton *m_pause;
    QComboBox *m_service;
    QComboBox *m_direction;
    QLineEdit *m_connection;
    QLineEdit *m_text;
    QCheckBox *m_regex;
    QLabel *m_status;
    QTimer m_timer;
    quint64 m_lastId = 0;
    quint64 m_dropped = 0;
};

}  // namespace sb::ui
