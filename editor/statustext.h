// A run's, a step's or a span's status (and a span's kind) as the studio shows it: the engine's
// canonical names (what `tutti` prints and traces store: "succeeded", "compensation_failed", …)
// in the user's language. One table for every panel that shows a status.
#pragma once

#include <engine/core/trace.h>

#include <QString>

namespace tutti::editor {

QString statusText(engine::RunStatus status);
QString statusText(engine::StepStatus status);
QString statusText(engine::SpanStatus status);
QString kindText(engine::SpanKind kind); // "step", "attempt", "wait", …
// The names the engine gives attempt, backoff, compensation and item spans ("attempt 2",
// "backoff", "compensate reserve", "item 3") in the user's language; step ids and branch names
// as recorded.
QString spanName(const engine::Span &span);

} // namespace tutti::editor
