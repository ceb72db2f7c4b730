// The form of a mock file (*.mock.yaml, docs/mocks.md): the service with its state and default
// latency and faults, then one page per route: matchers (method, path, query, headers, body),
// the answer (one response or a sequence) with template completion, set_state, and the route's
// latency (histogram preview) and faults (retry preview).
#pragma once

#include <editor/specform.h>

class QComboBox;
class QSpinBox;

namespace tutti::editor {

class FaultsEditor;
class LatencyEditor;

class MockForm final : public SpecForm {
    Q_OBJECT
public:
    explicit MockForm(MockToolService *tools, QWidget *parent = nullptr);

    // The current page's latency and fault editors (nullptr on none).
    LatencyEditor *latencyEditor() const { return m_latency; }
    FaultsEditor *faultsEditor() const { return m_faults; }
    // What templates of the current file may read: roots, state keys, a route's path params.
    CompletionContext completionFor(int route) const;
    // "POST", "/charges/{id}" of a route (page index - 1); empty when out of range.
    std::pair<QString, QString> routeRequest(int route) const;

protected:
    QStringList pageTitles() const override;
    void buildPage(int index, QVBoxLayout *layout) override;
    void addRequested() override;
    void removeRequested(int index) override;

private:
    void buildServicePage(QVBoxLayout *layout);
    void buildRoutePage(int route, QVBoxLayout *layout);

    LatencyEditor *m_latency = nullptr;
    FaultsEditor *m_faults = nullptr;
};

// "POST /charges" for a route's match as written (any method: "any").
QString routeTitle(const engine::Json &match);

} // namespace tutti::editor
