#pragma once
// The raw WebSocket client tab: any URL with extra headers, send text or binary (hex or a
// file), ping, close with a code, a message log with JSON and hex views, and a library of
// saved messages (QSettings). A real client over QWebSocket, so it works against this
// server, another Switchboard on the LAN, or any WebSocket server.

#include <QWidget>
#include <QWebSocket>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace sb::ui {

class JsonHighlighter;

class TrafficModel;

class RawClientWidget final : public QWidget
{
    Q_OBJECT
public:
    explicit RawClientWidget(const QString &defaultUrl, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(RawClientWidget)

    void setUrl(const QString &url);
    void openConnection();
    void closeConnection(int code, const QString &reason);
    // Puts a message in the editor (the inspector's "send again").
    void loadMessage(const QByteArray &payload, bool binary);
    bool sendCurrent();

    QWebSocket &socket() { return *m_ws; }  // the current attempt's
    TrafficModel *log() const { return m_log; }
    QString status() const;
    QPlainTextEdit *editor() const { return m_editor; }
    QComboBox *mode() const { return m_mode; }
    QPlainTextEdit *headers() const { return m_headers; }
    QLineEdit *protocols() const { return m_protocols; }
    QLineEdit *url() const { return m_url; }
    // The saved-messages library.
    void saveMessage(const QString &name);
    QStringList savedNames() const;
    bool loadSaved(const QString &name);
    // A short name for a tab: the URL's path (or host) and whether it is connected.
    QString title() const;

signals:
    // Connected, closed, connecting: the tab's title follows.
    void stateChanged();

private:
    QWidget *buildComposer(QWidget *parent);  // message editor, send, ping, close, saved messages
    void connectSocket();
    void record(bool incoming, bool binary, const QByteArray &data);
    void refreshState();
    void showSelected();

    QWebSocket *m_ws;  // one per connection attempt
    TrafficModel *m_log;
    QLineEdit *m_url;
    QPlainTextEdit *m_headers;
    JsonHighlighter *m_detailHighlighter;
    QLineEdit *m_protocols;
    QPushButton *m_connect;
    QLabel *m_state;
    QPlainTextEdit *m_editor;
    QComboBox *m_mode;
    QComboBox *m_library;
    QSpinBox *m_code;
    QLineEdit *m_reason;
    QTableView *m_view;
    QPlainTextEdit *m_detail;
    QString m_error;            // this attempt's failure, in words
    bool m_wasConnected = false;  // this attempt got through the handshake
    quint64 m_nextId = 1;
};

}  // namespace sb::ui
