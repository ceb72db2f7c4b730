// Panels of the studio window; see studiopanels.h.
#include "studiopanels.h"

#include "mainwindow.h"

#include <editor/floweditor.h>
#include <editor/flowscene.h>
#include <editor/flowview.h>
#include <editor/inspector.h>
#include <editor/problemspanel.h>
#include <editor/runpanel.h>
#include <editor/simulationpanel.h>
#include <editor/yamleditor.h>

#include <document/flowdocument.h>

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QTreeWidget>

namespace tutti::studio {

using editor::FlowEditor;

namespace {

QStackedWidget *stackWithHint(const QString &hint)
{
    auto *stack = new QStackedWidget;
    auto *label = new QLabel(hint);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: gray; padding: 12px;"));
    stack->addWidget(label);
    return stack;
}

} // namespace

StudioPanels::StudioPanels(MainWindow *window)
    : QObject(window)
    , m_window(window)
{
    m_inspectorStack = stackWithHint(tr("Open a flow to edit its steps here."));
    m_problemsStack = stackWithHint(tr("Open a flow to see its problems."));
    m_runStack = stackWithHint(tr("Open a flow to run it."));
    m_simStack = stackWithHint(tr("Open a flow to simulate it."));
    m_inspectorDock = makeDock(tr("Inspector"), QStringLiteral("inspectorDock"), m_inspectorStack);
    m_problemsDock = makeDock(tr("Problems"), QStringLiteral("problemsDock"), m_problemsStack);
    m_runDock = makeDock(tr("Run"), QStringLiteral("runDock"), m_runStack);
    m_simDock = makeDock(tr("Simulation"), QStringLiteral("simulationDock"), m_simStack);
    window->addPanel(m_inspectorDock, Qt::RightDockWidgetArea);
    window->addPanel(m_runDock, Qt::BottomDockWidgetArea);
    window->addPanel(m_simDock, Qt::BottomDockWidgetArea);
    window->addPanel(m_problemsDock, Qt::BottomDockWidgetArea);
    window->tabifyDockWidget(m_runDock, m_simDock);
    window->tabifyDockWidget(m_simDock, m_problemsDock);
    m_runDock->raise();
    window->resizeDocks({m_inspectorDock}, {400}, Qt::Horizontal);
    window->resizeDocks({m_runDock}, {300}, Qt::Vertical);

    // Run menu, before Help.
    auto *menu = new QMenu(tr("&Run"), window);
    m_runAction = menu->addAction(tr("&Run Flow"), this, &StudioPanels::run);
    m_runAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_runAction->setToolTip(
        tr("Run the flow once against its mocks or the chosen environment (F5)"));
    m_stopAction = menu->addAction(tr("&Stop Run"), this, &StudioPanels::stop);
    m_stopAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    menu->addSeparator();
    m_simulateAction = menu->addAction(tr("Si&mulate…"), this, &StudioPanels::simulate);
    m_simulateAction->setShortcut(QKeySequence(Qt::Key_F6));
    m_simulateAction->setToolTip(tr("Run the flow thousands of times in virtual time (F6)"));
    m_cancelSimAction = menu->addAction(tr("&Cancel Simulation"), this, [this] {
        if (auto *s = simulationPanel())
            s->cancel();
    });
    const QList<QAction *> top = window->menuBar()->actions();
    window->menuBar()->insertMenu(top.isEmpty() ? nullptr : top.last(), menu);
    if (auto *bar = window->findChild<QToolBar *>(QStringLiteral("mainToolBar"))) {
        bar->addSeparator();
        bar->addAction(m_runAction);
        bar->addAction(m_stopAction);
        bar->addAction(m_simulateAction);
    }

    // Activating a profile in the workspace tree picks it in the Run and Simulation panels.
    if (auto *tree = window->findChild<QTreeWidget *>(QStringLiteral("workspaceTree")))
        connect(tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
            const QString path = item->data(0, Qt::UserRole).toString();
            if (!path.endsWith(QLatin1String(".profile.yaml")))
                return;
            const QString name = QFileInfo(path).fileName();
            if (editor::RunPanel *r = runPanel())
                if (const int i = r->profileBox()->findText(name); i >= 0)
                    r->profileBox()->setCurrentIndex(i);
            if (editor::SimulationPanel *sim = simulationPanel())
                if (const int i = sim->profileBox()->findText(name); i >= 0)
                    sim->profileBox()->setCurrentIndex(i);
            m_window->statusBar()->showMessage(
                tr("Mock profile %1 selected for runs and simulations").arg(name), 5000);
        });
    connect(window, &MainWindow::currentEditorChanged, this, &StudioPanels::onCurrentEditorChanged);
    onCurrentEditorChanged(window->currentEditor());
}

QDockWidget *StudioPanels::makeDock(const QString &title, const QString &name,
                                    QStackedWidget *stack)
{
    return makeScrollingDock(m_window, title, name, stack);
}

QDockWidget *StudioPanels::makeScrollingDock(QWidget *window, const QString &title,
                                             const QString &name, QWidget *panel)
{
    auto *dock = new QDockWidget(title, window);
    dock->setObjectName(name);
    // A panel's minimum size must not dictate the window's layout (the simulation report alone
    // wants about 1000 x 300 px, and tabbed docks share it): below it, the panel scrolls.
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(panel);
    dock->setWidget(scroll);
    return dock;
}

StudioPanels::Set &StudioPanels::setFor(FlowEditor *e)
{
    auto it = m_sets.find(e);
    if (it != m_sets.end())
        return *it;
    Set set;
    engine::FlowDocument *doc = e->document();
    set.inspector = new editor::Inspector(doc, e->undoStack());
    set.problems = new editor::ProblemsPanel(doc);
    set.problems->setEditor(e);
    set.problems->setInspector(set.inspector);
    set.run = new editor::RunPanel(doc, m_services.transports());
    set.run->setScene(e->scene());
    set.simulation = new editor::SimulationPanel(doc, m_services.simulations());
    m_inspectorStack->addWidget(set.inspector);
    m_problemsStack->addWidget(set.problems);
    m_runStack->addWidget(set.run);
    m_simStack->addWidget(set.simulation);

    editor::Inspector *inspector = set.inspector;
    connect(e, &FlowEditor::selectionChanged, inspector, [inspector](const QStringList &ids) {
        inspector->setStep(ids.size() == 1 ? ids.front() : QString());
    });
    inspector->setStep(e->scene()->selectedStepIds().size() == 1
                           ? e->scene()->selectedStepIds().front()
                           : QString());
    connect(e->scene(), &editor::FlowScene::stepActivated, inspector,
            [this, inspector](const QString &id) {
                inspector->setStep(id);
                m_inspectorDock->show();
                m_inspectorDock->raise();
            });
    connect(inspector, &editor::Inspector::editRefused, m_window,
            [this](const QString &message) { m_window->statusBar()->showMessage(message, 5000); });
    // The panel itself shows the line in the YAML view and the step on the canvas.
    connect(set.problems, &editor::ProblemsPanel::problemActivated, e, [this](const QString &step) {
        if (!step.isEmpty()) {
            m_inspectorDock->show();
            m_inspectorDock->raise();
        }
    });
    editor::ProblemsPanel *problems = set.problems;
    auto retitle = [this, e, problems](int n) {
        if (m_current == e)
            m_problemsDock->setWindowTitle(n ? tr("Problems (%1)").arg(n) : tr("Problems"));
    };
    connect(problems, &editor::ProblemsPanel::countChanged, this, retitle);
    // Run and Simulate take the editor's current version (editor/flowversion.h): edits still
    // pending in the inspector or the YAML view join it first.
    auto commitPending = [inspector, yaml = e->yamlEditor()] {
        inspector->commitPending();
        yaml->commitNow();
    };
    connect(set.run, &editor::RunPanel::aboutToRun, inspector, commitPending);
    connect(set.simulation, &editor::SimulationPanel::aboutToSimulate, inspector, commitPending);
    connect(set.run, &editor::RunPanel::stepActivated, e, [e, inspector](const QString &id) {
        e->scene()->selectSteps({id});
        inspector->setStep(id); // selectSteps() may not signal a programmatic selection
        e->view()->centerOnStep(id);
    });
    connect(set.run, &editor::RunPanel::runningChanged, this, &StudioPanels::updateActions);
    connect(set.simulation, &editor::SimulationPanel::runningChanged, this,
            &StudioPanels::updateActions);
    // Kept runs are stored where runs go (the workspace's database or the one of Settings).
    connect(set.simulation, &editor::SimulationPanel::openRunRequested, this,
            [this](const QString &runId) { emit openRunRequested(runId, QString()); });
    connect(set.run, &editor::RunPanel::openRunRequested, this, &StudioPanels::openRunRequested);
    connect(set.run, &editor::RunPanel::runFinished, this, &StudioPanels::runFinished);
    connect(set.simulation, &editor::SimulationPanel::simulationFinished, this,
            &StudioPanels::runFinished);
    // The Inspector shows the selected step's last input and output of this flow's runs.
    set.inspector->setRunController(set.run->controller());
    // The flow's tab closed: its panels go too (a run in flight is dropped with them).
    Set *stored = &m_sets.insert(e, set).value();
    connect(e, &QObject::destroyed, this, [this, e] {
        const Set s = m_sets.take(e);
        for (QWidget *w : {static_cast<QWidget *>(s.inspector), static_cast<QWidget *>(s.problems),
                           static_cast<QWidget *>(s.run), static_cast<QWidget *>(s.simulation)})
            if (w)
                w->deleteLater();
    });
    return *stored;
}

void StudioPanels::onCurrentEditorChanged(FlowEditor *e)
{
    m_current = e;
    if (!e) {
        for (QStackedWidget *s : {m_inspectorStack, m_problemsStack, m_runStack, m_simStack})
            s->setCurrentIndex(0);
        m_problemsDock->setWindowTitle(tr("Problems"));
    } else {
        Set &set = setFor(e);
        m_inspectorStack->setCurrentWidget(set.inspector);
        m_problemsStack->setCurrentWidget(set.problems);
        m_runStack->setCurrentWidget(set.run);
        m_simStack->setCurrentWidget(set.simulation);
        const int n = set.problems->count();
        m_problemsDock->setWindowTitle(n ? tr("Problems (%1)").arg(n) : tr("Problems"));
    }
    updateActions();
}

editor::Inspector *StudioPanels::inspector() const
{
    return m_current ? m_sets.value(m_current).inspector.data() : nullptr;
}
editor::ProblemsPanel *StudioPanels::problems() const
{
    return m_current ? m_sets.value(m_current).problems.data() : nullptr;
}
editor::RunPanel *StudioPanels::runPanel() const
{
    return m_current ? m_sets.value(m_current).run.data() : nullptr;
}
editor::RunPanel *StudioPanels::runPanelFor(FlowEditor *editor) const
{
    return editor ? m_sets.value(editor).run.data() : nullptr;
}

editor::SimulationPanel *StudioPanels::simulationPanel() const
{
    return m_current ? m_sets.value(m_current).simulation.data() : nullptr;
}

void StudioPanels::updateActions()
{
    editor::RunPanel *r = runPanel();
    editor::SimulationPanel *s = simulationPanel();
    const bool running = r && r->controller()->isRunning();
    m_runAction->setEnabled(r && !running);
    m_stopAction->setEnabled(running);
    m_simulateAction->setEnabled(s && !s->isRunning());
    m_cancelSimAction->setEnabled(s && s->isRunning());
}

void StudioPanels::run()
{
    if (editor::RunPanel *r = runPanel()) {
        m_runDock->show();
        m_runDock->raise();
        r->run();
    }
}

void StudioPanels::stop()
{
    if (editor::RunPanel *r = runPanel())
        r->stop();
}

void StudioPanels::simulate()
{
    if (editor::SimulationPanel *s = simulationPanel()) {
        m_simDock->show();
        m_simDock->raise();
        // The report has a chart: make room for it when the dock is short.
        if (m_simDock->height() < m_window->height() * 2 / 5)
            m_window->resizeDocks({m_simDock}, {m_window->height() * 2 / 5}, Qt::Vertical);
        s->simulate();
    }
}

} // namespace tutti::studio
