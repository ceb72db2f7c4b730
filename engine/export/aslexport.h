// `tutti export --to asl` (SPEC §8): a flow as an Amazon States Language state machine, with a
// warning for everything that cannot be carried over. How each step type maps is in one table
// keyed by the step registry (aslStepMapping), so a new step type fails tst_aslexport until it
// says how it maps or why it is not carried. docs/export.md describes the mapping.
#pragma once

#include <engine/core/json.h>
#include <engine/core/result.h>
#include <engine/export/exportcommon.h>
#include <engine/model/flow.h>
#include <engine/model/workspace.h>

#include <string>
#include <vector>

namespace tutti::engine {

enum class AslQueryLanguage { Auto, JsonPath, Jsonata };

struct AslOptions {
    AslQueryLanguage language = AslQueryLanguage::Auto;
    // Base URLs of the services (the HTTP Tasks' ApiEndpoint) and `env.` vars; null: the flow's
    // own `base_url:`, else a placeholder URL per service (with a warning).
    const Environment *environment = nullptr;
};

struct AslExport {
    Json machine;              // the state machine definition
    std::string queryLanguage; // "JSONPath" or "JSONata"
    std::vector<ExportWarning> warnings;
};

// The state machine of `flow`. Fails (ErrorCode::Validation, located at the first one, every one
// listed in the message) when `--query-language jsonpath` is forced and an expression has no
// JSONPath form.
Result<AslExport> exportAsl(const Flow &flow, const AslOptions &options = {});

// Deterministic JSON text of a state machine: two-space indent, keys in the order written.
std::string aslText(const Json &machine);

// How one step type is carried into ASL (`becomes`: the states, "Task
// (arn:aws:states:::http:invoke)"); nullptr only for a type the table lacks (a bug tst_aslexport
// catches).
const ExportStepMapping *aslStepMapping(StepType type);
// The table of docs/export.md (between "<!-- asl-table -->" markers), rendered from the mappings.
std::string aslStepTableMarkdown();

} // namespace tutti::engine
