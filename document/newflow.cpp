// The new-flow template; see newflow.h.
#include <document/newflow.h>

namespace tutti::engine {

std::string_view newFlowTemplate()
{
    // tests/integration/tst_verdict checks that the studio and `tutti validate` both call it
    // valid.
    return "# A new flow: it greets whoever calls it. Add a step by double-clicking a step type in "
           "the\n"
           "# palette (it goes after the selected step) or by dragging one onto the canvas; F5 "
           "runs the flow.\n"
           "tutti: 1\n"
           "name: untitled\n"
           "description: Greet the caller by name.\n"
           "input:\n"
           "  type: object\n"
           "  required: [name]\n"
           "  properties:\n"
           "    name: { type: string }\n"
           "steps:\n"
           "  - id: greet\n"
           "    type: transform\n"
           "    set:\n"
           "      message: \"Hello, {{ input.name }}!\"\n"
           "  - id: reply\n"
           "    type: respond\n"
           "    status: 200\n"
           "    body: { message: \"{{ vars.message }}\" }\n";
}

} // namespace tutti::engine
