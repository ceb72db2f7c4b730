// The lazy run history model; see historymodel.h.
#include <editor/historymodel.h>

#include <editor/nodeitem.h>
#include <editor/runcontroller.h>
#include <editor/statustext.h>

#include <QColor>
#include <QElapsedTimer>
#include <QFont>
#include <QFontDatabase>
#include <QLocale>
#include <QPainter>
#include <QPixmap>

namespace tutti::editor {

using namespace tutti::engine;

namespace {

QString q(const std::string &text)
{
    return QString::fromStdString(text);
}

Micros micros(const QDateTime &time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() * 1000 : 0;
}

bool byDuration(RunSort sort)
{
    return sort == RunSort::DurationDesc || sort == RunSort::DurationAsc;
}

// A dot in the status colour: failures stand out while scrolling, whatever the text colour.
QPixmap statusDot(RunStatus status)
{
    static QHash<int, QPixmap> cache;
    auto it = cache.find(static_cast<int>(status));
    if (it != cache.end())
        return *it;
    QPixmap dot(10, 10);
    dot.fill(Qt::transparent);
    QPainter p(&dot);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(HistoryModel::statusColor(status));
    p.drawEllipse(QRectF(1, 1, 8, 8));
    return *cache.insert(static_cast<int>(status), dot);
}

} // namespace

HistoryModel::HistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_poll.setInterval(1000);
    connect(&m_poll, &QTimer::timeout, this, [this] { checkForChanges(); });
}

HistoryModel::~HistoryModel() = default;

Result<void> HistoryModel::open(const QString &path)
{
    close();
    m_path = path;
    auto store = std::make_unique<TraceStore>();
    if (auto r = store->open(path.toStdString()); !r) {
        setError(tr("Cannot read the trace database %1: %2").arg(path, q(r.error().message)));
        return r;
    }
    m_store = std::move(store);
    if (auto v = m_store->dataVersion())
        m_dataVersion = *v;
    setError({});
    resetRows();
    if (m_poll.interval() > 0)
        m_poll.start();
    return {};
}

void HistoryModel::close()
{
    m_poll.stop();
    if (!m_store)
        return;
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    m_atEnd = true;
    m_store.reset();
    endResetModel();
}

bool HistoryModel::isOpen() const
{
    return m_store != nullptr;
}

void HistoryModel::setError(const QString &message)
{
    if (message == m_error)
        return;
    m_error = message;
    emit errorChanged(message);
}

void HistoryModel::setFilter(const HistoryFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    resetRows();
}

void HistoryModel::setSortOrder(RunSort sort)
{
    if (sort == m_sort)
        return;
    m_sort = sort;
    resetRows();
}

void HistoryModel::sort(int column, Qt::SortOrder order)
{
    const bool asc = order == Qt::AscendingOrder;
    if (column == StartedColumn)
        setSortOrder(asc ? RunSort::StartedAsc : RunSort::StartedDesc);
    else if (column == DurationColumn)
        setSortOrder(asc ? RunSort::DurationAsc : RunSort::DurationDesc);
}

RunQuery HistoryModel::query() const
{
    RunQuery query;
    query.flow = m_filter.flow.toStdString();
    query.status = m_filter.status;
    query.since = micros(m_filter.since);
    query.until = micros(m_filter.until);
    query.text = m_filter.text.trimmed().toStdString();
    query.sort = m_sort;
    query.limit = kPageSize;
    query.summaryOnly = true;
    return query;
}

Result<std::vector<RunRecord>> HistoryModel::page(const RunQuery &query)
{
    QElapsedTimer timer;
    timer.start();
    auto rows = m_store->listRuns(query);
    m_lastQueryMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    if (!rows)
        setError(tr("Cannot read the trace database %1: %2").arg(m_path, q(rows.error().message)));
    else if (!m_error.isEmpty())
        setError({});
    return rows;
}

void HistoryModel::indexRows(std::size_t from)
{
    if (from == 0)
        m_rowOf.clear();
    for (std::size_t i = from; i < m_rows.size(); ++i)
        m_rowOf.insert(q(m_rows[i].id), static_cast<int>(i));
}

void HistoryModel::resetRows()
{
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    m_atEnd = true;
    if (m_store) {
        if (auto rows = page(query())) {
            m_rows = std::move(*rows);
            m_atEnd = m_rows.size() < static_cast<std::size_t>(kPageSize);
            indexRows(0);
        }
    }
    endResetModel();
    emit rowsRefreshed();
}

void HistoryModel::reload()
{
    resetRows();
}

bool HistoryModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_store && !m_atEnd;
}

void HistoryModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent) || m_rows.empty())
        return;
    RunQuery next = query();
    const RunRecord &last = m_rows.back();
    next.afterKey = byDuration(m_sort) ? last.duration : last.startedAt;
    next.afterId = last.id;
    auto rows = page(next);
    if (!rows) {
        m_atEnd = true;
        return;
    }
    m_atEnd = rows->size() < static_cast<std::size_t>(kPageSize);
    if (rows->empty())
        return;
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(rows->size()) - 1);
    m_rows.insert(m_rows.end(), std::make_move_iterator(rows->begin()),
                  std::make_move_iterator(rows->end()));
    indexRows(static_cast<std::size_t>(first));
    endInsertRows();
}

bool HistoryModel::checkForChanges()
{
    if (!m_store)
        return false;
    auto version = m_store->dataVersion();
    if (!version || *version == m_dataVersion)
        return false;
    m_dataVersion = *version;
    emit databaseChanged();

    // The first page as it is now. Rows new since the last look come before the old top row
    // (newest first: new runs; finished runs keep their place); they are inserted, rows already
    // shown are updated in place, so a view keeps its selection and scroll position.
    auto fresh = page(query());
    if (!fresh)
        return true;
    m_atEnd = false; // there may be more below now (oldest first: new runs come last)
    if (m_rows.empty()) {
        resetRows();
        return true;
    }
    const QString top = q(m_rows.front().id);
    std::size_t k = 0;
    while (k < fresh->size() && q((*fresh)[k].id) != top)
        ++k;
    bool consistent = k < fresh->size();
    // Every row after the old top must be one already shown, in the same order; otherwise (a
    // run pruned, a duration sort where a new run lands mid-list) start over from the top.
    for (std::size_t j = k; consistent && j < fresh->size(); ++j) {
        const std::size_t old = j - k;
        consistent = old < m_rows.size() && m_rows[old].id == (*fresh)[j].id;
    }
    if (!consistent) {
        resetRows();
        return true;
    }
    if (k > 0) {
        beginInsertRows({}, 0, static_cast<int>(k) - 1);
        m_rows.insert(m_rows.begin(), std::make_move_iterator(fresh->begin()),
                      std::make_move_iterator(fresh->begin() + static_cast<std::ptrdiff_t>(k)));
        indexRows(0);
        endInsertRows();
    }
    for (std::size_t j = k; j < fresh->size(); ++j) {
        RunRecord &row = m_rows[j];
        const RunRecord &now = (*fresh)[j];
        if (row.status != now.status || row.duration != now.duration) {
            row = now;
            emit dataChanged(index(static_cast<int>(j), 0),
                             index(static_cast<int>(j), kColumnCount - 1));
        }
    }
    return true;
}

void HistoryModel::setPollInterval(int ms)
{
    m_poll.setInterval(std::max(0, ms));
    if (ms <= 0)
        m_poll.stop();
    else if (m_store)
        m_poll.start();
}

qint64 HistoryModel::matchCount(qint64 cap) const
{
    if (!m_store)
        return -1;
    auto n = m_store->countRuns(query(), cap);
    return n ? *n : -1;
}

QString HistoryModel::runId(int row) const
{
    return row >= 0 && row < rowCount() ? q(m_rows[static_cast<std::size_t>(row)].id) : QString();
}

int HistoryModel::rowOf(const QString &runId) const
{
    return m_rowOf.value(runId, -1);
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : kColumnCount;
}

QString HistoryModel::statusText(RunStatus status)
{
    // English keeps "compensation failed" readable; translations name it in words anyway
    return editor::statusText(status).replace(QLatin1Char('_'), QLatin1Char(' '));
}

QColor HistoryModel::statusColor(RunStatus status)
{
    switch (status) {
    case RunStatus::Running:
        return NodeItem::stateColor(NodeState::Running);
    case RunStatus::Succeeded:
        return NodeItem::stateColor(NodeState::Succeeded);
    case RunStatus::Failed:
    case RunStatus::CompensationFailed:
        return NodeItem::stateColor(NodeState::Failed);
    case RunStatus::Compensated:
        return NodeItem::stateColor(NodeState::Compensated);
    case RunStatus::Interrupted:
        break;
    }
    return QColor(0x6b, 0x72, 0x80); // grey: nobody knows how it would have ended
}

QString HistoryModel::errorText(const Json &error)
{
    if (!error.is_object())
        return error.is_null() ? QString() : q(error.dump());
    const std::string type = error.value("type", std::string());
    const std::string message = error.value("message", std::string());
    const std::string step = error.value("step", std::string());
    QString text = q(type.empty() ? message : message.empty() ? type : type + ": " + message);
    if (!step.empty())
        text = tr("%1 (at %2)").arg(text, q(step));
    return text;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const RunRecord &r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case RunIdRole:
        return q(r.id);
    case RunStatusRole:
        return static_cast<int>(r.status);
    case SortKeyRole:
        return static_cast<qlonglong>(byDuration(m_sort) ? r.duration : r.startedAt);
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case StatusColumn:
            return statusText(r.status);
        case RunColumn:
            return q(r.id);
        case FlowColumn:
            return q(r.flow);
        case StartedColumn: {
            const QDateTime at = QDateTime::fromMSecsSinceEpoch(r.startedAt / 1000);
            return role == Qt::ToolTipRole ? QLocale().toString(at, QLocale::LongFormat) +
                                                 (r.virtualTime ? tr(" (virtual time)") : QString())
                                           : at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        }
        case DurationColumn:
            return r.status == RunStatus::Running && role == Qt::DisplayRole
                       ? tr("running…")
                       : RunController::formatLatency(r.duration);
        case ErrorColumn:
            return errorText(r.error);
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn)
            return statusColor(r.status);
        break;
    case Qt::DecorationRole:
        if (index.column() == StatusColumn)
            return statusDot(r.status);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == DurationColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::FontRole:
        if (index.column() == RunColumn) {
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && (section == StartedColumn || section == DurationColumn))
        return tr("Click to sort");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StatusColumn:
        return tr("Status");
    case RunColumn:
        return tr("Run");
    case FlowColumn:
        return tr("Flow");
    case StartedColumn:
        return tr("Started");
    case DurationColumn:
        return tr("Duration");
    case ErrorColumn:
        return tr("Error");
    }
    return {};
}

} // namespace tutti::editor
