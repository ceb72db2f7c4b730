// The http step type: its keys, traits and parse function (SPEC §3 http).
#include <engine/model/steps/fieldreader.h>
#include <engine/model/steps/httpstep.h>
#include <engine/model/steps/registry.h>

namespace tutti::engine {

namespace {

using internal::FieldReader;

void parseHttp(FieldReader &r, const Json &v, const std::string &pointer, Step &step)
{
    HttpSpec &s = step.as<HttpSpec>();
    const auto child = [](const std::string &p, const std::string &key) {
        return FieldReader::child(p, key);
    };
    const auto field = FieldReader::field;
    if (const Json *req = field(v, "request"))
        r.request(*req, child(pointer, "request"), s.request, "'request'");
    else
        s.request.location = step.location;
    if (const Json *u = field(v, "url")) {
        // `url:` on the step is shorthand for a GET (or request.method) of a full URL.
        if (s.request.url)
            r.error(ErrorCode::Schema, "'url' is given both on the step and in 'request'",
                    child(pointer, "url"), true);
        else
            s.request.url = r.templateOf(*u, child(pointer, "url"), "url");
    }
    const std::string urlPointer =
        field(v, "url") ? child(pointer, "url") : child(child(pointer, "request"), "url");
    const std::string pathPointer = child(child(pointer, "request"), "path");
    if (auto service = r.string(v, "service", pointer)) {
        s.service = *service;
        r.useService(*service, child(pointer, "service"));
        if (s.request.url)
            r.error(ErrorCode::Schema,
                    "an http step takes 'service' with a 'path', or a full 'url', not both",
                    urlPointer, true);
    } else if (!field(v, "service")) {
        if (!s.request.url && !s.request.path)
            r.error(ErrorCode::Schema,
                    "an http step needs 'service' with 'request.path', or a full 'url'", pointer);
        else if (s.request.path)
            r.error(ErrorCode::Schema,
                    "'path' is relative to a service; add 'service: NAME' or use a full 'url'",
                    pathPointer);
    }
    if (auto allow = r.boolean(v, "allow_dynamic_host", pointer))
        s.allowDynamicHost = *allow;
    if (!s.allowDynamicHost) {
        if (s.request.url)
            r.checkHost(*s.request.url, urlPointer, true);
        if (s.request.path)
            r.checkHost(*s.request.path, pathPointer, false);
    }
    if (const Json *e = field(v, "expect"))
        s.expect = r.expect(*e, child(pointer, "expect"));
    s.output = r.jsonTemplateField(v, "output", pointer);
    if (const Json *a = field(v, "auth"))
        s.auth = r.auth(*a, child(pointer, "auth"));
    if (const Json *c = field(v, "compensate")) {
        HttpRequestSpec spec;
        const std::string cp = child(pointer, "compensate");
        r.request(*c, cp, spec, "'compensate'");
        if (c->is_object()) {
            if (!spec.url && !spec.path)
                r.error(ErrorCode::Schema,
                        "'compensate' needs a 'path' (on the step's service) or a full 'url'", cp);
            if (spec.path && s.service.empty())
                r.error(ErrorCode::Schema,
                        "'compensate' has a 'path' but the step has no service; use a full 'url'",
                        child(cp, "path"));
            if (!s.allowDynamicHost) {
                if (spec.url)
                    r.checkHost(*spec.url, child(cp, "url"), true);
                if (spec.path)
                    r.checkHost(*spec.path, child(cp, "path"), false);
            }
        }
        s.compensate = std::move(spec);
    }
    if (auto bytes = r.size(v, "max_body", pointer))
        s.maxBody = *bytes;
}

const HttpRequestSpec *request(const Step &step)
{
    return &step.as<HttpSpec>().request;
}

const HttpRequestSpec *compensation(const Step &step)
{
    const auto &c = step.as<HttpSpec>().compensate;
    return c ? &*c : nullptr;
}

void references(const Step &step, StepReferences &out)
{
    const HttpSpec &s = step.as<HttpSpec>();
    out.add(s.request);
    out.add(s.compensate);
    out.add(s.output);
    out.add(s.auth);
}

} // namespace

const StepDescriptor &httpStepDescriptor()
{
    static const StepDescriptor d = [] {
        StepDescriptor d;
        d.type = StepType::Http;
        d.name = "http";
        d.summary = "Sends one HTTP request to a service (or a full URL) and stores the answer.";
        d.fields = {
            stepfields::next(),
            stepfields::end(),
            {"service", FieldKind::Service, false, "",
             "the service the request goes to; required unless a full `url` is given"},
            stepfields::request("request", "the request: method, path on the service, query, "
                                           "headers, body or form"),
            {"url", FieldKind::Template, false, "",
             "a full URL instead of `service` + `request.path` (shorthand for `request.url`)"},
            stepfields::timeout("per attempt", "`defaults.timeout`"),
            stepfields::retry("`defaults.retry`"),
            stepfields::catches(),
            stepfields::compensate("the request that undoes this step when the run fails later "
                                   "(a `path` is on the step's service)"),
            {"expect", FieldKind::Statuses, false, "2xx",
             "the statuses that count as success: 200, \"2xx\", \"200-299\", or a list"},
            {"output", FieldKind::JsonTemplate, false, "{status, headers, body}",
             "the shape stored as the step's result; the raw answer is read as `response`"},
            {"auth", FieldKind::Auth, false, "the service's",
             "bearer, basic, api_key or oauth2_client_credentials"},
            {"allow_dynamic_host", FieldKind::Boolean, false, "false",
             "let run data choose the host (turns the SSRF rule off for this step)"},
            {"max_body", FieldKind::Size, false, "16MiB", "the largest answer body read"},
        };
        d.flowDefaults = true;
        d.parse = parseHttp;
        d.request = request;
        d.compensation = compensation;
        d.references = references;
        return d;
    }();
    return d;
}

} // namespace tutti::engine
