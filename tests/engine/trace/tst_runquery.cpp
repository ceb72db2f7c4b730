// Tests for the run list's query (RunQuery): filters by flow, status, time range and free text,
// the four sorts with their keyset cursor, counting, flow names, the change poll and a garbage
// database file. The run history panel (editor/historymodel.h) is built on these.
// LABELS: unit
#include <engine/trace/tracestore.h>

#include <tests/tracegen.h>

#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <sqlite3.h>

using namespace tutti::engine;

namespace {

QStringList ids(const std::vector<RunRecord> &runs)
{
    QStringList out;
    for (const RunRecord &r : runs)
        out << QString::fromStdString(r.id);
    return out;
}

// The whole list in pages of `page` rows through the keyset cursor.
std::vector<RunRecord> allPages(TraceStore &store, RunQuery query, int page)
{
    std::vector<RunRecord> out;
    query.limit = page;
    for (;;) {
        auto rows = store.listRuns(query);
        if (!rows || rows->empty())
            return out;
        const RunRecord &last = rows->back();
        const bool byDuration =
            query.sort == RunSort::DurationAsc || query.sort == RunSort::DurationDesc;
        query.afterKey = byDuration ? last.duration : last.startedAt;
        query.afterId = last.id;
        out.insert(out.end(), rows->begin(), rows->end());
    }
}

} // namespace

class TestRunQuery : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("q%1.db").arg(m_n++)).toStdString();
        QVERIFY(m_store.open(m_path));
        QVERIFY(tracegen::generate(m_store, 500));
    }
    void cleanup() { m_store.close(); }

    void filtersByFlowStatusAndTime()
    {
        RunQuery q;
        q.limit = 0;
        q.flow = "flow-2";
        auto rows = m_store.listRuns(q);
        QVERIFY(rows);
        QCOMPARE(rows->size(), std::size_t(100));
        QVERIFY(std::all_of(rows->begin(), rows->end(),
                            [](const RunRecord &r) { return r.flow == "flow-2"; }));
        q = {};
        q.limit = 0;
        q.status = RunStatus::Failed;
        rows = m_store.listRuns(q);
        QVERIFY(rows);
        QCOMPARE(rows->size(), std::size_t(50)); // i % 10 == 3
        q = {};
        q.limit = 0;
        q.since = tracegen::kBase + 100 * tracegen::kSpacing;
        q.until = tracegen::kBase + 110 * tracegen::kSpacing;
        rows = m_store.listRuns(q);
        QVERIFY(rows);
        QCOMPARE(rows->size(), std::size_t(10)); // since inclusive, until exclusive
        QCOMPARE(rows->front().startedAt, tracegen::kBase + 109 * tracegen::kSpacing);
        QCOMPARE(rows->back().startedAt, tracegen::kBase + 100 * tracegen::kSpacing);
    }

    void freeText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("count");
        const QString id = QString::fromStdString(tracegen::run(42).id);
        QTest::newRow("whole id") << id << 1;
        QTest::newRow("id prefix") << id.left(12) << 1;
        QTest::newRow("prefix without run_") << id.mid(4, 8) << 1;
        QTest::newRow("error message") << "inventory" << 25; // i % 20 == 3
        QTest::newRow("case-insensitive") << "SERVICE UNAVAILABLE" << 25;
        QTest::newRow("error type") << "http.409" << 10; // i % 50 == 7
        QTest::newRow("step in error") << "charge" << 35;
        QTest::newRow("like wildcard is literal") << "%" << 0;
        QTest::newRow("underscore is literal") << "no_answer" << 0;
        QTest::newRow("nothing") << "zebra" << 0;
    }
    void freeText()
    {
        QFETCH(QString, text);
        QFETCH(int, count);
        RunQuery q;
        q.limit = 0;
        q.text = text.toStdString();
        auto rows = m_store.listRuns(q);
        QVERIFY2(rows, rows ? "" : rows.error().message.c_str());
        QCOMPARE(int(rows->size()), count);
        QCOMPARE(*m_store.countRuns(q, 1000), count);
        // Still newest first, and combined with the other filters.
        QVERIFY(std::is_sorted(rows->begin(), rows->end(), [](const auto &a, const auto &b) {
            return a.startedAt > b.startedAt;
        }));
        q.flow = "flow-3";
        rows = m_store.listRuns(q);
        QVERIFY(rows);
        QVERIFY(std::all_of(rows->begin(), rows->end(),
                            [](const RunRecord &r) { return r.flow == "flow-3"; }));
    }

    void sortsWithKeysetPages_data()
    {
        QTest::addColumn<int>("sort");
        QTest::addColumn<QString>("text");
        for (auto [name, sort] : {std::pair{"started desc", RunSort::StartedDesc},
                                  {"started asc", RunSort::StartedAsc},
                                  {"duration desc", RunSort::DurationDesc},
                                  {"duration asc", RunSort::DurationAsc}}) {
            QTest::newRow(name) << int(sort) << QString();
            QTest::newRow((std::string(name) + ", text").c_str()) << int(sort) << "503";
        }
    }
    void sortsWithKeysetPages()
    {
        QFETCH(int, sort);
        QFETCH(QString, text);
        RunQuery q;
        q.sort = RunSort(sort);
        q.text = text.toStdString();
        q.summaryOnly = true;
        const std::vector<RunRecord> paged = allPages(m_store, q, 7);
        q.limit = 0;
        auto whole = m_store.listRuns(q);
        QVERIFY(whole);
        QCOMPARE(ids(paged), ids(*whole)); // no row lost or repeated at page edges
        QCOMPARE(int(paged.size()), text.isEmpty() ? 500 : 25);
        auto key = [&](const RunRecord &r) {
            const bool byDuration =
                q.sort == RunSort::DurationAsc || q.sort == RunSort::DurationDesc;
            return std::pair(byDuration ? r.duration : r.startedAt, r.id);
        };
        const bool desc = q.sort == RunSort::StartedDesc || q.sort == RunSort::DurationDesc;
        for (std::size_t i = 1; i < paged.size(); ++i)
            QVERIFY(desc ? key(paged[i - 1]) > key(paged[i]) : key(paged[i - 1]) < key(paged[i]));
    }

    void oldBeforeCursorStillWorks()
    {
        RunQuery q;
        q.limit = 3;
        auto first = m_store.listRuns(q);
        QVERIFY(first);
        q.beforeStartedAt = first->back().startedAt;
        q.beforeId = first->back().id;
        auto next = m_store.listRuns(q);
        QVERIFY(next);
        QCOMPARE(next->front().startedAt, first->back().startedAt - tracegen::kSpacing);
    }

    void summaryOnlySkipsPayloads()
    {
        RunRecord r = tracegen::run(1000);
        r.input = {{"order", 7}};
        r.steps.push_back({"reserve", StepStatus::Succeeded, 1, 10, nullptr});
        m_store.runFinished(r);
        RunQuery q;
        q.limit = 1;
        auto full = m_store.listRuns(q);
        q.summaryOnly = true;
        auto summary = m_store.listRuns(q);
        QVERIFY(full && summary);
        QCOMPARE(full->front().steps.size(), std::size_t(1));
        QVERIFY(summary->front().input.is_null());
        QVERIFY(summary->front().steps.empty());
        QCOMPARE(summary->front().id, r.id);
        QCOMPARE(summary->front().status, r.status);
    }

    void countIsCapped()
    {
        QCOMPARE(*m_store.countRuns({}, 0), 500);
        QCOMPARE(*m_store.countRuns({}, 100), 100);
        RunQuery failed;
        failed.status = RunStatus::Failed;
        QCOMPARE(*m_store.countRuns(failed, 1000), 50);
    }

    void flowsAreListed()
    {
        auto flows = m_store.listFlows();
        QVERIFY(flows);
        QCOMPARE(*flows,
                 (std::vector<std::string>{"flow-0", "flow-1", "flow-2", "flow-3", "flow-4"}));
    }

    void dataVersionSeesOtherWriters()
    {
        TraceStore reader;
        QVERIFY(reader.open(m_path));
        const auto before = reader.dataVersion();
        QVERIFY(before);
        QCOMPARE(*reader.dataVersion(), *before); // nothing changed
        m_store.runFinished(tracegen::run(2000));
        QVERIFY(m_store.flush());
        QVERIFY(*reader.dataVersion() != *before);
    }

    void queriesUseIndexes_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("index");
        QTest::newRow("by duration")
            << "SELECT id FROM runs ORDER BY duration_us DESC, id DESC LIMIT 10"
            << "runs_by_duration";
        QTest::newRow("error text")
            << "SELECT rowid FROM runs WHERE error IS NOT NULL AND error LIKE '%x%' ORDER BY "
               "started_at_us DESC, id DESC LIMIT 10"
            << "runs_with_error";
    }
    void queriesUseIndexes()
    {
        QFETCH(QString, sql);
        QFETCH(QString, index);
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open_v2(m_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
        sqlite3_stmt *stmt = nullptr;
        const QByteArray plan = "EXPLAIN QUERY PLAN " + sql.toUtf8();
        QCOMPARE(sqlite3_prepare_v2(db, plan.constData(), -1, &stmt, nullptr), SQLITE_OK);
        QString detail;
        while (sqlite3_step(stmt) == SQLITE_ROW)
            detail +=
                QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 3)));
        sqlite3_finalize(stmt);
        sqlite3_close_v2(db);
        QVERIFY2(detail.contains(index), qPrintable(detail));
        QVERIFY2(!detail.contains("TEMP B-TREE"), qPrintable(detail)); // no sort of every row
    }

    void garbageFileIsAnError()
    {
        const QString path = m_dir.filePath(QStringLiteral("garbage.db"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x'));
        f.close();
        TraceStore store;
        auto opened = store.open(path.toStdString());
        QVERIFY(!opened);
        QVERIFY2(opened.error().message.find("not a database") != std::string::npos,
                 opened.error().message.c_str());
        QVERIFY(!store.listRuns({}));
    }

private:
    QTemporaryDir m_dir;
    std::string m_path;
    int m_n = 0;
    TraceStore m_store;
};

QTEST_GUILESS_MAIN(TestRunQuery)
#include "tst_runquery.moc"
