// The cache of verified HTTP Basic credentials: what it remembers, for how long, how much,
// and what makes it forget (accounts/credentialcache.h).
#include "accounts/credentialcache.h"

#include <QTest>

class TestCredentialCache : public QObject
{
    Q_OBJECT
private slots:
    void remembersForItsTimeOnly()
    {
        sb::CredentialCache cache(1000, 10);
        QVERIFY(!cache.find(QStringLiteral("ann@lan"), QStringLiteral("pw"), 0));
        cache.remember(QStringLiteral("ann@lan"), QStringLiteral("pw"), 7, 0);
        QCOMPARE(cache.find(QStringLiteral("ann@lan"), QStringLiteral("pw"), 999).value_or(-1), 7);
        QCOMPARE(cache.find(QStringLiteral(" ANN@lan "), QStringLiteral("pw"), 10).value_or(-1), 7);  // emails without case
        QVERIFY(!cache.find(QStringLiteral("ann@lan"), QStringLiteral("PW"), 10));    // passwords with it
        QVERIFY(!cache.find(QStringLiteral("ann@lan"), QStringLiteral("pw "), 10));
        QVERIFY(!cache.find(QStringLiteral("ann@lanpw"), QString(), 10));             // no run-together keys
        QCOMPARE(cache.hits(), 2);
        QVERIFY(!cache.find(QStringLiteral("ann@lan"), QStringLiteral("pw"), 1000));  // expired
        QCOMPARE(cache.size(), 0);
    }

    void isBoundedAndForgetsUsers()
    {
        sb::CredentialCache cache(60'000, 100);
        for (int i = 0; i < 1000; ++i)
            cache.remember(QStringLiteral("u%1@lan").arg(i), QStringLiteral("pw"), i, i);
        QVERIFY(cache.size() <= 100);
        QVERIFY(!cache.find(QStringLiteral("u0@lan"), QStringLiteral("pw"), 1000));  // the oldest went first
        QCOMPARE(cache.find(QStringLiteral("u999@lan"), QStringLiteral("pw"), 1000).value_or(-1), 999);
        cache.remember(QStringLiteral("u999@lan"), QStringLiteral("other"), 999, 1000);
        cache.forgetUser(999);
        QVERIFY(!cache.find(QStringLiteral("u999@lan"), QStringLiteral("pw"), 1001));
        QVERIFY(!cache.find(QStringLiteral("u999@lan"), QStringLiteral("other"), 1001));
        QCOMPARE(cache.find(QStringLiteral("u998@lan"), QStringLiteral("pw"), 1001).value_or(-1), 998);
    }

    // Remembered again before it expired: the later expiry holds.
    void rememberedAgainLivesOn()
    {
        sb::CredentialCache cache(1000, 10);
        cache.remember(QStringLiteral("ann@lan"), QStringLiteral("pw"), 7, 0);
        cache.remember(QStringLiteral("ann@lan"), QStringLiteral("pw"), 7, 800);
        QCOMPARE(cache.find(QStringLiteral("ann@lan"), QStringLiteral("pw"), 1500).value_or(-1), 7);
        QVERIFY(!cache.find(QStringLiteral("ann@lan"), QStringLiteral("pw"), 1800));
    }
};

QTEST_GUILESS_MAIN(TestCredentialCache)
#include "tst_credentialcache.moc"
