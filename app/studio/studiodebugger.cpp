// The studio's step debugger; see studiodebugger.h.
#include "studiodebugger.h"

#include "mainwindow.h"
#include "studiopanels.h"

#include <editor/debug/debugcontroller.h>
#include <editor/debug/debugpanel.h>
#include <editor/floweditor.h>
#include <editor/flowscene.h>
#include <editor/flowview.h>
#include <editor/runpanel.h>

#include <QAction>
#include <QDockWidget>
#include <QInputDialog>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QToolBar>

namespace tutti::studio {

using editor::DebugController;
using editor::FlowEditor;

StudioDebugger::StudioDebugger(MainWindow *window, StudioPanels *panels)
    : QObject(window)
    , m_window(window)
    , m_panels(panels)
{
    m_panel = new editor::DebugPanel;
    m_dock = StudioPanels::makeScrollingDock(window, tr("Debugger"), QStringLiteral("debuggerDock"),
                                             m_panel);
    window->addPanel(m_dock, Qt::BottomDockWidgetArea);
    window->tabifyDockWidget(panels->runDock(), m_dock);
    panels->runDock()->raise();

    auto *menu = new QMenu(tr("&Debug"), window);
    m_start = menu->addAction(tr("Start &Debugging"), this, &StudioDebugger::start);
    m_start->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F5));
    m_start->setToolTip(tr("Run the flow under the debugger: it stops at breakpoints (Ctrl+F5)"));
    m_continue = menu->addAction(tr("&Continue"), this, [this] {
        if (DebugController *d = current())
            d->continueRun();
    });
    // F5 is Run Flow's until a debug run pauses; then it is Continue's (updateActions): one
    // key is never bound to two actions at once, which Qt would run neither of.
    m_continue->setToolTip(tr("Go on until the next breakpoint or the end (F5)"));
    m_stepOver = menu->addAction(tr("Step &Over"), this, [this] {
        if (DebugController *d = current())
            d->stepOver();
    });
    m_stepOver->setShortcut(QKeySequence(Qt::Key_F10));
    m_stepOver->setToolTip(tr("Run this step and stop before the next one (F10)"));
    m_stepInto = menu->addAction(tr("Step &Into"), this, [this] {
        if (DebugController *d = current())
            d->stepIn();
    });
    m_stepInto->setShortcut(QKeySequence(Qt::Key_F11));
    m_stepInto->setToolTip(tr("Stop at the first step inside this parallel, map or call step "
                              "(F11); on other steps, as Step Over"));
    // Stop is the Run menu's Stop Run (Shift+F5): it cancels any run of the flow, a debug run
    // too, compensating completed steps.
    if (QAction *stop = panels->stopAction())
        menu->addAction(stop);
    menu->addSeparator();
    m_toggle = menu->addAction(tr("Toggle &Breakpoint"), this, &StudioDebugger::toggleBreakpoint);
    m_toggle->setShortcut(QKeySequence(Qt::Key_F9));
    m_toggle->setToolTip(tr("Stop before the selected step when debugging (F9)"));
    m_condition =
        menu->addAction(tr("Edit Breakpoint Co&ndition…"), this, &StudioDebugger::editCondition);
    m_clear = menu->addAction(tr("Remove &All Breakpoints"), this, [this] {
        if (DebugController *d = current())
            d->clearBreakpoints();
    });
    const QList<QAction *> top = window->menuBar()->actions();
    window->menuBar()->insertMenu(top.isEmpty() ? nullptr : top.last(), menu); // before Help
    if (auto *bar = window->findChild<QToolBar *>(QStringLiteral("mainToolBar"))) {
        bar->addSeparator();
        for (QAction *a : {m_start, m_continue, m_stepOver, m_stepInto, m_toggle})
            bar->addAction(a);
    }
    QList<QAction *> buttons{m_continue, m_stepOver, m_stepInto};
    if (QAction *stop = panels->stopAction())
        buttons << stop;
    m_panel->setActions(buttons);

    connect(window, &MainWindow::currentEditorChanged, this,
            &StudioDebugger::onCurrentEditorChanged);
    onCurrentEditorChanged(window->currentEditor());
}

DebugController *StudioDebugger::controllerFor(FlowEditor *e)
{
    if (!e)
        return nullptr;
    if (DebugController *d = m_controllers.value(e))
        return d;
    editor::RunPanel *run = m_panels->runPanelFor(e);
    if (!run)
        return nullptr;
    // A child of the Run panel: it goes with the flow's panels, after the run it debugs.
    auto *d = new DebugController(e->document(), run, run);
    d->setScene(e->scene());
    e->scene()->setNodeMenuActions({m_toggle, m_condition});
    m_controllers.insert(e, d);
    connect(d, &DebugController::breakpointsChanged, this, &StudioDebugger::updateActions);
    connect(d, &DebugController::stateChanged, this, [this, e, d] {
        updateActions();
        const QString step = d->pausedStep();
        if (step.isEmpty())
            return;
        // Show where it stopped: the canvas centres the step, the Debugger dock comes up.
        if (m_current == e) {
            m_dock->show();
            m_dock->raise();
            // The context wants room: make some when the dock is short.
            if (m_dock->height() < m_window->height() * 2 / 5)
                m_window->resizeDocks({m_dock}, {m_window->height() * 2 / 5}, Qt::Vertical);
        }
        e->view()->centerOnStep(step);
        m_window->statusBar()->showMessage(tr("Paused before %1").arg(step), 5000);
    });
    connect(e, &FlowEditor::selectionChanged, this, &StudioDebugger::updateActions);
    connect(run, &editor::RunPanel::runningChanged, this, &StudioDebugger::updateActions);
    connect(e, &QObject::destroyed, this, [this, e] { m_controllers.remove(e); });
    return d;
}

DebugController *StudioDebugger::current() const
{
    return m_current ? m_controllers.value(m_current).data() : nullptr;
}

void StudioDebugger::onCurrentEditorChanged(FlowEditor *e)
{
    m_current = e;
    m_panel->setController(controllerFor(e));
    updateActions();
}

QString StudioDebugger::selectedStep() const
{
    if (!m_current)
        return {};
    const QStringList ids = m_current->scene()->selectedStepIds();
    return ids.size() == 1 ? ids.front() : QString();
}

void StudioDebugger::updateActions()
{
    DebugController *d = current();
    const bool running = d && d->runPanel() && d->runPanel()->controller()->isRunning();
    const bool paused = d && d->isPaused();
    m_start->setEnabled(d && !running);
    m_continue->setEnabled(paused);
    m_stepOver->setEnabled(paused);
    m_stepInto->setEnabled(paused);
    m_continue->setShortcut(paused ? QKeySequence(Qt::Key_F5) : QKeySequence());
    if (QAction *run = m_panels->runAction())
        run->setShortcut(paused ? QKeySequence() : QKeySequence(Qt::Key_F5));
    const QString step = selectedStep();
    m_toggle->setEnabled(d && !step.isEmpty());
    m_condition->setEnabled(d && !step.isEmpty());
    m_clear->setEnabled(d && !d->breakpoints().isEmpty());
    m_toggle->setText(d && d->hasBreakpoint(step) ? tr("Remove &Breakpoint")
                                                  : tr("Toggle &Breakpoint"));
}

void StudioDebugger::start()
{
    DebugController *d = current();
    if (!d)
        return;
    m_panels->runDock()->show();
    m_panels->runDock()->raise();
    if (d->start()) {
        m_dock->show();
        m_dock->raise();
    }
    updateActions();
}

void StudioDebugger::toggleBreakpoint()
{
    if (DebugController *d = current())
        d->toggleBreakpoint(selectedStep());
}

void StudioDebugger::editCondition()
{
    DebugController *d = current();
    const QString step = selectedStep();
    if (!d || step.isEmpty())
        return;
    QString text = d->condition(step);
    QString problem;
    for (;;) {
        std::optional<QString> answer;
        if (m_prompt) {
            answer = m_prompt(step, text, problem);
        } else {
            bool ok = false;
            QString label = tr("Stop before %1 only when this expression is true (empty: always), "
                               "e.g. steps.reserve.status == 409 or input.amount > 100:")
                                .arg(step);
            if (!problem.isEmpty())
                label += QStringLiteral("\n\n") + tr("Refused: %1").arg(problem);
            const QString got = QInputDialog::getText(m_window, tr("Breakpoint Condition"), label,
                                                      QLineEdit::Normal, text, &ok);
            if (ok)
                answer = got;
        }
        if (!answer)
            return;
        text = *answer;
        auto set = d->setCondition(step, text);
        if (set) {
            m_window->statusBar()->showMessage(
                text.trimmed().isEmpty() ? tr("Breakpoint at %1").arg(step)
                                         : tr("Breakpoint at %1 when %2").arg(step, text.trimmed()),
                5000);
            return;
        }
        problem = QString::fromStdString(set.error().message);
    }
}

} // namespace tutti::studio
