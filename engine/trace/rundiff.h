// Two runs compared step by step (SPEC §6 "two runs can be diffed"): their step and compensation
// spans aligned by path (the chain of span names from the top: "ship_all/item 3/ship"), with the
// differences in status, attempts, latency, error and payloads. `tutti trace diff` and the
// studio's diff view print the same result.
#pragma once

#include <engine/core/json.h>
#include <engine/trace/tracestore.h>

#include <optional>
#include <string>
#include <vector>

namespace tutti::engine {

struct RunDiffOptions {
    // A latency difference counts when it is larger than both of these: the absolute floor and
    // the fraction of the slower of the two (real clocks never give equal durations twice).
    Micros latencyFloor = 1000;
    double latencyRatio = 0.2;
    int maxPayloadDifferences = 20; // per step; the rest is counted, not listed
};

// One side of an aligned step.
struct DiffSide {
    std::size_t span = 0; // index into that run's spans
    SpanStatus status = SpanStatus::Ok;
    int attempts = 0;
    Micros duration = 0;
    std::string error;             // the error's type, "" when none
    const Json *request = nullptr; // of the last attempt (or the span itself); null: none
    const Json *response = nullptr;
};

// One value that differs inside a step's payloads.
struct PayloadDifference {
    std::string where;   // "request" or "response"
    std::string pointer; // JSON pointer inside it ("/body/total", "/status")
    Json a, b;           // null for a side where it is absent
};

struct StepDiff {
    enum Difference : unsigned {
        OnlyA = 1u << 0,
        OnlyB = 1u << 1,
        Status = 1u << 2,
        Attempts = 1u << 3,
        Latency = 1u << 4,
        Error = 1u << 5,
        Request = 1u << 6,
        Response = 1u << 7,
    };
    std::string path; // alignment key; a repeated path gets "#2", "#3" (a step run again by a jump)
    std::string stepId;
    SpanKind kind = SpanKind::Step; // Step or Compensation
    int depth = 0;
    std::optional<DiffSide> a, b;
    unsigned differences = 0;
    std::vector<PayloadDifference> payload;
    int morePayloadDifferences = 0; // beyond maxPayloadDifferences
    bool differs() const { return differences != 0; }
    Micros latencyDelta() const { return a && b ? b->duration - a->duration : 0; }
};

struct RunDiff {
    const RunTrace *a = nullptr; // the runs compared; they must outlive the diff
    const RunTrace *b = nullptr;
    std::vector<StepDiff> steps; // in A's tree order, B-only steps after their B predecessor
    // Run-level differences: "status", "output", "error", "latency".
    std::vector<std::string> runDifferences;
    int differentSteps() const;
};

RunDiff diffRuns(const RunTrace &a, const RunTrace &b, const RunDiffOptions &options = {});

// The names of a step's differences, in the enum's order: "only_a", "only_b", "status",
// "attempts", "latency", "error", "request", "response".
std::vector<std::string> differenceNames(unsigned differences);

// `tutti trace diff --json` (docs/traces.md):
// {"a": RUN, "b": RUN, "differences": [...], "summary": {"steps", "different", "only_a",
// "only_b"}, "steps": [{"path", "step", "kind", "a", "b", "latency_delta_ms", "differences",
// "payload": [{"where", "pointer", "a", "b"}], "more_payload_differences"}]}
// where RUN = {"run", "flow", "status", "duration_ms", "error"} and a side =
// {"status", "attempts", "duration_ms", "error"} or null.
Json runDiffToJson(const RunDiff &diff);

} // namespace tutti::engine
