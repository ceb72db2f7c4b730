// Internal to the flow parser and the step types' parse functions: reads the values of a flow
// file's fields into the typed model, reporting every wrong value with FILE:LINE:COL and its JSON
// pointer, compiling templates and checking what expressions read (roots, steps, SSRF).
#pragma once

#include <engine/model/flow.h>
#include <engine/model/yamldoc.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tutti::engine::internal {

std::string joined(const std::vector<std::string> &items); // "a, b, c"
std::string describe(const Json &v);           // how a wrong value is shown: 'fast', 12, a mapping
bool isIdentifier(std::string_view s);         // [A-Za-z_][A-Za-z0-9_]*
bool isName(std::string_view s);               // letters, digits, '_', '-', '.'
bool isExpressionRoot(std::string_view s);     // input, steps, vars, env, secret, run, error
const std::vector<std::string> &httpMethods(); // GET POST PUT PATCH DELETE HEAD OPTIONS
// " (did you mean 'x'?)" or "".
std::string suggestion(const std::string &word, const std::vector<std::string> &candidates);

class FieldReader {
public:
    FieldReader(const YamlDocument &doc, std::string_view text, Errors &errors);
    virtual ~FieldReader() = default;

    // ---- errors and locations ------------------------------------------------------------
    void error(ErrorCode code, std::string message, const std::string &pointer, bool atKey = false);
    SourceLocation locate(const std::string &pointer) const { return m_doc.locate(pointer); }
    // Where the text of a string value starts: after its opening quote, or on the first line of a
    // block scalar, so expression columns point at the character inside the string.
    SourceLocation textLocation(const std::string &pointer) const;
    static std::string child(const std::string &pointer, const std::string &key);
    static std::string child(const std::string &pointer, std::size_t index);
    // Fields that take one value or a list of them (`on: timeout` or `on: [timeout, http.5xx]`):
    // each value with its JSON pointer.
    static std::vector<std::pair<Json, std::string>> oneOrMany(const Json &v,
                                                               const std::string &pointer);
    // Reports every key of `object` not in `allowed`, at the key, with the closest known key.
    void checkKeys(const Json &object, const std::string &pointer,
                   const std::vector<std::string> &allowed, const std::string &what);
    bool expectObject(const Json &value, const std::string &pointer, const std::string &what);

    // ---- typed values: each reports a wrong value and returns nothing -----------------------
    static const Json *field(const Json &object, const std::string &key);
    std::optional<std::string> string(const Json &object, const std::string &key,
                                      const std::string &pointer, bool required = false,
                                      const std::string &what = "");
    std::optional<long long> integer(const Json &object, const std::string &key,
                                     const std::string &pointer, long long min, long long max);
    std::optional<bool> boolean(const Json &object, const std::string &key,
                                const std::string &pointer);
    std::optional<Micros> duration(const Json &object, const std::string &key,
                                   const std::string &pointer, bool positive = false);
    // Bytes, or a size with a unit: 32MiB, 512KiB, 1GiB (also KB/MB/GB, read as binary).
    std::optional<std::size_t> size(const Json &object, const std::string &key,
                                    const std::string &pointer, std::size_t minimum = 1);

    // ---- expressions ---------------------------------------------------------------------
    std::optional<expr::Template> templateOf(const Json &v, const std::string &pointer,
                                             const std::string &key, bool bare = false);
    std::optional<expr::Template> templateField(const Json &object, const std::string &key,
                                                const std::string &pointer, bool bare = false);
    std::optional<expr::JsonTemplate> jsonTemplateOf(const Json &v, const std::string &pointer);
    std::optional<expr::JsonTemplate> jsonTemplateField(const Json &object, const std::string &key,
                                                        const std::string &pointer);
    // SPEC §9: the host of a request comes from the service definition, never from run data.
    // In a full URL, an expression reading anything but env/secret/run before the end of the
    // host part (scheme://host:port) is refused; in a service path, such an expression before
    // the path's first literal '/' is refused (it could splice a new authority onto the base).
    void checkHost(const expr::Template &t, const std::string &pointer, bool isUrl);

    // ---- pieces shared by several step types ------------------------------------------------
    std::vector<std::string> errorNames(const Json &v, const std::string &pointer,
                                        bool allowCustom);
    std::optional<RetryPolicy> retry(const Json &v, const std::string &pointer, bool allowCustom);
    std::vector<CatchRule> catches(const Json &v, const std::string &pointer, bool allowCustom);
    std::vector<StatusRange> expect(const Json &v, const std::string &pointer);
    std::optional<AuthSpec> auth(const Json &v, const std::string &pointer);
    // `request:` of an http step, or `compensate:` of an http or call step.
    void request(const Json &v, const std::string &pointer, HttpRequestSpec &spec,
                 const std::string &what);
    // What the flow names outside itself is only recorded (Flow::external): parsing reads no
    // file, the resolver checks these against the workspace and the disk.
    // A service a step uses: declared in `services:` or provided by a workspace mock.
    void useService(const std::string &name, const std::string &pointer);
    // A file the flow names: absolute, relative to the flow's folder (no disk access).
    std::string absolutePath(const std::string &path) const;
    // A call step's `flow:` (must exist, must not be this file); returns absolutePath(written).
    std::string useSubFlow(const std::string &written, const std::string &pointer);
    // A service's `mock:` (must exist); returns absolutePath(written).
    std::string useMock(const std::string &service, const std::string &written,
                        const std::string &pointer);

    // ---- step lists ----------------------------------------------------------------------
    void steps(const Json &v, const std::string &pointer, std::vector<Step> &out,
               const std::string &what);
    // A list nested in a step (a branch, a map body); `mapVariable` is the name the items are
    // read as inside it ("" for a branch).
    void nestedSteps(const Json &v, const std::string &pointer, std::vector<Step> &out,
                     const std::string &what, const std::string &mapVariable = {});

protected:
    virtual Step parseStep(const Json &v, const std::string &pointer) = 0;

    struct StepRef {
        std::string id;
        SourceLocation location;
        std::string pointer;
    };

    const YamlDocument &m_doc;
    Errors &m_errors;
    std::vector<std::string> m_lines;
    std::string m_filePath; // absolute, lexically normal; "" for bare text
    std::filesystem::path m_baseDir;
    std::vector<std::string> m_mapVars; // `as` names of the enclosing maps, innermost last
    int m_nesting = 0;                  // inside a branch or a map body
    std::vector<StepRef> m_stepRefs;
    ExternalRefs m_external;

private:
    void checkReferences(const expr::Template &t, const std::string &pointer);
    void checkRoot(const std::string &root, const SourceLocation &where,
                   const std::string &pointer);
    void addExpressionError(Error e, const std::string &pointer);
    // Parses every string leaf first so all bad expressions are reported, then compiles.
    bool checkLeaves(const Json &v, const std::string &pointer);
};

} // namespace tutti::engine::internal
