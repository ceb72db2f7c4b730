// A fault list as the mock and profile formats write it ([{rate, kind, status?, duration?}]) as a
// table, with what a step calling the route will see: the share of requests that fail, and the
// share of steps that still fail after their retries, by the engine's rules (RetryPolicy's
// default `on`, attempts = retries + 1). A retries box lets the user try other policies.
#pragma once

#include <engine/core/json.h>

#include <QWidget>

#include <optional>
#include <string>
#include <vector>

class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace tutti::editor {

class MockToolService;

// What a step with `retries` retries sees of a route's faults.
struct FaultOutlook {
    double attemptFailure = 0;  // share of single requests that fail (any fault that fails)
    double retriedShare = 0;    // share of requests failing with an error the policy retries
    double stepFailure = 0;     // share of steps failing after all their attempts
    double requestsPerStep = 1; // mean requests a step sends (retry amplification)
};

class FaultsEditor : public QWidget {
    Q_OBJECT
public:
    FaultsEditor(MockToolService *tools, QWidget *parent = nullptr);

    // `faults` with, for each, the error the step sees ("" when it answers normally): a step's
    // attempt fails with fault i at its rate, retried when `on` matches the error name; the step
    // fails when an attempt fails with an error not retried, or all `retries + 1` attempts fail.
    static FaultOutlook outlook(const std::vector<std::pair<double, std::string>> &faults,
                                int retries, const std::vector<std::string> &on);
    // The same, for a list as written, with the tool service naming the errors and the engine's
    // default `retry.on`.
    FaultOutlook outlookFor(const engine::Json &faults, int retries) const;

    // nullopt: not set here; `inherited` is what applies then (the mock's default for a route).
    void setValue(const std::optional<engine::Json> &value,
                  const std::optional<engine::Json> &inherited = std::nullopt,
                  const QString &inheritedFrom = {});
    const std::optional<engine::Json> &value() const { return m_value; }

    QTableWidget *table() const { return m_table; }
    QSpinBox *retriesBox() const { return m_retries; }
    QString previewText() const;
    void addFault(); // a 5 % 503 row

signals:
    void edited(const std::optional<engine::Json> &value); // nullopt: remove the key

private:
    void fillTable();
    void emitFromTable();
    void updatePreview();

    MockToolService *m_tools;
    std::optional<engine::Json> m_value;
    std::optional<engine::Json> m_inherited;
    QString m_inheritedFrom;
    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_inherit;
    QSpinBox *m_retries;
    QLabel *m_preview;
    bool m_setting = false;
};

} // namespace tutti::editor
