// The waterfall of one run: a row per span (step, attempt, backoff wait, compensation, branch,
// map item) nested under its parent and collapsible, bars on a zoomable, pannable time axis, the
// critical path drawn over the bars, errors marked, a tooltip with start, duration and status.
// Custom-painted over a flat list of rows: only the rows in view are drawn, so 10,000 spans
// scroll as smoothly as ten.
#pragma once

#include <engine/trace/spantree.h>
#include <engine/trace/tracestore.h>

#include <QAbstractScrollArea>

#include <memory>
#include <vector>

namespace tutti::editor {

class WaterfallView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit WaterfallView(QWidget *parent = nullptr);

    // Shows a run: every span expanded, the whole run fitted, nothing selected.
    void setRun(std::shared_ptr<const engine::RunTrace> run);
    const engine::RunTrace *run() const { return m_run.get(); }

    // Rows: the spans shown now (collapsed subtrees hidden), in tree order. Span indexes are
    // into run()->second.
    int rowCount() const { return static_cast<int>(m_visible.size()); }
    int spanAtRow(int row) const;               // -1 outside
    int rowOfSpan(int spanIndex) const;         // -1 when hidden or unknown
    int rowAt(const QPoint &viewportPos) const; // -1 outside the rows (header included)
    QRect rowRect(int row) const;               // in viewport coordinates
    int depthOf(int spanIndex) const;
    bool hasChildren(int spanIndex) const;
    int parentOf(int spanIndex) const; // -1 for a top-level span

    // Selection (one span). select() shows it: expands its ancestors and scrolls to it.
    int selectedSpan() const { return m_selected; }
    void selectSpan(int spanIndex);

    bool isCollapsed(int spanIndex) const;
    void setCollapsed(int spanIndex, bool collapsed);
    void expandAll();
    void collapseAll(); // every span with children: only top-level rows stay

    // The time axis, in microseconds since the run's first moment (run start or first span).
    engine::Micros viewStart() const { return m_viewStart; }
    engine::Micros viewDuration() const { return m_viewDuration; }
    engine::Micros totalDuration() const { return m_total; }
    void setTimeWindow(engine::Micros start, engine::Micros duration);
    void fit();
    // > 1 zooms in around `anchorX` (a viewport x in the timeline; -1: the timeline's middle).
    void zoomBy(double factor, int anchorX = -1);
    void panBy(int pixels); // > 0 moves later in time
    int nameColumnWidth() const { return m_nameWidth; }
    void setNameColumnWidth(int width);
    QRect timelineRect() const; // the bars' area in viewport coordinates (below the header)

    // A span's start on this axis (µs since the run's first moment).
    engine::Micros offsetOf(const engine::Span &span) const { return span.start - m_origin; }

    bool isCritical(int spanIndex) const;
    // What hovering a span shows: name, kind, step, start offset, duration, status, error, HTTP.
    QString hoverText(int spanIndex) const;

    // The critical path's core line for a palette (dark on light bases, light on dark ones) and
    // the colour of errors: what the bars are drawn with, for legends.
    static QColor criticalColour(const QPalette &palette);
    static QColor errorColour();

    static constexpr int kRowHeight = 22;
    static constexpr int kHeaderHeight = 24;

signals:
    void spanSelected(int spanIndex);  // -1: nothing selected
    void spanActivated(int spanIndex); // double-click, Enter
    void spanContextMenuRequested(int spanIndex, const QPoint &globalPos);
    void timeWindowChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void rebuildRows();
    void updateScrollBars();
    void ensureVisible(int row);
    void moveSelection(int row);
    double pixelsPerMicro() const;
    int xOf(engine::Micros offset) const; // viewport x of a time offset
    bool onToggle(const QPoint &pos, int row) const;

    std::shared_ptr<const engine::RunTrace> m_run;
    engine::SpanTree m_tree;
    std::vector<int> m_treeRowOfSpan; // span index -> row in m_tree
    std::vector<bool> m_critical;     // by span index
    std::vector<bool> m_collapsed;    // by tree row
    std::vector<int> m_visible;       // visible row -> tree row
    std::vector<int> m_visibleRowOf;  // tree row -> visible row, -1 hidden
    int m_selected = -1;
    engine::Micros m_origin = 0; // absolute time of offset 0
    engine::Micros m_total = 1;
    engine::Micros m_viewStart = 0;
    engine::Micros m_viewDuration = 1;
    int m_nameWidth = 300;
    bool m_settingScroll = false;

    enum class Drag { None, Pending, Pan, Divider };
    Drag m_drag = Drag::None;
    QPoint m_pressPos;
    engine::Micros m_pressViewStart = 0;
};

} // namespace tutti::editor
