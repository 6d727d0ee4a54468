// The German translation, offscreen, against a real server: the .ts is complete and keeps
// every placeholder; with German installed no visible text of the main window's panels
// (labels, buttons, tabs, menus, placeholders, tool tips, table headers, combo items) is
// left in English; Settings > Language saves the choice.
#include "i18n.h"
#include "mainwindow.h"
#include "testserver.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QXmlStreamReader>

using namespace sbtest;
using sb::ui::MainWindow;

namespace {

struct Message {
    QString context, source, comment;
    QStringList translations;  // one, or the numerus forms
    bool unfinished = false;
};

QList<Message> readTs(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QList<Message> out;
    QXmlStreamReader x(&f);
    QString context;
    Message m;
    while (!x.atEnd()) {
        x.readNext();
        if (!x.isStartElement())
            continue;
        if (x.name() == QLatin1String("name")) {
            context = x.readElementText();
        } else if (x.name() == QLatin1String("message")) {
            m = Message{context, {}, {}, {}, false};
        } else if (x.name() == QLatin1String("source")) {
            m.source = x.readElementText();
        } else if (x.name() == QLatin1String("translation")) {
            m.unfinished = x.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
            // Either text or <numerusform> children.
            QString text;
            while (!(x.isEndElement() && x.name() == QLatin1String("translation")) && !x.atEnd()) {
                x.readNext();
                if (x.isCharacters())
                    text += x.text();
                else if (x.isStartElement() && x.name() == QLatin1String("numerusform"))
                    m.translations.append(x.readElementText());
            }
            if (m.translations.isEmpty())
                m.translations.append(text);
            out.append(m);
        }
    }
    return out;
}

QSet<QString> placeholders(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("%(\\d+|n)"));
    QSet<QString> out;
    for (auto it = re.globalMatch(s); it.hasNext();)
        out.insert(it.next().captured(0));
    return out;
}

}  // namespace

class TestTranslations : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);  // settings go to a test location
        m_messages = readTs(QStringLiteral(SB_SOURCE_DIR "/translations/switchboard_de.ts"));
        QVERIFY(m_messages.size() > 200);
    }

    void germanIsCompleteAndKeepsPlaceholders()
    {
        QStringList problems;
        for (const Message &m : std::as_const(m_messages)) {
            if (m.unfinished || m.translations.join(QString()).trimmed().isEmpty()) {
                problems << QStringLiteral("untranslated: %1: %2").arg(m.context, m.source);
                continue;
            }
            for (const QString &t : m.translations) {
                if (placeholders(t) != placeholders(m.source))
                    problems << QStringLiteral("placeholders differ: %1 -> %2").arg(m.source, t);
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void mainWindowIsGerman()
    {
        QCOMPARE(sb::ui::installTranslations(*qApp, QStringLiteral("de")), QStringLiteral("de"));
        // English texts that German changes: if one of these is visible, it was not translated.
        QSet<QString> english;
        for (const Message &m : std::as_const(m_messages)) {
            if (m.translations.size() == 1 && m.translations.first() != m.source)
                english.insert(m.source);
        }
        TestServer s;
        QVERIFY(s.ok());
        MainWindow w(s.host());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.refresh();
        QTest::qWait(700);  // one dashboard refresh

        QStringList seen;
        auto look = [&](const QString &text) {
            if (!text.isEmpty())
                seen << text;
        };
        for (QWidget *widget : w.findChildren<QWidget *>()) {
            look(widget->toolTip());
            if (auto *l = qobject_cast<QLabel *>(widget))
                look(l->text());
            if (auto *b = qobject_cast<QAbstractButton *>(widget))
                look(b->text());
            if (auto *g = qobject_cast<QGroupBox *>(widget))
                look(g->title());
            if (auto *e = qobject_cast<QLineEdit *>(widget))
                look(e->placeholderText());
            if (auto *e = qobject_cast<QPlainTextEdit *>(widget))
                look(e->placeholderText());
            if (auto *c = qobject_cast<QComboBox *>(widget)) {
                for (int i = 0; i < c->count(); ++i)
                    look(c->itemText(i));
            }
            if (auto *t = qobject_cast<QTabWidget *>(widget)) {
                for (int i = 0; i < t->count(); ++i)
                    look(t->tabText(i));
            }
            if (auto *v = qobject_cast<QAbstractItemView *>(widget); v && v->model()) {
                for (int c = 0; c < v->model()->columnCount(); ++c)
                    look(v->model()->headerData(c, Qt::Horizontal).toString());
            }
        }
        std::function<void(QMenu *)> lookMenu = [&](QMenu *menu) {
            look(menu->title());
            for (QAction *a : menu->actions()) {
                look(a->text());
                if (a->menu())
                    lookMenu(a->menu());
            }
        };
        for (QAction *a : w.menuBar()->actions()) {
            look(a->text());
            if (a->menu())
                lookMenu(a->menu());
        }
        QVERIFY(seen.size() > 150);
        QStringList left;
        for (const QString &t : std::as_const(seen)) {
            if (english.contains(t))
                left << t;
        }
        left.removeDuplicates();
        QVERIFY2(left.isEmpty(), qPrintable(QStringLiteral("still English: ") + left.join(QStringLiteral(" | "))));
        // And the German is really there.
        QCOMPARE(w.tabs()->tabText(0), QStringLiteral("Übersicht"));
        QVERIFY(seen.contains(QStringLiteral("&Einstellungen")));
        QVERIFY(seen.contains(QStringLiteral("Verkehr mitschneiden")));
        QVERIFY(seen.contains(QStringLiteral("Deutsch")));
        QVERIFY(seen.contains(QStringLiteral("English")));
    }

    void languageMenuSavesTheChoice()
    {
        TestServer s;
        QVERIFY(s.ok());
        MainWindow w(s.host());
        auto *menu = w.findChild<QMenu *>(QStringLiteral("languageMenu"));
        QVERIFY(menu);
        QAction *english = nullptr;
        QAction *system = nullptr;
        for (QAction *a : menu->actions()) {
            if (a->data().toString() == QLatin1String("en"))
                english = a;
            if (a->data().toString() == QLatin1String("system"))
                system = a;
        }
        QVERIFY(english && system);
        QVERIFY(system->isChecked());  // nothing saved yet
        english->trigger();
        QCOMPARE(sb::ui::savedLanguage(), QStringLiteral("en"));
        QVERIFY(english->isChecked());
        sb::ui::saveLanguage(QStringLiteral("system"));
    }

    void unknownLanguageFallsBackToEnglish()
    {
        QCOMPARE(sb::ui::installTranslations(*qApp, QStringLiteral("xx")), QStringLiteral("en"));
        QVERIFY(sb::ui::availableLanguages().contains(QStringLiteral("de")));
        QCOMPARE(sb::ui::languageName(QStringLiteral("de")), QStringLiteral("Deutsch"));
    }

private:
    QList<Message> m_messages;
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
