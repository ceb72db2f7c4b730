// One open flow in the studio: its FlowDocument, undo stack, canvas and YAML view side by side.
// The main window drives the current FlowEditor; later panels (inspector, problems, run) hook
// into document(), scene() and selectionChanged().
#pragma once

#include <editor/nodeitem.h>

#include <engine/core/result.h>

#include <QWidget>

#include <string>

class QLabel;
class QSplitter;
class QUndoStack;

namespace tutti::engine {
class FlowDocument;
}

namespace tutti::editor {

class FindBar;
class FlowScene;
class FlowView;
class YamlEditor;

class FlowEditor : public QWidget {
    Q_OBJECT
public:
    explicit FlowEditor(QWidget *parent = nullptr);
    ~FlowEditor() override;

    engine::FlowDocument *document() const { return m_doc; }
    QUndoStack *undoStack() const { return m_undo; }
    FlowScene *scene() const { return m_scene; }
    FlowView *view() const { return m_view; }
    YamlEditor *yamlEditor() const { return m_yaml; }
    QSplitter *splitter() const { return m_splitter; }
    FindBar *findBar() const { return m_find; }

    // A file that does not parse opens too: its text in the YAML view with the error, an
    // empty canvas.
    engine::Result<void> openFile(const QString &path);
    // Replaces the content with an autosaved copy (the file path stays; the flow is modified).
    engine::Result<void> restoreFrom(const QString &yamlPath, const QString &layoutPath);
    // Every path that writes the flow applies pending typing first and writes the YAML view's
    // text as it is, even when it does not parse (see parseErrorText()).
    engine::Result<void> save();
    engine::Result<void> saveAs(const QString &path);
    engine::Result<void> writeAutosave(const QString &yamlPath, const QString &layoutPath);

    QString filePath() const;
    QString displayName() const; // file name, "untitled.flow.yaml" for new flows
    // What is on screen differs from the file (the undo stack's clean state, typing not applied
    // yet, text that does not parse).
    bool isModified() const;
    // "checkout.flow.yaml:4:12: MESSAGE" while the YAML view holds text that does not parse.
    QString parseErrorText() const;
    // The notice above the canvas shown while the file on disk does not parse (nullptr-safe
    // for tests: always exists).
    QLabel *notice() const { return m_notice; }

    // Canvas conveniences for menus and the palette.
    // After the (last) selected step in its own list, else at the end (FlowScene::insertStep).
    QString addStep(const QString &type);
    void renameSelected();
    void setYamlVisible(bool visible);
    bool isYamlVisible() const; // false when hidden or dragged shut
    // The default split: the YAML view shown beside the canvas at a readable width.
    void resetSplit();
    void setNodeState(const QString &stepId, NodeState state, const QString &latency = {});
    void clearNodeStates();

signals:
    void modificationChanged(bool modified);
    void selectionChanged(const QStringList &stepIds);
    void statusMessage(const QString &message);
    void yamlVisibilityChanged(bool visible); // F4, or the splitter dragged shut or open

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateModified();
    void updateNotice();
    void wroteFile(); // after a save: the disk now holds fileText()
    void noteYamlVisibility();

    engine::FlowDocument *m_doc;
    QUndoStack *m_undo;
    FlowScene *m_scene;
    FlowView *m_view;
    YamlEditor *m_yaml;
    QSplitter *m_splitter;
    QLabel *m_notice;
    // The bytes of the file as last read or written, and whether they parse: while they do not,
    // the undo stack knows nothing of them and "modified" compares texts instead.
    std::string m_diskText;
    bool m_diskUnparsed = false;
    FindBar *m_find;
    bool m_splitDone = false;  // the default split was applied (at the first real size)
    bool m_yamlVisible = true; // last reported by yamlVisibilityChanged
};

} // namespace tutti::editor
