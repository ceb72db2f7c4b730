// File → Export…: the current flow (the editor's version, unsaved edits included) in another
// engine's format or as a deployment bundle, with a live read-only preview and the warnings of
// what is not carried over, and Save… that writes the file or the bundle folder. The targets are
// a list (exportTargets()), one entry per exporter of engine/export.
#pragma once

#include <engine/export/aslexport.h>

#include <QDialog>

#include <functional>
#include <string>
#include <vector>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace tutti::engine {
class FlowDocument;
}
namespace tutti::editor {
class CodeEditor;
class EnvironmentPicker;
struct FlowVersion;
} // namespace tutti::editor

namespace tutti::studio {

// What a target produces for the preview and for Save….
struct ExportOutput {
    QString preview; // the file, or the bundle's files one after another
    std::vector<engine::ExportWarning> warnings;
    QString error; // set when nothing could be exported (the flow does not load, ...)
    // Writes the output to `path` (a file, or the bundle folder, refused when not empty
    // unless `force`); "" when it worked, else the message.
    std::function<QString(const QString &path, bool force)> save;
};

struct ExportChoices {
    std::string environment; // "mock" or a tutti.yaml environment
    engine::AslQueryLanguage language = engine::AslQueryLanguage::Auto;
};

struct ExportTarget {
    QString id;         // "asl", as `tutti export --to`
    QString label;      // "AWS Step Functions (ASL)"
    bool folder;        // Save… asks for a folder, not a file
    QString suffix;     // the file's suffix ("asl.json"); "" for a folder
    bool queryLanguage; // offers the query-language choice
    std::function<ExportOutput(const editor::FlowVersion &, const ExportChoices &)> run;
};

// Every export target, in the order the dialog lists them.
const std::vector<ExportTarget> &exportTargets();

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ExportDialog(const engine::FlowDocument *doc, QWidget *parent = nullptr);

    // Picks the target with this id ("asl", "bundle"); false when there is none.
    bool selectTarget(const QString &id);
    // Recomputes the preview now (it follows every choice and the document's edits).
    void refresh();
    QString previewText() const;
    QStringList warnings() const;
    // Writes the current output to `path`; "" when it worked, else the message (also shown).
    // A bundle folder that is not empty is refused unless `force`.
    QString saveTo(const QString &path, bool force = false);

    QComboBox *targetBox() const { return m_target; }
    QComboBox *languageBox() const { return m_language; }
    editor::EnvironmentPicker *environmentPicker() const { return m_env; }

private:
    void save();
    const ExportTarget &target() const;

    const engine::FlowDocument *m_doc;
    QComboBox *m_target;
    editor::EnvironmentPicker *m_env;
    QComboBox *m_language;
    QLabel *m_languageLabel;
    editor::CodeEditor *m_preview;
    QListWidget *m_warnings;
    QLabel *m_status;
    QPushButton *m_save;
    ExportOutput m_output;
};

} // namespace tutti::studio
