// The environment and mock-profile choosers; see environmentpicker.h.
#include <editor/environmentpicker.h>
#include <editor/runpreferences.h>

#include <engine/model/workspace.h>

#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>

namespace tutti::editor {

EnvironmentPicker::EnvironmentPicker(Parts parts, QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    if (parts == Parts::EnvironmentAndProfile) {
        m_env = new QComboBox(this);
        m_env->setToolTip(tr("mock: every service answers from its mock, no network. Other names "
                             "come from the workspace's tutti.yaml and reach real services."));
        layout->addWidget(new QLabel(tr("Environment:"), this));
        layout->addWidget(m_env);
        layout->addSpacing(8);
        connect(m_env, &QComboBox::currentTextChanged, this, [this](const QString &env) {
            // Profiles overlay mocks: they mean nothing against real services.
            m_profile->setEnabled(env == u"mock");
            emit environmentChanged(env);
        });
    }
    m_profile = new QComboBox(this);
    m_profile->setToolTip(tr("Overlay latency and faults on the mocks (profiles/*.profile.yaml)"));
    m_profile->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    layout->addWidget(new QLabel(tr("Mock profile:"), this));
    layout->addWidget(m_profile);
}

void EnvironmentPicker::refresh(const std::string &flowPath, bool force)
{
    if (!force && m_shownFor == flowPath)
        return;
    m_shownFor = flowPath;
    if (m_env) {
        QString env = m_env->currentText();
        if (env.isEmpty()) // first fill: the one Settings prefers, when this workspace has it
            env = QString::fromStdString(RunPreferences::current().environment);
        m_env->clear();
        m_env->addItems(environments(flowPath));
        if (const int i = m_env->findText(env); i >= 0)
            m_env->setCurrentIndex(i);
    }
    const QString profile = m_profile->currentText();
    m_profile->clear();
    m_profile->addItem(tr("(none)"));
    for (const QString &file : profileFiles(flowPath))
        m_profile->addItem(QFileInfo(file).fileName(), file);
    if (const int i = m_profile->findText(profile); i >= 0)
        m_profile->setCurrentIndex(i);
}

std::string EnvironmentPicker::environment() const
{
    return m_env ? m_env->currentText().toStdString() : std::string("mock");
}

std::vector<std::string> EnvironmentPicker::profiles() const
{
    const QString file = m_profile->currentData().toString();
    if (file.isEmpty() || environment() != "mock")
        return {};
    return {file.toStdString()};
}

QStringList EnvironmentPicker::environments(const std::string &flowPath)
{
    QStringList names{QStringLiteral("mock")};
    if (auto ws = engine::workspaceForFlow(flowPath))
        for (const auto &[name, _] : ws->environments)
            if (name != "mock")
                names << QString::fromStdString(name);
    return names;
}

QStringList EnvironmentPicker::profileFiles(const std::string &flowPath)
{
    QStringList files;
    if (auto ws = engine::workspaceForFlow(flowPath))
        for (const std::string &file : ws->profileFiles())
            files << QString::fromStdString(file);
    return files;
}

} // namespace tutti::editor
