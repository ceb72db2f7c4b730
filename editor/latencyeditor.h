// A latency as the mock and profile formats write it (80ms, {dist: lognormal, median, p99}, …):
// the distribution and its durations as fields, and a live histogram (QtCharts) of draws made
// with the simulator's own code (MockToolService::sampleLatency) with the p50 and p99 they
// imply. Used for a mock's default and routes and a profile's overlays.
#pragma once

#include <engine/core/duration.h>
#include <engine/core/json.h>

#include <QWidget>

#include <optional>
#include <vector>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QChartView;

namespace tutti::editor {

class MockToolService;

class LatencyEditor : public QWidget {
    Q_OBJECT
public:
    static constexpr int kPreviewSamples = 4000;
    static constexpr std::uint64_t kPreviewSeed = 1;

    LatencyEditor(MockToolService *tools, QWidget *parent = nullptr);

    // The value as written (nullopt: not set here), and what applies when it is not set (the
    // mock's default for a route; nullopt: nothing, 0 ms) with words saying where it comes from.
    void setValue(const std::optional<engine::Json> &value,
                  const std::optional<engine::Json> &inherited = std::nullopt,
                  const QString &inheritedFrom = {});
    const std::optional<engine::Json> &value() const { return m_value; }

    // The preview: the draws it shows and their nearest-rank p50 / p99 (as in simulation reports).
    const std::vector<engine::Micros> &samples() const { return m_samples; }
    engine::Micros p50() const { return m_p50; }
    engine::Micros p99() const { return m_p99; }
    QString summaryText() const;
    QChartView *chartView() const { return m_chart; }
    QComboBox *kindBox() const { return m_kind; }
    QLineEdit *field(const QString &name) const; // nullptr when the kind has no such field

signals:
    void edited(const std::optional<engine::Json> &value); // nullopt: remove the key

private:
    void buildFields();
    void onKindChosen();
    void emitFromFields();
    void updatePreview();

    MockToolService *m_tools;
    std::optional<engine::Json> m_value;
    std::optional<engine::Json> m_inherited;
    QString m_inheritedFrom;
    QComboBox *m_kind;
    QWidget *m_fieldsBox;
    QFormLayout *m_fields;
    std::vector<std::pair<QString, QLineEdit *>> m_edits;
    QLabel *m_summary;
    QChartView *m_chart;
    std::vector<engine::Micros> m_samples;
    engine::Micros m_p50 = 0, m_p99 = 0;
    bool m_setting = false;
};

} // namespace tutti::editor
