// Step type presentation: drawn icons (no image plugins needed), colours and templates.
#include <editor/steppresentation.h>

#include <engine/core/jsonio.h>

#include <QCoreApplication>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace tutti::editor {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("tutti::editor::StepPresentations", text);
}

// Draws the white glyph of a type into a 64×64 box.
void drawGlyph(QPainter &p, const QString &type)
{
    QPen pen(Qt::white, 5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    if (type == "http") { // two opposite arrows: request and response
        p.drawLine(14, 24, 48, 24);
        p.drawPolyline(QPolygon({QPoint(40, 16), QPoint(49, 24), QPoint(40, 32)}));
        p.drawLine(16, 41, 50, 41);
        p.drawPolyline(QPolygon({QPoint(24, 33), QPoint(15, 41), QPoint(24, 49)}));
    } else if (type == "transform") { // { }
        QFont f("DejaVu Sans", 30, QFont::Bold);
        p.setFont(f);
        p.drawText(QRect(0, 0, 64, 60), Qt::AlignCenter, "{ }");
    } else if (type == "script") { // </>
        p.drawPolyline(QPolygon({QPoint(22, 18), QPoint(10, 32), QPoint(22, 46)}));
        p.drawPolyline(QPolygon({QPoint(42, 18), QPoint(54, 32), QPoint(42, 46)}));
        p.drawLine(36, 14, 28, 50);
    } else if (type == "choice") { // diamond
        p.drawPolygon(QPolygon({QPoint(32, 10), QPoint(54, 32), QPoint(32, 54), QPoint(10, 32)}));
        p.setBrush(Qt::white);
        p.drawEllipse(QPoint(32, 32), 3, 3);
    } else if (type == "parallel") { // fork into three lanes
        p.drawLine(32, 10, 32, 22);
        p.drawLine(14, 22, 50, 22);
        for (int x : {14, 32, 50})
            p.drawLine(x, 22, x, 52);
    } else if (type == "map") { // stacked cards: one body per item
        p.drawRoundedRect(QRect(22, 10, 30, 22), 3, 3);
        p.drawRoundedRect(QRect(16, 20, 30, 22), 3, 3);
        p.setBrush(QColor(255, 255, 255));
        p.drawRoundedRect(QRect(10, 30, 30, 22), 3, 3);
    } else if (type == "wait") { // clock
        p.drawEllipse(QPoint(32, 32), 22, 22);
        p.drawLine(32, 32, 32, 18);
        p.drawLine(32, 32, 42, 38);
    } else if (type == "call") { // sub-flow: box with an arrow into it
        p.drawRoundedRect(QRect(26, 14, 28, 36), 4, 4);
        p.drawLine(8, 32, 38, 32);
        p.drawPolyline(QPolygon({QPoint(30, 24), QPoint(39, 32), QPoint(30, 40)}));
    } else if (type == "respond") { // check mark
        p.drawPolyline(QPolygon({QPoint(12, 34), QPoint(26, 48), QPoint(52, 18)}));
    } else if (type == "fail") { // cross
        p.drawLine(16, 16, 48, 48);
        p.drawLine(48, 16, 16, 48);
    } else {
        QFont f("DejaVu Sans", 30, QFont::Bold);
        p.setFont(f);
        p.drawText(QRect(0, 0, 64, 64), Qt::AlignCenter, "?");
    }
}

QIcon makeIcon(const QString &type, const QColor &color)
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
        drawGlyph(p, type);
        p.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

struct Registry {
    QHash<QString, StepPresentation> entries;
    StepPresentation unknown;
    QStringList order;

    Registry()
    {
        auto add = [&](const char *type, const char *label, const char *description, QColor color) {
            const QString t = QString::fromLatin1(type);
            entries.insert(
                t, StepPresentation{t, tr(label), tr(description), color, makeIcon(t, color)});
            order << t;
        };
        add("http", QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "HTTP request"),
            QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Call a service's HTTP API"),
            QColor(0x2f, 0x6f, 0xd0));
        add("transform", QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Transform"),
            QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Build data into variables"),
            QColor(0x8e, 0x44, 0xad));
        add("script", QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Script"),
            QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Compute JSON with JavaScript"),
            QColor(0xd3, 0x6b, 0x1a));
        add("choice", QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Choice"),
            QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Branch on conditions"),
            QColor(0xc7, 0x9a, 0x00));
        add("parallel", QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Parallel"),
            QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Run branches at the same time"),
            QColor(0x1e, 0x8e, 0x4e));
        add("map", QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Map"),
            QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Run a body for every item"),
            QColor(0x13, 0x8d, 0x90));
        add("wait", QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Wait"),
            QT_TRANSLATE_NOOP("tutti::editor::StepPresentations",
                              "Pause for a duration or until a time"),
            QColor(0x6b, 0x72, 0x80));
        add("call", QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Call flow"),
            QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Run another flow as a sub-flow"),
            QColor(0x4b, 0x55, 0xc7));
        add("respond", QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Respond"),
            QT_TRANSLATE_NOOP("tutti::editor::StepPresentations",
                              "Finish successfully with a body"),
            QColor(0x2e, 0x7d, 0x32));
        add("fail", QT_TRANSLATE_NOOP("tutti::editor::StepPresentations", "Fail"),
            QT_TRANSLATE_NOOP("tutti::editor::StepPresentations",
                              "Finish with an error (compensates)"),
            QColor(0xc6, 0x28, 0x28));
        unknown = StepPresentation{
            QString(), tr("Unknown step"), tr("A step type this build does not know"),
            QColor(0x75, 0x75, 0x75), makeIcon(QString(), QColor(0x75, 0x75, 0x75))};
    }
};

Registry &registry()
{
    static Registry r;
    return r;
}

QString jsonText(const engine::Json &v)
{
    return QString::fromStdString(v.is_string() ? v.get<std::string>() : engine::dumpJson(v));
}

} // namespace

const StepPresentation &StepPresentations::forType(const QString &type)
{
    const Registry &r = registry();
    auto it = r.entries.constFind(type);
    return it == r.entries.constEnd() ? r.unknown : *it;
}

QStringList StepPresentations::types()
{
    return registry().order;
}

engine::Json StepPresentations::newStep(const QString &type, const std::string &id)
{
    using engine::Json;
    Json step = Json::object({{"id", id}, {"type", type.toStdString()}});
    if (type == "http") {
        step["service"] = "api";
        step["request"] = Json::object({{"method", "GET"}, {"path", "/"}});
    } else if (type == "transform") {
        step["set"] = Json::object({{"value", "{{ input }}"}});
    } else if (type == "script") {
        step["code"] = "return { ok: true };";
    } else if (type == "choice") {
        step["cases"] = Json::array();
    } else if (type == "parallel") {
        step["branches"] = Json::array({Json::object({{"name", "a"}, {"steps", Json::array()}}),
                                        Json::object({{"name", "b"}, {"steps", Json::array()}})});
    } else if (type == "map") {
        step["items"] = "input.items";
        step["steps"] = Json::array();
    } else if (type == "wait") {
        step["duration"] = "1s";
    } else if (type == "call") {
        step["flow"] = "other.flow.yaml";
    } else if (type == "respond") {
        step["status"] = 200;
        step["body"] = Json::object();
    } else if (type == "fail") {
        step["error"] = "failed";
        step["message"] = "something went wrong";
    }
    return step;
}

QIcon StepPresentations::appIcon()
{
    static const QIcon icon = [] {
        QIcon result;
        for (int size : {16, 32, 48, 64, 128, 256}) {
            QPixmap pixmap(size, size);
            pixmap.fill(Qt::transparent);
            QPainter p(&pixmap);
            p.setRenderHint(QPainter::Antialiasing);
            p.scale(size / 64.0, size / 64.0);
            QLinearGradient g(0, 0, 64, 64);
            g.setColorAt(0, QColor(0x2f, 0x6f, 0xd0));
            g.setColorAt(1, QColor(0x1e, 0x8e, 0x4e));
            p.setPen(Qt::NoPen);
            p.setBrush(g);
            p.drawRoundedRect(QRectF(2, 2, 60, 60), 14, 14);
            // Three voices joining: tutti.
            QPen pen(Qt::white, 4.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
            p.setPen(pen);
            p.setBrush(Qt::NoBrush);
            QPainterPath path;
            path.moveTo(14, 16);
            path.cubicTo(14, 34, 32, 30, 32, 48);
            path.moveTo(50, 16);
            path.cubicTo(50, 34, 32, 30, 32, 48);
            path.moveTo(32, 14);
            path.lineTo(32, 48);
            p.drawPath(path);
            p.setBrush(Qt::white);
            for (QPointF c : {QPointF(14, 15), QPointF(32, 13), QPointF(50, 15), QPointF(32, 50)})
                p.drawEllipse(c, 4, 4);
            p.end();
            result.addPixmap(pixmap);
        }
        return result;
    }();
    return icon;
}

QString StepPresentations::summary(const engine::Json &step)
{
    if (!step.is_object())
        return {};
    const std::string type = step.value("type", std::string());
    auto field = [&](const char *key) {
        return step.contains(key) ? jsonText(step[key]) : QString();
    };
    if (type == "http") {
        QString method, path;
        if (step.contains("request") && step["request"].is_object()) {
            const auto &r = step["request"];
            method = r.contains("method") ? jsonText(r["method"]) : QStringLiteral("GET");
            path = r.contains("path") ? jsonText(r["path"])
                                      : (r.contains("url") ? jsonText(r["url"]) : QString());
        }
        if (path.isEmpty())
            path = field("url");
        return QStringLiteral("%1 %2 %3").arg(method, field("service"), path).simplified();
    }
    if (type == "transform" && step.contains("set") && step["set"].is_object()) {
        QStringList keys;
        for (auto it = step["set"].begin(); it != step["set"].end(); ++it)
            keys << QString::fromStdString(it.key());
        return QCoreApplication::translate("tutti::editor::StepPresentations", "set %1")
            .arg(keys.join(", "));
    }
    if (type == "choice") {
        const int cases =
            step.contains("cases") && step["cases"].is_array() ? int(step["cases"].size()) : 0;
        return QCoreApplication::translate("tutti::editor::StepPresentations", "%n case(s)",
                                           nullptr, cases);
    }
    if (type == "parallel") {
        const int n = step.contains("branches") && step["branches"].is_array()
                          ? int(step["branches"].size())
                          : 0;
        return QCoreApplication::translate("tutti::editor::StepPresentations", "%n branch(es)",
                                           nullptr, n);
    }
    if (type == "map")
        return QCoreApplication::translate("tutti::editor::StepPresentations", "for each in %1")
            .arg(field("items"));
    if (type == "wait")
        return step.contains("duration") ? field("duration") : field("until");
    if (type == "call")
        return field("flow");
    if (type == "respond")
        return QCoreApplication::translate("tutti::editor::StepPresentations", "status %1")
            .arg(step.contains("status") ? field("status") : QStringLiteral("200"));
    if (type == "fail")
        return field("error");
    if (type == "script")
        return QCoreApplication::translate("tutti::editor::StepPresentations", "JavaScript");
    return QString::fromStdString(type);
}

} // namespace tutti::editor
