// An open mock or profile file (*.mock.yaml, *.profile.yaml) in the studio: its text as written,
// the JSON it parses to, and the problems the mock loader finds, with dirty state and atomic
// save. Structured edits become text through patchYaml (document/yamlpatch.h), so only the
// lines of what changed are rewritten. QtCore only; the loader is injected (the document layer
// never links the mocks): the studio passes the mocks' parser, a test may pass its own.
#pragma once

#include <engine/core/json.h>
#include <engine/core/result.h>

#include <QObject>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace tutti::engine {

class SpecDocument : public QObject {
    Q_OBJECT
public:
    // Every problem of a text, located (FILE:LINE:COL), as the loader of that kind reports it.
    using Validator = std::function<Errors(std::string_view text, const std::string &fileName)>;

    explicit SpecDocument(Validator validator, QObject *parent = nullptr);

    Result<void> load(const std::string &path);
    Result<void> save(const std::string &path = {}); // empty: the file it was loaded from
    // Writes the text as on screen to `path` (an autosave) without changing the file it belongs
    // to or the dirty state.
    Result<void> saveCopy(const std::string &path) const;
    const std::string &filePath() const { return m_filePath; }

    // The text as on screen, parseable or not: it is what save() writes.
    const std::string &text() const { return m_text; }
    // Replaces the text (typing in the YAML view, undo, redo); parses and validates it.
    void setText(std::string text);
    bool isModified() const { return m_text != m_savedText; }

    // The last text that parsed, as JSON (null before any did). Forms show and edit it.
    const Json &json() const { return m_json; }
    bool parses() const { return !m_parseError.has_value(); }
    const std::optional<Error> &parseError() const { return m_parseError; }
    const Errors &problems() const { return m_problems; } // parse error included

    // The text once the document's JSON becomes `after`: only the lines of what differs are
    // rewritten (comments, order and flow style elsewhere survive). Fails while the text does
    // not parse (a form edit needs the text to stand on).
    Result<std::string> textFor(const Json &after) const;
    // `value` with the node at `pointer` set (created with its parents when missing), or
    // removed when `replacement` is empty.
    static Json withValue(Json value, const std::string &pointer,
                          const std::optional<Json> &replacement);

signals:
    void textChanged();
    void problemsChanged();
    void modificationChanged(bool modified);

private:
    void reparse();

    Validator m_validator;
    std::string m_filePath;
    std::string m_text;
    std::string m_savedText;
    Json m_json;
    std::optional<Error> m_parseError;
    Errors m_problems;
};

} // namespace tutti::engine
