// File → Export… (exportdialog.h): the targets, each calling the engine's exporter on the
// editor's current flow version, and the dialog around them.
#include "exportdialog.h"

#include <document/flowdocument.h>
#include <editor/codeeditor.h>
#include <editor/environmentpicker.h>
#include <editor/flowversion.h>
#include <engine/export/argoexport.h>
#include <engine/export/aslexport.h>
#include <engine/export/bundleexport.h>
#include <engine/model/atomicfile.h>
#include <engine/model/flowparser.h>
#include <engine/model/workspace.h>

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

namespace tutti::studio {

using namespace tutti::engine;

namespace {

ExportOutput failed(const QString &message)
{
    ExportOutput out;
    out.error = message;
    return out;
}

// The environment the dialog picked, from the flow's tutti.yaml; nullopt for `mock` (or one that
// is not there): the exporters then use the flow's base_url or placeholders.
std::optional<Environment> pickedEnvironment(const editor::FlowVersion &version,
                                             const ExportChoices &choices)
{
    if (choices.environment == "mock")
        return std::nullopt;
    auto workspace = workspaceForFlow(version.source.path);
    if (!workspace)
        return std::nullopt;
    auto it = workspace->environments.find(choices.environment);
    if (it == workspace->environments.end())
        return std::nullopt;
    return it->second;
}

// One exported file: its text as the preview, Save… writes it atomically (as `tutti export -o`).
ExportOutput fileOutput(std::string text, std::vector<ExportWarning> warnings)
{
    ExportOutput out;
    out.preview = QString::fromStdString(text);
    out.warnings = std::move(warnings);
    out.save = [text = std::move(text)](const QString &path, bool) -> QString {
        auto ok = writeFileAtomically(path.toStdString(), text);
        return ok ? QString() : QString::fromStdString(ok.error().toString());
    };
    return out;
}

ExportOutput exportAslOutput(const editor::FlowVersion &version, const ExportChoices &choices)
{
    const FlowLoad load = loadFlowText(version.source.text, version.source.path);
    if (!load.ok())
        return failed(QString::fromStdString(load.errors.empty() ? "the flow does not load"
                                                                 : load.errors.front().toString()));
    AslOptions options;
    options.language = choices.language;
    const std::optional<Environment> environment = pickedEnvironment(version, choices);
    if (environment)
        options.environment = &*environment;
    auto exported = exportAsl(*load.flow, options);
    if (!exported)
        return failed(QString::fromStdString(exported.error().toString()));
    return fileOutput(aslText(exported->machine), std::move(exported->warnings));
}

ExportOutput exportArgoOutput(const editor::FlowVersion &version, const ExportChoices &choices)
{
    const FlowLoad load = loadFlowText(version.source.text, version.source.path);
    if (!load.ok())
        return failed(QString::fromStdString(load.errors.empty() ? "the flow does not load"
                                                                 : load.errors.front().toString()));
    const std::optional<Environment> environment = pickedEnvironment(version, choices);
    ArgoExport argo = exportArgo(*load.flow, ArgoOptions{environment ? &*environment : nullptr});
    return fileOutput(argoText(argo.workflow), std::move(argo.warnings));
}

ExportOutput exportBundleOutput(const editor::FlowVersion &version, const ExportChoices &choices)
{
    auto bundle = exportBundle({{version.source.path, version.source.text}},
                               BundleOptions{choices.environment, 8080});
    if (!bundle)
        return failed(QString::fromStdString(bundle.error().toString()));
    ExportOutput out;
    out.preview =
        QCoreApplication::translate("tutti::studio::ExportDialog", "# The folder Save… writes:") +
        u'\n';
    for (const BundleFile &f : bundle->files)
        out.preview += "#   " + QString::fromStdString(f.path) + "\n";
    out.preview += "#   bin/tutti\n\n";
    for (const BundleFile &f : bundle->files) {
        if (f.path.starts_with("flows/"))
            out.preview +=
                QCoreApplication::translate("tutti::studio::ExportDialog", "# ==> %1 (copied)")
                    .arg(QString::fromStdString(f.path)) +
                QStringLiteral("\n\n");
        else
            out.preview +=
                QStringLiteral("# ==> %1\n%2\n")
                    .arg(QString::fromStdString(f.path), QString::fromStdString(f.content));
    }
    out.warnings = bundle->warnings;
    // The image runs the tutti next to the studio (the same build), when there is one.
    const QString binary = QCoreApplication::applicationDirPath() + "/tutti";
    const bool haveBinary = QFileInfo(binary).isExecutable();
    if (!haveBinary)
        out.warnings.push_back({"", SourceLocation{version.source.path, 0, 0},
                                "no tutti binary next to the studio: copy one to bin/tutti "
                                "before building the image"});
    out.save = [files = *bundle, binary = haveBinary ? binary.toStdString() : std::string()](
                   const QString &path, bool force) -> QString {
        auto written = writeBundle(files, path.toStdString(), force, binary);
        return written ? QString() : QString::fromStdString(written.error().toString());
    };
    return out;
}

} // namespace

const std::vector<ExportTarget> &exportTargets()
{
    static const std::vector<ExportTarget> targets = {
        {"asl", QObject::tr("AWS Step Functions (ASL)"), false, "asl.json", true, exportAslOutput},
        {"argo", QObject::tr("Argo Workflows (Workflow YAML)"), false, "argo.yaml", false,
         exportArgoOutput},
        {"bundle", QObject::tr("Deployment bundle (tutti serve: Docker, Kubernetes, systemd)"),
         true, "", false, exportBundleOutput},
    };
    return targets;
}

ExportDialog::ExportDialog(const FlowDocument *doc, QWidget *parent)
    : QDialog(parent)
    , m_doc(doc)
{
    setObjectName("exportDialog");
    setWindowTitle(
        tr("Export %1").arg(QFileInfo(QString::fromStdString(doc->filePath())).fileName()));
    resize(900, 680);

    m_target = new QComboBox(this);
    for (const ExportTarget &t : exportTargets())
        m_target->addItem(t.label, t.id);
    m_env = new editor::EnvironmentPicker(editor::EnvironmentPicker::Parts::EnvironmentAndProfile,
                                          this);
    // Profiles overlay mocks at run time; an export has none. The picker's own labels go too:
    // the form labels the row.
    m_env->profileBox()->hide();
    for (QLabel *label : m_env->findChildren<QLabel *>())
        label->hide();
    m_env->refresh(doc->filePath(), true);
    m_language = new QComboBox(this);
    m_language->addItem(tr("Automatic (JSONPath when every expression maps, else JSONata)"),
                        static_cast<int>(AslQueryLanguage::Auto));
    m_language->addItem(tr("JSONPath"), static_cast<int>(AslQueryLanguage::JsonPath));
    m_language->addItem(tr("JSONata"), static_cast<int>(AslQueryLanguage::Jsonata));

    auto *form = new QFormLayout;
    form->addRow(tr("&Target:"), m_target);
    form->addRow(tr("&Environment:"), m_env);
    m_languageLabel = new QLabel(tr("&Query language:"), this);
    m_languageLabel->setBuddy(m_language);
    form->addRow(m_languageLabel, m_language);

    m_preview = new editor::CodeEditor(editor::CodeEditor::Mode::Yaml, this);
    m_preview->setReadOnly(true);
    m_preview->setObjectName("exportPreview");
    m_warnings = new QListWidget(this);
    m_warnings->setObjectName("exportWarnings");
    m_warnings->setWordWrap(true);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_preview);
    auto *warnBox = new QWidget(this);
    auto *warnLayout = new QVBoxLayout(warnBox);
    warnLayout->setContentsMargins(0, 0, 0, 0);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    warnLayout->addWidget(m_status);
    warnLayout->addWidget(m_warnings);
    split->addWidget(warnBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_save = buttons->addButton(tr("&Save…"), QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, &ExportDialog::save);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);

    connect(m_target, &QComboBox::currentIndexChanged, this, &ExportDialog::refresh);
    connect(m_language, &QComboBox::currentIndexChanged, this, &ExportDialog::refresh);
    connect(m_env, &editor::EnvironmentPicker::environmentChanged, this, &ExportDialog::refresh);
    // Live: the preview follows the editor's edits (after the event loop settles them).
    connect(doc, &FlowDocument::contentChanged, this,
            [this] { QTimer::singleShot(0, this, &ExportDialog::refresh); });
    refresh();
}

const ExportTarget &ExportDialog::target() const
{
    return exportTargets().at(static_cast<std::size_t>(std::max(0, m_target->currentIndex())));
}

bool ExportDialog::selectTarget(const QString &id)
{
    const int i = m_target->findData(id);
    if (i < 0)
        return false;
    m_target->setCurrentIndex(i);
    refresh();
    return true;
}

void ExportDialog::refresh()
{
    const ExportTarget &t = target();
    m_language->setVisible(t.queryLanguage);
    m_languageLabel->setVisible(t.queryLanguage);
    m_warnings->clear();
    auto version = editor::currentFlowVersion(*m_doc);
    if (!version) {
        m_output = failed(QString::fromStdString(version.error().toString()));
    } else {
        ExportChoices choices;
        choices.environment = m_env->environment();
        choices.language = static_cast<AslQueryLanguage>(m_language->currentData().toInt());
        m_output = t.run(*version, choices);
        m_status->setText(tr("Exporting %1.").arg(version->label));
    }
    if (!m_output.error.isEmpty()) {
        m_preview->setPlainText({});
        m_status->setText(tr("Cannot export: %1").arg(m_output.error));
    } else {
        m_preview->setPlainText(m_output.preview);
    }
    for (const ExportWarning &w : m_output.warnings)
        m_warnings->addItem(QString::fromStdString(
            (w.step.empty() ? std::string() : "step " + w.step + ": ") + w.message));
    if (m_output.error.isEmpty())
        m_status->setText(
            m_status->text() + " " +
            (m_output.warnings.empty()
                 ? tr("No warnings.")
                 : tr("%n warning(s):", "", static_cast<int>(m_output.warnings.size()))));
    m_save->setEnabled(static_cast<bool>(m_output.save));
}

QString ExportDialog::previewText() const
{
    return m_preview->text();
}

QStringList ExportDialog::warnings() const
{
    QStringList out;
    for (int i = 0; i < m_warnings->count(); ++i)
        out << m_warnings->item(i)->text();
    return out;
}

QString ExportDialog::saveTo(const QString &path, bool force)
{
    if (!m_output.save)
        return m_output.error.isEmpty() ? tr("Nothing to save") : m_output.error;
    const QString message = m_output.save(path, force);
    m_status->setText(message.isEmpty() ? tr("Written to %1.").arg(path) : message);
    return message;
}

void ExportDialog::save()
{
    const ExportTarget &t = target();
    const QFileInfo flow(QString::fromStdString(m_doc->filePath()));
    const QString base = flow.fileName().section('.', 0, 0);
    QString path;
    if (t.folder)
        path = QFileDialog::getExistingDirectory(this, tr("Bundle folder"), flow.absolutePath());
    else
        path = QFileDialog::getSaveFileName(this, tr("Export to"),
                                            flow.absolutePath() + "/" + base + "." + t.suffix);
    if (path.isEmpty())
        return;
    // A bundle never lands among other files unasked (as `tutti export` without --force).
    const bool force =
        t.folder && !QDir(path).isEmpty() &&
        QMessageBox::question(this, tr("Export"),
                              tr("%1 is not empty. Write the bundle into it anyway?").arg(path)) ==
            QMessageBox::Yes;
    if (t.folder && !QDir(path).isEmpty() && !force)
        return;
    saveTo(path, force);
}

} // namespace tutti::studio
