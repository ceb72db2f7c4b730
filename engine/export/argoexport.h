// `tutti export --to argo` (issue 13): a flow as an Argo Workflows `Workflow`
// (argoproj.io/v1alpha1): one DAG whose tasks call HTTP templates, `when` for choices and catches,
// `withParam` for maps, `retryStrategy` for retries and an exit handler for compensations. How each
// step type maps is one table keyed by the step registry (argoStepMapping), checked by
// tst_argoexport like the ASL one; docs/export.md describes it.
#pragma once

#include <engine/core/json.h>
#include <engine/core/result.h>
#include <engine/export/exportcommon.h>
#include <engine/model/flow.h>
#include <engine/model/workspace.h>

#include <string>
#include <vector>

namespace tutti::engine {

struct ArgoOptions {
    // Base URLs of the services and `env.` vars; null: the flow's own `base_url:`, else a
    // placeholder URL per service (with a warning).
    const Environment *environment = nullptr;
};

struct ArgoExport {
    Json workflow; // the Workflow object
    std::vector<ExportWarning> warnings;
};

ArgoExport exportArgo(const Flow &flow, const ArgoOptions &options = {});

// Deterministic YAML text of a Workflow (engine/model/yamldoc's toYaml, keys in written order).
std::string argoText(const Json &workflow);

// How one step type is carried into Argo; nullptr only for a type the table lacks (a bug
// tst_argoexport catches).
const ExportStepMapping *argoStepMapping(StepType type);
// The table of docs/export.md (between "<!-- argo-table -->" markers), rendered from the mappings.
std::string argoStepTableMarkdown();

} // namespace tutti::engine
