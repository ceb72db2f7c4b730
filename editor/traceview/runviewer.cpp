// The run viewer: toolbar, waterfall and span detail wired together, and the viewer's exports.
#include <editor/traceview/runviewer.h>

#include <editor/runcontroller.h>
#include <editor/statustext.h>
#include <editor/traceview/spandetail.h>
#include <editor/traceview/waterfallview.h>

#include <engine/core/jsonio.h>
#include <engine/trace/traceexport.h>

#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

namespace tutti::editor {

using engine::SpanKind;

namespace {

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

bool writeAtomically(const QString &path, const std::string &text, QString *error)
{
    QSaveFile file(path); // write then rename: never a half-written export
    if (file.open(QIODevice::WriteOnly) &&
        file.write(text.data(), static_cast<qint64>(text.size())) ==
            static_cast<qint64>(text.size()) &&
        file.commit())
        return true;
    if (error)
        *error = RunViewer::tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
}

QString statusColour(engine::RunStatus status)
{
    switch (status) {
    case engine::RunStatus::Succeeded:
        return QStringLiteral("#16a34a");
    case engine::RunStatus::Running:
        return QStringLiteral("#2563eb");
    case engine::RunStatus::Compensated:
        return QStringLiteral("#9333ea");
    case engine::RunStatus::Failed:
    case engine::RunStatus::CompensationFailed:
        return QStringLiteral("#dc2626");
    case engine::RunStatus::Interrupted:
        return QStringLiteral("#d97706");
    }
    return QStringLiteral("#6b7280");
}

QToolButton *toolButton(QWidget *parent, const QString &text, const QString &tip)
{
    auto *b = new QToolButton(parent);
    b->setText(text);
    b->setToolTip(tip);
    b->setAutoRaise(true);
    return b;
}

} // namespace

RunViewer::RunViewer(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_waterfall(new WaterfallView(this))
    , m_detail(new SpanDetail(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_export(toolButton(this, tr("Export"), tr("Export the run for Jaeger or Perfetto")))
    , m_legend(new QLabel(this))
{
    setObjectName(QStringLiteral("runViewer"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setTextFormat(Qt::RichText);

    auto *fit = toolButton(this, tr("Fit"), tr("Show the whole run (Ctrl+0)"));
    auto *zoomIn = toolButton(this, tr("Zoom +"), tr("Zoom in (+, Ctrl+wheel)"));
    auto *zoomOut = toolButton(this, tr("Zoom −"), tr("Zoom out (−, Ctrl+wheel)"));
    auto *expand = toolButton(this, tr("Expand all"), tr("Show every span"));
    auto *collapse = toolButton(this, tr("Collapse all"), tr("Show the top-level spans only"));
    fit->setObjectName(QStringLiteral("fit"));
    m_export->setObjectName(QStringLiteral("export"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_export);
    menu->addAction(tr("Export OTLP JSON…"), this, [this] { exportWithDialog(true); })
        ->setObjectName(QStringLiteral("exportOtlp"));
    menu->addAction(tr("Export Chrome trace…"), this, [this] { exportWithDialog(false); })
        ->setObjectName(QStringLiteral("exportChrome"));
    m_export->setMenu(menu);
    m_legend->setForegroundRole(QPalette::PlaceholderText);
    updateLegend();

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(8, 4, 8, 0);
    bar->setSpacing(2);
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_legend);
    bar->addSpacing(12);
    for (QToolButton *b : {fit, zoomIn, zoomOut, expand, collapse, m_export})
        bar->addWidget(b);

    m_splitter->addWidget(m_waterfall);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(bar);
    layout->addWidget(m_splitter, 1);

    connect(fit, &QToolButton::clicked, m_waterfall, &WaterfallView::fit);
    connect(zoomIn, &QToolButton::clicked, this, [this] { m_waterfall->zoomBy(1.5); });
    connect(zoomOut, &QToolButton::clicked, this, [this] { m_waterfall->zoomBy(1 / 1.5); });
    connect(expand, &QToolButton::clicked, m_waterfall, &WaterfallView::expandAll);
    connect(collapse, &QToolButton::clicked, m_waterfall, &WaterfallView::collapseAll);
    connect(m_waterfall, &WaterfallView::spanSelected, this, &RunViewer::onSpanSelected);
    connect(m_waterfall, &WaterfallView::spanContextMenuRequested, this,
            &RunViewer::showContextMenu);
    clear();
}

RunViewer::~RunViewer() = default;

void RunViewer::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateLegend();
}

void RunViewer::updateLegend()
{
    // The colours the waterfall draws with, for this palette.
    const QString core = WaterfallView::criticalColour(palette()).name();
    const QString error = WaterfallView::errorColour().name();
    m_legend->setText(tr("<span style='background:%1;color:%1'>&nbsp;&nbsp;&nbsp;&nbsp;</span> "
                         "critical path &nbsp; <span style='color:%2'>●</span> error")
                          .arg(core, error));
}

void RunViewer::setRun(engine::RunTrace run)
{
    setRun(std::make_shared<const engine::RunTrace>(std::move(run)));
}

void RunViewer::setRun(std::shared_ptr<const engine::RunTrace> run)
{
    m_run = std::move(run);
    m_detail->setRun(m_run);
    m_waterfall->setRun(m_run);
    m_export->setEnabled(m_run != nullptr);
    updateSummary();
    // A failed run opens on the step that failed it (why it failed is the first question);
    // any other run on its summary. Opening is not the user choosing a step: no stepSelected.
    if (m_run && m_run->first.error.is_object() && m_run->first.error.contains("step") &&
        m_run->first.error["step"].is_string()) {
        const std::string step = m_run->first.error["step"].get<std::string>();
        const auto &spans = m_run->second;
        for (std::size_t i = 0; i < spans.size(); ++i)
            if (spans[i].stepId == step && spans[i].kind == SpanKind::Step &&
                spans[i].status == engine::SpanStatus::Error) {
                m_opening = true;
                m_waterfall->selectSpan(static_cast<int>(i));
                m_opening = false;
                break;
            }
    }
}

void RunViewer::clear()
{
    setRun(std::shared_ptr<const engine::RunTrace>());
}

const engine::RunTrace *RunViewer::run() const
{
    return m_run.get();
}

QString RunViewer::runId() const
{
    return m_run ? q(m_run->first.id) : QString();
}

void RunViewer::setFlow(std::shared_ptr<const engine::Flow> flow)
{
    m_flow = std::move(flow);
    m_detail->setFlow(m_flow);
}

void RunViewer::selectStep(const QString &stepId)
{
    if (!m_run)
        return;
    const std::string id = stepId.toStdString();
    int fallback = -1;
    const auto &spans = m_run->second;
    // Its first step span (spans are stored by start), else its first span of any kind.
    for (std::size_t i = 0; i < spans.size(); ++i) {
        if (spans[i].stepId != id)
            continue;
        if (spans[i].kind == SpanKind::Step) {
            m_waterfall->selectSpan(static_cast<int>(i));
            return;
        }
        if (fallback < 0)
            fallback = static_cast<int>(i);
    }
    m_waterfall->selectSpan(fallback);
}

void RunViewer::selectSpanIndex(int spanIndex)
{
    m_waterfall->selectSpan(spanIndex);
}

int RunViewer::selectedSpanIndex() const
{
    return m_waterfall->selectedSpan();
}

QString RunViewer::selectedStep() const
{
    const int i = m_waterfall->selectedSpan();
    return m_run && i >= 0 ? q(m_run->second[static_cast<std::size_t>(i)].stepId) : QString();
}

void RunViewer::onSpanSelected(int spanIndex)
{
    m_detail->showSpan(spanIndex);
    const QString step = selectedStep();
    if (!step.isEmpty() && !m_opening)
        emit stepSelected(step);
}

void RunViewer::showContextMenu(int spanIndex, const QPoint &globalPos)
{
    if (QMenu *menu = contextMenuFor(spanIndex)) {
        menu->exec(globalPos);
        delete menu;
    }
}

QMenu *RunViewer::contextMenuFor(int spanIndex)
{
    if (!m_run || spanIndex < 0 || spanIndex >= static_cast<int>(m_run->second.size()))
        return nullptr;
    const QString step = q(m_run->second[static_cast<std::size_t>(spanIndex)].stepId);
    auto *menu = new QMenu(this);
    QAction *runFrom = menu->addAction(tr("Run from here"));
    runFrom->setObjectName(QStringLiteral("runFromHere"));
    runFrom->setEnabled(!step.isEmpty());
    runFrom->setToolTip(tr("Run the flow again from this step, reusing this run's results "
                           "before it"));
    connect(runFrom, &QAction::triggered, this, [this, step] { emit runFromHereRequested(step); });
    menu->addSeparator();
    if (m_waterfall->hasChildren(spanIndex)) {
        const bool collapsed = m_waterfall->isCollapsed(spanIndex);
        menu->addAction(
            collapsed ? tr("Expand") : tr("Collapse"), this,
            [this, spanIndex, collapsed] { m_waterfall->setCollapsed(spanIndex, !collapsed); });
    }
    menu->addAction(tr("Zoom to span"), this, [this, spanIndex] { zoomToSpan(spanIndex); })
        ->setObjectName(QStringLiteral("zoomToSpan"));
    return menu;
}

void RunViewer::zoomToSpan(int spanIndex)
{
    if (!m_run || spanIndex < 0 || spanIndex >= static_cast<int>(m_run->second.size()))
        return;
    const auto &s = m_run->second[static_cast<std::size_t>(spanIndex)];
    const engine::Micros pad = std::max<engine::Micros>(s.duration / 10, 1);
    m_waterfall->setTimeWindow(m_waterfall->offsetOf(s) - pad, s.duration + 2 * pad);
}

bool RunViewer::exportOtlp(const QString &path, QString *error) const
{
    if (!m_run) {
        if (error)
            *error = tr("No run to export");
        return false;
    }
    return writeAtomically(
        path, engine::dumpJson(engine::toOtlpJson(m_run->first, m_run->second)) + "\n", error);
}

bool RunViewer::exportChrome(const QString &path, QString *error) const
{
    if (!m_run) {
        if (error)
            *error = tr("No run to export");
        return false;
    }
    return writeAtomically(
        path, engine::dumpJson(engine::toChromeTraceJson(m_run->first, m_run->second)) + "\n",
        error);
}

void RunViewer::exportWithDialog(bool otlp)
{
    if (!m_run)
        return;
    const QString suggested =
        runId().left(12) + (otlp ? QStringLiteral(".otlp.json") : QStringLiteral(".trace.json"));
    const QString path = QFileDialog::getSaveFileName(
        this, otlp ? tr("Export OTLP JSON") : tr("Export Chrome trace"), suggested,
        tr("JSON files (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!(otlp ? exportOtlp(path, &error) : exportChrome(path, &error)))
        QMessageBox::warning(this, tr("Export"), error);
}

void RunViewer::updateSummary()
{
    if (!m_run) {
        m_summary->setText(tr("<i>No run open</i>"));
        return;
    }
    const engine::RunRecord &r = m_run->first;
    int attempts = 0, errors = 0;
    for (const auto &s : m_run->second) {
        attempts += s.kind == SpanKind::Attempt;
        errors += s.status == engine::SpanStatus::Error;
    }
    m_summary->setText(
        tr("<b>%1</b> &nbsp;<span style='color:white;background:%2'>&nbsp;%3&nbsp;</span> "
           "&nbsp;%4 · %5 spans · %6 attempts · %7 errors · run %8")
            .arg(q(r.flow).toHtmlEscaped(), statusColour(r.status), statusText(r.status),
                 RunController::formatLatency(r.duration))
            .arg(m_run->second.size())
            .arg(attempts)
            .arg(errors)
            .arg(q(r.id).left(12).toHtmlEscaped()));
}

} // namespace tutti::editor
