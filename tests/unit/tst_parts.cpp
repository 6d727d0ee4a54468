// Parts that integration tests reach only through a running server, on their own: the ACK
// registry of channels' require-ack, JSON Merge Patch (RFC 7386) of felix, and the batch
// writer every client-visible write goes through; the chat message JSON the service writes
// by hand, against the protocol vocabulary its client reads with.
#include "protocol/chat.h"
#include "services/channels/ackregistry.h"
#include "services/chat/chatmessage.h"
#include "services/descriptor.h"
#include "services/felix/mergepatch.h"
#include "store/batchwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace sb;

namespace {
QJsonValue json(const char *text)
{
    // Wrapped so that scalars and null parse too.
    return QJsonDocument::fromJson(QByteArray("[") + text + "]").array().at(0);
}
}  // namespace

class TestParts : public QObject
{
    Q_OBJECT

private slots:
    // ---- AckRegistry -----------------------------------------------------------------------

    void ackCompletesWhenEveryTargetAcknowledged()
    {
        channels::AckRegistry acks;
        QList<channels::AckOutcome> outcomes;
        acks.expect(QStringLiteral("evt_1"), {QStringLiteral("a"), QStringLiteral("b")}, [&](const channels::AckOutcome &o) { outcomes.append(o); });
        QCOMPARE(acks.waiting(), 1);
        acks.ack(QStringLiteral("evt_1"), QStringLiteral("b"));
        acks.ack(QStringLiteral("evt_1"), QStringLiteral("x"));  // not targeted: ignored
        acks.ack(QStringLiteral("evt_2"), QStringLiteral("a"));  // unknown event: ignored
        QVERIFY(outcomes.isEmpty());
        acks.ack(QStringLiteral("evt_1"), QStringLiteral("a"));
        QCOMPARE(outcomes.size(), 1);
        QVERIFY(outcomes[0].complete);
        QCOMPARE(QSet<QString>(outcomes[0].acked.begin(), outcomes[0].acked.end()), (QSet<QString>{QStringLiteral("a"), QStringLiteral("b")}));
        QVERIFY(outcomes[0].pending.isEmpty());
        QCOMPARE(acks.waiting(), 0);
        acks.timeout(QStringLiteral("evt_1"));  // over already: done does not run twice
        acks.ack(QStringLiteral("evt_1"), QStringLiteral("a"));
        QCOMPARE(outcomes.size(), 1);
    }

    void ackTimeoutReportsWhoIsMissing()
    {
        channels::AckRegistry acks;
        std::optional<channels::AckOutcome> outcome;
        acks.expect(QStringLiteral("e"), {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")},
                    [&](const channels::AckOutcome &o) { outcome = o; });
        acks.ack(QStringLiteral("e"), QStringLiteral("b"));
        acks.timeout(QStringLiteral("e"));
        QVERIFY(outcome);
        QVERIFY(!outcome->complete);
        QCOMPARE(outcome->acked, QStringList{QStringLiteral("b")});
        QCOMPARE(outcome->pending, (QStringList{QStringLiteral("a"), QStringLiteral("c")}));  // in delivery order
        QVERIFY(outcome->left.isEmpty());
    }

    void ackEndsAtOnceWhenNobodyLeftCanAnswer()
    {
        channels::AckRegistry acks;
        std::optional<channels::AckOutcome> outcome;
        acks.expect(QStringLiteral("e"), {QStringLiteral("a"), QStringLiteral("b")}, [&](const channels::AckOutcome &o) { outcome = o; });
        acks.ack(QStringLiteral("e"), QStringLiteral("a"));
        acks.clientLeft(QStringLiteral("b"));  // the only one still pending: no ACK can come
        QVERIFY(outcome);
        QVERIFY(!outcome->complete);
        QCOMPARE(outcome->left, QStringList{QStringLiteral("b")});
        QCOMPARE(outcome->pending, QStringList{QStringLiteral("b")});
        QCOMPARE(acks.waiting(), 0);

        // One leaving while others still may answer: the wait goes on.
        outcome.reset();
        acks.expect(QStringLiteral("f"), {QStringLiteral("c"), QStringLiteral("d")}, [&](const channels::AckOutcome &o) { outcome = o; });
        acks.clientLeft(QStringLiteral("c"));
        QVERIFY(!outcome);
        acks.ack(QStringLiteral("f"), QStringLiteral("d"));  // the last who could answer did: over, incomplete
        QVERIFY(outcome);
        QVERIFY(!outcome->complete);
        QCOMPARE(outcome->acked, QStringList{QStringLiteral("d")});
        QCOMPARE(outcome->left, QStringList{QStringLiteral("c")});
        QCOMPARE(acks.waiting(), 0);
    }

    // ---- JSON Merge Patch (RFC 7386, the examples of its appendix A) ---------------------------

    // The service writes message JSON byte by byte (seed key order); every key it writes is
    // one the client knows from protocol/chat.h, and every value reads back.
    void chatMessageJsonSpeaksTheVocabulary()
    {
        namespace pc = protocol::chat;
        chat::ChatMessage m;
        m.id = 7;
        m.memberId = 2;
        m.chatId = 3;
        m.date = QStringLiteral("2026-12-02T10:00:00.123456");
        m.type = pc::type::text;
        m.text = QStringLiteral("a \"quoted\"\nline");
        QJsonObject o = QJsonDocument::fromJson(m.toJson()).object();
        QCOMPARE(o.keys(), (QStringList{pc::key::chatId, pc::key::date, pc::key::id, pc::key::memberId, pc::key::text, pc::key::type}));
        QCOMPARE(o.value(pc::key::text).toString(), m.text);
        QCOMPARE(o.value(pc::key::memberId).toInteger(), 2);
        m.type = pc::type::smile;
        m.smileId = 4;
        m.smileFileUuid = QStringLiteral("u-1");
        o = QJsonDocument::fromJson(m.toJson()).object();
        QCOMPARE(o.value(pc::key::smileId).toInteger(), 4);
        QCOMPARE(o.value(pc::key::smileFileUuid).toString(), QStringLiteral("u-1"));
        m.type = pc::type::file;
        m.fileUuid = QStringLiteral("f-1");
        o = QJsonDocument::fromJson(m.toJson()).object();
        QCOMPARE(o.value(pc::key::fileUuid).toString(), QStringLiteral("f-1"));
        QCOMPARE(o.value(pc::key::type).toString(), QString(pc::type::file));
        const QJsonObject e = QJsonDocument::fromJson(chat::errorJson(pc::code::insufficientBalance, QStringLiteral("no"))).object();
        QCOMPARE(e.value(pc::key::type).toString(), QString(pc::type::error));
        QCOMPARE(e.value(pc::key::code).toString(), QString(pc::code::insufficientBalance));
    }

    // Any string written into a message reads back the same; printable ASCII is written as
    // it is (the fast path), everything else escaped or as UTF-8.
    void chatJsonStringsReadBack()
    {
        const QStringList strings{QString(), QStringLiteral("plain ASCII ~!@#$%^&*()_+{}|:<>?/.,;'[]=-`"),
                                  QStringLiteral("quote \" backslash \\ slash /"), QStringLiteral("tab\tnewline\nreturn\r"),
                                  QStringLiteral("\x01\x1f\x7f"), QStringLiteral("caf\u00e9 κόσμε"), QStringLiteral("\U0001F600 emoji"),
                                  QStringLiteral("ASCII then \u00e9")};
        for (const QString &str : strings) {
            QByteArray out("[");
            chat::appendJsonString(out, str);
            out.append(']');
            QJsonParseError pe;
            const QJsonArray a = QJsonDocument::fromJson(out, &pe).array();
            QVERIFY2(pe.error == QJsonParseError::NoError, out.constData());
            QCOMPARE(a.first().toString(), str);
        }
        QByteArray out;
        chat::appendJsonString(out, QStringLiteral("2026-12-02T10:00:00.123456"));
        QCOMPARE(out, QByteArray("\"2026-12-02T10:00:00.123456\""));
    }

    void mergePatch_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("patch");
        QTest::addColumn<QString>("result");
        QTest::newRow("replace") << R"({"a":"b"})" << R"({"a":"c"})" << R"({"a":"c"})";
        QTest::newRow("add") << R"({"a":"b"})" << R"({"b":"c"})" << R"({"a":"b","b":"c"})";
        QTest::newRow("remove") << R"({"a":"b"})" << R"({"a":null})" << R"({})";
        QTest::newRow("remove one") << R"({"a":"b","b":"c"})" << R"({"a":null})" << R"({"b":"c"})";
        QTest::newRow("array replaces") << R"({"a":["b"]})" << R"({"a":"c"})" << R"({"a":"c"})";
        QTest::newRow("by array") << R"({"a":"c"})" << R"({"a":["b"]})" << R"({"a":["b"]})";
        QTest::newRow("nested") << R"({"a":{"b":"c"}})" << R"({"a":{"b":"d","c":null}})" << R"({"a":{"b":"d"}})";
        QTest::newRow("arrays whole") << R"({"a":[{"b":"c"}]})" << R"({"a":[1]})" << R"({"a":[1]})";
        QTest::newRow("array target") << R"(["a","b"])" << R"(["c","d"])" << R"(["c","d"])";
        QTest::newRow("object over array") << R"({"a":"b"})" << R"(["c"])" << R"(["c"])";
        QTest::newRow("null patch") << R"({"a":"foo"})" << R"(null)" << R"(null)";
        QTest::newRow("scalar patch") << R"({"a":"foo"})" << R"("bar")" << R"("bar")";
        QTest::newRow("null kept") << R"({"e":null})" << R"({"a":1})" << R"({"e":null,"a":1})";
        QTest::newRow("scalar target") << R"([1,2])" << R"({"a":"b","c":null})" << R"({"a":"b"})";
        QTest::newRow("deep create") << R"({})" << R"({"a":{"bb":{"ccc":null}}})" << R"({"a":{"bb":{}}})";
    }

    void mergePatch()
    {
        QFETCH(QString, target);
        QFETCH(QString, patch);
        QFETCH(QString, result);
        const QJsonValue got = felix::mergePatch(json(target.toUtf8()), json(patch.toUtf8()));
        QCOMPARE(got, json(result.toUtf8()));
    }

    // ---- BatchWriter -----------------------------------------------------------------------

    void batchWriterProcessesEverythingInOrderInBatches()
    {
        QTemporaryDir dir;
        Database db(dir.filePath(QStringLiteral("t.sqlite")), sb::schemaMigrations());
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        QList<int> seen;
        QList<qsizetype> batchSizes;
        QThread *writerThread = nullptr;
        std::atomic<bool> slow{true};
        {
            BatchWriter<int> writer(db, QStringLiteral("test-writer"), [&](QList<int> &batch) {
                writerThread = QThread::currentThread();
                if (slow.exchange(false))
                    QThread::msleep(100);  // the first batch takes a while: the rest piles up
                batchSizes.append(batch.size());
                seen += batch;
            });
            for (int i = 0; i < 1000; ++i)
                writer.submit(i);
            writer.flush();
            QCOMPARE(seen.size(), 1000);
            for (int i = 0; i < 1000; ++i)
                QCOMPARE(seen[i], i);
            QVERIFY(writerThread && writerThread != QThread::currentThread());
            // One wake-up per batch, not per item: far fewer batches than items.
            QVERIFY2(batchSizes.size() < 100, qPrintable(QString::number(batchSizes.size())));
            writer.submit(1000);
        }  // the destructor processes what was submitted, then stops
        QCOMPARE(seen.size(), 1001);
    }
};

QTEST_GUILESS_MAIN(TestParts)
#include "tst_parts.moc"
