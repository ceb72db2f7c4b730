// The inspector: a form for every field of the selected step, read from its type's descriptor
// (engine/model/steps): the keys it takes, each key's kind (which editor), one-line doc (tooltip
// and placeholder), default, whether it is required and its choices. Only how a key looks
// (label, section, whether a mapping shows as rows of its keys) is the inspector's own. Each edit
// is one undo command on the FlowDocument; JSON, template, expression and script fields are
// QScintilla editors that show errors as you type, and the document's validation problems
// appear under the field they concern.
#pragma once

#include <editor/codeeditor.h>

#include <engine/core/json.h>

#include <QHash>
#include <QPointer>
#include <QWidget>

#include <optional>
#include <vector>

class QLabel;
class QFormLayout;
class QScrollArea;
class QUndoStack;
class QVBoxLayout;
class QLineEdit;

namespace tutti::engine {
class FlowDocument;
}

namespace tutti::editor {

class JsonView;
class RunController;

class Inspector : public QWidget {
    Q_OBJECT
public:
    // How a field is edited and how its text maps to JSON (from the descriptor's FieldKind).
    enum class EditorKind {
        Text,       // string; empty removes the key
        Template,   // string with {{ }} parts (single-line code editor)
        Expression, // bare expression (single-line code editor)
        Json,       // any JSON value (multi-line code editor)
        Script,     // JavaScript (multi-line code editor)
        Integer,
        Number,
        Bool,     // unchecked removes the key
        Choice,   // fixed options; "(default)" removes the key
        StepRef,  // a step id (editable list of ids)
        Service,  // a service name (editable list of the flow's services)
        Duration, // "250ms", "5s", "2m", "1h"
        List,     // comma-separated values -> JSON array (numbers stay numbers)
    };
    struct Field {
        QString pointer; // JSON pointer relative to the step ("/request/body")
        QString label;
        EditorKind kind = EditorKind::Text;
        QString section;
        QString help;         // tooltip: the descriptor's doc, default and whether required
        QString placeholder;  // what an empty one-line field shows
        QStringList options;  // Choice
        QString defaultValue; // as the descriptor writes it; "" when there is none
        bool required = false;
        // Where under the flow's `defaults:` the value comes from when the step sets none
        // ("/defaults/timeout"), as the descriptor's default says; "" when it does not.
        QString flowDefault;
    };

    Inspector(engine::FlowDocument *doc, QUndoStack *undoStack, QWidget *parent = nullptr);
    ~Inspector() override;

    // Shows the step with that id ("" or an unknown id: a hint to select one).
    void setStep(const QString &id);
    // The flow's run controller (its Run panel's): under the form, the selected step's last input
    // and output in the current, last or shown run (RunController::stepData). May be null.
    void setRunController(RunController *controller);
    // The "Last run" box: shown when the selected step ran; its title, request and response.
    bool lastRunShown() const;
    QString lastRunTitle() const;
    JsonView *lastInputView() const { return m_lastInput; }
    JsonView *lastOutputView() const { return m_lastOutput; }
    const QString &stepId() const { return m_stepId; }

    // The fields of a step type, in form order: every key its descriptor lists but those whose
    // steps are edited on the canvas (canvasFields). An unknown type gets the keys every type
    // shares (document/stepstructure.h).
    static std::vector<Field> fieldsFor(const QString &stepType);
    // The keys of a step type that hold nested steps (branches, a map's body): the form notes
    // that the canvas edits them.
    static QStringList canvasFields(const QString &stepType);
    QStringList fieldPointers() const;

    // Scrolls to and focuses the field that holds `pointer` (relative to the step, e.g.
    // "/request/body/amount" focuses the body editor). False when no field holds it.
    bool focusField(const QString &pointer);
    QWidget *fieldEditor(const QString &pointer) const; // exact field pointer, or nullptr
    QString fieldError(const QString &pointer) const;   // what the row shows under the field
    // Commits every field whose text was edited but not yet applied (before a run or a save).
    void commitPending();

    // Below this width (the default left column is ~266 px) labels go above their fields.
    static constexpr int kNarrowWidth = 360;
    bool labelsAbove() const; // the current forms' wrap, for tests

signals:
    void editRefused(const QString &message); // for the status bar

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Row {
        Field field;
        QWidget *editor = nullptr;
        QLabel *label = nullptr;
        QLabel *error = nullptr;
        QString ownError; // the editor's own (syntax) error; shown before problems
        QString problem;  // a validation problem of the document at this field
        bool dirty = false;
    };

    void rebuild();
    void updateLastRun();
    void loadValues();
    void loadRow(Row &row, const engine::Json *value);
    void commitRow(Row &row);
    std::optional<engine::Json> rowValue(Row &row, QString &error) const;
    void commitId();
    void applyProblems();
    void showRowError(Row &row);
    void refreshCompletion();
    void updateWrap();  // labels beside or above fields, by width
    void updateTitle(); // the step's id and type, coloured from the palette
    Row *rowFor(const QString &pointer);
    QWidget *createEditor(Row &row);
    const engine::Json *valueAt(const QString &pointer) const;

    engine::FlowDocument *m_doc;
    QUndoStack *m_undo;
    QString m_stepId;
    QString m_stepType;
    QLabel *m_title = nullptr;
    QLabel *m_hint = nullptr;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_form = nullptr;
    QLineEdit *m_idEdit = nullptr;
    std::vector<std::unique_ptr<Row>> m_rows;
    QList<QFormLayout *> m_sections; // of m_form, rebuilt with it
    CompletionContext m_completion;
    bool m_loading = false;
    bool m_committing = false;
    QPointer<RunController> m_run;
    QWidget *m_lastRun = nullptr;
    QLabel *m_lastRunTitle = nullptr;
    JsonView *m_lastInput = nullptr;
    JsonView *m_lastOutput = nullptr;
};

} // namespace tutti::editor
