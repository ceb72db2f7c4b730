// A run's or a step's status as the studio shows it: the engine's canonical names (what `tutti`
// prints and traces store: "succeeded", "compensation_failed", …) in the user's language. One
// table for every panel that shows a status.
#pragma once

#include <engine/core/trace.h>

#include <QString>

namespace tutti::editor {

QString statusText(engine::RunStatus status);
QString statusText(engine::StepStatus status);

} // namespace tutti::editor
