// The Debugger panel; see debugpanel.h.
#include <editor/debug/debugpanel.h>

#include <editor/codeeditor.h>
#include <editor/debug/debugcontroller.h>

#include <engine/core/jsonio.h>

#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QToolBar>
#include <QVBoxLayout>

namespace tutti::editor {

using namespace tutti::engine;

namespace {

QString q(const std::string &text)
{
    return QString::fromStdString(text);
}

constexpr const char *kErrorStyle = "color: #b91c1c;";
constexpr const char *kOkStyle = "color: #166534;";

} // namespace

DebugPanel::DebugPanel(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *top = new QHBoxLayout;
    m_bar = new QToolBar;
    m_bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    top->addWidget(m_bar);
    m_status = new QLabel;
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    top->addWidget(m_status, 1);
    layout->addLayout(top);

    auto *split = new QSplitter(Qt::Horizontal);
    auto *stackBox = new QWidget;
    auto *stackLayout = new QVBoxLayout(stackBox);
    stackLayout->setContentsMargins(0, 0, 0, 0);
    stackLayout->addWidget(new QLabel(tr("Stack")));
    m_stack = new QListWidget;
    m_stack->setObjectName(QStringLiteral("debugStack"));
    stackLayout->addWidget(m_stack);
    split->addWidget(stackBox);

    auto *contextBox = new QWidget;
    auto *contextLayout = new QVBoxLayout(contextBox);
    contextLayout->setContentsMargins(0, 0, 0, 0);
    auto *scopeRow = new QHBoxLayout;
    scopeRow->addWidget(new QLabel(tr("Context:")));
    m_scope = new QComboBox;
    scopeRow->addWidget(m_scope, 1);
    m_apply = new QPushButton(tr("Apply"));
    m_apply->setToolTip(tr("Send the edited value to the paused run; the next steps read it"));
    m_revert = new QPushButton(tr("Revert"));
    scopeRow->addWidget(m_apply);
    scopeRow->addWidget(m_revert);
    contextLayout->addLayout(scopeRow);
    m_context = new CodeEditor(CodeEditor::Mode::Json);
    m_context->setObjectName(QStringLiteral("debugContext"));
    contextLayout->addWidget(m_context, 1);
    m_message = new QLabel;
    m_message->setWordWrap(true);
    contextLayout->addWidget(m_message);
    auto *watchRow = new QHBoxLayout;
    watchRow->addWidget(new QLabel(tr("Evaluate:")));
    m_watch = new QLineEdit;
    m_watch->setPlaceholderText(tr("an expression, e.g. steps.reserve.body.id"));
    watchRow->addWidget(m_watch, 1);
    contextLayout->addLayout(watchRow);
    m_watchResult = new QLabel;
    m_watchResult->setWordWrap(true);
    m_watchResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    contextLayout->addWidget(m_watchResult);
    split->addWidget(contextBox);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    layout->addWidget(split, 1);

    connect(m_stack, &QListWidget::currentRowChanged, this, [this] { showScope(); });
    connect(m_scope, &QComboBox::currentIndexChanged, this, [this] { showScope(); });
    connect(m_apply, &QPushButton::clicked, this, &DebugPanel::apply);
    connect(m_revert, &QPushButton::clicked, this, [this] {
        setMessage({}, false);
        showScope();
    });
    connect(m_watch, &QLineEdit::returnPressed, this, &DebugPanel::evaluateWatch);
    refresh();
}

void DebugPanel::setActions(const QList<QAction *> &actions)
{
    m_bar->clear();
    m_bar->addActions(actions);
}

void DebugPanel::setController(DebugController *controller)
{
    if (m_controller == controller)
        return;
    disconnect(m_connection);
    m_controller = controller;
    if (controller)
        m_connection =
            connect(controller, &DebugController::stateChanged, this, &DebugPanel::refresh);
    refresh();
}

QString DebugPanel::statusText() const
{
    return m_status->text();
}

DebugScope DebugPanel::currentScope() const
{
    return static_cast<DebugScope>(m_scope->currentData().toInt());
}

void DebugPanel::selectScope(DebugScope scope)
{
    if (const int i = m_scope->findData(static_cast<int>(scope)); i >= 0)
        m_scope->setCurrentIndex(i);
}

void DebugPanel::refresh()
{
    const DebugSession *session = m_controller ? m_controller->session() : nullptr;
    const DebugStop *stop =
        m_controller && m_controller->isPaused() ? session->currentStop() : nullptr;
    setMessage({}, false);
    {
        const QSignalBlocker a(m_stack), b(m_scope);
        m_stack->clear();
        const DebugScope keep = currentScope();
        m_scope->clear();
        if (stop) {
            for (const DebugFrame &frame : stop->stack)
                m_stack->addItem(tr("%1  (%2:%3)")
                                     .arg(q(frame.name), QFileInfo(q(frame.flowFile)).fileName())
                                     .arg(frame.line));
            m_stack->setCurrentRow(0);
            for (DebugScope scope : session->scopes(0))
                m_scope->addItem(scope == DebugScope::Request ? tr("request (what will be sent)")
                                                              : q(toString(scope)),
                                 static_cast<int>(scope));
            const int i = m_scope->findData(static_cast<int>(keep));
            m_scope->setCurrentIndex(i >= 0 ? i : 0);
        }
    }
    if (!m_controller)
        m_status->setText(tr("Open a flow to debug it."));
    else if (stop)
        m_status->setText(
            tr("<b>Paused</b> before <b>%1</b>: %2")
                .arg(q(stop->stepId).toHtmlEscaped(), q(stop->description).toHtmlEscaped()));
    else if (m_controller->isDebugging())
        m_status->setText(tr("Running under the debugger…"));
    else if (m_controller->breakpoints().isEmpty())
        m_status->setText(tr("Not debugging. Select a step and press F9 for a breakpoint, then "
                             "Ctrl+F5 to debug the flow."));
    else
        m_status->setText(
            tr("Not debugging: %n breakpoint(s) set. Ctrl+F5 debugs the flow with the Run "
               "panel's input and environment.",
               nullptr, int(m_controller->breakpoints().size())));
    m_context->setEnabled(stop != nullptr);
    m_watch->setEnabled(stop != nullptr);
    if (!stop)
        m_watchResult->clear();
    showScope();
}

void DebugPanel::showScope()
{
    const DebugSession *session = m_controller ? m_controller->session() : nullptr;
    const bool paused = m_controller && m_controller->isPaused();
    const int frame = std::max(0, m_stack->currentRow());
    if (!paused || m_scope->count() == 0) {
        m_context->setPlainText({});
        m_apply->setEnabled(false);
        m_revert->setEnabled(false);
        return;
    }
    const DebugScope scope = currentScope();
    m_context->setPlainText(q(dumpJson(session->scopeValue(scope, frame), 2)));
    if (scope == DebugScope::Request)
        setMessage(frame == 0 ? tr("Rendered from the context as it is now: edit input, vars or "
                                   "steps and the request follows. Secrets show redacted.")
                              : tr("Only the step about to run has a request to preview."),
                   false);
    else
        setMessage({}, false);
    const bool editable =
        scope == DebugScope::Input || scope == DebugScope::Vars || scope == DebugScope::Steps;
    m_context->setDisplayOnly(!editable);
    m_apply->setEnabled(editable);
    m_revert->setEnabled(editable);
    if (!m_watch->text().trimmed().isEmpty())
        evaluateWatch();
}

bool DebugPanel::apply()
{
    if (!m_controller || !m_controller->isPaused())
        return false;
    m_context->validateNow();
    if (m_context->hasError()) {
        setMessage(
            tr("Not applied: the text is not valid JSON (%1).").arg(m_context->errorMessage()),
            true);
        return false;
    }
    const DebugScope scope = currentScope();
    const std::size_t frame = std::max(0, m_stack->currentRow());
    auto done = m_controller->applyScope(scope, m_context->jsonValue(), frame);
    if (!done) {
        setMessage(tr("Not applied: %1").arg(q(done.error().message)), true);
        return false;
    }
    showScope(); // as stored (redacted)
    setMessage(tr("Applied: the next steps read the new %1 (recorded in the trace).")
                   .arg(q(toString(scope))),
               false);
    return true;
}

void DebugPanel::evaluateWatch()
{
    const QString text = m_watch->text().trimmed();
    if (!m_controller || !m_controller->isPaused() || text.isEmpty()) {
        m_watchResult->clear();
        return;
    }
    auto value =
        m_controller->session()->evaluate(text.toStdString(), std::max(0, m_stack->currentRow()));
    m_watchResult->setStyleSheet(QLatin1String(value ? "" : kErrorStyle));
    m_watchResult->setText(value ? q(dumpJson(*value)) : q(value.error().message));
}

void DebugPanel::setMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(QLatin1String(error ? kErrorStyle : kOkStyle));
    m_message->setVisible(!text.isEmpty());
}

} // namespace tutti::editor
