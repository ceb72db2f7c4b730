// How a step's JSON is put together, read from its type's descriptor (engine/model/steps): the
// step lists nested in it, the step ids its keys name and the edge each makes. FlowDocument and
// the editor's commands walk step JSON only through these, so the studio reads a step the way
// the parser does and a new step type needs no change here.
#pragma once

#include <engine/core/json.h>
#include <engine/model/steps/registry.h>

#include <string>
#include <vector>

namespace tutti::engine {

// The descriptor of a step's `type`; nullptr when the type is missing or the registry does not
// know it (half-typed YAML).
const StepDescriptor *descriptorOf(const Json &step);

// The keys a step is read by: its type's fields, or for a type the registry does not know the
// keys several types share (stepfields::: next, end, catch, compensate …), so the jumps of a step
// whose type is misspelt still show and still follow renames.
const std::vector<FieldDescriptor> &fieldsOf(const Json &step);

// The field starts step lists of its own (a map's `steps`, a parallel's `branches`): an edge of
// kind Body or Branch.
bool nestsSteps(const FieldDescriptor &field);

// The field among `fields` that makes edges of `kind` (`next` for Next, `cases` for Case, …);
// nullptr when none does.
const FieldDescriptor *fieldMaking(const std::vector<FieldDescriptor> &fields, EdgeKind kind);

// The step ids that are jump targets in a list item of a List field with an edge (the `next` of
// a case or catch rule), and the item's other key that labels the edge (`when`, `on`).
const FieldDescriptor *targetKey(const FieldDescriptor &listField);
const FieldDescriptor *labelKey(const FieldDescriptor &listField);

// A step list nested directly in a step.
struct NestedList {
    std::string pointer;            // relative to the step: "/steps", "/branches/1/steps"
    EdgeKind kind = EdgeKind::Body; // Body or Branch
    int index = 0;                  // the branch's index; 0 for a body
    const Json *item = nullptr;     // the branch object ({name, steps}); the step for a body
};
// In field order, then item order; lists that are not arrays are left out.
std::vector<NestedList> nestedLists(const Json &step);

// A step id one of the step's own keys names (not those of its nested steps).
struct StepRef {
    std::string pointer; // relative to the step: "/next", "/cases/2/next"
    EdgeKind kind = EdgeKind::Next;
    int index = 0;              // the rule's index in its list; 0 for a plain key
    const Json *rule = nullptr; // the case or catch rule it is in; nullptr for a plain key
    const FieldDescriptor *list = nullptr; // the list field (`cases`, `catch`); nullptr for a key
};
// Only string values; in field order, then rule order.
std::vector<StepRef> stepRefs(const Json &step);

// Every id of a step and of the steps nested in it, depth-first.
void collectStepIds(const Json &step, std::vector<std::string> &out);

// Rewrites the step ids a step's own keys name (`next`, `default`, rule targets) through
// `rename`, which returns the new id or the old one.
template <class Rename>
void renameStepRefs(Json &step, Rename &&rename)
{
    for (const StepRef &ref : stepRefs(step)) {
        Json &value = step.at(Json::json_pointer(ref.pointer));
        value = rename(value.get<std::string>());
    }
}

} // namespace tutti::engine
