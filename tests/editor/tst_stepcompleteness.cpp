// The editor's half of the step-type completeness check (the engine's is
// tests/engine/model/tst_stepregistry): every type of the registry has its presentation (label,
// palette line, colour, icon, node summary), a palette entry, an inspector form with an editor
// for every key its descriptor lists (or a note that the canvas edits its nested steps), and a
// new step from the palette that writes every required key.
// LABELS: unit
#include <editor/inspector.h>
#include <editor/palette.h>
#include <editor/steppresentation.h>

#include <document/flowdocument.h>
#include <document/stepstructure.h>
#include <engine/model/steps/registry.h>

#include <QLabel>
#include <QListWidget>
#include <QUndoStack>
#include <QtTest>

#include <functional>

using namespace tutti;
using engine::FieldDescriptor;
using engine::Json;
using engine::StepType;

namespace {

QString nameOf(StepType t)
{
    return QString::fromLatin1(engine::toString(t));
}

// A flow holding one new step of `type` (id "s"), as the palette makes it.
Json flowWith(StepType t)
{
    return Json::object(
        {{"tutti", 1},
         {"name", "complete"},
         {"steps", Json::array({editor::StepPresentations::newStep(nameOf(t), "s")})}});
}

// What is missing for the inspector to edit `f` (a key at `pointer`): "" when a row edits it,
// when every key of a mapping shown as rows has its row, or when it holds steps and the form
// says the canvas edits them.
QString uncovered(const FieldDescriptor &f, const QString &pointer, const QStringList &rows,
                  const QStringList &canvas, const editor::Inspector &inspector)
{
    if (engine::nestsSteps(f)) {
        const QString note = QStringLiteral("canvasNote_") + QString::fromStdString(f.key);
        if (!canvas.contains(QString::fromStdString(f.key)) || !inspector.findChild<QLabel *>(note))
            return pointer + " holds steps but the form has no note that the canvas edits them";
        return {};
    }
    if (rows.contains(pointer)) {
        if (!inspector.fieldEditor(pointer))
            return pointer + " has a row but no editor widget";
        return {};
    }
    if (f.fields.empty())
        return pointer + " has no row in the inspector";
    for (const FieldDescriptor &sub : f.fields)
        if (QString p = uncovered(sub, pointer + "/" + QString::fromStdString(sub.key), rows,
                                  canvas, inspector);
            !p.isEmpty())
            return p;
    return {};
}

// The inspector of a new step of `t`, shown, for the checks that need its widgets.
struct Form {
    engine::FlowDocument doc;
    QUndoStack undo;
    editor::Inspector inspector{&doc, &undo};

    explicit Form(StepType t)
    {
        doc.replaceDocument(flowWith(t));
        inspector.setStep(QStringLiteral("s"));
    }
};

QString inspectorForm(StepType t)
{
    Form form(t);
    if (form.inspector.stepId() != u"s")
        return QStringLiteral("the inspector does not show a new step of the type");
    const QStringList rows = form.inspector.fieldPointers();
    const QStringList canvas = editor::Inspector::canvasFields(nameOf(t));
    for (const FieldDescriptor &f : engine::stepDescriptor(t).fields)
        if (QString p =
                uncovered(f, "/" + QString::fromStdString(f.key), rows, canvas, form.inspector);
            !p.isEmpty())
            return p;
    for (const QString &row : rows)
        if (!form.inspector.fieldEditor(row))
            return row + " has no editor widget";
    return {};
}

// What the editor must provide for every step type: "" when `type` has it, else what is
// missing (the shape of tst_stepregistry's aspects()).
struct Aspect {
    const char *name;
    std::function<QString(StepType)> problem;
};

const std::vector<Aspect> &aspects()
{
    static const std::vector<Aspect> all = {
        {"presentation",
         [](StepType t) {
             if (!editor::StepPresentations::has(t))
                 return QStringLiteral("editor/steppresentation.cpp has no row for the type");
             const auto &p = editor::StepPresentations::forType(nameOf(t));
             if (p.type != nameOf(t))
                 return QStringLiteral("the type is shown as an unknown step");
             if (p.label.isEmpty() || p.description.isEmpty())
                 return QStringLiteral("needs a label and a palette line");
             if (!p.color.isValid() || p.icon.isNull())
                 return QStringLiteral("needs a colour and an icon");
             if (editor::StepPresentations::summary(flowWith(t)["steps"][0]).isEmpty())
                 return QStringLiteral("a new step's node shows no summary");
             return QString();
         }},
        {"palette entry",
         [](StepType t) {
             editor::Palette palette;
             for (int i = 0; i < palette.list()->count(); ++i) {
                 const QListWidgetItem *item = palette.list()->item(i);
                 if (item->data(Qt::UserRole).toString() != nameOf(t))
                     continue;
                 if (item->icon().isNull() || item->text().isEmpty())
                     return QStringLiteral("the palette entry has no icon or label");
                 return QString();
             }
             return QStringLiteral("the palette does not list the type");
         }},
        {"inspector form", inspectorForm},
        {"new step",
         [](StepType t) {
             const Json step = editor::StepPresentations::newStep(nameOf(t), "s");
             for (const FieldDescriptor &f : engine::stepDescriptor(t).fields)
                 if (f.required && !step.contains(f.key))
                     return QStringLiteral("a new step lacks the required key '%1'")
                         .arg(QString::fromStdString(f.key));
             return QString();
         }},
    };
    return all;
}

} // namespace

class TestStepCompleteness : public QObject {
    Q_OBJECT

private slots:
    void completeness_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("aspect");
        for (const engine::StepDescriptor *d : engine::stepDescriptors())
            for (std::size_t a = 0; a < aspects().size(); ++a)
                QTest::addRow("%s: %s", d->name.c_str(), aspects()[a].name)
                    << static_cast<int>(d->type) << static_cast<int>(a);
    }
    void completeness()
    {
        QFETCH(int, type);
        QFETCH(int, aspect);
        const QString problem = aspects()[aspect].problem(static_cast<StepType>(type));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    // One row per key of every descriptor: the inspector has its editor widget.
    void fieldHasAnEditor_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("key");
        for (const engine::StepDescriptor *d : engine::stepDescriptors())
            for (const FieldDescriptor &f : d->fields)
                QTest::addRow("%s/%s", d->name.c_str(), f.key.c_str())
                    << static_cast<int>(d->type) << QString::fromStdString(f.key);
    }
    void fieldHasAnEditor()
    {
        QFETCH(int, type);
        QFETCH(QString, key);
        const StepType t = static_cast<StepType>(type);
        Form form(t);
        const FieldDescriptor *f = engine::stepDescriptor(t).field(key.toStdString());
        QVERIFY(f);
        const QString problem =
            uncovered(*f, "/" + key, form.inspector.fieldPointers(),
                      editor::Inspector::canvasFields(nameOf(t)), form.inspector);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    // The palette lists the registry's types, in its order, and nothing else.
    void paletteListsTheRegistry()
    {
        editor::Palette palette;
        QStringList listed;
        for (int i = 0; i < palette.list()->count(); ++i)
            listed << palette.list()->item(i)->data(Qt::UserRole).toString();
        QStringList registry;
        for (const std::string &name : engine::stepTypeNames())
            registry << QString::fromStdString(name);
        QCOMPARE(listed, registry);
    }
};

QTEST_MAIN(TestStepCompleteness)
#include "tst_stepcompleteness.moc"
