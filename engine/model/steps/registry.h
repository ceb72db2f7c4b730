// The one registry of step types: their descriptors in StepType order, the names, and what is
// derived from them for every step (typed spec defaults, nested lists, compensation, the
// markdown step table of docs/flow-format.md). Adding a type: a header and a .cpp next to this
// file, and its line in registry.cpp.
#pragma once

#include <engine/model/steps/stepdescriptor.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tutti::engine {

// Every descriptor, in StepType order (descriptor i has type i).
const std::vector<const StepDescriptor *> &stepDescriptors();
const StepDescriptor &stepDescriptor(StepType type);
const StepDescriptor &stepDescriptor(const Step &step);

// The keys several step types take, described once.
namespace stepfields {
FieldDescriptor next();
FieldDescriptor end();
// `doc` says what the timeout bounds for the type.
FieldDescriptor timeout(std::string doc, std::string defaultValue = "none");
FieldDescriptor retry(std::string defaultValue = "none"); // what applies without one
FieldDescriptor catches();
FieldDescriptor request(std::string key, std::string doc); // `request`, `compensate`
FieldDescriptor compensate(std::string doc);
} // namespace stepfields

// The typed spec of `type` with every field at its default.
StepSpec defaultStepSpec(StepType type);
// The step lists nested directly in a step (branches in order, a map body).
std::vector<const std::vector<Step> *> childLists(const Step &step);

// What one step's own keys read from outside the run (descriptor's `references`).
void addReferences(const Step &step, StepReferences &out);
// What a flow reads from outside a run: the secrets of its services' auth and of every step
// (nested lists included, walked with a stack: a flow built in code may nest deeper than a
// file), and the sub-flow files its call steps run. Sub-flows themselves are not opened.
StepReferences flowReferences(const Flow &flow);

// The tables of docs/flow-format.md that describe the step types (between the
// "<!-- step-table -->" markers), rendered from the descriptors.
std::string stepTableMarkdown();

} // namespace tutti::engine
