// The profile form; see profileform.h.
#include <editor/profileform.h>

#include <editor/faultseditor.h>
#include <editor/latencyeditor.h>
#include <editor/mockform.h>

#include <engine/core/jsonnames.h>

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace tutti::editor {

using engine::Json;

namespace {

QString servicePointer(const std::string &service)
{
    return QStringLiteral("/services/") + QString::fromStdString(engine::pointerToken(service));
}

std::optional<Json> optional(const Json *v)
{
    return v ? std::optional<Json>(*v) : std::nullopt;
}

} // namespace

ProfileForm::ProfileForm(MockToolService *tools, QWidget *parent)
    : SpecForm(tools, parent)
{
    addButton()->setText(tr("Add route overlay"));
    addButton()->setToolTip(tr("An overlay for one route of the selected service"));
    removeButton()->setText(tr("Remove"));
}

std::vector<ProfileForm::Page> ProfileForm::pageList() const
{
    std::vector<Page> pages{{}};
    const Json *services = member(m_json, "services");
    if (!services || !services->is_object())
        return pages;
    for (auto it = services->begin(); it != services->end(); ++it) {
        pages.push_back({it.key(), -1});
        if (const Json *routes = member(it.value(), "routes"); routes && routes->is_array())
            for (std::size_t j = 0; j < routes->size(); ++j)
                pages.push_back({it.key(), static_cast<int>(j)});
    }
    return pages;
}

QStringList ProfileForm::pageTitles() const
{
    QStringList titles;
    const Json *services = member(m_json, "services");
    for (const Page &p : pageList()) {
        if (p.service.empty()) {
            titles << tr("Profile");
        } else if (p.route < 0) {
            titles << QString::fromStdString(p.service);
        } else {
            const Json &r = (*services)[p.service]["routes"][static_cast<std::size_t>(p.route)];
            const Json *match = member(r, "match");
            titles << QStringLiteral("    › ") + routeTitle(match ? *match : Json::object());
        }
    }
    return titles;
}

void ProfileForm::buildPage(int index, QVBoxLayout *layout)
{
    m_latency = nullptr;
    m_faults = nullptr;
    m_newService = nullptr;
    const std::vector<Page> pages = pageList();
    if (index < 0 || index >= static_cast<int>(pages.size()))
        return;
    const Page &page = pages[static_cast<std::size_t>(index)];
    if (page.service.empty()) {
        auto *box = new QGroupBox(tr("Profile"));
        layout->addWidget(box);
        auto *form = new QFormLayout(box);
        form->addRow(tr("Description"),
                     textField(QStringLiteral("/description"), member(m_json, "description"),
                               tr("Edit description"), tr("what this profile simulates")));
        auto *row = new QHBoxLayout;
        m_newService = new QLineEdit;
        m_newService->setObjectName(QStringLiteral("newService"));
        m_newService->setPlaceholderText(tr("service name, as in its mock"));
        auto *add = new QPushButton(tr("Add service"));
        row->addWidget(m_newService, 1);
        row->addWidget(add);
        form->addRow(tr("Overlay a service"), row);
        connect(add, &QPushButton::clicked, this, [this] { addService(m_newService->text()); });
        connect(m_newService, &QLineEdit::returnPressed, this,
                [this] { addService(m_newService->text()); });
        auto *note = new QLabel(
            tr("A service's latency and faults replace those of each of its routes; a route "
               "overlay then replaces them for the routes it names. Several profiles apply in "
               "order: later ones win."));
        note->setWordWrap(true);
        note->setStyleSheet(QStringLiteral("color: palette(mid);"));
        form->addRow(note);
        return;
    }
    const QString base = servicePointer(page.service);
    const Json &service = m_json["services"][page.service];
    if (page.route < 0) {
        buildOverlay(base, service, layout, tr("each route keeps the mock's own"));
        return;
    }
    const QString routeBase = base + QStringLiteral("/routes/%1").arg(page.route);
    const Json &r = service["routes"][static_cast<std::size_t>(page.route)];
    const Json *match = member(r, "match");
    auto *box = new QGroupBox(tr("Route of %1").arg(QString::fromStdString(page.service)));
    layout->addWidget(box);
    auto *form = new QFormLayout(box);
    auto *method = new QComboBox;
    method->setObjectName(routeBase + QStringLiteral("/match/method"));
    method->setEditable(true);
    method->addItem(QString());
    for (const char *m : {"GET", "POST", "PUT", "PATCH", "DELETE"})
        method->addItem(QLatin1String(m));
    method->lineEdit()->setPlaceholderText(tr("every method"));
    const Json *m = match ? member(*match, "method") : nullptr;
    method->setCurrentText(m && m->is_string() ? QString::fromStdString(m->get<std::string>())
                                               : QString());
    connect(method, &QComboBox::activated, this, [this, method, routeBase] {
        if (!isLive(method))
            return;
        const QString text = method->currentText().trimmed();
        edit(routeBase + QStringLiteral("/match/method"),
             text.isEmpty() ? std::nullopt : std::optional<Json>(Json(text.toStdString())),
             tr("Edit overlay method"), true);
    });
    form->addRow(tr("Method"), method);
    form->addRow(tr("Path"),
                 textField(routeBase + QStringLiteral("/match/path"),
                           match ? member(*match, "path") : nullptr, tr("Edit overlay path"),
                           tr("exactly as in the mock: /charges/{id}"), true));
    const bool serviceLatency = member(service, "latency") != nullptr;
    buildOverlay(routeBase, r, layout,
                 serviceLatency ? tr("the service overlay applies")
                                : tr("the service overlay or the mock's own applies"));
    // What the service level says is what the route would otherwise get.
    if (m_latency)
        m_latency->setValue(optional(member(r, "latency")), optional(member(service, "latency")),
                            serviceLatency ? tr("the service overlay applies")
                                           : tr("the mock's own applies"));
    if (m_faults)
        m_faults->setValue(optional(member(r, "faults")), optional(member(service, "faults")),
                           member(service, "faults") ? tr("the service overlay applies")
                                                     : tr("the mock's own applies"));
}

void ProfileForm::buildOverlay(const QString &base, const Json &node, QVBoxLayout *layout,
                               const QString &inheritedFrom)
{
    auto *lat = new QGroupBox(tr("Latency"));
    layout->addWidget(lat);
    auto *latLayout = new QVBoxLayout(lat);
    m_latency = new LatencyEditor(m_tools, lat);
    m_latency->setValue(optional(member(node, "latency")), std::nullopt, inheritedFrom);
    latLayout->addWidget(m_latency);
    connect(m_latency, &LatencyEditor::edited, this, [this, base](const std::optional<Json> &v) {
        edit(base + QStringLiteral("/latency"), v, tr("Edit overlay latency"));
    });
    auto *faults = new QGroupBox(tr("Faults (an empty list removes the mock's)"));
    layout->addWidget(faults);
    auto *faultsLayout = new QVBoxLayout(faults);
    m_faults = new FaultsEditor(m_tools, faults);
    m_faults->setValue(optional(member(node, "faults")), std::nullopt, inheritedFrom);
    faultsLayout->addWidget(m_faults);
    connect(m_faults, &FaultsEditor::edited, this, [this, base](const std::optional<Json> &v) {
        edit(base + QStringLiteral("/faults"), v, tr("Edit overlay faults"));
    });
}

void ProfileForm::addService(const QString &name)
{
    const std::string service = name.trimmed().toStdString();
    if (service.empty())
        return;
    const Json *services = member(m_json, "services");
    if (services && services->is_object() && services->contains(service))
        return;
    edit(servicePointer(service),
         Json{{"faults", Json::array({Json{{"rate", 0.1}, {"kind", "status"}, {"status", 503}}})}},
         tr("Add service overlay"), true);
    const std::vector<Page> pages = pageList();
    for (std::size_t i = 0; i < pages.size(); ++i)
        if (pages[i].service == service && pages[i].route < 0)
            selectPage(static_cast<int>(i));
}

void ProfileForm::addRequested()
{
    const std::vector<Page> pages = pageList();
    const int current = currentPage();
    if (current <= 0 || current >= static_cast<int>(pages.size()))
        return; // a service first
    const std::string service = pages[static_cast<std::size_t>(current)].service;
    const Json &node = m_json["services"][service];
    const Json *routes = member(node, "routes");
    const Json overlay = {{"match", {{"method", "GET"}, {"path", "/"}}}, {"latency", "100ms"}};
    const QString base = servicePointer(service);
    if (routes && routes->is_array())
        edit(base + QStringLiteral("/routes/%1").arg(routes->size()), overlay,
             tr("Add route overlay"), true);
    else
        edit(base + QStringLiteral("/routes"), Json::array({overlay}), tr("Add route overlay"),
             true);
    const std::vector<Page> after = pageList();
    for (std::size_t i = after.size(); i-- > 0;)
        if (after[i].service == service && after[i].route >= 0) {
            selectPage(static_cast<int>(i));
            break;
        }
}

void ProfileForm::removeRequested(int index)
{
    const std::vector<Page> pages = pageList();
    if (index <= 0 || index >= static_cast<int>(pages.size()))
        return;
    const Page &p = pages[static_cast<std::size_t>(index)];
    const QString base = servicePointer(p.service);
    if (p.route < 0)
        edit(base, std::nullopt, tr("Remove service overlay"), true);
    else
        edit(base + QStringLiteral("/routes/%1").arg(p.route), std::nullopt,
             tr("Remove route overlay"), true);
}

} // namespace tutti::editor
