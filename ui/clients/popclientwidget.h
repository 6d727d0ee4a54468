#pragma once
// The pop client's panel: a PopClient shown — log in or paste a session id, set the active
// group and the typing state and watch the group's states live, report view counts with the
// server's answer.

#include <QWidget>

class QCheckBox;
class QLabel;
class QStandardItem;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStandardItemModel;

namespace sb::ui {

class PopClient;

class PopClientWidget final : public QWidget
{
    Q_OBJECT
public:
    explicit PopClientWidget(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(PopClientWidget)

    PopClient *client() const { return m_client; }
    // With what the panel holds.
    void logIn();
    void connectToServer();
    void sendState();
    void reportViews();

    QLineEdit *email() const { return m_email; }
    QLineEdit *password() const { return m_password; }
    QLineEdit *sessionId() const { return m_session; }
    QLineEdit *group() const { return m_group; }
    QCheckBox *typing() const { return m_typing; }
    QLineEdit *contentId() const { return m_content; }
    QSpinBox *viewCount() const { return m_count; }
    QLabel *stateLabel() const { return m_state; }
    QLabel *viewsResult() const { return m_viewsResult; }
    QStandardItemModel *states() const { return m_states; }

private:
    QWidget *buildViewsBox();  // content id, count, Report views, the answer
    void connectClient();
    void showState(const QJsonObject &state);
    void markWho(QStandardItem *who);

    PopClient *m_client;
    QLineEdit *m_email;
    QLineEdit *m_password;
    QLineEdit *m_session;
    QPushButton *m_connect;
    QLabel *m_state;
    QLineEdit *m_group;
    QCheckBox *m_typing;
    QStandardItemModel *m_states;
    QLineEdit *m_content;
    QSpinBox *m_count;
    QLabel *m_viewsResult;
};

}  // namespace sb::ui
