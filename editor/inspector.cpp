// The step inspector; see inspector.h.
#include <editor/inspector.h>

#include <editor/commands.h>
#include <editor/steppresentation.h>

#include <document/flowdocument.h>
#include <engine/core/jsonio.h>

#include <QCheckBox>
#include <QComboBox>
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
using Kind = Inspector::FieldKind;

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

bool canFail(const QString &type)
{
    return type == u"http" || type == u"script" || type == u"call" || type == u"map" ||
           type == u"parallel";
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

QString defaultsText(const Json &doc, const char *key)
{
    if (doc.contains("defaults") && doc["defaults"].is_object() && doc["defaults"].contains(key))
        return scalarText(doc["defaults"][key]);
    return {};
}

} // namespace

std::vector<Inspector::Field> Inspector::fieldsFor(const QString &type)
{
    std::vector<Field> f;
    auto add = [&](const char *pointer, const QString &label, Kind kind, const QString &section,
                   const QString &help = {}, QStringList options = {}) {
        f.push_back(Field{QString::fromLatin1(pointer), label, kind, section, help, options});
    };
    const QString general = tr("General");
    add("/description", tr("Description"), Kind::Text, general, tr("What this step is for"));

    const QString request = tr("Request");
    const QString behaviour = tr("Behaviour");
    const QString retry = tr("Retry");
    const QString errors = tr("Errors and undo");
    const QString flow = tr("Next step");
    const QString compensateHelp =
        tr("Request that undoes this step when the run fails later, e.g. "
           "{\"method\": \"DELETE\", \"path\": \"/items/{{ steps.ID.body.id }}\"}");
    const QString catchHelp =
        tr("Where to go on an error, e.g. [{\"on\": [\"http.409\"], \"next\": \"out_of_stock\"}]");

    if (type == u"http") {
        add("/service", tr("Service"), Kind::Service, request, tr("A service of this flow"));
        add("/request/method", tr("Method"), Kind::Choice, request, {},
            {QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
             QStringLiteral("PATCH"), QStringLiteral("DELETE"), QStringLiteral("HEAD"),
             QStringLiteral("OPTIONS")});
        add("/request/path", tr("Path"), Kind::Template, request,
            tr("Path on the service, e.g. /orders/{{ input.id }}"));
        add("/request/url", tr("Full URL"), Kind::Template, request,
            tr("Instead of service and path"));
        add("/request/query", tr("Query"), Kind::Json, request, tr("{\"name\": \"value\"}"));
        add("/request/headers", tr("Headers"), Kind::Json, request,
            tr("{\"Header-Name\": \"value\"}"));
        add("/request/body", tr("Body (JSON)"), Kind::Json, request,
            tr("JSON; strings may hold {{ expressions }}"));
        add("/request/form", tr("Form body"), Kind::Json, request,
            tr("Sent as application/x-www-form-urlencoded"));
        add("/timeout", tr("Timeout"), Kind::Duration, behaviour, tr("Per attempt, e.g. 5s"));
        add("/expect", tr("Success statuses"), Kind::List, behaviour,
            tr("e.g. 200, 201, 2xx, 200-299 (default 2xx)"));
        add("/output", tr("Output"), Kind::Json, behaviour,
            tr("Shape stored as the step's result (default status, headers, body)"));
        add("/auth", tr("Auth"), Kind::Json, behaviour,
            tr("{\"type\": \"bearer\", \"token\": \"{{ secret.NAME }}\"}"));
        add("/allow_dynamic_host", tr("Allow host from input"), Kind::Bool, behaviour);
    } else if (type == u"transform") {
        add("/set", tr("Set"), Kind::Json, behaviour,
            tr("{\"name\": \"{{ expression }}\"} — stored in vars and as the result"));
    } else if (type == u"script") {
        add("/code", tr("Code"), Kind::Script, behaviour,
            tr("JavaScript function body; return a JSON value"));
        add("/timeout", tr("Timeout"), Kind::Duration, behaviour, tr("Default 1s"));
    } else if (type == u"choice") {
        add("/cases", tr("Cases"), Kind::Json, behaviour,
            tr("[{\"when\": \"input.qty > 10\", \"next\": \"big_order\"}]"));
        add("/default", tr("Otherwise go to"), Kind::StepRef, behaviour);
    } else if (type == u"parallel") {
        add("/fail", tr("When a branch fails"), Kind::Choice, behaviour,
            tr("fast: cancel the other branches; all: let them finish"),
            {QStringLiteral("fast"), QStringLiteral("all")});
        add("/timeout", tr("Timeout"), Kind::Duration, behaviour);
    } else if (type == u"map") {
        add("/items", tr("Items"), Kind::Expression, behaviour,
            tr("Expression giving an array, e.g. input.images"));
        add("/as", tr("Item name"), Kind::Text, behaviour, tr("Default: item"));
        add("/concurrency", tr("Concurrency"), Kind::Integer, behaviour, tr("0 = unlimited"));
        add("/tolerate", tr("Tolerate failures"), Kind::Json, behaviour,
            tr("{\"count\": 2} or {\"percent\": 10}"));
        add("/timeout", tr("Timeout"), Kind::Duration, behaviour);
    } else if (type == u"wait") {
        add("/duration", tr("Duration"), Kind::Duration, behaviour, tr("e.g. 30s"));
        add("/until", tr("Until"), Kind::Expression, behaviour,
            tr("ISO-8601 time or epoch milliseconds"));
    } else if (type == u"call") {
        add("/flow", tr("Flow file"), Kind::Text, behaviour, tr("Path of the sub-flow"));
        add("/input", tr("Input"), Kind::Json, behaviour, tr("JSON input of the sub-flow"));
        add("/timeout", tr("Timeout"), Kind::Duration, behaviour);
    } else if (type == u"respond") {
        add("/status", tr("HTTP status"), Kind::Integer, behaviour, tr("Default 200"));
        add("/body", tr("Body"), Kind::Json, behaviour, tr("The run's output"));
    } else if (type == u"fail") {
        add("/error", tr("Error name"), Kind::Text, behaviour, tr("Default: failed"));
        add("/message", tr("Message"), Kind::Template, behaviour);
    }

    if (canFail(type)) {
        add("/retry/on", tr("Retry on"), Kind::List, retry,
            tr("Error names, e.g. timeout, connection, http.5xx"));
        add("/retry/retries", tr("Retries"), Kind::Integer, retry,
            tr("Retries after the first attempt"));
        add("/retry/interval", tr("Interval"), Kind::Duration, retry, tr("e.g. 200ms"));
        add("/retry/backoff", tr("Backoff"), Kind::Number, retry, tr("Multiplier, >= 1.0"));
        add("/retry/max_delay", tr("Max delay"), Kind::Duration, retry, tr("e.g. 2s"));
        add("/retry/jitter", tr("Jitter"), Kind::Choice, retry, {},
            {QStringLiteral("none"), QStringLiteral("full")});
        add("/retry/respect_retry_after", tr("Respect Retry-After"), Kind::Bool, retry);
        add("/catch", tr("Catch"), Kind::Json, errors, catchHelp);
    }
    if (type == u"http" || type == u"call")
        add("/compensate", tr("Compensate"), Kind::Json, errors, compensateHelp);
    if (type != u"choice" && type != u"respond" && type != u"fail") {
        add("/next", tr("Then go to"), Kind::StepRef, flow,
            tr("Default: the following step in the list"));
        add("/end", tr("End the run here"), Kind::Bool, flow);
    }
    return f;
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
    m_hint->setStyleSheet(QStringLiteral("color: palette(mid);"));
    layout->addWidget(m_hint, 1);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
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
        if (info.type == "transform")
            if (const Json *step = m_doc->step(info.id);
                step && step->contains("set") && (*step)["set"].is_object())
                for (const auto &[key, _] : (*step)["set"].items())
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
    const StepPresentation &look = StepPresentations::forType(m_stepType);
    m_title->setText(
        QStringLiteral("<span style='color:%1'>■</span> <b>%2</b> &nbsp;<span "
                       "style='color:gray'>%3</span>")
            .arg(look.color.name(), m_stepId.toHtmlEscaped(), look.label.toHtmlEscaped()));
    m_hint->hide();
    m_scroll->show();
    refreshCompletion();

    m_form = new QWidget;
    auto *outer = new QVBoxLayout(m_form);
    outer->setContentsMargins(6, 4, 6, 6);
    std::map<QString, QFormLayout *> sections;
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
        if (auto *line = qobject_cast<QLineEdit *>(editor)) {
            QString placeholder = field.help;
            if (field.pointer == u"/timeout" && m_stepType == u"http") {
                const QString d = defaultsText(doc, "timeout");
                if (!d.isEmpty())
                    placeholder = tr("Flow default: %1").arg(d);
            } else if (field.pointer.startsWith(u"/retry/") && doc.contains("defaults") &&
                       doc["defaults"].is_object() && doc["defaults"].contains("retry")) {
                const std::string key = s(field.pointer.mid(7));
                const Json &r = doc["defaults"]["retry"];
                if (r.is_object() && r.contains(key)) {
                    QString text = scalarText(r[key]);
                    if (r[key].is_array()) {
                        QStringList parts;
                        for (const auto &v : r[key])
                            parts << scalarText(v);
                        text = parts.join(QStringLiteral(", "));
                    }
                    placeholder = tr("Flow default: %1").arg(text);
                }
            }
            line->setPlaceholderText(placeholder);
        }
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
        if (!field.help.isEmpty()) {
            row->label->setToolTip(field.help);
            editor->setToolTip(field.help);
        }
        sectionLayout(field.section)->addRow(row->label, cell);
        m_rows.push_back(std::move(row));
    }
    if (m_stepType == u"parallel" || m_stepType == u"map") {
        auto *note = new QLabel(m_stepType == u"parallel"
                                    ? tr("Branches and their steps are edited on the canvas.")
                                    : tr("The body's steps are edited on the canvas."),
                                m_form);
        note->setWordWrap(true);
        note->setStyleSheet(QStringLiteral("color: gray;"));
        outer->addWidget(note);
    }
    outer->addStretch(1);
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
        combo->addItem(kDefault);
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
        combo->lineEdit()->setPlaceholderText(field.help);
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
    case Kind::List: {
        QString text = scalarText(v);
        if (v.is_array()) {
            QStringList parts;
            for (const auto &item : v)
                parts << scalarText(item);
            text = parts.join(QStringLiteral(", "));
        }
        static_cast<QLineEdit *>(row.editor)->setText(text);
        break;
    }
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
        static const QRegularExpression re(QStringLiteral("^\\d+(\\.\\d+)?(ms|s|m|h)$"));
        if (!re.match(t).hasMatch())
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
    row.error->setStyleSheet(!row.ownError.isEmpty() ? QStringLiteral("color: #b91c1c;")
                                                     : QStringLiteral("color: #b45309;"));
    row.error->setVisible(!text.isEmpty());
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
