// The trace database (SPEC §6): every run and its finished spans in one SQLite file (WAL), written
// in batches as a TraceSink and read back for the run list, the viewer and `tutti trace`.
#pragma once

#include <engine/core/result.h>
#include <engine/core/trace.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace tutti::engine {

namespace internal {
struct TraceDb;
struct RowQueue;
} // namespace internal

// How the run list is ordered; ties are broken by id in the same direction.
enum class RunSort { StartedDesc, StartedAsc, DurationDesc, DurationAsc };

// A page of the run list, newest first unless `sort` says otherwise. `after*` is a keyset cursor
// (the sort key and id of the last row of the previous page: started_at for the Started sorts,
// duration for the Duration ones) that stays fast with millions of runs; `before*` is the same
// cursor for the default order, kept for older callers; `offset` is there for simple callers.
struct RunQuery {
    std::string flow;                // "" = any
    std::optional<RunStatus> status; // none = any
    Micros since = 0;                // started_at >= since (0 = no bound)
    Micros until = 0;                // started_at < until (0 = no bound)
    // "" = any; else a run id prefix ("run_" may be left out) or text anywhere in the run's
    // error (type, message, step), case-insensitive for ASCII.
    std::string text;
    RunSort sort = RunSort::StartedDesc;
    int limit = 50; // <= 0 = no limit
    int offset = 0;
    std::optional<Micros> beforeStartedAt; // rows strictly older than (beforeStartedAt, beforeId)
    std::string beforeId;
    std::optional<Micros> afterKey; // rows strictly after (afterKey, afterId) in `sort` order
    std::string afterId;
    // The run list needs no payloads: input, output and steps are left empty (much faster).
    bool summaryOnly = false;
};
// What `prune` deletes: finished runs (never a `running` one) started before `startedBefore`
// and/or beyond the newest `keep` runs (both given: runs matching both).
struct PruneOptions {
    std::optional<Micros> startedBefore;
    std::optional<std::int64_t> keep;
    bool dryRun = false;     // count only
    int runsPerBatch = 1000; // runs deleted per transaction: a writer never waits long
};

struct PruneResult {
    std::int64_t runs = 0, spans = 0;             // deleted (or, dry run, that would be)
    std::int64_t bytesBefore = 0, bytesAfter = 0; // database file plus its WAL
    std::string vacuumError;                      // the file could not be shrunk (busy)
};

// The size of the database, for `tutti trace stats` and the viewer.
struct TraceStats {
    std::int64_t runs = 0;
    std::vector<std::pair<RunStatus, std::int64_t>> byStatus;
    std::int64_t bytes = 0;     // database file plus its WAL
    std::int64_t freeBytes = 0; // free pages inside the file (reused before it grows)
};

// A run as stored: its record (status, output, step summaries) and its finished spans ordered by
// start time then id.
using RunTrace = std::pair<RunRecord, std::vector<Span>>;

// Writing. Rows are buffered in memory and written in one transaction per batch with prepared
// statements. When a batch is committed decides what a crash (the process dying) can lose:
//   normal mode (default): runStarted, every finished step/compensation span and runFinished
//     commit at once, so a crash loses at most the spans of the step in flight (its finished
//     attempts and waits) — SPEC §6;
//   bulk mode (the simulator): commits when the batch holds maxBatchRows rows, when its oldest
//     row is older than maxBatchAge (checked on each event: there is no timer) or on flush();
//     a crash loses at most that unflushed batch;
//   group commit (`tutti serve`: many runs finishing at once on several threads): commit points
//     wake a writer thread instead of writing before they return. It commits everything queued
//     by then, across runs, in one transaction, while the next rows queue up for the one after.
//     A crash loses at most the rows of the transaction being written and of the queue: never
//     more than maxQueuedRows (callers wait for room beyond that), in practice the last
//     milliseconds.
// Rows are made (JSON written) outside every lock, on the caller's thread, and queued under a
// short lock of their own; the connection has its own lock. In normal mode a commit point writes
// the whole queue, so runs finishing at once on several threads share one transaction there too
// and each caller still returns only once its rows are committed.
// Running spans are not stored (spanStarted is a no-op): the live view comes from the executor's
// events, and the database only ever holds finished facts. A run that never finished (crash)
// keeps the spans committed before the crash and is shown as "interrupted": each run row records
// its owner (pid, process start time, boot id, host: runowner.h), and open(), listRuns() and
// loadRun() mark a "running" run whose owner is gone as interrupted, its duration ending at its
// last committed span.
// The database is never left half-written: every write is a transaction; a failed batch is
// rolled back, reported by lastError() and dropped.
//
// Thread-safe: one mutex around the connection, so several executors may share one store.
class TraceStore : public TraceSink {
public:
    static constexpr int kSchemaVersion = 3;

    TraceStore();
    ~TraceStore() override; // flushes
    TraceStore(const TraceStore &) = delete;
    TraceStore &operator=(const TraceStore &) = delete;

    // Opens or creates the database (and its parent folders). Refuses a database written by a
    // newer schema version (ErrorCode::Version); migrates older ones.
    Result<void> open(const std::string &path);
    void close(); // flushes
    bool isOpen() const;
    const std::string &path() const { return m_path; }

    void setBulkMode(bool bulk);
    bool bulkMode() const { return m_bulk; }
    void setMaxBatchRows(int rows) { m_maxBatchRows = rows > 0 ? rows : 1; }
    void setMaxBatchAge(std::chrono::milliseconds age) { m_maxBatchAge = age; }
    void setGroupCommit(bool on);
    bool groupCommit() const { return m_groupCommit; }
    void setMaxQueuedRows(int rows) { m_maxQueuedRows = rows > 0 ? rows : 1; }

    // TraceSink
    void runStarted(const RunRecord &run) override;
    void spanStarted(const RunRecord &run, const Span &span) override;
    void spanFinished(const RunRecord &run, const Span &span) override;
    void runFinished(const RunRecord &run) override;

    // Commits the pending batch now.
    Result<void> flush();
    // The last write failure (a TraceSink cannot return one); cleared by takeLastError().
    std::optional<Error> lastError() const;
    std::optional<Error> takeLastError();
    std::size_t pendingRows() const;

    // Reading (sees committed rows; pending ones are flushed first).
    Result<std::vector<RunRecord>> listRuns(const RunQuery &query = {});
    Result<RunTrace> loadRun(const std::string &runId); // unknown id: ErrorCode::Validation
    // An exact run id, or the one run whose id starts with `prefix` (like git's short hashes).
    Result<std::string> resolveRunId(const std::string &prefix);
    Result<std::int64_t> runCount();
    // How many runs match `query`'s filters (its sort, cursor and limit are ignored), counting at
    // most `cap` so that the answer stays fast on a large database ("10,000+").
    Result<std::int64_t> countRuns(const RunQuery &query, std::int64_t cap);
    // Every flow name that has runs, sorted (a skip-scan of the flow index: fast on any size).
    Result<std::vector<std::string>> listFlows();
    // Changes whenever another connection (the studio's runs, a `tutti run` in a terminal)
    // commits to the database: a cheap poll for live views (PRAGMA data_version). Rows this
    // store writes itself do not change it.
    Result<std::int64_t> dataVersion();
    Result<std::int64_t> deleteRunsBefore(Micros startedBefore); // with their spans; returns count
    // Retention: deletes runs with their spans in bounded transactions, then shrinks the file
    // (incremental vacuum; a database created without it is converted by one VACUUM).
    Result<PruneResult> prune(const PruneOptions &options);
    Result<TraceStats> stats();
    // Marks `running` runs whose owner process is gone as interrupted (done by open, listRuns
    // and loadRun); returns how many. On a database that cannot be written they are only shown so.
    Result<std::int64_t> markInterruptedRuns();

    // Test hook: drop the pending batch and close without writing it, as a crash would.
    void abandonForTest();

private:
    // Queues a row made from `run` (its run row, or one of its spans); `commitPoint`: the row
    // ends a step or the run (see the modes above); `closesRun`: runFinished.
    template <typename Row>
    void enqueue(Row row, const RunRecord &run, bool commitPoint, bool closesRun = false);
    Result<void> flushLocked(); // takes the queue, then writes it: needs m_mutex, not m_queueMutex
    void recordError(Error error);
    Result<std::int64_t> markInterruptedLocked();
    void startWriter();
    void stopWriter();
    void writerLoop();

    // Lock order: m_mutex (the connection) before m_queueMutex (the queue), never the reverse.
    mutable std::mutex m_mutex;
    std::unique_ptr<internal::TraceDb> m_db;
    std::string m_path;
    std::atomic<bool> m_accepting{false}; // open: the sink callbacks queue rows
    std::atomic<bool> m_bulk{false};
    std::atomic<int> m_maxBatchRows{1024};
    std::chrono::milliseconds m_maxBatchAge{200};
    std::optional<Error> m_lastError;

    mutable std::mutex m_queueMutex;
    std::condition_variable m_queueChanged; // the writer's wake-up, and room for waiting callers
    std::unique_ptr<internal::RowQueue> m_queue;
    std::atomic<int> m_maxQueuedRows{8192};
    bool m_groupCommit = false; // changed under m_mutex
    std::thread m_writer;
};

} // namespace tutti::engine
