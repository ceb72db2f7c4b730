// The editable flow document of the studio: the flow as ordered JSON plus node positions kept
// apart from the logic, with an id-based editing API and past-tense signals. QtCore only, so a
// headless program (or an undo command in a test) can drive it with no scene at all.
//
// Its own layer (document/, library tutti_document: the engine's flow model and QtCore) under
// the editor; it keeps the engine's namespace so moving it out of engine/model changed includes
// only.
#pragma once

#include <document/liveflowvalidator.h>
#include <engine/core/json.h>
#include <engine/core/result.h>
#include <engine/model/steps/edgekind.h>

#include <QObject>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace tutti::engine {

// Every kind of arrow the canvas draws (engine/model/steps/edgekind.h). Derived from the JSON,
// never stored separately.
const char *toString(EdgeKind kind);

struct FlowEdge {
    std::string from;
    std::string to;
    EdgeKind kind = EdgeKind::Next;
    int index = 0;     // case, catch rule or branch index; 0 otherwise
    std::string label; // `when`, error names, branch name, compensation request …
    bool operator==(const FlowEdge &) const = default;
};

// Where a step lives in the document.
struct StepInfo {
    std::string id;
    std::string type;
    std::string pointer;     // "/steps/2/branches/0/steps/0"
    std::string listPointer; // "/steps/2/branches/0/steps"
    int index = 0;           // position in that list
    std::string parent;      // id of the step whose list holds it (parallel, map), "" at top level
    int depth = 0;           // 0 at top level
};

// Node placement in scene coordinates (centre of the node); kept in NAME.flow.layout.json.
struct NodeLayout {
    double x = 0;
    double y = 0;
    bool collapsed = false; // containers (steps whose type holds step lists) only
};

class FlowDocument : public QObject {
    Q_OBJECT
public:
    explicit FlowDocument(QObject *parent = nullptr);
    ~FlowDocument() override;

    // ---- content --------------------------------------------------------------------------
    const Json &document() const { return m_doc; }
    // The YAML of the document: the text it was loaded or typed from, with every structured
    // edit since made to it in place (document/yamlpatch.h: only the lines of what was edited
    // change; comments, blank lines and compact `{ … }` mappings elsewhere stay). Only when an
    // edit cannot be made in place is the text the canonical toYaml() of the document.
    const std::string &yamlText() const { return m_text; }
    // Replaces everything (load, YAML view, undo of a text edit). Positions of ids that remain
    // are kept. `sourceText` is the YAML the JSON came from, when there is one (else toYaml()).
    void replaceDocument(Json doc, std::string sourceText = {});
    // YAML typed (or read) that does not parse: it is the user's, so saving writes it as it is
    // and validation lists its parse error, while document() keeps the last version that
    // parsed. Cleared by any change of the document; nullopt clears it.
    void setUnparsedText(std::optional<std::string> text);
    const std::optional<std::string> &unparsedText() const { return m_unparsedText; }
    // What saving writes: the unparsed text when there is one, else yamlText().
    std::string fileText() const { return m_unparsedText ? *m_unparsedText : yamlText(); }
    // Takes `text` as the document's text when it reads as exactly the current document, so an
    // undo gives back the bytes it started from (an edit undone through this API is patched
    // back, which is not always byte for byte: a deleted step comes back in canonical style).
    // False, and nothing changes, when it does not.
    bool restoreText(const std::string &text);

    // ---- steps ----------------------------------------------------------------------------
    const std::vector<StepInfo> &steps() const { return m_index; } // depth-first, file order
    bool hasStep(const std::string &id) const { return m_byId.contains(id); }
    const StepInfo *stepInfo(const std::string &id) const;
    const Json *step(const std::string &id) const;                     // nullptr when unknown
    std::vector<std::string> children(const std::string &id) const;    // direct nested steps
    std::vector<std::string> descendants(const std::string &id) const; // all nested steps
    // Its type holds step lists (parallel, map): the descriptor's Body or Branch field.
    bool isContainer(const std::string &id) const;
    // The pointers of the step lists a container holds ("/steps/2/branches/0/steps", …).
    std::vector<std::string> childLists(const std::string &id) const;
    // Every edge, as the step descriptors say which keys make which edge
    // (document/stepstructure.h).
    std::vector<FlowEdge> edges() const;
    // "http_2" style id not used yet.
    std::string uniqueId(const std::string &base) const;

    // Inserts `step` (an object with a unique `id`; nested ids unique too) into the list at
    // `listPointer` ("/steps" or a branch/body list); index -1 appends. Returns the id.
    Result<std::string> addStep(Json step, const std::string &listPointer = "/steps",
                                int index = -1);
    // Removes the step and everything nested in it. References to it stay (validation flags
    // them); the editor disconnects them in the same undo macro.
    Result<void> removeStep(const std::string &id);
    // Moves a step to position `index` of the list it is in (its nested steps go along; in the
    // file only its own lines move).
    Result<void> moveStepInList(const std::string &id, int index);
    // Replaces a step's whole JSON (its id must stay); nested steps are diffed by id.
    Result<void> replaceStep(const std::string &id, Json step);
    // Sets (or with nullopt removes) a field by JSON pointer relative to the step ("/service",
    // "/request/method"). The id cannot be changed here: use renameStep.
    Result<void> setStepField(const std::string &id, const std::string &pointer,
                              std::optional<Json> value);
    // Renames a step and every jump target that named it (`next`, `default`, case and catch
    // rules: the step-id keys of the descriptors); moves its layout.
    Result<void> renameStep(const std::string &id, const std::string &newId);
    // Edges the user can draw: Next, Case (label = `when`), Default, Catch (label = error name),
    // on the types whose descriptor has the key that makes them; others are refused.
    Result<void> connect(const std::string &fromId, EdgeKind kind, const std::string &toId,
                         const std::string &label = {});
    // Removes edge `index` of that kind (Next, FallThrough -> `end: true`, Case, Default, Catch).
    Result<void> disconnect(const std::string &fromId, EdgeKind kind, int index = 0);
    // Every edge ending at `id` (for deleting a step cleanly).
    std::vector<FlowEdge> incomingEdges(const std::string &id) const;

    // ---- layout (never part of the logic) ---------------------------------------------------
    std::optional<NodeLayout> layout(const std::string &id) const;
    void moveStep(const std::string &id, double x, double y);
    void setPositions(const std::map<std::string, std::pair<double, double>> &positions);
    void setCollapsed(const std::string &id, bool collapsed);
    bool isCollapsed(const std::string &id) const;
    std::vector<std::string> unplacedSteps() const; // steps with no stored position
    Json layoutJson() const;                        // what goes into the sidecar
    void setLayoutJson(const Json &layout);         // replaces every stored position

    // ---- files ------------------------------------------------------------------------------
    // Reads the YAML and the layout sidecar. On failure the document is unchanged.
    Result<void> load(const std::string &path);
    // Writes YAML and sidecar atomically (QSaveFile); "" saves to filePath().
    Result<void> save(const std::string &path = {});
    // Writes a copy (autosave) without touching filePath() or the modified flag.
    Result<void> saveCopy(const std::string &yamlPath, const std::string &layoutPath) const;
    const std::string &filePath() const { return m_filePath; }
    void setFilePath(const std::string &path) { m_filePath = path; }
    static std::string
    layoutPathFor(const std::string &flowPath); // x.flow.yaml -> x.flow.layout.json

    bool isModified() const { return m_modified; }
    void setModified(bool modified);

    // ---- validation -------------------------------------------------------------------------
    // Problems of the current text, refreshed shortly after each edit. The default validator
    // parses at once (engine::parseFlow, no disk: problemsChanged() right away) and resolves on a
    // worker thread (LiveFlowValidator); problemsChanged() again when the resolve's problems
    // arrive, then with the union of both, as `tutti validate` lists them.
    const Errors &problems() const { return m_problems; }
    void validateNow();
    bool validationPending() const { return m_live.isResolving(); } // resolve problems to come
    // Tests and tools can replace the validator (synchronous; no resolve step follows). `parsed`
    // is parseYaml(yamlText) when the document has it already (load), else null.
    using Validator = std::function<Errors(const std::string &yamlText, const std::string &file,
                                           const YamlDocument *parsed)>;
    void setValidator(Validator validator);

signals:
    void stepAdded(const QString &id);
    void stepRemoved(const QString &id);
    void stepChanged(const QString &id);
    void stepRenamed(const QString &oldId, const QString &newId);
    void edgesChanged();
    void positionsChanged(const QStringList &ids);
    void collapsedChanged(const QString &id, bool collapsed);
    // Everything may have changed (steps, edges, positions): observers rebuild from scratch. No
    // stepAdded/edgesChanged follows it; contentChanged does.
    void documentReset();
    void contentChanged(); // any change of the logic (not of positions): YAML view refresh
    void modificationChanged(bool modified);
    void problemsChanged();

private:
    // The current validator's problems of `text` (parsed: its parseYaml, when at hand).
    Errors validate(const std::string &text, const YamlDocument *parsed);
    void reindex();
    void indexList(const std::string &listPointer, const std::string &parent, int depth);
    Json *mutableStep(const std::string &id);
    // Runs `mutate` on the JSON, reindexes and emits added/removed/changed/edges signals.
    Result<void> edit(const std::string &changedId, const std::function<Result<void>()> &mutate);
    // Logic changed from `before`: patch the text, mark modified, schedule validation.
    void touched(const Json &before);
    Result<void> checkNewIds(const Json &step) const;

    Json m_doc = Json::object();
    std::string m_text; // the YAML of m_doc: as loaded or typed, structured edits patched in
    std::optional<std::string> m_unparsedText;
    std::vector<StepInfo> m_index;
    std::unordered_map<std::string, std::size_t> m_byId;
    std::unordered_map<std::string, NodeLayout> m_layout;
    std::string m_filePath;
    bool m_modified = false;
    Errors m_problems;
    Validator m_validator;
    LiveFlowValidator m_live;
    QTimer m_validateTimer;
};

} // namespace tutti::engine
