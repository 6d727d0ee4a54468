#include "cli.h"

#include "accounts/accountstore.h"
#include "api/localadmin.h"
#include "config.h"
#include "net/tls.h"
#include "serverhost.h"
#include "serveroptions.h"
#include "services/descriptor.h"
#include "store/database.h"
#include "terminationsignals.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>

#include <cstdio>

namespace sb::cli {

namespace {

void out(const QString &line)
{
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}

int fail(const QString &message)
{
    std::fputs(qPrintable(QStringLiteral("switchboardd: %1\n").arg(message)), stderr);
    return 1;
}

// Options of the administration commands (the server options come from ServerOptions).
struct Options {
    QCommandLineOption email{QStringLiteral("email"), QStringLiteral("user create / set-balance: the user's email."), QStringLiteral("E")};
    QCommandLineOption password{QStringLiteral("password"), QStringLiteral("user create: the password."), QStringLiteral("P")};
    QCommandLineOption role{QStringLiteral("role"), QStringLiteral("user create: superuser, employee, premium or member (default)."), QStringLiteral("R"), QStringLiteral("member")};
    QCommandLineOption balance{QStringLiteral("balance"), QStringLiteral("user create / set-balance: coins."), QStringLiteral("N")};
    QCommandLineOption amount{QStringLiteral("amount"), QStringLiteral("user top-up: coins to add."), QStringLiteral("N")};
    QCommandLineOption name{QStringLiteral("name"), QStringLiteral("token create / revoke: the token's name."), QStringLiteral("N")};
    QCommandLineOption scope{QStringLiteral("scope"), QStringLiteral("token create: private or public (felix bots), or admin (the admin endpoint)."), QStringLiteral("private|public|admin")};
    QCommandLineOption outDir{QStringLiteral("out"), QStringLiteral("cert generate: directory for cert.pem and key.pem."), QStringLiteral("DIR")};
};

std::optional<qint64> parseCoins(const QString &text)
{
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || v < 0)
        return std::nullopt;
    return v;
}

// The accounts of the data directory, for an administration command: the same calls the
// GUI and the admin API make, here on a store this process opens (a running server sees the
// changes within a second).
struct AdminStore {
    std::unique_ptr<Database> db;
    std::unique_ptr<AccountStore> accounts;
    std::unique_ptr<LocalAccountsAdmin> admin;  // on this thread: a command has nothing else to do
};

std::unique_ptr<AdminStore> openStore(const ServerConfig &config, QString *error)
{
    if (!QDir().mkpath(config.dataDir)) {
        *error = QStringLiteral("cannot create the data directory %1").arg(config.dataDir);
        return nullptr;
    }
    auto s = std::make_unique<AdminStore>();
    s->db = makeDatabase(config);
    if (!s->db->open(error))
        return nullptr;
    s->accounts = std::make_unique<AccountStore>(*s->db, config.accessTokenTtlDays, config.ticketTtlSeconds);
    s->admin = std::make_unique<LocalAccountsAdmin>([store = s->accounts.get()] { return store; }, nullptr);
    return s;
}

// One admin subcommand's inputs.
struct AdminCall {
    QString cmd;
    const QCommandLineParser &p;
    const Options &o;
    AccountsAdmin &accounts;
    std::optional<QString> need(const QCommandLineOption &opt) const
    {
        if (!p.isSet(opt))
            return std::nullopt;
        return p.value(opt);
    }
};

int userCreate(const AdminCall &c)
{
    const auto email = c.need(c.o.email);
    const auto password = c.need(c.o.password);
    if (!email || !password)
        return fail(QStringLiteral("user create: --email and --password are required"));
    qint64 coins = 0;
    if (c.p.isSet(c.o.balance)) {
        const auto b = parseCoins(c.p.value(c.o.balance));
        if (!b)
            return fail(QStringLiteral("user create: --balance must be a whole number, zero or more"));
        coins = *b;
    }
    const auto r = c.accounts.createUser(*email, *password, c.p.value(c.o.role), coins).result();
    if (!r.ok())
        return fail(QStringLiteral("user create: %1").arg(r.error));
    const UserInfo &user = r.value;
    out(QStringLiteral("created user %1 <%2> role %3 balance %4 uuid %5").arg(user.id).arg(user.email, user.role).arg(user.balance).arg(user.uuid));
    return 0;
}

int userSetBalance(const AdminCall &c)
{
    const auto email = c.need(c.o.email);
    const auto b = c.p.isSet(c.o.balance) ? parseCoins(c.p.value(c.o.balance)) : std::nullopt;
    if (!email || !b)
        return fail(QStringLiteral("user set-balance: --email and --balance (a whole number, zero or more) are required"));
    if (const Status r = c.accounts.setBalance(*email, *b).result(); !r.ok())
        return fail(QStringLiteral("user set-balance: %1").arg(r.error));
    out(QStringLiteral("balance of %1 is now %2").arg(*email).arg(*b));
    return 0;
}

int userDisableOrEnable(const AdminCall &c)
{
    const bool disable = c.cmd == QLatin1String("user disable");
    const auto email = c.need(c.o.email);
    if (!email)
        return fail(QStringLiteral("%1: --email is required").arg(c.cmd));
    if (const Status r = c.accounts.setDisabled(*email, disable).result(); !r.ok())
        return fail(QStringLiteral("%1: %2").arg(c.cmd, r.error));
    out(disable ? QStringLiteral("user %1 is disabled: no login, their sessions stop working").arg(*email)
                : QStringLiteral("user %1 is enabled again").arg(*email));
    return 0;
}

int userTopUp(const AdminCall &c)
{
    const auto email = c.need(c.o.email);
    const auto amount = c.p.isSet(c.o.amount) ? parseCoins(c.p.value(c.o.amount)) : std::nullopt;
    if (!email || !amount || *amount <= 0)
        return fail(QStringLiteral("user top-up: --email and --amount (a whole number, 1 or more) are required"));
    const auto r = c.accounts.addCoins(*email, *amount).result();
    if (!r.ok())
        return fail(QStringLiteral("user top-up: %1").arg(r.error));
    out(QStringLiteral("balance of %1 is now %2").arg(r.value.email).arg(r.value.balance));
    return 0;
}

int tokenCreate(const AdminCall &c)
{
    const auto name = c.need(c.o.name);
    const auto scope = c.need(c.o.scope);
    if (!name || !scope || (*scope != QLatin1String("private") && *scope != QLatin1String("public") && *scope != QLatin1String("admin")))
        return fail(QStringLiteral("token create: --name and --scope private|public|admin are required"));
    const auto r = c.accounts.createApiToken(*name, *scope).result();
    if (!r.ok())
        return fail(QStringLiteral("token create: %1").arg(r.error));
    out(QStringLiteral("created %1 token '%2' (shown once, store it now):").arg(*scope, *name));
    out(QString::fromLatin1(r.value));
    return 0;
}

int tokenList(const AdminCall &c)
{
    const auto tokens = c.accounts.apiTokens().result();
    if (tokens.isEmpty())
        out(QStringLiteral("no API tokens"));
    for (const ApiTokenInfo &t : tokens)
        out(QStringLiteral("%1\t%2\tcreated %3\t%4").arg(t.name, t.scope, t.createdAt.toString(Qt::ISODate),
                                                          t.revoked ? QStringLiteral("revoked") : QStringLiteral("active")));
    return 0;
}

int tokenRevoke(const AdminCall &c)
{
    const auto name = c.need(c.o.name);
    if (!name)
        return fail(QStringLiteral("token revoke: --name is required"));
    if (const Status r = c.accounts.revokeApiToken(*name).result(); !r.ok())
        return fail(QStringLiteral("token revoke: %1").arg(r.error));
    out(QStringLiteral("revoked token '%1'").arg(*name));
    return 0;
}

int certGenerate(const QCommandLineParser &p, const Options &o)
{
    if (!p.isSet(o.outDir))
        return fail(QStringLiteral("cert generate: --out DIR is required"));
    QString error;
    const auto cert = generateSelfSigned(p.value(o.outDir), ServerHost::lanAddresses(), &error);
    if (!cert)
        return fail(QStringLiteral("cert generate: %1").arg(error));
    out(QStringLiteral("certificate %1").arg(cert->certificateFile));
    out(QStringLiteral("key %1").arg(cert->keyFile));
    out(QStringLiteral("sha256 %1").arg(cert->sha256Fingerprint));
    return 0;
}

int runAdmin(const QStringList &args, const QCommandLineParser &p, const Options &o, const ServerConfig &config)
{
    const QString cmd = args.value(0) + QLatin1Char(' ') + args.value(1);
    if (cmd == QLatin1String("cert generate"))
        return certGenerate(p, o);
    const std::pair<const char *, int (*)(const AdminCall &)> commands[] = {
        {"user create", userCreate},   {"user set-balance", userSetBalance}, {"user disable", userDisableOrEnable},
        {"user enable", userDisableOrEnable}, {"user top-up", userTopUp},  {"token create", tokenCreate},
        {"token list", tokenList},     {"token revoke", tokenRevoke},
    };
    for (const auto &[name, run] : commands) {
        if (cmd != QLatin1String(name))
            continue;
        QString error;
        auto store = openStore(config, &error);
        if (!store)
            return fail(error);
        return run(AdminCall{cmd, p, o, *store->admin});
    }
    return fail(QStringLiteral("unknown command '%1' (see --help)").arg(args.join(QLatin1Char(' '))));
}

int runServer(ServerConfig config)
{
    ServerHost host(std::move(config));
    QString error;
    if (!host.start(&error))
        return fail(error);
    for (const ListenerStatus &l : host.listeners()) {
        if (l.running)
            out(QStringLiteral("listening %1 %2").arg(l.services.join(QLatin1Char(',')), l.localUrl));
        else  // a busy port: the others run (--strict: none would have started)
            fail(QStringLiteral("not listening %1: %2").arg(l.services.join(QLatin1Char(',')), l.error));
    }
    for (const ListenerStatus &l : host.listeners()) {
        for (const QString &u : l.lanUrls)
            out(QStringLiteral("  %1 on the LAN: %2").arg(l.services.join(QLatin1Char(',')), u));
    }
    const AdminEndpointStatus admin = host.snapshot().admin;
    if (admin.running)
        out(QStringLiteral("admin %1://127.0.0.1:%2 (%3)")
                .arg(admin.tls ? QStringLiteral("wss") : QStringLiteral("ws"))
                .arg(admin.port)
                .arg(admin.reach == QLatin1String("lan") ? QStringLiteral("reachable from the LAN") : QStringLiteral("this computer only")));
    else if (!admin.error.isEmpty())
        out(QStringLiteral("admin endpoint not started: %1").arg(admin.error));

    TerminationSignals terminate;  // SIGTERM/SIGINT: close every socket (1001), finish writes
    if (!terminate.isActive())
        return fail(QStringLiteral("cannot set up signal handling"));
    QObject::connect(&terminate, &TerminationSignals::received, qApp, &QCoreApplication::quit);

    QCoreApplication::exec();
    out(QStringLiteral("shutting down"));
    host.stop();
    out(QStringLiteral("stopped"));
    return 0;
}

}  // namespace

int run(const QStringList &arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Switchboard server without a display: hosts the chat, channels, felix, pop and generic\n"
        "WebSocket services.\n\n"
        "Commands (all take --data-dir):\n"
        "  (none)                 start the server; prints 'listening <services> <url>' per listener\n"
        "  user create --email E --password P [--role R] [--balance N]\n"
        "  user set-balance --email E --balance N\n"
        "  user top-up --email E --amount N\n"
        "  user disable --email E / user enable --email E\n"
        "  token create --name N --scope private|public|admin   (prints the token once)\n"
        "  token list\n"
        "  token revoke --name N\n"
        "  cert generate --out DIR                         (self-signed cert.pem + key.pem)"));
    p.addHelpOption();
    p.addVersionOption();
    const ServerOptions server;
    server.addTo(p);
    Options o;
    p.addOptions({o.email, o.password, o.role, o.balance, o.amount, o.name, o.scope, o.outDir});
    p.addPositionalArgument(QStringLiteral("command"), QStringLiteral("Optional administration command (see above)."), QStringLiteral("[command]"));
    p.process(arguments);

    QString error;
    const auto config = server.resolve(p, &error);
    if (!config)
        return fail(error);

    const QStringList args = p.positionalArguments();
    if (!args.isEmpty())
        return runAdmin(args, p, o, *config);
    return runServer(*config);
}

}  // namespace sb::cli
