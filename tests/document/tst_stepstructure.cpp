// Step JSON read through the descriptors (document/stepstructure): nested lists, jump targets,
// ids and renames for every type that has them, and the shared keys for a type the registry
// does not know.
// LABELS: unit
#include <document/flowdocument.h>
#include <document/stepstructure.h>

#include <QtTest>

#include <algorithm>

using namespace tutti::engine;

namespace {

// JSON written with single quotes, so the tests need neither escapes nor raw strings (which
// moc misreads).
Json parsed(std::string json)
{
    std::replace(json.begin(), json.end(), '\'', '"');
    return Json::parse(json);
}

QStringList pointers(const std::vector<NestedList> &lists)
{
    QStringList out;
    for (const auto &l : lists)
        out << QString::fromStdString(l.pointer);
    return out;
}

QStringList pointers(const std::vector<StepRef> &refs)
{
    QStringList out;
    for (const auto &r : refs)
        out << QString::fromStdString(r.pointer) + "=" + toString(r.kind);
    return out;
}

} // namespace

class TestStepStructure : public QObject {
    Q_OBJECT

private slots:
    void nestedListsOfContainers()
    {
        const Json parallel = parsed("{'id': 'p', 'type': 'parallel', 'branches': [ "
                                     "{'name': 'a', 'steps': [{'id': 'a1', 'type': "
                                     "'wait', 'duration': '1s'}]}, "
                                     "{'name': 'b'}, "
                                     "{'name': 'c', 'steps': []}]}");
        const auto lists = nestedLists(parallel);
        QCOMPARE(pointers(lists), (QStringList{"/branches/0/steps", "/branches/2/steps"}));
        QCOMPARE(lists[1].kind, EdgeKind::Branch);
        QCOMPARE(lists[1].index, 2);
        QCOMPARE(lists[1].item->at("name"), Json("c"));

        const Json map = parsed("{'id': 'm', 'type': 'map', 'items': 'input.xs', 'steps': []}");
        QCOMPARE(pointers(nestedLists(map)), QStringList{"/steps"});
        QCOMPARE(nestedLists(map)[0].kind, EdgeKind::Body);
        // Only the types whose descriptor nests steps there: `steps` on a transform is not a list
        // of the flow (the parser rejects the key).
        QVERIFY(nestedLists(parsed("{'type': 'transform', 'steps': []}")).empty());
        QVERIFY(nestedLists(parsed("{'type': 'nosuchtype', 'steps': []}")).empty());
    }

    void stepRefsFollowTheDescriptor()
    {
        const Json choice = parsed("{'id': 'c', 'type': 'choice', 'cases': [ "
                                   "{'when': 'true', 'next': 'x'}, {'when': 'false'}, "
                                   "{'when': '1', 'next': 'y'}], "
                                   "'default': 'z', 'next': 'ignored'}");
        QCOMPARE(pointers(stepRefs(choice)),
                 (QStringList{"/cases/0/next=case", "/cases/2/next=case", "/default=default"}));
        const Json http = parsed("{'id': 'h', 'type': 'http', 'url': 'https://x', 'next': 'n', "
                                 "'catch': [{'on': 'timeout', 'next': 't'}], 'default': "
                                 "'not-a-key-of-http'}");
        QCOMPARE(pointers(stepRefs(http)), (QStringList{"/next=next", "/catch/0/next=catch"}));
        // An unknown type is read by the shared keys: its jumps still count.
        const Json typo = parsed("{'id': 'u', 'type': 'htp', 'next': 'n', "
                                 "'catch': [{'next': 't'}], 'cases': [{'next': 'q'}]}");
        QCOMPARE(pointers(stepRefs(typo)), (QStringList{"/next=next", "/catch/0/next=catch"}));
    }

    void idsAndRenames()
    {
        Json step = parsed("{'id': 'p', 'type': 'parallel', 'next': 'after', 'branches': [ "
                           "{'name': 'a', 'steps': [{'id': 'm', 'type': 'map', 'items': "
                           "'input.xs', "
                           "'steps': [{'id': 'inner', 'type': 'wait', 'duration': '1s'}]}]}, "
                           "{'name': 'b', 'steps': [{'id': 'b1', 'type': 'choice', "
                           "'cases': [{'when': 'true', 'next': 'after'}], 'default': 'after'}]}]}");
        std::vector<std::string> ids;
        collectStepIds(step, ids);
        QCOMPARE(ids, (std::vector<std::string>{"p", "m", "inner", "b1"}));

        renameStepRefs(step, [](const std::string &id) { return id == "after" ? "later" : id; });
        QCOMPARE(step["next"], Json("later"));
        // Only the step's own keys: the nested choice keeps its targets.
        QCOMPARE(step["branches"][1]["steps"][0]["default"], Json("after"));
    }

    void descriptorsAndFields()
    {
        QVERIFY(!descriptorOf(parsed("{'type': 3}")));
        QCOMPARE(descriptorOf(parsed("{'type': 'map'}"))->type, StepType::Map);
        const auto &shared = fieldsOf(parsed("{'type': 'unknown'}"));
        QVERIFY(fieldMaking(shared, EdgeKind::Next));
        QVERIFY(fieldMaking(shared, EdgeKind::Catch));
        QVERIFY(fieldMaking(shared, EdgeKind::Compensation));
        QVERIFY(!fieldMaking(shared, EdgeKind::Case));
        const FieldDescriptor *cases =
            fieldMaking(fieldsOf(parsed("{'type': 'choice'}")), EdgeKind::Case);
        QVERIFY(cases);
        QCOMPARE(targetKey(*cases)->key, std::string("next"));
        QCOMPARE(labelKey(*cases)->key, std::string("when"));
    }
};

QTEST_GUILESS_MAIN(TestStepStructure)
#include "tst_stepstructure.moc"
