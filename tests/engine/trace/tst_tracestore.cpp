// Tests for the SQLite trace store: round trips, the run list, durability and crash windows.
// LABELS: unit
#include <engine/trace/tracestore.h>

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <latch>
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
    void crashKeepsCompletedStepsInProcess();
    void crashKeepsCompletedStepsAcrossProcessDeath();
    void newerSchemaIsRefused();
    void notADatabaseIsAnError();
    void deleteRunsBeforeAndCount();
    void resolveRunIdByPrefix_data();
    void resolveRunIdByPrefix();
    void unknownRunIsAValidationError();
    void concurrentFirstOpenCreatesTheSchemaOnce();
    void hostileValuesAreStoredAndLoaded();

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
    QCOMPARE(peek.text("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name LIKE "
                       "'runs_by_%'"),
             QStringLiteral("3"));
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

QTEST_GUILESS_MAIN(TestTraceStore)
#include "tst_tracestore.moc"
