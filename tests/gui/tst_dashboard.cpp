// The Connections and Traffic tabs, offscreen, against a real server and real clients.
#include "dashboard/connectionsmodel.h"
#include "accounts/accountstore.h"
#include "dashboard/connectionswidget.h"
#include "dashboard/presencewidget.h"
#include "inspector/inspectorwidget.h"
#include "inspector/trafficexport.h"
#include "inspector/trafficmodel.h"
#include "mainwindow.h"
#include "testserver.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QCheckBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QFile>
#include <QSpinBox>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QTreeWidget>
#include <QTest>
#include <QWebSocket>

using namespace sbtest;
using namespace sb::ui;

class TestDashboard : public QObject
{
    Q_OBJECT
private slots:
    void connectionsTabFollowsClientsAndDisconnects()
    {
        TestServer s([](sb::ServerConfig &c) { c.workers = 2; });
        QVERIFY(s.ok());
        MainWindow w(s.host());
        ConnectionsWidget *tab = w.connectionsTab();
        QAbstractItemModelTester tester(tab->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QWebSocket a, b;
        QVERIFY(openSocket(a, s.ws(QStringLiteral("/echo"))));
        QVERIFY(openSocket(b, s.ws(QStringLiteral("/echo"))));
        QTRY_COMPARE_WITH_TIMEOUT(tab->model()->rowCount(), 2, 4000);
        for (int r = 0; r < 2; ++r) {
            QCOMPARE(tab->model()->index(r, ConnectionsModel::Service).data().toString(), QStringLiteral("generic"));
            QCOMPARE(tab->model()->index(r, ConnectionsModel::Health).data().toString(), QStringLiteral("fresh"));
        }
        a.sendTextMessage(QStringLiteral("ping me"));
        QTRY_VERIFY_WITH_TIMEOUT(tab->model()->index(0, ConnectionsModel::MessagesIn).data().toInt()
                                         + tab->model()->index(1, ConnectionsModel::MessagesIn).data().toInt() == 1, 4000);
        // Sorted by id in the view: row 0 is the first client (a).
        tab->disconnectRow(0, 4002, QStringLiteral("bye from the table"));
        QTRY_COMPARE(a.state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(int(a.closeCode()), 4002);
        QCOMPARE(a.closeReason(), QStringLiteral("bye from the table"));
        QCOMPARE(b.state(), QAbstractSocket::ConnectedState);
        QTRY_COMPARE_WITH_TIMEOUT(tab->model()->rowCount(), 1, 4000);
    }

    void presenceTabShowsChannelsAndSubscriptions()
    {
        TestServer s;
        QVERIFY(s.ok());
        int channels = -1, felix = -1;
        for (const auto &l : s.host().listeners()) {
            if (l.services.contains(QStringLiteral("channels")))
                channels = l.id;
            if (l.services.contains(QStringLiteral("felix")))
                felix = l.id;
        }
        QWebSocket member;
        QVERIFY(openSocket(member, s.ws(QStringLiteral("/news/listen?presence=%7B%22username%22%3A%22Cerulean%22%7D"), channels)));
        sb::AccountStore::Error err;
        const QByteArray token = s.host().accounts().createApiToken(QStringLiteral("bot"), QStringLiteral("private"), &err);
        QWebSocket bot;
        QNetworkRequest req(s.ws(QStringLiteral("/"), felix));
        req.setRawHeader("Authorization", token);
        QSignalSpy connected(&bot, &QWebSocket::connected);
        bot.open(req);
        QVERIFY(connected.wait(5000));
        bot.sendTextMessage(QStringLiteral(R"({"code":20002,"data":{"guilds":["g42"]}})"));

        MainWindow w(s.host());
        PresenceWidget *tab = w.presenceTab();
        auto find = [tab](const QString &text) {
            const auto items = tab->tree()->findItems(text, Qt::MatchExactly | Qt::MatchRecursive, 0);
            return items.isEmpty() ? nullptr : items.first();
        };
        QTRY_VERIFY_WITH_TIMEOUT((tab->refresh(), find(QStringLiteral("g42")) != nullptr), 3000);
        QTreeWidgetItem *news = find(QStringLiteral("news"));
        QVERIFY(news);
        QCOMPARE(news->childCount(), 1);
        QVERIFY(news->child(0)->text(0).startsWith(QStringLiteral("client_")));
        QCOMPARE(news->child(0)->text(1), QStringLiteral(R"({"username":"Cerulean"})"));
        QCOMPARE(find(QStringLiteral("g42"))->text(1), QStringLiteral("1 connection(s)"));
    }

    void trafficTabShowsFiltersAndExports()
    {
        TestServer s;
        QVERIFY(s.ok());
        MainWindow w(s.host());
        InspectorWidget *tab = w.trafficTab();
        QAbstractItemModelTester tester(tab->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        tab->setCapture(true);
        QWebSocket ws;
        QVERIFY(openSocket(ws, s.ws(QStringLiteral("/echo"))));
        ws.sendTextMessage(QStringLiteral(R"({"greeting":"hello","n":1})"));
        ws.sendBinaryMessage(QByteArray("\x01\x02\x03", 3));
        QVERIFY(!s.registerAndLogin(QStringLiteral("insp@mail.com"), QStringLiteral("s3cret-pw")).isEmpty());
        // The socket's opening (its path), its handshake (request and answer), 4 frames, 2
        // requests and 2 responses.
        QTRY_VERIFY_WITH_TIMEOUT(tab->model()->rowCount() >= 11, 4000);
        QCOMPARE(tab->model()->record(0)->kind, sb::CaptureRecord::Opened);
        QCOMPARE(tab->model()->record(0)->data, QByteArray("GET /echo"));
        QCOMPARE(tab->model()->record(1)->kind, sb::CaptureRecord::Handshake);
        QCOMPARE(tab->model()->record(1)->direction, sb::CaptureRecord::In);
        QVERIFY(tab->model()->record(1)->data.startsWith("GET /echo HTTP/1.1\r\n"));
        QVERIFY(tab->model()->record(1)->data.contains("\r\nSec-WebSocket-Key: "));
        QCOMPARE(tab->model()->index(1, TrafficModel::Kind).data().toString(), QStringLiteral("handshake"));
        QCOMPARE(tab->model()->record(2)->kind, sb::CaptureRecord::Handshake);
        QCOMPARE(tab->model()->record(2)->direction, sb::CaptureRecord::Out);
        QVERIFY(tab->model()->record(2)->data.startsWith("HTTP/1.1 101 Switching Protocols\r\n"));
        // Secrets never reach the table.
        for (int r = 0; r < tab->model()->rowCount(); ++r)
            QVERIFY(!tab->model()->index(r, TrafficModel::Preview).data().toString().contains(QStringLiteral("s3cret-pw")));
        // Filter by text: only the two JSON frames (in and out).
        TrafficFilter f;
        f.text = QStringLiteral("greeting");
        tab->model()->setFilter(f);
        QCOMPARE(tab->model()->rowCount(), 2);
        tab->view()->selectRow(0);
        QVERIFY2(tab->detail()->toPlainText().contains(QStringLiteral("\"greeting\": \"hello\"")), qPrintable(tab->detail()->toPlainText()));
        // Keys are highlighted (bold), distinct from string values.
        const QTextBlock line = tab->detail()->document()->find(QStringLiteral("\"greeting\"")).block();
        QVERIFY(line.isValid());
        bool boldKey = false;
        for (const auto &range : line.layout()->formats())
            boldKey = boldKey || (range.format.fontWeight() == QFont::Bold && line.text().mid(range.start, range.length) == QLatin1String("\"greeting\""));
        QVERIFY(boldKey);
        // Regular expression and direction.
        f.text = QStringLiteral("^POST /auth/(login|register)");
        f.regex = true;
        tab->model()->setFilter(f);
        QCOMPARE(tab->model()->rowCount(), 2);
        f = TrafficFilter();
        f.direction = int(sb::CaptureRecord::Out);
        f.service = QStringLiteral("generic");
        tab->model()->setFilter(f);
        QCOMPARE(tab->model()->rowCount(), 3);  // the 101 and the two echoes
        // Binary shows as hex.
        tab->view()->selectRow(2);
        QVERIFY2(tab->detail()->toPlainText().contains(QStringLiteral("01 02 03")), qPrintable(tab->detail()->toPlainText()));
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("t.jsonl"));
        const ExportSummary lines2 = tab->exportJsonLines(file);
        QVERIFY2(lines2.ok, qPrintable(lines2.error));
        QCOMPARE(lines2.records, 3);
        // It says what it wrote, and that a filter left rows out.
        QVERIFY2(tab->exportNote()->text().startsWith(QStringLiteral("Wrote 3 record(s) to ") + file), qPrintable(tab->exportNote()->text()));
        QVERIFY2(tab->exportNote()->text().contains(QStringLiteral("only the 3 filtered rows of 11 captured")), qPrintable(tab->exportNote()->text()));
        QFile in(file);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = in.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].contains("\"type\":\"handshake\""));
        QVERIFY(lines[1].contains("\"direction\":\"out\""));
        QVERIFY(lines[2].contains("\"data_base64\":\"AQID\""));

        // HAR: the two HTTP exchanges, requests paired with their responses, secrets masked;
        // and the WebSocket connection with its messages, as Chrome's developer tools write them.
        tab->model()->setFilter(TrafficFilter());
        const QString harFile = dir.filePath(QStringLiteral("t.har"));
        const ExportSummary har = tab->exportHar(harFile);
        QVERIFY2(har.ok, qPrintable(har.error));
        QCOMPARE(har.exchanges, 2);
        QCOMPARE(har.webSockets, 1);
        QCOMPARE(har.messages, 4);
        QVERIFY2(tab->exportNote()->text().contains(QStringLiteral("2 HTTP exchange(s) and 1 WebSocket connection(s) with 4 message(s)")),
                 qPrintable(tab->exportNote()->text()));
        QVERIFY(tab->exportNote()->text().endsWith(QStringLiteral("every captured row")));
        QFile harIn(harFile);
        QVERIFY(harIn.open(QIODevice::ReadOnly));
        const QJsonObject log = QJsonDocument::fromJson(harIn.readAll()).object().value(QStringLiteral("log")).toObject();
        QCOMPARE(log.value(QStringLiteral("version")).toString(), QStringLiteral("1.2"));
        const QJsonArray entries = log.value(QStringLiteral("entries")).toArray();
        QCOMPARE(entries.size(), 3);  // in time order: the socket first, then register, login
        const QJsonObject socket = entries[0].toObject();
        QCOMPARE(socket.value(QStringLiteral("_resourceType")).toString(), QStringLiteral("websocket"));
        QCOMPARE(socket.value(QStringLiteral("request")).toObject().value(QStringLiteral("url")).toString(),
                 s.ws(QStringLiteral("/echo")).toString());
        QCOMPARE(socket.value(QStringLiteral("response")).toObject().value(QStringLiteral("status")).toInt(), 101);
        // The handshake's headers, both ways.
        auto header = [](const QJsonObject &message, const QString &name) {
            for (const auto &h : message.value(QStringLiteral("headers")).toArray()) {
                if (h.toObject().value(QStringLiteral("name")).toString().compare(name, Qt::CaseInsensitive) == 0)
                    return h.toObject().value(QStringLiteral("value")).toString();
            }
            return QString();
        };
        QCOMPARE(header(socket.value(QStringLiteral("request")).toObject(), QStringLiteral("Upgrade")), QStringLiteral("websocket"));
        QCOMPARE(header(socket.value(QStringLiteral("request")).toObject(), QStringLiteral("Sec-WebSocket-Version")), QStringLiteral("13"));
        QCOMPARE(header(socket.value(QStringLiteral("response")).toObject(), QStringLiteral("Sec-WebSocket-Accept")).size(), 28);
        const QJsonArray frames = socket.value(QStringLiteral("_webSocketMessages")).toArray();
        QCOMPARE(frames.size(), 4);
        QCOMPARE(frames[0].toObject().value(QStringLiteral("type")).toString(), QStringLiteral("send"));
        QCOMPARE(frames[0].toObject().value(QStringLiteral("opcode")).toInt(), 1);
        QCOMPARE(frames[0].toObject().value(QStringLiteral("data")).toString(), QStringLiteral(R"({"greeting":"hello","n":1})"));
        QVERIFY(frames[0].toObject().value(QStringLiteral("time")).toDouble() > 1.7e9);  // seconds since the epoch
        QJsonObject binaryEcho;
        for (const auto &f : frames) {
            if (f.toObject().value(QStringLiteral("type")).toString() == QLatin1String("receive") && f.toObject().value(QStringLiteral("opcode")).toInt() == 2)
                binaryEcho = f.toObject();
        }
        QCOMPARE(binaryEcho.value(QStringLiteral("data")).toString(), QStringLiteral("AQID"));
        const QJsonObject login = entries[2].toObject();
        QCOMPARE(login.value(QStringLiteral("request")).toObject().value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
        QVERIFY(login.value(QStringLiteral("request")).toObject().value(QStringLiteral("url")).toString().endsWith(QStringLiteral("/auth/login")));
        QCOMPARE(login.value(QStringLiteral("response")).toObject().value(QStringLiteral("status")).toInt(), 200);
        QVERIFY(login.value(QStringLiteral("request")).toObject().value(QStringLiteral("postData")).toObject().value(QStringLiteral("text")).toString().contains(QStringLiteral("\"password\":\"***\"")));
    }

    // Pings, pongs and closes are rows of their own (a close as "code reason"); a saved
    // capture imports back as it was; the number of rows kept is the user's.
    void controlFramesImportAndKeep()
    {
        TestServer s;
        QVERIFY(s.ok());
        MainWindow w(s.host());
        InspectorWidget *tab = w.trafficTab();
        tab->setCapture(true);
        QWebSocket ws;
        QVERIFY(openSocket(ws, s.ws(QStringLiteral("/echo"))));
        ws.ping("are you there");
        ws.sendTextMessage(QStringLiteral("hello"));
        ws.close(QWebSocketProtocol::CloseCode(4000), QStringLiteral("bye now"));
        auto find = [tab](sb::CaptureRecord::Kind kind, sb::CaptureRecord::Direction dir) -> const sb::CaptureRecord * {
            for (const auto &r : tab->model()->visible()) {
                if (r.kind == kind && r.direction == dir)
                    return &r;
            }
            return nullptr;
        };
        QTRY_VERIFY(find(sb::CaptureRecord::Close, sb::CaptureRecord::Out));
        QVERIFY(find(sb::CaptureRecord::Ping, sb::CaptureRecord::In));
        QCOMPARE(find(sb::CaptureRecord::Ping, sb::CaptureRecord::In)->data, QByteArray("are you there"));
        QCOMPARE(find(sb::CaptureRecord::Pong, sb::CaptureRecord::Out)->data, QByteArray("are you there"));
        QCOMPARE(find(sb::CaptureRecord::Close, sb::CaptureRecord::In)->data, QByteArray("4000 bye now"));
        QVERIFY(find(sb::CaptureRecord::Close, sb::CaptureRecord::Out)->data.startsWith("4000"));

        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("saved.jsonl"));
        QVERIFY(tab->exportJsonLines(file).ok);
        const QList<sb::CaptureRecord> before = tab->model()->visible();
        QVERIFY(tab->importJsonLines(file));
        QCOMPARE(tab->model()->rowCount(), before.size());
        for (int i = 0; i < before.size(); ++i) {
            QCOMPARE(tab->model()->record(i)->kind, before[i].kind);
            QCOMPARE(tab->model()->record(i)->data, before[i].data);
            QCOMPARE(tab->model()->record(i)->timeMs, before[i].timeMs);
        }
        QVERIFY(tab->exportNote()->text().startsWith(QStringLiteral("Showing %1 record(s) from ").arg(before.size())));
        QPushButton *resume = nullptr;
        for (QPushButton *b : tab->findChildren<QPushButton *>())
            resume = b->text() == QLatin1String("Resume") ? b : resume;
        QVERIFY(resume && resume->isChecked());  // the live capture waits
        // Not a capture: refused with the line.
        QFile bad(dir.filePath(QStringLiteral("bad.jsonl")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\"id\":1,\"time\":\"2026-12-03T10:00:00.000Z\",\"type\":\"text\",\"data\":\"x\"}\nnot json\n");
        bad.close();
        QVERIFY(!tab->importJsonLines(bad.fileName()));
        QVERIFY2(tab->exportNote()->text().contains(QStringLiteral("line 2")), qPrintable(tab->exportNote()->text()));

        // Rows kept: set by the user, applied at once, remembered.
        tab->keep()->setValue(1000);
        QList<sb::CaptureRecord> many;
        for (int i = 0; i < 1500; ++i) {
            sb::CaptureRecord r;
            r.id = 1'000'000 + quint64(i);
            r.data = "x";
            many.append(r);
        }
        tab->model()->append(many);
        QVERIFY(tab->model()->stored() <= 1000);
        QCOMPARE(QSettings().value(QStringLiteral("inspector/keep")).toInt(), 1000);
        QSettings().remove(QStringLiteral("inspector"));
    }

    // The detail pane: JSON indented in wire order (a Raw toggle shows it as it came), a hex
    // dump never coloured as JSON, a chat file frame's first bytes in hex.
    void detailPaneShowsWhatCame()
    {
        TestServer s;
        QVERIFY(s.ok());
        MainWindow w(s.host());
        InspectorWidget *tab = w.trafficTab();
        sb::CaptureRecord json;
        json.id = 1;
        json.kind = sb::CaptureRecord::Text;
        // (Not a raw string literal: moc mistakes the brace inside the JSON string.)
        json.data = "{\"z\":1,\"a\":{\"b\":[],\"s\":\"x, \\\"y\\\": \x7b\"}}";
        json.size = json.data.size();
        sb::CaptureRecord hex = json;
        hex.id = 2;
        hex.kind = sb::CaptureRecord::Binary;
        hex.data = QByteArray("\x01\x02\x33\x34", 4);
        hex.size = 4;
        sb::CaptureRecord file = hex;
        file.id = 3;
        file.data = QByteArray(R"(!{"name":"pic.png","type":"image/png"}#)") + QByteArray("\x89PNG\r\n", 6) + QByteArray(100, 'x');
        file.size = file.data.size();
        tab->model()->append({json, hex, file});

        tab->view()->selectRow(0);
        const QString shown = tab->detail()->toPlainText();
        QVERIFY2(shown.contains(QStringLiteral("{\n    \"z\": 1,\n    \"a\": {\n        \"b\": [],\n        \"s\": \"x, \\\"y\\\": {\"\n    }\n}")),
                 qPrintable(shown));
        QVERIFY(!tab->detail()->document()->firstBlock().next().next().layout()->formats().isEmpty()
                || !tab->detail()->document()->findBlockByNumber(3).layout()->formats().isEmpty());  // coloured
        tab->raw()->setChecked(true);
        QVERIFY(tab->detail()->toPlainText().endsWith(QString::fromUtf8(json.data)));
        tab->raw()->setChecked(false);

        tab->view()->selectRow(1);
        QVERIFY(tab->detail()->toPlainText().contains(QStringLiteral("01 02 33 34")));
        for (QTextBlock b = tab->detail()->document()->firstBlock(); b.isValid(); b = b.next())
            QVERIFY2(b.layout()->formats().isEmpty(), qPrintable(b.text()));  // digits of a dump are not JSON

        tab->view()->selectRow(2);
        const QString frame = tab->detail()->toPlainText();
        QVERIFY2(frame.contains(QStringLiteral("Chat file frame")) && frame.contains(QStringLiteral("\"name\": \"pic.png\""))
                     && frame.contains(QStringLiteral("89 50 4e 47 0d 0a 78")),
                 qPrintable(frame));
    }

    // A connection's first record names what it asked for, credentials in the query masked.
    void openedRecordMasksCredentials()
    {
        TestServer s;
        QVERIFY(s.ok());
        MainWindow w(s.host());
        InspectorWidget *tab = w.trafficTab();
        tab->setCapture(true);
        QWebSocket ws;
        QUrl url = s.ws(QStringLiteral("/echo"));
        url.setQuery(QStringLiteral("ticket=s3cret&room=a&access_token=t0k"));
        QVERIFY(openSocket(ws, url));
        QTRY_VERIFY(tab->model()->rowCount() >= 1);
        QCOMPARE(tab->model()->record(0)->kind, sb::CaptureRecord::Opened);
        QCOMPARE(tab->model()->record(0)->data, QByteArray("GET /echo?ticket=***&room=a&access_token=***"));
    }
};

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
