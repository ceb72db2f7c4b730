// The studio's debugger for one flow; see debugcontroller.h.
#include <editor/debug/debugcontroller.h>

#include <editor/flowscene.h>
#include <editor/runpanel.h>

#include <document/flowdocument.h>
#include <engine/core/jsonnames.h>

namespace tutti::editor {

using namespace tutti::engine;

DebugController::DebugController(FlowDocument *doc, RunPanel *run, QObject *parent)
    : QObject(parent)
    , m_doc(doc)
    , m_run(run)
{
    // Breakpoints follow their step through a rename and go with it when it is deleted.
    connect(doc, &FlowDocument::stepRenamed, this, [this](const QString &from, const QString &to) {
        if (m_breakpoints.contains(from)) {
            m_breakpoints.insert(to, m_breakpoints.take(from));
            pushBreakpoints();
        }
    });
    connect(doc, &FlowDocument::stepRemoved, this, [this](const QString &id) {
        if (m_breakpoints.remove(id))
            pushBreakpoints();
    });
    connect(run->controller(), &RunController::finished, this, [this] {
        if (!m_active)
            return;
        m_active = false;
        updateScene();
        emit stateChanged();
    });
}

// The RunPanel's controller (and with it a run still in flight) goes first: it is the panel's.
DebugController::~DebugController() = default;

void DebugController::setScene(FlowScene *scene)
{
    m_scene = scene;
    updateScene();
}

bool DebugController::toggleBreakpoint(const QString &stepId)
{
    if (stepId.isEmpty() || !m_doc->hasStep(stepId.toStdString()))
        return false;
    if (!m_breakpoints.remove(stepId))
        m_breakpoints.insert(stepId, QString());
    pushBreakpoints();
    return true;
}

Result<void> DebugController::setCondition(const QString &stepId, const QString &condition)
{
    if (stepId.isEmpty() || !m_doc->hasStep(stepId.toStdString()))
        return fail(ErrorCode::Validation, "no step '" + stepId.toStdString() + "' in this flow");
    const QString text = condition.trimmed();
    if (!text.isEmpty()) {
        // The session's own check: a scratch session says what the debug run would say.
        DebugSession check;
        auto problems = check.setBreakpoints("", {{stepId.toStdString(), text.toStdString()}});
        if (!problems.empty() && problems.front())
            return std::unexpected(*problems.front());
    }
    m_breakpoints.insert(stepId, text);
    pushBreakpoints();
    return {};
}

void DebugController::clearBreakpoints()
{
    m_breakpoints.clear();
    pushBreakpoints();
}

void DebugController::pushBreakpoints()
{
    if (m_session && !m_session->isFinished()) {
        std::vector<Breakpoint> list;
        for (auto it = m_breakpoints.cbegin(); it != m_breakpoints.cend(); ++it)
            list.push_back({it.key().toStdString(), it.value().toStdString()});
        m_session->setBreakpoints("", list);
    }
    if (m_scene)
        m_scene->setBreakpointMarks(m_breakpoints);
    emit breakpointsChanged();
}

bool DebugController::start()
{
    if (!m_run || isDebugging() || m_run->controller()->isRunning())
        return false;
    m_previous = std::move(m_session);
    m_session = std::make_unique<DebugSession>();
    m_session->onStopped = [this](const DebugStop &) {
        updateScene();
        emit stateChanged();
    };
    m_session->onResumed = [this] {
        updateScene();
        emit stateChanged();
    };
    pushBreakpoints();
    m_active = true;
    if (!m_run->debug(m_session.get())) {
        m_active = false;
        m_session = std::move(m_previous); // the last run's session stays as it was
        emit stateChanged();
        return false;
    }
    m_previous.reset(); // the run before has been replaced by this one
    emit stateChanged();
    return true;
}

bool DebugController::isDebugging() const
{
    return m_active && m_session && !m_session->isFinished();
}

bool DebugController::isPaused() const
{
    return isDebugging() && m_session->isPaused();
}

void DebugController::continueRun()
{
    if (isPaused())
        m_session->continueRun();
}

void DebugController::stepOver()
{
    if (isPaused())
        m_session->stepOver();
}

void DebugController::stepIn()
{
    if (isPaused())
        m_session->stepIn();
}

void DebugController::stop()
{
    if (!isDebugging())
        return;
    if (m_session->isAttached())
        m_session->stop();
    else if (m_run)
        m_run->stop();
}

QString DebugController::pausedStep() const
{
    const DebugStop *stop = isPaused() ? m_session->currentStop() : nullptr;
    if (!stop)
        return {};
    const std::string &file = m_session->run() ? m_session->run()->flow().filePath : std::string();
    for (const DebugFrame &frame : stop->stack)
        if ((frame.flowFile.empty() || frame.flowFile == file) && m_doc->hasStep(frame.stepId))
            return QString::fromStdString(frame.stepId);
    return {};
}

void DebugController::updateScene()
{
    if (m_scene)
        m_scene->setPausedStep(pausedStep());
}

Result<void> DebugController::applyScope(DebugScope scope, const Json &edited, std::size_t frame)
{
    if (!isPaused())
        return fail(ErrorCode::Validation, "the run is not paused");
    if (scope == DebugScope::Env || scope == DebugScope::Error || scope == DebugScope::Request)
        return fail(ErrorCode::Validation,
                    std::string(toString(scope)) + " is read-only; edit input, vars or steps");
    const Json current = m_session->scopeValue(scope, frame);
    const auto set = [&](const std::string &pointer, const Json &value) -> Result<void> {
        auto stored = m_session->setValue(scope, pointer, value, frame);
        if (!stored)
            return std::unexpected(stored.error());
        return {};
    };
    if (!edited.is_object() || !current.is_object()) {
        if (scope == DebugScope::Steps)
            return fail(ErrorCode::Validation, "steps is an object of step results by step id");
        return edited == current ? Result<void>{} : set("", edited);
    }
    for (auto it = current.begin(); it != current.end(); ++it)
        if (!edited.contains(it.key())) {
            if (scope == DebugScope::Steps)
                return fail(ErrorCode::Validation,
                            "the result of step '" + it.key() + "' cannot be removed");
            return set("", edited); // a key removed: the whole scope
        }
    for (auto it = edited.begin(); it != edited.end(); ++it) {
        const auto was = current.find(it.key());
        if (was != current.end() && *was == *it)
            continue;
        if (auto ok = set("/" + pointerToken(it.key()), *it); !ok)
            return ok;
    }
    return {};
}

} // namespace tutti::editor
