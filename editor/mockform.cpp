// The mock file form; see mockform.h.
#include <editor/mockform.h>

#include <editor/codeeditor.h>
#include <editor/faultseditor.h>
#include <editor/latencyeditor.h>
#include <editor/mocktoolservice.h>

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>

namespace tutti::editor {

using engine::Json;

namespace {

QString str(const Json *v)
{
    return v && v->is_string() ? QString::fromStdString(v->get<std::string>()) : QString();
}

QGroupBox *group(const QString &title, QVBoxLayout *page)
{
    auto *box = new QGroupBox(title);
    page->addWidget(box);
    return box;
}

QLabel *hint(const QString &text)
{
    auto *label = new QLabel(text);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: palette(mid);"));
    return label;
}

std::optional<Json> optional(const Json *v)
{
    return v ? std::optional<Json>(*v) : std::nullopt;
}

} // namespace

QString routeTitle(const Json &match)
{
    const QString method = str(member(match, "method")).toUpper();
    const QString path = str(member(match, "path"));
    return QStringLiteral("%1 %2").arg(method.isEmpty() ? MockForm::tr("any") : method,
                                       path.isEmpty() ? MockForm::tr("(any path)") : path);
}

MockForm::MockForm(MockToolService *tools, QWidget *parent)
    : SpecForm(tools, parent)
{
    addButton()->setText(tr("Add route"));
    removeButton()->setText(tr("Remove route"));
}

QStringList MockForm::pageTitles() const
{
    QStringList titles{tr("Service & defaults")};
    if (const Json *routes = member(m_json, "routes"); routes && routes->is_array())
        for (const Json &r : *routes) {
            const Json *match = member(r, "match");
            titles << routeTitle(match ? *match : Json::object());
        }
    return titles;
}

CompletionContext MockForm::completionFor(int route) const
{
    CompletionContext c;
    for (const std::string &p : m_tools->templatePaths())
        c.templatePaths << QString::fromStdString(p);
    if (const Json *state = member(m_json, "state"); state && state->is_object())
        for (auto it = state->begin(); it != state->end(); ++it)
            c.templatePaths << QStringLiteral("state.") + QString::fromStdString(it.key());
    const Json *routes = member(m_json, "routes");
    if (routes && routes->is_array() && route >= 0 && route < static_cast<int>(routes->size())) {
        const Json *match = member((*routes)[static_cast<std::size_t>(route)], "match");
        static const QRegularExpression param(QStringLiteral("\\{([^}/]+)\\}"));
        auto it = param.globalMatch(str(match ? member(*match, "path") : nullptr));
        while (it.hasNext())
            c.templatePaths << QStringLiteral("params.") + it.next().captured(1);
    }
    return c;
}

std::pair<QString, QString> MockForm::routeRequest(int route) const
{
    const Json *routes = member(m_json, "routes");
    if (!routes || !routes->is_array() || route < 0 || route >= static_cast<int>(routes->size()))
        return {};
    const Json *match = member((*routes)[static_cast<std::size_t>(route)], "match");
    const QString method = str(match ? member(*match, "method") : nullptr).toUpper();
    return {method.isEmpty() ? QStringLiteral("GET") : method,
            str(match ? member(*match, "path") : nullptr)};
}

void MockForm::buildPage(int index, QVBoxLayout *layout)
{
    m_latency = nullptr;
    m_faults = nullptr;
    if (index == 0)
        buildServicePage(layout);
    else
        buildRoutePage(index - 1, layout);
}

void MockForm::buildServicePage(QVBoxLayout *layout)
{
    auto *box = group(tr("Service"), layout);
    auto *form = new QFormLayout(box);
    form->addRow(tr("Name"), textField(QStringLiteral("/service"), member(m_json, "service"),
                                       tr("Rename service"), tr("payment")));
    form->addRow(tr("Description"),
                 textField(QStringLiteral("/description"), member(m_json, "description"),
                           tr("Edit description"), tr("what this mock stands in for")));
    form->addRow(tr("Initial state"),
                 jsonField(QStringLiteral("/state"), member(m_json, "state"), tr("Edit state")));
    form->addRow(hint(tr("Templates read it as <code>state</code>; routes change it with "
                         "<code>set_state</code>.")));

    auto *lat = new QGroupBox(tr("Default latency (routes without their own)"));
    layout->addWidget(lat);
    auto *latLayout = new QVBoxLayout(lat);
    m_latency = new LatencyEditor(m_tools, lat);
    m_latency->setValue(optional(member(m_json, "latency")));
    latLayout->addWidget(m_latency);
    connect(m_latency, &LatencyEditor::edited, this, [this](const std::optional<Json> &v) {
        edit(QStringLiteral("/latency"), v, tr("Edit default latency"));
    });

    auto *faults = new QGroupBox(tr("Default faults (routes without their own)"));
    layout->addWidget(faults);
    auto *faultsLayout = new QVBoxLayout(faults);
    m_faults = new FaultsEditor(m_tools, faults);
    m_faults->setValue(optional(member(m_json, "faults")));
    faultsLayout->addWidget(m_faults);
    connect(m_faults, &FaultsEditor::edited, this, [this](const std::optional<Json> &v) {
        edit(QStringLiteral("/faults"), v, tr("Edit default faults"));
    });
}

void MockForm::buildRoutePage(int route, QVBoxLayout *layout)
{
    const Json *routes = member(m_json, "routes");
    if (!routes || !routes->is_array() || route >= static_cast<int>(routes->size()))
        return;
    const Json &r = (*routes)[static_cast<std::size_t>(route)];
    const QString base = QStringLiteral("/routes/%1").arg(route);
    const Json *match = member(r, "match");
    const CompletionContext completion = completionFor(route);

    auto *matchBox = group(tr("Match"), layout);
    auto *mf = new QFormLayout(matchBox);
    auto *method = new QComboBox;
    method->setObjectName(base + QStringLiteral("/match/method"));
    method->setEditable(true);
    method->addItem(QString());
    for (const char *m : {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})
        method->addItem(QLatin1String(m));
    method->lineEdit()->setPlaceholderText(tr("any method"));
    method->setCurrentText(str(match ? member(*match, "method") : nullptr));
    connect(method, &QComboBox::activated, this, [this, method, base] {
        if (!isLive(method))
            return;
        const QString m = method->currentText().trimmed();
        edit(base + QStringLiteral("/match/method"),
             m.isEmpty() ? std::nullopt : std::optional<Json>(Json(m.toStdString())),
             tr("Edit route method"), true);
    });
    connect(method->lineEdit(), &QLineEdit::editingFinished, method,
            [method] { emit method->activated(method->currentIndex()); });
    mf->addRow(tr("Method"), method);
    // Structural: the page title shows the path.
    auto *path = textField(base + QStringLiteral("/match/path"),
                           match ? member(*match, "path") : nullptr, tr("Edit route path"),
                           tr("/charges/{id}  ({name} captures a segment as params.name)"), true);
    mf->addRow(tr("Path"), path);
    for (const auto &[key, label] :
         {std::pair{"query", tr("Query")}, std::pair{"headers", tr("Headers")},
          std::pair{"body", tr("Body")}})
        mf->addRow(label, jsonField(base + QStringLiteral("/match/") + QLatin1String(key),
                                    match ? member(*match, key) : nullptr,
                                    tr("Edit %1 matcher").arg(label.toLower())));
    mf->addRow(hint(tr("Values or operators: {\"gt\": 1000}, {\"regex\": \"^ab\"}, "
                       "{\"exists\": true}, {\"in\": [1, 2]}. Body matches are partial.")));

    auto *answer = group(tr("Answer"), layout);
    auto *af = new QFormLayout(answer);
    const bool sequence = member(r, "sequence") != nullptr;
    auto *mode = new QComboBox;
    mode->setObjectName(base + QStringLiteral("#answer"));
    mode->addItems({tr("one response (respond)"), tr("a sequence (n-th call, last repeats)")});
    mode->setCurrentIndex(sequence ? 1 : 0);
    connect(mode, &QComboBox::activated, this, [this, base, r, sequence](int i) {
        if ((i == 1) == sequence)
            return;
        Json route = r;
        if (i == 1) {
            const Json first = route.contains("respond") ? route["respond"] : Json::object();
            route.erase("respond");
            route["sequence"] = Json::array({first});
        } else {
            const Json first = route.contains("sequence") && route["sequence"].is_array() &&
                                       !route["sequence"].empty()
                                   ? route["sequence"][0]
                                   : Json::object();
            route.erase("sequence");
            route["respond"] = first;
        }
        edit(base, route, tr("Switch answer kind"), true);
    });
    af->addRow(tr("Answer with"), mode);
    if (!sequence) {
        const Json *respond = member(r, "respond");
        auto *status = new QSpinBox;
        status->setObjectName(base + QStringLiteral("/respond/status"));
        status->setRange(100, 599);
        status->setKeyboardTracking(false);
        const Json *s = respond ? member(*respond, "status") : nullptr;
        status->setValue(s && s->is_number_integer() ? s->get<int>() : 200);
        status->setToolTip(tr("Default 200"));
        connect(status, &QSpinBox::valueChanged, this, [this, base](int v) {
            edit(base + QStringLiteral("/respond/status"), Json(v), tr("Edit status"));
        });
        af->addRow(tr("Status"), status);
        af->addRow(tr("Headers"), jsonField(base + QStringLiteral("/respond/headers"),
                                            respond ? member(*respond, "headers") : nullptr,
                                            tr("Edit response headers"), &completion));
        af->addRow(tr("Body (JSON)"), jsonField(base + QStringLiteral("/respond/body"),
                                                respond ? member(*respond, "body") : nullptr,
                                                tr("Edit response body"), &completion, 12));
        auto *text = new CodeEditor(CodeEditor::Mode::Template);
        text->setObjectName(base + QStringLiteral("/respond/body_text"));
        text->setAutoHeight(1, 6);
        text->setCompletionContext(completion);
        text->setPlainText(str(respond ? member(*respond, "body_text") : nullptr));
        connect(text, &CodeEditor::editingFinished, this, [this, text, base] {
            if (!isLive(text) || text->hasError())
                return;
            const std::string t = text->text().toStdString();
            const std::string ptr = (base + QStringLiteral("/respond/body_text")).toStdString();
            const Json::json_pointer p(ptr);
            const bool had = m_json.contains(p);
            if ((t.empty() && !had) || (had && m_json.at(p) == Json(t)))
                return;
            edit(base + QStringLiteral("/respond/body_text"),
                 t.empty() ? std::nullopt : std::optional<Json>(Json(t)), tr("Edit body text"));
        });
        af->addRow(tr("or body text"), text);
        af->addRow(hint(tr("Templates: {{ request.body.amount }}, {{ params.id }}, "
                           "{{ state.charges }}, {{ uuid() }}, {{ now() }} — type a root and "
                           "a dot for completion.")));
    } else {
        af->addRow(tr("Responses"),
                   jsonField(base + QStringLiteral("/sequence"), member(r, "sequence"),
                             tr("Edit sequence"), &completion, 14));
        af->addRow(hint(tr("A list of {status, headers, body}: the n-th call that reaches this "
                           "route gets entry n, the last one repeats.")));
    }
    af->addRow(tr("set_state"),
               jsonField(base + QStringLiteral("/set_state"), member(r, "set_state"),
                         tr("Edit set_state"), &completion));

    auto *lat = new QGroupBox(tr("Latency"));
    layout->addWidget(lat);
    auto *latLayout = new QVBoxLayout(lat);
    m_latency = new LatencyEditor(m_tools, lat);
    m_latency->setValue(optional(member(r, "latency")), optional(member(m_json, "latency")),
                        member(m_json, "latency")
                            ? tr("the service's default applies")
                            : tr("no default either, so the route answers at once"));
    latLayout->addWidget(m_latency);
    connect(m_latency, &LatencyEditor::edited, this, [this, base](const std::optional<Json> &v) {
        edit(base + QStringLiteral("/latency"), v, tr("Edit route latency"));
    });

    auto *faults = new QGroupBox(tr("Faults"));
    layout->addWidget(faults);
    auto *faultsLayout = new QVBoxLayout(faults);
    m_faults = new FaultsEditor(m_tools, faults);
    m_faults->setValue(optional(member(r, "faults")), optional(member(m_json, "faults")),
                       tr("the service's default applies"));
    faultsLayout->addWidget(m_faults);
    connect(m_faults, &FaultsEditor::edited, this, [this, base](const std::optional<Json> &v) {
        edit(base + QStringLiteral("/faults"), v, tr("Edit route faults"));
    });
}

void MockForm::addRequested()
{
    const Json *routes = member(m_json, "routes");
    const std::size_t n = routes && routes->is_array() ? routes->size() : 0;
    const Json route = {{"match", {{"method", "GET"}, {"path", "/new"}}},
                        {"respond", {{"status", 200}, {"body", {{"ok", true}}}}}};
    if (!routes)
        edit(QStringLiteral("/routes"), Json::array({route}), tr("Add route"), true);
    else
        edit(QStringLiteral("/routes/%1").arg(n), route, tr("Add route"), true);
    selectPage(static_cast<int>(n) + 1);
}

void MockForm::removeRequested(int index)
{
    edit(QStringLiteral("/routes/%1").arg(index - 1), std::nullopt, tr("Remove route"), true);
}

} // namespace tutti::editor
