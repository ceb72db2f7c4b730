// Two runs side by side (issue 10 item 7): a table of their steps aligned by path
// (engine/trace/rundiff.h, the same result as `tutti trace diff`), each side's status, attempts
// and duration, the latency change, and the cells that differ highlighted; below it, the selected
// step's request and response from both runs with the values that differ listed.
#pragma once

#include <engine/trace/rundiff.h>

#include <QWidget>

#include <memory>

class QCheckBox;
class QLabel;
class QTableView;

namespace tutti::editor {

class JsonView;

class RunDiffView : public QWidget {
    Q_OBJECT
public:
    explicit RunDiffView(QWidget *parent = nullptr);
    ~RunDiffView() override;

    void setRuns(std::shared_ptr<const engine::RunTrace> a,
                 std::shared_ptr<const engine::RunTrace> b);
    void setRuns(engine::RunTrace a, engine::RunTrace b);
    const engine::RunDiff &diff() const { return m_diff; }

    // Rows shown (all steps, or only those that differ); row -> index into diff().steps.
    int rowCount() const;
    int stepAtRow(int row) const;
    void setOnlyDifferences(bool only);
    bool onlyDifferences() const;
    void selectRow(int row);
    int selectedRow() const;

    // The column of a side's field, for tests: "status", "attempts", "duration" of A or B.
    enum Column { Step, StatusA, AttemptsA, DurationA, StatusB, AttemptsB, DurationB, Delta, What };

    QTableView *table() const { return m_table; }
    QLabel *summaryLabel() const { return m_summary; }
    QLabel *payloadLabel() const { return m_payload; }
    JsonView *viewA() const { return m_viewA; }
    JsonView *viewB() const { return m_viewB; }

signals:
    void stepSelected(const QString &stepId);

private:
    class Model;
    void showSelected();

    std::shared_ptr<const engine::RunTrace> m_a, m_b;
    engine::RunDiff m_diff;
    Model *m_model;
    QLabel *m_summary;
    QCheckBox *m_only;
    QTableView *m_table;
    QLabel *m_payload;
    JsonView *m_viewA, *m_viewB;
};

} // namespace tutti::editor
