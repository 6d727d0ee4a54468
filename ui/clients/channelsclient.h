#pragma once
// The channels client (seed 004): join a channel with a presence, the live member list,
// an event log, an emit form over HTTP (JSON payload checked before sending; all members,
// N random ones or the chosen ones; require-ack with the HTTP result, 408 included), and
// auto-ACK / auto-PONG switches — with auto-PONG off the server's PING_TIMEOUT can be
// watched happening. Talks to any channels server over real sockets.

#include <QUrl>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLayout;
class QLineEdit;
class QNetworkAccessManager;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStandardItemModel;
class QTableView;

namespace sb::ui {

class ClientSocket;

class ChannelsClientWidget final : public QWidget
{
    Q_OBJECT
public:
    explicit ChannelsClientWidget(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ChannelsClientWidget)

    // http(s)://host:port of a channels listener.
    void setServer(const QUrl &base);
    QUrl server() const { return m_base; }

    void join();
    void leave();
    // Sends the emit form; the answer arrives as emitAnswered().
    bool sendEmit();
    void updatePresence();

    enum Target { AllMembers, RandomMembers, ChosenMembers };
    QLineEdit *channel() const { return m_channel; }
    QLineEdit *presence() const { return m_presence; }
    QCheckBox *autoAck() const { return m_autoAck; }
    QCheckBox *autoPong() const { return m_autoPong; }
    QPlainTextEdit *payload() const { return m_payload; }
    QComboBox *target() const { return m_target; }
    QSpinBox *randomCount() const { return m_count; }
    QCheckBox *requireAck() const { return m_requireAck; }
    QLineEdit *emitKey() const { return m_emitKey; }
    QTableView *memberView() const { return m_memberView; }
    QStandardItemModel *members() const { return m_members; }
    QPlainTextEdit *log() const { return m_log; }
    QLabel *stateLabel() const { return m_state; }
    QLabel *resultLabel() const { return m_result; }
    QString clientId() const { return m_clientId; }
    ClientSocket *socket() const { return m_socket; }

signals:
    void emitAnswered(int status, const QByteArray &body);
    void eventReceived(const QString &type);

private:
    QLayout *buildEmitBox();  // payload, target, require-ack, emit key, Emit, result
    void onMessage(const QString &text);
    void addLog(const QString &line);
    void setMember(const QString &id, const QJsonValue &presence);
    void removeMember(const QString &id);

    QUrl m_base;
    ClientSocket *m_socket;
    QNetworkAccessManager *m_http;
    QLineEdit *m_channel;
    QLineEdit *m_presence;
    QPushButton *m_join;
    QLabel *m_state;
    QLabel *m_latency;
    QCheckBox *m_autoAck;
    QCheckBox *m_autoPong;
    QStandardItemModel *m_members;
    QTableView *m_memberView;
    QPlainTextEdit *m_log;
    QPlainTextEdit *m_payload;
    QComboBox *m_target;
    QSpinBox *m_count;
    QCheckBox *m_requireAck;
    QLineEdit *m_emitKey;
    QPushButton *m_emit;
    QLabel *m_result;
    QString m_clientId;
};

}  // namespace sb::ui
