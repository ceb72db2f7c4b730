// Builds the typed Flow from a *.flow.yaml document (SPEC §3) and reports every problem it finds
// with FILE:LINE:COL and the JSON pointer, in file order, instead of stopping at the first. Reads
// no file: what the flow names outside itself is left to the resolver (flowresolver.cpp).
#include <engine/core/jsonio.h>
#include <engine/model/flowgraph.h>
#include <engine/model/flowparser.h>
#include <engine/model/flowresolver.h>
#include <engine/model/schema.h>
#include <engine/model/steps/fieldreader.h>
#include <engine/model/steps/registry.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <utility>

namespace tutti::engine {

namespace {

using internal::describe;
using internal::isIdentifier;
using internal::isName;
using internal::joined;
using internal::suggestion;

// Builds the Flow: the top level and the keys every step has; each step type's own keys are
// read by its descriptor (engine/model/steps/).
class FlowBuilder : public internal::FieldReader {
public:
    using FieldReader::FieldReader;

    std::shared_ptr<Flow> build();

private:
    Step parseStep(const Json &v, const std::string &pointer) override;
    void services(const Json &v, const std::string &pointer, Flow &flow);

    std::map<std::string, std::string> m_ids; // id -> pointer of its first step
};

// The keys some step type takes: all a step without a (known) type can be judged by.
const std::vector<std::string> &anyStepKeys()
{
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> out;
        for (const StepDescriptor *d : stepDescriptors())
            for (const auto &key : d->keys())
                if (std::find(out.begin(), out.end(), key) == out.end())
                    out.push_back(key);
        return out;
    }();
    return keys;
}

Step FlowBuilder::parseStep(const Json &v, const std::string &pointer)
{
    Step s;
    s.pointer = pointer;
    s.location = m_doc.locate(pointer);
    if (!expectObject(v, pointer, "a step"))
        return s;

    if (auto id = string(v, "id", pointer, true, "a step")) {
        s.id = *id;
        const std::string idPointer = child(pointer, "id");
        if (!isIdentifier(s.id)) {
            error(ErrorCode::Schema,
                  "step id '" + s.id +
                      "' must be letters, digits and underscores, starting with a letter (it "
                      "is read as steps." +
                      s.id + ")",
                  idPointer);
        } else if (auto [it, inserted] = m_ids.emplace(s.id, idPointer); !inserted) {
            const SourceLocation first = m_doc.locate(it->second);
            error(ErrorCode::Validation,
                  "duplicate step id '" + s.id + "' (first used at line " +
                      std::to_string(first.line) + "); step ids are unique in the whole file",
                  idPointer);
        }
    }
    if (auto d = string(v, "description", pointer))
        s.description = *d;

    const Json *typeValue = field(v, "type");
    std::optional<StepType> type;
    if (!typeValue) {
        // `tpye: http` is reported below as a misspelt key; "needs 'type'" would only repeat it.
        bool misspelt = false;
        for (auto it = v.begin(); it != v.end(); ++it)
            misspelt =
                misspelt || (it.key() != "type" && closestMatch(it.key(), {"type"}) == "type");
        if (!misspelt)
            error(ErrorCode::Schema, "a step needs 'type'; types: " + joined(stepTypeNames()),
                  pointer);
    } else if (!typeValue->is_string()) {
        error(ErrorCode::Schema,
              "'type' must be a step type (" + joined(stepTypeNames()) + "), got " +
                  describe(*typeValue),
              child(pointer, "type"));
    } else {
        const std::string name = typeValue->get<std::string>();
        type = parseStepType(name);
        if (!type)
            error(ErrorCode::Schema,
                  "unknown step type '" + name + "'" + suggestion(name, stepTypeNames()) +
                      "; types: " + joined(stepTypeNames()),
                  child(pointer, "type"));
    }
    if (!type) {
        // Without a type only keys that no step type takes can be judged; keep id/next for the
        // graph checks.
        checkKeys(v, pointer, anyStepKeys(), "a step");
        if (auto next = string(v, "next", pointer))
            s.next = *next;
        return s;
    }
    const StepDescriptor &descriptor = stepDescriptor(*type);
    s.type = *type;
    s.spec = defaultStepSpec(s.type);
    checkKeys(v, pointer, descriptor.keys(), "a " + descriptor.name + " step");

    if (descriptor.endsRun && m_nesting > 0)
        error(ErrorCode::Validation,
              "a " + descriptor.name +
                  " step ends the whole run, so it may only be in the top-level steps, not "
                  "inside a parallel branch or a map body",
              child(pointer, "type"));

    // The common keys are read whatever the type: one the type does not take was reported as
    // unknown above, and its value is still checked so every mistake shows at once.
    if (auto next = string(v, "next", pointer))
        s.next = *next;
    if (auto end = boolean(v, "end", pointer))
        s.end = *end;
    if (field(v, "next") && s.end)
        error(ErrorCode::Schema, "a step takes 'next' or 'end: true', not both",
              child(pointer, "end"), true);

    const bool custom = descriptor.customErrorNames;
    s.timeout = duration(v, "timeout", pointer, true);
    if (!s.timeout)
        s.timeout = descriptor.defaultTimeout;
    if (const Json *r = field(v, "retry"))
        s.retry = retry(*r, child(pointer, "retry"), custom);
    if (const Json *c = field(v, "catch"))
        s.catches = catches(*c, child(pointer, "catch"), custom);

    descriptor.parse(*this, v, pointer, s);
    return s;
}

void FlowBuilder::services(const Json &v, const std::string &pointer, Flow &flow)
{
    if (v.is_null())
        return;
    if (!expectObject(v, pointer, "'services'"))
        return;
    for (auto it = v.begin(); it != v.end(); ++it) {
        const std::string p = child(pointer, it.key());
        ServiceSpec spec;
        spec.name = it.key();
        spec.location = m_doc.locateKey(p);
        if (!isName(spec.name))
            error(ErrorCode::Schema,
                  "service name '" + spec.name + "' must be letters, digits, '_', '-' or '.'", p,
                  true);
        const Json &s = *it;
        if (!s.is_null() && expectObject(s, p, "service '" + spec.name + "'")) {
            checkKeys(s, p, {"mock", "base_url", "circuit", "auth"}, "service '" + spec.name + "'");
            if (auto mock = string(s, "mock", p)) {
                spec.mockFile = useMock(spec.name, *mock, child(p, "mock"));
            }
            if (auto url = string(s, "base_url", p)) {
                if (!url->starts_with("http://") && !url->starts_with("https://"))
                    error(ErrorCode::Schema,
                          "'base_url' must start with http:// or https://, got '" + *url + "'",
                          child(p, "base_url"));
                else
                    spec.baseUrl = *url;
            }
            if (const Json *c = field(s, "circuit")) {
                const std::string cp = child(p, "circuit");
                if (expectObject(*c, cp, "'circuit'")) {
                    checkKeys(*c, cp, {"failures", "window", "open_for"}, "'circuit'");
                    CircuitBreakerSpec circuit;
                    if (auto n = integer(*c, "failures", cp, 1, 1000000))
                        circuit.failures = static_cast<int>(*n);
                    if (auto d = duration(*c, "window", cp, true))
                        circuit.window = *d;
                    if (auto d = duration(*c, "open_for", cp, true))
                        circuit.openFor = *d;
                    spec.circuit = circuit;
                }
            }
            if (const Json *a = field(s, "auth"))
                spec.auth = auth(*a, child(p, "auth"));
        }
        flow.services[spec.name] = std::move(spec);
    }
}

std::shared_ptr<Flow> FlowBuilder::build()
{
    const Json &root = m_doc.root;
    if (!root.is_object()) {
        error(ErrorCode::Schema,
              "a flow file must be a mapping with 'tutti: 1', 'name' and 'steps', got " +
                  describe(root),
              "");
        return nullptr;
    }
    auto flow = std::make_shared<Flow>();
    flow->filePath = m_filePath;
    flow->document = root;

    if (const Json *version = field(root, "tutti")) {
        if (!version->is_number_integer() || version->get<long long>() < 1) {
            error(ErrorCode::Schema,
                  "'tutti' is the format version and must be 1, got " + describe(*version),
                  "/tutti");
        } else if (version->get<long long>() > kFlowFormatVersion) {
            // A newer file may use keys this build does not know; judging them would only add
            // noise, so the version error is the only one.
            error(ErrorCode::Version,
                  "this file is format " + std::to_string(version->get<long long>()) +
                      "; this build reads up to " + std::to_string(kFlowFormatVersion),
                  "/tutti");
            return nullptr;
        } else {
            flow->version = version->get<int>();
        }
    }

    const std::vector<std::string> topKeys = {"tutti",   "name",     "description",
                                              "input",   "services", "defaults",
                                              "timeout", "trigger",  "steps"};
    checkKeys(root, "", topKeys, "a flow");
    // "missing 'steps'" adds nothing when the file has 'step:' (already reported as a typo).
    const auto misspelled = [&](const std::string &key) {
        for (auto it = root.begin(); it != root.end(); ++it)
            if (std::find(topKeys.begin(), topKeys.end(), it.key()) == topKeys.end() &&
                closestMatch(it.key(), topKeys) == key)
                return true;
        return false;
    };
    if (!field(root, "tutti") && !misspelled("tutti"))
        m_errors.push_back(Error{ErrorCode::Schema,
                                 "missing 'tutti: 1' (the flow format version) at the top",
                                 m_doc.locate(""), "/tutti"});

    if (auto name = string(root, "name", "", false)) {
        if (!isName(*name))
            error(ErrorCode::Schema,
                  "'name' must be letters, digits, '_', '-' or '.' (it names the endpoint "
                  "/flows/NAME), got '" +
                      *name + "'",
                  "/name");
        flow->name = *name;
    } else if (!field(root, "name") && !misspelled("name")) {
        m_errors.push_back(Error{ErrorCode::Schema, "missing 'name' (the flow's name) at the top",
                                 m_doc.locate(""), "/name"});
    }
    if (auto d = string(root, "description", ""))
        flow->description = *d;

    if (const Json *input = field(root, "input")) {
        flow->inputSchema = *input;
        flow->inputValidator = Schema::compile(*input);
        for (const auto &e : checkSchema(*input)) {
            const std::string p = "/input" + e.path;
            m_errors.push_back(Error{e.code, "input schema " + e.message, m_doc.locateKey(p), p});
        }
    }
    if (const Json *s = field(root, "services"))
        services(*s, "/services", *flow);

    if (const Json *d = field(root, "defaults")) {
        if (expectObject(*d, "/defaults", "'defaults'")) {
            checkKeys(*d, "/defaults", {"timeout", "retry"}, "'defaults'");
            if (auto t = duration(*d, "timeout", "/defaults", true))
                flow->defaultTimeout = *t;
            if (const Json *r = field(*d, "retry"))
                flow->defaultRetry = retry(*r, "/defaults/retry", false);
        }
    }
    if (auto t = duration(root, "timeout", "", true))
        flow->flowTimeout = *t;

    if (const Json *t = field(root, "trigger")) {
        if (expectObject(*t, "/trigger", "'trigger'")) {
            checkKeys(*t, "/trigger", {"http"}, "'trigger'");
            if (const Json *h = field(*t, "http")) {
                if (expectObject(*h, "/trigger/http", "'trigger.http'")) {
                    checkKeys(*h, "/trigger/http", {"method", "path"}, "'trigger.http'");
                    if (auto m = string(*h, "method", "/trigger/http")) {
                        std::string method = *m;
                        std::transform(method.begin(), method.end(), method.begin(),
                                       [](unsigned char c) { return std::toupper(c); });
                        if (const auto &methods = internal::httpMethods();
                            std::find(methods.begin(), methods.end(), method) == methods.end())
                            error(ErrorCode::Schema,
                                  "'method' must be one of " + joined(internal::httpMethods()) +
                                      ", got '" + *m + "'",
                                  "/trigger/http/method");
                        else
                            flow->triggerMethod = method;
                    }
                    if (auto path = string(*h, "path", "/trigger/http", true, "'trigger.http'")) {
                        if (!path->starts_with("/"))
                            error(ErrorCode::Schema,
                                  "'path' must start with '/', got '" + *path + "'",
                                  "/trigger/http/path");
                        else
                            flow->triggerPath = *path;
                    }
                    if (flow->triggerPath && !flow->triggerMethod)
                        flow->triggerMethod = "POST";
                }
            }
        }
    }

    if (const Json *s = field(root, "steps"))
        steps(*s, "/steps", flow->steps, "'steps'");
    else if (!misspelled("steps"))
        m_errors.push_back(Error{ErrorCode::Schema, "missing 'steps' (the list of steps)",
                                 m_doc.locate(""), "/steps"});

    // The workspace, its mocks and the files the flow names are the resolver's (they need the
    // disk): until resolved the flow's folder stands in for its workspace.
    flow->workspaceDir = m_baseDir.string();

    // `steps.ID` in expressions must name a step somewhere in the file.
    std::vector<std::string> ids;
    for (const auto &[id, p] : m_ids)
        ids.push_back(id);
    for (const auto &ref : m_stepRefs) {
        if (m_ids.contains(ref.id))
            continue;
        m_errors.push_back(Error{ErrorCode::Validation,
                                 "expression reads steps." + ref.id + " but no step has id '" +
                                     ref.id + "'" + suggestion(ref.id, ids),
                                 ref.location, ref.pointer});
    }

    internal::checkFlowGraph(*flow, m_doc, m_errors);
    flow->external = std::move(m_external);
    return flow;
}

void collect(const std::vector<Step> &steps, std::vector<const Step *> &out)
{
    for (const auto &s : steps) {
        out.push_back(&s);
        for (const std::vector<Step> *list : childLists(s))
            collect(*list, out);
    }
}

} // namespace

FlowLoad parseFlow(std::string_view text, const std::string &fileName)
{
    FlowLoad load;
    auto doc = parseYaml(text, fileName);
    if (!doc) {
        load.errors.push_back(doc.error());
        return load;
    }
    return parseFlow(*doc, text, fileName);
}

FlowLoad parseFlow(const YamlDocument &doc, std::string_view text, const std::string &fileName)
{
    FlowLoad load;
    FlowBuilder builder(doc, text, load.errors);
    load.flow = builder.build();
    internal::sortInFileOrder(load.errors, fileName);
    return load;
}

FlowLoad loadFlowFile(const std::string &path)
{
    return FlowResolver().loadFile(path);
}

FlowLoad loadFlowText(std::string_view text, const std::string &fileName)
{
    return FlowResolver().loadText(text, fileName);
}

namespace internal {

void sortInFileOrder(Errors &errors, const std::string &fileName)
{
    // Callers show the first error first, and editors list them top to bottom; problems found in
    // other files (a broken mock, tutti.yaml) come before those of the flow itself.
    std::stable_sort(errors.begin(), errors.end(), [&](const Error &a, const Error &b) {
        const bool aHere = a.location.file == fileName, bHere = b.location.file == fileName;
        if (aHere != bHere)
            return !aHere;
        if (a.location.line != b.location.line)
            return a.location.line < b.location.line;
        return a.location.column < b.location.column;
    });
}

Result<std::string> readFlowText(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(ErrorCode::Io, "cannot open file", {path, 0, 0});
    in.seekg(0, std::ios::end);
    const auto size = static_cast<std::size_t>(in.tellg());
    const YamlLimits limits;
    if (size > limits.maxBytes) {
        // Checked before reading, so a huge file is never pulled into memory.
        return fail(ErrorCode::Limit,
                    "file is " + std::to_string(size) + " bytes; the limit is " +
                        std::to_string(limits.maxBytes),
                    {path, 0, 0});
    }
    in.seekg(0);
    std::string text(size, '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    return text;
}

} // namespace internal

std::vector<const Step *> allSteps(const Flow &flow)
{
    std::vector<const Step *> out;
    collect(flow.steps, out);
    return out;
}

} // namespace tutti::engine
