// Fuzz target: text through the expression parser (as one expression, as a template with
// {{ }} parts, as a bare `when:` field), then each compiled form evaluated against a small fixed
// context (the expression tests' FakeContext: input, vars, env, item, steps, one secret).
#include <engine/expr/expression.h>

#include <tests/engine/expr/fakecontext.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace tutti::engine;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const SourceLocation where{"fuzz.flow.yaml", 3, 7};
    std::size_t length = 0;
    expr::test::FakeContext context; // fresh per input: uuid() counts, so runs stay independent

    if (auto e = expr::Expression::parse(text, where)) {
        length += e->referencedSteps().size() + e->referencedRoots().size();
        if (auto value = e->evaluate(context))
            length += value->is_string() ? value->get_ref<const std::string &>().size() : 1;
        else
            length += value.error().toString().size();
    } else {
        length += e.error().toString().size();
    }
    if (auto t = expr::Template::parse(text, where)) {
        if (auto s = t->evaluateString(context))
            length += s->size();
        else
            length += s.error().toString().size();
        if (auto v = t->evaluate(context))
            length += v->size();
    }
    if (auto b = expr::Template::parseBareExpression(text, where)) {
        if (auto v = b->evaluate(context))
            length += v->size();
    }
    return length == 0xFFFFFFFF ? 1 : 0; // keeps the work observable; never true in practice
}
