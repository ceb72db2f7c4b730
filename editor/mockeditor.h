// One open mock (*.mock.yaml) or profile (*.profile.yaml) in the studio: a form (MockForm,
// ProfileForm) next to the file's YAML, both editing one SpecDocument through one undo stack.
// Form edits patch only the lines they are about; text typed in the YAML view is kept as typed
// (saved as typed even when it does not parse, with the error shown). Mocks also get "Try it".
#pragma once

#include <editor/mocktoolservice.h>

#include <engine/core/json.h>
#include <engine/core/result.h>

#include <QTimer>
#include <QWidget>

#include <optional>

class QLabel;
class QListWidget;
class QSplitter;
class QUndoStack;

namespace tutti::engine {
class SpecDocument;
}

namespace tutti::editor {

class CodeEditor;
class MockForm;
class ProfileForm;
class SpecForm;
class TryItPanel;

class MockEditor : public QWidget {
    Q_OBJECT
public:
    MockEditor(SpecKind kind, MockToolService *tools, QWidget *parent = nullptr);
    ~MockEditor() override;

    // *.mock.yaml -> Mock, *.profile.yaml -> Profile; nullopt for other files.
    static std::optional<SpecKind> kindOf(const QString &path);

    engine::Result<void> openFile(const QString &path);
    engine::Result<void> save();
    engine::Result<void> saveAs(const QString &path);
    QString filePath() const;
    QString displayName() const;
    bool isModified() const;
    SpecKind kind() const { return m_kind; }
    // Autosave and crash recovery, as for flows: the copy is the text on screen, as typed (it
    // need not parse); a restored copy is an unsaved edit of the file, not undoable past.
    engine::Result<void> writeAutosave(const QString &path);
    engine::Result<void> restoreFrom(const QString &path);

    engine::SpecDocument *document() const { return m_doc; }
    QUndoStack *undoStack() const { return m_undo; }
    CodeEditor *yamlView() const { return m_yaml; }
    SpecForm *form() const { return m_form; }
    MockForm *mockForm() const;                 // nullptr for a profile
    ProfileForm *profileForm() const;           // nullptr for a mock
    TryItPanel *tryIt() const { return m_try; } // nullptr for a profile
    QListWidget *problemsList() const { return m_problems; }
    QLabel *banner() const { return m_banner; }
    QSplitter *splitter() const { return m_split; }

    // Typing in the YAML view becomes an undo step after a pause; now, instead (before saving).
    void commitYamlNow();
    // A form edit: the node at `pointer` becomes `value` (removed when empty), as one undo step.
    engine::Result<void> applyEdit(const QString &pointer, const std::optional<engine::Json> &value,
                                   const QString &what, bool structural = false);

signals:
    void modificationChanged(bool modified);
    void statusMessage(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void onDocumentChanged();
    void showProblems();

    SpecKind m_kind;
    MockToolService *m_tools;
    engine::SpecDocument *m_doc;
    QUndoStack *m_undo;
    QSplitter *m_split;
    SpecForm *m_form;
    CodeEditor *m_yaml;
    QListWidget *m_problems;
    QLabel *m_banner;
    TryItPanel *m_try = nullptr;
    QTimer m_commitTimer;
    bool m_fitted = false;     // the splitter was sized to the form once, on first show
    bool m_formEdit = false;   // the form's own field edit: its widgets already show it
    bool m_yamlCommit = false; // the YAML view's own text: it already shows it
};

} // namespace tutti::editor
