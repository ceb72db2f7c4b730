// The run diff view: a table model over engine::RunDiff and the payloads of the selected step.
#include <editor/traceview/rundiffview.h>

#include <editor/runcontroller.h>
#include <editor/statustext.h>
#include <editor/traceview/jsonview.h>

#include <engine/core/jsonio.h>

#include <QAbstractTableModel>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace tutti::editor {

using engine::DiffSide;
using engine::Json;
using engine::StepDiff;

namespace {

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

QString runLine(const char *label, const engine::RunTrace *run)
{
    if (!run)
        return QString();
    const engine::RunRecord &r = run->first;
    return RunDiffView::tr("<b>%1</b> %2 · %3 · <b>%4</b> · %5")
        .arg(QLatin1String(label), q(r.id).toHtmlEscaped(), q(r.flow).toHtmlEscaped(),
             statusText(r.status), RunController::formatLatency(r.duration));
}

QString signedLatency(engine::Micros delta)
{
    const QString text = RunController::formatLatency(delta < 0 ? -delta : delta);
    return (delta < 0 ? QStringLiteral("−") : QStringLiteral("+")) + text;
}

// What of a side's exchange the payload views show: what the diff compares.
Json exchangeOf(const std::optional<DiffSide> &side)
{
    if (!side)
        return nullptr;
    Json out = Json::object();
    if (side->request)
        out["request"] = *side->request;
    if (side->response)
        out["response"] = *side->response;
    return out.empty() ? Json(nullptr) : out;
}

} // namespace

class RunDiffView::Model : public QAbstractTableModel {
public:
    explicit Model(QObject *parent)
        : QAbstractTableModel(parent)
    {
    }

    void reset(const engine::RunDiff *diff, bool onlyDifferences)
    {
        beginResetModel();
        m_diff = diff;
        m_rows.clear();
        if (diff)
            for (std::size_t i = 0; i < diff->steps.size(); ++i)
                if (!onlyDifferences || diff->steps[i].differs())
                    m_rows.push_back(static_cast<int>(i));
        endResetModel();
    }
    int stepAt(int row) const
    {
        return row >= 0 && row < static_cast<int>(m_rows.size())
                   ? m_rows[static_cast<std::size_t>(row)]
                   : -1;
    }
    int rowOf(int step) const
    {
        const auto it = std::find(m_rows.begin(), m_rows.end(), step);
        return it == m_rows.end() ? -1 : static_cast<int>(it - m_rows.begin());
    }

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
    }
    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : What + 1;
    }
    QVariant headerData(int section, Qt::Orientation o, int role) const override
    {
        if (o != Qt::Horizontal || role != Qt::DisplayRole)
            return {};
        switch (section) {
        case Step:
            return tr("Step");
        case StatusA:
        case StatusB:
            return section == StatusA ? tr("A status") : tr("B status");
        case AttemptsA:
        case AttemptsB:
            return tr("tries");
        case DurationA:
        case DurationB:
            return section == DurationA ? tr("A time") : tr("B time");
        case Delta:
            return tr("Δ time");
        case What:
            return tr("Differences");
        }
        return {};
    }
    QVariant data(const QModelIndex &index, int role) const override
    {
        const int step = stepAt(index.row());
        if (!m_diff || step < 0)
            return {};
        const StepDiff &d = m_diff->steps[static_cast<std::size_t>(step)];
        const int c = index.column();
        const bool sideA = c >= StatusA && c <= DurationA;
        const std::optional<DiffSide> &side = sideA ? d.a : d.b;
        if (role == Qt::DisplayRole) {
            switch (c) {
            case Step:
                return QString(d.depth * 3, QLatin1Char(' ')) +
                       q(d.path.substr(
                           d.path.rfind('/') == std::string::npos ? 0 : d.path.rfind('/') + 1));
            case StatusA:
            case StatusB:
                return side ? (side->error.empty() ? statusText(side->status) : q(side->error))
                            : QStringLiteral("—");
            case AttemptsA:
            case AttemptsB:
                return side ? QVariant(side->attempts) : QVariant(QStringLiteral("—"));
            case DurationA:
            case DurationB:
                return side ? RunController::formatLatency(side->duration) : QStringLiteral("—");
            case Delta:
                return d.a && d.b ? signedLatency(d.latencyDelta()) : QString();
            case What: {
                QStringList names;
                for (const std::string &n : engine::differenceNames(d.differences))
                    names << (n == "only_a"   ? tr("only in A")
                              : n == "only_b" ? tr("only in B")
                                              : q(n));
                return names.join(QStringLiteral(", "));
            }
            }
        }
        if (role == Qt::ToolTipRole && c == Step)
            return q(d.path);
        if (role == Qt::TextAlignmentRole && c != Step && c != What)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        if (role == Qt::ForegroundRole) {
            if ((c == StatusA || c == StatusB) && side && side->status != engine::SpanStatus::Ok)
                return QColor(0xdc, 0x26, 0x26);
            if ((d.differences & (StepDiff::OnlyA | StepDiff::OnlyB)) && c != What)
                return QColor(0x80, 0x86, 0x8e);
        }
        if (role == Qt::BackgroundRole) {
            // The cells that differ, tinted: readable on light and dark bases.
            const unsigned f = d.differences;
            bool hit = false;
            switch (c) {
            case Step:
            case What:
                hit = f != 0;
                break;
            case StatusA:
            case StatusB:
                hit = f & (StepDiff::Status | StepDiff::Error);
                break;
            case AttemptsA:
            case AttemptsB:
                hit = f & StepDiff::Attempts;
                break;
            case DurationA:
            case DurationB:
            case Delta:
                hit = f & StepDiff::Latency;
                break;
            }
            if ((f & StepDiff::OnlyA) && !sideA && c != Step && c != What && c != Delta)
                hit = true;
            if ((f & StepDiff::OnlyB) && sideA)
                hit = true;
            if (hit)
                return QColor(0xf5, 0x9e, 0x0b, c == Step || c == What ? 40 : 70);
        }
        return {};
    }

private:
    const engine::RunDiff *m_diff = nullptr;
    std::vector<int> m_rows;
};

RunDiffView::RunDiffView(QWidget *parent)
    : QWidget(parent)
    , m_model(new Model(this))
    , m_summary(new QLabel(this))
    , m_only(new QCheckBox(tr("Only steps that differ"), this))
    , m_table(new QTableView(this))
    , m_payload(new QLabel(this))
    , m_viewA(new JsonView(this))
    , m_viewB(new JsonView(this))
{
    setObjectName(QStringLiteral("runDiff"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_payload->setWordWrap(true);
    m_payload->setTextFormat(Qt::RichText);
    m_payload->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(Step, QHeaderView::Interactive);
    m_table->horizontalHeader()->setSectionResizeMode(What, QHeaderView::Stretch);
    m_table->setColumnWidth(Step, 280);

    auto *sides = new QWidget(this);
    auto *sidesLayout = new QHBoxLayout(sides);
    sidesLayout->setContentsMargins(0, 0, 0, 0);
    for (auto [label, view] : {std::pair{tr("A"), m_viewA}, std::pair{tr("B"), m_viewB}}) {
        auto *box = new QWidget(sides);
        auto *l = new QVBoxLayout(box);
        l->setContentsMargins(0, 0, 0, 0);
        auto *title = new QLabel(tr("<b>%1</b> request and response").arg(label), box);
        view->setObjectName(label == tr("A") ? QStringLiteral("payloadA")
                                             : QStringLiteral("payloadB"));
        l->addWidget(title);
        l->addWidget(view, 1);
        sidesLayout->addWidget(box, 1);
    }
    auto *lower = new QWidget(this);
    auto *lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(m_payload);
    lowerLayout->addWidget(sides, 1);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(lower);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_only, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    connect(m_only, &QCheckBox::toggled, this, &RunDiffView::setOnlyDifferences);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { showSelected(); });
    setRuns(nullptr, nullptr);
}

RunDiffView::~RunDiffView() = default;

void RunDiffView::setRuns(engine::RunTrace a, engine::RunTrace b)
{
    setRuns(std::make_shared<const engine::RunTrace>(std::move(a)),
            std::make_shared<const engine::RunTrace>(std::move(b)));
}

void RunDiffView::setRuns(std::shared_ptr<const engine::RunTrace> a,
                          std::shared_ptr<const engine::RunTrace> b)
{
    m_a = std::move(a);
    m_b = std::move(b);
    m_diff = m_a && m_b ? engine::diffRuns(*m_a, *m_b) : engine::RunDiff{};
    m_model->reset(m_a && m_b ? &m_diff : nullptr, m_only->isChecked());
    if (!m_a || !m_b) {
        m_summary->setText(tr("<i>Choose two runs to compare.</i>"));
    } else {
        QStringList runDiffs;
        for (const std::string &d : m_diff.runDifferences)
            runDiffs << q(d);
        m_summary->setText(
            runLine("A", m_a.get()) + QStringLiteral("<br>") + runLine("B", m_b.get()) +
            QStringLiteral("<br>") +
            (runDiffs.isEmpty()
                 ? tr("The runs have the same status, output and error.")
                 : tr("The runs differ in: <b>%1</b>.").arg(runDiffs.join(QStringLiteral(", ")))) +
            QStringLiteral(" ") +
            tr("%1 of %2 steps differ.").arg(m_diff.differentSteps()).arg(m_diff.steps.size()));
    }
    // The first step that differs, else the first.
    int first = 0;
    for (int r = 0; r < rowCount(); ++r)
        if (m_diff.steps[static_cast<std::size_t>(stepAtRow(r))].differs()) {
            first = r;
            break;
        }
    selectRow(rowCount() > 0 ? first : -1);
    showSelected();
}

int RunDiffView::rowCount() const
{
    return m_model->rowCount();
}

int RunDiffView::stepAtRow(int row) const
{
    return m_model->stepAt(row);
}

void RunDiffView::setOnlyDifferences(bool only)
{
    const int step = stepAtRow(selectedRow());
    if (m_only->isChecked() != only) {
        m_only->setChecked(only); // comes back here through toggled()
        return;
    }
    m_model->reset(m_a && m_b ? &m_diff : nullptr, only);
    const int row = m_model->rowOf(step);
    selectRow(row >= 0 ? row : (rowCount() > 0 ? 0 : -1));
    showSelected();
}

bool RunDiffView::onlyDifferences() const
{
    return m_only->isChecked();
}

void RunDiffView::selectRow(int row)
{
    if (row < 0 || row >= rowCount()) {
        m_table->selectionModel()->clearSelection();
        m_table->setCurrentIndex(QModelIndex());
        return;
    }
    m_table->selectRow(row);
    m_table->scrollTo(m_model->index(row, 0));
}

int RunDiffView::selectedRow() const
{
    const QModelIndex i = m_table->currentIndex();
    return i.isValid() ? i.row() : -1;
}

void RunDiffView::showSelected()
{
    const int step = stepAtRow(selectedRow());
    if (step < 0) {
        m_payload->setText(QString());
        m_viewA->setJson(nullptr);
        m_viewB->setJson(nullptr);
        return;
    }
    const StepDiff &d = m_diff.steps[static_cast<std::size_t>(step)];
    QString text = tr("<b>%1</b>").arg(q(d.path).toHtmlEscaped());
    if (d.payload.empty()) {
        text += d.differences & (StepDiff::OnlyA | StepDiff::OnlyB)
                    ? tr(" ran only in %1.").arg(d.a ? QStringLiteral("A") : QStringLiteral("B"))
                    : tr(": the same method, URL, status and bodies in both runs (headers are "
                         "not compared).");
    } else {
        text += tr(" — values that differ:");
        for (const engine::PayloadDifference &p : d.payload) {
            auto shown = [](const Json &v, bool present) {
                QString t = present ? q(engine::dumpJson(v)) : RunDiffView::tr("(absent)");
                if (t.size() > 80)
                    t = t.left(77) + QStringLiteral("…");
                return t.toHtmlEscaped();
            };
            text += QStringLiteral("<br>&nbsp;•&nbsp;<code>%1%2</code>: %3 → %4")
                        .arg(q(p.where), q(p.pointer).toHtmlEscaped(), shown(p.a, !p.a.is_null()),
                             shown(p.b, !p.b.is_null()));
        }
        if (d.morePayloadDifferences > 0)
            text += tr("<br>&nbsp;… and %1 more").arg(d.morePayloadDifferences);
    }
    m_payload->setText(text);
    m_viewA->setJson(exchangeOf(d.a), d.a ? tr("(no request recorded)") : tr("(not in run A)"));
    m_viewB->setJson(exchangeOf(d.b), d.b ? tr("(no request recorded)") : tr("(not in run B)"));
    // Tint the values that differ in each side (where that side has them).
    QStringList inA, inB;
    for (const engine::PayloadDifference &p : d.payload) {
        const QString pointer =
            QStringLiteral("/") + q(p.where) + (p.pointer == "/" ? QString() : q(p.pointer));
        if (!p.a.is_null())
            inA << pointer;
        if (!p.b.is_null())
            inB << pointer;
    }
    m_viewA->markPointers(inA);
    m_viewB->markPointers(inB);
    if (!d.stepId.empty())
        emit stepSelected(q(d.stepId));
}

} // namespace tutti::editor
