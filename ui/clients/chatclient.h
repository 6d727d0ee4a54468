#pragma once
// The member chat client (seed 001): register and log in over HTTP, the member list, a
// conversation per member over the chat socket (first message "Bearer <token>"): own and
// other messages told apart, times, smiles inline, files with name and size and a Save
// link, older pages of history, text, smiles from the server's grid and files (read off
// the GUI thread, with progress), the balance and a plain explanation when it is too low.

#include <QHash>
#include <QImage>
#include <QSet>
#include <QJsonObject>
#include <QList>
#include <QNetworkRequest>
#include <QUrl>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QNetworkAccessManager;
class QProgressBar;
class QPushButton;
class QTextBrowser;
class QToolButton;

namespace sb::ui {

class ClientSocket;

class ChatClientWidget final : public QWidget
{
    Q_OBJECT
public:
    explicit ChatClientWidget(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ChatClientWidget)

    // http(s)://host:port of the chat listener.
    void setServer(const QUrl &base);
    void registerAccount();
    void logIn();
    void refreshMembers();
    void refreshSmiles();
    void openConversation(qint64 memberId);
    bool sendText();
    void sendSmile(qint64 smileId);
    // Reads the file off the GUI thread, then sends it as the seed's file frame.
    void sendFile(const QString &path);
    void loadOlder();
    // Downloads a received file to `path`.
    void saveFile(const QString &uuid, const QString &path);

    QLineEdit *email() const { return m_email; }
    QLineEdit *password() const { return m_password; }
    QLineEdit *composer() const { return m_text; }
    QListWidget *memberList() const { return m_members; }
    QTextBrowser *conversation() const { return m_view; }
    QLabel *stateLabel() const { return m_state; }
    QLabel *balanceLabel() const { return m_balance; }
    QLabel *errorLabel() const { return m_error; }
    QProgressBar *progress() const { return m_progress; }
    QList<QJsonObject> messages() const { return m_messages; }
    QHash<qint64, QString> smiles() const { return m_smileFiles; }
    qint64 userId() const { return m_userId; }
    qint64 balance() const { return m_balanceValue; }
    ClientSocket *socket() const { return m_socket; }

signals:
    void loggedIn(bool ok);
    void membersLoaded();
    void smilesLoaded();
    void conversationOpened();
    void messageReceived(const QJsonObject &message);
    void errorReceived(const QString &code, const QString &detail);
    void fileSaved(const QString &path, bool ok);
    // A message from someone else while the window is not in front (the tray shows it).
    void notify(const QString &title, const QString &text);

private:
    void refreshMe();
    void onMessage(const QString &text);
    void addMessages(const QJsonArray &list);
    void render();
    void fetchImage(const QString &uuid);
    void fetchFileInfo(const QString &uuid);
    QString memberName(qint64 id) const;
    QNetworkRequest request(const QString &path) const;

    QUrl m_base;
    QString m_token;
    qint64 m_userId = 0;
    qint64 m_balanceValue = 0;
    qint64 m_peer = 0;
    ClientSocket *m_socket;
    QNetworkAccessManager *m_http;
    QLineEdit *m_email;
    QLineEdit *m_password;
    QLabel *m_state;
    QLabel *m_balance;
    QListWidget *m_members;
    QTextBrowser *m_view;
    QPushButton *m_older;
    QLineEdit *m_text;
    QToolButton *m_smileButton;
    QProgressBar *m_progress;
    QLabel *m_error;
    QList<QJsonObject> m_messages;  // this conversation, oldest first
    QHash<qint64, QString> m_memberNames;
    QHash<qint64, QString> m_smileFiles;   // smile id -> file uuid
    QHash<QString, QString> m_fileInfo;    // file uuid -> "name (size)"
    QHash<QString, QImage> m_imageData;    // smile file uuid -> picture
    QSet<QString> m_imagesAsked;
    qint64 m_sendTotal = 0;
    qint64 m_sent = 0;
};

}  // namespace sb::ui
