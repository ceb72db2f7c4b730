// Step type presentation: one table, keyed by StepType, of what the studio shows of each type
// (label, palette line, colour, drawn icon, node summary) and the example values a new step
// starts with; everything else about a type (its keys, which are required, their defaults) is
// read from its descriptor (engine/model/steps).
#include <editor/steppresentation.h>

#include <engine/core/jsonio.h>
#include <engine/model/steps/registry.h>

#include <QCoreApplication>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

#include <optional>

namespace tutti::editor {

namespace {

using engine::Json;
using engine::StepType;

// The translation context of the table's texts; lupdate reads it from the macro, so the
// Looks::tr calls and QT_TRANSLATE_NOOP below agree with translations/*.ts.
struct Looks {
    Q_DECLARE_TR_FUNCTIONS(tutti::editor::StepPresentations)
};

QString jsonText(const Json &v)
{
    return QString::fromStdString(v.is_string() ? v.get<std::string>() : engine::dumpJson(v));
}

QString field(const Json &step, const char *key)
{
    return step.contains(key) ? jsonText(step[key]) : QString();
}

int count(const Json &step, const char *key)
{
    return step.contains(key) && step[key].is_array() ? int(step[key].size()) : 0;
}

void drawText(QPainter &p, const char *text)
{
    p.setFont(QFont("DejaVu Sans", 30, QFont::Bold));
    p.drawText(QRect(0, 0, 64, 60), Qt::AlignCenter, QString::fromUtf8(text));
}

// One row per step type. `glyph` draws the white sign of the type into a 64×64 box; `summary`
// is the line under the node's title; `starter` holds example values (JSON) of the keys a new
// step gets besides the required ones; a null value there means "the descriptor's default".
struct Look {
    StepType type;
    const char *label;
    const char *description;
    QRgb color;
    void (*glyph)(QPainter &p);
    QString (*summary)(const Json &step);
    const char *starter;
};

const Look kLooks[] = {
    {StepType::Http, QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "HTTP request"),
     QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Call a service's HTTP API"), 0x2f6fd0,
     [](QPainter &p) { // two opposite arrows: request and response
         p.drawLine(14, 24, 48, 24);
         p.drawPolyline(QPolygon({QPoint(40, 16), QPoint(49, 24), QPoint(40, 32)}));
         p.drawLine(16, 41, 50, 41);
         p.drawPolyline(QPolygon({QPoint(24, 33), QPoint(15, 41), QPoint(24, 49)}));
     },
     [](const Json &step) {
         QString method, path;
         if (step.contains("request") && step["request"].is_object()) {
             const auto &r = step["request"];
             method = r.contains("method") ? jsonText(r["method"]) : QStringLiteral("GET");
             path = r.contains("path") ? jsonText(r["path"])
                                       : (r.contains("url") ? jsonText(r["url"]) : QString());
         }
         if (path.isEmpty())
             path = field(step, "url");
         return QStringLiteral("%1 %2 %3").arg(method, field(step, "service"), path).simplified();
     },
     R"({"service": "api", "request": {"method": null, "path": "/"}})"},
    {StepType::Transform, QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Transform"),
     QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Build data into variables"), 0x8e44ad,
     [](QPainter &p) { drawText(p, "{ }"); },
     [](const Json &step) {
         QStringList keys;
         if (step.contains("set") && step["set"].is_object())
             for (auto it = step["set"].begin(); it != step["set"].end(); ++it)
                 keys << QString::fromStdString(it.key());
         return Looks::tr("set %1").arg(keys.join(", "));
     },
     R"({"set": {"value": "{{ input }}"}})"},
    {StepType::Script, QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Script"),
     QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Compute JSON with JavaScript"),
     0xd36b1a,
     [](QPainter &p) { // </>
         p.drawPolyline(QPolygon({QPoint(22, 18), QPoint(10, 32), QPoint(22, 46)}));
         p.drawPolyline(QPolygon({QPoint(42, 18), QPoint(54, 32), QPoint(42, 46)}));
         p.drawLine(36, 14, 28, 50);
     },
     [](const Json &) { return Looks::tr("JavaScript"); }, R"({"code": "return { ok: true };"})"},
    {StepType::Choice, QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Choice"),
     QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Branch on conditions"), 0xc79a00,
     [](QPainter &p) { // diamond
         p.drawPolygon(QPolygon({QPoint(32, 10), QPoint(54, 32), QPoint(32, 54), QPoint(10, 32)}));
         p.setBrush(Qt::white);
         p.drawEllipse(QPoint(32, 32), 3, 3);
     },
     [](const Json &step) { return Looks::tr("%n case(s)", nullptr, count(step, "cases")); }, "{}"},
    {StepType::Parallel, QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Parallel"),
     QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Run branches at the same time"),
     0x1e8e4e,
     [](QPainter &p) { // fork into three lanes
         p.drawLine(32, 10, 32, 22);
         p.drawLine(14, 22, 50, 22);
         for (int x : {14, 32, 50})
             p.drawLine(x, 22, x, 52);
     },
     [](const Json &step) { return Looks::tr("%n branch(es)", nullptr, count(step, "branches")); },
     R"({"branches": [{"name": "a", "steps": []}, {"name": "b", "steps": []}]})"},
    {StepType::Map, QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Map"),
     QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Run a body for every item"), 0x138d90,
     [](QPainter &p) { // stacked cards: one body per item
         p.drawRoundedRect(QRect(22, 10, 30, 22), 3, 3);
         p.drawRoundedRect(QRect(16, 20, 30, 22), 3, 3);
         p.setBrush(QColor(255, 255, 255));
         p.drawRoundedRect(QRect(10, 30, 30, 22), 3, 3);
     },
     [](const Json &step) { return Looks::tr("for each in %1").arg(field(step, "items")); },
     R"({"items": "input.items"})"},
    {StepType::Wait, QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Wait"),
     QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Pause for a duration or until a time"),
     0x6b7280,
     [](QPainter &p) { // clock
         p.drawEllipse(QPoint(32, 32), 22, 22);
         p.drawLine(32, 32, 32, 18);
         p.drawLine(32, 32, 42, 38);
     },
     [](const Json &step) {
         return step.contains("duration") ? field(step, "duration") : field(step, "until");
     },
     R"({"duration": "1s"})"},
    {StepType::Call, QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Call flow"),
     QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Run another flow as a sub-flow"),
     0x4b55c7,
     [](QPainter &p) { // sub-flow: box with an arrow into it
         p.drawRoundedRect(QRect(26, 14, 28, 36), 4, 4);
         p.drawLine(8, 32, 38, 32);
         p.drawPolyline(QPolygon({QPoint(30, 24), QPoint(39, 32), QPoint(30, 40)}));
     },
     [](const Json &step) { return field(step, "flow"); }, R"({"flow": "other.flow.yaml"})"},
    {StepType::Respond, QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Respond"),
     QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Finish successfully with a body"),
     0x2e7d32,
     [](QPainter &p) { // check mark
         p.drawPolyline(QPolygon({QPoint(12, 34), QPoint(26, 48), QPoint(52, 18)}));
     },
     [](const Json &step) {
         return Looks::tr("status %1")
             .arg(step.contains("status") ? field(step, "status") : QStringLiteral("200"));
     },
     R"({"status": null, "body": {}})"},
    {StepType::Fail, QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Fail"),
     QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Finish with an error (compensates)"),
     0xc62828,
     [](QPainter &p) { // cross
         p.drawLine(16, 16, 48, 48);
         p.drawLine(48, 16, 16, 48);
     },
     [](const Json &step) { return field(step, "error"); },
     R"({"error": null, "message": "something went wrong"})"},
};

const Look *lookFor(StepType type)
{
    for (const Look &look : kLooks)
        if (look.type == type)
            return &look;
    return nullptr;
}

QIcon makeIcon(const QColor &color, void (*glyph)(QPainter &))
{
    QIcon icon;
    for (int size : {16, 24, 32, 64}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.scale(size / 64.0, size / 64.0);
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawRoundedRect(QRectF(1, 1, 62, 62), 12, 12);
        p.setPen(QPen(Qt::white, 5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(Qt::NoBrush);
        glyph(p);
        p.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

// The entries built from the table (icons need a QGuiApplication: built on first use).
struct Entries {
    QHash<QString, StepPresentation> byName;
    StepPresentation unknown;

    Entries()
    {
        for (const Look &look : kLooks) {
            const QString name = QString::fromLatin1(engine::toString(look.type));
            const QColor color = QColor::fromRgb(look.color);
            byName.insert(name,
                          StepPresentation{name, Looks::tr(look.label), Looks::tr(look.description),
                                           color, makeIcon(color, look.glyph)});
        }
        const QColor grey(0x75, 0x75, 0x75);
        unknown = StepPresentation{QString(), Looks::tr("Unknown step"),
                                   Looks::tr("A step type this build does not know"), grey,
                                   makeIcon(grey, [](QPainter &p) { drawText(p, "?"); })};
    }
};

const Entries &entries()
{
    static const Entries e;
    return e;
}

// A key's value parsed from its descriptor's default ("200" -> 200, "GET" -> "GET").
Json defaultOf(const engine::FieldDescriptor &f)
{
    if (auto parsed = engine::parseJson(f.defaultValue); parsed && !parsed->is_string())
        return *parsed;
    return Json(f.defaultValue);
}

// What a required key with no example starts as: an empty value of its kind.
Json emptyOf(const engine::FieldDescriptor &f)
{
    using K = engine::FieldKind;
    switch (f.kind) {
    case K::List:
    case K::Steps:
        return Json::array();
    case K::Object:
    case K::Auth:
    case K::TemplateMap:
    case K::JsonTemplate:
        return Json::object();
    case K::Integer:
    case K::Number:
        return 0;
    case K::Boolean:
        return false;
    default:
        return f.defaultValue.empty() ? Json("") : defaultOf(f);
    }
}

// The keys of `fields` a new step writes: the required ones and those the example names, in
// the descriptor's order; a service is the flow's first one when it has any.
Json starterObject(const std::vector<engine::FieldDescriptor> &fields, const Json &example,
                   const Json &flow)
{
    Json out = Json::object();
    for (const engine::FieldDescriptor &f : fields) {
        const bool named = example.is_object() && example.contains(f.key);
        if (!named && !f.required)
            continue;
        Json value = named ? example[f.key] : emptyOf(f);
        if (value.is_null())
            value = defaultOf(f);
        else if (value.is_object() && !f.fields.empty())
            value = starterObject(f.fields, value, flow);
        if (f.kind == engine::FieldKind::Service && flow.contains("services") &&
            flow["services"].is_object() && !flow["services"].empty())
            value = flow["services"].begin().key();
        out[f.key] = std::move(value);
    }
    return out;
}

} // namespace

const StepPresentation &StepPresentations::forType(const QString &type)
{
    const Entries &e = entries();
    auto it = e.byName.constFind(type);
    return it == e.byName.constEnd() ? e.unknown : *it;
}

bool StepPresentations::has(engine::StepType type)
{
    return lookFor(type) != nullptr;
}

QStringList StepPresentations::types()
{
    QStringList out;
    for (const std::string &name : engine::stepTypeNames())
        out << QString::fromStdString(name);
    return out;
}

Json StepPresentations::newStep(const QString &type, const std::string &id, const Json &flow)
{
    Json step = Json::object({{"id", id}, {"type", type.toStdString()}});
    const auto t = engine::parseStepType(type.toStdString());
    if (!t)
        return step;
    const Look *look = lookFor(*t);
    const Json example = look ? engine::parseJson(look->starter).value_or(Json::object()) : Json();
    const Json keys = starterObject(engine::stepDescriptor(*t).fields, example, flow);
    for (const auto &[key, value] : keys.items())
        step[key] = value;
    return step;
}

QString StepPresentations::summary(const engine::Json &step)
{
    if (!step.is_object())
        return {};
    const std::string type = step.value("type", std::string());
    const auto t = engine::parseStepType(type);
    if (const Look *look = t ? lookFor(*t) : nullptr)
        return look->summary(step);
    return QString::fromStdString(type);
}

} // namespace tutti::editor
