// The run history panel: a filter bar (free text, flow, status, time range) over the lazy run list
// (historymodel.h), sortable by start and duration, with the database's size and how to prune it.
// Double-click, Enter or the context menu's "Open run" asks to open a run in the viewer.
#pragma once

#include <editor/historymodel.h>

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTreeView;

namespace tutti::editor {

class HistoryPanel : public QWidget {
    Q_OBJECT
public:
    explicit HistoryPanel(QWidget *parent = nullptr);
    ~HistoryPanel() override;

    // Shows the runs of that database (the workspace's, or the one set in Settings). False, and
    // the panel says why, when it cannot be read. A file that does not exist yet is opened when
    // a run creates it.
    bool setDatabase(const QString &path);
    QString database() const;
    HistoryModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    QLineEdit *searchEdit() const { return m_search; }
    QComboBox *flowBox() const { return m_flow; }
    QComboBox *statusBox() const { return m_status; }
    QComboBox *timeBox() const { return m_time; }
    // "1,000,000 runs · 562 MB on disk" (and the prune hint); "" until first counted.
    QString sizeText() const;
    QString summaryText() const; // "200 shown of 10,000+ matching runs"
    // What the panel shows instead of the list (an error, no runs yet); "" when the list shows.
    QString placeholderText() const;

    // Flow names to offer besides those with runs (the workspace's flows).
    void setKnownFlows(const QStringList &flows);
    // Applies the filter bar now (typing applies it after a short pause).
    void applyFilter();
    // Counts runs and bytes again, on a worker thread (a full count takes ~50 ms on a million
    // runs); statsUpdated() follows.
    void refreshStats();
    // Selects and shows the run's row when it is loaded.
    bool selectRun(const QString &runId);
    QString selectedRunId() const;

signals:
    void runActivated(const QString &runId);
    void statsUpdated();

private:
    void updateFlows();
    void updateSummary();
    void updatePlaceholder();
    void showContextMenu(const QPoint &pos);

    HistoryModel *m_model;
    QLineEdit *m_search;
    QComboBox *m_flow, *m_status, *m_time;
    QStackedWidget *m_stack;
    QTreeView *m_view;
    QLabel *m_placeholder;
    QLabel *m_summary;
    QLabel *m_size;
    QTimer m_typing;
    QTimer m_statsThrottle;
    QTimer m_waitForFile;
    QString m_waitingFor; // the database to open once it exists
    QStringList m_knownFlows;
    std::shared_ptr<int> m_statsGeneration; // a stale answer (another database) is dropped
    bool m_statsPending = false;
    qint64 m_matchCount = -2; // -2: to count again
};

} // namespace tutti::editor
