// The kinds of control edge a step makes, named once for the graph checks, the step descriptors
// and the canvas (FlowDocument derives its arrows from the same kinds).
#pragma once

namespace tutti::engine {

enum class EdgeKind {
    Next,         // `next: ID`
    FallThrough,  // implicit: the following step of the same list
    Case,         // choice `cases[i].next`
    Default,      // choice `default`
    Catch,        // `catch[i].next`
    Branch,       // parallel step -> first step of branch i
    Body,         // map step -> first step of its body
    Compensation, // `compensate:` drawn as an annotation on the step itself (from == to)
};

} // namespace tutti::engine
