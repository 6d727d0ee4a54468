#pragma once
// The pop client (seed 000): log in (POST /auth/login on the accounts listener) or paste a
// session id, authenticate on the pop socket, set the active group and the typing state
// and watch the group's states live, and report view counts with the server's answer.

#include <QUrl>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QPushButton;
class QSpinBox;
class QStandardItemModel;

namespace sb::ui {

class ClientSocket;

class PopClientWidget final : public QWidget
{
    Q_OBJECT
public:
    explicit PopClientWidget(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(PopClientWidget)

    // The pop listener, and the listener that serves /auth/login.
    void setServers(const QUrl &pop, const QUrl &accounts);
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
    bool authenticated() const { return m_authenticated; }
    ClientSocket *socket() const { return m_socket; }

signals:
    void loggedIn(bool ok);
    void authenticatedChanged(bool ok);
    void stateReceived(const QJsonObject &state);
    void viewsAnswered(bool ok);

private:
    QWidget *buildViewsBox();  // content id, count, Report views, the answer
    void onMessage(const QString &text);

    QUrl m_pop;
    QUrl m_accounts;
    ClientSocket *m_socket;
    QNetworkAccessManager *m_http;
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
    bool m_authenticated = false;
};

}  // namespace sb::ui
