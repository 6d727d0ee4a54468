// The Overview (issue 22): a card per service, the traffic chart over three ranges kept at
// low resolution, layouts from 1024×640 to full HD, empty states, and the dark palette.
// Offscreen, against a real server and real clients.
#include "dashboard/connectionswidget.h"
#include "dashboard/servicecards.h"
#include "dashboard/trafficchart.h"
#include "dashboard/traffichistory.h"
#include "mainwindow.h"
#include "testserver.h"
#include "widgets/emptyhint.h"
#include "widgets/sparkline.h"
#include "widgets/theme.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>
#include <QWebSocket>

using namespace sbtest;
using namespace sb::ui;

namespace {

// A snapshot whose chat counters are `in` and `out`, and generic's half of them.
sb::ServerSnapshot counters(qint64 in, qint64 out)
{
    sb::ServerSnapshot s;
    sb::ServiceCountersSnapshot chat, generic;
    chat.service = QStringLiteral("chat");
    chat.messagesIn = in;
    chat.messagesOut = out;
    generic.service = QStringLiteral("generic");
    generic.messagesIn = in / 2;
    generic.messagesOut = out / 2;
    s.services = {chat, generic};
    return s;
}

}  // namespace

class TestOverview : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QSettings().clear();
    }

    // Rates from cumulative counters at three resolutions; a day is a few hundred points.
    void historyKeepsThreeResolutions()
    {
        TrafficHistory h;
        const qint64 t0 = 1'700'000'000'000;
        // 10 minutes of snapshots every 500 ms: chat takes 100 messages/s in, sends 300/s.
        for (qint64 i = 0; i <= 1200; ++i)
            h.add(counters(i * 50, i * 150), t0 + i * 500);
        const auto fine = h.rates(TrafficHistory::FiveMinutes, QStringLiteral("chat"));
        QVERIFY2(fine.size() >= 299 && fine.size() <= 301, qPrintable(QString::number(fine.size())));
        for (const auto &p : fine) {
            QCOMPARE(p.in, 100.0);
            QCOMPARE(p.out, 300.0);
        }
        QCOMPARE(fine.constLast().t, t0 + 1200 * 500);
        QVERIFY(fine.constFirst().t >= t0 + 1200 * 500 - 5 * 60 * 1000);
        const auto hour = h.rates(TrafficHistory::OneHour, QStringLiteral("chat"));
        QCOMPARE(hour.size(), 60);  // every 10 s over 10 minutes
        QCOMPARE(hour.constFirst().in, 100.0);
        // All services together: chat and generic.
        QCOMPARE(h.rates(TrafficHistory::FiveMinutes).constLast().in, 150.0);
        QCOMPARE(h.recent(QStringLiteral("generic"), 60).size(), 60);
        QCOMPARE(h.recent(QStringLiteral("generic"), 60).constLast().out, 150.0);
        QVERIFY(h.rates(TrafficHistory::FiveMinutes, QStringLiteral("pop")).isEmpty());  // never seen

        // The node restarts: counters from zero, no negative rate.
        h.add(counters(0, 0), t0 + 1201 * 500 + 1000);
        QCOMPARE(h.rates(TrafficHistory::FiveMinutes, QStringLiteral("chat")).constLast().in, 0.0);

        // 25 hours: each range holds its span and no more.
        TrafficHistory day;
        for (qint64 i = 0; i <= 25 * 3600; ++i)
            day.add(counters(i * 10, i * 10), t0 + i * 1000);
        QVERIFY(day.rates(TrafficHistory::OneDay).size() <= 24 * 60 / 4 + 2);
        QVERIFY(day.rates(TrafficHistory::OneDay).size() >= 24 * 60 / 4 - 1);
        QVERIFY(day.rates(TrafficHistory::OneHour).size() <= 362);
        QVERIFY(day.rates(TrafficHistory::FiveMinutes).size() <= 302);
        QCOMPARE(day.rates(TrafficHistory::OneDay).constLast().in, 15.0);  // chat and generic
        QCOMPARE(day.rates(TrafficHistory::OneDay, QStringLiteral("chat")).constLast().in, 10.0);
        // A coarse range is current at its right edge, not a step behind.
        QCOMPARE(day.rates(TrafficHistory::OneDay).constLast().t, t0 + 25 * 3600 * 1000);
    }

    // Each card follows its service: state, address, connections, rates with the last
    // minute, problems and heartbeat health; Copy puts the address on the clipboard.
    void cardsFollowTheServer()
    {
        TestServer s([](sb::ServerConfig &c) { c.services[QStringLiteral("generic")].limits.pingIntervalMs = 1000; });
        QVERIFY(s.ok());
        MainWindow w(s.host());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        ServiceCard *generic = w.cards()->card(QStringLiteral("generic"));
        QVERIFY(generic);
        QCOMPARE(generic->stateText(), QStringLiteral("Running"));
        QCOMPARE(generic->url(), QStringLiteral("http://127.0.0.1:%1").arg(s.port()));
        QCOMPARE(w.cards()->card(QStringLiteral("chat"))->url(), generic->url());  // one listener serves both
        QCOMPARE(generic->connectionsText(), QStringLiteral("0"));
        QCOMPARE(generic->ratesText(), QStringLiteral("0 in · 0 out"));
        QCOMPARE(generic->problemsText(), QStringLiteral("0 errors · 0 limit hits"));
        QCOMPARE(generic->heartbeatText(), QStringLiteral("Pings every 1 s · no answer yet"));
        QVERIFY(w.cards()->card(QStringLiteral("pop"))->problemsText().endsWith(QStringLiteral("0 clamped · 0 refused")));

        QWebSocket a, b;
        QVERIFY(openSocket(a, s.ws(QStringLiteral("/echo"))));
        QVERIFY(openSocket(b, s.ws(QStringLiteral("/echo"))));
        QTRY_COMPARE_WITH_TIMEOUT(generic->connectionsText(), QStringLiteral("2"), 3000);
        // Traffic for a few seconds: the rate shows, and the sparkline has its peak.
        QTimer traffic;
        connect(&traffic, &QTimer::timeout, &a, [&a] {
            for (int i = 0; i < 20; ++i)
                a.sendTextMessage(QStringLiteral("tick"));
        });
        traffic.start(100);
        QTRY_VERIFY_WITH_TIMEOUT(generic->ratesText() != QStringLiteral("0 in · 0 out"), 5000);
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9.]+ in · [0-9.]+ out$")).match(generic->ratesText()).hasMatch());
        QVERIFY(generic->sparkline()->peak() >= 50);
        traffic.stop();
        // A round trip measured by the 1 s pings, coloured by its health.
        QTRY_VERIFY_WITH_TIMEOUT(generic->heartbeatText().startsWith(QStringLiteral("Round trip ")), 5000);
        QVERIFY2(QRegularExpression(QStringLiteral("^Round trip \\d+ ms · 95%: \\d+ ms$")).match(generic->heartbeatText()).hasMatch(),
                 qPrintable(generic->heartbeatText()));

        QToolButton *copy = nullptr;
        for (QToolButton *t : generic->findChildren<QToolButton *>())
            copy = t->text() == QStringLiteral("Copy") ? t : copy;
        QVERIFY(copy && copy->isVisible());
        QTest::mouseClick(copy, Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), generic->url());

        // A stopped listener: its cards say so and offer Start.
        s.host().stopListener(s.host().listeners()[0].id);
        w.refresh();
        QCOMPARE(generic->stateText(), QStringLiteral("Stopped"));
        QVERIFY(!copy->isVisible());
        QToolButton *start = nullptr;
        for (QToolButton *t : generic->findChildren<QToolButton *>())
            start = t->text() == QStringLiteral("Start") && t->isVisible() ? t : start;
        QVERIFY(start);
        QTest::mouseClick(start, Qt::LeftButton);
        QTRY_VERIFY(s.host().listeners()[0].running);
        QTRY_COMPARE(generic->stateText(), QStringLiteral("Running"));
    }

    // The chart: an empty state, even time ticks at round times for each range, a round top
    // for the rates, one service or all, and the range remembered.
    void chartRangesAndTicks()
    {
        TestServer s;
        QVERIFY(s.ok());
        MainWindow w(s.host());
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        TrafficChart *chart = w.chart();
        QVERIFY(chart->emptyHint()->isVisible());
        QWebSocket ws;
        QVERIFY(openSocket(ws, s.ws(QStringLiteral("/echo"))));
        QTimer traffic;
        connect(&traffic, &QTimer::timeout, &ws, [&ws] {
            for (int i = 0; i < 7; ++i)
                ws.sendTextMessage(QStringLiteral("tock"));
        });
        traffic.start(100);
        QTRY_VERIFY_WITH_TIMEOUT(chart->points() >= 2 && !chart->emptyHint()->isVisible(), 5000);

        const QRegularExpression hhmm(QStringLiteral("^(\\d\\d):(\\d\\d)$"));
        auto minutesOf = [&](const QString &label) {
            const auto m = hhmm.match(label);
            return m.hasMatch() ? m.captured(1).toInt() * 60 + m.captured(2).toInt() : -1;
        };
        // 5 minutes: a label each whole minute.
        QStringList labels = chart->timeLabels();
        QVERIFY2(labels.size() >= 4 && labels.size() <= 5, qPrintable(labels.join(QLatin1Char(' '))));
        for (qsizetype i = 1; i < labels.size(); ++i)
            QCOMPARE((minutesOf(labels[i]) - minutesOf(labels[i - 1]) + 1440) % 1440, 1);
        // The top is a round number above the peak (about 140 in and out per second).
        const double top = chart->rateTop();
        QVERIFY2(top >= 70 && top <= 200, qPrintable(QString::number(top)));  // about 70 in and 70 out per second
        const double magnitude = std::pow(10.0, std::floor(std::log10(top)));
        QVERIFY2(std::fmod(top, magnitude / 2) == 0, qPrintable(QString::number(top)));

        // An hour: every 10 minutes, on the tens.
        QToolButton *hour = nullptr;
        for (QToolButton *t : chart->findChildren<QToolButton *>())
            hour = t->text() == QStringLiteral("1 h") ? t : hour;
        QVERIFY(hour);
        QTest::mouseClick(hour, Qt::LeftButton);
        QCOMPARE(chart->range(), TrafficHistory::OneHour);
        labels = chart->timeLabels();
        QVERIFY2(labels.size() >= 5 && labels.size() <= 6, qPrintable(labels.join(QLatin1Char(' '))));
        for (const QString &l : labels)
            QCOMPARE(minutesOf(l) % 10, 0);
        // A day: every 3 hours, on the hour.
        chart->setRange(TrafficHistory::OneDay);
        labels = chart->timeLabels();
        QVERIFY2(labels.size() >= 7 && labels.size() <= 8, qPrintable(labels.join(QLatin1Char(' '))));
        for (const QString &l : labels)
            QCOMPARE(minutesOf(l) % 180, 0);
        // One service with nothing to show, then all again.
        chart->setService(QStringLiteral("felix"));
        QVERIFY(chart->emptyHint()->isVisible());
        chart->setService(QString());
        QVERIFY(!chart->emptyHint()->isVisible());
        traffic.stop();
        QCOMPARE(QSettings().value(QStringLiteral("overview/range")).toInt(), int(TrafficHistory::OneHour));  // the user's click
        TrafficHistory other;
        TrafficChart again(other);
        QCOMPARE(again.range(), TrafficHistory::OneHour);
        QSettings().remove(QStringLiteral("overview/range"));
    }

    // From 1024×640 to full HD: five cards in as many columns as fit, rows balanced, and the
    // page scrolls rather than squeezing the chart.
    void cardsFlowWithTheWidth()
    {
        TestServer s;
        QVERIFY(s.ok());
        MainWindow w(s.host());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.resize(1920, 1080);
        QTRY_COMPARE(w.cards()->columns(), 5);
        w.resize(1200, 800);
        QTRY_COMPARE(w.cards()->columns(), 5);
        w.resize(1024, 640);
        QTRY_COMPARE(w.cards()->columns(), 3);  // 3 + 2
        QTRY_VERIFY(w.chart()->height() >= 200);
        for (const QString &service : sb::ServerConfig::knownServices()) {
            ServiceCard *card = w.cards()->card(service);
            QVERIFY(card->width() >= 200);
            QVERIFY(card->height() >= card->minimumSizeHint().height());  // nothing squeezed
        }
    }

    // Lists with nothing in them say what to do.
    void emptyListsGiveAHint()
    {
        TestServer s;
        QVERIFY(s.ok());
        MainWindow w(s.host());
        w.show();
        w.tabs()->setCurrentIndex(1);  // Connections
        QLabel *hint = nullptr;
        for (QLabel *l : w.connectionsTab()->findChildren<QLabel *>(QStringLiteral("emptyHint")))
            hint = l;
        QVERIFY(hint);
        QTRY_VERIFY(hint->isVisible());
        QVERIFY(hint->text().startsWith(QStringLiteral("No connections yet.")));
        QWebSocket ws;
        QVERIFY(openSocket(ws, s.ws(QStringLiteral("/echo"))));
        QTRY_VERIFY_WITH_TIMEOUT(!hint->isVisible(), 4000);
        ws.close();
        QTRY_VERIFY_WITH_TIMEOUT(hint->isVisible(), 4000);
    }

    // Settings → Appearance: dark at once, every colour the app sets follows, and back.
    void darkAppearance()
    {
        TestServer s;
        QVERIFY(s.ok());
        MainWindow w(s.host());
        w.show();
        QVERIFY(!theme::isDark());
        const QColor lightBanner = theme::background(theme::Tone::Warning);
        QAction *dark = nullptr, *light = nullptr;
        for (QMenu *m : w.menuBar()->findChildren<QMenu *>(QStringLiteral("appearanceMenu"))) {
            for (QAction *a : m->actions()) {
                dark = a->text() == QStringLiteral("Dark") ? a : dark;
                light = a->text() == QStringLiteral("Light") ? a : light;
            }
        }
        QVERIFY(dark && light);
        dark->trigger();
        QVERIFY(theme::isDark());
        QCOMPARE(theme::savedAppearance(), theme::Appearance::Dark);
        QTRY_VERIFY(theme::isDark(w.palette()));  // the widgets hear of it through posted events
        QVERIFY(theme::background(theme::Tone::Warning).lightness() < 100);
        // The banner and the chart follow; the cards' colours come with the next snapshot.
        QFrame *banner = nullptr;
        for (QLabel *l : w.findChildren<QLabel *>()) {
            if (l->text().startsWith(QStringLiteral("Listening on this computer only")))
                banner = qobject_cast<QFrame *>(l->parentWidget());
        }
        QVERIFY(banner);
        QTRY_COMPARE(banner->palette().color(QPalette::Window), theme::background(theme::Tone::Warning));
        QVERIFY(theme::isDark(w.chart()->palette()));
        w.refresh();
        ServiceCard *chat = w.cards()->card(QStringLiteral("chat"));
        QLabel *state = nullptr;
        for (QLabel *l : chat->findChildren<QLabel *>())
            state = l->text() == QStringLiteral("Running") ? l : state;
        QVERIFY(state);
        QCOMPARE(state->palette().color(QPalette::WindowText), theme::text(theme::Tone::Good));
        QVERIFY(theme::text(theme::Tone::Good).lightness() > 128);  // light green on dark
        light->trigger();
        QVERIFY(!theme::isDark());
        QCOMPARE(theme::background(theme::Tone::Warning), lightBanner);
        QTRY_COMPARE(banner->palette().color(QPalette::Window), lightBanner);
        QSettings().remove(QStringLiteral("appearance"));
    }
};

QTEST_MAIN(TestOverview)
#include "tst_overview.moc"
