// The problems panel: every validation problem of the flow, refreshed live as the document
// changes; activating one scrolls the YAML view to its line (showing the view if hidden),
// selects and centres its step on the canvas and focuses the field in the inspector.
#pragma once

#include <engine/core/result.h>

#include <QPointer>
#include <QWidget>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace tutti::engine {
class FlowDocument;
}

namespace tutti::editor {

class FlowEditor;
class FlowScene;
class Inspector;

class ProblemsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ProblemsPanel(engine::FlowDocument *doc, QWidget *parent = nullptr);

    // Optional wiring: activating a problem selects the step on `scene` and shows the field in
    // `inspector`. Either may be null (then only problemActivated is emitted).
    void setScene(FlowScene *scene);
    void setInspector(Inspector *inspector);
    // The editor of the flow: its scene, its canvas (centred on the step) and its YAML view
    // (shown and scrolled to the problem's line).
    void setEditor(FlowEditor *editor);

    QTreeWidget *list() const { return m_list; }
    int count() const;
    // Where a problem is: the step holding its JSON pointer and the pointer inside that step.
    struct Where {
        QString stepId; // "" for flow-level problems
        QString field;  // "/request/body" relative to the step; "" for the step itself
    };
    static Where locate(const engine::FlowDocument &doc, const engine::Error &error);

public slots:
    void refresh();
    void activate(int row); // as if the user clicked problem `row`

signals:
    void countChanged(int count);
    // line/column: in the YAML text (1-based; 0 when unknown).
    void problemActivated(const QString &stepId, const QString &field, int line, int column);

private:
    engine::FlowDocument *m_doc;
    QPointer<FlowScene> m_scene;
    QPointer<FlowEditor> m_editor;
    QPointer<Inspector> m_inspector;
    QTreeWidget *m_list;
    QLabel *m_empty;
};

} // namespace tutti::editor
