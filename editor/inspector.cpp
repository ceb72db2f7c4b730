// The step inspector; see inspector.h.
#include <editor/inspector.h>

#include <editor/commands.h>
#include <editor/steppresentation.h>

#include <document/flowdocument.h>
#include <document/stepstructure.h>
#include <engine/core/duration.h>
#include <engine/core/jsonio.h>

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QUndoStack>
#include <QVBoxLayout>

#include <map>

namespace tutti::editor {

using engine::Json;
using Kind = Inspector::EditorKind;

namespace {

std::string s(const QString &text)
{
    return text.toStdString();
}
QString q(const std::string &text)
{
    return QString::fromStdString(text);
}

const QString kDefault = QStringLiteral("(default)");

// The groups of the form, in the order they show.
enum class Section { General, Request, Behaviour, Retry, Errors, Flow };

QString sectionTitle(Section section)
{
    switch (section) {
    case Section::General:
        return Inspector::tr("General");
    case Section::Request:
        return Inspector::tr("Request");
    case Section::Behaviour:
        break;
    case Section::Retry:
        return Inspector::tr("Retry");
    case Section::Errors:
        return Inspector::tr("Errors and undo");
    case Section::Flow:
        return Inspector::tr("Next step");
    }
    return Inspector::tr("Behaviour");
}

// How the inspector shows a key, by its path in the step ("request/method"): a label, the
// section, and whether a mapping shows as rows of its keys (else as one JSON value). What a key
// *is* comes from the descriptor; a key not listed here gets a label made from its name, in
// Behaviour (or its parent's section), so a new step type still gets a whole form.
struct FieldLook {
    const char *path;
    const char *label;
    Section section;
    bool rows = false;
};

const FieldLook kLooks[] = {
    {"description", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Description"), Section::General},
    {"service", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Service"), Section::Request},
    {"request", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Request"), Section::Request, true},
    {"request/method", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Method"), Section::Request},
    {"request/path", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Path"), Section::Request},
    {"request/url", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Full URL"), Section::Request},
    {"request/query", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Query"), Section::Request},
    {"request/headers", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Headers"), Section::Request},
    {"request/body", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Body (JSON)"),
     Section::Request},
    {"request/form", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Form body"), Section::Request},
    {"url", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "URL shorthand"), Section::Request},
    {"timeout", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Timeout"), Section::Behaviour},
    {"expect", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Success statuses"),
     Section::Behaviour},
    {"output", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Output"), Section::Behaviour},
    {"auth", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Auth"), Section::Behaviour},
    {"allow_dynamic_host", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Allow host from input"),
     Section::Behaviour},
    {"max_body", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Largest body"), Section::Behaviour},
    {"set", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Set"), Section::Behaviour},
    {"code", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Code"), Section::Behaviour},
    {"memory", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Memory"), Section::Behaviour},
    {"cases", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Cases"), Section::Behaviour},
    {"default", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Otherwise go to"),
     Section::Behaviour},
    {"fail", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "When a branch fails"),
     Section::Behaviour},
    {"items", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Items"), Section::Behaviour},
    {"as", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Item name"), Section::Behaviour},
    {"concurrency", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Concurrency"),
     Section::Behaviour},
    {"tolerate", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Tolerate failures"),
     Section::Behaviour},
    {"duration", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Duration"), Section::Behaviour},
    {"until", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Until"), Section::Behaviour},
    {"flow", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Flow file"), Section::Behaviour},
    {"input", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Input"), Section::Behaviour},
    {"status", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "HTTP status"), Section::Behaviour},
    {"body", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Body"), Section::Behaviour},
    {"error", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Error name"), Section::Behaviour},
    {"message", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Message"), Section::Behaviour},
    {"retry", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Retry"), Section::Retry, true},
    {"retry/on", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Retry on"), Section::Retry},
    {"retry/retries", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Retries"), Section::Retry},
    {"retry/interval", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Interval"), Section::Retry},
    {"retry/backoff", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Backoff"), Section::Retry},
    {"retry/max_delay", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Max delay"), Section::Retry},
    {"retry/jitter", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Jitter"), Section::Retry},
    {"retry/respect_retry_after",
     QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Respect Retry-After"), Section::Retry},
    {"catch", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Catch"), Section::Errors},
    {"compensate", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Compensate"), Section::Errors},
    {"next", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "Then go to"), Section::Flow},
    {"end", QT_TRANSLATE_NOOP("tutti::editor::Inspector", "End the run here"), Section::Flow},
};

const FieldLook *lookFor(const std::string &path)
{
    for (const FieldLook &look : kLooks)
        if (path == look.path)
            return &look;
    return nullptr;
}

// "max_body" -> "Max body": the label of a key the table does not list.
QString labelFromKey(const std::string &key)
{
    QString text = q(key).replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

// A descriptor's one-line markdown as plain text: "`{count: N}` or …" -> "{count: N} or …".
QString plain(const std::string &text)
{
    QString out = q(text).remove(QLatin1Char('`'));
    if (!out.isEmpty())
        out[0] = out[0].toUpper();
    return out;
}

// The editor a key's kind gets. Fields that hold steps have none: the canvas edits them.
Kind editorKind(engine::FieldKind kind)
{
    using K = engine::FieldKind;
    switch (kind) {
    case K::Text:
    case K::Name:
    case K::Size:
    case K::FlowFile:
        return Kind::Text;
    case K::Integer:
        return Kind::Integer;
    case K::Number:
        return Kind::Number;
    case K::Boolean:
        return Kind::Bool;
    case K::Duration:
        return Kind::Duration;
    case K::Choice:
        return Kind::Choice;
    case K::Template:
        return Kind::Template;
    case K::Expression:
        return Kind::Expression;
    case K::Code:
        return Kind::Script;
    case K::StepRef:
        return Kind::StepRef;
    case K::Service:
        return Kind::Service;
    case K::ErrorNames:
    case K::Statuses:
        return Kind::List;
    case K::JsonTemplate:
    case K::Object:
    case K::List:
    case K::Auth:
    case K::TemplateMap:
    case K::Steps:
        break;
    }
    return Kind::Json;
}

// "`defaults.timeout`" (the descriptor's default of http's timeout): the pointer of the flow's
// value the step falls back to; "" for any other default.
QString flowDefaultOf(const std::string &defaultValue)
{
    static const QRegularExpression re(QStringLiteral("^`defaults\\.([a-z_]+)`$"));
    const auto m = re.match(q(defaultValue));
    return m.hasMatch() ? QStringLiteral("/defaults/") + m.captured(1) : QString();
}

// The form rows of one descriptor field (several when a mapping shows as rows of its keys).
void addRows(std::vector<std::pair<Section, Inspector::Field>> &rows,
             const engine::FieldDescriptor &f, const std::string &parentPath, Section parentSection,
             const QString &parentFlowDefault)
{
    if (engine::nestsSteps(f))
        return;
    const std::string path = parentPath.empty() ? f.key : parentPath + "/" + f.key;
    const FieldLook *look = lookFor(path);
    const Section section = look ? look->section : parentSection;
    QString flowDefault = parentFlowDefault.isEmpty() ? flowDefaultOf(f.defaultValue)
                                                      : parentFlowDefault + "/" + q(f.key);
    if (look && look->rows && !f.fields.empty()) {
        for (const engine::FieldDescriptor &sub : f.fields)
            addRows(rows, sub, path, section, flowDefault);
        return;
    }
    Inspector::Field field;
    field.pointer = q("/" + path);
    field.label = look ? Inspector::tr(look->label) : labelFromKey(f.key);
    field.kind = editorKind(f.kind);
    field.section = sectionTitle(section);
    field.required = f.required;
    field.flowDefault = flowDefault;
    for (const auto &option : f.options)
        field.options << q(option);
    field.defaultValue = q(f.defaultValue).remove(QLatin1Char('`'));
    // The docs are the descriptors' English; translations/*.ts has them (fielddoccatalog.cpp).
    const std::string doc =
        QCoreApplication::translate("tutti::engine::FieldDoc", f.doc.c_str()).toStdString();
    field.help = plain(doc);
    if (!field.defaultValue.isEmpty())
        field.help += Inspector::tr(" (default %1)").arg(field.defaultValue);
    if (f.required)
        field.help = Inspector::tr("Required. %1").arg(field.help);
    field.placeholder = field.defaultValue.isEmpty()
                            ? plain(doc)
                            : Inspector::tr("Default: %1").arg(field.defaultValue);
    rows.emplace_back(section, std::move(field));
}

// Text shown for a JSON value in a one-line field.
QString scalarText(const Json &v)
{
    if (v.is_null())
        return {};
    if (v.is_string())
        return q(v.get<std::string>());
    return q(engine::dumpJson(v));
}

// A value in a one-line field: a list as "a, b", anything else as scalarText.
QString lineText(const Json &v)
{
    if (!v.is_array())
        return scalarText(v);
    QStringList parts;
    for (const auto &item : v)
        parts << scalarText(item);
    return parts.join(QStringLiteral(", "));
}

} // namespace

std::vector<Inspector::Field> Inspector::fieldsFor(const QString &type)
{
    std::vector<std::pair<Section, Field>> rows;
    // `description` is the one key every type takes besides id and type (StepDescriptor::keys).
    addRows(rows,
            {"description", engine::FieldKind::Text, false, "",
             Inspector::tr("what this step is for").toStdString()},
            {}, Section::General, {});
    for (const engine::FieldDescriptor &f : engine::fieldsOf(Json::object({{"type", s(type)}})))
        addRows(rows, f, {}, Section::Behaviour, {});
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    std::vector<Field> out;
    for (auto &[section, field] : rows)
        out.push_back(std::move(field));
    return out;
}

QStringList Inspector::canvasFields(const QString &type)
{
    QStringList out;
    for (const engine::FieldDescriptor &f : engine::fieldsOf(Json::object({{"type", s(type)}})))
        if (engine::nestsSteps(f))
            out << q(f.key);
    return out;
}

Inspector::Inspector(engine::FlowDocument *doc, QUndoStack *undoStack, QWidget *parent)
    : QWidget(parent)
    , m_doc(doc)
    , m_undo(undoStack)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_title = new QLabel(this);
    m_title->setContentsMargins(8, 6, 8, 6);
    m_title->setTextFormat(Qt::RichText);
    layout->addWidget(m_title);
    m_hint = new QLabel(tr("Select a step on the canvas to edit its fields here."), this);
    m_hint->setWordWrap(true);
    m_hint->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_hint->setContentsMargins(12, 12, 12, 12);
    m_hint->setForegroundRole(QPalette::PlaceholderText); // follows the theme (light or dark)
    layout->addWidget(m_hint, 1);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    // The form fits the column: fields shrink and labels wrap above them (updateWrap).
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(m_scroll, 1);

    connect(doc, &engine::FlowDocument::stepChanged, this, [this](const QString &id) {
        if (id == m_stepId && !m_committing) {
            const Json *step = m_doc->step(s(id));
            if (step && q(step->value("type", std::string())) != m_stepType)
                rebuild();
            else
                loadValues();
        }
    });
    connect(doc, &engine::FlowDocument::stepRemoved, this, [this](const QString &id) {
        if (id == m_stepId)
            setStep({});
    });
    connect(doc, &engine::FlowDocument::stepRenamed, this,
            [this](const QString &from, const QString &to) {
                if (from == m_stepId) {
                    m_stepId = to;
                    updateTitle();
                    loadValues();
                }
                refreshCompletion();
            });
    connect(doc, &engine::FlowDocument::stepAdded, this, [this] { refreshCompletion(); });
    connect(doc, &engine::FlowDocument::documentReset, this, [this] {
        if (!m_doc->hasStep(s(m_stepId)))
            setStep({});
        else
            rebuild();
    });
    connect(doc, &engine::FlowDocument::problemsChanged, this, &Inspector::applyProblems);
    setStep({});
}

Inspector::~Inspector() = default;

void Inspector::setStep(const QString &id)
{
    if (!m_stepId.isEmpty() && id != m_stepId)
        commitPending();
    m_stepId = m_doc->hasStep(s(id)) ? id : QString();
    rebuild();
}

void Inspector::refreshCompletion()
{
    CompletionContext c;
    const Json &doc = m_doc->document();
    if (doc.contains("input") && doc["input"].is_object() && doc["input"].contains("properties") &&
        doc["input"]["properties"].is_object())
        for (const auto &[key, _] : doc["input"]["properties"].items())
            c.inputFields << q(key);
    for (const engine::StepInfo &info : m_doc->steps()) {
        c.stepIds << q(info.id);
        // The names a transform sets are the vars later steps read (SPEC §3 transform).
        const Json *step = m_doc->step(info.id);
        const engine::StepDescriptor *d = step ? engine::descriptorOf(*step) : nullptr;
        if (d && d->type == engine::StepType::Transform)
            for (const engine::FieldDescriptor &f : d->fields)
                if (f.kind == engine::FieldKind::TemplateMap && step->contains(f.key) &&
                    step->at(f.key).is_object())
                    for (const auto &[key, _] : step->at(f.key).items())
                        c.varNames << q(key);
    }
    m_completion = c;
    for (auto &row : m_rows)
        if (auto *code = qobject_cast<CodeEditor *>(row->editor))
            code->setCompletionContext(m_completion);
}

void Inspector::rebuild()
{
    m_rows.clear();
    m_idEdit = nullptr;
    m_sections.clear();
    delete m_scroll->takeWidget();
    m_form = nullptr;
    const Json *step = m_stepId.isEmpty() ? nullptr : m_doc->step(s(m_stepId));
    if (!step) {
        m_stepType.clear();
        m_title->setText(QStringLiteral("<b>%1</b>").arg(tr("Inspector")));
        m_hint->show();
        m_scroll->hide();
        return;
    }
    m_stepType = q(step->value("type", std::string()));
    updateTitle();
    m_hint->hide();
    m_scroll->show();
    refreshCompletion();

    m_form = new QWidget;
    auto *outer = new QVBoxLayout(m_form);
    outer->setContentsMargins(6, 4, 6, 6);
    std::map<QString, QFormLayout *> sections;
    m_sections.clear();
    auto sectionLayout = [&](const QString &name) {
        if (auto it = sections.find(name); it != sections.end())
            return it->second;
        auto *box = new QGroupBox(name, m_form);
        auto *form = new QFormLayout(box);
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
        form->setRowWrapPolicy(QFormLayout::WrapLongRows);
        outer->addWidget(box);
        sections[name] = form;
        m_sections << form;
        return form;
    };

    QFormLayout *general = sectionLayout(tr("General"));
    m_idEdit = new QLineEdit(m_form);
    m_idEdit->setToolTip(tr("Unique step id; references to it are renamed too"));
    connect(m_idEdit, &QLineEdit::editingFinished, this, &Inspector::commitId);
    general->addRow(tr("Id"), m_idEdit);

    const Json &doc = m_doc->document();
    for (const Field &field : fieldsFor(m_stepType)) {
        auto row = std::make_unique<Row>();
        row->field = field;
        QWidget *editor = createEditor(*row);
        row->editor = editor;
        // Defaults the flow sets elsewhere are the most useful placeholder.
        // A key of a mapping the step writes itself (`retry: {…}`) falls back to its built-in
        // default, not to the flow's: the step's mapping replaces `defaults.retry` wholesale.
        QString placeholder = field.placeholder;
        const Json::json_pointer parent = Json::json_pointer(s(field.pointer)).parent_pointer();
        if (!field.flowDefault.isEmpty() && (parent.empty() || !step->contains(parent))) {
            const Json::json_pointer ptr(s(field.flowDefault));
            if (doc.contains(ptr))
                placeholder = tr("Flow default: %1").arg(lineText(doc.at(ptr)));
        }
        if (auto *line = qobject_cast<QLineEdit *>(editor))
            line->setPlaceholderText(placeholder);
        else if (auto *combo = qobject_cast<QComboBox *>(editor); combo && combo->isEditable())
            combo->lineEdit()->setPlaceholderText(placeholder);
        auto *cell = new QWidget(m_form);
        auto *v = new QVBoxLayout(cell);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(2);
        v->addWidget(editor);
        row->error = new QLabel(cell);
        row->error->setWordWrap(true);
        row->error->setTextInteractionFlags(Qt::TextSelectableByMouse);
        row->error->hide();
        v->addWidget(row->error);
        row->label = new QLabel(field.label, m_form);
        if (field.required) {
            QFont bold = row->label->font();
            bold.setBold(true);
            row->label->setFont(bold);
        }
        if (!field.help.isEmpty()) {
            row->label->setToolTip(field.help);
            editor->setToolTip(field.help);
        }
        sectionLayout(field.section)->addRow(row->label, cell);
        m_rows.push_back(std::move(row));
    }
    for (const engine::FieldDescriptor &f : engine::fieldsOf(*step)) {
        if (!engine::nestsSteps(f))
            continue;
        auto *note = new QLabel(f.edge == engine::EdgeKind::Branch
                                    ? tr("Branches and their steps are edited on the canvas.")
                                    : tr("The body's steps are edited on the canvas."),
                                m_form);
        note->setObjectName(QStringLiteral("canvasNote_") + q(f.key));
        note->setWordWrap(true);
        note->setForegroundRole(QPalette::PlaceholderText);
        outer->addWidget(note);
    }
    outer->addStretch(1);
    updateWrap();
    m_scroll->setWidget(m_form);
    loadValues();
    applyProblems();
}

QWidget *Inspector::createEditor(Row &row)
{
    Row *r = &row;
    const Field &field = row.field;
    switch (field.kind) {
    case Kind::Template:
    case Kind::Expression:
    case Kind::Json:
    case Kind::Script: {
        const auto mode = field.kind == Kind::Template     ? CodeEditor::Mode::Template
                          : field.kind == Kind::Expression ? CodeEditor::Mode::Expression
                          : field.kind == Kind::Json       ? CodeEditor::Mode::Json
                                                           : CodeEditor::Mode::Script;
        auto *code = new CodeEditor(mode, m_form);
        code->setCompletionContext(m_completion);
        if (field.kind == Kind::Template || field.kind == Kind::Expression) {
            code->setSingleLine(true);
        } else {
            if (field.kind == Kind::Script)
                code->setAutoHeight(6, 18);
            else
                code->setAutoHeight(1, 10);
        }
        connect(code, &CodeEditor::edited, this, [r] { r->dirty = true; });
        connect(code, &CodeEditor::errorChanged, this, [this, r](const QString &message) {
            r->ownError = message;
            showRowError(*r);
        });
        connect(code, &CodeEditor::editingFinished, this, [this, r] { commitRow(*r); });
        return code;
    }
    case Kind::Bool: {
        auto *box = new QCheckBox(m_form);
        connect(box, &QCheckBox::clicked, this, [this, r] {
            r->dirty = true;
            commitRow(*r);
        });
        return box;
    }
    case Kind::Choice: {
        auto *combo = new QComboBox(m_form);
        combo->addItem(field.defaultValue.isEmpty() ? kDefault
                                                    : tr("(default: %1)").arg(field.defaultValue));
        combo->addItems(field.options);
        connect(combo, &QComboBox::activated, this, [this, r] {
            r->dirty = true;
            commitRow(*r);
        });
        return combo;
    }
    case Kind::StepRef:
    case Kind::Service: {
        auto *combo = new QComboBox(m_form);
        combo->setEditable(true);
        combo->setInsertPolicy(QComboBox::NoInsert);
        combo->addItem(QString());
        if (field.kind == Kind::Service) {
            const Json &doc = m_doc->document();
            if (doc.contains("services") && doc["services"].is_object())
                for (const auto &[name, _] : doc["services"].items())
                    combo->addItem(q(name));
        } else {
            for (const engine::StepInfo &info : m_doc->steps())
                if (q(info.id) != m_stepId)
                    combo->addItem(q(info.id));
        }
        connect(combo->lineEdit(), &QLineEdit::textEdited, this, [r] { r->dirty = true; });
        connect(combo->lineEdit(), &QLineEdit::editingFinished, this, [this, r] { commitRow(*r); });
        connect(combo, &QComboBox::activated, this, [this, r] {
            r->dirty = true;
            commitRow(*r);
        });
        return combo;
    }
    default: {
        // No QValidator: it would swallow editingFinished for an empty field, which is how a
        // value is removed. rowValue() checks the text and the row shows what is wrong.
        auto *line = new QLineEdit(m_form);
        connect(line, &QLineEdit::textEdited, this, [this, r] {
            r->dirty = true;
            QString error;
            (void)rowValue(*r, error);
            r->ownError = error;
            showRowError(*r);
        });
        connect(line, &QLineEdit::editingFinished, this, [this, r] { commitRow(*r); });
        return line;
    }
    }
}

const Json *Inspector::valueAt(const QString &pointer) const
{
    const Json *step = m_doc->step(s(m_stepId));
    if (!step)
        return nullptr;
    const Json::json_pointer ptr(s(pointer));
    return step->contains(ptr) ? &step->at(ptr) : nullptr;
}

void Inspector::loadValues()
{
    const Json *step = m_doc->step(s(m_stepId));
    if (!step || !m_form)
        return;
    m_loading = true;
    if (m_idEdit && !m_idEdit->hasFocus())
        m_idEdit->setText(m_stepId);
    for (auto &row : m_rows)
        if (!row->editor->hasFocus() || !row->dirty)
            loadRow(*row, valueAt(row->field.pointer));
    m_loading = false;
}

void Inspector::loadRow(Row &row, const Json *value)
{
    row.dirty = false;
    row.ownError.clear();
    const Json v = value ? *value : Json();
    switch (row.field.kind) {
    case Kind::Template:
    case Kind::Expression:
    case Kind::Script:
        static_cast<CodeEditor *>(row.editor)->setPlainText(scalarText(v));
        break;
    case Kind::Json:
        static_cast<CodeEditor *>(row.editor)
            ->setPlainText(v.is_null() ? QString() : q(engine::dumpJson(v, 2)));
        break;
    case Kind::Bool:
        static_cast<QCheckBox *>(row.editor)->setChecked(v.is_boolean() && v.get<bool>());
        break;
    case Kind::Choice: {
        auto *combo = static_cast<QComboBox *>(row.editor);
        const QString text = scalarText(v);
        int index = text.isEmpty() ? 0 : combo->findText(text, Qt::MatchFixedString);
        if (index < 0) {
            combo->addItem(text);
            index = combo->count() - 1;
        }
        combo->setCurrentIndex(index);
        break;
    }
    case Kind::StepRef:
    case Kind::Service:
        static_cast<QComboBox *>(row.editor)->setEditText(scalarText(v));
        break;
    case Kind::List:
        static_cast<QLineEdit *>(row.editor)->setText(lineText(v));
        break;
    default:
        static_cast<QLineEdit *>(row.editor)->setText(scalarText(v));
        break;
    }
    showRowError(row);
}

std::optional<Json> Inspector::rowValue(Row &row, QString &error) const
{
    error.clear();
    auto text = [&]() -> QString {
        if (auto *line = qobject_cast<QLineEdit *>(row.editor))
            return line->text().trimmed();
        if (auto *combo = qobject_cast<QComboBox *>(row.editor))
            return combo->currentText().trimmed();
        return {};
    };
    switch (row.field.kind) {
    case Kind::Template:
    case Kind::Expression:
    case Kind::Script: {
        auto *code = static_cast<CodeEditor *>(row.editor);
        code->validateNow();
        error = code->errorMessage();
        const QString t = code->text();
        if (t.trimmed().isEmpty())
            return std::nullopt;
        return Json(s(t));
    }
    case Kind::Json: {
        auto *code = static_cast<CodeEditor *>(row.editor);
        code->validateNow();
        error = code->errorMessage();
        if (code->text().trimmed().isEmpty())
            return std::nullopt;
        return code->jsonValue();
    }
    case Kind::Bool:
        if (static_cast<QCheckBox *>(row.editor)->isChecked())
            return Json(true);
        return std::nullopt;
    case Kind::Choice: {
        auto *combo = static_cast<QComboBox *>(row.editor);
        if (combo->currentIndex() <= 0)
            return std::nullopt;
        return Json(s(combo->currentText()));
    }
    case Kind::Integer: {
        const QString t = text();
        if (t.isEmpty())
            return std::nullopt;
        bool ok = false;
        const qlonglong n = t.toLongLong(&ok);
        if (!ok)
            error = tr("Expected a whole number");
        return ok ? Json(n) : Json(s(t));
    }
    case Kind::Number: {
        const QString t = text();
        if (t.isEmpty())
            return std::nullopt;
        bool ok = false;
        const double n = t.toDouble(&ok);
        if (!ok)
            error = tr("Expected a number, like 2.0");
        return ok ? Json(n) : Json(s(t));
    }
    case Kind::Duration: {
        const QString t = text();
        if (t.isEmpty())
            return std::nullopt;
        // The parser's own rule (a bare number is milliseconds).
        if (!engine::parseDuration(s(t)))
            error = tr("Expected a duration like 250ms, 5s, 2m or 1h");
        return Json(s(t));
    }
    case Kind::List: {
        const QString t = text();
        if (t.isEmpty())
            return std::nullopt;
        Json list = Json::array();
        for (QString part : t.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            part = part.trimmed();
            bool ok = false;
            const int n = part.toInt(&ok);
            list.push_back(ok ? Json(n) : Json(s(part)));
        }
        return list;
    }
    default: {
        const QString t = text();
        if (t.isEmpty())
            return std::nullopt;
        return Json(s(t));
    }
    }
}

void Inspector::commitRow(Row &row)
{
    if (m_loading || !row.dirty || m_stepId.isEmpty())
        return;
    QString error;
    std::optional<Json> value = rowValue(row, error);
    row.ownError = error;
    showRowError(row);
    if (!error.isEmpty())
        return; // never write text that does not parse; the row keeps showing why
    const Json *current = valueAt(row.field.pointer);
    if ((!value && !current) || (value && current && *value == *current)) {
        row.dirty = false;
        return;
    }
    const std::string id = s(m_stepId);
    const std::string pointer = s(row.field.pointer);
    m_committing = true;
    auto result =
        pushStepEdit(m_undo, m_doc, id, tr("Edit %1 of %2").arg(row.field.label, m_stepId),
                     [&]() -> engine::Result<void> {
                         if (auto ok = m_doc->setStepField(id, pointer, value); !ok)
                             return ok;
                         // Removing the last retry field removes the empty `retry:`.
                         const Json::json_pointer ptr(pointer);
                         const Json::json_pointer parent = ptr.parent_pointer();
                         const Json *step = m_doc->step(id);
                         if (!value && !parent.empty() && step && step->contains(parent) &&
                             step->at(parent).is_object() && step->at(parent).empty())
                             return m_doc->setStepField(id, parent.to_string(), std::nullopt);
                         return {};
                     });
    m_committing = false;
    row.dirty = false;
    if (!result) {
        row.ownError = q(result.error().message);
        showRowError(row);
        emit editRefused(row.ownError);
    }
}

void Inspector::commitId()
{
    if (!m_idEdit || m_loading || m_stepId.isEmpty())
        return;
    const QString newId = m_idEdit->text().trimmed();
    if (newId.isEmpty() || newId == m_stepId) {
        m_idEdit->setText(m_stepId);
        return;
    }
    // Try it first so a refused name (taken, malformed) never reaches the undo stack. The
    // rename signals move m_stepId along, so keep the old id apart.
    const std::string oldId = s(m_stepId);
    if (auto ok = m_doc->renameStep(oldId, s(newId)); !ok) {
        emit editRefused(q(ok.error().message));
        m_idEdit->setText(m_stepId);
        return;
    }
    (void)m_doc->renameStep(s(newId), oldId);
    m_undo->push(new RenameStepCommand(m_doc, oldId, s(newId)));
}

void Inspector::commitPending()
{
    if (m_idEdit && m_idEdit->isModified() && m_idEdit->text().trimmed() != m_stepId)
        commitId();
    for (auto &row : m_rows)
        if (row->dirty)
            commitRow(*row);
}

void Inspector::showRowError(Row &row)
{
    if (!row.error)
        return;
    const QString text = !row.ownError.isEmpty() ? row.ownError : row.problem;
    row.error->setText(text);
    // Red for the field's own error, amber for a problem; lighter shades on a dark palette.
    const bool dark = palette().color(QPalette::Window).lightnessF() < 0.5;
    const QColor color = !row.ownError.isEmpty()
                             ? (dark ? QColor(0xf8, 0x71, 0x71) : QColor(0xb9, 0x1c, 0x1c))
                             : (dark ? QColor(0xfb, 0xbf, 0x24) : QColor(0xb4, 0x53, 0x09));
    QPalette p = row.error->palette();
    p.setColor(QPalette::WindowText, color);
    row.error->setPalette(p);
    row.error->setVisible(!text.isEmpty());
}

bool Inspector::labelsAbove() const
{
    return !m_sections.isEmpty() && m_sections.front()->rowWrapPolicy() == QFormLayout::WrapAllRows;
}

void Inspector::updateWrap()
{
    // In the default left column a label beside its field leaves the field ~120 px: put labels
    // above fields there, beside them (wrapping only rows that do not fit) when wider.
    const bool narrow = width() < kNarrowWidth;
    for (QFormLayout *form : std::as_const(m_sections)) {
        form->setRowWrapPolicy(narrow ? QFormLayout::WrapAllRows : QFormLayout::WrapLongRows);
        form->setLabelAlignment(narrow ? Qt::AlignLeft | Qt::AlignBottom
                                       : Qt::AlignRight | Qt::AlignTop);
    }
}

void Inspector::updateTitle()
{
    if (m_stepId.isEmpty())
        return;
    const StepPresentation &look = StepPresentations::forType(m_stepType);
    m_title->setText(QStringLiteral("<span style='color:%1'>■</span> <b>%2</b> &nbsp;<span "
                                    "style='color:%3'>%4</span>")
                         .arg(look.color.name(), m_stepId.toHtmlEscaped(),
                              palette().color(QPalette::PlaceholderText).name(),
                              look.label.toHtmlEscaped()));
}

void Inspector::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateWrap();
}

void Inspector::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        updateTitle();
        for (auto &row : m_rows)
            showRowError(*row);
    }
}

Inspector::Row *Inspector::rowFor(const QString &pointer)
{
    Row *best = nullptr;
    for (auto &row : m_rows) {
        const QString &p = row->field.pointer;
        const bool holds = pointer == p || pointer.startsWith(p + QLatin1Char('/'));
        if (holds && (!best || p.size() > best->field.pointer.size()))
            best = row.get();
    }
    return best;
}

void Inspector::applyProblems()
{
    for (auto &row : m_rows)
        row->problem.clear();
    const engine::StepInfo *info = m_doc->stepInfo(s(m_stepId));
    if (info) {
        for (const engine::Error &e : m_doc->problems()) {
            if (e.path.rfind(info->pointer, 0) != 0)
                continue;
            const QString rest = q(e.path.substr(info->pointer.size()));
            if (!rest.isEmpty() && !rest.startsWith(QLatin1Char('/')))
                continue; // "/steps/10" is not inside "/steps/1"
            if (Row *row = rowFor(rest); row && row->problem.isEmpty())
                row->problem = q(e.message);
        }
    }
    for (auto &row : m_rows)
        showRowError(*row);
}

QStringList Inspector::fieldPointers() const
{
    QStringList out;
    for (const auto &row : m_rows)
        out << row->field.pointer;
    return out;
}

bool Inspector::focusField(const QString &pointer)
{
    if (pointer == u"/id" && m_idEdit) {
        m_idEdit->setFocus(Qt::OtherFocusReason);
        return true;
    }
    Row *row = rowFor(pointer);
    if (!row)
        return false;
    m_scroll->ensureWidgetVisible(row->editor, 20, 40);
    row->editor->setFocus(Qt::OtherFocusReason);
    return true;
}

QWidget *Inspector::fieldEditor(const QString &pointer) const
{
    if (pointer == u"/id")
        return m_idEdit;
    for (const auto &row : m_rows)
        if (row->field.pointer == pointer)
            return row->editor;
    return nullptr;
}

QString Inspector::fieldError(const QString &pointer) const
{
    for (const auto &row : m_rows)
        if (row->field.pointer == pointer)
            return !row->ownError.isEmpty() ? row->ownError : row->problem;
    return {};
}

} // namespace tutti::editor
