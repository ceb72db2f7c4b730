// The names of run, span and step states and span kinds (engine/core/trace): the exact text the
// JSON output, the exports and the trace database carry (SPEC §7), each read back by its parse.
// LABELS: unit
#include <engine/core/trace.h>

#include <QTest>

using namespace tutti::engine;

namespace {

// Every value of E, in order, next to the text SPEC shapes and stored traces use.
template <typename E>
void checkNames(const std::vector<std::pair<E, const char *>> &names,
                bool (*parse)(std::string_view, E &))
{
    for (std::size_t i = 0; i < names.size(); ++i) {
        const auto &[value, text] = names[i];
        QCOMPARE(static_cast<std::size_t>(value), i); // the list covers every enumerator
        QCOMPARE(std::string(toString(value)), std::string(text));
        E back = names[(i + 1) % names.size()].first;
        QVERIFY2(parse(text, back), text);
        QCOMPARE(back, value);
    }
    E untouched = names.front().first;
    QVERIFY(!parse("", untouched));
    QVERIFY(!parse("Succeeded", untouched)); // names are lower-case, compared exactly
    QVERIFY(!parse("skipped", untouched));
    QCOMPARE(untouched, names.front().first);
}

} // namespace

class TestTrace : public QObject {
    Q_OBJECT

private slots:
    void runStatusNames()
    {
        checkNames<RunStatus>({{RunStatus::Running, "running"},
                               {RunStatus::Succeeded, "succeeded"},
                               {RunStatus::Failed, "failed"},
                               {RunStatus::Compensated, "compensated"},
                               {RunStatus::CompensationFailed, "compensation_failed"}},
                              parseRunStatus);
    }

    void stepStatusNames()
    {
        checkNames<StepStatus>({{StepStatus::Running, "running"},
                                {StepStatus::Succeeded, "succeeded"},
                                {StepStatus::Failed, "failed"},
                                {StepStatus::Cancelled, "cancelled"},
                                {StepStatus::Compensated, "compensated"},
                                {StepStatus::CompensationFailed, "compensation_failed"}},
                               parseStepStatus);
    }

    void spanStatusNames()
    {
        checkNames<SpanStatus>({{SpanStatus::Running, "running"},
                                {SpanStatus::Ok, "ok"},
                                {SpanStatus::Error, "error"},
                                {SpanStatus::Cancelled, "cancelled"}},
                               parseSpanStatus);
    }

    void spanKindNames()
    {
        checkNames<SpanKind>({{SpanKind::Step, "step"},
                              {SpanKind::Attempt, "attempt"},
                              {SpanKind::Wait, "wait"},
                              {SpanKind::Compensation, "compensation"},
                              {SpanKind::Branch, "branch"},
                              {SpanKind::Item, "item"},
                              {SpanKind::Debug, "debug"}},
                             parseSpanKind);
    }
};

QTEST_GUILESS_MAIN(TestTrace)
#include "tst_trace.moc"
