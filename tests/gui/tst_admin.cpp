// The "Users and tokens" tab against the embedded server: every action reaches the store,
// and the GUI thread never waits for Argon2id.
#include "accounts/accountstore.h"
#include "admin/adminwidget.h"
#include "mainwindow.h"
#include "testserver.h"

#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace sbtest;
using namespace sb::ui;

class TestAdmin : public QObject
{
    Q_OBJECT
private:
    static int rowOf(QTableWidget *t, int column, const QString &text)
    {
        for (int r = 0; r < t->rowCount(); ++r) {
            if (t->item(r, column) && t->item(r, column)->text() == text)
                return r;
        }
        return -1;
    }

private slots:
    void usersAndTokens()
    {
        TestServer s;
        QVERIFY(s.ok());
        MainWindow w(s.host());
        AdminWidget *admin = w.adminTab();
        QSignalSpy done(admin, &AdminWidget::finished);

        QElapsedTimer t;
        t.start();
        admin->createUser(QStringLiteral("ops@lan.test"), QStringLiteral("pw"), QStringLiteral("employee"), 7);
        QVERIFY(t.elapsed() < 50);  // hashing happens off the GUI thread
        QVERIFY(done.wait(10000));
        QVERIFY2(admin->lastMessage().startsWith(QStringLiteral("Created ops@lan.test")), qPrintable(admin->lastMessage()));
        QTRY_VERIFY(rowOf(admin->users(), 1, QStringLiteral("ops@lan.test")) >= 0);
        const int row = rowOf(admin->users(), 1, QStringLiteral("ops@lan.test"));
        QCOMPARE(admin->users()->item(row, 2)->text(), QStringLiteral("employee"));
        QCOMPARE(admin->users()->item(row, 3)->text(), QStringLiteral("7"));
        QVERIFY(s.host().accounts().verifyLogin(QStringLiteral("ops@lan.test"), QStringLiteral("pw")));

        admin->createUser(QStringLiteral("OPS@lan.test"), QStringLiteral("x"), QStringLiteral("member"), 0);
        QVERIFY(done.wait(10000));
        QVERIFY(admin->lastMessage().contains(QStringLiteral("already exists")));

        admin->setRole(QStringLiteral("ops@lan.test"), QStringLiteral("superuser"));
        QVERIFY(done.wait(10000));
        admin->addCoins(admin->users()->item(row, 0)->text().toLongLong(), 93);
        QVERIFY(done.wait(10000));
        const auto user = s.host().accounts().userByEmail(QStringLiteral("ops@lan.test"));
        QCOMPARE(user->role, QStringLiteral("superuser"));
        QCOMPARE(user->balance, 100);
        QTRY_COMPARE(admin->users()->item(rowOf(admin->users(), 1, QStringLiteral("ops@lan.test")), 3)->text(), QStringLiteral("100"));

        QSignalSpy created(admin, &AdminWidget::tokenCreated);
        admin->createToken(QStringLiteral("bot"), QStringLiteral("private"));
        QVERIFY(created.wait(10000));
        const QString token = created.first().at(1).toString();
        QVERIFY(token.startsWith(QStringLiteral("sbp_")));
        QCOMPARE(s.host().accounts().apiTokenFor(token.toLatin1())->name, QStringLiteral("bot"));
        QTRY_VERIFY(rowOf(admin->tokens(), 0, QStringLiteral("bot")) >= 0);
        admin->revokeToken(QStringLiteral("bot"));
        QVERIFY(done.wait(10000));
        QVERIFY(!s.host().accounts().apiTokenFor(token.toLatin1()));
        QTRY_COMPARE(admin->tokens()->item(rowOf(admin->tokens(), 0, QStringLiteral("bot")), 3)->text(), QStringLiteral("revoked"));
    }
};

QTEST_MAIN(TestAdmin)
#include "tst_admin.moc"
