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

} // namespace tutti::editor
