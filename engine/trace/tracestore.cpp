// The SQLite trace store: schema and migrations, batched writes, run list and run loading.
#include <engine/trace/tracestore.h>

#include <engine/core/jsonio.h>
#include <engine/trace/runowner.h>

#include <sqlite3.h>

#include <array>
#include <cstring>
#include <filesystem>
#include <limits>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace tutti::engine {

namespace {

// Schema migrations: entry i takes a database from user_version i to i + 1. Append an entry for
// a new version; never edit a released one (databases in the field already ran it).
constexpr std::array<const char *, TraceStore::kSchemaVersion> kMigrations = {
    // 0 -> 1: runs and finished spans.
    R"sql(
CREATE TABLE runs (
    id            TEXT PRIMARY KEY,
    flow          TEXT NOT NULL,
    flow_file     TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL,
    started_at_us INTEGER NOT NULL,
    duration_us   INTEGER NOT NULL DEFAULT 0,
    seed          INTEGER NOT NULL DEFAULT 0,
    virtual_time  INTEGER NOT NULL DEFAULT 0,
    input         TEXT,
    output        TEXT,
    error         TEXT,
    steps         TEXT
);
CREATE INDEX runs_by_start  ON runs (started_at_us DESC, id DESC);
CREATE INDEX runs_by_flow   ON runs (flow, started_at_us DESC, id DESC);
CREATE INDEX runs_by_status ON runs (status, started_at_us DESC, id DESC);
CREATE TABLE spans (
    run_id      TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    id          INTEGER NOT NULL,
    parent      INTEGER NOT NULL DEFAULT 0,
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    step_id     TEXT NOT NULL DEFAULT '',
    attempt     INTEGER NOT NULL DEFAULT 0,
    start_us    INTEGER NOT NULL,
    duration_us INTEGER NOT NULL,
    status      TEXT NOT NULL,
    error       TEXT,
    request     TEXT,
    response    TEXT,
    PRIMARY KEY (run_id, id)
);
)sql",
    // 1 -> 2: the owner lease of a run (runowner.h); 0/'' = unknown, as for every older run.
    R"sql(
ALTER TABLE runs ADD COLUMN owner_pid   INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN owner_start INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN owner_boot  TEXT NOT NULL DEFAULT '';
ALTER TABLE runs ADD COLUMN owner_host  TEXT NOT NULL DEFAULT '';
)sql",
    // 2 -> 3: what a run started part-way reuses (`run --from STEP --reuse RUN`): a step's
    // result, the vars after a top-level step, and which earlier run a reused step came from.
    // NULL/'' for every older span: such runs cannot be reused (their results were not kept).
    R"sql(
ALTER TABLE spans ADD COLUMN result      TEXT;
ALTER TABLE spans ADD COLUMN vars        TEXT;
ALTER TABLE spans ADD COLUMN reused_from TEXT NOT NULL DEFAULT '';
)sql",
};

constexpr const char *kRunColumns =
    "id, flow, flow_file, status, started_at_us, duration_us, seed, "
    "virtual_time, input, output, error, steps";

using OptText = std::optional<std::string>;

OptText jsonText(const Json &value)
{
    if (value.is_null())
        return std::nullopt;
    // Replace invalid UTF-8 rather than throw: a trace must never make a run fail.
    return dumpJson(value);
}

Json parseJsonColumn(sqlite3_stmt *stmt, int column, bool *damaged = nullptr)
{
    if (sqlite3_column_type(stmt, column) == SQLITE_NULL)
        return nullptr;
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(stmt, column));
    const int size = sqlite3_column_bytes(stmt, column);
    // Everything stored was dumped by dumpJson, but values built at run time can nest deeper
    // than parseJson's default for input, so the depth bound here is the dump's safe one.
    JsonLimits limits;
    limits.maxBytes = std::numeric_limits<std::size_t>::max();
    limits.maxDepth = 1000;
    auto value = parseJson(std::string_view(text, static_cast<std::size_t>(size)), limits);
    if (!value) { // written by something else: show it rather than lose it
        if (damaged)
            *damaged = true;
        return std::string(text, static_cast<std::size_t>(size));
    }
    return std::move(*value);
}

std::string textColumn(sqlite3_stmt *stmt, int column)
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(stmt, column));
    return text ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, column)))
                : std::string();
}

Json stepsToJson(const std::vector<StepSummary> &steps)
{
    Json out = Json::array();
    for (const StepSummary &s : steps)
        out.push_back({{"id", s.id},
                       {"status", toString(s.status)},
                       {"attempts", s.attempts},
                       {"duration_us", s.duration},
                       {"error", s.error}});
    for (std::size_t i = 0; i < steps.size(); ++i)
        if (!steps[i].reusedFrom.empty())
            out[i]["reused_from"] = steps[i].reusedFrom;
    return out;
}

std::vector<StepSummary> stepsFromJson(const Json &json)
{
    std::vector<StepSummary> steps;
    if (!json.is_array())
        return steps;
    for (const Json &s : json) {
        if (!s.is_object())
            continue;
        StepSummary step;
        step.id = s.value("id", std::string());
        // An unknown name (a newer writer) reads as running: never reported as an outcome.
        parseStepStatus(s.value("status", std::string()), step.status);
        step.attempts = s.value("attempts", 0);
        step.duration = s.value("duration_us", Micros(0));
        step.error = s.contains("error") ? s.at("error") : Json(nullptr);
        step.reusedFrom = s.value("reused_from", std::string());
        steps.push_back(std::move(step));
    }
    return steps;
}

} // namespace

namespace internal {

struct RunRow {
    std::string id, flow, flowFile, status;
    Micros startedAt = 0, duration = 0;
    std::int64_t seed = 0;
    bool virtualTime = false;
    OptText input, output, error, steps;
    // A run starting (runStarted): an earlier run stored under the same id (the same seed on a
    // virtual clock) is replaced, spans included, instead of being mixed with this one. The
    // earlier run's spans are those stored before, and those queued before this row
    // (`spansBefore`: the batch's span count when it was queued).
    bool starts = false;
    std::size_t spansBefore = 0;
};

struct SpanRow {
    std::string runId;
    std::int64_t id = 0, parent = 0;
    const char *kind = "";
    std::string name, stepId;
    int attempt = 0;
    Micros start = 0, duration = 0;
    const char *status = "";
    OptText error, request, response, result, vars;
    std::string reusedFrom;
};

// The connection, its prepared statements and the pending batch.
struct TraceDb {
    sqlite3 *db = nullptr;
    sqlite3_stmt *upsertRun = nullptr;
    sqlite3_stmt *insertSpan = nullptr;
    sqlite3_stmt *deleteSpans = nullptr; // of one run id
    sqlite3_stmt *begin = nullptr;       // prepared once: sqlite3_exec would parse them per batch
    sqlite3_stmt *commit = nullptr;
    std::vector<RunRow> runs; // the batch being written, taken from the queue
    std::vector<SpanRow> spans;
    // Runs found interrupted that could not be marked so (a read-only file): shown so anyway.
    std::unordered_set<std::string> interrupted;
    RunOwner owner; // this process, recorded with every run row it writes

    ~TraceDb()
    {
        sqlite3_finalize(upsertRun);
        sqlite3_finalize(insertSpan);
        sqlite3_finalize(deleteSpans);
        sqlite3_finalize(begin);
        sqlite3_finalize(commit);
        sqlite3_close_v2(db);
    }
    std::size_t pending() const { return runs.size() + spans.size(); }

    Error error(const std::string &what) const
    {
        return Error{
            ErrorCode::Database, what + ": " + (db ? sqlite3_errmsg(db) : "no database"), {}, {}};
    }
    Result<void> exec(const char *sql) const
    {
        char *message = nullptr;
        if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
            Error e{ErrorCode::Database, message ? message : sqlite3_errmsg(db), {}, {}};
            sqlite3_free(message);
            return std::unexpected(std::move(e));
        }
        return {};
    }
    Result<void> step(sqlite3_stmt *stmt, const char *what) const
    {
        const int rc = sqlite3_step(stmt);
        sqlite3_reset(stmt);
        if (rc != SQLITE_DONE && rc != SQLITE_ROW)
            return std::unexpected(error(what));
        return {};
    }
    Result<sqlite3_stmt *> prepare(const std::string &sql) const
    {
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v3(db, sql.c_str(), static_cast<int>(sql.size()),
                               SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK)
            return std::unexpected(error("prepare"));
        return stmt;
    }
};

// Rows made by the sink callbacks and not yet taken by a commit (guarded by m_queueMutex).
struct RowQueue {
    std::vector<RunRow> runs;
    std::vector<SpanRow> spans;
    std::unordered_set<std::string> openRuns; // started here and not finished yet
    std::chrono::steady_clock::time_point oldest;
    bool writer = false;       // group commit: the writer thread runs
    bool commitWanted = false; // a commit point was reached: wake the writer
    bool stopWriter = false;
    std::size_t size() const { return runs.size() + spans.size(); }
};

// Finalizes a one-off statement however the function is left.
struct Statement {
    sqlite3_stmt *stmt = nullptr;
    ~Statement() { sqlite3_finalize(stmt); }
};

} // namespace internal

namespace {

using internal::TraceDb;

void bindText(sqlite3_stmt *stmt, int index, const std::string &text)
{
    sqlite3_bind_text(stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}

void bindOpt(sqlite3_stmt *stmt, int index, const OptText &text)
{
    if (text)
        bindText(stmt, index, *text);
    else
        sqlite3_bind_null(stmt, index);
}

RunRecord readRun(sqlite3_stmt *stmt)
{
    RunRecord run;
    run.id = textColumn(stmt, 0);
    run.flow = textColumn(stmt, 1);
    run.flowFile = textColumn(stmt, 2);
    parseRunStatus(textColumn(stmt, 3), run.status);
    run.startedAt = sqlite3_column_int64(stmt, 4);
    run.duration = sqlite3_column_int64(stmt, 5);
    run.seed = static_cast<std::uint64_t>(sqlite3_column_int64(stmt, 6));
    run.virtualTime = sqlite3_column_int(stmt, 7) != 0;
    run.input = parseJsonColumn(stmt, 8);
    run.output = parseJsonColumn(stmt, 9);
    run.error = parseJsonColumn(stmt, 10);
    run.steps = stepsFromJson(parseJsonColumn(stmt, 11));
    return run;
}

// How long open() waits for other connections (and a second writer waits for a batch).
constexpr std::chrono::milliseconds kBusyTimeout{5000};

// Runs one statement (stepping through any rows it returns), retrying while the database is
// busy or locked until `deadline`: for the few statements that can report SQLITE_BUSY without
// going through the busy handler.
Result<void> execWaiting(const TraceDb &db, const char *sql,
                         std::chrono::steady_clock::time_point deadline)
{
    for (;;) {
        internal::Statement q;
        int rc = sqlite3_prepare_v2(db.db, sql, -1, &q.stmt, nullptr);
        if (rc == SQLITE_OK)
            while ((rc = sqlite3_step(q.stmt)) == SQLITE_ROW) {
            }
        const int primary = rc & 0xFF;
        if (rc == SQLITE_OK || rc == SQLITE_DONE)
            return {};
        if ((primary != SQLITE_BUSY && primary != SQLITE_LOCKED) ||
            std::chrono::steady_clock::now() >= deadline)
            return std::unexpected(db.error(sql));
        sqlite3_sleep(5);
    }
}

// A one-number statement's answer (0 when it fails).
std::int64_t pragmaInt(const TraceDb &db, const char *sql)
{
    internal::Statement q;
    if (sqlite3_prepare_v2(db.db, sql, -1, &q.stmt, nullptr) != SQLITE_OK ||
        sqlite3_step(q.stmt) != SQLITE_ROW)
        return 0;
    return sqlite3_column_int64(q.stmt, 0);
}

Result<int> userVersion(const TraceDb &db, const std::string &path)
{
    internal::Statement q;
    if (sqlite3_prepare_v2(db.db, "PRAGMA user_version", -1, &q.stmt, nullptr) != SQLITE_OK ||
        sqlite3_step(q.stmt) != SQLITE_ROW)
        return std::unexpected(db.error(path));
    return sqlite3_column_int(q.stmt, 0);
}

} // namespace

TraceStore::TraceStore()
    : m_queue(std::make_unique<internal::RowQueue>())
{
}

TraceStore::~TraceStore()
{
    close();
}

Result<void> TraceStore::open(const std::string &path)
{
    close();
    std::lock_guard lock(m_mutex);
    std::error_code ec;
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (!parent.empty())
        std::filesystem::create_directories(parent, ec);
    if (ec)
        return fail(ErrorCode::Io, "cannot create " + parent.string() + ": " + ec.message());

    auto db = std::make_unique<TraceDb>();
    db->owner = currentOwner();
    if (sqlite3_open_v2(path.c_str(), &db->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK)
        return std::unexpected(db->error("cannot open trace database " + path));
    // First, before any statement: another process (studio, CLI, a second run starting at the
    // same moment) may hold the lock; wait for it rather than fail.
    sqlite3_busy_timeout(db->db, static_cast<int>(kBusyTimeout.count()));
    const auto deadline = std::chrono::steady_clock::now() + kBusyTimeout;

    // WAL: readers never block the writer; NORMAL: a commit survives a process crash (only an OS
    // crash can lose the last commits, never corrupt the file). Switching a new database to WAL
    // takes an exclusive lock; the busy handler waits for most contention, but a lock that cannot
    // be upgraded is reported as SQLITE_BUSY at once, so execWaiting retries until the deadline.
    // A new database frees pages as `prune` deletes runs (PRAGMA incremental_vacuum); on one
    // that already has tables this does nothing (prune converts it with one VACUUM).
    if (auto r = execWaiting(*db, "PRAGMA auto_vacuum=INCREMENTAL", deadline); !r)
        return fail(ErrorCode::Database, path + ": " + r.error().message);
    if (auto r = execWaiting(*db, "PRAGMA journal_mode=WAL", deadline); !r)
        return fail(ErrorCode::Database, path + ": " + r.error().message);
    for (const char *pragma : {"PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON"})
        if (auto r = db->exec(pragma); !r)
            return fail(ErrorCode::Database, path + ": " + r.error().message);

    const auto newerThanThisBuild = [&](int version) {
        return fail(ErrorCode::Version,
                    path + ": trace database schema version " + std::to_string(version) +
                        " is newer than this build (" + std::to_string(kSchemaVersion) + ")");
    };
    auto version = userVersion(*db, path);
    if (!version)
        return std::unexpected(version.error());
    if (*version > kSchemaVersion)
        return newerThanThisBuild(*version);
    if (*version < kSchemaVersion) {
        // Several processes may find the same old (or empty) database at once: take the write
        // lock first and read the version again under it. Whoever comes second sees the schema
        // the first one made and migrates nothing.
        if (auto r = execWaiting(*db, "BEGIN IMMEDIATE", deadline); !r)
            return fail(ErrorCode::Database, path + ": " + r.error().message);
        version = userVersion(*db, path);
        if (!version || *version > kSchemaVersion) {
            (void)db->exec("ROLLBACK");
            return version ? newerThanThisBuild(*version) : std::unexpected(version.error());
        }
        for (int v = *version; v < kSchemaVersion; ++v) {
            const std::string sql = std::string(kMigrations[static_cast<std::size_t>(v)]) +
                                    "PRAGMA user_version=" + std::to_string(v + 1) + ";";
            if (auto r = db->exec(sql.c_str()); !r) {
                (void)db->exec("ROLLBACK");
                return fail(ErrorCode::Database,
                            path + ": migrating the trace database to version " +
                                std::to_string(v + 1) + ": " + r.error().message);
            }
        }
        if (auto r = db->exec("COMMIT"); !r) {
            (void)db->exec("ROLLBACK");
            return fail(ErrorCode::Database, path + ": " + r.error().message);
        }
    }

    // Indexes for the studio's run history (sort by duration, search in errors). Not a schema
    // version: an older build ignores them, a newer one keeps them, and they are made once,
    // here, by the first build that knows them (a few seconds on a million runs). A read-only
    // file goes without: its queries are only slower.
    if (pragmaInt(*db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN "
                       "('runs_by_duration', 'runs_by_flow_duration', 'runs_by_status_duration', "
                       "'runs_with_error')") < 4)
        (void)db->exec(
            "CREATE INDEX IF NOT EXISTS runs_by_duration ON runs (duration_us DESC, id DESC);"
            "CREATE INDEX IF NOT EXISTS runs_by_flow_duration ON runs "
            "(flow, duration_us DESC, id DESC);"
            "CREATE INDEX IF NOT EXISTS runs_by_status_duration ON runs "
            "(status, duration_us DESC, id DESC);"
            "CREATE INDEX IF NOT EXISTS runs_with_error ON runs "
            "(started_at_us DESC, id DESC, error) WHERE error IS NOT NULL;");

    auto upsert = db->prepare(std::string("INSERT INTO runs (") + kRunColumns +
                              ", owner_pid, owner_start, owner_boot, owner_host) VALUES (?1, ?2, "
                              "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) "
                              "ON CONFLICT (id) DO UPDATE SET flow = ?2, flow_file = ?3, "
                              "status = ?4, started_at_us = ?5, duration_us = ?6, seed = ?7, "
                              "virtual_time = ?8, input = ?9, output = ?10, error = ?11, "
                              "steps = ?12, owner_pid = ?13, owner_start = ?14, owner_boot = ?15, "
                              "owner_host = ?16");
    if (!upsert)
        return std::unexpected(upsert.error());
    db->upsertRun = *upsert;
    auto insert = db->prepare("INSERT OR REPLACE INTO spans (run_id, id, parent, kind, name, "
                              "step_id, attempt, start_us, duration_us, status, error, request, "
                              "response, result, vars, reused_from) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert)
        return std::unexpected(insert.error());
    db->insertSpan = *insert;
    auto deleteSpans = db->prepare("DELETE FROM spans WHERE run_id = ?1");
    if (!deleteSpans)
        return std::unexpected(deleteSpans.error());
    db->deleteSpans = *deleteSpans;
    auto begin = db->prepare("BEGIN IMMEDIATE");
    auto commit = db->prepare("COMMIT");
    if (!begin || !commit)
        return std::unexpected(!begin ? begin.error() : commit.error());
    db->begin = *begin;
    db->commit = *commit;

    {
        std::lock_guard queue(m_queueMutex);
        *m_queue = internal::RowQueue{}; // rows a callback queued while closed are not this file's
    }
    m_db = std::move(db);
    m_path = path;
    (void)markInterruptedLocked(); // a failure here only leaves runs shown as they are stored
    m_accepting = true;
    if (m_groupCommit)
        startWriter();
    return {};
}

void TraceStore::close()
{
    m_accepting = false;
    stopWriter(); // before taking m_mutex: the writer may be waiting for it
    std::lock_guard lock(m_mutex);
    if (!m_db)
        return;
    if (auto r = flushLocked(); !r)
        recordError(r.error());
    m_db.reset();
}

bool TraceStore::isOpen() const
{
    std::lock_guard lock(m_mutex);
    return m_db != nullptr;
}

void TraceStore::abandonForTest()
{
    m_accepting = false;
    {
        std::lock_guard queue(m_queueMutex);
        *m_queue = internal::RowQueue{}; // pending rows are dropped, nothing is written
    }
    stopWriter();
    std::lock_guard lock(m_mutex);
    m_db.reset();
}

void TraceStore::setBulkMode(bool bulk)
{
    std::lock_guard lock(m_mutex);
    m_bulk = bulk;
    if (!bulk && m_db)
        if (auto r = flushLocked(); !r)
            recordError(r.error());
}

void TraceStore::setGroupCommit(bool on)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_groupCommit == on)
            return;
        m_groupCommit = on;
        if (on && m_db)
            startWriter();
    }
    if (!on) {
        stopWriter();
        (void)flush();
    }
}

void TraceStore::startWriter()
{
    if (m_writer.joinable())
        return;
    {
        std::lock_guard queue(m_queueMutex);
        m_queue->stopWriter = false;
        m_queue->writer = true;
    }
    m_writer = std::thread([this] { writerLoop(); });
}

void TraceStore::stopWriter()
{
    if (!m_writer.joinable())
        return;
    {
        std::lock_guard queue(m_queueMutex);
        m_queue->stopWriter = true;
        m_queue->writer = false;
    }
    m_queueChanged.notify_all();
    m_writer.join();
}

void TraceStore::writerLoop()
{
    for (;;) {
        {
            std::unique_lock queue(m_queueMutex);
            m_queueChanged.wait(queue,
                                [&] { return m_queue->stopWriter || m_queue->commitWanted; });
            if (m_queue->stopWriter)
                return; // whoever stops the writer writes or drops what is left
            m_queue->commitWanted = false;
        }
        std::lock_guard lock(m_mutex);
        if (m_db)
            if (auto r = flushLocked(); !r)
                recordError(r.error());
    }
}

namespace {

internal::RunRow makeRunRow(const RunRecord &run)
{
    internal::RunRow row;
    row.id = run.id;
    row.flow = run.flow;
    row.flowFile = run.flowFile;
    row.status = toString(run.status);
    row.startedAt = run.startedAt;
    row.duration = run.duration;
    row.seed = static_cast<std::int64_t>(run.seed);
    row.virtualTime = run.virtualTime;
    row.input = jsonText(run.input);
    row.output = jsonText(run.output);
    row.error = jsonText(run.error);
    row.steps = jsonText(stepsToJson(run.steps));
    return row;
}

internal::SpanRow makeSpanRow(const RunRecord &run, const Span &span)
{
    internal::SpanRow row;
    row.runId = run.id;
    row.id = static_cast<std::int64_t>(span.id);
    row.parent = static_cast<std::int64_t>(span.parent);
    row.kind = toString(span.kind);
    row.name = span.name;
    row.stepId = span.stepId;
    row.attempt = span.attempt;
    row.start = span.start;
    row.duration = span.duration;
    row.status = toString(span.status);
    row.error = jsonText(span.error);
    row.request = jsonText(span.request);
    row.response = jsonText(span.response);
    // A result of null is still a result ("null"), unlike a step that produced none (NULL).
    if (span.result)
        row.result = dumpJson(*span.result);
    row.vars = jsonText(span.vars);
    row.reusedFrom = span.reusedFrom;
    return row;
}

} // namespace

template <typename Row>
void TraceStore::enqueue(Row row, const RunRecord &run, bool commitPoint, bool closesRun)
{
    bool writeNow = false;
    {
        std::unique_lock queue(m_queueMutex);
        internal::RowQueue &q = *m_queue;
        // Group commit bounds what a crash can lose: beyond maxQueuedRows callers wait for the
        // writer (it always makes progress: it needs no lock a waiting caller holds).
        if (q.writer && q.size() >= static_cast<std::size_t>(m_maxQueuedRows.load())) {
            q.commitWanted = true;
            m_queueChanged.notify_all();
            m_queueChanged.wait(queue, [&] {
                return !q.writer || q.size() < static_cast<std::size_t>(m_maxQueuedRows.load());
            });
        }
        if (q.size() == 0)
            q.oldest = std::chrono::steady_clock::now();
        if constexpr (std::is_same_v<Row, internal::SpanRow>) {
            // A span always needs its run row (foreign key), even when this store did not see
            // runStarted (attached mid-run, or reopened).
            if (q.openRuns.insert(row.runId).second)
                q.runs.push_back(makeRunRow(run));
            q.spans.push_back(std::move(row));
        } else {
            if (closesRun)
                q.openRuns.erase(row.id);
            else
                q.openRuns.insert(row.id);
            row.spansBefore = q.spans.size();
            q.runs.push_back(std::move(row));
        }
        const bool due = (!m_bulk && commitPoint) ||
                         q.size() >= static_cast<std::size_t>(m_maxBatchRows.load()) ||
                         std::chrono::steady_clock::now() - q.oldest >= m_maxBatchAge;
        if (due && q.writer) {
            q.commitWanted = true;
            m_queueChanged.notify_all();
        } else {
            writeNow = due;
        }
    }
    if (writeNow) {
        // Several threads may get here at once: the first writes everything queued (their rows
        // too), the others then find nothing left. Each returns once its own rows are written.
        std::lock_guard lock(m_mutex);
        if (m_db)
            if (auto r = flushLocked(); !r)
                recordError(r.error());
    }
}

void TraceStore::runStarted(const RunRecord &run)
{
    if (!m_accepting)
        return;
    internal::RunRow row = makeRunRow(run);
    row.starts = true;
    enqueue(std::move(row), run, true);
}

void TraceStore::spanStarted(const RunRecord &, const Span &)
{
    // Running spans are not stored: see the header.
}

void TraceStore::spanFinished(const RunRecord &run, const Span &span)
{
    if (m_accepting)
        enqueue(makeSpanRow(run, span), run,
                span.kind == SpanKind::Step || span.kind == SpanKind::Compensation);
}

void TraceStore::runFinished(const RunRecord &run)
{
    if (m_accepting)
        enqueue(makeRunRow(run), run, true, true);
}

Result<void> TraceStore::flush()
{
    std::lock_guard lock(m_mutex);
    return flushLocked();
}

Result<void> TraceStore::flushLocked()
{
    if (!m_db)
        return {};
    TraceDb &db = *m_db;
    {
        std::lock_guard queue(m_queueMutex);
        internal::RowQueue &q = *m_queue;
        if (db.runs.empty() && db.spans.empty()) {
            db.runs.swap(q.runs); // keeps both vectors' capacity: no allocation per batch
            db.spans.swap(q.spans);
        } else {
            for (internal::RunRow &row : q.runs)
                row.spansBefore += db.spans.size(); // counted in the queue, now after db's
            std::move(q.runs.begin(), q.runs.end(), std::back_inserter(db.runs));
            std::move(q.spans.begin(), q.spans.end(), std::back_inserter(db.spans));
            q.runs.clear();
            q.spans.clear();
        }
        q.commitWanted = false;
    }
    m_queueChanged.notify_all(); // room for callers waiting on a full queue
    if (db.pending() == 0)
        return {};
    auto result = [&]() -> Result<void> {
        if (auto r = db.step(db.begin, "trace database: begin"); !r)
            return r;
        // Spans of an earlier run under a restarted id, in this batch: queued before its start.
        std::unordered_map<std::string_view, std::size_t> restartedAt;
        for (const internal::RunRow &row : db.runs) {
            if (row.starts) {
                bindText(db.deleteSpans, 1, row.id);
                if (auto r = db.step(db.deleteSpans, ("replacing run " + row.id).c_str()); !r)
                    return r;
                restartedAt.insert_or_assign(row.id, row.spansBefore);
            }
            sqlite3_stmt *s = db.upsertRun;
            bindText(s, 1, row.id);
            bindText(s, 2, row.flow);
            bindText(s, 3, row.flowFile);
            bindText(s, 4, row.status);
            sqlite3_bind_int64(s, 5, row.startedAt);
            sqlite3_bind_int64(s, 6, row.duration);
            sqlite3_bind_int64(s, 7, row.seed);
            sqlite3_bind_int(s, 8, row.virtualTime ? 1 : 0);
            bindOpt(s, 9, row.input);
            bindOpt(s, 10, row.output);
            bindOpt(s, 11, row.error);
            bindOpt(s, 12, row.steps);
            sqlite3_bind_int64(s, 13, db.owner.pid);
            sqlite3_bind_int64(s, 14, db.owner.startTicks);
            bindText(s, 15, db.owner.bootId);
            bindText(s, 16, db.owner.host);
            const int rc = sqlite3_step(s);
            sqlite3_reset(s);
            if (rc != SQLITE_DONE)
                return std::unexpected(db.error("writing run " + row.id));
        }
        for (std::size_t i = 0; i < db.spans.size(); ++i) {
            const internal::SpanRow &row = db.spans[i];
            if (!restartedAt.empty())
                if (auto it = restartedAt.find(row.runId);
                    it != restartedAt.end() && i < it->second)
                    continue; // the earlier run's: replaced
            sqlite3_stmt *s = db.insertSpan;
            bindText(s, 1, row.runId);
            sqlite3_bind_int64(s, 2, row.id);
            sqlite3_bind_int64(s, 3, row.parent);
            sqlite3_bind_text(s, 4, row.kind, -1, SQLITE_STATIC);
            bindText(s, 5, row.name);
            bindText(s, 6, row.stepId);
            sqlite3_bind_int(s, 7, row.attempt);
            sqlite3_bind_int64(s, 8, row.start);
            sqlite3_bind_int64(s, 9, row.duration);
            sqlite3_bind_text(s, 10, row.status, -1, SQLITE_STATIC);
            bindOpt(s, 11, row.error);
            bindOpt(s, 12, row.request);
            bindOpt(s, 13, row.response);
            bindOpt(s, 14, row.result);
            bindOpt(s, 15, row.vars);
            bindText(s, 16, row.reusedFrom);
            const int rc = sqlite3_step(s);
            sqlite3_reset(s);
            if (rc != SQLITE_DONE)
                return std::unexpected(
                    db.error("writing span " + std::to_string(row.id) + " of run " + row.runId));
        }
        return db.step(db.commit, "trace database: commit");
    }();
    if (!result && !sqlite3_get_autocommit(db.db))
        (void)db.exec("ROLLBACK");
    // Drop the batch either way: retrying a batch that failed would fail again and grow forever.
    db.runs.clear();
    db.spans.clear();
    return result;
}

void TraceStore::recordError(Error error)
{
    m_lastError = std::move(error);
}

std::optional<Error> TraceStore::lastError() const
{
    std::lock_guard lock(m_mutex);
    return m_lastError;
}

std::optional<Error> TraceStore::takeLastError()
{
    std::lock_guard lock(m_mutex);
    return std::exchange(m_lastError, std::nullopt);
}

std::size_t TraceStore::pendingRows() const
{
    std::lock_guard lock(m_mutex);
    std::lock_guard queue(m_queueMutex);
    return m_db ? m_db->pending() + m_queue->size() : 0;
}

namespace {

constexpr const char *kSummaryColumns = "id, flow, flow_file, status, started_at_us, duration_us, "
                                        "seed, virtual_time, NULL, NULL, error, NULL";

// The parts of a run list query: its filters, order and cursor as SQL over `runs`, with named
// parameters that bind() fills in. Free text is matched by two index-backed arms (an id prefix
// through the primary key, error text through the partial index runs_with_error) joined by UNION,
// each ordered and limited on its own: an OR of the two would scan the whole table.
class RunFilter {
public:
    explicit RunFilter(const RunQuery &query)
        : m_query(query)
    {
        const bool byDuration =
            query.sort == RunSort::DurationDesc || query.sort == RunSort::DurationAsc;
        const bool desc = query.sort == RunSort::StartedDesc || query.sort == RunSort::DurationDesc;
        const char *key = byDuration ? "duration_us" : "started_at_us";
        const char *dir = desc ? " DESC" : "";
        m_order = std::string(key) + dir + ", id" + dir;
        if (!query.flow.empty())
            m_where += " AND flow = :flow";
        if (query.status)
            m_where += " AND status = :status";
        if (query.since > 0)
            m_where += " AND started_at_us >= :since";
        if (query.until > 0)
            m_where += " AND started_at_us < :until";
        m_cursor = m_where;
        if (query.afterKey)
            m_cursor += std::string(" AND (") + key + ", id) " + (desc ? "<" : ">") +
                        " (:afterKey, :afterId)";
        else if (query.beforeStartedAt && query.sort == RunSort::StartedDesc)
            m_cursor += " AND (started_at_us, id) < (:afterKey, :afterId)";
        if (!query.text.empty()) {
            std::string like = "%";
            for (char c : query.text) {
                if (c == '%' || c == '_' || c == '\\')
                    like += '\\';
                like += c;
            }
            m_like = like + "%";
            m_idPrefix[0] = query.text;
            m_idPrefix[1] = query.text.starts_with("run_") ? query.text : "run_" + query.text;
            const std::string_view generated = "run_"; // the executor's ids: run_ + 16 hex
            const std::size_t own = query.text.starts_with(generated)   ? query.text.size() - 4
                                    : generated.starts_with(query.text) ? 0
                                                                        : query.text.size();
            m_selectiveId = own >= 3;
        }
    }

    bool hasText() const { return !m_query.text.empty(); }
    const std::string &order() const { return m_order; }

    // `SELECT columns FROM runs WHERE filters` (with the cursor when `cursor`), the text arms
    // each limited to `armLimit` rows (-1: none) in the query's order.
    std::string select(const char *columns, bool cursor, const char *armLimit) const
    {
        const std::string &where = cursor ? m_cursor : m_where;
        if (!hasText())
            return std::string("SELECT ") + columns + " FROM runs WHERE 1" + where;
        const auto arm = [&](const char *match, bool ordered) {
            return std::string("SELECT * FROM (SELECT rowid FROM runs WHERE ") + match + where +
                   (ordered ? " ORDER BY " + m_order + " LIMIT " + armLimit : std::string()) + ")";
        };
        // An id prefix that picks few runs is looked up through the primary key; a short one
        // ("run_", "run_a") matches so many that scanning in list order finds a page sooner
        // (`+id` keeps the planner off the key, which would sort every match).
        return std::string("SELECT ") + columns + " FROM runs WHERE rowid IN (" +
               arm("error IS NOT NULL AND error LIKE :like ESCAPE '\\'", true) + " UNION " +
               (m_selectiveId
                    ? arm("((id >= :id0 AND id < :id0end) OR (id >= :id1 AND id < :id1end))", false)
                    : arm("((+id >= :id0 AND +id < :id0end) OR (+id >= :id1 AND +id < :id1end))",
                          true)) +
               ")";
    }

    void bind(sqlite3_stmt *stmt) const
    {
        auto index = [&](const char *name) { return sqlite3_bind_parameter_index(stmt, name); };
        auto text = [&](const char *name, const std::string &value) {
            if (const int i = index(name))
                sqlite3_bind_text(stmt, i, value.data(), static_cast<int>(value.size()),
                                  SQLITE_TRANSIENT);
        };
        auto int64 = [&](const char *name, std::int64_t value) {
            if (const int i = index(name))
                sqlite3_bind_int64(stmt, i, value);
        };
        text(":flow", m_query.flow);
        if (m_query.status)
            text(":status", toString(*m_query.status));
        int64(":since", m_query.since);
        int64(":until", m_query.until);
        if (m_query.afterKey) {
            int64(":afterKey", *m_query.afterKey);
            text(":afterId", m_query.afterId);
        } else if (m_query.beforeStartedAt) {
            int64(":afterKey", *m_query.beforeStartedAt);
            text(":afterId", m_query.beforeId);
        }
        text(":like", m_like);
        text(":id0", m_idPrefix[0]);
        text(":id0end", m_idPrefix[0] + "\xff");
        text(":id1", m_idPrefix[1]);
        text(":id1end", m_idPrefix[1] + "\xff");
    }

private:
    const RunQuery &m_query;
    std::string m_where, m_cursor, m_order, m_like;
    std::string m_idPrefix[2];
    bool m_selectiveId = false;
};

} // namespace

Result<std::vector<RunRecord>> TraceStore::listRuns(const RunQuery &query)
{
    std::lock_guard lock(m_mutex);
    if (!m_db)
        return fail(ErrorCode::Database, "trace database is not open");
    if (auto r = flushLocked(); !r)
        return std::unexpected(r.error());
    (void)markInterruptedLocked();

    const RunFilter filter(query);
    const std::int64_t limit = query.limit > 0 ? query.limit : -1;
    const std::int64_t offset = query.offset > 0 ? query.offset : 0;
    const std::string armLimit = limit < 0 ? "-1" : std::to_string(limit + offset);
    const std::string sql =
        filter.select(query.summaryOnly ? kSummaryColumns : kRunColumns, true, armLimit.c_str()) +
        " ORDER BY " + filter.order() + " LIMIT :limit OFFSET :offset";

    internal::Statement q;
    if (sqlite3_prepare_v2(m_db->db, sql.c_str(), -1, &q.stmt, nullptr) != SQLITE_OK)
        return std::unexpected(m_db->error("listing runs"));
    filter.bind(q.stmt);
    sqlite3_bind_int64(q.stmt, sqlite3_bind_parameter_index(q.stmt, ":limit"), limit);
    sqlite3_bind_int64(q.stmt, sqlite3_bind_parameter_index(q.stmt, ":offset"), offset);

    std::vector<RunRecord> runs;
    int rc;
    while ((rc = sqlite3_step(q.stmt)) == SQLITE_ROW) {
        runs.push_back(readRun(q.stmt));
        if (runs.back().status == RunStatus::Running && m_db->interrupted.count(runs.back().id))
            runs.back().status = RunStatus::Interrupted;
    }
    if (rc != SQLITE_DONE)
        return std::unexpected(m_db->error("listing runs"));
    return runs;
}

Result<std::int64_t> TraceStore::countRuns(const RunQuery &query, std::int64_t cap)
{
    std::lock_guard lock(m_mutex);
    if (!m_db)
        return fail(ErrorCode::Database, "trace database is not open");
    if (auto r = flushLocked(); !r)
        return std::unexpected(r.error());
    const RunFilter filter(query);
    const std::string limit = cap > 0 ? std::to_string(cap) : "-1";
    const std::string sql = "SELECT count(*) FROM (" + filter.select("1", false, limit.c_str()) +
                            " LIMIT " + limit + ")";
    internal::Statement q;
    if (sqlite3_prepare_v2(m_db->db, sql.c_str(), -1, &q.stmt, nullptr) != SQLITE_OK)
        return std::unexpected(m_db->error("counting runs"));
    filter.bind(q.stmt);
    if (sqlite3_step(q.stmt) != SQLITE_ROW)
        return std::unexpected(m_db->error("counting runs"));
    return sqlite3_column_int64(q.stmt, 0);
}

Result<std::vector<std::string>> TraceStore::listFlows()
{
    std::lock_guard lock(m_mutex);
    if (!m_db)
        return fail(ErrorCode::Database, "trace database is not open");
    if (auto r = flushLocked(); !r)
        return std::unexpected(r.error());
    // One index seek per distinct flow (runs_by_flow) instead of reading every row.
    internal::Statement q;
    if (sqlite3_prepare_v2(m_db->db,
                           "WITH RECURSIVE f(name) AS (SELECT min(flow) FROM runs UNION ALL "
                           "SELECT (SELECT min(flow) FROM runs WHERE flow > f.name) FROM f "
                           "WHERE f.name IS NOT NULL) SELECT name FROM f WHERE name IS NOT NULL",
                           -1, &q.stmt, nullptr) != SQLITE_OK)
        return std::unexpected(m_db->error("listing flows"));
    std::vector<std::string> flows;
    int rc;
    while ((rc = sqlite3_step(q.stmt)) == SQLITE_ROW)
        flows.push_back(textColumn(q.stmt, 0));
    if (rc != SQLITE_DONE)
        return std::unexpected(m_db->error("listing flows"));
    return flows;
}

Result<std::int64_t> TraceStore::dataVersion()
{
    std::lock_guard lock(m_mutex);
    if (!m_db)
        return fail(ErrorCode::Database, "trace database is not open");
    internal::Statement q;
    if (sqlite3_prepare_v2(m_db->db, "PRAGMA data_version", -1, &q.stmt, nullptr) != SQLITE_OK ||
        sqlite3_step(q.stmt) != SQLITE_ROW)
        return std::unexpected(m_db->error("reading the data version"));
    return sqlite3_column_int64(q.stmt, 0);
}

Result<RunTrace> TraceStore::loadRun(const std::string &runId)
{
    std::lock_guard lock(m_mutex);
    if (!m_db)
        return fail(ErrorCode::Database, "trace database is not open");
    if (auto r = flushLocked(); !r)
        return std::unexpected(r.error());
    (void)markInterruptedLocked();

    // One read transaction, so the run row and its spans are one consistent snapshot.
    if (auto r = m_db->exec("BEGIN"); !r)
        return fail(ErrorCode::Database, "loading run " + runId + ": " + r.error().message);
    auto result = [&]() -> Result<RunTrace> {
        RunTrace trace;
        {
            internal::Statement q;
            const std::string sql =
                std::string("SELECT ") + kRunColumns + " FROM runs WHERE id = ?";
            if (sqlite3_prepare_v2(m_db->db, sql.c_str(), -1, &q.stmt, nullptr) != SQLITE_OK)
                return std::unexpected(m_db->error("loading run " + runId));
            bindText(q.stmt, 1, runId);
            const int rc = sqlite3_step(q.stmt);
            if (rc == SQLITE_DONE)
                return fail(ErrorCode::Validation, "no run '" + runId + "' in " + m_path);
            if (rc != SQLITE_ROW)
                return std::unexpected(m_db->error("loading run " + runId));
            trace.first = readRun(q.stmt);
            if (trace.first.status == RunStatus::Running && m_db->interrupted.count(runId))
                trace.first.status = RunStatus::Interrupted;
        }
        internal::Statement q;
        if (sqlite3_prepare_v2(m_db->db,
                               "SELECT id, parent, kind, name, step_id, attempt, start_us, "
                               "duration_us, status, error, request, response, result, vars, "
                               "reused_from FROM spans "
                               "WHERE run_id = ? ORDER BY start_us, id",
                               -1, &q.stmt, nullptr) != SQLITE_OK)
            return std::unexpected(m_db->error("loading spans of run " + runId));
        bindText(q.stmt, 1, runId);
        int rc;
        while ((rc = sqlite3_step(q.stmt)) == SQLITE_ROW) {
            Span span;
            span.id = static_cast<SpanId>(sqlite3_column_int64(q.stmt, 0));
            span.parent = static_cast<SpanId>(sqlite3_column_int64(q.stmt, 1));
            parseSpanKind(textColumn(q.stmt, 2), span.kind);
            span.name = textColumn(q.stmt, 3);
            span.stepId = textColumn(q.stmt, 4);
            span.attempt = sqlite3_column_int(q.stmt, 5);
            span.start = sqlite3_column_int64(q.stmt, 6);
            span.duration = sqlite3_column_int64(q.stmt, 7);
            parseSpanStatus(textColumn(q.stmt, 8), span.status);
            span.error = parseJsonColumn(q.stmt, 9);
            span.request = parseJsonColumn(q.stmt, 10);
            span.response = parseJsonColumn(q.stmt, 11);
            if (sqlite3_column_type(q.stmt, 12) != SQLITE_NULL)
                span.result = parseJsonColumn(q.stmt, 12, &span.damaged);
            span.vars = parseJsonColumn(q.stmt, 13, &span.damaged);
            span.reusedFrom = textColumn(q.stmt, 14);
            trace.second.push_back(std::move(span));
        }
        if (rc != SQLITE_DONE)
            return std::unexpected(m_db->error("loading spans of run " + runId));
        return trace;
    }();
    (void)m_db->exec("COMMIT");
    return result;
}

Result<std::string> TraceStore::resolveRunId(const std::string &prefix)
{
    std::lock_guard lock(m_mutex);
    if (!m_db)
        return fail(ErrorCode::Database, "trace database is not open");
    if (auto r = flushLocked(); !r)
        return std::unexpected(r.error());
    if (prefix.empty())
        return fail(ErrorCode::Validation, "empty run id");
    internal::Statement q;
    // A range on the primary key rather than LIKE: no escaping, and it uses the index.
    if (sqlite3_prepare_v2(m_db->db,
                           "SELECT id FROM runs WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT 2", -1,
                           &q.stmt, nullptr) != SQLITE_OK)
        return std::unexpected(m_db->error("looking up run " + prefix));
    const std::string upper = prefix + "\xff";
    bindText(q.stmt, 1, prefix);
    bindText(q.stmt, 2, upper);
    std::vector<std::string> ids;
    int rc;
    while ((rc = sqlite3_step(q.stmt)) == SQLITE_ROW)
        ids.push_back(textColumn(q.stmt, 0));
    if (rc != SQLITE_DONE)
        return std::unexpected(m_db->error("looking up run " + prefix));
    if (ids.empty())
        return fail(ErrorCode::Validation, "no run '" + prefix + "' in " + m_path);
    if (ids.front() == prefix || ids.size() == 1)
        return ids.front();
    return fail(ErrorCode::Validation,
                "run id '" + prefix + "' is ambiguous (" + ids[0] + ", " + ids[1] + ", …)");
}

Result<std::int64_t> TraceStore::runCount()
{
    std::lock_guard lock(m_mutex);
    if (!m_db)
        return fail(ErrorCode::Database, "trace database is not open");
    if (auto r = flushLocked(); !r)
        return std::unexpected(r.error());
    internal::Statement q;
    if (sqlite3_prepare_v2(m_db->db, "SELECT count(*) FROM runs", -1, &q.stmt, nullptr) !=
            SQLITE_OK ||
        sqlite3_step(q.stmt) != SQLITE_ROW)
        return std::unexpected(m_db->error("counting runs"));
    return sqlite3_column_int64(q.stmt, 0);
}

Result<std::int64_t> TraceStore::deleteRunsBefore(Micros startedBefore)
{
    std::lock_guard lock(m_mutex);
    if (!m_db)
        return fail(ErrorCode::Database, "trace database is not open");
    if (auto r = flushLocked(); !r)
        return std::unexpected(r.error());
    if (auto r = m_db->exec("BEGIN IMMEDIATE"); !r)
        return fail(ErrorCode::Database, "deleting runs: " + r.error().message);
    auto result = [&]() -> Result<std::int64_t> {
        internal::Statement q;
        // Spans go explicitly rather than by cascade, which would look them up run by run.
        if (sqlite3_prepare_v2(m_db->db,
                               "DELETE FROM spans WHERE run_id IN "
                               "(SELECT id FROM runs WHERE started_at_us < ?1)",
                               -1, &q.stmt, nullptr) != SQLITE_OK)
            return std::unexpected(m_db->error("deleting spans"));
        sqlite3_bind_int64(q.stmt, 1, startedBefore);
        if (sqlite3_step(q.stmt) != SQLITE_DONE)
            return std::unexpected(m_db->error("deleting spans"));
        internal::Statement d;
        if (sqlite3_prepare_v2(m_db->db, "DELETE FROM runs WHERE started_at_us < ?1", -1, &d.stmt,
                               nullptr) != SQLITE_OK)
            return std::unexpected(m_db->error("deleting runs"));
        sqlite3_bind_int64(d.stmt, 1, startedBefore);
        if (sqlite3_step(d.stmt) != SQLITE_DONE)
            return std::unexpected(m_db->error("deleting runs"));
        return sqlite3_changes64(m_db->db);
    }();
    if (result) {
        if (auto r = m_db->exec("COMMIT"); !r)
            result = fail(ErrorCode::Database, "deleting runs: " + r.error().message);
    }
    if (!result && !sqlite3_get_autocommit(m_db->db))
        (void)m_db->exec("ROLLBACK");
    return result;
}

Result<std::int64_t> TraceStore::markInterruptedRuns()
{
    std::lock_guard lock(m_mutex);
    if (!m_db)
        return fail(ErrorCode::Database, "trace database is not open");
    if (auto r = flushLocked(); !r)
        return std::unexpected(r.error());
    return markInterruptedLocked();
}

Result<std::int64_t> TraceStore::markInterruptedLocked()
{
    TraceDb &db = *m_db;
    std::unordered_set<std::string> open; // runs of this store still going: few, so copied
    {
        std::lock_guard queue(m_queueMutex);
        open = m_queue->openRuns;
    }
    const auto ownRun = [&](const std::string &id) { return open.count(id) > 0; };
    std::vector<std::string> gone;
    {
        internal::Statement q; // few rows: served by runs_by_status
        if (sqlite3_prepare_v2(db.db,
                               "SELECT id, owner_pid, owner_start, owner_boot, owner_host FROM "
                               "runs WHERE status = 'running'",
                               -1, &q.stmt, nullptr) != SQLITE_OK)
            return std::unexpected(db.error("checking running runs"));
        int rc;
        while ((rc = sqlite3_step(q.stmt)) == SQLITE_ROW) {
            std::string id = textColumn(q.stmt, 0);
            if (ownRun(id) || db.interrupted.count(id))
                continue; // ours, or already known to be interrupted
            RunOwner owner;
            owner.pid = sqlite3_column_int64(q.stmt, 1);
            owner.startTicks = sqlite3_column_int64(q.stmt, 2);
            owner.bootId = textColumn(q.stmt, 3);
            owner.host = textColumn(q.stmt, 4);
            if (ownerState(owner, db.owner) == OwnerState::Gone)
                gone.push_back(std::move(id));
        }
        if (rc != SQLITE_DONE)
            return std::unexpected(db.error("checking running runs"));
    }
    if (gone.empty())
        return 0;
    // The run ends where its last committed span ends (what the crash left), never before.
    auto result = [&]() -> Result<std::int64_t> {
        if (auto r = db.exec("BEGIN IMMEDIATE"); !r)
            return std::unexpected(r.error());
        internal::Statement u;
        if (sqlite3_prepare_v2(
                db.db,
                "UPDATE runs SET status = 'interrupted', duration_us = max(duration_us, "
                "coalesce((SELECT max(start_us + duration_us) FROM spans WHERE run_id = ?1), "
                "started_at_us) - started_at_us) WHERE id = ?1 AND status = 'running'",
                -1, &u.stmt, nullptr) != SQLITE_OK)
            return std::unexpected(db.error("marking interrupted runs"));
        std::int64_t marked = 0;
        for (const std::string &id : gone) {
            bindText(u.stmt, 1, id);
            if (auto r = db.step(u.stmt, "marking interrupted runs"); !r)
                return std::unexpected(r.error());
            marked += sqlite3_changes64(db.db);
        }
        if (auto r = db.exec("COMMIT"); !r)
            return std::unexpected(r.error());
        return marked;
    }();
    if (!result) {
        if (!sqlite3_get_autocommit(db.db))
            (void)db.exec("ROLLBACK");
        db.interrupted.insert(gone.begin(), gone.end()); // read-only or busy: show them so
    }
    return result;
}

namespace {

std::int64_t fileBytes(const std::string &path)
{
    std::error_code ec;
    std::int64_t total = 0;
    for (const std::string &file : {path, path + "-wal"}) {
        const auto size = std::filesystem::file_size(file, ec);
        if (!ec)
            total += static_cast<std::int64_t>(size);
    }
    return total;
}

} // namespace

Result<PruneResult> TraceStore::prune(const PruneOptions &options)
{
    std::lock_guard lock(m_mutex);
    if (!m_db)
        return fail(ErrorCode::Database, "trace database is not open");
    if (auto r = flushLocked(); !r)
        return std::unexpected(r.error());
    (void)markInterruptedLocked(); // a dead run's row is finished facts: prunable
    TraceDb &db = *m_db;
    PruneResult out;
    out.bytesBefore = out.bytesAfter = fileBytes(m_path);

    // Which runs go: never a running one; older than the bound; beyond the newest `keep`.
    std::string where = "status != 'running'";
    if (options.startedBefore)
        where += " AND started_at_us < :before";
    std::optional<std::pair<Micros, std::string>> keepEdge; // the oldest run kept by `keep`
    if (options.keep) {
        if (*options.keep > 0) {
            internal::Statement q;
            if (sqlite3_prepare_v2(db.db,
                                   "SELECT started_at_us, id FROM runs ORDER BY started_at_us "
                                   "DESC, id DESC LIMIT 1 OFFSET ?",
                                   -1, &q.stmt, nullptr) != SQLITE_OK)
                return std::unexpected(db.error("pruning runs"));
            sqlite3_bind_int64(q.stmt, 1, *options.keep - 1);
            const int rc = sqlite3_step(q.stmt);
            if (rc == SQLITE_DONE)
                return out; // no more runs than are kept
            if (rc != SQLITE_ROW)
                return std::unexpected(db.error("pruning runs"));
            keepEdge.emplace(sqlite3_column_int64(q.stmt, 0), textColumn(q.stmt, 1));
            where += " AND (started_at_us < :edge OR (started_at_us = :edge AND id < :edgeId))";
        }
    }
    const auto prepare = [&](const std::string &sql, internal::Statement &q) -> Result<void> {
        if (sqlite3_prepare_v2(db.db, sql.c_str(), -1, &q.stmt, nullptr) != SQLITE_OK)
            return std::unexpected(db.error("pruning runs"));
        auto index = [&](const char *name) { return sqlite3_bind_parameter_index(q.stmt, name); };
        if (options.startedBefore)
            sqlite3_bind_int64(q.stmt, index(":before"), *options.startedBefore);
        if (keepEdge) {
            sqlite3_bind_int64(q.stmt, index(":edge"), keepEdge->first);
            bindText(q.stmt, index(":edgeId"), keepEdge->second);
        }
        return {};
    };

    if (options.dryRun) {
        internal::Statement q;
        if (auto r = prepare("SELECT (SELECT count(*) FROM runs WHERE " + where +
                                 "), (SELECT count(*) FROM spans WHERE run_id IN (SELECT id FROM "
                                 "runs WHERE " +
                                 where + "))",
                             q);
            !r)
            return std::unexpected(r.error());
        if (sqlite3_step(q.stmt) != SQLITE_ROW)
            return std::unexpected(db.error("counting runs to prune"));
        out.runs = sqlite3_column_int64(q.stmt, 0);
        out.spans = sqlite3_column_int64(q.stmt, 1);
        return out;
    }

    internal::Statement pick, spans, runs;
    if (auto r = prepare("SELECT id FROM runs WHERE " + where + " LIMIT " +
                             std::to_string(std::max(1, options.runsPerBatch)),
                         pick);
        !r)
        return std::unexpected(r.error());
    if (sqlite3_prepare_v2(db.db, "DELETE FROM spans WHERE run_id = ?", -1, &spans.stmt, nullptr) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(db.db, "DELETE FROM runs WHERE id = ?", -1, &runs.stmt, nullptr) !=
            SQLITE_OK)
        return std::unexpected(db.error("pruning runs"));
    for (;;) { // one bounded transaction per batch: other writers get the lock in between
        if (auto r = db.exec("BEGIN IMMEDIATE"); !r)
            return fail(ErrorCode::Database, "pruning runs: " + r.error().message);
        auto batch = [&]() -> Result<std::int64_t> {
            std::vector<std::string> ids;
            int rc;
            while ((rc = sqlite3_step(pick.stmt)) == SQLITE_ROW)
                ids.push_back(textColumn(pick.stmt, 0));
            sqlite3_reset(pick.stmt);
            if (rc != SQLITE_DONE)
                return std::unexpected(db.error("pruning runs"));
            for (const std::string &id : ids) {
                bindText(spans.stmt, 1, id);
                if (auto r = db.step(spans.stmt, "pruning spans"); !r)
                    return std::unexpected(r.error());
                out.spans += sqlite3_changes64(db.db);
                bindText(runs.stmt, 1, id);
                if (auto r = db.step(runs.stmt, "pruning runs"); !r)
                    return std::unexpected(r.error());
                out.runs += sqlite3_changes64(db.db);
            }
            return static_cast<std::int64_t>(ids.size());
        }();
        if (batch) {
            if (auto r = db.exec("COMMIT"); !r)
                batch = std::unexpected(r.error());
        }
        if (!batch) {
            if (!sqlite3_get_autocommit(db.db))
                (void)db.exec("ROLLBACK");
            return fail(ErrorCode::Database, "pruning runs: " + batch.error().message);
        }
        if (*batch == 0)
            break;
    }

    // Give the freed pages back to the file system. A database made before auto_vacuum was set
    // is converted once by VACUUM, after which incremental_vacuum is enough.
    if (out.runs > 0) {
        Result<void> vacuumed = pragmaInt(db, "PRAGMA auto_vacuum") == 2
                                    ? db.exec("PRAGMA incremental_vacuum")
                                    : db.exec("PRAGMA auto_vacuum=INCREMENTAL; VACUUM");
        if (vacuumed)
            vacuumed = db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        if (!vacuumed)
            out.vacuumError = vacuumed.error().message;
    }
    out.bytesAfter = fileBytes(m_path);
    return out;
}

Result<TraceStats> TraceStore::stats()
{
    std::lock_guard lock(m_mutex);
    if (!m_db)
        return fail(ErrorCode::Database, "trace database is not open");
    if (auto r = flushLocked(); !r)
        return std::unexpected(r.error());
    (void)markInterruptedLocked();
    TraceStats out;
    internal::Statement q; // served by runs_by_status
    if (sqlite3_prepare_v2(m_db->db, "SELECT status, count(*) FROM runs GROUP BY status", -1,
                           &q.stmt, nullptr) != SQLITE_OK)
        return std::unexpected(m_db->error("counting runs"));
    int rc;
    while ((rc = sqlite3_step(q.stmt)) == SQLITE_ROW) {
        RunStatus status = RunStatus::Running;
        parseRunStatus(textColumn(q.stmt, 0), status);
        const std::int64_t n = sqlite3_column_int64(q.stmt, 1);
        out.runs += n;
        out.byStatus.emplace_back(status, n);
    }
    if (rc != SQLITE_DONE)
        return std::unexpected(m_db->error("counting runs"));
    out.bytes = fileBytes(m_path);
    out.freeBytes =
        pragmaInt(*m_db, "PRAGMA freelist_count") * pragmaInt(*m_db, "PRAGMA page_size");
    return out;
}

} // namespace tutti::engine
