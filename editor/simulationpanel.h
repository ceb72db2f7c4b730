// The simulation panel (SPEC §5 in the studio): runs N runs of the flow as the editor holds it
// (unsaved edits included: editor/flowversion.h) against its mocks as
// a job of the injected SimulationService (in slices on the GUI thread's event loop, so the panel
// stays live) with a progress bar and Cancel, then shows success rate, percentiles, a latency
// histogram (QtCharts), per-step and per-service tables and the failed runs kept in the trace DB.
#pragma once

#include <editor/simulationservice.h>

#include <engine/trace/simulationreport.h>

#include <QWidget>

#include <memory>
#include <optional>

class QChartView;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTreeWidget;

namespace tutti::engine {
class FlowDocument;
}

namespace tutti::editor {

class EnvironmentPicker;

class SimulationPanel : public QWidget {
    Q_OBJECT
public:
    // `simulations` (the studio's: mocks::Simulation) must outlive the panel.
    SimulationPanel(engine::FlowDocument *doc, SimulationService &simulations,
                    QWidget *parent = nullptr);
    ~SimulationPanel() override; // drops a simulation in progress

    bool isRunning() const { return m_job != nullptr; }
    const std::optional<engine::SimulationReport> &report() const { return m_report; }
    QString summaryText() const;
    QString bannerText() const; // what the panel says above the report (which version ran, …)
    QSpinBox *runsBox() const { return m_runs; }
    QSpinBox *seedBox() const { return m_seed; }
    QComboBox *profileBox() const;
    QLineEdit *inputEdit() const { return m_input; }
    QProgressBar *progressBar() const { return m_progress; }
    QChartView *chartView() const { return m_chart; }
    void refreshChoices();

    // Latency histogram buckets of a sample: (label, count), `buckets` bars of equal width
    // between the smallest and largest value (rounded to a readable width).
    static std::vector<std::pair<QString, int>> histogram(const std::vector<engine::Micros> &values,
                                                          int buckets = 16);
    // The bar width histogram() uses for a sorted sample (1, 2 or 5 × 10^k µs, at least 1 ms).
    static engine::Micros bucketWidth(const std::vector<engine::Micros> &sorted, int buckets = 16);

public slots:
    bool simulate(); // false when it could not start (the panel says why)
    void cancel();

signals:
    void aboutToSimulate(); // before the flow's text is taken: commit pending edits
    void runningChanged(bool running);
    void simulationFinished();
    void openRunRequested(const QString &runId); // a kept (failed) run activated or "Open Run"

private:
    void onProgress(quint64 done, quint64 total);
    void onJobFinished(const engine::SimulationReport &report);
    void showReport(const engine::SimulationReport &report);
    void setBanner(const QString &text, const char *style);

    engine::FlowDocument *m_doc;
    SimulationService &m_simulations;
    QSpinBox *m_runs;
    QSpinBox *m_seed;
    QSpinBox *m_concurrency;
    EnvironmentPicker *m_picker;
    QLineEdit *m_input;
    QPushButton *m_start;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_banner;
    QLabel *m_summary;
    QChartView *m_chart;
    QTabWidget *m_tabs;
    QTreeWidget *m_steps;
    QTreeWidget *m_services;
    QTreeWidget *m_kept;
    std::unique_ptr<SimulationJob> m_job;         // in progress
    std::unique_ptr<SimulationJob> m_finishedJob; // the last one, freed by the next
    std::optional<engine::SimulationReport> m_report;
    std::string m_inputFor;
    QString m_versionLabel; // which version the last simulation ran (flowversion.h)
};

} // namespace tutti::editor
