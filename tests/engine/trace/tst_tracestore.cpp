// Tests for the SQLite trace store: round trips, the run list, durability and crash windows.
// LABELS: unit
#include <engine/trace/tracestore.h>

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <latch>
#include <map>
#include <mutex>
#include <sqlite3.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace tutti::engine;

namespace {

// A second, independent connection: sees only what the store has committed.
class Peek {
public:
    explicit Peek(const QString &path)
    {
        sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READONLY, nullptr);
    }
    ~Peek() { sqlite3_close_v2(m_db); }
    QString text(const char *sql) const
    {
        sqlite3_stmt *stmt = nullptr;
        QString out = "<error>";
        if (sqlite3_prepare_v2(m_db, sql, -1, &stmt, nullptr) == SQLITE_OK &&
            sqlite3_step(stmt) == SQLITE_ROW)
            out = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
        sqlite3_finalize(stmt);
        return out;
    }
    int integer(const char *sql) const { return text(sql).toInt(); }

private:
    sqlite3 *m_db = nullptr;
};

// Writes `count` finished runs r0000… (run i starts at 1000 * i) with `spans` spans each.
void writeRuns(TraceStore &store, int count, int spans, int payloadBytes = 0)
{
    store.setBulkMode(true);
    for (int i = 0; i < count; ++i) {
        char id[16];
        std::snprintf(id, sizeof id, "r%04d", i);
        RunRecord run;
        run.id = id;
        run.flow = "f";
        run.status = RunStatus::Succeeded;
        run.startedAt = 1000 * i;
        run.duration = 10;
        store.runStarted(run);
        for (int s = 1; s <= spans; ++s) {
            Span span;
            span.id = static_cast<SpanId>(s);
            span.kind = SpanKind::Step;
            span.name = "s";
            span.start = run.startedAt;
            span.duration = 1;
            span.status = SpanStatus::Ok;
            if (payloadBytes > 0)
                span.response =
                    Json{{"body", std::string(static_cast<std::size_t>(payloadBytes), 'x')}};
            store.spanFinished(run, span);
        }
        store.runFinished(run);
    }
    QVERIFY(store.flush());
    store.setBulkMode(false);
}

void execSql(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    sqlite3_open(path.toUtf8().constData(), &db);
    sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    sqlite3_close(db);
}

RunRecord makeRun(const std::string &id, const std::string &flow, Micros startedAt,
                  RunStatus status = RunStatus::Succeeded)
{
    RunRecord run;
    run.id = id;
    run.flow = flow;
    run.flowFile = flow + ".flow.yaml";
    run.status = status;
    run.startedAt = startedAt;
    run.duration = 1500;
    return run;
}

Span makeSpan(SpanId id, SpanId parent, SpanKind kind, const std::string &name, Micros start,
              Micros duration)
{
    Span span;
    span.id = id;
    span.parent = parent;
    span.kind = kind;
    span.name = name;
    span.stepId = kind == SpanKind::Step ? name : std::string("s");
    span.start = start;
    span.duration = duration;
    span.status = SpanStatus::Ok;
    return span;
}

QStringList ids(const std::vector<RunRecord> &runs)
{
    QStringList out;
    for (const RunRecord &r : runs)
        out << QString::fromStdString(r.id);
    return out;
}

} // namespace

class TestTraceStore : public QObject {
    Q_OBJECT

private slots:
    void init();
    void roundTripKeepsEveryField();
    void listFiltersAndOrder_data();
    void listFiltersAndOrder();
    void keysetPagingWalksEveryRun();
    void walModeAndSchemaVersion();
    void reopenAfterClose();
    void createsParentFolders();
    void spanWithoutRunStartedCreatesTheRun();
    void normalModeCommitsEachFinishedStep();
    void bulkModeCommitsByBatch();
    void aRunStoredAgainUnderItsIdReplacesTheEarlierOne_data();
    void aRunStoredAgainUnderItsIdReplacesTheEarlierOne();
    void crashKeepsCompletedStepsInProcess();
    void crashKeepsCompletedStepsAcrossProcessDeath();
    void runsOnSeveralThreadsShareCommits();
    void groupCommitWritesEveryRowAndReadsItsOwnWrites();
    void groupCommitLosesAtMostTheQueueOnACrash();
    void newerSchemaIsRefused();
    void notADatabaseIsAnError();
    void deleteRunsBeforeAndCount();
    void resolveRunIdByPrefix_data();
    void resolveRunIdByPrefix();
    void unknownRunIsAValidationError();
    void concurrentFirstOpenCreatesTheSchemaOnce();
    void hostileValuesAreStoredAndLoaded();
    void migratesVersion1Databases();
    void liveOwnerStaysRunning();
    void runOfADeadProcessIsInterrupted();
    void reusedPidMeansInterrupted();
    void otherHostStaysRunning();
    void pruneByAge();
    void pruneByCount();
    void pruneNeverDeletesRunningRuns();
    void pruneShrinksTheFile();
    void statsCountRunsAndBytes();

private:
    QString dbPath() const { return m_dir->filePath("ws/.tutti/traces.db"); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestTraceStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
}

void TestTraceStore::roundTripKeepsEveryField()
{
    RunRecord run = makeRun("run-1", "checkout", 1'700'000'000'000'000, RunStatus::Compensated);
    run.duration = 123456;
    run.seed = 0xFEDCBA9876543210ull; // above INT64_MAX: stored bit for bit
    run.virtualTime = true;
    run.input = Json::parse(R"({"sku": "A-1", "qty": 2, "note": "ünïcode ✓"})");
    run.output = Json::parse(R"([1, null, {"x": 1.5}])");
    run.error = Json::parse(R"({"type": "http.503", "message": "down", "step": "charge"})");
    run.steps = {{"reserve", StepStatus::Compensated, 1, 2000, nullptr},
                 {"charge", StepStatus::Failed, 3, 9000, Json::parse(R"({"type":"http.503"})")}};

    Span step = makeSpan(1, 0, SpanKind::Step, "charge", run.startedAt + 10, 9000);
    step.status = SpanStatus::Error;
    step.error = Json::parse(R"({"type": "http.503", "message": "down", "status": 503})");
    Span attempt = makeSpan(2, 1, SpanKind::Attempt, "attempt 1", run.startedAt + 11, 500);
    attempt.attempt = 1;
    attempt.status = SpanStatus::Error;
    attempt.request = Json::parse(
        R"({"method": "POST", "url": "mock://payment/charges", "headers": {"Authorization": "[REDACTED]"}, "body": {"amount": 5}})");
    attempt.response = Json::parse(R"({"status": 503, "headers": {}, "body": "busy"})");
    Span wait = makeSpan(3, 1, SpanKind::Wait, "backoff", run.startedAt + 511, 200);
    Span comp = makeSpan(4, 0, SpanKind::Compensation, "undo reserve", run.startedAt + 9100, 77);
    comp.status = SpanStatus::Cancelled;

    {
        TraceStore store;
        QVERIFY(store.open(dbPath().toStdString()));
        RunRecord started = run;
        started.status = RunStatus::Running;
        started.steps.clear();
        store.runStarted(started);
        for (const Span &s : {step, attempt, wait, comp}) {
            store.spanStarted(started, s);
        }
        // Finish out of start order: loading sorts by start time.
        store.spanFinished(started, attempt);
        store.spanFinished(started, wait);
        store.spanFinished(started, step);
        store.spanFinished(started, comp);
        store.runFinished(run);
        QVERIFY(!store.lastError());
    }

    TraceStore store;
    QVERIFY(store.open(dbPath().toStdString()));
    auto loaded = store.loadRun("run-1");
    QVERIFY2(loaded, loaded ? "" : loaded.error().message.c_str());
    const RunRecord &r = loaded->first;
    QCOMPARE(r.id, run.id);
    QCOMPARE(r.flow, run.flow);
    QCOMPARE(r.flowFile, run.flowFile);
    QVERIFY(r.status == RunStatus::Compensated);
    QCOMPARE(r.startedAt, run.startedAt);
    QCOMPARE(r.duration, run.duration);
    QCOMPARE(r.seed, run.seed);
    QCOMPARE(r.virtualTime, true);
    QVERIFY(r.input == run.input);
    QVERIFY(r.output == run.output);
    QVERIFY(r.error == run.error);
    QCOMPARE(r.steps.size(), std::size_t(2));
    QCOMPARE(r.steps[1].id, std::string("charge"));
    QCOMPARE(r.steps[1].status, StepStatus::Failed);
    QCOMPARE(r.steps[1].attempts, 3);
    QCOMPARE(r.steps[1].duration, Micros(9000));
    QVERIFY(r.steps[1].error == run.steps[1].error);
    QVERIFY(r.steps[0].error.is_null());

    const std::vector<Span> &spans = loaded->second;
    QCOMPARE(spans.size(), std::size_t(4));
    const Span expected[] = {step, attempt, wait, comp};
    for (std::size_t i = 0; i < 4; ++i) {
        const Span &got = spans[i];
        const Span &want = expected[i];
        QCOMPARE(got.id, want.id);
        QCOMPARE(got.parent, want.parent);
        QVERIFY(got.kind == want.kind);
        QCOMPARE(got.name, want.name);
        QCOMPARE(got.stepId, want.stepId);
        QCOMPARE(got.attempt, want.attempt);
        QCOMPARE(got.start, want.start);
        QCOMPARE(got.duration, want.duration);
        QVERIFY(got.status == want.status);
        QVERIFY(got.error == want.error);
        QVERIFY(got.request == want.request);
        QVERIFY(got.response == want.response);
    }
}

void TestTraceStore::listFiltersAndOrder_data()
{
    QTest::addColumn<QString>("flow");
    QTest::addColumn<QString>("status");
    QTest::addColumn<qlonglong>("since");
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("offset");
    QTest::addColumn<QStringList>("expected");

    // Fixture (started_at): a1 checkout ok 100, a2 checkout failed 200, b1 signup ok 300,
    // a3 checkout ok 400, b2 signup compensated 400 (ties broken by id, descending).
    QTest::newRow("all, newest first")
        << ""
        << "" << 0LL << 50 << 0 << QStringList{"b2", "a3", "b1", "a2", "a1"};
    QTest::newRow("limit") << ""
                           << "" << 0LL << 2 << 0 << QStringList{"b2", "a3"};
    QTest::newRow("offset") << ""
                            << "" << 0LL << 2 << 2 << QStringList{"b1", "a2"};
    QTest::newRow("no limit") << ""
                              << "" << 0LL << 0 << 0 << QStringList{"b2", "a3", "b1", "a2", "a1"};
    QTest::newRow("flow") << "checkout"
                          << "" << 0LL << 50 << 0 << QStringList{"a3", "a2", "a1"};
    QTest::newRow("status") << ""
                            << "succeeded" << 0LL << 50 << 0 << QStringList{"a3", "b1", "a1"};
    QTest::newRow("flow and status") << "signup"
                                     << "compensated" << 0LL << 50 << 0 << QStringList{"b2"};
    QTest::newRow("since") << ""
                           << "" << 300LL << 50 << 0 << QStringList{"b2", "a3", "b1"};
    QTest::newRow("nothing") << "nope"
                             << "" << 0LL << 50 << 0 << QStringList{};
}

void TestTraceStore::listFiltersAndOrder()
{
    QFETCH(QString, flow);
    QFETCH(QString, status);
    QFETCH(qlonglong, since);
    QFETCH(int, limit);
    QFETCH(int, offset);
    QFETCH(QStringList, expected);

    TraceStore store;
    QVERIFY(store.open(dbPath().toStdString()));
    for (const RunRecord &r :
         {makeRun("a1", "checkout", 100), makeRun("a2", "checkout", 200, RunStatus::Failed),
          makeRun("b1", "signup", 300), makeRun("a3", "checkout", 400),
          makeRun("b2", "signup", 400, RunStatus::Compensated)}) {
        store.runStarted(r);
        store.runFinished(r);
    }
    RunQuery q;
    q.flow = flow.toStdString();
    if (!status.isEmpty()) {
        RunStatus s;
        QVERIFY(parseRunStatus(status.toStdString(), s));
        q.status = s;
    }
    q.since = since;
    q.limit = limit;
    q.offset = offset;
    auto runs = store.listRuns(q);
    QVERIFY(runs);
    QCOMPARE(ids(*runs), expected);
}

void TestTraceStore::keysetPagingWalksEveryRun()
{
    TraceStore store;
    QVERIFY(store.open(dbPath().toStdString()));
    store.setBulkMode(true);
    for (int i = 0; i < 25; ++i) // pairs share a start time, so the id breaks ties
        store.runFinished(makeRun("r" + std::to_string(100 + i), "f", 1000 + i / 2));
    RunQuery q;
    q.limit = 4;
    QStringList seen;
    for (;;) {
        auto page = store.listRuns(q);
        QVERIFY(page);
        if (page->empty())
            break;
        seen << ids(*page);
        q.beforeStartedAt = page->back().startedAt;
        q.beforeId = page->back().id;
    }
    QCOMPARE(seen.size(), 25);
    QCOMPARE(seen.first(), QStringLiteral("r124"));
    QCOMPARE(seen.last(), QStringLiteral("r100"));
    QCOMPARE(QSet<QString>(seen.begin(), seen.end()).size(), 25);
}

void TestTraceStore::walModeAndSchemaVersion()
{
    TraceStore store;
    QVERIFY(store.open(dbPath().toStdString()));
    Peek peek(dbPath());
    QCOMPARE(peek.text("PRAGMA journal_mode"), QStringLiteral("wal"));
    QCOMPARE(peek.integer("PRAGMA user_version"), TraceStore::kSchemaVersion);
    // by start, flow and status; and the run history's by duration (alone, of a flow, of a
    // status), made without a schema version (tst_runquery checks the queries use them).
    QCOMPARE(peek.text("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name LIKE "
                       "'runs_by_%'"),
             QStringLiteral("6"));
}

void TestTraceStore::reopenAfterClose()
{
    TraceStore store;
    QVERIFY(store.open(dbPath().toStdString()));
    store.runFinished(makeRun("x", "f", 1));
    store.close();
    QVERIFY(!store.isOpen());
    QVERIFY(!store.listRuns());
    QVERIFY(store.open(dbPath().toStdString()));
    store.runFinished(makeRun("y", "f", 2));
    QCOMPARE(store.runCount().value_or(-1), 2);
    store.close();
    QVERIFY(store.open(dbPath().toStdString())); // reopening migrates nothing, keeps everything
    QCOMPARE(store.runCount().value_or(-1), 2);
}

void TestTraceStore::createsParentFolders()
{
    const QString deep = m_dir->filePath("a/b/c/traces.db");
    TraceStore store;
    QVERIFY(store.open(deep.toStdString()));
    QVERIFY(QFile::exists(deep));
}

void TestTraceStore::spanWithoutRunStartedCreatesTheRun()
{
    TraceStore store;
    QVERIFY(store.open(dbPath().toStdString()));
    const RunRecord run = makeRun("late", "f", 5, RunStatus::Running);
    store.spanFinished(run, makeSpan(1, 0, SpanKind::Step, "a", 5, 1));
    QVERIFY(!store.lastError());
    auto loaded = store.loadRun("late");
    QVERIFY(loaded);
    QCOMPARE(loaded->second.size(), std::size_t(1));
    QVERIFY(loaded->first.status == RunStatus::Running);
}

void TestTraceStore::normalModeCommitsEachFinishedStep()
{
    TraceStore store;
    QVERIFY(store.open(dbPath().toStdString()));
    const RunRecord run = makeRun("n", "f", 10, RunStatus::Running);
    Peek peek(dbPath());
    store.runStarted(run);
    QCOMPARE(peek.integer("SELECT count(*) FROM runs"), 1); // a started run shows at once
    store.spanFinished(run, makeSpan(2, 1, SpanKind::Attempt, "attempt 1", 10, 3));
    QCOMPARE(peek.integer("SELECT count(*) FROM spans"), 0); // part of the step in flight
    QCOMPARE(store.pendingRows(), std::size_t(1));
    store.spanFinished(run, makeSpan(1, 0, SpanKind::Step, "a", 10, 4));
    QCOMPARE(peek.integer("SELECT count(*) FROM spans"), 2);
    QCOMPARE(store.pendingRows(), std::size_t(0));
    RunRecord done = run;
    done.status = RunStatus::Failed;
    store.runFinished(done);
    QCOMPARE(peek.text("SELECT status FROM runs"), QStringLiteral("failed"));
}

void TestTraceStore::bulkModeCommitsByBatch()
{
    TraceStore store;
    QVERIFY(store.open(dbPath().toStdString()));
    store.setBulkMode(true);
    store.setMaxBatchRows(10);
    store.setMaxBatchAge(std::chrono::hours(1)); // only size and flush() decide here
    Peek peek(dbPath());
    RunRecord run = makeRun("b", "f", 10, RunStatus::Running);
    store.runStarted(run);
    for (SpanId i = 1; i <= 8; ++i)
        store.spanFinished(run, makeSpan(i, 0, SpanKind::Step, "s" + std::to_string(i), 10, 1));
    QCOMPARE(peek.integer("SELECT count(*) FROM runs"), 0);
    QCOMPARE(store.pendingRows(), std::size_t(9));
    store.spanFinished(run, makeSpan(9, 0, SpanKind::Step, "s9", 10, 1)); // 10th row
    QCOMPARE(peek.integer("SELECT count(*) FROM spans"), 9);
    store.runFinished(run);
    QCOMPARE(store.pendingRows(), std::size_t(1));
    QVERIFY(store.flush());
    QCOMPARE(store.pendingRows(), std::size_t(0));
    // Leaving bulk mode writes what is pending.
    store.runStarted(makeRun("c", "f", 11));
    store.setBulkMode(false);
    QCOMPARE(peek.integer("SELECT count(*) FROM runs"), 2);
}

void TestTraceStore::aRunStoredAgainUnderItsIdReplacesTheEarlierOne_data()
{
    QTest::addColumn<bool>("bulk");
    QTest::addRow("each run in its own commits") << false;
    QTest::addRow("both runs in one batch") << true;
}

void TestTraceStore::aRunStoredAgainUnderItsIdReplacesTheEarlierOne()
{
    // The same seed on a virtual clock gives a run the same id again (a simulation kept twice,
    // a replay): the second replaces the first, spans included, instead of mixing with it.
    QFETCH(bool, bulk);
    TraceStore store;
    QVERIFY(store.open(dbPath().toStdString()));
    store.setBulkMode(bulk);
    store.setMaxBatchAge(std::chrono::hours(1));
    const auto storeRun = [&](Micros startedAt, RunStatus status, int spans) {
        RunRecord run = makeRun("same", "f", startedAt, RunStatus::Running);
        store.runStarted(run);
        for (int i = 1; i <= spans; ++i)
            store.spanFinished(run, makeSpan(static_cast<SpanId>(i), 0, SpanKind::Step,
                                             "first" + std::to_string(i), startedAt, 1));
        run.status = status;
        store.runFinished(run);
    };
    storeRun(10, RunStatus::Failed, 3);
    storeRun(20, RunStatus::Succeeded, 1);
    QVERIFY(store.flush());
    QVERIFY(!store.lastError());
    auto loaded = store.loadRun("same");
    QVERIFY(loaded);
    QVERIFY(loaded->first.status == RunStatus::Succeeded);
    QCOMPARE(loaded->first.startedAt, Micros(20));
    QCOMPARE(loaded->second.size(), std::size_t(1)); // not spans 2 and 3 of the first run
    QCOMPARE(loaded->second.front().start, Micros(20));
    Peek peek(dbPath());
    QCOMPARE(peek.integer("SELECT count(*) FROM runs"), 1);
    // A store attached to a run already under way (no runStarted) keeps what it has.
    store.setBulkMode(false);
    const RunRecord late = makeRun("same", "f", 20, RunStatus::Running);
    store.spanFinished(late, makeSpan(2, 0, SpanKind::Step, "later", 20, 1));
    QCOMPARE(store.loadRun("same")->second.size(), std::size_t(2));
}

void TestTraceStore::crashKeepsCompletedStepsInProcess()
{
    {
        TraceStore store;
        QVERIFY(store.open(dbPath().toStdString()));
        const RunRecord run = makeRun("crash", "f", 10, RunStatus::Running);
        store.runStarted(run);
        store.spanFinished(run, makeSpan(2, 1, SpanKind::Attempt, "attempt 1", 10, 1));
        store.spanFinished(run, makeSpan(1, 0, SpanKind::Step, "a", 10, 2));
        store.spanFinished(run, makeSpan(3, 0, SpanKind::Step, "b", 12, 2));
        store.spanFinished(run, makeSpan(5, 4, SpanKind::Attempt, "attempt 1", 14, 1)); // in flight
        store.abandonForTest();
    }
    Peek peek(dbPath());
    QCOMPARE(peek.text("PRAGMA integrity_check"), QStringLiteral("ok"));
    TraceStore store;
    QVERIFY(store.open(dbPath().toStdString()));
    auto loaded = store.loadRun("crash");
    QVERIFY(loaded);
    QVERIFY(loaded->first.status == RunStatus::Running);
    QCOMPARE(loaded->second.size(), std::size_t(3));
    QCOMPARE(loaded->second.back().name, std::string("b"));
}

void TestTraceStore::crashKeepsCompletedStepsAcrossProcessDeath()
{
    const std::string path = dbPath().toStdString();
    const pid_t child = fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        // The child dies abruptly, mid-step, with no destructor, flush or close.
        TraceStore store;
        if (!store.open(path))
            _exit(3);
        const RunRecord run = makeRun("killed", "f", 10, RunStatus::Running);
        store.runStarted(run);
        for (SpanId i = 1; i <= 20; i += 2) {
            store.spanFinished(run, makeSpan(i + 1, i, SpanKind::Attempt, "attempt 1", 10, 1));
            store.spanFinished(run, makeSpan(i, 0, SpanKind::Step, "s", 10, 1));
        }
        store.spanFinished(run, makeSpan(100, 99, SpanKind::Attempt, "attempt 1", 99, 1));
        _exit(0);
    }
    int status = 0;
    QCOMPARE(waitpid(child, &status, 0), child);
    QVERIFY(WIFEXITED(status));
    QCOMPARE(WEXITSTATUS(status), 0);

    Peek peek(dbPath());
    QCOMPARE(peek.text("PRAGMA integrity_check"), QStringLiteral("ok"));
    QCOMPARE(peek.integer("SELECT count(*) FROM spans WHERE run_id = 'killed'"), 20);
    QCOMPARE(peek.integer("SELECT count(*) FROM spans WHERE id = 100"), 0);
    QCOMPARE(peek.text("SELECT status FROM runs WHERE id = 'killed'"), QStringLiteral("running"));
}

namespace {

// `threads` threads each write `runs` runs of `steps` steps (an attempt and a step span each)
// into one store at the same moment, as `tutti serve`'s workers do.
void writeConcurrently(TraceStore &store, int threads, int runs, int steps)
{
    std::latch start(threads);
    std::vector<std::thread> writers;
    for (int t = 0; t < threads; ++t)
        writers.emplace_back([&, t] {
            start.arrive_and_wait();
            for (int r = 0; r < runs; ++r) {
                RunRecord run = makeRun("t" + std::to_string(t) + "-" + std::to_string(r), "f",
                                        1000 * r, RunStatus::Running);
                store.runStarted(run);
                for (int s = 0; s < steps; ++s) {
                    const auto id = static_cast<SpanId>(2 * s + 1);
                    store.spanFinished(run,
                                       makeSpan(id + 1, id, SpanKind::Attempt, "attempt 1", s, 1));
                    store.spanFinished(run, makeSpan(id, 0, SpanKind::Step, "s", s, 1));
                }
                run.status = RunStatus::Succeeded;
                store.runFinished(run);
            }
        });
    for (std::thread &w : writers)
        w.join();
}

} // namespace

void TestTraceStore::runsOnSeveralThreadsShareCommits()
{
    // Normal mode: whoever reaches a commit point writes every queued row, others' too; each
    // caller returns only once its own rows are committed, so another connection sees them all
    // without a flush.
    TraceStore store;
    QVERIFY(store.open(dbPath().toStdString()));
    writeConcurrently(store, 4, 25, 4);
    QCOMPARE(store.pendingRows(), std::size_t(0));
    Peek peek(dbPath());
    QCOMPARE(peek.integer("SELECT count(*) FROM runs WHERE status = 'succeeded'"), 100);
    QCOMPARE(peek.integer("SELECT count(*) FROM spans"), 100 * 8);
    QVERIFY(!store.lastError());
}

void TestTraceStore::groupCommitWritesEveryRowAndReadsItsOwnWrites()
{
    TraceStore store;
    store.setGroupCommit(true); // before open: the writer starts with the file
    QVERIFY(store.open(dbPath().toStdString()));
    QVERIFY(store.groupCommit());
    writeConcurrently(store, 4, 25, 4);
    // Reading through the store takes the queue first: a run it was told about is listed.
    RunQuery all;
    all.limit = 0;
    auto runs = store.listRuns(all);
    QVERIFY(runs);
    QCOMPARE(runs->size(), std::size_t(100));
    auto loaded = store.loadRun("t3-24");
    QVERIFY(loaded);
    QCOMPARE(loaded->second.size(), std::size_t(8));
    QVERIFY(loaded->first.status == RunStatus::Succeeded);
    Peek peek(dbPath());
    QCOMPARE(peek.integer("SELECT count(*) FROM spans"), 100 * 8);
    // Switching it off writes what is queued and goes back to committing before returning.
    store.setGroupCommit(false);
    const RunRecord late = makeRun("late", "f", 5);
    store.runStarted(late);
    QCOMPARE(peek.integer("SELECT count(*) FROM runs WHERE id = 'late'"), 1);
    QVERIFY(!store.lastError());
}

void TestTraceStore::groupCommitLosesAtMostTheQueueOnACrash()
{
    constexpr int kMaxQueued = 16;
    constexpr int kSteps = 500;
    {
        TraceStore store;
        store.setMaxQueuedRows(kMaxQueued);
        QVERIFY(store.open(dbPath().toStdString()));
        store.setGroupCommit(true); // after open: starts the writer then
        RunRecord run = makeRun("crash", "f", 10, RunStatus::Running);
        store.runStarted(run);
        for (int s = 0; s < kSteps; ++s)
            store.spanFinished(run,
                               makeSpan(static_cast<SpanId>(s + 1), 0, SpanKind::Step, "s", s, 1));
        QVERIFY(store.pendingRows() <= std::size_t(kMaxQueued));
        store.abandonForTest(); // a crash: what is queued is gone
    }
    Peek peek(dbPath());
    QCOMPARE(peek.text("PRAGMA integrity_check"), QStringLiteral("ok"));
    const int kept = peek.integer("SELECT count(*) FROM spans WHERE run_id = 'crash'");
    QVERIFY2(kept >= kSteps - kMaxQueued && kept <= kSteps, qPrintable(QString::number(kept)));
    QCOMPARE(peek.integer("SELECT count(*) FROM runs WHERE id = 'crash'"), 1);
}

void TestTraceStore::newerSchemaIsRefused()
{
    {
        TraceStore store;
        QVERIFY(store.open(dbPath().toStdString()));
    }
    execSql(dbPath(), "PRAGMA user_version = 99");
    TraceStore store;
    auto r = store.open(dbPath().toStdString());
    QVERIFY(!r);
    QVERIFY(r.error().code == ErrorCode::Version);
    QVERIFY(r.error().message.find("99") != std::string::npos);
    QVERIFY(!store.isOpen());
}

void TestTraceStore::notADatabaseIsAnError()
{
    QDir().mkpath(QFileInfo(dbPath()).path());
    QFile f(dbPath());
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(8192, 'x'));
    f.close();
    TraceStore store;
    auto r = store.open(dbPath().toStdString());
    QVERIFY(!r);
    QVERIFY(r.error().code == ErrorCode::Database);
    QVERIFY(!r.error().message.empty());
}

void TestTraceStore::deleteRunsBeforeAndCount()
{
    TraceStore store;
    QVERIFY(store.open(dbPath().toStdString()));
    for (int i = 0; i < 6; ++i) {
        const RunRecord run = makeRun("d" + std::to_string(i), "f", 100 * i);
        store.runStarted(run);
        store.spanFinished(run, makeSpan(1, 0, SpanKind::Step, "s", 100 * i, 1));
        store.runFinished(run);
    }
    QCOMPARE(store.runCount().value_or(-1), 6);
    auto deleted = store.deleteRunsBefore(300);
    QVERIFY(deleted);
    QCOMPARE(*deleted, 3);
    QCOMPARE(store.runCount().value_or(-1), 3);
    Peek peek(dbPath());
    QCOMPARE(peek.integer("SELECT count(*) FROM spans"), 3);
    QVERIFY(!store.loadRun("d0"));
    QVERIFY(store.loadRun("d3"));
}

void TestTraceStore::resolveRunIdByPrefix_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("expected"); // "" = an error
    QTest::newRow("exact, also a prefix of another") << "3f2a"
                                                     << "3f2a";
    QTest::newRow("unique prefix") << "3f2a9"
                                   << "3f2a9c01";
    QTest::newRow("ambiguous") << "3f"
                               << "";
    QTest::newRow("unknown") << "zz"
                             << "";
    QTest::newRow("empty") << ""
                           << "";
}

void TestTraceStore::resolveRunIdByPrefix()
{
    QFETCH(QString, prefix);
    QFETCH(QString, expected);
    TraceStore store;
    QVERIFY(store.open(dbPath().toStdString()));
    for (const char *id : {"3f2a", "3f2a9c01", "3f7b0000", "a0"})
        store.runFinished(makeRun(id, "f", 1));
    auto r = store.resolveRunId(prefix.toStdString());
    if (expected.isEmpty()) {
        QVERIFY(!r);
        QVERIFY(r.error().code == ErrorCode::Validation);
    } else {
        QVERIFY(r);
        QCOMPARE(QString::fromStdString(*r), expected);
    }
}

void TestTraceStore::unknownRunIsAValidationError()
{
    TraceStore store;
    QVERIFY(store.open(dbPath().toStdString()));
    auto r = store.loadRun("missing");
    QVERIFY(!r);
    QVERIFY(r.error().code == ErrorCode::Validation);
    QVERIFY(r.error().message.find("missing") != std::string::npos);
}

void TestTraceStore::concurrentFirstOpenCreatesTheSchemaOnce()
{
    // Several connections open a database that does not exist yet at the same moment: the WAL
    // switch and the schema creation race; every one must succeed and the schema exist once.
    constexpr int kThreads = 8;
    for (int round = 0; round < 5; ++round) {
        const std::string path =
            m_dir->filePath(QString("race%1/traces.db").arg(round)).toStdString();
        std::latch start(kThreads);
        std::mutex mutex;
        QStringList failures;
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t)
            threads.emplace_back([&, t] {
                TraceStore store;
                start.arrive_and_wait();
                auto opened = store.open(path);
                if (opened) {
                    const RunRecord run = makeRun("run-" + std::to_string(t), "f", 1000 + t);
                    store.runStarted(run);
                    store.runFinished(run);
                    if (auto error = store.takeLastError())
                        opened = std::unexpected(*error);
                }
                if (!opened) {
                    std::lock_guard lock(mutex);
                    failures << QString::fromStdString(opened.error().message);
                }
            });
        for (std::thread &t : threads)
            t.join();
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join("\n")));
        TraceStore store;
        QVERIFY(store.open(path));
        QCOMPARE(store.runCount().value_or(-1), std::int64_t(kThreads));
        Peek peek(QString::fromStdString(path));
        QCOMPARE(peek.text("PRAGMA journal_mode"), QString("wal"));
        QCOMPARE(peek.integer("PRAGMA user_version"), TraceStore::kSchemaVersion);
    }
}

void TestTraceStore::hostileValuesAreStoredAndLoaded()
{
    // Bytes that are not UTF-8 are stored replaced; a value built at run time deeper than the
    // store reads back (1000 levels) is stored and comes back as its text, never a crash.
    RunRecord run = makeRun("hostile", "f", 10);
    run.output = Json{{"text", "caf\xe9"}, {"k\xff", 1}};
    Json deep = Json::array();
    Json *at = &deep;
    for (int i = 0; i < 100000; ++i) {
        at->push_back(Json::array());
        at = &at->back();
    }
    Span attempt = makeSpan(1, 0, SpanKind::Attempt, "attempt 1", 11, 5);
    attempt.response = Json::object();
    attempt.response["status"] = 200;
    attempt.response["body"] = std::move(deep); // moved: nlohmann's copy recurses
    attempt.error = Json{{"type", "parse"}, {"message", "\xfe"}};
    {
        TraceStore store;
        QVERIFY(store.open(dbPath().toStdString()));
        store.runStarted(run);
        store.spanStarted(run, attempt);
        store.spanFinished(run, attempt);
        store.runFinished(run);
        QVERIFY(!store.lastError());
    }
    TraceStore store;
    QVERIFY(store.open(dbPath().toStdString()));
    auto loaded = store.loadRun("hostile");
    QVERIFY2(loaded, loaded ? "" : loaded.error().message.c_str());
    QCOMPARE(loaded->first.output["text"].get<std::string>(), std::string("caf\xEF\xBF\xBD"));
    QCOMPARE(loaded->second.size(), std::size_t(1));
    const Json &response = loaded->second[0].response;
    QVERIFY(response.is_string()); // too deep to load as a value: shown as its text
    QVERIFY(response.get<std::string>().starts_with("{\"status\":200,\"body\":[[[["));
    QCOMPARE(loaded->second[0].error["message"].get<std::string>(), std::string("\xEF\xBF\xBD"));
}

void TestTraceStore::migratesVersion1Databases()
{
    // A database as version 1 wrote it, with a run left running by a build without owners.
    QDir().mkpath(QFileInfo(dbPath()).path());
    execSql(dbPath(),
            "CREATE TABLE runs (id TEXT PRIMARY KEY, flow TEXT NOT NULL, flow_file TEXT NOT NULL "
            "DEFAULT '', status TEXT NOT NULL, started_at_us INTEGER NOT NULL, duration_us "
            "INTEGER NOT NULL DEFAULT 0, seed INTEGER NOT NULL DEFAULT 0, virtual_time INTEGER "
            "NOT NULL DEFAULT 0, input TEXT, output TEXT, error TEXT, steps TEXT);"
            "CREATE TABLE spans (run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE, id "
            "INTEGER NOT NULL, parent INTEGER NOT NULL DEFAULT 0, kind TEXT NOT NULL, name TEXT "
            "NOT NULL, step_id TEXT NOT NULL DEFAULT '', attempt INTEGER NOT NULL DEFAULT 0, "
            "start_us INTEGER NOT NULL, duration_us INTEGER NOT NULL, status TEXT NOT NULL, error "
            "TEXT, request TEXT, response TEXT, PRIMARY KEY (run_id, id));"
            "INSERT INTO runs (id, flow, status, started_at_us) VALUES ('old', 'f', 'running', 5);"
            "INSERT INTO runs (id, flow, status, started_at_us) VALUES ('done', 'f', 'failed', 6);"
            "PRAGMA user_version = 1;");
    TraceStore store;
    QVERIFY(store.open(dbPath().toStdString()));
    Peek peek(dbPath());
    QCOMPARE(peek.integer("PRAGMA user_version"), TraceStore::kSchemaVersion);
    QCOMPARE(peek.integer("SELECT count(*) FROM runs WHERE owner_pid = 0"), 2);
    // No owner recorded: nothing can tell it died, so it is shown as stored.
    auto runs = store.listRuns();
    QVERIFY(runs);
    QCOMPARE(runs->size(), std::size_t(2));
    QVERIFY(runs->at(1).status == RunStatus::Running);
    QVERIFY(runs->at(0).status == RunStatus::Failed);
    // New rows record their owner.
    store.runStarted(makeRun("new", "f", 10, RunStatus::Running));
    QCOMPARE(peek.integer("SELECT owner_pid FROM runs WHERE id = 'new'"), int(getpid()));
    QVERIFY(peek.integer("SELECT owner_start FROM runs WHERE id = 'new'") > 0);
}

void TestTraceStore::liveOwnerStaysRunning()
{
    TraceStore writer;
    QVERIFY(writer.open(dbPath().toStdString()));
    const RunRecord run = makeRun("live", "f", 10, RunStatus::Running);
    writer.runStarted(run);
    // Another store (the studio, `tutti trace list`) opened while the owner still runs.
    TraceStore reader;
    QVERIFY(reader.open(dbPath().toStdString()));
    auto runs = reader.listRuns();
    QVERIFY(runs);
    QCOMPARE(runs->size(), std::size_t(1));
    QVERIFY(runs->front().status == RunStatus::Running);
    QVERIFY(reader.loadRun("live")->first.status == RunStatus::Running);
    QCOMPARE(reader.markInterruptedRuns().value_or(-1), 0);
    writer.runFinished(makeRun("live", "f", 10, RunStatus::Succeeded));
    QVERIFY(reader.loadRun("live")->first.status == RunStatus::Succeeded);
}

void TestTraceStore::runOfADeadProcessIsInterrupted()
{
    const std::string path = dbPath().toStdString();
    { // the schema exists before the child writes, so the parent's open below only reads it
        TraceStore store;
        QVERIFY(store.open(path));
    }
    const pid_t child = fork();
    QVERIFY(child >= 0);
    if (child == 0) { // dies abruptly mid-run, as kill -9 would leave it
        TraceStore store;
        if (!store.open(path))
            _exit(3);
        RunRecord run = makeRun("killed", "f", 1000, RunStatus::Running);
        run.duration = 0; // as the executor reports a run that has just started
        store.runStarted(run);
        store.spanFinished(run, makeSpan(1, 0, SpanKind::Step, "a", 1000, 200));
        store.spanFinished(run, makeSpan(2, 0, SpanKind::Step, "b", 1300, 400));
        _exit(0);
    }
    int status = 0;
    QCOMPARE(waitpid(child, &status, 0), child);
    QCOMPARE(WEXITSTATUS(status), 0);
    Peek peek(dbPath());
    QCOMPARE(peek.text("SELECT status FROM runs WHERE id = 'killed'"), QStringLiteral("running"));

    TraceStore store;
    QVERIFY(store.open(path)); // marks it on open
    QCOMPARE(peek.text("SELECT status FROM runs WHERE id = 'killed'"),
             QStringLiteral("interrupted"));
    auto loaded = store.loadRun("killed");
    QVERIFY(loaded);
    QVERIFY(loaded->first.status == RunStatus::Interrupted);
    QCOMPARE(loaded->first.duration, Micros(700)); // up to the end of its last committed span
    QCOMPARE(loaded->second.size(), std::size_t(2));
    RunQuery query;
    query.status = RunStatus::Interrupted;
    QCOMPARE(store.listRuns(query)->size(), std::size_t(1));
}

void TestTraceStore::reusedPidMeansInterrupted()
{
    {
        TraceStore store;
        QVERIFY(store.open(dbPath().toStdString()));
        store.runStarted(makeRun("reused", "f", 10, RunStatus::Running));
        store.abandonForTest();
    }
    // The recorded pid is alive (this process) but started at another time: a reused pid.
    execSql(dbPath(), "UPDATE runs SET owner_start = owner_start + 1");
    TraceStore store;
    QVERIFY(store.open(dbPath().toStdString()));
    QVERIFY(store.listRuns()->front().status == RunStatus::Interrupted);
    Peek peek(dbPath());
    QCOMPARE(peek.text("SELECT status FROM runs"), QStringLiteral("interrupted"));
    QCOMPARE(peek.integer("SELECT duration_us FROM runs"), 1500); // no spans: as stored
}

void TestTraceStore::otherHostStaysRunning()
{
    {
        TraceStore store;
        QVERIFY(store.open(dbPath().toStdString()));
        store.runStarted(makeRun("remote", "f", 10, RunStatus::Running));
        store.abandonForTest();
    }
    execSql(dbPath(), "UPDATE runs SET owner_host = 'elsewhere', owner_pid = 999999999");
    TraceStore store;
    QVERIFY(store.open(dbPath().toStdString()));
    QVERIFY(store.listRuns()->front().status == RunStatus::Running);
}

void TestTraceStore::pruneByAge()
{
    TraceStore store;
    QVERIFY(store.open(dbPath().toStdString()));
    writeRuns(store, 10, 3);
    PruneOptions options;
    options.startedBefore = 4000; // r0000..r0003
    options.dryRun = true;
    auto dry = store.prune(options);
    QVERIFY(dry);
    QCOMPARE(dry->runs, 4);
    QCOMPARE(dry->spans, 12);
    QCOMPARE(store.runCount().value_or(-1), 10);
    options.dryRun = false;
    options.runsPerBatch = 3; // several transactions
    auto pruned = store.prune(options);
    QVERIFY(pruned);
    QCOMPARE(pruned->runs, 4);
    QCOMPARE(pruned->spans, 12);
    QCOMPARE(store.runCount().value_or(-1), 6);
    QVERIFY(!store.loadRun("r0003"));
    QVERIFY(store.loadRun("r0004"));
    Peek peek(dbPath());
    QCOMPARE(peek.integer("SELECT count(*) FROM spans"), 18);
    QCOMPARE(store.prune(options)->runs, 0);
}

void TestTraceStore::pruneByCount()
{
    TraceStore store;
    QVERIFY(store.open(dbPath().toStdString()));
    writeRuns(store, 10, 2);
    PruneOptions options;
    options.keep = 3;
    options.runsPerBatch = 4;
    auto pruned = store.prune(options);
    QVERIFY(pruned);
    QCOMPARE(pruned->runs, 7);
    QCOMPARE(pruned->spans, 14);
    QCOMPARE(ids(*store.listRuns()), QStringList({"r0009", "r0008", "r0007"}));
    options.keep = 5; // fewer runs than kept
    QCOMPARE(store.prune(options)->runs, 0);
    options.keep = 0;
    QCOMPARE(store.prune(options)->runs, 3);
    QCOMPARE(store.runCount().value_or(-1), 0);
}

void TestTraceStore::pruneNeverDeletesRunningRuns()
{
    TraceStore store;
    QVERIFY(store.open(dbPath().toStdString()));
    writeRuns(store, 4, 1);
    store.runStarted(makeRun("going", "f", 1, RunStatus::Running)); // the oldest, and live
    PruneOptions options;
    options.keep = 0;
    QCOMPARE(store.prune(options)->runs, 4);
    QCOMPARE(ids(*store.listRuns()), QStringList({"going"}));
    options.keep.reset();
    options.startedBefore = 1'000'000;
    QCOMPARE(store.prune(options)->runs, 0);
    QVERIFY(store.loadRun("going"));
}

void TestTraceStore::pruneShrinksTheFile()
{
    const std::string path = dbPath().toStdString();
    {
        TraceStore store;
        QVERIFY(store.open(path));
        writeRuns(store, 200, 5, 2000); // about 2 MB
    }
    // A database made before auto_vacuum was set (version 1 builds) is converted by one VACUUM.
    execSql(dbPath(), "PRAGMA auto_vacuum = NONE; VACUUM");
    for (const char *mode : {"0", "2"}) {
        Peek peek(dbPath());
        QCOMPARE(peek.text("PRAGMA auto_vacuum"), QString(mode));
        TraceStore store;
        QVERIFY(store.open(path));
        PruneOptions options;
        options.keep = std::string(mode) == "0" ? 100 : 10;
        auto pruned = store.prune(options);
        QVERIFY(pruned);
        QVERIFY2(pruned->vacuumError.empty(), pruned->vacuumError.c_str());
        QVERIFY(pruned->runs > 0);
        QVERIFY2(pruned->bytesAfter < pruned->bytesBefore / 2 + 100000,
                 qPrintable(QString("%1 -> %2").arg(pruned->bytesBefore).arg(pruned->bytesAfter)));
        QCOMPARE(store.stats()->bytes, pruned->bytesAfter);
    }
    Peek peek(dbPath());
    QCOMPARE(peek.text("PRAGMA integrity_check"), QStringLiteral("ok"));
}

void TestTraceStore::statsCountRunsAndBytes()
{
    TraceStore store;
    QVERIFY(store.open(dbPath().toStdString()));
    QCOMPARE(store.stats()->runs, 0);
    writeRuns(store, 5, 1);
    store.runStarted(makeRun("going", "f", 1, RunStatus::Running));
    auto stats = store.stats();
    QVERIFY(stats);
    QCOMPARE(stats->runs, 6);
    QVERIFY(stats->bytes > 0);
    std::map<std::string, std::int64_t> byStatus;
    for (const auto &[status, n] : stats->byStatus)
        byStatus[toString(status)] = n;
    QCOMPARE(byStatus["succeeded"], 5);
    QCOMPARE(byStatus["running"], 1);
}

QTEST_GUILESS_MAIN(TestTraceStore)
#include "tst_tracestore.moc"
