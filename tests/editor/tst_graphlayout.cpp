// Automatic layout at scale: a flow beyond kGraphvizLimit steps gets the layered layout (dot
// would take seconds), with every step placed, no two nodes overlapping, the steps in file order
// from top to bottom and a parallel step's lanes side by side below its header.
// LABELS: unit
#include <editor/graphlayout.h>

#include <document/flowdocument.h>
#include <engine/core/json.h>

#include <QTest>

#include <set>

using namespace tutti;
using engine::Json;

class tst_GraphLayout : public QObject {
    Q_OBJECT

private slots:
    void bigFlowsGetTheLayeredLayout()
    {
        const int steps = static_cast<int>(editor::kGraphvizLimit) + 500;
        Json flow = {{"tutti", 1}, {"name", "big"}, {"steps", Json::array()}};
        for (int i = 0; i < steps; ++i)
            flow["steps"].push_back(
                {{"id", "s" + std::to_string(i)}, {"type", "transform"}, {"set", {{"v", i}}}});
        Json lanes = Json::array();
        for (const char *lane : {"a", "b"})
            lanes.push_back({{"name", lane},
                             {"steps", Json::array({{{"id", std::string("in_") + lane},
                                                     {"type", "transform"},
                                                     {"set", {{"v", 1}}}}})}});
        flow["steps"].push_back({{"id", "fork"}, {"type", "parallel"}, {"branches", lanes}});
        flow["steps"].push_back({{"id", "end"}, {"type", "transform"}, {"set", {{"v", 1}}}});
        engine::FlowDocument doc;
        doc.replaceDocument(flow);

        const editor::LayoutResult result = editor::layoutFlow(doc);
        QVERIFY(!result.usedGraphviz);
        QCOMPARE(result.positions.size(), doc.steps().size());
        std::set<std::pair<long, long>> cells;
        for (const auto &[id, xy] : result.positions)
            QVERIFY2(cells.insert({std::lround(xy.first), std::lround(xy.second)}).second,
                     id.c_str());
        for (int i = 1; i < steps; ++i)
            QVERIFY(result.positions.at("s" + std::to_string(i)).second >
                    result.positions.at("s" + std::to_string(i - 1)).second);
        const auto fork = result.positions.at("fork");
        const auto a = result.positions.at("in_a");
        const auto b = result.positions.at("in_b");
        QCOMPARE(a.second, b.second);
        QVERIFY(a.second > fork.second);
        QVERIFY(std::abs(a.first - b.first) >= 220); // a node's width apart
        QVERIFY(result.positions.at("end").second > a.second);
    }
};

QTEST_MAIN(tst_GraphLayout)
#include "tst_graphlayout.moc"
