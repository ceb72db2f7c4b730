// The settings dialog; see settingsdialog.h.
#include "settingsdialog.h"
#include "studiotranslations.h"

#include <engine/model/workspace.h>

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace tutti::studio {

namespace {

QLabel *note(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(text, parent);
    l->setWordWrap(true);
    l->setForegroundRole(QPalette::PlaceholderText);
    QFont f = l->font();
    f.setPointSizeF(f.pointSizeF() * 0.92);
    l->setFont(f);
    return l;
}

} // namespace

SettingsDialog::SettingsDialog(StudioSettings *settings, const QString &workspace, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
{
    setWindowTitle(tr("Settings"));
    setObjectName(QStringLiteral("settingsDialog"));
    auto *layout = new QVBoxLayout(this);

    auto *editing = new QGroupBox(tr("Editing"), this);
    auto *ef = new QFormLayout(editing);
    m_textSize = new QSpinBox(editing);
    m_textSize->setObjectName(QStringLiteral("textSize"));
    m_textSize->setRange(StudioSettings::kMinTextSize, StudioSettings::kMaxTextSize);
    m_textSize->setSuffix(tr(" pt"));
    ef->addRow(tr("Text size:"), m_textSize);
    ef->addRow(QString(), note(tr("Of the canvas and the YAML view; %1 pt is the standard size.")
                                   .arg(StudioSettings::kDefaultTextSize),
                               editing));
    m_autosave = new QSpinBox(editing);
    m_autosave->setObjectName(QStringLiteral("autosaveSeconds"));
    m_autosave->setRange(0, StudioSettings::kMaxAutosaveSeconds);
    m_autosave->setSuffix(tr(" s"));
    m_autosave->setSpecialValueText(tr("Off"));
    m_autosave->setSingleStep(10);
    ef->addRow(tr("Autosave every:"), m_autosave);
    ef->addRow(QString(),
               note(tr("Unsaved flows are copied to WORKSPACE/.tutti/autosave and offered back "
                       "after a crash; the files themselves change only when you save."),
                    editing));
    m_theme = new QComboBox(editing);
    m_theme->setObjectName(QStringLiteral("theme"));
    for (auto t :
         {StudioSettings::Theme::System, StudioSettings::Theme::Light, StudioSettings::Theme::Dark})
        m_theme->addItem(StudioSettings::themeName(t), static_cast<int>(t));
    ef->addRow(tr("Theme:"), m_theme);
    m_language = new QComboBox(editing);
    m_language->setObjectName(QStringLiteral("language"));
    for (const StudioLanguage &l : studioLanguages())
        m_language->addItem(l.nativeName, l.code);
    ef->addRow(tr("Language:"), m_language);
    // Every window would have to re-read its texts to switch at once; a restart is simpler.
    ef->addRow(QString(), note(tr("Takes effect the next time Tutti Studio starts."), editing));
    layout->addWidget(editing);

    auto *running = new QGroupBox(tr("Running"), this);
    auto *rf = new QFormLayout(running);
    m_environment = new QComboBox(running);
    m_environment->setObjectName(QStringLiteral("defaultEnvironment"));
    m_environment->setEditable(true);
    m_environment->addItem(QStringLiteral("mock"));
    if (!workspace.isEmpty())
        if (auto ws = engine::loadWorkspace(workspace.toStdString()))
            for (const auto &[name, _] : ws->environments)
                if (name != "mock")
                    m_environment->addItem(QString::fromStdString(name));
    rf->addRow(tr("Default environment:"), m_environment);
    rf->addRow(QString(), note(tr("What the Run panel starts on when the flow's tutti.yaml has it; "
                                  "otherwise mock, where every service answers from its mock."),
                               running));

    auto *traceBox = new QWidget(running);
    auto *tl = new QVBoxLayout(traceBox);
    tl->setContentsMargins(0, 0, 0, 0);
    m_traceInWorkspace =
        new QRadioButton(tr("In each workspace: WORKSPACE/.tutti/traces.db"), traceBox);
    m_traceInWorkspace->setObjectName(QStringLiteral("traceInWorkspace"));
    m_traceInFile = new QRadioButton(tr("In one database for every workspace:"), traceBox);
    m_traceInFile->setObjectName(QStringLiteral("traceInFile"));
    auto *group = new QButtonGroup(traceBox);
    group->addButton(m_traceInWorkspace);
    group->addButton(m_traceInFile);
    auto *fileRow = new QHBoxLayout;
    fileRow->setContentsMargins(22, 0, 0, 0);
    m_traceDb = new QLineEdit(traceBox);
    m_traceDb->setObjectName(QStringLiteral("traceDatabase"));
    m_traceDb->setPlaceholderText(QDir::home().filePath(QStringLiteral("tutti-traces.db")));
    m_browse = new QPushButton(tr("Browse…"), traceBox);
    fileRow->addWidget(m_traceDb, 1);
    fileRow->addWidget(m_browse);
    tl->addWidget(m_traceInWorkspace);
    tl->addWidget(m_traceInFile);
    tl->addLayout(fileRow);
    rf->addRow(tr("Store runs:"), traceBox);
    rf->addRow(QString(), note(tr("Runs and the failed runs a simulation keeps go there; "
                                  "tutti trace reads the workspace's unless given --trace-db."),
                               running));
    layout->addWidget(running);
    connect(m_traceInFile, &QRadioButton::toggled, m_traceDb, &QWidget::setEnabled);
    connect(m_traceInFile, &QRadioButton::toggled, m_browse, &QWidget::setEnabled);
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(
            this, tr("Trace Database"),
            m_traceDb->text().isEmpty() ? m_traceDb->placeholderText() : m_traceDb->text(),
            tr("SQLite databases (*.db *.sqlite);;All files (*)"), nullptr,
            QFileDialog::DontConfirmOverwrite);
        if (!file.isEmpty())
            m_traceDb->setText(file);
    });

    auto *buttons =
        new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel |
                                 QDialogButtonBox::Apply | QDialogButtonBox::RestoreDefaults,
                             this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        apply();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            &SettingsDialog::apply);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            [this] { setValues(StudioSettings::Values{}); });
    layout->addWidget(buttons);
    setValues(settings->values());
    resize(560, sizeHint().height());
}

StudioSettings::Values SettingsDialog::values() const
{
    StudioSettings::Values v;
    v.textSize = m_textSize->value();
    v.autosaveSeconds = m_autosave->value();
    const QString env = m_environment->currentText().trimmed();
    v.defaultEnvironment = env == u"mock" ? QString() : env;
    v.traceDatabase = m_traceInFile->isChecked() ? m_traceDb->text().trimmed() : QString();
    v.theme = static_cast<StudioSettings::Theme>(m_theme->currentData().toInt());
    v.language = m_language->currentData().toString();
    return v;
}

void SettingsDialog::setValues(const StudioSettings::Values &v)
{
    m_textSize->setValue(v.textSize);
    m_autosave->setValue(v.autosaveSeconds);
    const QString env =
        v.defaultEnvironment.isEmpty() ? QStringLiteral("mock") : v.defaultEnvironment;
    if (m_environment->findText(env) < 0)
        m_environment->addItem(env);
    m_environment->setCurrentText(env);
    m_traceDb->setText(v.traceDatabase);
    (v.traceDatabase.isEmpty() ? m_traceInWorkspace : m_traceInFile)->setChecked(true);
    m_traceDb->setEnabled(m_traceInFile->isChecked());
    m_browse->setEnabled(m_traceInFile->isChecked());
    m_theme->setCurrentIndex(m_theme->findData(static_cast<int>(v.theme)));
    m_language->setCurrentIndex(std::max(0, m_language->findData(v.language)));
}

void SettingsDialog::apply()
{
    m_settings->set(values());
}

} // namespace tutti::studio
