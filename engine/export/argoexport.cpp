// The Argo exporter: one Builder walks the flow's step lists into the tasks of a DAG. Control flow
// becomes data flow: a step's task depends on the tasks before it, and a `when` guard (in Argo's
// expression syntax, {{= }}) carries every choice and catch that leads to it, so a skipped task's
// followers are skipped too. Values a task needs from other tasks are passed as arguments
// (`{{tasks.ID.outputs.result}}` through `jsonpath`), because a template sees only its inputs. The
// per-type table at the end is keyed by StepType and checked against the registry.
#include <engine/export/argoexport.h>

#include <engine/core/duration.h>
#include <engine/expr/ast.h>
#include <engine/model/steps/registry.h>
#include <engine/model/yamldoc.h>
#include <engine/runtime/retry.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <expected>
#include <map>
#include <set>

namespace tutti::engine {

std::string argoText(const Json &workflow)
{
    return toYaml(workflow, YamlStyle{true});
}

namespace {

using expr::internal::Node;
using expr::internal::NodeKind;
using expr::internal::Op;

constexpr const char *kCompensate = "tutti-compensate";

// Argo names (tasks, templates): alphanumerics and '-', starting with an alphanumeric.
std::string argoName(const std::string &id)
{
    std::string out;
    for (char c : id)
        out += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
    while (!out.empty() && out.front() == '-')
        out.erase(out.begin());
    return out.empty() ? std::string("step") : out;
}

std::string andGuard(const std::string &a, const std::string &b)
{
    if (a.empty())
        return b;
    if (b.empty())
        return a;
    return "(" + a + ") && (" + b + ")";
}

// Where a step list is being emitted: the DAG's own tasks (what `tasks.X` can name) and, in a
// map body, the item's name.
struct Ctx {
    std::string mapAs;
    bool exitHandler = false;
    std::set<std::string> localSteps; // step ids whose tasks are in this DAG
};

// The arguments a task passes to its template: each value read from elsewhere becomes an input
// parameter of the template.
struct Params {
    std::vector<std::pair<std::string, std::string>> values;
    std::string add(const std::string &value)
    {
        const std::string name = "p" + std::to_string(values.size() + 1);
        values.emplace_back(name, value);
        return "{{inputs.parameters." + name + "}}";
    }
};

// One step being visited: where it comes from, and what its followers depend on.
struct Visit {
    std::set<std::string> deps; // task names
    std::string guard;          // expression; "" = always
    std::set<std::string> outDeps;
    std::string outGuard;
    bool ends = false;
    std::vector<std::pair<std::string, std::string>> jumps; // target step, extra condition
    std::string fallCondition;                              // extra condition of the fall-through
    bool fallThrough = true;
};

struct Exit {
    std::set<std::string> deps;
    std::string guard;
};

class Builder;
using EmitFn = void (*)(Builder &, const Step &, Ctx &, Visit &, Json &tasks);
struct TableEntry {
    ExportStepMapping mapping;
    EmitFn emit = nullptr;
};
const TableEntry *entryFor(StepType type);

class Builder {
public:
    Builder(const Flow &flow, const ArgoOptions &options)
        : m_flow(flow)
        , m_options(options)
    {
    }

    std::vector<ExportWarning> &warnings() { return m_warnings; }

    Json build()
    {
        index(m_flow.steps);
        flowWarnings();
        std::string base;
        for (char c : m_flow.name)
            base += std::isalnum(static_cast<unsigned char>(c))
                        ? static_cast<char>(std::tolower(static_cast<unsigned char>(c)))
                        : '-';
        Json wf = Json::object();
        wf["apiVersion"] = "argoproj.io/v1alpha1";
        wf["kind"] = "Workflow";
        Json meta = {{"generateName", argoName(base.empty() ? "flow" : base) + "-"}};
        meta["annotations"] = {{"tutti.dev/flow", m_flow.name}};
        if (!m_flow.description.empty())
            meta["annotations"]["workflows.argoproj.io/description"] = m_flow.description;
        wf["metadata"] = std::move(meta);
        Json spec = Json::object();
        spec["entrypoint"] = "main";
        spec["arguments"] = {{"parameters", Json::array({{{"name", "input"}, {"value", "{}"}}})}};
        if (m_flow.flowTimeout > 0)
            spec["activeDeadlineSeconds"] =
                seconds(m_flow.flowTimeout, "", {}, "the flow's timeout");
        // A dry run of the exit handler first: it decides which steps publish their result for
        // it (m_exported). Its templates and warnings are made again after the main DAG, in the
        // order a reader expects.
        if (!m_compensable.empty()) {
            const auto warnings = m_warnings;
            const auto warned = m_placeholderWarned;
            emitCompensation();
            m_templates = Json::array();
            m_warnings = warnings;
            m_placeholderWarned = warned;
        }
        Ctx top;
        Json tasks = Json::array();
        walk(m_flow.steps, {}, "", top, tasks);
        Json main = {{"name", "main"}, {"dag", {{"tasks", std::move(tasks)}}}};
        m_templates.insert(m_templates.begin(), std::move(main));
        if (!m_compensable.empty()) {
            spec["onExit"] = kCompensate;
            emitCompensation();
        }
        spec["templates"] = std::move(m_templates);
        wf["spec"] = std::move(spec);
        return wf;
    }

    // ---- control flow ---------------------------------------------------------------------------

    std::vector<Exit> walk(const std::vector<Step> &steps, const std::set<std::string> &deps0,
                           const std::string &guard0, Ctx &ctx, Json &tasks)
    {
        struct In {
            std::set<std::string> deps;
            std::vector<std::string> guards;
            bool reached = false;
        };
        std::map<std::string, In> in;
        std::map<std::string, std::size_t> position;
        for (std::size_t i = 0; i < steps.size(); ++i)
            position[steps[i].id] = i;
        std::vector<Exit> exits;
        if (steps.empty()) {
            exits.push_back({deps0, guard0});
            return exits;
        }
        in[steps[0].id] = {deps0, {guard0}, true};
        for (const Step &s : steps)
            ctx.localSteps.insert(s.id);
        for (std::size_t i = 0; i < steps.size(); ++i) {
            const Step &step = steps[i];
            auto reach = [&](const std::string &target, const std::set<std::string> &deps,
                             const std::string &guard) {
                auto p = position.find(target);
                if (p == position.end())
                    return;
                if (p->second <= i) {
                    warn(step, "the jump back to " + target +
                                   " is not carried (an Argo DAG has no loops)");
                    return;
                }
                In &e = in[target];
                e.reached = true;
                e.deps.insert(deps.begin(), deps.end());
                e.guards.push_back(guard);
            };
            In &e = in[step.id];
            if (!e.reached) {
                warn(step, "not reached without a jump back; left out");
                continue;
            }
            Visit v;
            v.deps = e.deps;
            bool always = false;
            for (const std::string &g : e.guards)
                always = always || g.empty();
            if (!always) {
                for (std::size_t k = 0; k < e.guards.size(); ++k)
                    v.guard += (k ? " || " : "") + std::string(e.guards.size() > 1 ? "(" : "") +
                               e.guards[k] + (e.guards.size() > 1 ? ")" : "");
            }
            v.outDeps = v.deps;
            v.outGuard = v.guard;
            const TableEntry *entry = entryFor(step.type);
            if (entry && entry->emit)
                entry->emit(*this, step, ctx, v, tasks);
            else
                warn(step, "step type " + std::string(toString(step.type)) +
                               " has no Argo mapping; left out");
            if (v.ends)
                continue;
            for (const auto &[target, cond] : v.jumps)
                reach(target, v.outDeps, andGuard(v.outGuard, cond));
            if (!v.fallThrough)
                continue;
            const std::string guard = andGuard(v.outGuard, v.fallCondition);
            if (!step.next.empty())
                reach(step.next, v.outDeps, guard);
            else if (step.end || i + 1 == steps.size())
                exits.push_back({v.outDeps, guard});
            else
                reach(steps[i + 1].id, v.outDeps, guard);
        }
        return exits;
    }

    // A DAG task for `step` calling `templ`, after v.deps and guarded by v.guard.
    Json &addTask(Json &tasks, const Step &step, Visit &v, const std::string &templ,
                  const Params &params)
    {
        Json t = Json::object();
        t["name"] = argoName(step.id);
        t["template"] = templ;
        if (!v.deps.empty()) {
            Json d = Json::array();
            for (const std::string &n : v.deps)
                d.push_back(n);
            t["dependencies"] = std::move(d);
        }
        if (!v.guard.empty())
            t["when"] = "{{=" + v.guard + "}}";
        if (!params.values.empty()) {
            Json p = Json::array();
            for (const auto &[name, value] : params.values)
                p.push_back({{"name", name}, {"value", value}});
            t["arguments"] = {{"parameters", std::move(p)}};
        }
        v.outDeps = {argoName(step.id)};
        v.outGuard = v.guard;
        tasks.push_back(std::move(t));
        return tasks.back();
    }

    void addTemplate(Json t) { m_templates.push_back(std::move(t)); }

    static Json inputsOf(const Params &params)
    {
        Json p = Json::array();
        for (const auto &[name, value] : params.values)
            p.push_back({{"name", name}});
        return {{"parameters", std::move(p)}};
    }

    // ---- expressions (Argo's expr-lang, inside {{= }}) ------------------------------------------

    using Text = std::expected<std::string, std::string>;

    static std::string pathKey(const std::string &k)
    {
        bool plain = !k.empty() && !std::isdigit(static_cast<unsigned char>(k[0])) &&
                     std::all_of(k.begin(), k.end(), [](char c) {
                         return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
                     });
        return plain ? "." + k : "['" + k + "']";
    }

    // `jsonpath(source, '$.a.b')`, or the source itself for an empty path.
    static Text jsonPath(const std::string &source, const std::vector<Json> &keys)
    {
        if (keys.empty())
            return source;
        std::string path = "$";
        for (const Json &k : keys) {
            if (k.is_number_integer()) {
                path += "[" + std::to_string(k.get<long long>()) + "]";
                continue;
            }
            const std::string s = k.get<std::string>();
            if (s.find('\'') != std::string::npos || s.find('\\') != std::string::npos)
                return std::unexpected("a key with a quote");
            path += pathKey(s);
        }
        return "jsonpath(" + source + ", '" + path + "')";
    }

    Text member(std::string base, const std::vector<Json> &keys)
    {
        for (const Json &k : keys)
            base = "(" + base + ")" +
                   (k.is_number_integer() ? "[" + std::to_string(k.get<long long>()) + "]"
                                          : "[" + Json(k.get<std::string>()).dump() + "]");
        return base;
    }

    // A value a `transform` step set: its expression inlined.
    Text setValue(const expr::JsonTemplate &value, const Ctx &ctx, const Step &step, int depth)
    {
        if (depth > 8)
            return std::unexpected("values that refer to each other too deeply");
        const Json &src = value.source();
        if (src.is_string()) {
            auto t = expr::Template::parse(src.get<std::string>(), step.location);
            if (!t)
                return std::unexpected(t.error().message);
            const auto &parts = t->parts();
            if (parts.size() == 1 && parts[0].expression)
                return expression(parts[0].expression->ast(), ctx, step, depth + 1);
            std::string out;
            for (const auto &p : parts) {
                Text piece = p.expression ? expression(p.expression->ast(), ctx, step, depth + 1)
                                          : Text(Json(p.literal).dump());
                if (!piece)
                    return piece;
                out +=
                    (out.empty() ? "" : " + ") + (p.expression ? "string(" + *piece + ")" : *piece);
            }
            return out.empty() ? std::string("\"\"") : out;
        }
        if (src.dump().find("{{") != std::string::npos)
            return std::unexpected("a computed list or object in a transform");
        return "fromJSON(" + Json(src.dump()).dump() + ")";
    }

    Text path(const Node &n, const Ctx &ctx, const Step &step, int depth)
    {
        std::vector<Json> keys;
        const Node *at = &n;
        while (at->kind == NodeKind::Member || at->kind == NodeKind::Index) {
            if (at->kind == NodeKind::Member)
                keys.insert(keys.begin(), Json(at->name));
            else if (at->children[1].kind == NodeKind::Literal &&
                     (at->children[1].value.is_string() ||
                      at->children[1].value.is_number_integer()))
                keys.insert(keys.begin(), at->children[1].value);
            else
                return std::unexpected("an index that is computed");
            at = &at->children[0];
        }
        if (at->kind == NodeKind::Root) {
            const std::string &root = at->name;
            if (root == "input")
                return jsonPath("workflow.parameters.input", keys);
            if (!ctx.mapAs.empty() && root == ctx.mapAs)
                return jsonPath("inputs.parameters.item", keys);
            if (root == "run" && keys.size() == 1 && keys[0] == "id")
                return std::string("workflow.name");
            if (root == "env" && !keys.empty() && m_options.environment) {
                const Json &vars = m_options.environment->vars;
                if (keys[0].is_string() && vars.contains(keys[0].get<std::string>()))
                    return member("fromJSON(" +
                                      Json(vars[keys[0].get<std::string>()].dump()).dump() + ")",
                                  {keys.begin() + 1, keys.end()});
            }
            if (root == "vars" && !keys.empty() && keys[0].is_string()) {
                auto it = m_vars.find(keys[0].get<std::string>());
                if (m_varSetters[keys[0].get<std::string>()] > 1)
                    return std::unexpected("vars." + keys[0].get<std::string>() +
                                           " (set by several transform steps)");
                if (it == m_vars.end())
                    return std::unexpected("vars." + keys[0].get<std::string>() +
                                           " (no transform sets it)");
                Text v = setValue(*it->second, ctx, step, depth);
                if (!v)
                    return v;
                return member(*v, {keys.begin() + 1, keys.end()});
            }
            return std::unexpected("`" + root + "`");
        }
        if (at->kind == NodeKind::Step) {
            auto it = m_steps.find(at->name);
            if (it == m_steps.end())
                return std::unexpected("steps." + at->name);
            const Step &ref = *it->second;
            if (ref.type == StepType::Transform) {
                if (keys.empty() || !keys[0].is_string())
                    return std::unexpected("a whole transform result");
                for (const auto &[name, value] : ref.as<TransformSpec>().set)
                    if (name == keys[0].get<std::string>()) {
                        Text v = setValue(value, ctx, step, depth);
                        if (!v)
                            return v;
                        return member(*v, {keys.begin() + 1, keys.end()});
                    }
                return std::unexpected("steps." + ref.id + "." + keys[0].get<std::string>());
            }
            if (ref.type != StepType::Http)
                return std::unexpected("the result of a " + std::string(toString(ref.type)) +
                                       " step");
            if (keys.empty() || keys[0] != "body")
                return std::unexpected("an http result's status or headers (Argo's result is "
                                       "the body)");
            if (ctx.exitHandler) {
                // An exit handler cannot read tasks: the step's task publishes its result as a
                // global output (emitHttp), which exists only when the step completed.
                if (std::none_of(m_flow.steps.begin(), m_flow.steps.end(),
                                 [&](const Step &s) { return s.id == ref.id; }))
                    return std::unexpected("steps." + ref.id +
                                           " in a compensation (only a top-level step's result "
                                           "is a global output)");
                m_exported.insert(ref.id);
                return jsonPath("workflow.outputs.parameters['" + globalResultName(ref.id) + "']",
                                {keys.begin() + 1, keys.end()});
            }
            if (!ctx.localSteps.contains(ref.id))
                return std::unexpected("steps." + ref.id + " from inside a map body");
            return jsonPath("tasks['" + argoName(ref.id) + "']" +
                                (m_exported.contains(ref.id) ? ".outputs.parameters.result"
                                                             : ".outputs.result"),
                            {keys.begin() + 1, keys.end()});
        }
        if (at->kind == NodeKind::Secret)
            return std::unexpected("secret." + at->name + " (secrets go in a Kubernetes Secret)");
        return std::unexpected("a member of a computed value");
    }

    Text expression(const Node &n, const Ctx &ctx, const Step &step, int depth = 0)
    {
        switch (n.kind) {
        case NodeKind::Literal:
            return n.value.is_null() ? std::string("nil") : n.value.dump();
        case NodeKind::Array: {
            std::string out = "[";
            for (std::size_t i = 0; i < n.children.size(); ++i) {
                Text c = expression(n.children[i], ctx, step, depth);
                if (!c)
                    return c;
                out += (i ? ", " : "") + *c;
            }
            return out + "]";
        }
        case NodeKind::Object: {
            std::string out = "{";
            for (std::size_t i = 0; i < n.children.size(); ++i) {
                Text c = expression(n.children[i], ctx, step, depth);
                if (!c)
                    return c;
                out += (i ? ", " : "") + Json(n.keys[i]).dump() + ": " + *c;
            }
            return out + "}";
        }
        case NodeKind::Root:
        case NodeKind::Step:
        case NodeKind::Secret:
        case NodeKind::Member:
        case NodeKind::Index:
            return path(n, ctx, step, depth);
        case NodeKind::Unary: {
            Text c = expression(n.children[0], ctx, step, depth);
            if (!c)
                return c;
            return std::string(n.op == Op::Not ? "!" : "-") + "(" + *c + ")";
        }
        case NodeKind::Binary: {
            Text a = expression(n.children[0], ctx, step, depth);
            if (!a)
                return a;
            Text b = expression(n.children[1], ctx, step, depth);
            if (!b)
                return b;
            return "(" + *a + " " + expr::internal::spelling(n.op) + " " + *b + ")";
        }
        case NodeKind::Conditional: {
            std::string parts[3];
            for (int i = 0; i < 3; ++i) {
                Text c = expression(n.children[i], ctx, step, depth);
                if (!c)
                    return c;
                parts[i] = *c;
            }
            return "(" + parts[0] + " ? " + parts[1] + " : " + parts[2] + ")";
        }
        case NodeKind::Call: {
            static const std::map<std::string, std::string> functions = {
                {"len", "len"},       {"lower", "lower"},   {"upper", "upper"},
                {"string", "string"}, {"json", "fromJSON"}, {"toJson", "toJSON"}};
            auto f = functions.find(n.name);
            if (f == functions.end())
                return std::unexpected(n.name + "()");
            std::string out = f->second + "(";
            for (std::size_t i = 0; i < n.children.size(); ++i) {
                Text c = expression(n.children[i], ctx, step, depth);
                if (!c)
                    return c;
                out += (i ? ", " : "") + *c;
            }
            return out + ")";
        }
        }
        return std::unexpected("an expression");
    }

    // An expression, or "nil" with a warning naming what is not carried.
    std::string carried(const expr::Expression &e, const Ctx &ctx, const Step &step)
    {
        Text t = expression(e.ast(), ctx, step);
        if (t)
            return *t;
        warn(step, "`" + e.text() + "`: " + t.error() + " is not carried; exported as nil");
        return "nil";
    }

    // A text template: literals as they are, each {{ }} part an argument of the template.
    std::string text(const expr::Template &t, const Ctx &ctx, const Step &step, Params &params)
    {
        std::string out;
        for (const auto &p : t.parts())
            out += p.expression ? params.add("{{=" + carried(*p.expression, ctx, step) + "}}")
                                : p.literal;
        return out;
    }
    std::string text(const std::string &source, const Ctx &ctx, const Step &step, Params &params)
    {
        auto t = expr::Template::parse(source, step.location);
        if (!t) {
            warn(step, t.error().message + "; not carried");
            return source;
        }
        return text(*t, ctx, step, params);
    }

    // A JSON template as JSON text, computed values passed in as arguments (toJSON keeps types).
    std::string jsonText(const Json &source, const Ctx &ctx, const Step &step, Params &params)
    {
        if (source.is_string()) {
            const std::string s = source.get<std::string>();
            if (s.find("{{") == std::string::npos)
                return source.dump();
            auto t = expr::Template::parse(s, step.location);
            if (!t) {
                warn(step, t.error().message + "; not carried");
                return source.dump();
            }
            const auto &parts = t->parts();
            if (parts.size() == 1 && parts[0].expression)
                return params.add("{{=toJSON(" + carried(*parts[0].expression, ctx, step) + ")}}");
            std::string out = "\"";
            for (const auto &p : parts) {
                if (p.expression) {
                    out += params.add("{{=" + carried(*p.expression, ctx, step) + "}}");
                } else {
                    const std::string q = Json(p.literal).dump();
                    out += q.substr(1, q.size() - 2);
                }
            }
            return out + "\"";
        }
        if (source.is_object()) {
            std::string out = "{";
            bool first = true;
            for (const auto &[k, v] : source.items()) {
                out += (first ? "" : ", ") + Json(k).dump() + ": " + jsonText(v, ctx, step, params);
                first = false;
            }
            return out + "}";
        }
        if (source.is_array()) {
            std::string out = "[";
            for (std::size_t i = 0; i < source.size(); ++i)
                out += (i ? ", " : "") + jsonText(source[i], ctx, step, params);
            return out + "]";
        }
        return source.dump();
    }

    // ---- HTTP -----------------------------------------------------------------------------------

    std::string baseUrl(const std::string &service, const Step &step)
    {
        if (auto url = exportBaseUrl(m_flow, m_options.environment, service))
            return *url;
        if (m_placeholderWarned.insert(service).second)
            warn(step, "service " + service +
                           " has no base URL in this environment (its mock is not carried): the "
                           "url is a placeholder; export with --env NAME");
        return "https://" + service + ".example.invalid";
    }

    // The `http:` of a template for `request`.
    Json http(const HttpRequestSpec &request, const Step &step, const Ctx &ctx, Params &params,
              const std::vector<StatusRange> &expect, std::optional<Micros> timeout)
    {
        const HttpSpec *spec = step.tryAs<HttpSpec>();
        const std::string service = spec ? spec->service : std::string();
        Json h = Json::object();
        std::string url;
        if (request.url)
            url = text(*request.url, ctx, step, params);
        else
            url = baseUrl(service, step) +
                  (request.path ? text(*request.path, ctx, step, params) : std::string());
        if (request.query) {
            std::string q;
            for (const auto &[k, v] : request.query->source().items()) {
                const std::string value = v.is_string() ? v.get<std::string>() : v.dump();
                q += (q.empty() ? "?" : "&") + k + "=" + text(value, ctx, step, params);
            }
            url += q;
        }
        h["url"] = url;
        h["method"] = request.method;
        Json headers = Json::array();
        if (request.headers) {
            for (const auto &[name, value] : request.headers->source().items()) {
                std::string lower = name;
                std::transform(lower.begin(), lower.end(), lower.begin(),
                               [](unsigned char c) { return std::tolower(c); });
                const std::string v = value.is_string() ? value.get<std::string>() : value.dump();
                if (v.find("secret.") != std::string::npos || lower == "authorization" ||
                    lower == "x-api-key") {
                    warn(step, "header " + name +
                                   " is not carried: put it in a Kubernetes Secret and add it as "
                                   "a header with valueFrom.secretKeyRef");
                    continue;
                }
                headers.push_back({{"name", name}, {"value", text(v, ctx, step, params)}});
            }
        }
        if (request.body) {
            const Json &b = request.body->source();
            if (b.is_string() && b.get<std::string>().find("{{") != std::string::npos &&
                !(b.get<std::string>().starts_with("{{") && b.get<std::string>().ends_with("}}")))
                h["body"] = text(b.get<std::string>(), ctx, step, params);
            else {
                h["body"] = jsonText(b, ctx, step, params);
                headers.push_back({{"name", "Content-Type"}, {"value", "application/json"}});
            }
        }
        if (request.form)
            warn(step, "form is not carried (Argo's http template sends a plain body)");
        if (!headers.empty())
            h["headers"] = std::move(headers);
        std::string ok;
        const std::vector<StatusRange> ranges =
            expect.empty() ? std::vector<StatusRange>{StatusRange{}} : expect;
        for (const StatusRange &r : ranges)
            ok += (ok.empty() ? "" : " || ") +
                  (r.low == r.high ? "response.statusCode == " + std::to_string(r.low)
                                   : std::string(ranges.size() > 1 ? "(" : "") +
                                         "response.statusCode >= " + std::to_string(r.low) +
                                         " && response.statusCode <= " + std::to_string(r.high) +
                                         (ranges.size() > 1 ? ")" : ""));
        h["successCondition"] = ok;
        if (timeout)
            h["timeoutSeconds"] = seconds(*timeout, step.id, step.location, "timeout");
        return h;
    }

    // ---- retries, timeouts ---------------------------------------------------------------------

    int seconds(Micros value, const std::string &stepId, const SourceLocation &where,
                const std::string &what)
    {
        const int s = static_cast<int>(std::max<Micros>(1, (value + kSecond - 1) / kSecond));
        if (static_cast<Micros>(s) * kSecond != value)
            m_warnings.push_back({stepId, where,
                                  what + " " + formatDuration(value) + " rounded up to " +
                                      std::to_string(s) + "s (Argo counts whole seconds)"});
        return s;
    }

    Json retryStrategy(const RetryPolicy &p, const Step &step)
    {
        Json r = Json::object();
        r["limit"] = p.retries;
        r["retryPolicy"] = "Always";
        Json backoff = {{"duration", formatDuration(p.interval)}};
        if (p.backoff == std::floor(p.backoff))
            backoff["factor"] = static_cast<int>(p.backoff);
        else {
            backoff["factor"] = static_cast<int>(std::ceil(p.backoff));
            warn(step, "retry backoff " + Json(p.backoff).dump() + " rounded up to " +
                           std::to_string(static_cast<int>(std::ceil(p.backoff))) +
                           " (Argo's factor is a whole number)");
        }
        backoff["cap"] = formatDuration(p.maxDelay);
        r["backoff"] = std::move(backoff);
        if (!(p.on.size() == 1 && p.on[0] == "any"))
            warn(
                step, "retry on [" + [&] {
                    std::string s;
                    for (const std::string &n : p.on)
                        s += (s.empty() ? "" : ", ") + n;
                    return s;
                }() + "] is not carried: Argo retries every failure of the template");
        if (p.jitter == Jitter::Full)
            warn(step, "jitter is not carried (Argo's backoff has none)");
        if (p.respectRetryAfter)
            warn(step, "respect_retry_after is not carried (Argo retries on its own schedule)");
        return r;
    }

    const RetryPolicy *retryOf(const Step &step) const
    {
        if (step.retry)
            return &*step.retry;
        if (stepDescriptor(step).flowDefaults && m_flow.defaultRetry)
            return &*m_flow.defaultRetry;
        return nullptr;
    }

    std::optional<Micros> timeoutOf(const Step &step) const
    {
        if (step.timeout)
            return step.timeout;
        if (stepDescriptor(step).flowDefaults)
            return m_flow.defaultTimeout;
        return std::nullopt;
    }

    // `catch:` rules: the task may fail (continueOn), the targets run when it did.
    void catches(const Step &step, Json &task, Visit &v)
    {
        if (step.catches.empty())
            return;
        task["continueOn"] = {{"failed", true}};
        const std::string status = "tasks['" + argoName(step.id) + "'].status";
        for (const CatchRule &rule : step.catches) {
            if (!(rule.on.size() == 1 && rule.on[0] == "any"))
                warn(step, "catch on specific errors is not carried: in Argo the catch of " +
                               rule.next + " runs on any failure");
            v.jumps.emplace_back(rule.next, status + " == 'Failed'");
            break; // the first rule takes every failure
        }
        if (step.catches.size() > 1)
            warn(step, "only the first catch rule is carried (Argo sees a failure, not its kind)");
        v.fallCondition = status + " == 'Succeeded'";
    }

    // ---- compensation ---------------------------------------------------------------------------

    void emitCompensation()
    {
        Json tasks = Json::array();
        std::string previous;
        Ctx ctx;
        ctx.exitHandler = true;
        for (std::size_t k = m_compensable.size(); k-- > 0;) {
            const Step &step = *m_compensable[k];
            Params params;
            const std::string name = "undo-" + argoName(step.id);
            Json templ = {{"name", name}};
            Json h = http(*compensationOf(step), step, ctx, params, {}, timeoutOf(step));
            if (!params.values.empty())
                templ["inputs"] = inputsOf(params);
            templ["http"] = std::move(h);
            const RetryPolicy &policy = compensationRetryPolicy();
            Json r = {{"limit", policy.retries},
                      {"retryPolicy", "Always"},
                      {"backoff",
                       {{"duration", formatDuration(policy.interval)},
                        {"factor", static_cast<int>(policy.backoff)},
                        {"cap", formatDuration(policy.maxDelay)}}}};
            templ["retryStrategy"] = std::move(r);
            m_templates.push_back(std::move(templ));
            Json t = {{"name", name}, {"template", name}};
            if (!previous.empty())
                t["dependencies"] = Json::array({previous});
            t["when"] = "{{workflow.status}} != Succeeded";
            // One undo failing (or not resolving: its step never completed) does not stop the
            // others.
            t["continueOn"] = {{"failed", true}, {"error", true}};
            if (!params.values.empty()) {
                Json p = Json::array();
                for (const auto &[pn, value] : params.values)
                    p.push_back({{"name", pn}, {"value", value}});
                t["arguments"] = {{"parameters", std::move(p)}};
            }
            tasks.push_back(std::move(t));
            previous = name;
        }
        m_warnings.push_back(
            {"", SourceLocation{m_flow.filePath, 0, 0},
             "compensations run in reverse order from an exit handler when the workflow does not "
             "succeed; one that reads its step's result runs only when that step completed (the "
             "result is a global output), one that reads none runs also for a step that had not "
             "completed"});
        m_templates.push_back({{"name", kCompensate}, {"dag", {{"tasks", std::move(tasks)}}}});
    }

    // Whether the exit handler reads `stepId`'s result, so its task publishes it.
    bool exportsResult(const std::string &stepId) const { return m_exported.contains(stepId); }
    static std::string globalResultName(const std::string &stepId)
    {
        return "tutti-result-" + argoName(stepId);
    }

    void warn(const Step &step, std::string message)
    {
        m_warnings.push_back({step.id, step.location, std::move(message)});
    }

    const Flow &flow() const { return m_flow; }

private:
    void index(const std::vector<Step> &steps)
    {
        for (const Step &s : steps) {
            m_steps[s.id] = &s;
            if (compensationOf(s) && &steps == &m_flow.steps)
                m_compensable.push_back(&s);
            if (s.type == StepType::Transform)
                for (const auto &[name, value] : s.as<TransformSpec>().set) {
                    m_vars[name] = &value;
                    ++m_varSetters[name];
                }
            if (const auto *p = s.tryAs<ParallelSpec>())
                for (const Branch &b : p->branches)
                    index(b.steps);
            if (const auto *m = s.tryAs<MapSpec>())
                index(m->body);
        }
    }

    void flowWarnings()
    {
        if (!m_flow.inputSchema.is_null())
            m_warnings.push_back({"", SourceLocation{m_flow.filePath, 0, 0},
                                  "input schema is not carried: Argo does not check the "
                                  "`input` parameter"});
        for (const auto &[name, service] : m_flow.services) {
            if (service.circuit)
                m_warnings.push_back(
                    {"", service.location,
                     "service " + name + ": circuit breaker is not carried (Argo has none)"});
            if (service.auth)
                m_warnings.push_back({"", service.location,
                                      "service " + name +
                                          ": auth is not carried; add its header from a "
                                          "Kubernetes Secret (valueFrom.secretKeyRef)"});
        }
    }

    const Flow &m_flow;
    const ArgoOptions &m_options;
    std::vector<ExportWarning> m_warnings;
    std::map<std::string, const Step *> m_steps;
    std::map<std::string, const expr::JsonTemplate *> m_vars; // vars.NAME: the last transform
    std::map<std::string, int> m_varSetters;
    std::vector<const Step *> m_compensable;
    std::set<std::string> m_exported; // steps whose result the exit handler reads
    std::set<std::string> m_placeholderWarned;
    Json m_templates = Json::array();
};

// ---- one emitter per step type ------------------------------------------------------------------

void emitHttp(Builder &b, const Step &step, Ctx &ctx, Visit &v, Json &tasks)
{
    const HttpSpec &spec = step.as<HttpSpec>();
    Params params;
    Json templ = {{"name", argoName(step.id)}};
    Json h = b.http(spec.request, step, ctx, params, spec.expect, b.timeoutOf(step));
    if (!params.values.empty())
        templ["inputs"] = Builder::inputsOf(params);
    templ["http"] = std::move(h);
    if (const RetryPolicy *p = b.retryOf(step); p && p->retries > 0)
        templ["retryStrategy"] = b.retryStrategy(*p, step);
    if (spec.auth)
        b.warn(step, "auth is not carried; add its header from a Kubernetes Secret");
    if (spec.output)
        b.warn(step, "output is not carried: the task's result is the response body");
    if (spec.compensate && !ctx.localSteps.empty() && !ctx.mapAs.empty())
        b.warn(step, "compensate inside a map body is not carried");
    if (b.exportsResult(step.id)) {
        // A DAG around the call publishes its body as a global output: the exit handler's
        // compensation reads it there (it cannot read tasks), and only if the call completed.
        const std::string call = argoName(step.id) + "-call";
        templ["name"] = call;
        Json wrapper = {{"name", argoName(step.id)}};
        Json callTask = {{"name", "call"}, {"template", call}};
        if (!params.values.empty()) {
            wrapper["inputs"] = Builder::inputsOf(params);
            Json p = Json::array();
            for (const auto &[name, value] : params.values)
                p.push_back({{"name", name}, {"value", "{{inputs.parameters." + name + "}}"}});
            callTask["arguments"] = {{"parameters", std::move(p)}};
        }
        wrapper["dag"] = {{"tasks", Json::array({std::move(callTask)})}};
        wrapper["outputs"] = {
            {"parameters",
             Json::array({{{"name", "result"},
                           {"globalName", Builder::globalResultName(step.id)},
                           {"valueFrom", {{"parameter", "{{tasks.call.outputs.result}}"}}}}})}};
        b.addTemplate(std::move(templ));
        b.addTemplate(std::move(wrapper));
    } else
        b.addTemplate(std::move(templ));
    Json &task = b.addTask(tasks, step, v, argoName(step.id), params);
    b.catches(step, task, v);
}

void emitTransform(Builder &, const Step &, Ctx &, Visit &, Json &)
{
    // No task: the steps that read its values compute them (Builder::setValue).
}

void emitNotCarried(Builder &b, const Step &step, Ctx &, Visit &, Json &)
{
    const ExportStepMapping *m = argoStepMapping(step.type);
    b.warn(step, std::string(toString(step.type)) + " step is not carried: " +
                     (m ? m->notCarried : std::string("not carried")) + "; left out of the DAG");
}

void emitChoice(Builder &b, const Step &step, Ctx &ctx, Visit &v, Json &)
{
    const ChoiceSpec &spec = step.as<ChoiceSpec>();
    std::string none; // no earlier case matched
    for (const ChoiceCase &c : spec.cases) {
        std::string cond;
        const auto &parts = c.when.parts();
        if (parts.size() == 1 && parts[0].expression)
            cond = b.carried(*parts[0].expression, ctx, step);
        else {
            b.warn(step, "a `when:` that is not one expression is not carried");
            cond = "false";
        }
        v.jumps.emplace_back(c.next, andGuard(none, cond));
        none = andGuard(none, "!(" + cond + ")");
    }
    if (!spec.defaultNext.empty()) {
        v.jumps.emplace_back(spec.defaultNext, none);
        v.fallThrough = false;
    } else {
        v.fallCondition = none;
    }
}

void emitParallel(Builder &b, const Step &step, Ctx &ctx, Visit &v, Json &tasks)
{
    const ParallelSpec &spec = step.as<ParallelSpec>();
    if (!spec.failFast)
        b.warn(step, "fail: all is not carried: a failed task fails the DAG");
    if (step.timeout)
        b.warn(step, "a parallel timeout is not carried");
    if (!step.catches.empty())
        b.warn(step, "catch on a parallel step is not carried");
    v.outDeps.clear();
    for (const Branch &branch : spec.branches)
        for (const Exit &e : b.walk(branch.steps, v.deps, v.guard, ctx, tasks))
            v.outDeps.insert(e.deps.begin(), e.deps.end());
}

void emitMap(Builder &b, const Step &step, Ctx &ctx, Visit &v, Json &tasks)
{
    const MapSpec &spec = step.as<MapSpec>();
    if (spec.tolerateCount || spec.toleratePercent)
        b.warn(step, "tolerate is not carried: a failed item fails the DAG");
    if (spec.concurrency > 0)
        b.warn(step, "concurrency is not carried (set spec.parallelism to limit all tasks)");
    Ctx inner;
    inner.mapAs = spec.as;
    Json bodyTasks = Json::array();
    b.walk(spec.body, {}, "", inner, bodyTasks);
    const std::string name = argoName(step.id) + "-item";
    b.addTemplate({{"name", name},
                   {"inputs", {{"parameters", Json::array({{{"name", "item"}}})}}},
                   {"dag", {{"tasks", std::move(bodyTasks)}}}});
    Params params;
    params.values.emplace_back("item", "{{item}}");
    Json &task = b.addTask(tasks, step, v, name, params);
    task["withParam"] =
        spec.items ? "{{=toJSON(" +
                         (spec.items->parts().size() == 1 && spec.items->parts()[0].expression
                              ? b.carried(*spec.items->parts()[0].expression, ctx, step)
                              : std::string("[]")) +
                         ")}}"
                   : std::string("[]");
    b.catches(step, task, v);
}

void emitWait(Builder &b, const Step &step, Ctx &, Visit &v, Json &tasks)
{
    const WaitSpec &spec = step.as<WaitSpec>();
    Json suspend = Json::object();
    if (spec.duration)
        suspend["duration"] =
            std::to_string(b.seconds(*spec.duration, step.id, step.location, "wait")) + "s";
    else
        b.warn(step, "until is not carried (a suspend template waits a duration)");
    b.addTemplate({{"name", argoName(step.id)}, {"suspend", std::move(suspend)}});
    b.addTask(tasks, step, v, argoName(step.id), {});
}

void emitRespond(Builder &b, const Step &step, Ctx &, Visit &v, Json &)
{
    if (step.as<RespondSpec>().body)
        b.warn(step, "the respond body is not carried (a workflow answers no request); the path "
                     "ends here");
    v.ends = true;
}

void emitFail(Builder &b, const Step &step, Ctx &ctx, Visit &v, Json &tasks)
{
    const FailSpec &spec = step.as<FailSpec>();
    std::string message = spec.errorName;
    Params params;
    if (spec.message)
        message += ": " + b.text(*spec.message, ctx, step, params);
    Json templ = {{"name", argoName(step.id)}};
    if (!params.values.empty())
        templ["inputs"] = Builder::inputsOf(params);
    templ["container"] = {{"name", "main"},
                          {"image", "busybox:1.36"},
                          {"command", Json::array({"sh", "-c", "echo \"$0\" >&2; exit 1"})},
                          {"args", Json::array({message})}};
    b.addTemplate(std::move(templ));
    b.addTask(tasks, step, v, argoName(step.id), params);
    v.ends = true;
}

// Indexed by StepType (registry order); tst_argoexport checks every registered type is here.
const std::array<TableEntry, 10> &table()
{
    static const std::array<TableEntry, 10> t = {{
        {{StepType::Http, "task calling an `http` template (+ `retryStrategy`)", ""}, emitHttp},
        {{StepType::Transform, "no task: its values are computed where they are read", ""},
         emitTransform},
        {{StepType::Script, "",
          "Argo's http templates run no JavaScript (a script template "
          "would need a container)"},
         emitNotCarried},
        {{StepType::Choice, "`when` on the tasks each case leads to", ""}, emitChoice},
        {{StepType::Parallel, "the branches' tasks side by side in the same DAG", ""},
         emitParallel},
        {{StepType::Map, "task with `withParam` calling a DAG template per item", ""}, emitMap},
        {{StepType::Wait, "task calling a `suspend` template", ""}, emitWait},
        {{StepType::Call, "", "sub-flows are not exported (a WorkflowTemplate reference would be)"},
         emitNotCarried},
        {{StepType::Respond, "end of the path (no task)", ""}, emitRespond},
        {{StepType::Fail, "task calling a container template that exits 1", ""}, emitFail},
    }};
    return t;
}

const TableEntry *entryFor(StepType type)
{
    return findStepEntry(table(), type);
}

} // namespace

const ExportStepMapping *argoStepMapping(StepType type)
{
    const TableEntry *e = entryFor(type);
    return e ? &e->mapping : nullptr;
}

std::string argoStepTableMarkdown()
{
    return exportStepTableMarkdown(argoStepMapping, "left out (warning)");
}

ArgoExport exportArgo(const Flow &flow, const ArgoOptions &options)
{
    Builder b(flow, options);
    ArgoExport out;
    out.workflow = b.build();
    out.warnings = std::move(b.warnings());
    return out;
}

} // namespace tutti::engine
