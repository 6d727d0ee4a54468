#include "chatclientwidget.h"
#include "format.h"

#include "widgets/filedialogs.h"
#include "widgets/theme.h"

#include "chatclient.h"

#include "protocol/accounts.h"
#include "protocol/chat.h"

#include <QDateTime>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QMimeData>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWidgetAction>

namespace sb::ui {

namespace chat = protocol::chat;

// Pictures up to this size are fetched and shown in the conversation.
constexpr qint64 kInlinePictureBytes = 4 * 1024 * 1024;

namespace {
// A QTextBrowser that finds the conversation's pictures in memory: re-rendering the
// conversation (setHtml) keeps them.
class ChatView final : public QTextBrowser
{
public:
    ChatView(const QHash<QString, QImage> &images, QWidget *parent) : QTextBrowser(parent), m_images(images) {}
    QVariant loadResource(int type, const QUrl &name) override
    {
        if (type == QTextDocument::ImageResource && name.scheme() == QLatin1String("sbimg")) {
            const auto it = m_images.constFind(name.path());
            if (it != m_images.cend())
                return *it;
        }
        return QTextBrowser::loadResource(type, name);
    }

private:
    const QHash<QString, QImage> &m_images;
};
}  // namespace

ChatClientWidget::ChatClientWidget(QWidget *parent) : QWidget(parent), m_client(new ChatClient(this))
{
    auto *layout = new QVBoxLayout(this);
    auto *account = new QHBoxLayout;
    m_email = new QLineEdit(this);
    m_email->setPlaceholderText(tr("Email"));
    m_password = new QLineEdit(this);
    m_password->setPlaceholderText(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    auto *reg = new QPushButton(tr("Register"), this);
    auto *login = new QPushButton(tr("Log in"), this);
    m_balance = new QLabel(this);
    m_logOut = new QPushButton(tr("Log out"), this);
    m_logOut->setToolTip(tr("End this session on the server"));
    m_logOut->setEnabled(false);
    account->addWidget(m_email, 2);
    account->addWidget(m_password, 2);
    account->addWidget(reg);
    account->addWidget(login);
    account->addWidget(m_balance, 1);
    account->addWidget(m_logOut);
    setAcceptDrops(true);
    layout->addLayout(account);
    m_state = new QLabel(tr("Log in or register to chat."), this);
    m_state->setWordWrap(true);
    layout->addWidget(m_state);

    auto *split = new QSplitter(Qt::Horizontal, this);
    m_members = new QListWidget(split);
    m_members->setToolTip(tr("Members: pick one to open your conversation"));
    auto *right = new QWidget(split);
    auto *rl = new QVBoxLayout(right);
    rl->setContentsMargins(0, 0, 0, 0);
    m_older = new QPushButton(tr("Load older messages"), right);
    m_older->setEnabled(false);
    m_view = new ChatView(m_images, right);
    m_view->setOpenLinks(false);
    m_view->setPlaceholderText(tr("Pick a member to see your conversation."));
    rl->addWidget(m_older);
    rl->addWidget(m_view, 1);
    auto *compose = new QHBoxLayout;
    m_text = new QLineEdit(right);
    m_text->setPlaceholderText(tr("Message (Enter sends)"));
    m_smileButton = new QToolButton(right);
    m_smileButton->setText(tr("Smile"));
    m_smileButton->setPopupMode(QToolButton::InstantPopup);
    m_smileButton->setMenu(new QMenu(m_smileButton));
    auto *attach = new QPushButton(tr("File…"), right);
    auto *send = new QPushButton(tr("Send"), right);
    compose->addWidget(m_text, 1);
    compose->addWidget(m_smileButton);
    compose->addWidget(attach);
    compose->addWidget(send);
    rl->addLayout(compose);
    m_progress = new QProgressBar(right);
    m_progress->setVisible(false);
    rl->addWidget(m_progress);
    m_error = new QLabel(right);
    m_error->setWordWrap(true);
    theme::setTextTone(m_error, theme::Tone::Bad);
    rl->addWidget(m_error);
    split->addWidget(m_members);
    split->addWidget(right);
    split->setStretchFactor(1, 3);
    layout->addWidget(split, 1);

    connect(reg, &QPushButton::clicked, this, &ChatClientWidget::registerAccount);
    connect(m_logOut, &QPushButton::clicked, m_client, &ChatClient::logOut);
    connect(login, &QPushButton::clicked, this, &ChatClientWidget::logIn);
    connectView(send, attach);
    connectClient();
}

void ChatClientWidget::connectView(QPushButton *send, QPushButton *attach)
{
    connect(m_password, &QLineEdit::returnPressed, this, &ChatClientWidget::logIn);
    connect(send, &QPushButton::clicked, this, &ChatClientWidget::sendText);
    connect(m_text, &QLineEdit::returnPressed, this, &ChatClientWidget::sendText);
    connect(m_older, &QPushButton::clicked, m_client, &ChatClient::loadOlder);
    connect(attach, &QPushButton::clicked, this, [this] {
        const QString path = openFileName(this, tr("Send a file"));
        if (!path.isEmpty())
            sendFile(path);
    });
    auto open = [this](QListWidgetItem *i) { m_client->openConversation(i->data(Qt::UserRole).toLongLong()); };
    connect(m_members, &QListWidget::itemActivated, this, open);
    connect(m_members, &QListWidget::itemClicked, this, open);
    connect(m_view, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() != QLatin1String("sbfile"))
            return;
        const QString uuid = url.path();
        const QString path = saveFileName(this, tr("Save file"), m_client->fileName(uuid));
        if (!path.isEmpty())
            m_client->saveFile(uuid, path);
    });
}

void ChatClientWidget::connectClient()
{
    connect(m_client, &ChatClient::stateChanged, m_state, &QLabel::setText);
    connect(m_client, &ChatClient::problem, m_error, &QLabel::setText);
    connect(m_client, &ChatClient::meChanged, this, &ChatClientWidget::showBalance);
    connect(m_client, &ChatClient::membersLoaded, this, &ChatClientWidget::showMembers);
    connect(m_client, &ChatClient::smilesLoaded, this, &ChatClientWidget::showSmiles);
    connect(m_client, &ChatClient::messagesChanged, this, &ChatClientWidget::render);
    connect(m_client, &ChatClient::fileInfoChanged, this, [this](const QString &uuid) {
        // A picture of a reasonable size is shown in the conversation, not just named.
        static const QStringList pictures = {QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("gif"),
                                             QStringLiteral("webp"), QStringLiteral("bmp")};
        if (pictures.contains(QFileInfo(m_client->fileName(uuid)).suffix().toLower()) && m_client->fileSize(uuid) >= 0
            && m_client->fileSize(uuid) <= kInlinePictureBytes)
            m_client->fetchFile(uuid);
        render();
    });
    connect(m_client, &ChatClient::progress, this, [this](const QString &label, int percent) {
        m_progress->setVisible(percent >= 0);
        m_progress->setFormat(label);
        m_progress->setValue(qMax(0, percent));
    });
    connect(m_client, &ChatClient::fileBytes, this, [this](const QString &uuid, const QByteArray &bytes) {
        QImage image;
        if (!image.loadFromData(bytes))
            return;
        m_images.insert(uuid, image);
        const QIcon icon(QPixmap::fromImage(image));
        for (QToolButton *b : m_smileButton->menu()->findChildren<QToolButton *>()) {
            if (b->property("fileUuid").toString() == uuid)
                b->setIcon(icon);
        }
        render();
    });
    // A text the server refused (not enough coins, …) comes back into the input, unless
    // something else was typed meanwhile; the text is confirmed when it comes back stored.
    connect(m_client, &ChatClient::errorReceived, this, [this] {
        if (!m_unconfirmed.isEmpty() && m_text->text().isEmpty())
            m_text->setText(m_unconfirmed);
        m_unconfirmed.clear();
    });
    // Messages in a conversation that is not on screen: the list shows their count in bold;
    // when the chat itself is out of sight, a notification says who wrote.
    connect(m_client, &ChatClient::unreadArrived, this, [this](qint64 from, int unread) {
        if (!isVisible() || !window()->isActiveWindow())
            emit notify(tr("New message from %1").arg(m_client->memberName(from)), tr("%n unread message(s)", nullptr, unread));
    });
    connect(m_client, &ChatClient::messageReceived, this, [this](const QJsonObject &msg) {
        const qint64 from = msg.value(chat::key::memberId).toInteger();
        if (from == m_client->userId() && msg.value(chat::key::text).toString() == m_unconfirmed)
            m_unconfirmed.clear();
        if (from != m_client->userId() && !window()->isActiveWindow())
            emit notify(tr("Message from %1").arg(m_client->memberName(from)), msg.value(chat::key::text).toString(tr("(a smile or a file)")));
    });
}

void ChatClientWidget::registerAccount()
{
    m_client->registerAccount(m_email->text().trimmed(), m_password->text());
}

void ChatClientWidget::logIn()
{
    m_client->logIn(m_email->text().trimmed(), m_password->text());
}

bool ChatClientWidget::sendText()
{
    if (!m_client->sendText(m_text->text()))
        return false;
    m_unconfirmed = m_text->text();  // back in the input if the server refuses it
    m_text->clear();
    return true;
}

void ChatClientWidget::sendFile(const QString &path)
{
    if (m_client->sendFile(path, m_text->text()))
        m_text->clear();
}

void ChatClientWidget::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile() && QFileInfo(urls.first().toLocalFile()).isFile())
        event->acceptProposedAction();
}

void ChatClientWidget::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() != 1 || !urls.first().isLocalFile())
        return;
    event->acceptProposedAction();
    sendFile(urls.first().toLocalFile());
}

void ChatClientWidget::showBalance()
{
    m_logOut->setEnabled(m_client->loggedInNow());
    if (!m_client->loggedInNow()) {
        m_balance->clear();
        return;
    }
    const QString role = m_client->role();
    m_balance->setText(role == protocol::accounts::role::member
                           ? tr("Balance: %1 coins").arg(m_client->balance())
                           : tr("Balance: %1 coins (%2: messages are free)").arg(m_client->balance()).arg(role));
}

void ChatClientWidget::showMembers()
{
    const QList<ChatMember> members = m_client->members();
    // Updated in place: the selection and the scroll position stay while counts change.
    while (m_members->count() > members.size())
        delete m_members->takeItem(m_members->count() - 1);
    for (int i = 0; i < members.size(); ++i) {
        const ChatMember &m = members[i];
        QListWidgetItem *item = i < m_members->count() ? m_members->item(i) : new QListWidgetItem(m_members);
        const QString count = m.unread >= chat::unreadCap ? tr("%1+").arg(chat::unreadCap - 1) : QString::number(m.unread);
        item->setText(m.unread > 0 ? tr("%1 (%2)").arg(m.shown, count) : m.shown);
        item->setToolTip(m.unread > 0 ? tr("%n unread message(s)", nullptr, m.unread) : QString());
        QFont font = m_members->font();
        font.setBold(m.unread > 0);
        item->setFont(font);
        item->setData(Qt::UserRole, m.id);
        if (m.id == m_client->peer() && m_members->currentItem() != item)
            m_members->setCurrentItem(item);
    }
}

void ChatClientWidget::showSmiles()
{
    QMenu *menu = m_smileButton->menu();
    menu->clear();
    auto *grid = new QWidget(menu);
    auto *gl = new QGridLayout(grid);
    int i = 0;
    for (const ChatSmile &s : m_client->smiles()) {
        auto *b = new QToolButton(grid);
        b->setObjectName(QStringLiteral("smile-%1").arg(s.id));
        b->setProperty("fileUuid", s.fileUuid);
        b->setText(QString::number(s.id));
        b->setToolTip(s.price ? tr("Smile %1 · %2 coins").arg(s.id).arg(s.price) : tr("Smile %1 · free").arg(s.id));
        b->setIconSize(QSize(40, 40));
        if (m_images.contains(s.fileUuid))
            b->setIcon(QIcon(QPixmap::fromImage(m_images.value(s.fileUuid))));
        else
            m_client->fetchFile(s.fileUuid);  // the picture arrives later
        connect(b, &QToolButton::clicked, this, [this, id = s.id, menu] {
            menu->close();
            m_client->sendSmile(id);
        });
        gl->addWidget(b, i / 6, i % 6);
        ++i;
    }
    if (i == 0)
        gl->addWidget(new QLabel(tr("This server has no smiles yet."), grid), 0, 0);
    auto *action = new QWidgetAction(menu);
    action->setDefaultWidget(grid);
    menu->addAction(action);
}

void ChatClientWidget::render()
{
    const QList<QJsonObject> &messages = m_client->messages();
    m_older->setEnabled(!messages.isEmpty() && m_client->hasOlder());
    m_older->setText(messages.isEmpty() || m_client->hasOlder() ? tr("Load older messages") : tr("This is the start of the conversation"));
    QString html;
    for (const QJsonObject &m : messages) {
        const qint64 from = m.value(chat::key::memberId).toInteger();
        const bool mine = from == m_client->userId();
        const QDateTime when = QDateTime::fromString(m.value(chat::key::date).toString(), Qt::ISODateWithMs);
        QString body;
        const QString type = m.value(chat::key::type).toString();
        if (type == chat::type::smile) {
            const QString uuid = m.value(chat::key::smileFileUuid).toString();
            body = m_images.contains(uuid) ? QStringLiteral("<img src=\"sbimg:%1\" height=\"48\">").arg(uuid)
                                           : tr("[smile %1]").arg(m.value(chat::key::smileId).toInteger());
        } else if (type == chat::type::file) {
            const QString uuid = m.value(chat::key::fileUuid).toString();
            const QString info = m_client->fileInfo(uuid);
            body = tr("File: %1").arg(info.isEmpty() ? tr("a file") : info).toHtmlEscaped()
                   + QStringLiteral(" <a href=\"sbfile:%1\">%2</a>").arg(uuid, tr("Save…"));
            if (m_images.contains(uuid))
                body += QStringLiteral("<br><img src=\"sbimg:%1\" height=\"%2\">").arg(uuid).arg(qBound(48, m_images.value(uuid).height(), 160));
            if (!m.value(chat::key::text).toString().isEmpty())
                body += QStringLiteral("<br>") + m.value(chat::key::text).toString().toHtmlEscaped();
        } else {
            body = m.value(chat::key::text).toString().toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
        }
        html += QStringLiteral("<table width=\"100%\"><tr><td align=\"%1\"><div style=\"color:%6; font-size:small\">%2 · %3</div>"
                               "<div style=\"background:%4\">%5</div></td></tr></table>")
                    .arg(mine ? QStringLiteral("right") : QStringLiteral("left"),
                         mine ? tr("you") : m_client->memberName(from).toHtmlEscaped(),
                         formatDateTime(when), theme::bubble(mine).name(), body, theme::text(theme::Tone::Muted).name());
    }
    m_view->setHtml(html);
    m_view->moveCursor(QTextCursor::End);
}

}  // namespace sb::ui
