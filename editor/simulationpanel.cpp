// The simulation panel; see simulationpanel.h.
#include <editor/simulationpanel.h>

#include <editor/environmentpicker.h>
#include <editor/flowversion.h>
#include <editor/runcontroller.h>
#include <editor/runpreferences.h>
#include <editor/statustext.h>

#include <document/flowdocument.h>
#include <engine/core/jsonio.h>

#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QValueAxis>

#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace tutti::editor {

using engine::Json;
using engine::Micros;

namespace {

QString q(const std::string &text)
{
    return QString::fromStdString(text);
}
QString lat(Micros v)
{
    return RunController::formatLatency(v);
}

constexpr const char *kOk = "background:#dcfce7; color:#14532d; padding:6px; border-radius:4px;";
constexpr const char *kBad = "background:#fee2e2; color:#7f1d1d; padding:6px; border-radius:4px;";
constexpr const char *kWarn = "background:#ffedd5; color:#7c2d12; padding:6px; border-radius:4px;";
constexpr const char *kInfo = "background:#e0e7ff; color:#1e1b4b; padding:6px; border-radius:4px;";

// Bars are labelled with bare numbers (the axis title gives the unit) so they fit unrotated:
// milliseconds below one-second buckets, seconds from there on.
QString axisLabel(Micros value, Micros bucketWidth)
{
    if (bucketWidth >= engine::kSecond)
        return QString::number(static_cast<double>(value) / 1e6, 'g', 4);
    return QString::number(value / 1000);
}

QTreeWidget *table(QWidget *parent, const QStringList &headers)
{
    auto *t = new QTreeWidget(parent);
    t->setRootIsDecorated(false);
    t->setUniformRowHeights(true);
    t->setHeaderLabels(headers);
    t->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return t;
}

} // namespace

SimulationPanel::SimulationPanel(engine::FlowDocument *doc, SimulationService &simulations,
                                 QWidget *parent)
    : QWidget(parent)
    , m_doc(doc)
    , m_simulations(simulations)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *bar = new QHBoxLayout;
    m_runs = new QSpinBox(this);
    m_runs->setRange(1, 10'000'000);
    m_runs->setValue(10'000);
    m_runs->setGroupSeparatorShown(true);
    m_runs->setToolTip(tr("How many runs to simulate"));
    m_seed = new QSpinBox(this);
    m_seed->setRange(0, 2'000'000'000);
    m_seed->setValue(1);
    m_seed->setToolTip(tr("The same seed gives the same report"));
    m_concurrency = new QSpinBox(this);
    m_concurrency->setRange(1, 10'000);
    m_concurrency->setValue(1);
    m_concurrency->setToolTip(tr("Runs in flight at once (they share mock state and circuit "
                                 "breakers)"));
    m_picker = new EnvironmentPicker(EnvironmentPicker::Parts::ProfileOnly, this);
    m_input = new QLineEdit(this);
    m_input->setToolTip(tr("The input of every run (JSON)"));
    m_start = new QPushButton(tr("Simulate"), this);
    m_start->setIcon(style()->standardIcon(QStyle::SP_MediaSeekForward));
    m_start->setToolTip(tr("Run the saved flow many times against its mocks in virtual time (F6)"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setEnabled(false);
    bar->addWidget(new QLabel(tr("Runs:"), this));
    bar->addWidget(m_runs);
    bar->addWidget(new QLabel(tr("Seed:"), this));
    bar->addWidget(m_seed);
    bar->addWidget(new QLabel(tr("Concurrency:"), this));
    bar->addWidget(m_concurrency);
    bar->addWidget(m_picker);
    bar->addWidget(new QLabel(tr("Input:"), this));
    bar->addWidget(m_input, 1);
    bar->addWidget(m_start);
    bar->addWidget(m_cancel);
    layout->addLayout(bar);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_progress->setFormat(tr("%v of %m runs"));
    m_progress->hide();
    layout->addWidget(m_progress);
    m_banner = new QLabel(this);
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_banner);

    auto *split = new QSplitter(Qt::Horizontal, this);
    auto *left = new QWidget(split);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_summary = new QLabel(left);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    leftLayout->addWidget(m_summary);
    m_chart = new QChartView(left);
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(200);
    m_chart->chart()->setTitle(tr("End-to-end latency"));
    m_chart->chart()->legend()->hide();
    leftLayout->addWidget(m_chart, 1);
    m_tabs = new QTabWidget(split);
    m_steps = table(m_tabs, {tr("Step"), tr("Calls"), tr("Attempts"), tr("Errors"), tr("p50"),
                             tr("p99"), tr("Critical path")});
    m_services = table(m_tabs, {tr("Service"), tr("Requests"), tr("Per run"), tr("Unmatched")});
    m_kept = table(m_tabs, {tr("Run"), tr("Status"), tr("Time"), tr("Error"), tr("Seed")});
    m_kept->setToolTip(
        tr("Failed runs kept in the trace database; double-click to open one in the run viewer"));
    // Double-click or Enter on a row (activated), or the context menu, opens the run.
    connect(m_kept, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem *item) { emit openRunRequested(item->text(0)); });
    m_kept->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_kept, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QTreeWidgetItem *item = m_kept->itemAt(pos);
        if (!item)
            return;
        QMenu menu(m_kept);
        QAction *open = menu.addAction(tr("Open Run"));
        menu.setDefaultAction(open);
        if (menu.exec(m_kept->viewport()->mapToGlobal(pos)) == open)
            emit openRunRequested(item->text(0));
    });
    m_tabs->addTab(m_steps, tr("Steps"));
    m_tabs->addTab(m_services, tr("Services"));
    m_tabs->addTab(m_kept, tr("Failed runs"));
    split->addWidget(left);
    split->addWidget(m_tabs);
    // The histogram is the point of the panel: give it the larger half.
    split->setStretchFactor(0, 5);
    split->setStretchFactor(1, 4);
    split->setSizes({640, 520});
    left->setMinimumWidth(420);
    layout->addWidget(split, 1);

    setBanner(tr("Simulate runs the flow as the editor shows it (unsaved edits included) "
                 "thousands of times against its mocks in virtual time: pick a mock profile to "
                 "inject faults, then press Simulate (F6)."),
              kInfo);
    connect(m_start, &QPushButton::clicked, this, &SimulationPanel::simulate);
    connect(m_cancel, &QPushButton::clicked, this, &SimulationPanel::cancel);
    connect(doc, &engine::FlowDocument::documentReset, this, &SimulationPanel::refreshChoices);
    refreshChoices();
}

SimulationPanel::~SimulationPanel() = default;

QComboBox *SimulationPanel::profileBox() const
{
    return m_picker->profileBox();
}

void SimulationPanel::refreshChoices()
{
    const std::string path = m_doc->filePath();
    m_picker->refresh(path);
    if (m_inputFor != path || m_input->text().trimmed().isEmpty()) {
        m_inputFor = path;
        const Json &doc = m_doc->document();
        m_input->setText(q(engine::dumpJson(
            RunController::exampleInput(doc.contains("input") ? doc["input"] : Json()))));
    }
}

QString SimulationPanel::summaryText() const
{
    return m_summary->text();
}

QString SimulationPanel::bannerText() const
{
    return m_banner->text();
}

void SimulationPanel::setBanner(const QString &text, const char *style)
{
    m_banner->setText(text);
    m_banner->setStyleSheet(QLatin1String(style));
    m_banner->setVisible(!text.isEmpty());
}

bool SimulationPanel::simulate()
{
    if (m_job)
        return false;
    emit aboutToSimulate(); // pending edits (typing, the inspector) join the version simulated
    const std::string path = m_doc->filePath();
    if (path.empty()) {
        setBanner(tr("Save the flow first: its workspace and mocks are found from the file's "
                     "folder."),
                  kBad);
        return false;
    }
    auto version = currentFlowVersion(*m_doc);
    if (!version) {
        setBanner(tr("The simulation could not start: %1")
                      .arg(QString::fromStdString(version.error().toString())),
                  kBad);
        return false;
    }
    auto parsedInput = engine::parseJson(m_input->text().toStdString());
    if (!parsedInput) {
        const engine::Error &e = parsedInput.error();
        setBanner(tr("The input is not valid JSON (line %1, column %2): %3")
                      .arg(e.location.line)
                      .arg(e.location.column)
                      .arg(QString::fromStdString(e.message)),
                  kBad);
        return false;
    }
    SimulationRequest request;
    request.flowPath = path;
    request.flowText = version->source.text;
    request.runs = static_cast<std::uint64_t>(m_runs->value());
    request.seed = static_cast<std::uint64_t>(m_seed->value());
    request.concurrency = m_concurrency->value();
    request.profileFiles = m_picker->profiles();
    request.input = std::move(*parsedInput);
    request.flowFileLabel = QFileInfo(q(path)).fileName().toStdString();
    request.trace = RunPreferences::current().traceTarget();

    m_report.reset();
    m_finishedJob.reset();
    auto job = m_simulations.prepare(request);
    if (!job) {
        QStringList lines;
        for (const auto &e : job.error())
            lines << q(e.toString());
        setBanner(tr("The simulation could not start:\n%1").arg(lines.join(QLatin1Char('\n'))),
                  kBad);
        return false;
    }
    m_job = std::move(*job);
    m_job->onProgress = [this](std::uint64_t done, std::uint64_t total) {
        onProgress(done, total);
    };
    m_job->onFinished = [this](const engine::SimulationReport &report) { onJobFinished(report); };
    m_progress->setRange(0, static_cast<int>(std::min<std::uint64_t>(request.runs, INT_MAX)));
    m_progress->setValue(0);
    m_progress->show();
    m_start->setEnabled(false);
    m_cancel->setEnabled(true);
    m_versionLabel = version->label;
    setBanner(tr("Simulating %L1 runs of %2…").arg(request.runs).arg(m_versionLabel), kInfo);
    m_job->start();
    emit runningChanged(true);
    return true;
}

void SimulationPanel::cancel()
{
    if (m_job) {
        m_job->cancel();
        setBanner(tr("Cancelling…"), kWarn);
    }
}

void SimulationPanel::onProgress(quint64 done, quint64 total)
{
    if (!m_job)
        return;
    m_progress->setMaximum(static_cast<int>(std::min<quint64>(total, INT_MAX)));
    m_progress->setValue(static_cast<int>(std::min<quint64>(done, INT_MAX)));
}

void SimulationPanel::onJobFinished(const engine::SimulationReport &report)
{
    // The job is calling us: it is freed later, outside its own callback.
    m_finishedJob = std::move(m_job);
    m_progress->hide();
    m_start->setEnabled(true);
    m_cancel->setEnabled(false);
    m_report = report;
    showReport(*m_report);
    emit runningChanged(false);
    emit simulationFinished();
}

Micros SimulationPanel::bucketWidth(const std::vector<Micros> &sorted, int buckets)
{
    if (sorted.empty() || buckets < 1)
        return 0;
    // The top half percent goes into one "≥" bar so a long tail does not flatten the rest.
    const Micros lo = sorted.front();
    const Micros hi = engine::percentileOfSorted(sorted, 99.5);
    const double raw = std::max<double>(static_cast<double>(hi - lo) / buckets, 1000.0);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double width = magnitude;
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * magnitude >= raw) {
            width = m * magnitude;
            break;
        }
    return static_cast<Micros>(width);
}

std::vector<std::pair<QString, int>> SimulationPanel::histogram(const std::vector<Micros> &values,
                                                                int buckets)
{
    std::vector<std::pair<QString, int>> out;
    if (values.empty() || buckets < 1)
        return out;
    std::vector<Micros> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    const Micros w = bucketWidth(sorted, buckets);
    const Micros hi = engine::percentileOfSorted(sorted, 99.5);
    const Micros start = (sorted.front() / w) * w;
    const int n = static_cast<int>((hi - start) / w) + 1;
    std::vector<int> counts(static_cast<std::size_t>(n) + 1, 0);
    for (Micros v : sorted) {
        const auto i = static_cast<std::size_t>(std::min<Micros>((v - start) / w, n));
        ++counts[i];
    }
    for (int i = 0; i < n; ++i)
        out.emplace_back(axisLabel(start + i * w, w), counts[static_cast<std::size_t>(i)]);
    if (counts.back() > 0)
        out.emplace_back(QStringLiteral("≥%1").arg(axisLabel(start + n * w, w)), counts.back());
    return out;
}

void SimulationPanel::showReport(const engine::SimulationReport &report)
{
    const engine::LatencySummary l = engine::summarizeLatencies(report.durations);
    const double rate = report.successRate() * 100.0;
    const QLocale locale;
    QString statuses;
    for (int i = 1; i < static_cast<int>(report.statuses.size()); ++i)
        if (report.statuses[static_cast<std::size_t>(i)] > 0)
            statuses += QStringLiteral("%1%2 %3")
                            .arg(statuses.isEmpty() ? QString() : QStringLiteral(" · "))
                            .arg(locale.toString(qulonglong(report.statuses[std::size_t(i)])))
                            .arg(statusText(static_cast<engine::RunStatus>(i)));
    m_summary->setText(
        tr("<p style='font-size:15px'><b>%1%</b> succeeded &nbsp; p50 <b>%2</b> &nbsp; p90 "
           "<b>%3</b> &nbsp; p99 <b>%4</b> &nbsp; max %5</p><p>%6 runs · %7<br>"
           "<span style='color:gray'>seed %8 · %9%10</span></p>")
            .arg(rate, 0, 'f', 1)
            .arg(lat(l.p50), lat(l.p90), lat(l.p99), lat(l.max))
            .arg(locale.toString(qulonglong(report.runs)), statuses)
            .arg(report.seed)
            .arg(report.virtualTime ? tr("virtual time") : tr("real time"))
            .arg(report.profiles.empty() ? QString()
                                         : tr(" · profile %1").arg(q(report.profiles.front()))));
    QString banner =
        report.cancelled
            ? tr("Cancelled after %L1 of %L2 runs; the report covers the finished runs.")
                  .arg(report.runs)
                  .arg(report.requestedRuns)
            : tr("Simulated %L1 runs of %2 (%3) in %4 of simulated time.")
                  .arg(report.runs)
                  .arg(q(report.flow), m_versionLabel, lat(report.simulatedTime));
    setBanner(banner, report.cancelled ? kWarn : rate >= 99.0 ? kOk : rate >= 90.0 ? kWarn : kBad);

    // Histogram.
    auto *chart = m_chart->chart();
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes())
        chart->removeAxis(axis);
    auto *set = new QBarSet(tr("Runs"));
    set->setColor(QColor(0x63, 0x66, 0xf1));
    QStringList categories;
    int top = 0;
    // The chart works on the sorted values (each its histogram bucket's smallest value): a
    // studio simulation has thousands of runs, not millions.
    const std::vector<Micros> sorted = report.durations.values();
    for (const auto &[label, count] : histogram(sorted)) {
        *set << count;
        categories << label;
        top = std::max(top, count);
    }
    auto *series = new QBarSeries;
    series->setBarWidth(0.95);
    series->append(set);
    chart->addSeries(series);
    auto *x = new QBarCategoryAxis;
    x->append(categories);
    x->setTitleText(bucketWidth(sorted) >= engine::kSecond
                        ? tr("end-to-end latency, seconds (each bar starts at its label)")
                        : tr("end-to-end latency, ms (each bar starts at its label)"));
    auto *y = new QValueAxis;
    y->setRange(0, std::max(top, 1) * 1.1);
    y->setLabelFormat(QStringLiteral("%d"));
    y->setTitleText(tr("runs"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    chart->setTitle(tr("End-to-end latency of %L1 runs").arg(report.runs));

    m_steps->clear();
    for (const engine::SimulationStepStats &s : report.steps) {
        const engine::LatencySummary sl = engine::summarizeLatencies(s.latencies);
        QStringList errors;
        for (const auto &[name, n] : s.errors)
            errors << QStringLiteral("%1 × %2").arg(q(name)).arg(n);
        auto *item = new QTreeWidgetItem(m_steps);
        item->setText(0, q(s.id));
        item->setText(1, locale.toString(qulonglong(s.calls)));
        item->setText(2, locale.toString(qulonglong(s.attempts)));
        item->setText(3, errors.join(QStringLiteral(", ")));
        item->setText(4, lat(sl.p50));
        item->setText(5, lat(sl.p99));
        item->setText(6, QStringLiteral("%1%").arg(
                             report.runs ? 100.0 * s.criticalShareSum / double(report.runs) : 0.0,
                             0, 'f', 0));
    }
    m_services->clear();
    for (const engine::SimulationServiceStats &s : report.services) {
        auto *item = new QTreeWidgetItem(m_services);
        item->setText(0, q(s.name));
        item->setText(1, locale.toString(qulonglong(s.requests)));
        item->setText(2, report.runs
                             ? QString::number(double(s.requests) / double(report.runs), 'f', 2)
                             : QString());
        item->setText(3, locale.toString(qulonglong(s.unmatched)));
    }
    m_kept->clear();
    for (const engine::KeptRun &k : report.kept) {
        auto *item = new QTreeWidgetItem(m_kept);
        item->setText(0, q(k.id));
        item->setText(1, statusText(k.status));
        item->setText(2, lat(k.duration));
        if (!k.error.is_null())
            item->setText(3, tr("%1 at %2")
                                 .arg(q(k.error.value("type", std::string())),
                                      q(k.error.value("step", std::string()))));
        item->setText(4, QString::number(k.seed));
    }
    m_tabs->setTabText(2, tr("Failed runs (%1)").arg(report.kept.size()));
}

} // namespace tutti::editor
