// The owner lease of a run in the trace database: which process writes it, so a reader can tell a
// run that is still going from one whose process died (kill -9, power loss) — SPEC §6.
#pragma once

#include <cstdint>
#include <string>

namespace tutti::engine {

// A process, as recorded with each run it writes. `startTicks` is field 22 of /proc/PID/stat
// (the start time in clock ticks since boot): together with `bootId` it tells a reused pid from
// the owner. `host` keeps a database shared between machines from judging another machine's pids.
struct RunOwner {
    std::int64_t pid = 0; // 0: unknown (a run written before owners were recorded)
    std::int64_t startTicks = 0;
    std::string bootId;
    std::string host;
};

enum class OwnerState {
    Alive,   // the owner is still running: the run may be in progress
    Gone,    // no such process, a reused pid, a zombie, or the machine rebooted since
    Unknown, // cannot tell (no owner recorded, another host, no /proc): trust the stored status
};

// This process. Not cached: a forked child must record itself, not its parent.
RunOwner currentOwner();

// Whether `owner` is still the process it was, judged from this process (`self`).
OwnerState ownerState(const RunOwner &owner, const RunOwner &self = currentOwner());

namespace internal {
// Field 22 (starttime) of a /proc/PID/stat line, and whether the process is a zombie; false
// when the line cannot be parsed. The command name (field 2) may hold spaces and parentheses,
// so fields are counted from the last ')'.
bool parseProcStat(const std::string &line, std::int64_t &startTicks, bool &zombie);
} // namespace internal

} // namespace tutti::engine
