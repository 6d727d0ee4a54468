#pragma once
// The channels client's panel: a ChannelsClient shown — channel and presence, the live member
// list, an event log, the emit form (all members, N random ones or the ones chosen in the
// list; require-ack with the HTTP result, 408 included), auto-ACK and auto-PONG switches.

#include <QJsonObject>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLayout;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStandardItemModel;
class QTableView;

namespace sb::ui {

class ChannelsClient;

class ChannelsClientWidget final : public QWidget
{
    Q_OBJECT
public:
    explicit ChannelsClientWidget(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ChannelsClientWidget)

    ChannelsClient *client() const { return m_client; }
    // With what the panel holds.
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

private:
    QLayout *buildEmitBox();  // payload, target, require-ack, emit key, Emit, result
    void connectClient();
    void addLog(const QString &line);
    QString nameOf(const QString &id) const;
    QString describeAnswer(int status, const QByteArray &answer) const;
    void setMember(const QString &id, const QJsonObject &presence);
    void removeMember(const QString &id);

    ChannelsClient *m_client;
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
};

}  // namespace sb::ui
