// The run history as a lazy Qt table model over the trace database: it holds only the rows a view
// has scrolled to, fetched page by page with the store's keyset cursor (canFetchMore/fetchMore),
// filtered and sorted in SQL, so a database of a million runs opens and filters at once. It reads
// through its own connection and polls PRAGMA data_version to add the runs that other writers
// (the studio's runs, a `tutti run` in a terminal, a simulation) commit.
#pragma once

#include <engine/core/result.h>
#include <engine/trace/tracestore.h>

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

namespace tutti::editor {

// What the history shows: every field empty or unset means "any".
struct HistoryFilter {
    QString flow;
    std::optional<engine::RunStatus> status;
    QDateTime since, until; // started in [since, until)
    QString text;           // run id prefix or text in the error
    bool operator==(const HistoryFilter &) const = default;
};

class HistoryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { StatusColumn, RunColumn, FlowColumn, StartedColumn, DurationColumn, ErrorColumn };
    static constexpr int kColumnCount = 6;
    enum Role { RunIdRole = Qt::UserRole + 1, RunStatusRole, SortKeyRole };
    static constexpr int kPageSize = 200;

    explicit HistoryModel(QObject *parent = nullptr);
    ~HistoryModel() override;

    // Opens the database read for the history (its own connection). A file that is not a trace
    // database (garbage, a newer schema) leaves the model empty with errorString() saying why.
    engine::Result<void> open(const QString &path);
    void close();
    bool isOpen() const;
    QString path() const { return m_path; }
    QString errorString() const { return m_error; }
    // The connection, for the size display and for opening a run (loadRun).
    engine::TraceStore *store() const { return m_store.get(); }

    void setFilter(const HistoryFilter &filter);
    const HistoryFilter &filter() const { return m_filter; }
    void setSortOrder(engine::RunSort sort);
    engine::RunSort sortOrder() const { return m_sort; }
    // How many runs match, counted up to `cap` ("10,000+"); -1 when unknown.
    qint64 matchCount(qint64 cap = 10'000) const;

    // Checks for runs other connections committed (done every pollInterval ms while open; 0
    // stops it): new rows at the top appear in place, finished runs update. True if the
    // database changed.
    bool checkForChanges();
    void setPollInterval(int ms);
    int pollInterval() const { return m_poll.interval(); }
    // Re-reads the first page and what is loaded, keeping the rows a view shows.
    void reload();

    const engine::RunRecord &run(int row) const { return m_rows[static_cast<std::size_t>(row)]; }
    QString runId(int row) const;
    int rowOf(const QString &runId) const; // -1 when not loaded
    // Milliseconds the last page query took (the panel's budget is one frame).
    double lastQueryMs() const { return m_lastQueryMs; }

    // QAbstractItemModel
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    // Only Started and Duration sort (in SQL); other columns keep the current order.
    void sort(int column, Qt::SortOrder order) override;

    static QString statusText(engine::RunStatus status); // "succeeded", "failed", …
    static QColor statusColor(engine::RunStatus status); // the canvas's state colours
    static QString errorText(const engine::Json &error); // "timeout: no answer after 5 s"

signals:
    void errorChanged(const QString &message); // "" when cleared
    void databaseChanged(); // another writer committed (the size display may refresh)
    void rowsRefreshed();   // a filter, sort or reload replaced the rows

private:
    engine::RunQuery query() const;
    engine::Result<std::vector<engine::RunRecord>> page(const engine::RunQuery &query);
    void resetRows();
    void setError(const QString &message);
    void indexRows(std::size_t from);

    std::unique_ptr<engine::TraceStore> m_store;
    QString m_path, m_error;
    HistoryFilter m_filter;
    engine::RunSort m_sort = engine::RunSort::StartedDesc;
    std::vector<engine::RunRecord> m_rows;
    QHash<QString, int> m_rowOf;
    bool m_atEnd = true;
    std::int64_t m_dataVersion = 0;
    double m_lastQueryMs = 0;
    QTimer m_poll;
};

} // namespace tutti::editor
