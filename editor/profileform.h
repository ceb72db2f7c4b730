// The form of a profile (*.profile.yaml, docs/mocks.md "Profiles"): its description, then per
// service the latency and faults that replace every route's, then per route overlay (method,
// path as in the mock) its own latency and faults; with the same histogram and retry previews
// as the mock form.
#pragma once

#include <editor/specform.h>

#include <vector>

class QLineEdit;

namespace tutti::editor {

class FaultsEditor;
class LatencyEditor;

class ProfileForm final : public SpecForm {
    Q_OBJECT
public:
    explicit ProfileForm(MockToolService *tools, QWidget *parent = nullptr);

    LatencyEditor *latencyEditor() const { return m_latency; }
    FaultsEditor *faultsEditor() const { return m_faults; }
    // Adds a service overlay (from the Profile page's field, or a test).
    void addService(const QString &name);

protected:
    QStringList pageTitles() const override;
    void buildPage(int index, QVBoxLayout *layout) override;
    void addRequested() override;
    void removeRequested(int index) override;

private:
    struct Page {
        std::string service; // "" for the profile page
        int route = -1;      // index in the service's routes, -1 for the service itself
    };
    std::vector<Page> pageList() const;
    void buildOverlay(const QString &base, const engine::Json &node, QVBoxLayout *layout,
                      const QString &inheritedFrom);

    LatencyEditor *m_latency = nullptr;
    FaultsEditor *m_faults = nullptr;
    QLineEdit *m_newService = nullptr;
};

} // namespace tutti::editor
