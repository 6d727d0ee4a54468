#include "chatclient.h"

#include "clientsocket.h"

#include <QApplication>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMimeDatabase>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QTextBrowser>
#include <QThreadPool>
#include <QToolButton>
#include <QUrlQuery>
#include <QVBoxLayout>
#include <QWidgetAction>

namespace sb::ui {

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

ChatClientWidget::ChatClientWidget(QWidget *parent)
    : QWidget(parent)
    , m_socket(new ClientSocket(this))
    , m_http(new QNetworkAccessManager(this))
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
    account->addWidget(m_email, 2);
    account->addWidget(m_password, 2);
    account->addWidget(reg);
    account->addWidget(login);
    account->addWidget(m_balance, 1);
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
    m_view = new ChatView(m_imageData, right);
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
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    rl->addWidget(m_error);
    split->addWidget(m_members);
    split->addWidget(right);
    split->setStretchFactor(1, 3);
    layout->addWidget(split, 1);

    connect(reg, &QPushButton::clicked, this, &ChatClientWidget::registerAccount);
    connect(login, &QPushButton::clicked, this, &ChatClientWidget::logIn);
    connect(m_password, &QLineEdit::returnPressed, this, &ChatClientWidget::logIn);
    connect(send, &QPushButton::clicked, this, &ChatClientWidget::sendText);
    connect(m_text, &QLineEdit::returnPressed, this, &ChatClientWidget::sendText);
    connect(m_older, &QPushButton::clicked, this, &ChatClientWidget::loadOlder);
    connect(attach, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Send a file"));
        if (!path.isEmpty())
            sendFile(path);
    });
    connect(m_members, &QListWidget::itemActivated, this, [this](QListWidgetItem *i) { openConversation(i->data(Qt::UserRole).toLongLong()); });
    connect(m_members, &QListWidget::itemClicked, this, [this](QListWidgetItem *i) { openConversation(i->data(Qt::UserRole).toLongLong()); });
    connect(m_view, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() != QLatin1String("sbfile"))
            return;
        const QString uuid = url.path();
        const QString name = m_fileInfo.value(uuid).section(QStringLiteral(" ("), 0, 0);
        const QString path = QFileDialog::getSaveFileName(this, tr("Save file"), name);
        if (!path.isEmpty())
            saveFile(uuid, path);
    });
    connect(m_socket, &ClientSocket::stateChanged, m_state, &QLabel::setText);
    connect(m_socket, &ClientSocket::opened, this, [this] { m_socket->sendText(QStringLiteral("Bearer ") + m_token); });
    connect(m_socket, &ClientSocket::textReceived, this, &ChatClientWidget::onMessage);
    connect(&m_socket->socket(), &QWebSocket::bytesWritten, this, [this](qint64 n) {
        if (m_sendTotal <= 0)
            return;
        m_sent += n;
        m_progress->setValue(int(qMin<qint64>(100, m_sent * 100 / m_sendTotal)));
        if (m_sent >= m_sendTotal) {
            m_sendTotal = 0;
            m_progress->setVisible(false);
        }
    });
}

QNetworkRequest ChatClientWidget::request(const QString &path) const
{
    QUrl url = m_base;
    const qsizetype q = path.indexOf(QLatin1Char('?'));
    url.setPath(q < 0 ? path : path.left(q));
    if (q >= 0)
        url.setQuery(path.mid(q + 1));
    QNetworkRequest r(url);
    r.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    if (!m_token.isEmpty())
        r.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    return r;
}

void ChatClientWidget::setServer(const QUrl &base)
{
    m_base = base;
}

void ChatClientWidget::registerAccount()
{
    const QJsonObject body{{QStringLiteral("email"), m_email->text().trimmed()},
                           {QStringLiteral("password"), m_password->text()},
                           {QStringLiteral("repeat_password"), m_password->text()}};
    m_state->setText(tr("Registering…"));
    QNetworkReply *reply = m_http->post(request(QStringLiteral("/auth/register")), QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
        if (status == 201) {
            logIn();
            return;
        }
        const QString detail = answer.value(QLatin1String("detail")).toString(answer.value(QLatin1String("error")).toString());
        m_state->setText(status ? tr("Registration refused (HTTP %1): %2").arg(status).arg(detail) : tr("Registration failed: %1").arg(reply->errorString()));
    });
}

void ChatClientWidget::logIn()
{
    const QJsonObject body{{QStringLiteral("email"), m_email->text().trimmed()}, {QStringLiteral("password"), m_password->text()}};
    m_token.clear();
    m_state->setText(tr("Logging in…"));
    QNetworkReply *reply = m_http->post(request(QStringLiteral("/auth/login")), QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
        if (status != 200) {
            m_state->setText(status == 401 ? tr("Wrong email or password") : tr("Login failed: %1").arg(status ? tr("HTTP %1").arg(status) : reply->errorString()));
            emit loggedIn(false);
            return;
        }
        m_token = answer.value(QLatin1String("access_token")).toString();
        m_state->setText(tr("Logged in as %1").arg(m_email->text().trimmed()));
        refreshMe();
        refreshMembers();
        refreshSmiles();
        emit loggedIn(true);
    });
}

void ChatClientWidget::refreshMe()
{
    QNetworkReply *reply = m_http->get(request(QStringLiteral("/me")));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const QJsonObject me = QJsonDocument::fromJson(reply->readAll()).object();
        if (me.isEmpty())
            return;
        m_userId = me.value(QLatin1String("id")).toInteger();
        m_balanceValue = me.value(QLatin1String("balance")).toInteger();
        m_memberNames.insert(m_userId, me.value(QLatin1String("email")).toString());
        const QString role = me.value(QLatin1String("role")).toString();
        m_balance->setText(role == QLatin1String("member") ? tr("Balance: %1 coins").arg(m_balanceValue)
                                                           : tr("Balance: %1 coins (%2: messages are free)").arg(m_balanceValue).arg(role));
    });
}

void ChatClientWidget::refreshMembers()
{
    QNetworkReply *reply = m_http->get(request(QStringLiteral("/members")));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const qint64 current = m_peer;
        m_members->clear();
        for (const QJsonValue &v : QJsonDocument::fromJson(reply->readAll()).array()) {
            const QJsonObject m = v.toObject();
            const qint64 id = m.value(QLatin1String("id")).toInteger();
            // Staff see emails; members see names (docs/chat.md).
            const QString email = m.value(QLatin1String("email")).toString();
            const QString shown = email.isEmpty() ? m.value(QLatin1String("name")).toString() : email;
            m_memberNames.insert(id, shown);
            auto *item = new QListWidgetItem(shown, m_members);
            item->setData(Qt::UserRole, id);
            if (id == current)
                m_members->setCurrentItem(item);
        }
        emit membersLoaded();
    });
}

void ChatClientWidget::refreshSmiles()
{
    QNetworkReply *reply = m_http->get(request(QStringLiteral("/storage/smiles")));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        m_smileFiles.clear();
        QMenu *menu = m_smileButton->menu();
        menu->clear();
        auto *grid = new QWidget(menu);
        auto *gl = new QGridLayout(grid);
        int i = 0;
        for (const QJsonValue &v : QJsonDocument::fromJson(reply->readAll()).array()) {
            const QJsonObject s = v.toObject();
            const qint64 id = s.value(QLatin1String("id")).toInteger();
            const QString uuid = s.value(QLatin1String("file_uuid")).toString();
            const qint64 price = s.value(QLatin1String("price")).toInteger();
            m_smileFiles.insert(id, uuid);
            auto *b = new QToolButton(grid);
            b->setObjectName(QStringLiteral("smile-%1").arg(id));
            b->setText(QString::number(id));
            b->setToolTip(price ? tr("Smile %1 · %2 coins").arg(id).arg(price) : tr("Smile %1 · free").arg(id));
            b->setIconSize(QSize(40, 40));
            connect(b, &QToolButton::clicked, this, [this, id, menu] {
                menu->close();
                sendSmile(id);
            });
            // The picture arrives later.
            QNetworkReply *img = m_http->get(request(QStringLiteral("/storage?uuid=") + uuid));
            QPointer<QToolButton> button(b);
            connect(img, &QNetworkReply::finished, this, [img, button] {
                img->deleteLater();
                QImage image;
                if (button && image.loadFromData(img->readAll()))
                    button->setIcon(QIcon(QPixmap::fromImage(image)));
            });
            gl->addWidget(b, i / 6, i % 6);
            ++i;
        }
        if (i == 0)
            gl->addWidget(new QLabel(tr("This server has no smiles yet."), grid), 0, 0);
        auto *action = new QWidgetAction(menu);
        action->setDefaultWidget(grid);
        menu->addAction(action);
        emit smilesLoaded();
    });
}

void ChatClientWidget::openConversation(qint64 memberId)
{
    if (m_token.isEmpty() || memberId <= 0)
        return;
    m_peer = memberId;
    m_messages.clear();
    m_error->clear();
    render();
    QUrl url = m_base;
    url.setScheme(m_base.scheme() == QLatin1String("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setPath(QStringLiteral("/members/chat/"));
    url.setQuery(QStringLiteral("other_member_id=%1").arg(memberId));
    m_socket->open(QNetworkRequest(url));
}

bool ChatClientWidget::sendText()
{
    const QString text = m_text->text();
    if (text.trimmed().isEmpty())
        return false;
    if (!m_socket->isOpen()) {
        m_error->setText(tr("Pick a member first: no conversation is open."));
        return false;
    }
    m_error->clear();
    m_socket->sendText(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), text}})
                                             .toJson(QJsonDocument::Compact)));
    m_text->clear();
    return true;
}

void ChatClientWidget::sendSmile(qint64 smileId)
{
    if (!m_socket->isOpen()) {
        m_error->setText(tr("Pick a member first: no conversation is open."));
        return;
    }
    m_socket->sendText(QStringLiteral("{\"type\":\"smile\",\"smile_id\":%1}").arg(smileId));
}

void ChatClientWidget::sendFile(const QString &path)
{
    if (!m_socket->isOpen()) {
        m_error->setText(tr("Pick a member first: no conversation is open."));
        return;
    }
    const QString caption = m_text->text();
    m_text->clear();
    m_progress->setVisible(true);
    m_progress->setValue(0);
    m_progress->setFormat(tr("Reading %1…").arg(QFileInfo(path).fileName()));
    // Reading (and building the frame) happens on the pool; the GUI keeps running.
    QPointer<ChatClientWidget> self(this);
    QThreadPool::globalInstance()->start([self, path, caption] {
        QFile f(path);
        QByteArray frame;
        QString error;
        if (!f.open(QIODevice::ReadOnly)) {
            error = f.errorString();
        } else {
            const QByteArray data = f.readAll();
            const QJsonObject info{{QStringLiteral("name"), QFileInfo(path).fileName()},
                                   {QStringLiteral("size"), qint64(data.size())},
                                   {QStringLiteral("type"), QMimeDatabase().mimeTypeForFileNameAndData(path, data.left(4096)).name()},
                                   {QStringLiteral("text"), caption}};
            frame = "!" + QJsonDocument(info).toJson(QJsonDocument::Compact) + "#" + data;
        }
        QMetaObject::invokeMethod(
            qApp,
            [self, frame, error, path] {
                if (!self)
                    return;
                if (!error.isEmpty()) {
                    self->m_progress->setVisible(false);
                    self->m_error->setText(tr("Cannot read %1: %2").arg(path, error));
                    return;
                }
                self->m_progress->setFormat(tr("Sending… %p%"));
                self->m_sendTotal = frame.size();
                self->m_sent = 0;
                self->m_socket->socket().sendBinaryMessage(frame);
            },
            Qt::QueuedConnection);
    });
}

void ChatClientWidget::loadOlder()
{
    if (!m_socket->isOpen() || m_messages.isEmpty())
        return;
    const qint64 oldest = m_messages.first().value(QLatin1String("id")).toInteger();
    m_socket->sendText(QStringLiteral("{\"type\":\"history\",\"before\":%1,\"limit\":50}").arg(oldest));
}

void ChatClientWidget::saveFile(const QString &uuid, const QString &path)
{
    QNetworkReply *reply = m_http->get(request(QStringLiteral("/storage?uuid=") + uuid));
    connect(reply, &QNetworkReply::finished, this, [this, reply, path] {
        reply->deleteLater();
        if (reply->error() != QNetworkReply::NoError) {
            m_error->setText(tr("Download failed: %1").arg(reply->errorString()));
            emit fileSaved(path, false);
            return;
        }
        const QByteArray data = reply->readAll();
        QPointer<ChatClientWidget> self(this);
        QThreadPool::globalInstance()->start([self, data, path] {
            QFile f(path);
            const bool ok = f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
            QMetaObject::invokeMethod(
                qApp,
                [self, ok, path] {
                    if (!self)
                        return;
                    if (!ok)
                        self->m_error->setText(tr("Cannot write %1").arg(path));
                    emit self->fileSaved(path, ok);
                },
                Qt::QueuedConnection);
        });
    });
}

void ChatClientWidget::onMessage(const QString &text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (doc.isArray()) {  // the history on opening, or an older page
        const bool first = m_messages.isEmpty();
        addMessages(doc.array());
        m_older->setEnabled(!m_messages.isEmpty());
        if (first)
            emit conversationOpened();
        return;
    }
    const QJsonObject msg = doc.object();
    if (msg.value(QLatin1String("type")).toString() == QLatin1String("error")) {
        const QString code = msg.value(QLatin1String("code")).toString();
        const QString detail = msg.value(QLatin1String("detail")).toString();
        m_progress->setVisible(false);
        m_sendTotal = 0;
        if (code == QLatin1String("INSUFFICIENT_BALANCE"))
            m_error->setText(tr("Not enough coins: %1. Ask the server's operator to top up your balance.").arg(detail));
        else
            m_error->setText(tr("The server refused the message (%1): %2").arg(code, detail));
        refreshMe();
        emit errorReceived(code, detail);
        return;
    }
    addMessages(QJsonArray{msg});
    m_older->setEnabled(true);
    const qint64 from = msg.value(QLatin1String("member_id")).toInteger();
    if (from == m_userId)
        refreshMe();  // the charge
    else if (!window()->isActiveWindow())
        emit notify(tr("Message from %1").arg(memberName(from)), msg.value(QLatin1String("text")).toString(tr("(a smile or a file)")));
    emit messageReceived(msg);
}

void ChatClientWidget::addMessages(const QJsonArray &list)
{
    for (const QJsonValue &v : list) {
        const QJsonObject m = v.toObject();
        const qint64 id = m.value(QLatin1String("id")).toInteger();
        auto at = std::lower_bound(m_messages.begin(), m_messages.end(), id,
                                   [](const QJsonObject &o, qint64 key) { return o.value(QLatin1String("id")).toInteger() < key; });
        if (at != m_messages.end() && at->value(QLatin1String("id")).toInteger() == id)
            continue;  // already shown
        m_messages.insert(at, m);
        if (m.value(QLatin1String("type")).toString() == QLatin1String("smile"))
            fetchImage(m.value(QLatin1String("smile_file_uuid")).toString());
        if (m.value(QLatin1String("type")).toString() == QLatin1String("file"))
            fetchFileInfo(m.value(QLatin1String("file_uuid")).toString());
    }
    render();
}

QString ChatClientWidget::memberName(qint64 id) const
{
    return m_memberNames.value(id, tr("member %1").arg(id));
}

void ChatClientWidget::render()
{
    QString html;
    for (const QJsonObject &m : std::as_const(m_messages)) {
        const qint64 from = m.value(QLatin1String("member_id")).toInteger();
        const bool mine = from == m_userId;
        const QDateTime when = QDateTime::fromString(m.value(QLatin1String("date")).toString(), Qt::ISODateWithMs);
        QString body;
        const QString type = m.value(QLatin1String("type")).toString();
        if (type == QLatin1String("smile")) {
            const QString uuid = m.value(QLatin1String("smile_file_uuid")).toString();
            body = m_imageData.contains(uuid) ? QStringLiteral("<img src=\"sbimg:%1\" height=\"48\">").arg(uuid) : tr("[smile %1]").arg(m.value(QLatin1String("smile_id")).toInteger());
        } else if (type == QLatin1String("file")) {
            const QString uuid = m.value(QLatin1String("file_uuid")).toString();
            body = tr("File: %1").arg(m_fileInfo.value(uuid, tr("a file"))).toHtmlEscaped() + QStringLiteral(" <a href=\"sbfile:%1\">%2</a>").arg(uuid, tr("Save…"));
            if (!m.value(QLatin1String("text")).toString().isEmpty())
                body += QStringLiteral("<br>") + m.value(QLatin1String("text")).toString().toHtmlEscaped();
        } else {
            body = m.value(QLatin1String("text")).toString().toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
        }
        html += QStringLiteral("<table width=\"100%\"><tr><td align=\"%1\"><div style=\"color:#666; font-size:small\">%2 · %3</div>"
                               "<div style=\"background:%4\">%5</div></td></tr></table>")
                    .arg(mine ? QStringLiteral("right") : QStringLiteral("left"),
                         mine ? tr("you") : memberName(from).toHtmlEscaped(),
                         QLocale().toString(when.toLocalTime(), QLocale::ShortFormat), mine ? QStringLiteral("#dcf1ff") : QStringLiteral("#f0f0f0"), body);
    }
    m_view->setHtml(html);
    m_view->moveCursor(QTextCursor::End);
}

void ChatClientWidget::fetchImage(const QString &uuid)
{
    if (uuid.isEmpty() || m_imageData.contains(uuid) || m_imagesAsked.contains(uuid))
        return;
    m_imagesAsked.insert(uuid);
    QNetworkReply *reply = m_http->get(request(QStringLiteral("/storage?uuid=") + uuid));
    connect(reply, &QNetworkReply::finished, this, [this, reply, uuid] {
        reply->deleteLater();
        QImage image;
        if (!image.loadFromData(reply->readAll()))
            return;
        m_imageData.insert(uuid, image);
        render();
    });
}

void ChatClientWidget::fetchFileInfo(const QString &uuid)
{
    if (uuid.isEmpty() || m_fileInfo.contains(uuid))
        return;
    m_fileInfo.insert(uuid, tr("a file"));
    QNetworkReply *reply = m_http->head(request(QStringLiteral("/storage?uuid=") + uuid));
    connect(reply, &QNetworkReply::finished, this, [this, reply, uuid] {
        reply->deleteLater();
        static const QRegularExpression filename(QStringLiteral("filename\\*?=(?:UTF-8'')?\"?([^\";]+)"));
        const QString disposition = QString::fromUtf8(reply->rawHeader("Content-Disposition"));
        const auto match = filename.match(disposition);
        const QString name = match.hasMatch() ? QUrl::fromPercentEncoding(match.captured(1).toUtf8()) : tr("a file");
        const qint64 size = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        m_fileInfo.insert(uuid, tr("%1 (%2)").arg(name, QLocale().formattedDataSize(size)));
        render();
    });
}

}  // namespace sb::ui
