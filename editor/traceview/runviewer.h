// The run viewer: one stored run as a waterfall of its spans (editor/traceview/waterfallview.h)
// above the selected span's detail (request, response, error, retry schedule, data context), with
// a toolbar to fit and zoom the time axis, collapse and expand, and export the run as OTLP/JSON or
// a Chrome trace. The studio opens it from the run history, the Run and Simulation panels and
// `tutti-studio --run RUN`; it knows nothing of where the run came from.
#pragma once

#include <engine/trace/tracestore.h>

#include <QString>
#include <QWidget>

#include <memory>

class QLabel;
class QMenu;
class QSplitter;
class QToolButton;

namespace tutti::engine {
struct Flow;
}

namespace tutti::editor {

class SpanDetail;
class WaterfallView;

class RunViewer : public QWidget {
    Q_OBJECT
public:
    explicit RunViewer(QWidget *parent = nullptr);
    ~RunViewer() override;

    // Shows a run (as TraceStore::loadRun gives it): every span expanded, the run fitted. A
    // failed run opens with the step that failed it selected (without stepSelected: the user
    // chose nothing yet), any other run with nothing selected (the detail shows the run's input,
    // output and error). A run with no spans shows its summary and says so.
    void setRun(engine::RunTrace run);
    void setRun(std::shared_ptr<const engine::RunTrace> run);
    void clear();
    // The run shown, or nullptr.
    const engine::RunTrace *run() const;
    std::shared_ptr<const engine::RunTrace> sharedRun() const { return m_run; }
    QString runId() const;

    // Optional: the flow the run was made from, so the span detail can name the retry policy
    // that applied (the trace records attempts and waits, not the policy). nullptr: unknown.
    void setFlow(std::shared_ptr<const engine::Flow> flow);

    // Selects the step's span (its first step span; inside a map, the first item's), expanding
    // and scrolling to it. An unknown step clears the selection.
    void selectStep(const QString &stepId);
    // Selects a span by its index in run()->second; -1 clears.
    void selectSpanIndex(int spanIndex);
    int selectedSpanIndex() const;
    QString selectedStep() const; // the selected span's step id ("" for none)

    // Writes the run as OTLP/JSON or a Chrome trace (engine/trace/traceexport.h, the same bytes as
    // `tutti trace export`): atomically; false and `error` when it cannot.
    bool exportOtlp(const QString &path, QString *error = nullptr) const;
    bool exportChrome(const QString &path, QString *error = nullptr) const;

    // The waterfall's context menu for a span ("Run from here", collapse, zoom to span); the
    // caller owns it. nullptr for no span.
    QMenu *contextMenuFor(int spanIndex);
    // Fits the time axis to one span (with a margin).
    void zoomToSpan(int spanIndex);

    WaterfallView *waterfall() const { return m_waterfall; }
    SpanDetail *detail() const { return m_detail; }
    QLabel *summaryLabel() const { return m_summary; }

signals:
    void stepSelected(const QString &stepId);         // a span of that step was selected
    void runFromHereRequested(const QString &stepId); // the context menu's "Run from here"

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateLegend();
    void onSpanSelected(int spanIndex);
    void showContextMenu(int spanIndex, const QPoint &globalPos);
    void exportWithDialog(bool otlp);
    void updateSummary();

    std::shared_ptr<const engine::RunTrace> m_run;
    std::shared_ptr<const engine::Flow> m_flow;
    QLabel *m_summary;
    WaterfallView *m_waterfall;
    SpanDetail *m_detail;
    QSplitter *m_splitter;
    QToolButton *m_export;
    QLabel *m_legend;
    bool m_opening = false;
};

} // namespace tutti::editor
