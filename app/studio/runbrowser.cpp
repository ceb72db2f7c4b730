// Opening stored runs in the studio; see runbrowser.h.
#include "runbrowser.h"

#include "mainwindow.h"
#include "studiopanels.h"

#include <editor/floweditor.h>
#include <editor/flowscene.h>
#include <editor/flowversion.h>
#include <editor/flowview.h>
#include <editor/historypanel.h>
#include <editor/inspector.h>
#include <editor/runpanel.h>
#include <editor/runpreferences.h>
#include <editor/statustext.h>
#include <editor/traceview/runviewer.h>

#include <document/flowdocument.h>
#include <engine/model/flowparser.h>
#include <engine/model/workspace.h>
#include <engine/trace/tracestore.h>

#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

#include <memory>

namespace tutti::studio {

using editor::FlowEditor;

RunBrowser::RunBrowser(MainWindow *window, StudioPanels *panels)
    : QObject(window)
    , m_window(window)
    , m_panels(panels)
{
    m_history = new editor::HistoryPanel;
    m_history->setObjectName(QStringLiteral("historyPanel"));
    m_historyDock = StudioPanels::makeScrollingDock(window, tr("History"),
                                                    QStringLiteral("historyDock"), m_history);
    m_viewer = new editor::RunViewer;
    m_viewer->setObjectName(QStringLiteral("runViewer"));
    m_viewerDock = StudioPanels::makeScrollingDock(window, tr("Run Viewer"),
                                                   QStringLiteral("runViewerDock"), m_viewer);
    window->addPanel(m_historyDock, Qt::BottomDockWidgetArea);
    window->addPanel(m_viewerDock, Qt::BottomDockWidgetArea);
    if (QDockWidget *problems = window->findChild<QDockWidget *>(QStringLiteral("problemsDock"))) {
        window->tabifyDockWidget(problems, m_historyDock);
        window->tabifyDockWidget(m_historyDock, m_viewerDock);
    }
    if (QDockWidget *run = panels->runDock())
        run->raise();

    connect(m_history, &editor::HistoryPanel::runActivated, this,
            [this](const QString &id) { openRun(id, m_history->database()); });
    connect(panels, &StudioPanels::openRunRequested, this,
            [this](const QString &id, const QString &db) { openRun(id, db); });
    // A run of the studio may be the first to create the database.
    connect(panels, &StudioPanels::runFinished, this, &RunBrowser::refreshDatabase);
    connect(window, &MainWindow::workspaceChanged, this, &RunBrowser::refreshDatabase);
    connect(m_historyDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            refreshDatabase(); // Settings may have named another database meanwhile
    });
    connect(window, &MainWindow::selectedStepsChanged, this, &RunBrowser::onCanvasSelection);
    connect(m_viewer, &editor::RunViewer::stepSelected, this, &RunBrowser::onViewerStep);
    connect(m_viewer, &editor::RunViewer::runFromHereRequested, this, &RunBrowser::runFromHere);
    refreshDatabase();
}

FlowEditor *RunBrowser::overlayEditor() const
{
    return m_overlay;
}

QString RunBrowser::databasePath() const
{
    if (m_window->workspace().isEmpty() && editor::RunPreferences::current().traceDatabase.empty())
        return {};
    engine::Workspace workspace;
    workspace.dir = m_window->workspace().toStdString();
    return QString::fromStdString(
        editor::RunPreferences::current().traceTarget().databaseFor(workspace));
}

void RunBrowser::refreshDatabase()
{
    const QString path = databasePath();
    if (path != m_history->database() || !m_history->model()->isOpen())
        m_history->setDatabase(path);
    QStringList flows;
    for (FlowEditor *e : m_window->editors())
        if (const auto &doc = e->document()->document(); doc.is_object())
            flows << QString::fromStdString(doc.value("name", std::string()));
    flows.removeAll(QString());
    m_history->setKnownFlows(flows);
}

bool RunBrowser::openRun(const QString &idOrPrefix, const QString &dbPath, QString *error)
{
    const QString path = dbPath.isEmpty() ? databasePath() : dbPath;
    auto failWith = [&](const QString &message) {
        if (error)
            *error = message;
        m_window->statusBar()->showMessage(message, 10000);
        return false;
    };
    if (path.isEmpty())
        return failWith(tr("Open a workspace first: its runs are in WORKSPACE/.tutti/traces.db"));
    if (!QFileInfo::exists(path))
        return failWith(tr("No runs stored yet in %1").arg(path));
    // The history's connection when it reads that database; else one for this look-up.
    engine::TraceStore own;
    engine::TraceStore *store = m_history->model()->isOpen() && m_history->database() == path
                                    ? m_history->model()->store()
                                    : nullptr;
    if (!store) {
        if (auto opened = own.open(path.toStdString()); !opened)
            return failWith(
                tr("Cannot read %1: %2").arg(path, QString::fromStdString(opened.error().message)));
        store = &own;
    }
    auto id = store->resolveRunId(idOrPrefix.trimmed().toStdString());
    if (!id)
        return failWith(QString::fromStdString(id.error().message));
    auto loaded = store->loadRun(*id);
    if (!loaded)
        return failWith(QString::fromStdString(loaded.error().message));
    auto trace = std::make_shared<const engine::RunTrace>(std::move(*loaded));

    // The overlay: the run's flow, painted through its Run panel as if the run had just ended.
    const engine::RunRecord &record = trace->first;
    m_overlay =
        editorForRun(QString::fromStdString(record.flowFile), QString::fromStdString(record.flow));
    // The flow as the editor holds it, so the span detail can name the retry policy that applied.
    std::shared_ptr<const engine::Flow> flow;
    if (m_overlay)
        if (auto version = editor::currentFlowVersion(*m_overlay->document()))
            flow = engine::parseFlow(version->source.text, version->source.path).flow;
    m_viewer->setFlow(flow);
    m_viewer->setRun(trace);
    m_shownDb = path;
    m_viewerDock->show();
    m_viewerDock->raise();
    // The waterfall and the span detail want height: half the window, the canvas keeps the rest
    // (once the window is laid out: before it is shown, e.g. for --run, docks cannot be sized).
    QTimer::singleShot(0, m_viewerDock, [this] {
        if (m_viewerDock->height() < m_window->height() / 2 && !m_viewerDock->isFloating())
            m_window->resizeDocks({m_viewerDock}, {m_window->height() / 2}, Qt::Vertical);
    });
    m_history->selectRun(QString::fromStdString(*id));

    QString note;
    if (!m_overlay) {
        note = tr(" — its flow %1 is not open, so the canvas shows no overlay")
                   .arg(QString::fromStdString(record.flowFile));
    } else if (editor::RunPanel *panel = m_panels->runPanelFor(m_overlay);
               !panel || !panel->showRun(*trace, path.toStdString())) {
        note = tr(" — the flow is running, so its canvas keeps showing that run");
    }
    // Why did it fail: the failing step is selected (viewer, canvas, and the Inspector with
    // its last input and output).
    const std::string failedAt =
        record.error.is_object() ? record.error.value("step", std::string()) : std::string();
    if (!failedAt.empty()) {
        const QString step = QString::fromStdString(failedAt);
        m_viewer->selectStep(step);
        onViewerStep(step);
    }
    m_window->statusBar()->showMessage(
        tr("Run %1 (%2) opened%3")
            .arg(QString::fromStdString(*id), editor::statusText(record.status), note),
        10000);
    return true;
}

FlowEditor *RunBrowser::editorForRun(const QString &flowFile, const QString &flowName)
{
    // The path as the run recorded it (absolute for studio and CLI runs) when it is in this
    // workspace; else the file of that name here (the workspace was moved or copied); else the
    // recorded file wherever it is.
    QStringList candidates;
    const QString ws = m_window->workspace();
    if (!flowFile.isEmpty()) {
        const bool absolute = QFileInfo(flowFile).isAbsolute();
        if (absolute && !ws.isEmpty() && flowFile.startsWith(ws + QLatin1Char('/')))
            candidates << flowFile;
        if (!ws.isEmpty()) {
            if (!absolute)
                candidates << QDir(ws).filePath(flowFile);
            candidates << QDir(ws).filePath(QFileInfo(flowFile).fileName());
        }
        if (absolute)
            candidates << flowFile;
    }
    for (const QString &c : std::as_const(candidates)) {
        const QString absolute = QFileInfo(c).absoluteFilePath();
        for (FlowEditor *e : m_window->editors())
            if (e->filePath() == absolute) {
                m_window->openFlow(absolute); // makes it the current tab
                return e;
            }
        if (QFileInfo::exists(absolute) && m_window->openFlow(absolute))
            return m_window->currentEditor();
    }
    // Not found on disk: an open flow of that name (an unsaved copy, a moved file).
    for (FlowEditor *e : m_window->editors())
        if (const auto &doc = e->document()->document();
            doc.is_object() &&
            QString::fromStdString(doc.value("name", std::string())) == flowName) {
            m_window->openFlow(e->filePath());
            return e;
        }
    return nullptr;
}

void RunBrowser::onCanvasSelection(const QStringList &ids)
{
    if (m_syncing || !m_overlay || m_window->currentEditor() != m_overlay || ids.size() != 1 ||
        !m_viewer->run())
        return;
    m_syncing = true;
    m_viewer->selectStep(ids.front());
    m_syncing = false;
}

void RunBrowser::onViewerStep(const QString &stepId)
{
    if (m_syncing || !m_overlay || stepId.isEmpty())
        return;
    m_syncing = true;
    if (m_window->currentEditor() != m_overlay)
        m_window->openFlow(m_overlay->filePath());
    m_overlay->scene()->selectSteps({stepId});
    m_overlay->view()->centerOnStep(stepId);
    if (editor::Inspector *inspector = m_panels->inspector())
        inspector->setStep(stepId); // selectSteps() may not signal a programmatic selection
    m_syncing = false;
}

bool RunBrowser::runFromHere(const QString &stepId)
{
    const engine::RunTrace *shown = m_viewer->run();
    editor::RunPanel *panel = m_overlay ? m_panels->runPanelFor(m_overlay) : nullptr;
    if (!shown || !panel) {
        m_window->statusBar()->showMessage(tr("Run from here needs the run's flow open in a tab"),
                                           10000);
        return false;
    }
    engine::RunFrom from;
    from.step = stepId.toStdString();
    from.run = shown->first.id;
    from.traceDatabase = m_shownDb.toStdString();
    if (auto *tabs = m_overlay->parentWidget() ? m_window->findChild<QTabWidget *>() : nullptr)
        tabs->setCurrentWidget(m_overlay);
    return panel->runFrom(from);
}

} // namespace tutti::studio
