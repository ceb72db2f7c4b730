// Mock and profile tabs; see mockeditor.h.
#include <editor/mockeditor.h>

#include <editor/codeeditor.h>
#include <editor/mockform.h>
#include <editor/profileform.h>
#include <editor/tryitpanel.h>

#include <document/specdocument.h>

#include <QFile>
#include <QFileInfo>
#include <QGroupBox>
#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace tutti::editor {

using engine::Json;

namespace {

// One edit of the document's text (a form edit patched in, or a pause in typing): undo puts
// the text back byte for byte. Consecutive edits of one field (a spin box stepping) merge.
class SpecTextCommand final : public QUndoCommand {
public:
    SpecTextCommand(engine::SpecDocument *doc, std::string before, std::string after,
                    const QString &what, QString mergeKey)
        : QUndoCommand(what)
        , m_doc(doc)
        , m_before(std::move(before))
        , m_after(std::move(after))
        , m_key(std::move(mergeKey))
    {
    }
    int id() const override { return m_key.isEmpty() ? -1 : 0x5bec; }
    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *o = static_cast<const SpecTextCommand *>(other);
        if (o->m_key != m_key)
            return false;
        m_after = o->m_after;
        return true;
    }
    void redo() override { m_doc->setText(m_after); }
    void undo() override { m_doc->setText(m_before); }

private:
    engine::SpecDocument *m_doc;
    std::string m_before, m_after;
    QString m_key;
};

} // namespace

void MockEditor::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_fitted || width() <= 0)
        return;
    m_fitted = true;
    // Give the form what its page needs without a horizontal scroll bar, as long as the YAML
    // view and Try it keep a usable width; the user's own drag wins after that.
    constexpr int kRightMinimum = 340;
    const int total = m_split->width() - m_split->handleWidth();
    const int form = std::clamp(m_form->preferredWidth(), total * 3 / 5,
                                std::max(total * 3 / 5, total - kRightMinimum));
    m_split->setSizes({form, total - form});
}

std::optional<SpecKind> MockEditor::kindOf(const QString &path)
{
    if (path.endsWith(QLatin1String(".mock.yaml")))
        return SpecKind::Mock;
    if (path.endsWith(QLatin1String(".profile.yaml")))
        return SpecKind::Profile;
    return std::nullopt;
}

MockEditor::MockEditor(SpecKind kind, MockToolService *tools, QWidget *parent)
    : QWidget(parent)
    , m_kind(kind)
    , m_tools(tools)
{
    m_doc = new engine::SpecDocument(
        [tools, kind](std::string_view text, const std::string &file) {
            return tools->validate(kind, text, file);
        },
        this);
    m_undo = new QUndoStack(this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("specBanner"));
    m_banner->setWordWrap(true);
    m_banner->setContentsMargins(8, 4, 8, 4);
    m_banner->setStyleSheet(QStringLiteral("QLabel { background: #fee2e2; color: #991b1b; }"));
    m_banner->hide();
    layout->addWidget(m_banner);

    m_split = new QSplitter(Qt::Horizontal, this);
    if (kind == SpecKind::Mock)
        m_form = new MockForm(tools, m_split);
    else
        m_form = new ProfileForm(tools, m_split);
    auto *right = new QSplitter(Qt::Vertical, m_split);
    auto *yamlBox = new QWidget(right);
    auto *yamlLayout = new QVBoxLayout(yamlBox);
    yamlLayout->setContentsMargins(0, 0, 0, 0);
    yamlLayout->setSpacing(0);
    m_yaml = new CodeEditor(CodeEditor::Mode::Yaml, yamlBox);
    m_yaml->setObjectName(QStringLiteral("specYaml"));
    yamlLayout->addWidget(m_yaml, 1);
    m_problems = new QListWidget(yamlBox);
    m_problems->setObjectName(QStringLiteral("specProblems"));
    m_problems->setMaximumHeight(90);
    m_problems->setToolTip(tr("Problems as `tutti` reports them; click one to go to its line"));
    yamlLayout->addWidget(m_problems);
    right->addWidget(yamlBox);
    if (kind == SpecKind::Mock) {
        auto *tryBox = new QGroupBox(tr("Try it — the mock answers in-process"), right);
        auto *tryLayout = new QVBoxLayout(tryBox);
        tryLayout->setContentsMargins(2, 2, 2, 2);
        m_try = new TryItPanel(
            [this] { return m_tools->openTrySession(m_doc->text(), m_doc->filePath()); }, tryBox);
        tryLayout->addWidget(m_try);
        right->addWidget(tryBox);
        right->setStretchFactor(0, 3);
        right->setStretchFactor(1, 2);
        connect(m_form, &SpecForm::pageShown, this, [this](int page) {
            if (page < 1)
                return;
            auto [method, path] = mockForm()->routeRequest(page - 1);
            path.replace(QStringLiteral("{"), QString()).replace(QStringLiteral("}"), QString());
            m_try->setRequest(method, path.isEmpty() ? QStringLiteral("/") : path);
        });
    }
    m_split->addWidget(m_form);
    m_split->addWidget(right);
    m_split->setStretchFactor(0, 3);
    m_split->setStretchFactor(1, 2);
    m_split->setSizes({620, 380}); // scaled to the tab: the form needs its previews side by side
    layout->addWidget(m_split, 1);

    m_commitTimer.setSingleShot(true);
    m_commitTimer.setInterval(400); // a pause in typing
    connect(&m_commitTimer, &QTimer::timeout, this, &MockEditor::commitYamlNow);
    connect(m_yaml, &CodeEditor::edited, this, [this] { m_commitTimer.start(); });
    connect(m_form, &SpecForm::editRequested, this,
            [this](const QString &pointer, const std::optional<Json> &value, const QString &what,
                   bool structural) {
                if (auto ok = applyEdit(pointer, value, what, structural); !ok)
                    emit statusMessage(QString::fromStdString(ok.error().message));
            });
    connect(m_problems, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        const int line = item->data(Qt::UserRole).toInt();
        if (line > 0)
            m_yaml->showLocation(line, item->data(Qt::UserRole + 1).toInt());
    });
    connect(m_doc, &engine::SpecDocument::textChanged, this, &MockEditor::onDocumentChanged);
    connect(m_doc, &engine::SpecDocument::modificationChanged, this,
            &MockEditor::modificationChanged);
}

MockEditor::~MockEditor() = default;

MockForm *MockEditor::mockForm() const
{
    return qobject_cast<MockForm *>(m_form);
}

ProfileForm *MockEditor::profileForm() const
{
    return qobject_cast<ProfileForm *>(m_form);
}

engine::Result<void> MockEditor::openFile(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (auto ok = m_doc->load(absolute.toStdString()); !ok)
        return ok;
    m_undo->clear();
    m_form->selectPage(m_form->pages()->count() > 1 ? 1 : 0);
    return {};
}

engine::Result<void> MockEditor::save()
{
    commitYamlNow();
    return m_doc->save();
}

engine::Result<void> MockEditor::saveAs(const QString &path)
{
    commitYamlNow();
    return m_doc->save(path.toStdString());
}

engine::Result<void> MockEditor::writeAutosave(const QString &path)
{
    commitYamlNow(); // the copy has what is on screen
    return m_doc->saveCopy(path.toStdString());
}

engine::Result<void> MockEditor::restoreFrom(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return engine::fail(engine::ErrorCode::Io,
                            "cannot open file: " + file.errorString().toStdString(),
                            {path.toStdString(), 0, 0});
    const QByteArray bytes = file.readAll();
    m_commitTimer.stop();
    m_doc->setText(std::string(bytes.constData(), static_cast<std::size_t>(bytes.size())));
    m_undo->clear();
    return {};
}

QString MockEditor::filePath() const
{
    return QString::fromStdString(m_doc->filePath());
}

QString MockEditor::displayName() const
{
    return QFileInfo(filePath()).fileName();
}

bool MockEditor::isModified() const
{
    return m_doc->isModified() || m_commitTimer.isActive();
}

void MockEditor::commitYamlNow()
{
    m_commitTimer.stop();
    const std::string text = m_yaml->text().toStdString();
    if (text == m_doc->text())
        return;
    m_yamlCommit = true;
    m_undo->push(new SpecTextCommand(m_doc, m_doc->text(), text, tr("Edit YAML"), {}));
    m_yamlCommit = false;
}

engine::Result<void> MockEditor::applyEdit(const QString &pointer, const std::optional<Json> &value,
                                           const QString &what, bool structural)
{
    commitYamlNow();
    const Json after = engine::SpecDocument::withValue(m_doc->json(), pointer.toStdString(), value);
    if (after == m_doc->json())
        return {};
    auto text = m_doc->textFor(after);
    if (!text)
        return std::unexpected(text.error());
    m_formEdit = !structural;
    m_undo->push(new SpecTextCommand(m_doc, m_doc->text(), std::move(*text), what,
                                     structural ? QString() : pointer));
    m_formEdit = false;
    return {};
}

void MockEditor::onDocumentChanged()
{
    if (!m_yamlCommit) {
        const QString text = QString::fromStdString(m_doc->text());
        if (text != m_yaml->text()) {
            int line = 0, index = 0;
            m_yaml->getCursorPosition(&line, &index);
            const int first = m_yaml->firstVisibleLine();
            m_yaml->setPlainText(text);
            m_yaml->setCursorPosition(std::min(line, std::max(0, m_yaml->lines() - 1)), index);
            m_yaml->setFirstVisibleLine(first);
        }
    }
    if (m_doc->parses()) {
        if (m_formEdit)
            m_form->keepJson(m_doc->json());
        else
            m_form->setJson(m_doc->json());
    }
    m_form->setEnabled(m_doc->parses());
    if (m_try)
        m_try->invalidate();
    showProblems();
}

void MockEditor::showProblems()
{
    m_problems->clear();
    for (const engine::Error &e : m_doc->problems()) {
        const auto &loc = e.location;
        auto *item = new QListWidgetItem(loc.line > 0 ? tr("Line %1, column %2: %3")
                                                            .arg(loc.line)
                                                            .arg(loc.column)
                                                            .arg(QString::fromStdString(e.message))
                                                      : QString::fromStdString(e.message),
                                         m_problems);
        item->setData(Qt::UserRole, loc.line);
        item->setData(Qt::UserRole + 1, loc.column);
        item->setForeground(QColor(0xb9, 0x1c, 0x1c));
    }
    if (m_doc->problems().empty()) {
        auto *ok = new QListWidgetItem(tr("✓ valid: `tutti` loads this file as it is"), m_problems);
        ok->setForeground(QColor(0x15, 0x80, 0x3d));
    }
    m_problems->setMaximumHeight(m_doc->problems().size() > 1 ? 110 : 50);
    if (const auto &error = m_doc->parseError()) {
        m_banner->setText(tr("The YAML does not parse (line %1, column %2: %3). The form shows the "
                             "last version that parsed; Save keeps the text as typed.")
                              .arg(error->location.line)
                              .arg(error->location.column)
                              .arg(QString::fromStdString(error->message)));
        m_banner->show();
    } else {
        m_banner->hide();
    }
}

} // namespace tutti::editor
