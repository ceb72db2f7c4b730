// A step added from the palette: for every type of the registry, added to a valid flow, the
// studio's problems (FlowDocument) are what parse + resolve (`tutti validate`) say of the same
// text, and that verdict is "valid" or the one problem the type's still empty parts call for (a
// choice needs its cases, a container its steps, a call its flow file). LABELS: unit
#include <editor/floweditor.h>
#include <editor/flowscene.h>
#include <editor/palette.h>

#include <document/flowdocument.h>
#include <engine/model/flowparser.h>
#include <engine/model/steps/registry.h>

#include <QListWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace tutti;

namespace {

const char *kValidFlow = "tutti: 1\n"
                         "name: palette\n"
                         "services:\n"
                         "  api:\n"
                         "    base_url: https://api.example.com\n"
                         "steps:\n"
                         "  - id: start\n"
                         "    type: transform\n"
                         "    set: {x: 1}\n";

QString firstProblem(const engine::Errors &errors)
{
    if (errors.empty())
        return {};
    return QString::fromStdString(errors.front().path + ": " + errors.front().message);
}

} // namespace

class TestPalette : public QObject {
    Q_OBJECT

private slots:
    void newStepHasTheParsersVerdict_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("expected"); // "" = valid, else "POINTER: message" starts so
        const QHash<QString, QString> invalid = {
            {"choice", "/steps/1/cases: 'cases' must be a non-empty list"},
            {"parallel", "/steps/1/branches/0/steps: 'steps' of a branch must hold at least one"},
            {"map", "/steps/1/steps: 'steps' of a map must hold at least one step"},
            {"call", "/steps/1/flow: sub-flow file not found"},
        };
        for (const std::string &name : engine::stepTypeNames()) {
            const QString type = QString::fromStdString(name);
            QTest::newRow(name.c_str()) << type << invalid.value(type);
        }
        QCOMPARE(engine::stepTypeNames().size(), std::size_t(10)); // a new type: add its row
    }
    void newStepHasTheParsersVerdict()
    {
        QFETCH(QString, type);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("palette.flow.yaml"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kValidFlow);
        file.close();

        editor::FlowEditor e;
        QVERIFY(e.openFile(path));
        QVERIFY2(e.document()->problems().empty(),
                 qPrintable(firstProblem(e.document()->problems())));
        // Through the palette as the studio wires it: activating the type's entry adds a step
        // after the selected one.
        editor::Palette palette;
        connect(&palette, &editor::Palette::stepRequested, &e, &editor::FlowEditor::addStep);
        e.scene()->selectSteps({QStringLiteral("start")});
        const QList<QListWidgetItem *> items =
            palette.list()->findItems(QStringLiteral("*"), Qt::MatchWildcard);
        QListWidgetItem *entry = nullptr;
        for (QListWidgetItem *item : items)
            if (item->data(Qt::UserRole).toString() == type)
                entry = item;
        QVERIFY(entry);
        emit palette.list()->itemActivated(entry);
        QCOMPARE(e.document()->steps().size(), std::size_t(2));
        QCOMPARE(e.document()->steps()[1].type, type.toStdString());

        e.document()->validateNow();
        QTRY_VERIFY(!e.document()->validationPending()); // resolving runs on a worker thread
        // What `tutti validate` would say of the same text: parse, then resolve.
        const engine::FlowLoad parsed =
            engine::loadFlowText(e.document()->yamlText(), path.toStdString());
        QCOMPARE(firstProblem(e.document()->problems()), firstProblem(parsed.errors));
        QCOMPARE(e.document()->problems().size(), parsed.errors.size());
        const QString verdict = firstProblem(parsed.errors);
        if (expected.isEmpty())
            QVERIFY2(verdict.isEmpty(), qPrintable(type + " is added invalid: " + verdict));
        else
            QVERIFY2(verdict.startsWith(expected), qPrintable(type + ": " + verdict));
    }
};

QTEST_MAIN(TestPalette)
#include "tst_palette.moc"
