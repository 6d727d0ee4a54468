#pragma once
// The member chat client (seed 001, docs/chat.md), without widgets: register and log in over
// HTTP, the member list and the smiles, a conversation per member over the chat socket
// (first message "Bearer <token>"), text, smiles and files (read off the GUI thread), older
// pages of history, downloads, the balance. ChatClientWidget shows it; tests drive it
// directly (tests/unit/tst_chatclient.cpp).

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QTimer>
#include <QSet>
#include <QUrl>

class QNetworkAccessManager;

namespace sb::ui {

class ClientSocket;

struct ChatMember {
    qint64 id = 0;
    QString shown;  // staff see emails, members see names (docs/chat.md)
    int unread = 0;  // messages from them not read yet (the open conversation's: 0)
    bool operator==(const ChatMember &) const = default;
};

struct ChatSmile {
    qint64 id = 0;
    QString fileUuid;
    qint64 price = 0;
};

class ChatClient final : public QObject
{
    Q_OBJECT
public:
    explicit ChatClient(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ChatClient)

    // http(s)://host:port of the chat listener.
    // Also where an open or reconnecting socket goes next (the server moved).
    void setServer(const QUrl &base);
    void registerAccount(const QString &email, const QString &password);
    void logIn(const QString &email, const QString &password);
    // Ends the session on the server (POST /auth/logout) and forgets it here: the socket
    // closes, the lists empty.
    void logOut();
    void refreshMe();
    void refreshMembers();
    void refreshSmiles();
    void openConversation(qint64 memberId);
    // Each returns false, with problem() saying why, when nothing could be sent.
    bool sendText(const QString &text);
    bool sendSmile(qint64 smileId);
    // Reads the file off the GUI thread, then sends it as the seed's file frame.
    bool sendFile(const QString &path, const QString &caption);
    void loadOlder();
    // Downloads a stored file (fileBytes), its name and size (fileInfoChanged), or to `path`.
    void fetchFile(const QString &uuid);
    void fetchFileInfo(const QString &uuid);
    void saveFile(const QString &uuid, const QString &path);

    bool loggedInNow() const { return !m_token.isEmpty(); }
    QString email() const { return m_email; }
    qint64 userId() const { return m_userId; }
    qint64 balance() const { return m_balance; }
    QString role() const { return m_role; }
    qint64 peer() const { return m_peer; }
    // This conversation, oldest first, as the server sent each message.
    const QList<QJsonObject> &messages() const { return m_messages; }
    // False once a page of older messages came back short: the conversation's start is shown.
    bool hasOlder() const { return m_hasOlder; }
    QList<ChatMember> members() const { return m_members; }
    // Unread messages from every member together.
    int unreadTotal() const;
    QList<ChatSmile> smiles() const { return m_smiles; }
    QString memberName(qint64 id) const;
    // "name (size)" of a received file once known.
    QString fileInfo(const QString &uuid) const;
    // The file's name and size once fetchFileInfo answered (empty and -1 before).
    QString fileName(const QString &uuid) const { return m_files.value(uuid).name; }
    qint64 fileSize(const QString &uuid) const { return m_files.value(uuid).size; }
    // How often the balance and the members (their unread counts) are read again while
    // logged in: an operator's top-up shows, and messages in other conversations.
    static constexpr int kBalancePollMs = 3000;
    ClientSocket *socket() const { return m_socket; }

signals:
    void stateChanged(const QString &text);  // a status line: logging in, connection state
    void loggedIn(bool ok);
    void meChanged();  // balance or role
    void membersLoaded();  // the list, or an unread count, changed
    // More messages from `memberId`, whose conversation is not the open one, than before
    // (not for what was unread already at login).
    void unreadArrived(qint64 memberId, int unread);
    void smilesLoaded();
    void conversationOpened();
    void messagesChanged();
    void messageReceived(const QJsonObject &message);
    void errorReceived(const QString &code, const QString &detail);
    // What went wrong, in words for the user; empty: nothing (any more).
    void problem(const QString &text);
    // A file upload: what is happening and how far (0-100); percent < 0: over.
    void progress(const QString &label, int percent);
    void fileBytes(const QString &uuid, const QByteArray &bytes);
    void fileInfoChanged(const QString &uuid);
    void fileSaved(const QString &path, bool ok);

private:
    QNetworkRequest request(const QString &path) const;
    void onMessage(const QString &text);
    void addMessages(const QJsonArray &list);
    bool needConversation();
    // A JSON message on the chat socket, as one compact text frame.
    void sendJson(const QJsonObject &message);

    QUrl m_base;
    QString m_token;
    QString m_email;
    QString m_role;
    qint64 m_userId = 0;
    qint64 m_balance = 0;
    qint64 m_peer = 0;
    ClientSocket *m_socket;
    QNetworkAccessManager *m_http;
    QList<QJsonObject> m_messages;
    bool m_hasOlder = true;
    QList<ChatMember> m_members;
    bool m_membersKnown = false;  // a list arrived since login: later rises are news
    QList<ChatSmile> m_smiles;
    QHash<qint64, QString> m_memberNames;
    struct FileFacts {
        QString name;  // empty while fetchFileInfo() waits for the answer
        qint64 size = -1;
    };
    QHash<QString, FileFacts> m_files;  // by file uuid: asked for, or known
    QTimer *m_balancePoll;
    QSet<QString> m_filesAsked;
    qint64 m_sendTotal = 0;
    qint64 m_sent = 0;
};

}  // namespace sb::ui
