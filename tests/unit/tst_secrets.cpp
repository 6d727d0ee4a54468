#include "accounts/accountstore.h"
#include "accounts/secrets.h"
#include "services/descriptor.h"
#include "store/database.h"

#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace sb;

class TestSecrets : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(secrets::initialize()); }

    void argon2idHashes()
    {
        const QByteArray h = secrets::hashPassword(QStringLiteral("123"));
        QVERIFY(h.startsWith("$argon2id$"));
        QVERIFY(secrets::verifyPassword(QStringLiteral("123"), h));
        QVERIFY(!secrets::verifyPassword(QStringLiteral("124"), h));
        QVERIFY(!secrets::verifyPassword(QStringLiteral("123"), QByteArray()));
        // Salted: the same password hashes differently.
        QVERIFY(secrets::hashPassword(QStringLiteral("123")) != h);
    }

    void uuidTokens()
    {
        static const QRegularExpression v4(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
        QSet<QString> seen;
        for (int i = 0; i < 1000; ++i) {
            const QString u = secrets::randomUuid();
            QVERIFY2(v4.match(u).hasMatch(), qPrintable(u));
            seen.insert(u);
        }
        QCOMPARE(seen.size(), 1000);
        const QByteArray t = secrets::randomToken(32, "sbp_");
        QVERIFY(t.startsWith("sbp_"));
        QCOMPARE(t.size(), 4 + 43);
        QCOMPARE(secrets::tokenDigest("a").size(), 32);
    }

    void accountStoreRoundTrip()
    {
        QTemporaryDir dir;
        Database db(dir.filePath(QStringLiteral("t.sqlite")), sb::schemaMigrations());
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        QCOMPARE(db.schemaVersion(), sb::schemaMigrations().back().version);
        AccountStore store(db, 30, 30);
        AccountStore::Error err;
        auto u = store.createUser(QStringLiteral("Mail@Mail.com"), QStringLiteral("123"), QStringLiteral("member"), 10, &err);
        QVERIFY(u);
        QCOMPARE(u->balance, 10);
        QVERIFY(!store.createUser(QStringLiteral("mail@mail.COM"), QStringLiteral("x"), QStringLiteral("member"), 0, &err));
        QCOMPARE(err, AccountStore::Error::EmailTaken);
        QVERIFY(!store.createUser(QStringLiteral("not-an-email"), QStringLiteral("x"), QStringLiteral("member"), 0, &err));
        QCOMPARE(err, AccountStore::Error::InvalidEmail);
        QVERIFY(!store.createUser(QStringLiteral("a@b.c"), QStringLiteral("x"), QStringLiteral("king"), 0, &err));
        QCOMPARE(err, AccountStore::Error::InvalidRole);
        QVERIFY(store.verifyLogin(QStringLiteral("MAIL@mail.com"), QStringLiteral("123")));
        QVERIFY(!store.verifyLogin(QStringLiteral("mail@mail.com"), QStringLiteral("1234")));

        const QString token = store.issueAccessToken(u->id);
        QCOMPARE(store.userForAccessToken(token.toLatin1())->id, u->id);
        QCOMPARE(store.userForAccessToken(token.toUpper().toLatin1())->id, u->id);
        QVERIFY(store.revokeAccessToken(token.toLatin1()));
        QVERIFY(!store.userForAccessToken(token.toLatin1()));

        const QByteArray ticket = store.issueTicket(u->id, store.issueAccessToken(u->id).toLatin1());
        QCOMPARE(store.redeemTicket(ticket)->id, u->id);
        QVERIFY(!store.redeemTicket(ticket));  // single use

        const QByteArray api = store.createApiToken(QStringLiteral("bot"), QStringLiteral("private"), &err);
        QVERIFY(!api.isEmpty());
        QCOMPARE(store.apiTokenFor(api)->scope, QStringLiteral("private"));
        QVERIFY(store.createApiToken(QStringLiteral("bot"), QStringLiteral("public"), &err).isEmpty());
        QCOMPARE(err, AccountStore::Error::NameTaken);
        QVERIFY(store.revokeApiToken(QStringLiteral("bot"), &err));
        QVERIFY(!store.apiTokenFor(api));
        QVERIFY(!store.revokeApiToken(QStringLiteral("bot"), &err));
        QCOMPARE(err, AccountStore::Error::NotFound);

        QVERIFY(store.setBalance(QStringLiteral("mail@mail.com"), 99, &err));
        QCOMPARE(store.userById(u->id)->balance, 99);
        QVERIFY(!store.setBalance(QStringLiteral("mail@mail.com"), -1, &err));
        QVERIFY(!store.setBalance(QStringLiteral("nobody@mail.com"), 1, &err));
        QCOMPARE(err, AccountStore::Error::NotFound);

        QVERIFY(store.setRole(QStringLiteral("mail@mail.com"), QStringLiteral("premium"), &err));
        QCOMPARE(store.userById(u->id)->role, QStringLiteral("premium"));
        QVERIFY(!store.setRole(QStringLiteral("mail@mail.com"), QStringLiteral("king"), &err));
        QCOMPARE(err, AccountStore::Error::InvalidRole);
        QVERIFY(!store.setRole(QStringLiteral("nobody@mail.com"), QStringLiteral("member"), &err));
        QCOMPARE(err, AccountStore::Error::NotFound);
        db.closeThisThread();
    }
};

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
