// The ASL exporter: one builder walks the flow's step lists and, through the per-type table at
// the end of this file (keyed by StepType, checked against the registry by tst_aslexport), turns
// each step into states of one query language. Every state carries one JSON document, the
// "state document" {input, steps, vars, error} (plus the item and index in a map body), so Tutti's
// expressions keep their meaning: `steps.ID.body.x` is `$.steps.ID.body.x`.
#include <engine/export/aslexport.h>

#include <engine/core/jsonio.h>
#include <engine/export/aslexpression.h>
#include <engine/model/steps/registry.h>
#include <engine/runtime/retry.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

namespace tutti::engine {

std::string aslText(const Json &machine)
{
    return dumpJson(machine, 2) + "\n";
}

namespace {

constexpr const char *kHttpInvoke = "arn:aws:states:::http:invoke";
constexpr const char *kCompensate = "Tutti: compensate";

// The registered status codes an `http.4xx` / `http.5xx` pattern stands for: ASL matches error
// names exactly, so a class becomes the list of its codes.
const std::vector<int> &statusClass(int hundreds)
{
    static const std::vector<int> c4 = {400, 401, 402, 403, 404, 405, 406, 407, 408, 409,
                                        410, 411, 412, 413, 414, 415, 416, 417, 418, 421,
                                        422, 423, 424, 425, 426, 428, 429, 431, 451};
    static const std::vector<int> c5 = {500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511};
    return hundreds == 4 ? c4 : c5;
}

int wholeSeconds(Micros value)
{
    return static_cast<int>(std::max<Micros>(1, (value + kSecond - 1) / kSecond));
}

struct ListContext {
    enum class Kind { Top, Branch, MapBody };
    Kind kind = Kind::Top;
    asl::Scope scope;
    std::vector<std::string> docKeys; // the fields of the state document here
};

// Where the strings of a JSON value were compiled (their templates know their location).
struct Origin {
    const expr::JsonTemplate *compiled = nullptr;
    std::string pointer;
    Origin at(const std::string &key) const
    {
        std::string escaped;
        for (char c : key)
            escaped += c == '~'   ? std::string("~0")
                       : c == '/' ? std::string("~1")
                                  : std::string(1, c);
        return {compiled, pointer + "/" + escaped};
    }
};

class Builder;
using EmitFn = void (*)(Builder &, const Step &, const ListContext &, const std::string &next,
                        Json &states);

struct TableEntry {
    ExportStepMapping mapping;
    EmitFn emit = nullptr;
};
const TableEntry *entryFor(StepType type);

class Builder {
public:
    Builder(const Flow &flow, const AslOptions &options, bool jsonata)
        : m_flow(flow)
        , m_options(options)
        , m_jsonata(jsonata)
    {
    }

    bool jsonata() const { return m_jsonata; }
    const Flow &flow() const { return m_flow; }
    std::vector<ExportWarning> &warnings() { return m_warnings; }
    const std::vector<Error> &unmapped() const { return m_unmapped; }
    bool hasCompensation() const { return !m_compensable.empty(); }

    Json build()
    {
        for (const Step &s : m_flow.steps)
            if (compensationOf(s))
                m_compensable.push_back(&s);
        flowWarnings();
        ListContext top;
        top.scope.roots = {{"input", "input"}, {"vars", "vars"}, {"error", "error"}};
        if (m_options.environment)
            top.scope.env = m_options.environment->vars;
        top.docKeys = {"input", "steps", "vars", "error"};

        Json machine = Json::object();
        machine["Comment"] = m_flow.name +
                             (m_flow.description.empty() ? "" : ": " + m_flow.description) +
                             " (exported by tutti)";
        if (m_jsonata)
            machine["QueryLanguage"] = "JSONata";
        machine["StartAt"] = "Tutti: start";
        if (m_flow.flowTimeout > 0)
            machine["TimeoutSeconds"] = seconds(m_flow.flowTimeout, "", {}, "the flow's timeout");
        Json states = Json::object();
        Json start = {{"Type", "Pass"}, {"Comment", "The state document every state carries."}};
        if (m_jsonata)
            start["Output"] = {{"input", "{% $states.input %}"},
                               {"steps", Json::object()},
                               {"vars", Json::object()},
                               {"error", nullptr}};
        else
            start["Parameters"] = {{"input.$", "$"},
                                   {"steps", Json::object()},
                                   {"vars", Json::object()},
                                   {"error", nullptr}};
        start["Next"] = m_flow.steps.empty() ? std::string("Tutti: end") : m_flow.steps[0].id;
        states["Tutti: start"] = std::move(start);
        if (m_flow.steps.empty())
            states["Tutti: end"] = {{"Type", "Succeed"}};
        emitList(m_flow.steps, top, states);
        if (hasCompensation())
            emitCompensation(top, states);
        machine["States"] = std::move(states);
        return machine;
    }

    // ---- lists and transitions ----------------------------------------------------------------

    void emitList(const std::vector<Step> &steps, const ListContext &ctx, Json &states)
    {
        for (std::size_t i = 0; i < steps.size(); ++i) {
            const Step &step = steps[i];
            std::string next;
            if (!step.next.empty())
                next = step.next;
            else if (!step.end && i + 1 < steps.size())
                next = steps[i + 1].id;
            else
                next = endOf(step, ctx, states);
            const TableEntry *entry = entryFor(step.type);
            if (!entry || !entry->emit) {
                warn(step, "step type " + std::string(toString(step.type)) + " has no ASL mapping");
                continue;
            }
            entry->emit(*this, step, ctx, next, states);
        }
    }

    // Where control goes when `step` is the last one to run in its list: the run's output (the
    // step's result, SPEC §3), a branch's result, or a map item's result.
    std::string endOf(const Step &step, const ListContext &ctx, Json &states)
    {
        const std::string name = step.id + ": result";
        Json s = {{"Type", "Pass"}};
        const std::string result =
            m_jsonata ? "$states.input.steps" + member(step.id) : "$.steps" + pathMember(step.id);
        if (ctx.kind == ListContext::Kind::Branch) {
            if (m_jsonata)
                s["Output"] = {{"steps", "{% $states.input.steps %}"},
                               {"vars", "{% $states.input.vars %}"},
                               {"last", "{% " + result + " %}"}};
            else
                s["Parameters"] = {
                    {"steps.$", "$.steps"}, {"vars.$", "$.vars"}, {"last.$", result}};
        } else if (m_jsonata) {
            s["Output"] = "{% " + result + " %}";
        } else {
            s["OutputPath"] = result;
        }
        s["End"] = true;
        if (!stepDescriptor(step).endsRun)
            states[name] = std::move(s);
        return name;
    }

    // ---- values ---------------------------------------------------------------------------------

    // Writes `t` as obj[key] (constant) or obj[key.$] (JSONPath) / "{% %}" (JSONata).
    void put(Json &obj, const std::string &key, const expr::Template &t, const asl::Scope &scope,
             const Step &step)
    {
        if (m_jsonata) {
            if (t.isConstant()) {
                obj[key] = t.parts().empty() ? std::string() : t.parts()[0].literal;
                return;
            }
            obj[key] = "{% " + jsonataOf(t, scope, step) + " %}";
            return;
        }
        asl::PathValue v = pathOf(t, scope, step);
        if (v.dynamic())
            obj[key + ".$"] = v.text;
        else
            obj[key] = v.constant;
    }

    asl::PathValue pathOf(const expr::Template &t, const asl::Scope &scope, const Step &step)
    {
        auto v = asl::toJsonPath(t, scope);
        if (v)
            return *v;
        unmapped(step, t.location(), v.error());
        return {};
    }
    std::string jsonataOf(const expr::Template &t, const asl::Scope &scope, const Step &step)
    {
        auto v = asl::toJsonata(t, scope);
        if (v)
            return *v;
        unmapped(step, t.location(), v.error());
        return "null";
    }

    std::optional<expr::Template> parseTemplate(const std::string &text, const Step &step)
    {
        auto t = expr::Template::parse(text, step.location);
        if (!t) {
            unmapped(step, step.location, t.error().message);
            return std::nullopt;
        }
        return std::move(*t);
    }

    // The template of the string `text` at `origin`: the compiled one, else parsed here.
    std::optional<expr::Template> templateOf(const std::string &text, const Origin &origin,
                                             const Step &step)
    {
        if (origin.compiled)
            if (const expr::Template *t = origin.compiled->templateAt(origin.pointer))
                return *t;
        return parseTemplate(text, step);
    }

    // A JSON template (request body, respond body, `set:`) as a value of obj[key].
    void putJson(Json &obj, const std::string &key, const Json &source, const asl::Scope &scope,
                 const Step &step, const Origin &origin = {})
    {
        if (m_jsonata) {
            obj[key] = jsonataValue(source, scope, step, origin);
            return;
        }
        if (source.is_string()) {
            if (auto t = templateOf(source.get<std::string>(), origin, step))
                put(obj, key, *t, scope, step);
            return;
        }
        if (source.is_object()) {
            Json inner = Json::object();
            for (const auto &[k, v] : source.items())
                putJson(inner, k, v, scope, step, origin.at(k));
            obj[key] = std::move(inner);
            return;
        }
        if (source.is_array()) {
            std::vector<asl::PathValue> items;
            bool dynamic = false;
            std::size_t index = 0;
            for (const Json &v : source) {
                asl::PathValue item;
                const Origin here = origin.at(std::to_string(index++));
                if (v.is_string()) {
                    if (auto t = templateOf(v.get<std::string>(), here, step))
                        item = pathOf(*t, scope, step);
                } else if (v.is_structured() && containsTemplate(v)) {
                    unmapped(step, step.location,
                             "a list holding objects with {{ }} (JSONPath builds no such list)");
                } else {
                    item.constant = v;
                }
                dynamic = dynamic || item.dynamic();
                items.push_back(std::move(item));
            }
            if (!dynamic) {
                Json out = Json::array();
                for (asl::PathValue &v : items)
                    out.push_back(std::move(v.constant));
                obj[key] = std::move(out);
                return;
            }
            std::string text = "States.Array(";
            for (std::size_t i = 0; i < items.size(); ++i)
                text += (i ? ", " : "") + asl::intrinsicArgument(items[i]).value_or("null");
            obj[key + ".$"] = text + ")";
            return;
        }
        obj[key] = source;
    }

    static bool containsTemplate(const Json &v)
    {
        if (v.is_string())
            return v.get<std::string>().find("{{") != std::string::npos;
        if (v.is_structured())
            for (const Json &c : v)
                if (containsTemplate(c))
                    return true;
        return false;
    }

    // A JSON template as one JSONata expression (objects and lists as literals).
    std::string jsonataExpr(const Json &source, const asl::Scope &scope, const Step &step,
                            const Origin &origin = {})
    {
        if (source.is_string()) {
            if (auto t = templateOf(source.get<std::string>(), origin, step))
                return jsonataOf(*t, scope, step);
            return "null";
        }
        if (source.is_object()) {
            std::string out = "{";
            bool first = true;
            for (const auto &[k, v] : source.items()) {
                out += (first ? "" : ", ") + asl::jsonataString(k) + ": " +
                       jsonataExpr(v, scope, step, origin.at(k));
                first = false;
            }
            return out + "}";
        }
        if (source.is_array()) {
            std::string out = "[";
            for (std::size_t i = 0; i < source.size(); ++i)
                out += (i ? ", " : "") +
                       jsonataExpr(source[i], scope, step, origin.at(std::to_string(i)));
            return out + "]";
        }
        return source.dump();
    }
    // The same as a JSON value with "{% %}" strings where it is computed.
    Json jsonataValue(const Json &source, const asl::Scope &scope, const Step &step,
                      const Origin &origin = {})
    {
        if (!containsTemplate(source))
            return source;
        if (source.is_object()) {
            Json out = Json::object();
            for (const auto &[k, v] : source.items())
                out[k] = jsonataValue(v, scope, step, origin.at(k));
            return out;
        }
        return "{% " + jsonataExpr(source, scope, step, origin) + " %}";
    }

    // ---- the state document ---------------------------------------------------------------------

    // JSONPath: Parameters that rebuild the document with some fields replaced.
    Json rebuild(const ListContext &ctx, const std::map<std::string, std::string> &replaced) const
    {
        Json p = Json::object();
        for (const std::string &k : ctx.docKeys) {
            auto it = replaced.find(k);
            p[k + ".$"] = it != replaced.end() ? it->second : "$" + pathMember(k);
        }
        return p;
    }
    // JSONata: the document with steps.ID = `result` (a JSONata expression).
    std::string withStep(const std::string &id, const std::string &result,
                         const std::string &extra = {}) const
    {
        return "{% $merge([$states.input, {'steps': $merge([$states.input.steps, {" +
               asl::jsonataString(id) + ": " + result + "}])" + extra + "}]) %}";
    }

    static std::string pathMember(const std::string &name)
    {
        bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9') &&
                     std::all_of(name.begin(), name.end(), [](char c) {
                         return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
                     });
        if (plain)
            return "." + name;
        std::string q;
        for (char c : name) {
            if (c == '\'' || c == '\\')
                q += '\\';
            q += c;
        }
        return "['" + q + "']";
    }
    static std::string member(const std::string &name)
    {
        bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9') &&
                     std::all_of(name.begin(), name.end(), [](char c) {
                         return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
                     });
        return plain ? "." + name : ".`" + name + "`";
    }

    // ---- errors, retries, catches, timeouts -----------------------------------------------------

    // ASL error names for Tutti's error name (SPEC §3); empty with a warning when none exists.
    std::vector<std::string> errorNames(const std::string &name, const Step &step)
    {
        if (name == "any")
            return {"States.ALL"};
        if (name == "timeout")
            return {"States.Timeout"};
        if (name == "connection")
            return {"States.Http.Socket"};
        if (name.starts_with("http.") && name.size() == 8) {
            const std::string code = name.substr(5);
            if (code[1] == 'x' && code[2] == 'x' && (code[0] == '4' || code[0] == '5')) {
                std::vector<std::string> out;
                for (int c : statusClass(code[0] - '0'))
                    out.push_back("States.Http.StatusCode." + std::to_string(c));
                return out;
            }
            return {"States.Http.StatusCode." + code};
        }
        static const std::set<std::string> engineOnly = {"parse", "script",       "validation",
                                                         "auth",  "circuit_open", "cancelled"};
        if (engineOnly.contains(name)) {
            warn(step, "error `" + name + "` has no Step Functions counterpart; not matched there");
            return {};
        }
        return {name}; // a custom name raised by a fail step
    }

    Json errorEquals(const std::vector<std::string> &on, const Step &step)
    {
        std::vector<std::string> names;
        for (const std::string &n : on)
            for (std::string &a : errorNames(n, step))
                if (std::find(names.begin(), names.end(), a) == names.end())
                    names.push_back(std::move(a));
        // States.ALL must stand alone.
        if (std::find(names.begin(), names.end(), "States.ALL") != names.end())
            names = {"States.ALL"};
        return names;
    }

    int seconds(Micros value, const std::string &stepId, const SourceLocation &where,
                const std::string &what)
    {
        const int s = wholeSeconds(value);
        if (static_cast<Micros>(s) * kSecond != value) {
            ExportWarning w{stepId, where,
                            what + " " + formatDuration(value) + " rounded up to " +
                                std::to_string(s) + "s (ASL counts whole seconds)"};
            m_warnings.push_back(std::move(w));
        }
        return s;
    }

    Json retrier(const RetryPolicy &p, const Step &step, const std::string &what = "retry")
    {
        Json r = Json::object();
        r["ErrorEquals"] = errorEquals(p.on, step);
        r["IntervalSeconds"] = seconds(p.interval, step.id, step.location, what + " interval");
        r["MaxAttempts"] = p.retries;
        r["BackoffRate"] = p.backoff;
        r["MaxDelaySeconds"] = seconds(p.maxDelay, step.id, step.location, what + " max_delay");
        r["JitterStrategy"] = p.jitter == Jitter::Full ? "FULL" : "NONE";
        if (p.respectRetryAfter)
            warn(step, "respect_retry_after is not carried (ASL retries on its own schedule)");
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

    // Retry, Catch and TimeoutSeconds of a Task, Parallel or Map state.
    void addErrorHandling(Json &s, const Step &step, const ListContext &ctx)
    {
        const StepDescriptor &d = stepDescriptor(step);
        if (d.hasTimeout()) {
            std::optional<Micros> timeout = step.timeout;
            if (!timeout && d.flowDefaults)
                timeout = m_flow.defaultTimeout;
            if (timeout) {
                if (d.timeoutCoversStep && s["Type"] != "Task")
                    warn(step, "timeout is not carried (ASL has no timeout on " +
                                   s["Type"].get<std::string>() + " states)");
                else
                    s["TimeoutSeconds"] = seconds(*timeout, step.id, step.location, "timeout");
            }
        }
        if (const RetryPolicy *p = retryOf(step); p && p->retries > 0) {
            Json r = retrier(*p, step);
            if (!r["ErrorEquals"].empty())
                s["Retry"] = Json::array({std::move(r)});
        }
        Json catches = Json::array();
        bool all = false;
        for (const CatchRule &rule : step.catches) {
            if (all) {
                warn(step, "a catch after `any` never applies; left out");
                continue;
            }
            Json c = Json::object();
            c["ErrorEquals"] = errorEquals(rule.on, step);
            if (c["ErrorEquals"].empty())
                continue;
            all = c["ErrorEquals"][0] == "States.ALL";
            c["Next"] = rule.next;
            catchOutput(c);
            catches.push_back(std::move(c));
        }
        // An unhandled error of the top-level list runs the compensations (SPEC §3: saga).
        if (!all && ctx.kind == ListContext::Kind::Top && hasCompensation()) {
            Json c = {{"ErrorEquals", Json::array({"States.ALL"})}, {"Next", kCompensate}};
            catchOutput(c);
            catches.push_back(std::move(c));
        }
        if (!catches.empty())
            s["Catch"] = std::move(catches);
    }

    void catchOutput(Json &c) const
    {
        if (m_jsonata)
            c["Output"] = "{% $merge([$states.input, {'error': $states.errorOutput}]) %}";
        else
            c["ResultPath"] = "$.error";
    }

    // ---- compensation ---------------------------------------------------------------------------

    // The saga: from the newest compensable step to the oldest, a Choice runs its compensation
    // when the step completed (its result is in the document), then the run fails.
    void emitCompensation(const ListContext &ctx, Json &states)
    {
        const std::string finish = "Tutti: compensation done";
        auto checkName = [](const Step *s) { return "undo " + s->id + "?"; };
        for (std::size_t k = m_compensable.size(); k-- > 0;) {
            const Step &step = *m_compensable[k];
            const std::string after = k == 0 ? finish : checkName(m_compensable[k - 1]);
            const std::string name =
                k + 1 == m_compensable.size() ? std::string(kCompensate) : checkName(&step);
            Json check = {{"Type", "Choice"}};
            Json rule = Json::object();
            if (m_jsonata)
                rule["Condition"] = "{% $exists($states.input.steps" + member(step.id) + ") %}";
            else
                rule = {{"Variable", "$.steps" + pathMember(step.id)}, {"IsPresent", true}};
            rule["Next"] = "undo " + step.id;
            check["Choices"] = Json::array({std::move(rule)});
            check["Default"] = after;
            states[name] = std::move(check);

            Json task = {{"Type", "Task"}, {"Resource", kHttpInvoke}};
            task["Comment"] = "Compensation of " + step.id + " (SPEC §3 saga).";
            requestArguments(task, *compensationOf(step), step, ctx.scope);
            const RetryPolicy &policy = compensationRetryPolicy();
            task["TimeoutSeconds"] = seconds(step.timeout.value_or(m_flow.defaultTimeout), step.id,
                                             step.location, "compensation timeout");
            task["Retry"] = Json::array({retrier(policy, step, "compensation retry")});
            Json failed = {{"ErrorEquals", Json::array({"States.ALL"})}, {"Next", after}};
            if (m_jsonata) {
                task["Output"] = "{% $states.input %}";
                failed["Output"] =
                    "{% $merge([$states.input, {'compensationFailed': $states.errorOutput}]) %}";
            } else {
                task["ResultPath"] = nullptr;
                failed["ResultPath"] = "$.compensationFailed";
            }
            task["Catch"] = Json::array({std::move(failed)});
            task["Next"] = after;
            states["undo " + step.id] = std::move(task);
        }
        Json done = {{"Type", "Choice"}};
        Json rule = Json::object();
        if (m_jsonata)
            rule["Condition"] = "{% $exists($states.input.compensationFailed) %}";
        else
            rule = {{"Variable", "$.compensationFailed"}, {"IsPresent", true}};
        rule["Next"] = "Tutti: compensation failed";
        done["Choices"] = Json::array({std::move(rule)});
        done["Default"] = "Tutti: failed";
        states[finish] = std::move(done);
        states["Tutti: compensation failed"] = {
            {"Type", "Fail"},
            {"Error", "Tutti.CompensationFailed"},
            {"Cause", "a compensation failed after the run failed (see the execution history)"}};
        Json fail = {{"Type", "Fail"}};
        if (m_jsonata) {
            fail["Error"] = "{% $states.input.error.Error %}";
            fail["Cause"] = "{% $string($states.input.error.Cause) %}";
        } else {
            fail["ErrorPath"] = "$.error.Error";
            fail["CausePath"] = "$.error.Cause";
        }
        states["Tutti: failed"] = std::move(fail);
    }

    // ---- HTTP -----------------------------------------------------------------------------------

    std::string baseUrl(const std::string &service, const Step &step)
    {
        if (auto url = exportBaseUrl(m_flow, m_options.environment, service))
            return *url;
        if (m_placeholderWarned.insert(service).second)
            warn(step, "service " + service +
                           " has no base URL in this environment (its mock is not carried): "
                           "ApiEndpoint is a placeholder; export with --env NAME");
        return "https://" + service + ".example.invalid";
    }

    std::string connectionArn(const std::string &service) const
    {
        return "arn:aws:events:REGION:ACCOUNT:connection/tutti-" +
               (service.empty() ? std::string("default") : service) + "/REPLACE-ME";
    }

    // Parameters (JSONPath) or Arguments (JSONata) of an http:invoke Task.
    void requestArguments(Json &task, const HttpRequestSpec &request, const Step &step,
                          const asl::Scope &scope)
    {
        const HttpSpec *http = step.tryAs<HttpSpec>();
        const std::string service = http ? http->service : std::string();
        Json args = Json::object();
        std::optional<expr::Template> endpoint;
        if (request.url)
            endpoint = request.url;
        else
            endpoint = parseTemplate(
                baseUrl(service, step) + (request.path ? request.path->source() : ""), step);
        if (endpoint)
            put(args, "ApiEndpoint", *endpoint, scope, step);
        args["Method"] = request.method;
        args["Authentication"] = {{"ConnectionArn", connectionArn(service)}};
        if (request.headers) {
            Json headers = Json::object();
            for (const auto &[name, value] : request.headers->source().items()) {
                std::string lower = name;
                std::transform(lower.begin(), lower.end(), lower.begin(),
                               [](unsigned char c) { return std::tolower(c); });
                if (containsSecret(value) || lower == "authorization" || lower == "x-api-key") {
                    warn(step, "header " + name +
                                   " is not carried: credentials belong in the EventBridge "
                                   "connection " +
                                   connectionArn(service));
                    continue;
                }
                const Origin origin = Origin{&*request.headers, ""}.at(name);
                if (m_jsonata)
                    headers[name] = jsonataValue(value, scope, step, origin);
                else
                    putJson(headers, name, value, scope, step, origin);
            }
            if (!headers.empty())
                args["Headers"] = std::move(headers);
        }
        if (request.query)
            putJson(args, "QueryParameters", request.query->source(), scope, step,
                    {&*request.query, ""});
        if (request.body)
            putJson(args, "RequestBody", request.body->source(), scope, step, {&*request.body, ""});
        if (request.form) {
            putJson(args, "RequestBody", request.form->source(), scope, step, {&*request.form, ""});
            args["Transform"] = {{"RequestBodyEncoding", "URL_ENCODED"}};
        }
        task[m_jsonata ? "Arguments" : "Parameters"] = std::move(args);
    }

    static bool containsSecret(const Json &v)
    {
        return v.is_string() && v.get<std::string>().find("secret.") != std::string::npos;
    }

    void warn(const Step &step, std::string message)
    {
        m_warnings.push_back({step.id, step.location, std::move(message)});
    }
    void unmapped(const Step &step, const SourceLocation &where, const std::string &why)
    {
        const SourceLocation at = where.isKnown() ? where : step.location;
        m_unmapped.push_back(Error{ErrorCode::Validation,
                                   "step " + step.id + ": " + why + " has no " +
                                       (m_jsonata ? "JSONata" : "JSONPath") + " form",
                                   at, step.pointer});
    }

private:
    void flowWarnings()
    {
        if (!m_flow.inputSchema.is_null())
            m_warnings.push_back({"", SourceLocation{m_flow.filePath, 0, 0},
                                  "input schema is not carried: Step Functions does not check the "
                                  "execution input"});
        for (const auto &[name, service] : m_flow.services) {
            if (service.circuit)
                m_warnings.push_back({"", service.location,
                                      "service " + name +
                                          ": circuit breaker is not carried (Step Functions has "
                                          "none; its retries keep calling)"});
            if (service.auth)
                m_warnings.push_back({"", service.location,
                                      "service " + name +
                                          ": auth goes through the EventBridge "
                                          "connection " +
                                          connectionArn(name) + "; fill in its ARN"});
        }
    }

    const Flow &m_flow;
    const AslOptions &m_options;
    bool m_jsonata = false;
    std::vector<ExportWarning> m_warnings;
    std::vector<Error> m_unmapped;
    std::vector<const Step *> m_compensable;
    std::set<std::string> m_placeholderWarned;
};

// ---- one emitter per step type ------------------------------------------------------------------

void emitHttp(Builder &b, const Step &step, const ListContext &ctx, const std::string &next,
              Json &states)
{
    const HttpSpec &http = step.as<HttpSpec>();
    Json task = {{"Type", "Task"}, {"Resource", kHttpInvoke}};
    if (!step.description.empty())
        task["Comment"] = step.description;
    b.requestArguments(task, http.request, step, ctx.scope);
    if (http.auth)
        b.warn(step, "auth goes through the EventBridge connection " +
                         b.connectionArn(http.service) + "; fill in its ARN");
    if (!http.expect.empty() &&
        !(http.expect.size() == 1 && http.expect[0].low == 200 && http.expect[0].high == 299))
        b.warn(step, "expect is not carried: Step Functions counts 2xx as success");
    if (http.output)
        b.warn(step, "output is not carried: the step's result is {status, headers, body}");
    if (http.compensate && ctx.kind != ListContext::Kind::Top)
        b.warn(step, "compensate inside a branch or map body is not carried (the saga covers the "
                     "top-level steps)");
    if (b.jsonata()) {
        task["Output"] = b.withStep(step.id, "{'status': $states.result.StatusCode, 'headers': "
                                             "$states.result.Headers, 'body': "
                                             "$states.result.ResponseBody}");
    } else {
        task["ResultSelector"] = {
            {"status.$", "$.StatusCode"}, {"headers.$", "$.Headers"}, {"body.$", "$.ResponseBody"}};
        task["ResultPath"] = "$.steps" + Builder::pathMember(step.id);
    }
    b.addErrorHandling(task, step, ctx);
    task["Next"] = next;
    states[step.id] = std::move(task);
}

void emitTransform(Builder &b, const Step &step, const ListContext &ctx, const std::string &next,
                   Json &states)
{
    const TransformSpec &spec = step.as<TransformSpec>();
    if (b.jsonata()) {
        std::string r = "{";
        for (std::size_t i = 0; i < spec.set.size(); ++i)
            r += (i ? ", " : "") + asl::jsonataString(spec.set[i].first) + ": " +
                 b.jsonataExpr(spec.set[i].second.source(), ctx.scope, step,
                               {&spec.set[i].second, ""});
        r += "}";
        states[step.id] = {
            {"Type", "Pass"},
            {"Output", "{% ($r := " + r +
                           "; $merge([$states.input, {'steps': "
                           "$merge([$states.input.steps, {" +
                           asl::jsonataString(step.id) +
                           ": $r}]), 'vars': $merge([$states.input.vars, $r])}])) %}"},
            {"Next", next}};
        return;
    }
    Json params = Json::object();
    for (const auto &[name, value] : spec.set)
        b.putJson(params, name, value.source(), ctx.scope, step, {&value, ""});
    const std::string result = "$.steps" + Builder::pathMember(step.id);
    states[step.id] = {{"Type", "Pass"},
                       {"Parameters", std::move(params)},
                       {"ResultPath", result},
                       {"Next", step.id + ": vars"}};
    states[step.id + ": vars"] = {
        {"Type", "Pass"},
        {"Comment", "vars gets what " + step.id + " set."},
        {"Parameters",
         b.rebuild(ctx, {{"vars", "States.JsonMerge($.vars, " + result + ", false)"}})},
        {"Next", next}};
}

void emitNotCarried(Builder &b, const Step &step, const ListContext &, const std::string &next,
                    Json &states)
{
    const ExportStepMapping *m = aslStepMapping(step.type);
    const std::string why = m ? m->notCarried : std::string("not carried");
    b.warn(step, std::string(toString(step.type)) + " step is not carried: " + why +
                     "; exported as a Pass state that sets its result to null");
    Json s = {{"Type", "Pass"},
              {"Comment", "NOT CARRIED: " + std::string(toString(step.type)) + " step " + step.id +
                              " (" + why + ")"}};
    if (b.jsonata())
        s["Output"] = b.withStep(step.id, "null");
    else {
        s["Result"] = nullptr;
        s["ResultPath"] = "$.steps" + Builder::pathMember(step.id);
    }
    s["Next"] = next;
    states[step.id] = std::move(s);
}

void emitChoice(Builder &b, const Step &step, const ListContext &ctx, const std::string &next,
                Json &states)
{
    const ChoiceSpec &spec = step.as<ChoiceSpec>();
    Json choices = Json::array();
    for (const ChoiceCase &c : spec.cases) {
        Json rule = Json::object();
        const auto &parts = c.when.parts();
        if (b.jsonata()) {
            rule["Condition"] =
                "{% " + asl::jsonataTruthy(b.jsonataOf(c.when, ctx.scope, step)) + " %}";
        } else if (parts.size() == 1 && parts[0].expression) {
            auto r = asl::toChoiceRule(*parts[0].expression, ctx.scope);
            if (r)
                rule = std::move(*r);
            else
                b.unmapped(step, c.location, r.error());
        } else {
            b.unmapped(step, c.location, "a `when:` that is not one expression");
        }
        rule["Next"] = c.next;
        choices.push_back(std::move(rule));
    }
    Json s = {{"Type", "Choice"}};
    if (!step.description.empty())
        s["Comment"] = step.description;
    s["Choices"] = std::move(choices);
    s["Default"] = spec.defaultNext.empty() ? next : spec.defaultNext;
    states[step.id] = std::move(s);
}

void emitWait(Builder &b, const Step &step, const ListContext &ctx, const std::string &next,
              Json &states)
{
    const WaitSpec &spec = step.as<WaitSpec>();
    Json s = {{"Type", "Wait"}};
    if (spec.duration) {
        s["Seconds"] = b.seconds(*spec.duration, step.id, step.location, "wait");
    } else if (spec.until) {
        b.warn(step, "until must be an ISO-8601 time in Step Functions (epoch milliseconds are "
                     "not read)");
        if (b.jsonata()) {
            s["Timestamp"] = "{% " + b.jsonataOf(*spec.until, ctx.scope, step) + " %}";
        } else {
            asl::PathValue v = b.pathOf(*spec.until, ctx.scope, step);
            if (v.kind == asl::PathValue::Kind::Path)
                s["TimestampPath"] = v.text;
            else if (!v.dynamic() && v.constant.is_string())
                s["Timestamp"] = v.constant;
            else
                b.unmapped(step, spec.until->location(), "`until` that is not a path");
        }
    }
    s["Next"] = next;
    states[step.id] = std::move(s);
}

void emitRespond(Builder &b, const Step &step, const ListContext &ctx, const std::string &,
                 Json &states)
{
    const RespondSpec &spec = step.as<RespondSpec>();
    Json s = {{"Type", "Pass"},
              {"Comment", "respond " + std::to_string(spec.status) +
                              " (the status is for tutti serve; the body is the output)"}};
    const Json body = spec.body ? spec.body->source() : Json();
    const Origin origin{spec.body ? &*spec.body : nullptr, ""};
    if (b.jsonata()) {
        s["Output"] = b.jsonataValue(body, ctx.scope, step, origin);
    } else {
        Json params = Json::object();
        b.putJson(params, "body", body, ctx.scope, step, origin);
        s["Parameters"] = std::move(params);
        s["OutputPath"] = "$.body";
    }
    s["Next"] = step.id + ": done";
    states[step.id] = std::move(s);
    states[step.id + ": done"] = {{"Type", "Succeed"}};
}

void emitFail(Builder &b, const Step &step, const ListContext &ctx, const std::string &,
              Json &states)
{
    const FailSpec &spec = step.as<FailSpec>();
    if (ctx.kind == ListContext::Kind::Top && b.hasCompensation()) {
        // A fail step runs the compensations first (SPEC §3).
        Json s = {{"Type", "Pass"}};
        if (b.jsonata()) {
            s["Output"] =
                "{% $merge([$states.input, {'error': {'Error': " +
                asl::jsonataString(spec.errorName) + ", 'Cause': " +
                (spec.message ? b.jsonataOf(*spec.message, ctx.scope, step) : std::string("''")) +
                "}}]) %}";
        } else {
            Json params = {{"Error", spec.errorName}};
            if (spec.message)
                b.put(params, "Cause", *spec.message, ctx.scope, step);
            else
                params["Cause"] = "";
            s["Parameters"] = std::move(params);
            s["ResultPath"] = "$.error";
        }
        s["Next"] = kCompensate;
        states[step.id] = std::move(s);
        return;
    }
    Json s = {{"Type", "Fail"}, {"Error", spec.errorName}};
    if (spec.message) {
        if (b.jsonata()) {
            s["Cause"] = "{% " + b.jsonataOf(*spec.message, ctx.scope, step) + " %}";
        } else {
            asl::PathValue v = b.pathOf(*spec.message, ctx.scope, step);
            if (v.dynamic())
                s["CausePath"] = v.text;
            else
                s["Cause"] =
                    v.constant.is_string() ? v.constant.get<std::string>() : v.constant.dump();
        }
    }
    states[step.id] = std::move(s);
}

void emitParallel(Builder &b, const Step &step, const ListContext &ctx, const std::string &next,
                  Json &states)
{
    const ParallelSpec &spec = step.as<ParallelSpec>();
    if (!spec.failFast)
        b.warn(step, "fail: all is not carried: a Parallel state stops the other branches at the "
                     "first failure");
    ListContext inner = ctx;
    inner.kind = ListContext::Kind::Branch;
    Json branches = Json::array();
    for (const Branch &branch : spec.branches) {
        Json branchStates = Json::object();
        b.emitList(branch.steps, inner, branchStates);
        branches.push_back({{"Comment", "branch " + branch.name},
                            {"StartAt", branch.steps.empty() ? std::string() : branch.steps[0].id},
                            {"States", std::move(branchStates)}});
    }
    Json s = {{"Type", "Parallel"}};
    if (!step.description.empty())
        s["Comment"] = step.description;
    s["Branches"] = std::move(branches);
    const std::size_t n = spec.branches.size();
    if (b.jsonata()) {
        std::string steps = "$states.input.steps", vars = "$states.input.vars", result = "{";
        for (std::size_t i = 0; i < n; ++i) {
            const std::string r = "$states.result[" + std::to_string(i) + "]";
            steps += ", " + r + ".steps";
            vars += ", " + r + ".vars";
            result +=
                (i ? ", " : "") + asl::jsonataString(spec.branches[i].name) + ": " + r + ".last";
        }
        s["Output"] = "{% $merge([$states.input, {'steps': $merge([" + steps + ", {" +
                      asl::jsonataString(step.id) + ": " + result + "}}]), 'vars': $merge([" +
                      vars + "])}]) %}";
        b.addErrorHandling(s, step, ctx);
        s["Next"] = next;
        states[step.id] = std::move(s);
        return;
    }
    // The branches' documents are merged back: every step they ran is visible after the
    // parallel step (SPEC §3), and steps.PAR.BRANCH is each branch's last result.
    auto merged = [&](const std::string &field) {
        std::string out = "$[0]." + field;
        for (std::size_t i = 1; i < n; ++i)
            out =
                "States.JsonMerge(" + out + ", $[" + std::to_string(i) + "]." + field + ", false)";
        return out;
    };
    Json byBranch = Json::object();
    for (std::size_t i = 0; i < n; ++i)
        byBranch[spec.branches[i].name + ".$"] = "$[" + std::to_string(i) + "].last";
    if (n > 0) {
        s["ResultSelector"] = {{"steps.$", merged("steps")},
                               {"vars.$", merged("vars")},
                               {"result", {{step.id, std::move(byBranch)}}}};
        s["ResultPath"] = "$.parallel";
    }
    b.addErrorHandling(s, step, ctx);
    s["Next"] = n > 0 ? step.id + ": merge" : next;
    states[step.id] = std::move(s);
    if (n > 0)
        states[step.id + ": merge"] = {
            {"Type", "Pass"},
            {"Comment", "steps and vars get what the branches of " + step.id + " did."},
            {"Parameters",
             b.rebuild(ctx,
                       {{"steps", "States.JsonMerge($.parallel.steps, $.parallel.result, false)"},
                        {"vars", "$.parallel.vars"}})},
            {"Next", next}};
}

void emitMap(Builder &b, const Step &step, const ListContext &ctx, const std::string &next,
             Json &states)
{
    const MapSpec &spec = step.as<MapSpec>();
    if (spec.tolerateCount || spec.toleratePercent)
        b.warn(step, "tolerate is not carried: an inline Map fails when an item fails");
    ListContext inner = ctx;
    inner.kind = ListContext::Kind::MapBody;
    inner.scope.roots[spec.as] = spec.as;
    inner.scope.roots["index"] = "index";
    inner.docKeys = {"input", "steps", "vars", "error", spec.as, "index"};
    Json bodyStates = Json::object();
    b.emitList(spec.body, inner, bodyStates);
    Json s = {{"Type", "Map"}};
    if (!step.description.empty())
        s["Comment"] = step.description;
    if (b.jsonata()) {
        if (spec.items)
            s["Items"] = "{% " + b.jsonataOf(*spec.items, ctx.scope, step) + " %}";
        s["ItemSelector"] = {{"input", "{% $states.input.input %}"},
                             {"steps", "{% $states.input.steps %}"},
                             {"vars", "{% $states.input.vars %}"},
                             {"error", "{% $states.input.error %}"},
                             {spec.as, "{% $states.context.Map.Item.Value %}"},
                             {"index", "{% $states.context.Map.Item.Index %}"}};
    } else {
        if (spec.items) {
            asl::PathValue v = b.pathOf(*spec.items, ctx.scope, step);
            if (v.kind == asl::PathValue::Kind::Path)
                s["ItemsPath"] = v.text;
            else
                b.unmapped(step, spec.items->location(), "`items` that is not a path");
        }
        s["ItemSelector"] = {{"input.$", "$.input"},
                             {"steps.$", "$.steps"},
                             {"vars.$", "$.vars"},
                             {"error.$", "$.error"},
                             {spec.as + ".$", "$$.Map.Item.Value"},
                             {"index.$", "$$.Map.Item.Index"}};
    }
    s["ItemProcessor"] = {{"ProcessorConfig", {{"Mode", "INLINE"}}},
                          {"StartAt", spec.body.empty() ? std::string() : spec.body[0].id},
                          {"States", std::move(bodyStates)}};
    if (spec.concurrency > 0)
        s["MaxConcurrency"] = spec.concurrency;
    if (b.jsonata())
        s["Output"] = b.withStep(step.id, "$states.result");
    else
        s["ResultPath"] = "$.steps" + Builder::pathMember(step.id);
    b.addErrorHandling(s, step, ctx);
    s["Next"] = next;
    states[step.id] = std::move(s);
}

// Indexed by StepType (registry order); tst_aslexport checks every registered type is here.
const std::array<TableEntry, 10> &table()
{
    static const std::array<TableEntry, 10> t = {{
        {{StepType::Http, "Task (arn:aws:states:::http:invoke)", ""}, emitHttp},
        {{StepType::Transform, "Pass (+ Pass merging vars)", ""}, emitTransform},
        {{StepType::Script, "", "Step Functions runs no JavaScript (a Lambda would)"},
         emitNotCarried},
        {{StepType::Choice, "Choice", ""}, emitChoice},
        {{StepType::Parallel, "Parallel (+ Pass merging the branches' results)", ""}, emitParallel},
        {{StepType::Map, "Map (inline)", ""}, emitMap},
        {{StepType::Wait, "Wait", ""}, emitWait},
        {{StepType::Call, "", "sub-flows are not exported (a nested state machine would be)"},
         emitNotCarried},
        {{StepType::Respond, "Pass + Succeed", ""}, emitRespond},
        {{StepType::Fail, "Fail (after the compensations, when the flow has some)", ""}, emitFail},
    }};
    return t;
}

const TableEntry *entryFor(StepType type)
{
    return findStepEntry(table(), type);
}

} // namespace

const ExportStepMapping *aslStepMapping(StepType type)
{
    const TableEntry *e = entryFor(type);
    return e ? &e->mapping : nullptr;
}

std::string aslStepTableMarkdown()
{
    return exportStepTableMarkdown(aslStepMapping, "Pass (placeholder)");
}

Result<AslExport> exportAsl(const Flow &flow, const AslOptions &options)
{
    auto attempt = [&](bool jsonata) {
        Builder b(flow, options, jsonata);
        Json machine = b.build();
        return std::make_tuple(std::move(machine), b.warnings(), b.unmapped());
    };
    bool jsonata = options.language == AslQueryLanguage::Jsonata;
    auto [machine, warnings, unmapped] = attempt(jsonata);
    if (options.language == AslQueryLanguage::Auto && !unmapped.empty()) {
        // SPEC §8: JSONPath when every expression maps, JSONata otherwise (unless that carries
        // even less).
        auto other = attempt(true);
        if (std::get<2>(other).size() < unmapped.size()) {
            jsonata = true;
            std::tie(machine, warnings, unmapped) = std::move(other);
        }
    }
    if (options.language == AslQueryLanguage::JsonPath && !unmapped.empty()) {
        std::string message = "cannot export with --query-language jsonpath:";
        for (const Error &e : unmapped)
            message += "\n  " + e.toString();
        return fail(ErrorCode::Validation, message, unmapped.front().location,
                    unmapped.front().path);
    }
    for (const Error &e : unmapped)
        warnings.push_back({"", e.location, e.message + "; exported as null"});
    AslExport out;
    out.machine = std::move(machine);
    out.queryLanguage = jsonata ? "JSONata" : "JSONPath";
    out.warnings = std::move(warnings);
    return out;
}

} // namespace tutti::engine
