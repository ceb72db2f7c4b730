// The run history panel; see historypanel.h.
#include <editor/historypanel.h>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QStackedWidget>
#include <QThreadPool>
#include <QTreeView>
#include <QVBoxLayout>

namespace tutti::editor {

using namespace tutti::engine;

namespace {

// The time ranges of the filter bar: how far back from now (0 = any time).
struct TimeRange {
    const char *label;
    qint64 seconds;
};
constexpr TimeRange kTimeRanges[] = {
    {QT_TRANSLATE_NOOP("tutti::editor::HistoryPanel", "Any time"), 0},
    {QT_TRANSLATE_NOOP("tutti::editor::HistoryPanel", "Last hour"), 3600},
    {QT_TRANSLATE_NOOP("tutti::editor::HistoryPanel", "Last 24 hours"), 86400},
    {QT_TRANSLATE_NOOP("tutti::editor::HistoryPanel", "Last 7 days"), 7 * 86400},
    {QT_TRANSLATE_NOOP("tutti::editor::HistoryPanel", "Last 30 days"), 30 * 86400},
    {QT_TRANSLATE_NOOP("tutti::editor::HistoryPanel", "Older than 30 days"), -30 * 86400}};

struct Stats {
    bool ok = false;
    QString error;
    TraceStats stats;
};

} // namespace

HistoryPanel::HistoryPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new HistoryModel(this))
    , m_statsGeneration(std::make_shared<int>(0))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);

    auto *bar = new QHBoxLayout;
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("historySearch"));
    m_search->setPlaceholderText(tr("Search run id or error text…"));
    m_search->setClearButtonEnabled(true);
    m_search->setToolTip(tr("A run id or its start (the run_ part may be left out), or text in "
                            "the run's error: its name, message or step"));
    m_flow = new QComboBox(this);
    m_flow->setObjectName(QStringLiteral("historyFlow"));
    m_flow->setToolTip(tr("Only the runs of this flow"));
    m_flow->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("historyStatus"));
    m_status->addItem(tr("Any status"), -1);
    for (RunStatus s : {RunStatus::Failed, RunStatus::Succeeded, RunStatus::Compensated,
                        RunStatus::CompensationFailed, RunStatus::Interrupted, RunStatus::Running})
        m_status->addItem(HistoryModel::statusText(s), static_cast<int>(s));
    m_time = new QComboBox(this);
    m_time->setObjectName(QStringLiteral("historyTime"));
    for (const TimeRange &range : kTimeRanges)
        m_time->addItem(tr(range.label), range.seconds);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_flow);
    bar->addWidget(m_status);
    bar->addWidget(m_time);
    layout->addLayout(bar);

    m_stack = new QStackedWidget(this);
    m_view = new QTreeView(m_stack);
    m_view->setObjectName(QStringLiteral("historyView"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true); // the view never asks every row its height
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAllColumnsShowFocus(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    QHeaderView *header = m_view->header();
    header->setSortIndicatorShown(true);
    header->setSectionsClickable(true);
    header->setSortIndicator(HistoryModel::StartedColumn, Qt::DescendingOrder);
    header->setStretchLastSection(true);
    header->resizeSection(HistoryModel::StatusColumn, 130);
    header->resizeSection(HistoryModel::RunColumn, 190);
    header->resizeSection(HistoryModel::FlowColumn, 130);
    header->resizeSection(HistoryModel::StartedColumn, 150);
    header->resizeSection(HistoryModel::DurationColumn, 80);
    // Only Started and Duration sort (in SQL); a click elsewhere keeps the indicator where it is.
    connect(header, &QHeaderView::sortIndicatorChanged, this,
            [this, header](int column, Qt::SortOrder order) {
                if (column != HistoryModel::StartedColumn &&
                    column != HistoryModel::DurationColumn) {
                    const QSignalBlocker block(header);
                    const bool byDuration = m_model->sortOrder() == RunSort::DurationAsc ||
                                            m_model->sortOrder() == RunSort::DurationDesc;
                    const bool asc = m_model->sortOrder() == RunSort::DurationAsc ||
                                     m_model->sortOrder() == RunSort::StartedAsc;
                    header->setSortIndicator(byDuration ? HistoryModel::DurationColumn
                                                        : HistoryModel::StartedColumn,
                                             asc ? Qt::AscendingOrder : Qt::DescendingOrder);
                    return;
                }
                m_model->sort(column, order);
            });
    m_placeholder = new QLabel(m_stack);
    m_placeholder->setObjectName(QStringLiteral("historyPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_placeholder->setMargin(16);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_placeholder);
    layout->addWidget(m_stack, 1);

    auto *footer = new QHBoxLayout;
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("historySummary"));
    m_size = new QLabel(this);
    m_size->setObjectName(QStringLiteral("historySize"));
    m_size->setForegroundRole(QPalette::PlaceholderText);
    m_size->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_size->setToolTip(
        tr("Every run is kept in this database. To free space, delete old runs from a terminal:\n"
           "  tutti trace prune --older-than 30d\n  tutti trace prune --keep 10000\n"
           "(tutti trace stats shows the same figures)"));
    footer->addWidget(m_summary, 1);
    footer->addWidget(m_size);
    layout->addLayout(footer);

    m_typing.setSingleShot(true);
    m_typing.setInterval(250);
    connect(&m_typing, &QTimer::timeout, this, &HistoryPanel::applyFilter);
    connect(m_search, &QLineEdit::textChanged, &m_typing, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &HistoryPanel::applyFilter);
    for (QComboBox *box : {m_flow, m_status, m_time})
        connect(box, &QComboBox::activated, this, &HistoryPanel::applyFilter);

    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) {
        if (index.isValid())
            emit runActivated(m_model->runId(index.row()));
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, &HistoryPanel::showContextMenu);
    connect(m_model, &HistoryModel::rowsRefreshed, this, [this] {
        m_matchCount = -2; // count again: the filter changed
        updateSummary();
        updatePlaceholder();
    });
    // Scrolling fetches pages: the count stays; live rows (the database changed) count again.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        updateSummary();
        updatePlaceholder();
    });
    connect(m_model, &HistoryModel::errorChanged, this, &HistoryPanel::updatePlaceholder);
    // Other writers' runs: the size display follows, at most every few seconds.
    m_statsThrottle.setSingleShot(true);
    m_statsThrottle.setInterval(5000);
    connect(&m_statsThrottle, &QTimer::timeout, this, [this] {
        if (m_statsPending)
            refreshStats();
    });
    connect(m_model, &HistoryModel::databaseChanged, this, [this] {
        m_matchCount = -2;
        updateFlows();
        if (m_statsThrottle.isActive())
            m_statsPending = true;
        else
            refreshStats();
    });
    m_waitForFile.setInterval(2000);
    connect(&m_waitForFile, &QTimer::timeout, this, [this] {
        if (!m_waitingFor.isEmpty() && QFileInfo::exists(m_waitingFor))
            setDatabase(m_waitingFor);
    });
    updateFlows();
    updatePlaceholder();
}

HistoryPanel::~HistoryPanel() = default;

QString HistoryPanel::database() const
{
    return m_model->isOpen() || m_waitingFor.isEmpty() ? m_model->path() : m_waitingFor;
}

bool HistoryPanel::setDatabase(const QString &path)
{
    if (path == m_model->path() && m_model->isOpen())
        return true;
    ++*m_statsGeneration;
    m_size->clear();
    m_waitingFor.clear();
    m_waitForFile.stop();
    // No database yet (no run so far): none is made just to show an empty list; the panel
    // opens it once the first run has written it.
    if (path.isEmpty() || !QFileInfo::exists(path)) {
        m_model->close();
        m_waitingFor = path;
        if (!path.isEmpty())
            m_waitForFile.start();
        updateFlows();
        updateSummary();
        updatePlaceholder();
        return true;
    }
    m_matchCount = -2;
    const bool ok = m_model->open(path).has_value();
    updateFlows();
    updateSummary();
    updatePlaceholder();
    if (ok)
        refreshStats();
    return ok;
}

void HistoryPanel::setKnownFlows(const QStringList &flows)
{
    m_knownFlows = flows;
    updateFlows();
}

void HistoryPanel::updateFlows()
{
    QStringList names = m_knownFlows;
    if (TraceStore *store = m_model->store())
        if (auto flows = store->listFlows())
            for (const std::string &f : *flows)
                names << QString::fromStdString(f);
    names.removeDuplicates();
    names.sort(Qt::CaseInsensitive);
    const QString current = m_flow->currentData().toString();
    const QSignalBlocker block(m_flow);
    m_flow->clear();
    m_flow->addItem(tr("All flows"), QString());
    for (const QString &name : names)
        m_flow->addItem(name, name);
    m_flow->setCurrentIndex(std::max(0, m_flow->findData(current)));
}

void HistoryPanel::applyFilter()
{
    m_typing.stop();
    HistoryFilter f;
    f.text = m_search->text().trimmed();
    f.flow = m_flow->currentData().toString();
    if (const int s = m_status->currentData().toInt(); s >= 0)
        f.status = static_cast<RunStatus>(s);
    if (const qint64 seconds = m_time->currentData().toLongLong(); seconds > 0)
        f.since = QDateTime::currentDateTime().addSecs(-seconds);
    else if (seconds < 0)
        f.until = QDateTime::currentDateTime().addSecs(seconds);
    const QString selected = selectedRunId();
    m_model->setFilter(f);
    if (!selected.isEmpty())
        selectRun(selected);
}

void HistoryPanel::refreshStats()
{
    m_statsPending = false;
    m_statsThrottle.start();
    const QString path = m_model->path();
    if (path.isEmpty() || !m_model->isOpen())
        return;
    const std::shared_ptr<int> generation = m_statsGeneration;
    const int asked = *generation;
    QPointer<HistoryPanel> guard(this);
    // Its own connection on a worker thread: the count reads a whole index.
    QThreadPool::globalInstance()->start([path, guard, generation, asked] {
        Stats out;
        TraceStore store;
        if (auto opened = store.open(path.toStdString()); !opened) {
            out.error = QString::fromStdString(opened.error().message);
        } else if (auto s = store.stats()) {
            out.ok = true;
            out.stats = std::move(*s);
        } else {
            out.error = QString::fromStdString(s.error().message);
        }
        QMetaObject::invokeMethod(qApp, [guard, generation, asked, out] {
            if (!guard || *generation != asked)
                return;
            if (out.ok) {
                const QLocale locale;
                guard->m_size->setText(
                    tr("%1 runs · %2 on disk · free space: tutti trace prune --older-than 30d")
                        .arg(locale.toString(static_cast<qlonglong>(out.stats.runs)),
                             locale.formattedDataSize(out.stats.bytes, 1,
                                                      QLocale::DataSizeTraditionalFormat)));
            } else {
                guard->m_size->setText(tr("size unknown: %1").arg(out.error));
            }
            emit guard->statsUpdated();
        });
    });
}

QString HistoryPanel::sizeText() const
{
    return m_size->text();
}

QString HistoryPanel::summaryText() const
{
    return m_summary->text();
}

QString HistoryPanel::placeholderText() const
{
    return m_stack->currentWidget() == m_placeholder ? m_placeholder->text() : QString();
}

void HistoryPanel::updateSummary()
{
    if (!m_model->isOpen()) {
        m_summary->clear();
        return;
    }
    const qint64 cap = 10'000;
    if (m_matchCount == -2)
        m_matchCount = m_model->matchCount(cap);
    const qint64 n = m_matchCount;
    const QLocale locale;
    const QString matching = n >= cap ? tr("%1+").arg(locale.toString(cap)) : locale.toString(n);
    m_summary->setText(
        n == m_model->rowCount()
            ? (n == 1 ? tr("1 matching run") : tr("%1 matching runs").arg(locale.toString(n)))
            : tr("%1 shown of %2 matching runs")
                  .arg(locale.toString(m_model->rowCount()), matching));
}

void HistoryPanel::updatePlaceholder()
{
    QString text;
    if (!m_model->errorString().isEmpty())
        text = m_model->errorString();
    else if (!m_model->isOpen() && m_waitingFor.isEmpty())
        text = tr("Open a workspace to see its runs.");
    else if (m_model->rowCount() == 0)
        text = m_model->filter() == HistoryFilter{}
                   ? tr("No runs yet. Run a flow (F5) or simulate it (F6): every run is kept "
                        "here, as are runs of `tutti run` in this workspace.")
                   : tr("No run matches these filters.");
    m_placeholder->setText(text);
    m_stack->setCurrentWidget(text.isEmpty() ? static_cast<QWidget *>(m_view) : m_placeholder);
}

bool HistoryPanel::selectRun(const QString &runId)
{
    const int row = m_model->rowOf(runId);
    if (row < 0)
        return false;
    const QModelIndex index = m_model->index(row, 0);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    return true;
}

QString HistoryPanel::selectedRunId() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? m_model->runId(current.row()) : QString();
}

void HistoryPanel::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid())
        return;
    const QString id = m_model->runId(index.row());
    QMenu menu(this);
    QAction *open = menu.addAction(tr("Open Run"));
    menu.setDefaultAction(open);
    QAction *copy = menu.addAction(tr("Copy Run Id"));
    QAction *command = menu.addAction(tr("Copy `tutti trace show` Command"));
    QAction *chosen = menu.exec(m_view->viewport()->mapToGlobal(pos));
    if (chosen == open)
        emit runActivated(id);
    else if (chosen == copy)
        QApplication::clipboard()->setText(id);
    else if (chosen == command)
        QApplication::clipboard()->setText(QStringLiteral("tutti trace show %1").arg(id));
}

} // namespace tutti::editor
