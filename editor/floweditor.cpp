// One open flow: document + undo stack + canvas + YAML view; see floweditor.h.
#include <editor/floweditor.h>

#include <editor/findbar.h>
#include <editor/flowscene.h>
#include <editor/flowview.h>
#include <editor/yamleditor.h>

#include <document/flowdocument.h>
#include <engine/core/jsonio.h>
#include <engine/model/yamldoc.h>

#include <QFile>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QResizeEvent>
#include <QSplitter>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace tutti::editor {

FlowEditor::FlowEditor(QWidget *parent)
    : QWidget(parent)
    , m_doc(new engine::FlowDocument(this))
    , m_undo(new QUndoStack(this))
{
    m_scene = new FlowScene(m_doc, m_undo, this);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_view = new FlowView(m_scene, m_splitter);
    m_find = new FindBar(m_scene, m_view); // floats over the canvas, hidden until Ctrl+F
    m_yaml = new YamlEditor(m_doc, m_undo, m_splitter);
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_yaml);
    // The canvas is the main view: it takes what the window gains or loses; the YAML view keeps
    // a readable width (resetSplit) until the user drags the handle.
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 0);
    m_splitter->setChildrenCollapsible(true);
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("parseNotice"));
    m_notice->setWordWrap(true);
    m_notice->setContentsMargins(8, 4, 8, 4);
    m_notice->setStyleSheet(
        QStringLiteral("QLabel { background: #fef3c7; color: #92400e; border-bottom: 1px solid "
                       "#f59e0b; }"));
    m_notice->hide();
    connect(m_splitter, &QSplitter::splitterMoved, this, &FlowEditor::noteYamlVisibility);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_notice);
    layout->addWidget(m_splitter, 1); // the notice takes only the height of its text

    // The undo stack's clean state is the truth for "modified" (undoing back to the saved state
    // clears the marker again), together with the YAML view's text not applied or not parsing.
    connect(m_undo, &QUndoStack::cleanChanged, this, &FlowEditor::updateModified);
    connect(m_yaml, &YamlEditor::screenTextChanged, this, &FlowEditor::updateModified);
    connect(m_doc, &engine::FlowDocument::modificationChanged, this,
            &FlowEditor::modificationChanged);
    connect(m_scene, &FlowScene::selectedStepsChanged, this, &FlowEditor::selectionChanged);
    connect(m_scene, &FlowScene::editRefused, this, &FlowEditor::statusMessage);
    connect(m_yaml, &YamlEditor::parseErrorChanged, this, [this](const QString &message) {
        if (!message.isEmpty())
            emit statusMessage(tr("YAML does not parse: %1").arg(parseErrorText()));
        updateNotice();
    });
    connect(m_yaml, &YamlEditor::typingReplaced, this, [this] {
        emit statusMessage(tr("The edit replaced your typing in the YAML view; Ctrl+Z there "
                              "brings it back."));
    });
}

void FlowEditor::updateModified()
{
    bool modified = false;
    if (m_diskUnparsed)
        modified = m_yaml->hasPendingText() || m_yaml->text().toStdString() != m_diskText;
    else
        modified =
            !m_undo->isClean() || m_yaml->hasPendingText() || m_doc->unparsedText().has_value();
    m_doc->setModified(modified);
}

void FlowEditor::updateNotice()
{
    // Only while the file itself does not parse; text not parsing yet on screen has the YAML
    // view's banner.
    const QString error = parseErrorText();
    const bool show = m_diskUnparsed && !error.isEmpty();
    m_notice->setVisible(show);
    if (show)
        m_notice->setText(tr("%1 does not parse — %2. Your text is kept as typed; Run and "
                             "Simulate are refused until it parses.")
                              .arg(displayName(), error));
}

void FlowEditor::wroteFile()
{
    m_diskText = m_doc->fileText();
    m_diskUnparsed = m_doc->unparsedText().has_value();
    m_undo->setClean();
    updateModified();
    updateNotice();
}

QString FlowEditor::parseErrorText() const
{
    return m_yaml->parseErrorText();
}

FlowEditor::~FlowEditor()
{
    // The document (the first child) goes before the undo stack, whose destructor still says
    // "clean again" when it held edits: that must not reach the deleted document.
    m_undo->disconnect(this);
    // The scene observes the document; take it down first.
    delete m_view;
    m_view = nullptr;
    delete m_scene;
    m_scene = nullptr;
}

engine::Result<void> FlowEditor::openFile(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (auto ok = m_doc->load(absolute.toStdString()); !ok) {
        if (ok.error().code == engine::ErrorCode::Io)
            return ok;
        // The file does not parse: it is still the user's text. Show it with its error.
        QFile file(absolute);
        if (!file.open(QIODevice::ReadOnly))
            return ok;
        const QByteArray bytes = file.readAll();
        m_doc->setFilePath(absolute.toStdString());
        m_doc->setUnparsedText(std::string(bytes.constData(), std::size_t(bytes.size())));
        m_yaml->reload();
    }
    m_undo->clear();
    wroteFile(); // what was read is what is on disk
    m_view->fitAll();
    return {};
}

engine::Result<void> FlowEditor::restoreFrom(const QString &yamlPath, const QString &layoutPath)
{
    QFile file(yamlPath);
    if (!file.open(QIODevice::ReadOnly))
        return engine::fail(engine::ErrorCode::Io,
                            "cannot open file: " + file.errorString().toStdString(),
                            {yamlPath.toStdString(), 0, 0});
    const QByteArray bytes = file.readAll();
    std::string text(bytes.constData(), std::size_t(bytes.size()));
    auto yaml = engine::parseYaml(text, m_doc->filePath());
    engine::Json layout;
    QFile sidecar(layoutPath);
    if (sidecar.open(QIODevice::ReadOnly))
        if (auto parsed = engine::parseJson(sidecar.readAll().toStdString()))
            layout = std::move(*parsed);
    if (!layout.is_null())
        m_doc->setLayoutJson(layout);
    if (yaml) {
        m_doc->replaceDocument(std::move(yaml->root), std::move(text));
    } else {
        // Autosaved text that did not parse is restored as typed, with its error.
        m_doc->setUnparsedText(std::move(text));
        m_yaml->reload();
    }
    m_undo->clear();
    m_undo->resetClean(); // the restored text is not what is on disk
    updateModified();
    updateNotice();
    m_doc->validateNow();
    m_view->fitAll();
    return {};
}

engine::Result<void> FlowEditor::save()
{
    m_yaml->commitNow();
    if (auto ok = m_doc->save(); !ok)
        return ok;
    wroteFile();
    return {};
}

engine::Result<void> FlowEditor::saveAs(const QString &path)
{
    m_yaml->commitNow();
    if (auto ok = m_doc->save(QFileInfo(path).absoluteFilePath().toStdString()); !ok)
        return ok;
    wroteFile();
    return {};
}

engine::Result<void> FlowEditor::writeAutosave(const QString &yamlPath, const QString &layoutPath)
{
    m_yaml->commitNow(); // the copy has what is on screen
    return m_doc->saveCopy(yamlPath.toStdString(), layoutPath.toStdString());
}

QString FlowEditor::filePath() const
{
    return QString::fromStdString(m_doc->filePath());
}

QString FlowEditor::displayName() const
{
    return m_doc->filePath().empty() ? tr("untitled.flow.yaml") : QFileInfo(filePath()).fileName();
}

bool FlowEditor::isModified() const
{
    return m_doc->isModified();
}

QString FlowEditor::addStep(const QString &type)
{
    const QStringList selected = m_scene->selectedStepIds(); // file order
    const QString id = m_scene->insertStep(type, selected.isEmpty() ? QString() : selected.last());
    if (!id.isEmpty())
        m_view->centerOnStep(id);
    return id;
}

void FlowEditor::renameSelected()
{
    const QStringList selected = m_scene->selectedStepIds();
    if (selected.size() != 1)
        return;
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("Rename step"), tr("New id for %1:").arg(selected.first()),
                              QLineEdit::Normal, selected.first(), &ok);
    if (ok)
        m_scene->renameStep(selected.first(), name.trimmed());
}

void FlowEditor::setYamlVisible(bool visible)
{
    m_yaml->setVisible(visible);
    if (visible && m_splitter->sizes().value(1) == 0)
        resetSplit(); // dragged shut: showing it again must show something
    noteYamlVisibility();
}

bool FlowEditor::isYamlVisible() const
{
    // Hidden (F4) or dragged shut both mean "not visible" — not whether the window is shown.
    return !m_yaml->isHidden() && !(m_splitter->isVisible() && m_splitter->sizes().value(1) == 0);
}

void FlowEditor::resetSplit()
{
    m_yaml->setVisible(true);
    const int total = std::max(m_splitter->width(), 800);
    const int yaml = std::clamp(total * 36 / 100, 320, 520);
    m_splitter->setSizes({total - yaml, yaml});
    m_splitDone = true;
    noteYamlVisibility();
}

void FlowEditor::noteYamlVisibility()
{
    const bool visible = isYamlVisible();
    if (visible == m_yamlVisible)
        return;
    m_yamlVisible = visible;
    emit yamlVisibilityChanged(visible);
}

void FlowEditor::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // The first real size decides the default split (a new widget's size would not).
    if (!m_splitDone && isVisible() && width() >= 400)
        resetSplit();
}

void FlowEditor::setNodeState(const QString &stepId, NodeState state, const QString &latency)
{
    m_scene->setNodeState(stepId, state, latency);
}

void FlowEditor::clearNodeStates()
{
    m_scene->clearNodeStates();
}

} // namespace tutti::editor
