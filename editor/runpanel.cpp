// The run panel; see runpanel.h.
#include <editor/runpanel.h>

#include <editor/codeeditor.h>
#include <editor/environmentpicker.h>
#include <editor/flowscene.h>
#include <editor/flowversion.h>
#include <editor/nodeitem.h>
#include <editor/runpreferences.h>
#include <editor/statustext.h>

#include <document/flowdocument.h>
#include <engine/core/jsonio.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace tutti::editor {

using engine::Json;

namespace {

QString q(const std::string &text)
{
    return QString::fromStdString(text);
}

QString stateName(NodeState state)
{
    switch (state) {
    case NodeState::Idle:
        return RunPanel::tr("waiting");
    case NodeState::Running:
        return RunPanel::tr("running");
    case NodeState::Succeeded:
        return RunPanel::tr("succeeded");
    case NodeState::Failed:
        return RunPanel::tr("failed");
    case NodeState::Retrying:
        return RunPanel::tr("retrying");
    case NodeState::Compensated:
        return RunPanel::tr("compensated");
    }
    return {};
}

// Text colours of the step table: green done, red failed, amber undone or retrying, grey else.
const QColor kGood(0x15, 0x80, 0x3d);
const QColor kBadColor(0xb9, 0x1c, 0x1c);
const QColor kWarnColor(0xb4, 0x53, 0x09);
const QColor kNeutral(0x37, 0x41, 0x51);

QColor stateColor(NodeState state)
{
    switch (state) {
    case NodeState::Succeeded:
        return kGood;
    case NodeState::Failed:
        return kBadColor;
    case NodeState::Compensated:
    case NodeState::Retrying:
        return kWarnColor;
    case NodeState::Idle:
    case NodeState::Running:
        break;
    }
    return kNeutral;
}

QColor stateColor(engine::StepStatus status)
{
    switch (status) {
    case engine::StepStatus::Succeeded:
        return kGood;
    case engine::StepStatus::Failed:
    case engine::StepStatus::CompensationFailed:
        return kBadColor;
    case engine::StepStatus::Compensated:
        return kWarnColor;
    case engine::StepStatus::Running:
    case engine::StepStatus::Cancelled:
        break;
    }
    return kNeutral;
}

constexpr const char *kOk = "background:#dcfce7; color:#14532d; padding:6px; border-radius:4px;";
constexpr const char *kBad = "background:#fee2e2; color:#7f1d1d; padding:6px; border-radius:4px;";
constexpr const char *kWarn = "background:#ffedd5; color:#7c2d12; padding:6px; border-radius:4px;";
constexpr const char *kInfo = "background:#e0e7ff; color:#1e1b4b; padding:6px; border-radius:4px;";

} // namespace

RunPanel::RunPanel(engine::FlowDocument *doc, engine::TransportProvider &transports,
                   QWidget *parent)
    : QWidget(parent)
    , m_doc(doc)
    , m_controller(new RunController(transports, this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);

    auto *bar = new QHBoxLayout;
    m_picker = new EnvironmentPicker(EnvironmentPicker::Parts::EnvironmentAndProfile, this);
    m_seed = new QLineEdit(this);
    m_seed->setObjectName(QStringLiteral("seedEdit"));
    m_seed->setPlaceholderText(tr("random"));
    m_seed->setToolTip(tr("Seed for uuid(), jitter and mock faults; the same seed replays a run"));
    m_seed->setMinimumWidth(180);
    m_seed->setMaximumWidth(220);
    m_runButton = new QPushButton(tr("Run"), this);
    m_runButton->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_runButton->setToolTip(tr("Run the flow once (F5)"));
    m_stopButton = new QPushButton(tr("Stop"), this);
    m_stopButton->setIcon(style()->standardIcon(QStyle::SP_MediaStop));
    m_stopButton->setToolTip(tr("Cancel the run; completed steps are compensated (Shift+F5)"));
    m_stopButton->setEnabled(false);
    m_openButton = new QPushButton(tr("Open Run"), this);
    m_openButton->setObjectName(QStringLiteral("openRunButton"));
    m_openButton->setToolTip(tr("Open the last run in the run viewer: its waterfall, requests "
                                "and responses"));
    m_openButton->setEnabled(false);
    connect(m_openButton, &QPushButton::clicked, this, [this] {
        if (m_controller->lastRecord())
            emit openRunRequested(q(m_controller->lastRecord()->id),
                                  q(m_controller->lastTraceDbPath()));
    });
    bar->addWidget(m_picker);
    bar->addSpacing(8);
    bar->addWidget(new QLabel(tr("Seed:"), this));
    bar->addWidget(m_seed);
    bar->addStretch(1);
    bar->addWidget(m_runButton);
    bar->addWidget(m_stopButton);
    bar->addWidget(m_openButton);
    layout->addLayout(bar);

    auto *split = new QSplitter(Qt::Horizontal, this);
    auto *inputBox = new QWidget(split);
    auto *inputLayout = new QVBoxLayout(inputBox);
    inputLayout->setContentsMargins(0, 0, 0, 0);
    auto *inputLabel = new QLabel(tr("Input (JSON)"), inputBox);
    inputLabel->setStyleSheet(QStringLiteral("font-weight: bold;"));
    inputLayout->addWidget(inputLabel);
    m_input = new CodeEditor(CodeEditor::Mode::Json, inputBox);
    m_input->setToolTip(tr("The run input; checked against the flow's input schema"));
    inputLayout->addWidget(m_input, 1);
    auto *inputError = new QLabel(inputBox);
    inputError->setStyleSheet(QStringLiteral("color:#b91c1c;"));
    inputError->setWordWrap(true);
    inputError->hide();
    inputLayout->addWidget(inputError);
    connect(m_input, &CodeEditor::errorChanged, inputError, [inputError](const QString &m) {
        inputError->setText(m);
        inputError->setVisible(!m.isEmpty());
    });

    auto *results = new QWidget(split);
    auto *resultsLayout = new QVBoxLayout(results);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    m_banner = new QLabel(results);
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    resultsLayout->addWidget(m_banner);
    m_tabs = new QTabWidget(results);
    m_steps = new QTreeWidget(m_tabs);
    m_steps->setRootIsDecorated(false);
    m_steps->setUniformRowHeights(true);
    m_steps->setHeaderLabels({tr("Step"), tr("Status"), tr("Attempts"), tr("Time"), tr("Detail")});
    m_steps->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_steps->header()->setStretchLastSection(true);
    connect(m_steps, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem *item) {
        emit stepActivated(item->data(0, Qt::UserRole).toString());
    });
    connect(m_steps, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        if (m_scene)
            m_scene->selectSteps({item->data(0, Qt::UserRole).toString()});
    });
    m_output = new CodeEditor(CodeEditor::Mode::Json, m_tabs);
    m_output->setReadOnly(true);
    m_log = new QPlainTextEdit(m_tabs);
    m_log->setReadOnly(true);
    m_log->setFont(m_input->font());
    m_tabs->addTab(m_steps, tr("Steps"));
    m_tabs->addTab(m_output, tr("Output"));
    m_tabs->addTab(m_log, tr("Log"));
    resultsLayout->addWidget(m_tabs, 1);
    split->addWidget(inputBox);
    split->addWidget(results);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 5);
    layout->addWidget(split, 1);

    setBanner(tr("Press Run (F5) to run the flow against its mocks. Nodes light up as steps "
                 "run."),
              QLatin1String(kInfo));

    connect(m_runButton, &QPushButton::clicked, this, &RunPanel::run);
    connect(m_stopButton, &QPushButton::clicked, this, &RunPanel::stop);
    connect(m_controller, &RunController::stepStateChanged, this, &RunPanel::onStepState);
    connect(m_controller, &RunController::finished, this, &RunPanel::onFinished);
    connect(m_controller, &RunController::eventLogged, this,
            [this](const QString &line, bool) { m_log->appendPlainText(line); });
    connect(m_controller, &RunController::runStarted, this,
            [this](const QString &runId, const QString &flow) {
                m_log->appendPlainText(tr("Run %1 of %2 (environment %3)")
                                           .arg(runId, flow, environmentBox()->currentText()));
            });
    connect(doc, &engine::FlowDocument::documentReset, this, &RunPanel::refreshChoices);
    refreshChoices();
}

void RunPanel::setScene(FlowScene *scene)
{
    m_scene = scene;
}

void RunPanel::refreshChoices()
{
    const std::string path = m_doc->filePath();
    m_picker->refresh(path);
    // A fresh flow gets an input that satisfies its schema, so Run works at once.
    if (m_inputFor != path || m_input->text().trimmed().isEmpty()) {
        m_inputFor = path;
        const Json &doc = m_doc->document();
        const Json input =
            RunController::exampleInput(doc.contains("input") ? doc["input"] : Json());
        m_input->setPlainText(q(engine::dumpJson(input, 2)));
    }
}

std::vector<std::string> RunPanel::selectedProfiles() const
{
    return m_picker->profiles();
}

QComboBox *RunPanel::environmentBox() const
{
    return m_picker->environmentBox();
}

QComboBox *RunPanel::profileBox() const
{
    return m_picker->profileBox();
}

QString RunPanel::statusText() const
{
    return m_banner->text();
}

QString RunPanel::bannerText() const
{
    return m_banner->text();
}

void RunPanel::setBanner(const QString &text, const QString &style)
{
    m_banner->setText(text);
    m_banner->setStyleSheet(style);
}

void RunPanel::setRunning(bool running)
{
    m_runButton->setEnabled(!running);
    m_stopButton->setEnabled(running);
    emit runningChanged(running);
}

bool RunPanel::run()
{
    return runFrom({});
}

bool RunPanel::runFrom(const engine::RunFrom &from)
{
    return start(from, nullptr);
}

bool RunPanel::debug(engine::DebugHook *debugger)
{
    return start({}, debugger);
}

bool RunPanel::start(const engine::RunFrom &from, engine::DebugHook *debugger)
{
    if (m_controller->isRunning())
        return false;
    emit aboutToRun();
    if (m_doc->filePath().empty()) {
        setBanner(tr("Save the flow first: its workspace (mocks, environments) is found from "
                     "the file's folder."),
                  QLatin1String(kBad));
        return false;
    }
    m_input->validateNow();
    if (m_input->hasError()) {
        setBanner(tr("The input is not valid JSON: %1").arg(m_input->errorMessage()),
                  QLatin1String(kBad));
        return false;
    }
    // The editor's current text, not the file: unsaved edits run too (as they simulate).
    auto version = currentFlowVersion(*m_doc);
    if (!version) {
        setBanner(tr("The run could not start: %1").arg(q(version.error().toString())),
                  QLatin1String(kBad));
        return false;
    }
    engine::RunRequest request;
    request.flow = version->source;
    const Json input = m_input->jsonValue();
    request.input = input.is_null() ? Json::object() : input;
    request.environment = m_picker->environment();
    request.profiles = m_picker->profiles();
    request.trace = RunPreferences::current().traceTarget();
    if (!from.step.empty())
        request.from = from;
    request.debugger = debugger;
    request.clock = m_clock;
    if (!m_seed->text().trimmed().isEmpty()) {
        bool ok = false;
        const qulonglong seed = m_seed->text().trimmed().toULongLong(&ok);
        if (!ok) {
            setBanner(tr("The seed must be a whole number (or empty for a random one)."),
                      QLatin1String(kBad));
            return false;
        }
        request.seed = seed;
    }
    m_steps->clear();
    m_output->setPlainText({});
    m_log->clear();
    if (m_scene)
        m_scene->clearNodeStates();
    auto started = m_controller->start(std::move(request));
    if (!started) {
        setBanner(tr("The run could not start:\n%1").arg(q(started.error().message)),
                  QLatin1String(kBad));
        m_log->appendPlainText(q(started.error().toString()));
        return false;
    }
    m_versionLabel = version->label;
    setBanner(tr("Running %1…").arg(m_versionLabel), QLatin1String(kInfo));
    setRunning(true);
    return true;
}

bool RunPanel::showRun(const engine::RunTrace &run, const std::string &dbPath)
{
    if (m_controller->isRunning())
        return false;
    m_steps->clear();
    m_output->setPlainText({});
    m_log->clear();
    if (m_scene)
        m_scene->clearNodeStates();
    m_versionLabel = tr("stored run");
    return m_controller->showRun(run, dbPath);
}

void RunPanel::stop()
{
    m_controller->stop();
}

QTreeWidgetItem *RunPanel::rowFor(const QString &id)
{
    for (int i = 0; i < m_steps->topLevelItemCount(); ++i)
        if (QTreeWidgetItem *row = m_steps->topLevelItem(i); row->data(0, Qt::UserRole) == id)
            return row;
    auto *row = new QTreeWidgetItem(m_steps);
    row->setData(0, Qt::UserRole, id);
    row->setText(0, id);
    row->setToolTip(0, id);
    return row;
}

void RunPanel::onStepState(const QString &id, NodeState state, const QString &detail)
{
    if (m_scene)
        m_scene->setNodeState(id, state, detail);
    // Rows are found by the step id they were made for, never by the text a cell shows.
    QTreeWidgetItem *item = rowFor(id);
    item->setText(0, id);
    item->setText(1, stateName(state));
    item->setForeground(1, stateColor(state));
    // A step that runs more than once (a map's body) reports counts, not one latency.
    const bool repeated = m_controller->tally(id).started > 1;
    if ((state == NodeState::Succeeded || state == NodeState::Failed) && !repeated)
        item->setText(3, detail);
    else
        item->setText(4, detail);
}

void RunPanel::onFinished(const QString &status)
{
    setRunning(false);
    m_openButton->setEnabled(!m_controller->lastTraceDbPath().empty());
    const auto &record = *m_controller->lastRecord();
    // The record's summaries are authoritative (attempts, errors): rebuild the table from them.
    m_steps->clear();
    for (const engine::StepSummary &s : record.steps) {
        QTreeWidgetItem *item = rowFor(q(s.id));
        item->setText(1, editor::statusText(s.status));
        item->setForeground(1, stateColor(s.status));
        // Steps that send nothing (respond, parallel, …) have no attempts: leave the cell empty.
        item->setText(2, s.attempts > 0 ? QString::number(s.attempts) : QString());
        const QString latency = RunController::formatLatency(s.duration);
        item->setText(3, latency);
        // The badge shows what the table shows: the live badge came from the step's span,
        // which opens a few µs before the summary's clock and closes after it.
        // A step that needed retries says so on its badge too.
        if (NodeItem *node = m_scene ? m_scene->node(q(s.id)) : nullptr)
            if (node->state() == NodeState::Succeeded || node->state() == NodeState::Failed)
                m_scene->setNodeState(
                    q(s.id), node->state(),
                    s.attempts > 1 ? tr("%1 · %2 tries").arg(latency).arg(s.attempts) : latency);
        if (!s.error.is_null())
            item->setText(4, q(s.error.value("type", std::string()) + ": " +
                               s.error.value("message", std::string())));
        // The summary of a step that ran once per map item is its last run's: tell all of them.
        if (const RunController::Tally t = m_controller->tally(q(s.id)); t.started > 1) {
            if (t.failed > 0 && t.ok > 0) {
                item->setText(1, tr("%1 of %2 failed").arg(t.failed).arg(t.started));
                item->setForeground(1, stateColor(NodeState::Failed));
            }
            const QString last = item->text(4);
            item->setText(4,
                          tr("%1 runs: %2").arg(t.started).arg(RunController::tallyText(t)) +
                              (t.failed > 0 && !last.isEmpty() ? tr(" — last failure: %1").arg(last)
                                                               : QString()));
        } else if (const RunController::Tally items = m_controller->items(q(s.id));
                   items.started > 0 && item->text(4).isEmpty()) {
            item->setText(4, tr("items: %1").arg(RunController::tallyText(items)));
        }
    }
    m_output->setPlainText(record.output.is_null() ? QString()
                                                   : q(engine::dumpJson(record.output, 2)));
    QString text = tr("%1 %2 in %3 (%4)")
                       .arg(q(record.flow), editor::statusText(record.status),
                            RunController::formatLatency(record.duration), m_versionLabel);
    if (!record.error.is_null())
        text += tr(" — %1 at step '%2': %3")
                    .arg(q(record.error.value("type", std::string())),
                         q(record.error.value("step", std::string())),
                         q(record.error.value("message", std::string())));
    if (!m_controller->lastTraceDbPath().empty()) {
        if (RunPreferences::current().traceDatabase.empty())
            text +=
                tr("\nStored in the workspace's trace database as run %1 (tutti trace show %1).")
                    .arg(q(record.id));
        else // Settings chose one database for every workspace
            text += tr("\nStored in %2 as run %1 (tutti trace show %1 --trace-db %2).")
                        .arg(q(record.id), q(m_controller->lastTraceDbPath()));
    }
    const char *style = record.status == engine::RunStatus::Succeeded     ? kOk
                        : record.status == engine::RunStatus::Compensated ? kWarn
                                                                          : kBad;
    setBanner(text, QLatin1String(style));
    m_log->appendPlainText(text);
    emit runFinished(q(record.id), status);
}

} // namespace tutti::editor
