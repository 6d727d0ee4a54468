#include "chatservice.h"

#include "protocol/accounts.h"
#include "protocol/chat.h"

#include "accounts/accountstore.h"
#include "accounts/httpauth.h"
#include "accounts/secrets.h"
#include "chatsession.h"
#include "chatstore.h"
#include "multipart.h"
#include "net/wsendpoint.h"
#include "servercontext.h"
#include "store/database.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace sb::chat {

namespace pa = protocol::accounts;
namespace pc = protocol::chat;

namespace {

const QString kService = QStringLiteral("chat");

class ChatEndpoint final : public WsEndpoint
{
public:
    explicit ChatEndpoint(ChatService &service) : m_service(service) {}
    QString service() const override { return kService; }
    void admit(const HttpRequest &, std::function<void(WsAdmission)> done) override
    {
        // Seed 001 authenticates with the first message; other_member_id is checked then
        // too, and every failure closes with 1008.
        done(WsAdmission::accept(0, QStringLiteral("(not yet authenticated)")));
    }
    WsSession *createSession(const SessionContext &context) override
    {
        return new ChatSession(context, m_service.context().telemetry->service(kService), m_service);
    }

private:
    ChatService &m_service;
};

// Images accepted as smiles, recognised by their first bytes, never by name or header.
QString imageTypeOf(const QByteArray &data)
{
    if (data.startsWith("\x89PNG\r\n\x1a\n"))
        return QStringLiteral("image/png");
    if (data.startsWith("\xff\xd8\xff"))
        return QStringLiteral("image/jpeg");
    if (data.startsWith("GIF87a") || data.startsWith("GIF89a"))
        return QStringLiteral("image/gif");
    if (data.size() >= 12 && data.startsWith("RIFF") && data.mid(8, 4) == "WEBP")
        return QStringLiteral("image/webp");
    return {};
}

QJsonObject userJson(const User &u)
{
    return {{pa::key::id, double(u.id)},
            {QStringLiteral("uuid"), u.uuid},
            {pa::key::email, u.email},
            {pa::key::role, u.role},
            {pa::key::balance, double(u.balance)}};
}

QByteArray contentDisposition(const QString &name)
{
    // An ASCII fallback plus the exact UTF-8 name (RFC 6266 / 8187).
    QByteArray ascii;
    for (QChar c : name)
        ascii.append(c.unicode() >= 0x20 && c.unicode() < 0x7f && c != QLatin1Char('"') && c != QLatin1Char('\\') ? char(c.unicode()) : '_');
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + QUrl::toPercentEncoding(name);
}

HttpResponse staticPage(const QString &resource)
{
    QFile f(resource);
    if (!f.open(QIODevice::ReadOnly))
        return HttpResponse::error(500, "INTERNAL", QStringLiteral("page missing from the build"));
    HttpResponse r = HttpResponse::text(200, f.readAll(), "text/html; charset=utf-8");
    r.setHeader("Cache-Control", "no-cache");
    return r;
}

}  // namespace

ChatService::ChatService(ServerContext &context)
    : m_ctx(context)
    , m_settings(context.config.service(kService).settings<ChatSettings>())
    , m_conversations(*context.broker, kService)
{
    m_store = std::make_unique<ChatStore>(*context.database, QDir(context.config.dataDir).filePath(QStringLiteral("files")));
    m_store->removeOrphanFiles();
    m_writer = std::make_unique<ChatWriter>(*context.database, m_settings.textPrice,
                                            context.telemetry->service(kService));
    m_reads = std::make_unique<ChatReads>(*context.database, context.blockingPool);
}

ChatService::~ChatService() = default;

std::optional<PresenceNode> ChatService::presence() const
{
    const auto sizes = m_conversations.roomSizes();
    PresenceNode top{QCoreApplication::translate("sb::Presence", "Chat conversations (by chat id)"),
                     QCoreApplication::translate("sb::Presence", "%n active", nullptr, int(sizes.size())), {}};
    for (auto it = sizes.constBegin(); it != sizes.constEnd(); ++it)
        top.children.append({it.key(), QCoreApplication::translate("sb::Presence", "%n open socket(s)", nullptr, it.value()), {}});
    return top;
}

void ChatService::drain()
{
    m_writer->flush();  // everything submitted so far is committed and reported
    m_reads->flush();
}

void ChatService::registerRoutes(Router &router)
{
    auto endpoint = std::make_shared<ChatEndpoint>(*this);
    router.addWs({pc::socketPath, kService, endpoint});
    auto route = [this, &router](const QByteArray &method, const QString &path, void (ChatService::*fn)(HttpRequest &, const HttpResponder &)) {
        router.addHttp({method, path, kService, [this, fn](HttpRequest &r, const HttpResponder &s) { (this->*fn)(r, s); }});
    };
    route("GET", pc::storagePath, &ChatService::getFile);
    route("POST", pc::smilesPath, &ChatService::uploadSmile);
    route("GET", pc::smilesPath, &ChatService::listSmiles);
    route("PATCH", QStringLiteral("/storage/smiles/{id}"), &ChatService::changeSmile);
    route("DELETE", QStringLiteral("/storage/smiles/{id}"), &ChatService::changeSmile);
    route("GET", pa::membersPath, &ChatService::listMembers);
    route("GET", pa::mePath, &ChatService::me);
    route("POST", QStringLiteral("/admin/users/{id}/balance"), &ChatService::topUp);
    router.addHttp({"GET", QStringLiteral("/"), kService, [](HttpRequest &, const HttpResponder &s) {
                        s.send(staticPage(QStringLiteral(":/web/chat.html")));
                    }});
    router.addHttp({"GET", QStringLiteral("/examples/chat.html"), kService, [](HttpRequest &, const HttpResponder &s) {
                        s.send(staticPage(QStringLiteral(":/web/example-chat.html")));
                    }});
}

std::optional<qint64> ChatService::coinsFromBody(HttpRequest &request, const HttpResponder &respond, const char *key, qint64 min,
                                                 const char *code)
{
    bool ok = false;
    QString error;
    const QJsonObject body = request.jsonBody(&ok, &error);
    if (!ok) {
        respond.send(HttpResponse::error(400, "INVALID_JSON", error));
        return std::nullopt;
    }
    const QJsonValue value = body.value(QLatin1String(key));
    const double v = value.toDouble(-1);
    if (!value.isDouble() || v < double(min) || v != double(qint64(v))) {
        respond.send(HttpResponse::error(400, code, min > 0 ? QStringLiteral("%1 must be a whole number of coins, %2 or more").arg(QLatin1String(key)).arg(min)
                                                            : QStringLiteral("%1 must be a whole number of coins, zero or more").arg(QLatin1String(key))));
        return std::nullopt;
    }
    return qint64(v);
}

std::optional<User> ChatService::superuser(const HttpRequest &request, const HttpResponder &respond, const QString &action)
{
    auto user = caller(request, respond);
    if (user && user->role != pa::role::superuser) {
        respond.send(HttpResponse::error(403, "FORBIDDEN", QStringLiteral("only a superuser can %1").arg(action)));
        return std::nullopt;
    }
    return user;
}

std::optional<User> ChatService::caller(const HttpRequest &request, const HttpResponder &respond)
{
    auto user = requestUser(*m_ctx.accounts, request);
    if (!user) {
        HttpResponse r = HttpResponse::error(401, "NOT_AUTHENTICATED", QStringLiteral("send 'Authorization: Bearer <access_token>' from /auth/login"));
        r.setHeader("WWW-Authenticate", "Bearer");
        respond.send(r);
    }
    return user;
}

void ChatService::getFile(HttpRequest &request, const HttpResponder &respond)
{
    const QString uuid = QString::fromUtf8(request.head.queryItem("uuid"));
    const QUuid parsed = QUuid::fromString(uuid);
    if (uuid.size() != 36 || parsed.isNull()) {
        respond.send(HttpResponse::error(400, "INVALID_UUID", QStringLiteral("uuid must be a file's UUID")));
        return;
    }
    const auto file = m_store->file(parsed.toString(QUuid::WithoutBraces));
    if (!file) {
        respond.send(HttpResponse::error(404, "NOT_FOUND", QStringLiteral("no file with this uuid")));
        return;
    }
    const bool head = request.head.method == "HEAD";
    m_ctx.blockingPool.start([store = m_store.get(), file = *file, respond, head] {
        const std::optional<QByteArray> bytes = store->readBytes(file.uuid);
        if (!bytes) {
            respond.send(HttpResponse::error(404, "NOT_FOUND", QStringLiteral("the file is gone from storage")));
            return;
        }
        HttpResponse r;
        r.status = 200;
        if (head)
            r.setHeader("Content-Length", QByteArray::number(bytes->size()));
        else
            r.body = *bytes;
        r.setHeader("Content-Type", file.contentType.toUtf8());
        r.setHeader("Content-Disposition", contentDisposition(file.originalName));
        r.setHeader("X-Content-Type-Options", "nosniff");
        r.setHeader("Cache-Control", "private, max-age=31536000, immutable");
        respond.send(r);
    });
}

void ChatService::uploadSmile(HttpRequest &request, const HttpResponder &respond)
{
    const auto user = superuser(request, respond, QStringLiteral("add smiles"));
    if (!user)
        return;
    const QByteArray boundary = multipartBoundary(request.header("Content-Type"));
    if (boundary.isEmpty()) {
        respond.send(HttpResponse::error(415, "UNSUPPORTED_MEDIA_TYPE", QStringLiteral("send multipart/form-data with a 'file' field")));
        return;
    }
    QString error;
    const auto parts = parseMultipart(request.body, boundary, &error);
    if (!parts) {
        respond.send(HttpResponse::error(400, "INVALID_MULTIPART", error));
        return;
    }
    const MultipartPart *file = nullptr;
    qint64 price = 0;
    for (const MultipartPart &p : *parts) {
        if (p.name == "file")
            file = &p;
        if (p.name == "price") {
            bool ok = false;
            price = p.data.trimmed().toLongLong(&ok);
            if (!ok || price < 0) {
                respond.send(HttpResponse::error(400, "INVALID_PRICE", QStringLiteral("price must be a whole number of coins, zero or more")));
                return;
            }
        }
    }
    if (!file) {
        respond.send(HttpResponse::error(400, "MISSING_FIELD", QStringLiteral("the form needs a 'file' field with the image")));
        return;
    }
    ChatService *self = this;
    const QByteArray data = file->data;
    const QString name = QString::fromUtf8(file->filename.isEmpty() ? QByteArray("smile") : file->filename);
    const qint64 uploader = user->id;
    m_ctx.blockingPool.start([self, data, name, price, uploader, respond] {
        int code = 0;
        QString error;
        const auto smile = self->addSmile(data, name, price, uploader, &code, &error);
        if (!smile) {
            const char *codes[] = {"FILE_TOO_LARGE", "NOT_AN_IMAGE", "STORAGE_ERROR"};
            respond.send(HttpResponse::error(code, codes[code == 413 ? 0 : code == 415 ? 1 : 2], error));
            return;
        }
        respond.send(HttpResponse::json(201, QJsonObject{{pa::key::id, double(smile->id)},
                                                         {pc::key::fileUuid, smile->fileUuid},
                                                         {pc::key::price, double(smile->price)}}));
    });
}

std::optional<Smile> ChatService::addSmile(const QByteArray &image, const QString &name, qint64 price, qint64 uploaderId,
                                           int *errorCode, QString *error)
{
    const qint64 limit = m_settings.fileBytes;
    if (image.size() > limit) {
        *errorCode = 413;
        *error = QStringLiteral("smiles are limited to %1 bytes").arg(limit);
        return std::nullopt;
    }
    const QString type = imageTypeOf(image);
    if (type.isEmpty()) {
        *errorCode = 415;
        *error = QStringLiteral("a smile must be a PNG, JPEG, GIF or WebP image");
        return std::nullopt;
    }
    const StoredFile stored{secrets::randomUuid(), name.left(255), type, image.size()};
    QString err;
    if (!m_store->writeBytes(stored.uuid, image, &err)) {
        *errorCode = 500;
        *error = QStringLiteral("the image could not be stored");
        return std::nullopt;
    }
    auto smile = m_store->addSmile(stored, price, uploaderId);
    if (!smile) {
        m_store->removeBytes(stored.uuid);
        *errorCode = 500;
        *error = QStringLiteral("the smile could not be stored");
    }
    return smile;
}

void ChatService::changeSmile(HttpRequest &request, const HttpResponder &respond)
{
    const auto user = superuser(request, respond, QStringLiteral("change smiles"));
    if (!user)
        return;
    const auto noSuchSmile = [&respond] { respond.send(HttpResponse::error(404, "NOT_FOUND", QStringLiteral("no smile with this id"))); };
    bool ok = false;
    const qint64 id = request.params.value(QStringLiteral("id")).toLongLong(&ok);
    if (!ok)
        return noSuchSmile();
    if (request.head.method == "DELETE") {
        if (m_store->retireSmile(id))
            respond.send(HttpResponse{204, {}, {}, false, false});
        else
            noSuchSmile();
        return;
    }
    const auto p = coinsFromBody(request, respond, "price", 0, "INVALID_PRICE");
    if (!p)
        return;
    if (!m_store->setSmilePrice(id, *p))
        return noSuchSmile();
    respond.send(HttpResponse::json(200, QJsonObject{{pa::key::id, double(id)}, {pc::key::price, double(*p)}}));
}

void ChatService::listSmiles(HttpRequest &, const HttpResponder &respond)
{
    QJsonArray out;
    for (const Smile &s : m_store->smiles())
        out.append(QJsonObject{{pa::key::id, double(s.id)}, {pc::key::fileUuid, s.fileUuid}, {pc::key::price, double(s.price)}});
    respond.send(HttpResponse::json(200, QJsonDocument(out).toJson(QJsonDocument::Compact)));
}

void ChatService::listMembers(HttpRequest &request, const HttpResponder &respond)
{
    const auto user = caller(request, respond);
    if (!user)
        return;
    // Members see who they can talk to, not everyone's address: an id (all the seed needs)
    // and a name (the part of the email before '@'). Superusers and employees, who run the
    // place, also see the email (docs/chat.md).
    const bool staff = user->role == pa::role::superuser || user->role == pa::role::employee;
    QList<QJsonObject> members;
    for (const User &u : m_ctx.accounts->users()) {
        if (u.id == user->id || u.disabled)
            continue;
        QJsonObject m{{pa::key::id, double(u.id)}, {pa::key::name, u.email.section(QLatin1Char('@'), 0, 0)}};
        if (staff)
            m.insert(pa::key::email, u.email);
        members.append(m);
    }
    // Beyond the seed: how many messages from each came after what the caller read. Counting
    // reads the database: on the pool, not on the worker.
    m_ctx.blockingPool.start([reads = m_reads.get(), me = user->id, members = std::move(members), respond]() mutable {
        const QHash<qint64, int> unread = reads->unread(me);
        QJsonArray out;
        for (QJsonObject &m : members) {
            m.insert(pc::key::unread, unread.value(m.value(pa::key::id).toInteger()));
            out.append(m);
        }
        respond.send(HttpResponse::json(200, QJsonDocument(out).toJson(QJsonDocument::Compact)));
    });
}

void ChatService::me(HttpRequest &request, const HttpResponder &respond)
{
    if (const auto user = caller(request, respond))
        respond.send(HttpResponse::json(200, userJson(*user)));
}

void ChatService::topUp(HttpRequest &request, const HttpResponder &respond)
{
    const auto user = superuser(request, respond, QStringLiteral("change balances"));
    if (!user)
        return;
    bool ok = false;
    const qint64 id = request.params.value(QStringLiteral("id")).toLongLong(&ok);
    const auto target = ok ? m_ctx.accounts->userById(id) : std::nullopt;
    if (!target) {
        respond.send(HttpResponse::error(404, "NOT_FOUND", QStringLiteral("no user with this id")));
        return;
    }
    const auto amount = coinsFromBody(request, respond, "amount", 1, "INVALID_AMOUNT");
    if (!amount)
        return;
    AccountStore::Error err;
    const auto updated = m_ctx.accounts->addBalance(target->id, *amount, &err);
    if (!updated) {
        respond.send(HttpResponse::error(500, "STORAGE_ERROR", AccountStore::describe(err)));
        return;
    }
    respond.send(HttpResponse::json(200, userJson(*updated)));
}

}  // namespace sb::chat
