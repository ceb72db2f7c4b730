// The span tree (tree order, depths, subtree sizes, broken parents) and the critical path:
// sequential steps are all critical, of parallel branches and map items only the chain that
// ended last, inside a step the attempts and waits that led to its end.
// LABELS: unit
#include <engine/trace/spantree.h>

#include <QTest>

using namespace tutti::engine;

namespace {

Span span(SpanId id, SpanId parent, SpanKind kind, const std::string &name, Micros start,
          Micros duration)
{
    Span s;
    s.id = id;
    s.parent = parent;
    s.kind = kind;
    s.name = name;
    s.stepId = name;
    s.start = start;
    s.duration = duration;
    s.status = SpanStatus::Ok;
    return s;
}

std::vector<std::string> names(const std::vector<Span> &spans, const SpanTree &tree)
{
    std::vector<std::string> out;
    for (const auto &row : tree.rows)
        out.push_back(std::string(static_cast<std::size_t>(row.depth), '.') + spans[row.span].name);
    return out;
}

std::vector<std::string> critical(const std::vector<Span> &spans)
{
    const std::vector<bool> flags = criticalPath(spans);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < spans.size(); ++i)
        if (flags[i])
            out.push_back(spans[i].name);
    std::sort(out.begin(), out.end());
    return out;
}

QStringList q(const std::vector<std::string> &v)
{
    QStringList out;
    for (const auto &s : v)
        out << QString::fromStdString(s);
    return out;
}

} // namespace

class tst_SpanTree : public QObject {
    Q_OBJECT

private slots:
    void treeOrder()
    {
        // Stored by start: children may come before or after their parent.
        const std::vector<Span> spans = {
            span(2, 1, SpanKind::Attempt, "a1", 0, 10), span(1, 0, SpanKind::Step, "s1", 0, 30),
            span(3, 1, SpanKind::Wait, "w", 10, 10),    span(4, 1, SpanKind::Attempt, "a2", 20, 10),
            span(5, 0, SpanKind::Step, "s2", 30, 5),
        };
        const SpanTree tree = buildSpanTree(spans);
        QCOMPARE(q(names(spans, tree)), QStringList({"s1", ".a1", ".w", ".a2", "s2"}));
        QCOMPARE(tree.rows[0].descendants, std::size_t(3));
        QCOMPARE(tree.rows[1].parent, std::size_t(0));
        QCOMPARE(tree.rows[4].parent, SpanTree::npos);
        QCOMPARE(tree.rows[4].descendants, std::size_t(0));
    }

    void brokenParents()
    {
        // A missing parent, a self-parent and a cycle: every span is shown once.
        const std::vector<Span> spans = {
            span(1, 99, SpanKind::Step, "orphan", 0, 1),
            span(2, 2, SpanKind::Step, "self", 1, 1),
            span(3, 4, SpanKind::Step, "c1", 2, 1),
            span(4, 3, SpanKind::Step, "c2", 3, 1),
        };
        const SpanTree tree = buildSpanTree(spans);
        QCOMPARE(tree.rows.size(), spans.size());
        QCOMPARE(q(names(spans, tree)), QStringList({"orphan", "self", "c1", ".c2"}));
    }

    void deepNesting()
    {
        // 100,000 levels: no recursion to overflow.
        std::vector<Span> spans;
        for (SpanId i = 1; i <= 100000; ++i)
            spans.push_back(span(i, i - 1, SpanKind::Step, "s", static_cast<Micros>(i), 1));
        const SpanTree tree = buildSpanTree(spans);
        QCOMPARE(tree.rows.size(), spans.size());
        QCOMPARE(tree.rows.back().depth, 99999);
        QCOMPARE(tree.rows.front().descendants, std::size_t(99999));
        QCOMPARE(criticalPath(spans).back(), true);
    }

    void sequentialIsCritical()
    {
        const std::vector<Span> spans = {
            span(1, 0, SpanKind::Step, "a", 0, 10),     span(2, 1, SpanKind::Attempt, "a.1", 0, 4),
            span(3, 1, SpanKind::Wait, "a.wait", 4, 2), span(4, 1, SpanKind::Attempt, "a.2", 6, 4),
            span(5, 0, SpanKind::Step, "b", 10, 5),
        };
        QCOMPARE(q(critical(spans)), QStringList({"a", "a.1", "a.2", "a.wait", "b"}));
    }

    void parallelLongestBranch()
    {
        const std::vector<Span> spans = {
            span(1, 0, SpanKind::Step, "par", 0, 100),
            span(2, 1, SpanKind::Branch, "fast", 0, 30),
            span(3, 2, SpanKind::Step, "lookup", 0, 30),
            span(4, 1, SpanKind::Branch, "slow", 0, 100),
            span(5, 4, SpanKind::Step, "report", 0, 100),
            span(6, 0, SpanKind::Step, "after", 100, 10),
        };
        QCOMPARE(q(critical(spans)), QStringList({"after", "par", "report", "slow"}));
    }

    void mapItemsChain()
    {
        // Two lanes: 1 (0-10), 2 (0-4), 3 (4-20), 4 (10-12). The end waited for 3, which
        // started when 2 ended: 3 and 2 are critical, 1 and 4 are not.
        const std::vector<Span> spans = {
            span(1, 0, SpanKind::Step, "map", 0, 20), span(2, 1, SpanKind::Item, "i1", 0, 10),
            span(3, 1, SpanKind::Item, "i2", 0, 4),   span(4, 1, SpanKind::Item, "i3", 4, 16),
            span(5, 1, SpanKind::Item, "i4", 10, 2),
        };
        QCOMPARE(q(critical(spans)), QStringList({"i2", "i3", "map"}));
    }

    void childPastItsParent()
    {
        // Clocks may put a child's end a microsecond past its parent's: still critical.
        const std::vector<Span> spans = {span(1, 0, SpanKind::Step, "s", 0, 10),
                                         span(2, 1, SpanKind::Attempt, "a", 0, 11)};
        QCOMPARE(q(critical(spans)), QStringList({"a", "s"}));
        QVERIFY(criticalPath({}).empty());
    }
};

QTEST_MAIN(tst_SpanTree)
#include "tst_spantree.moc"
