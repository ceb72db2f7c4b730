// The environment and mock-profile choosers of the Run and Simulation panels: "mock" first, then
// the environments of the flow's tutti.yaml; "(none)" then the workspace's profiles/*.profile.yaml.
// One widget, so both panels offer the same choices and read them the same way. The first choice
// is RunPreferences::current().environment when the workspace has it.
#pragma once

#include <QStringList>
#include <QWidget>

#include <optional>
#include <string>
#include <vector>

class QComboBox;

namespace tutti::editor {

class EnvironmentPicker : public QWidget {
    Q_OBJECT
public:
    enum class Parts {
        EnvironmentAndProfile, // the Run panel
        ProfileOnly,           // the Simulation panel: always the mocks
    };
    explicit EnvironmentPicker(Parts parts, QWidget *parent = nullptr);

    // Re-reads the choices of the workspace of `flowPath`, keeping the current ones when they
    // are still offered. Reads the disk (tutti.yaml, profiles/) only when `flowPath` differs
    // from the last refresh or `force` is set: panels refresh on every document reset, which
    // happens while someone types in the YAML view, and the GUI thread must not wait on disk then.
    void refresh(const std::string &flowPath, bool force = false);

    // The environment chosen ("mock" when the picker offers no environment).
    std::string environment() const;
    // The profile files chosen, absolute; none for "(none)" or outside the mock environment
    // (profiles overlay mocks).
    std::vector<std::string> profiles() const;

    QComboBox *environmentBox() const { return m_env; } // null for ProfileOnly
    QComboBox *profileBox() const { return m_profile; }

    // The choices refresh() offers: "mock" first, then the workspace's environments; the
    // workspace's profile files (absolute).
    static QStringList environments(const std::string &flowPath);
    static QStringList profileFiles(const std::string &flowPath);

signals:
    void environmentChanged(const QString &environment);

private:
    std::optional<std::string> m_shownFor; // the flow path the choices were read for
    QComboBox *m_env = nullptr;
    QComboBox *m_profile;
};

} // namespace tutti::editor
