// JSON views of runs and traces: the `--json` shapes of SPEC §7 (`run`, `trace show`,
// `trace list`) and the exports of SPEC §6 (OTLP/JSON for Jaeger, Chrome trace for Perfetto).
#pragma once

#include <engine/core/json.h>
#include <engine/core/trace.h>

#include <string>
#include <string_view>
#include <vector>

namespace tutti::engine {

// A duration in milliseconds as a JSON number: an integer when exact, else a fraction with
// microsecond precision (1500 µs -> 1.5).
Json durationMs(Micros value);
// ISO 8601 UTC with milliseconds: "2026-11-26T14:53:30.123Z".
std::string formatTimestamp(Micros sinceEpoch);

// `tutti run --json`: {"run", "flow", "status", "output", "error", "duration_ms", "steps": [...]}.
Json runToJson(const RunRecord &run);
// One element of "steps": {"id", "status", "attempts", "duration_ms", "error"}, plus
// "reused_from" (the earlier run's id) for a step taken over by `run --from STEP --reuse RUN`.
Json stepSummaryToJson(const StepSummary &step);

// One element of `trace show`'s "spans": {"id", "parent" (null for a top-level span), "name",
// "kind", "start_us" (since the epoch), "duration_us", "status", "error", "request",
// "response"}, plus "step", "attempt" and "offset_us" (since the run started), and where they
// apply "result" (a step's `steps.ID` value), "vars" (a top-level step that changed them) and
// "reused_from" (a step taken over from that earlier run).
Json spanToJson(const Span &span, Micros runStartedAt);
// `tutti trace show --json`: {"run": runToJson(run) + "started_at", "spans": [...]}.
Json traceShowToJson(const RunRecord &run, const std::vector<Span> &spans);

// One element of `trace list`: {"run", "flow", "status", "started_at", "duration_ms"} plus
// "started_at_us".
Json runListEntryToJson(const RunRecord &run);
// `tutti trace list --json`: {"runs": [...]} in the order given (the store gives newest first).
Json runListToJson(const std::vector<RunRecord> &runs);

// OTLP/JSON (ExportTraceServiceRequest): one resource, one scope, a root span for the run and
// one span per trace span. Ids: traceId is the run id when it is a UUID, else a hash of it;
// spanId is the span id in hex; the root span's id has its top bit set so it never collides.
Json toOtlpJson(const RunRecord &run, const std::vector<Span> &spans);
std::string otlpTraceId(std::string_view runId);
std::string otlpSpanId(SpanId id);
std::string otlpRootSpanId(std::string_view runId);

// Chrome trace event format ("X" complete events, ts/dur in µs since the run started, pid 1):
// the run and its sequential steps on lane (tid) 1, each parallel branch and map item on a lane
// of its own, lanes reused once free so a 10,000-item map does not need 10,000 rows.
Json toChromeTraceJson(const RunRecord &run, const std::vector<Span> &spans);

} // namespace tutti::engine
