// What every exporter (ASL, Argo) shares: the warning for what is not carried over, and where a
// service's base URL comes from (an environment, else the flow's `base_url:`).
#pragma once

#include <engine/core/result.h>
#include <engine/model/flow.h>
#include <engine/model/workspace.h>

#include <functional>
#include <iterator>
#include <optional>
#include <string>

namespace tutti::engine {

// Something the export changed or left out, with the step (or flow key) it is about.
struct ExportWarning {
    std::string step; // step id; "" for the flow itself
    SourceLocation location;
    std::string message;
    // "FILE:LINE:COL: warning: step ID: MESSAGE"
    std::string toString() const;
};

// How one step type is carried into a target: what it becomes, or why it is not carried. Each
// exporter keeps one per step type in its table (tests check every type has one).
struct ExportStepMapping {
    StepType type = StepType::Transform;
    std::string becomes;    // "task calling an http template"; "" when not carried
    std::string notCarried; // why, when it is not; "" when it is
};

// The entry for `type` in an exporter's table (entries with a `mapping` member), or nullptr.
template <class Table>
auto findStepEntry(const Table &table, StepType type) -> decltype(&*std::begin(table))
{
    for (const auto &e : table)
        if (e.mapping.type == type)
            return &e;
    return nullptr;
}

// The table of docs/export.md for one target, a row per step type in the descriptors' order;
// `unmapped` is what a type the target does not carry becomes ("left out (warning)").
std::string
exportStepTableMarkdown(const std::function<const ExportStepMapping *(StepType)> &mappingOf,
                        const std::string &unmapped);

// The base URL of `service`: the environment's, else the flow's `base_url:`; nullopt when neither
// (the exporter writes a placeholder and warns).
std::optional<std::string> exportBaseUrl(const Flow &flow, const Environment *environment,
                                         const std::string &service);

} // namespace tutti::engine
