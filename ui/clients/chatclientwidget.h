#pragma once
// The member chat client's panel: a ChatClient shown — account row, member list, the
// conversation (own and other messages told apart, times, smiles inline, files with name,
// size and a Save link), older pages, the composer with smiles from the server's grid and
// files (with progress), the balance and a plain explanation when it is too low.

#include <QHash>
#include <QImage>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTextBrowser;
class QToolButton;

namespace sb::ui {

class ChatClient;

class ChatClientWidget final : public QWidget
{
    Q_OBJECT
public:
    explicit ChatClientWidget(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ChatClientWidget)

    ChatClient *client() const { return m_client; }
    // With what the account row holds.
    void registerAccount();
    void logIn();
    // The composer's text; it stays when nothing could be sent.
    bool sendText();
    // The composer's text goes with the file as its caption.
    void sendFile(const QString &path);

    QLineEdit *email() const { return m_email; }
    QLineEdit *password() const { return m_password; }
    QLineEdit *composer() const { return m_text; }
    QListWidget *memberList() const { return m_members; }
    QTextBrowser *conversation() const { return m_view; }
    QLabel *stateLabel() const { return m_state; }
    QLabel *balanceLabel() const { return m_balance; }
    QLabel *errorLabel() const { return m_error; }
    QProgressBar *progress() const { return m_progress; }
    QPushButton *logOutButton() const { return m_logOut; }

signals:
    // A message from someone else while the window is not in front, or in a conversation
    // not on screen while the chat is out of sight (the tray or the status bar shows it).
    void notify(const QString &title, const QString &text);

protected:
    // A file dropped on the chat is sent into the open conversation.
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void connectView(QPushButton *send, QPushButton *attach);
    void connectClient();
    void showMembers();
    void showSmiles();
    void showBalance();
    void render();

    ChatClient *m_client;
    QLineEdit *m_email;
    QLineEdit *m_password;
    QLabel *m_state;
    QLabel *m_balance;
    QPushButton *m_logOut;
    QListWidget *m_members;
    QTextBrowser *m_view;
    QPushButton *m_older;
    QString m_unconfirmed;  // the text sent last, until the server stored or refused it
    QLineEdit *m_text;
    QToolButton *m_smileButton;
    QProgressBar *m_progress;
    QLabel *m_error;
    QHash<QString, QImage> m_images;  // file uuid -> picture (smiles, and image files shown inline)
};

}  // namespace sb::ui
