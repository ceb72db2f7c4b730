// TUTTI_ASSERT (engine/core/softassert): a false condition logs file:line and the condition and
// runs the recovery action (return, continue, break); a true one does neither; with the fatal
// switch (TUTTI_FATAL_ASSERTS, set for every CTest run) a failure aborts.
// LABELS: unit
#include <engine/core/softassert.h>
#include <engine/core/trace.h>

#include <QTest>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

#include <vector>

using namespace tutti::engine;

namespace {

int g_assertLine = 0; // the line of the assert in valueAt(), for the log check

int valueAt(const std::vector<int> &values, std::size_t i)
{
    g_assertLine = __LINE__ + 1;
    TUTTI_ASSERT(i < values.size(), return -1);
    return values[i];
}

} // namespace

class TestSoftAssert : public QObject {
    Q_OBJECT

private slots:
    void init() { setSoftAssertsFatal(false); } // this test exercises the failures on purpose
    void cleanupTestCase() { setSoftAssertsFatal(true); }

    void fatalSwitchComesFromTheEnvironment()
    {
        // CTest sets TUTTI_FATAL_ASSERTS for every test (see cmake/TuttiHelpers.cmake), so a soft
        // assert that fails anywhere in the suite fails the test that hit it.
        if (qEnvironmentVariableIsEmpty("TUTTI_FATAL_ASSERTS"))
            QSKIP("not run under CTest");
        // init() switched it off; the environment had switched it on before.
        QVERIFY(!softAssertsAreFatal());
    }

    void passingAssertDoesNothing()
    {
        const auto before = softAssertFailures();
        QCOMPARE(valueAt({4, 5}, 1), 5);
        QCOMPARE(softAssertFailures(), before);
    }

    void failingAssertLogsAndRecovers()
    {
        const auto before = softAssertFailures();
        QCOMPARE(valueAt({4, 5}, 2), -1); // the recovery action ran
        QCOMPARE(softAssertFailures(), before + 1);
        const std::string line = lastSoftAssert();
        QVERIFY2(line.find("\"i < values.size()\"") != std::string::npos, line.c_str());
        const std::string where =
            "tests/engine/core/tst_softassert.cpp:" + std::to_string(g_assertLine);
        QVERIFY2(line.find(where) != std::string::npos, line.c_str());
        QVERIFY2(line.find("/work/") == std::string::npos, line.c_str()); // from the source root
    }

    void actionMayContinueOrBreak()
    {
        int seen = 0;
        for (int i = 0; i < 5; ++i) {
            TUTTI_ASSERT(i != 2, continue);
            ++seen;
        }
        QCOMPARE(seen, 4);
        int last = -1;
        for (int i = 0; i < 5; ++i) {
            TUTTI_ASSERT(i < 3, break);
            last = i;
        }
        QCOMPARE(last, 2);
    }

    void enumNamesRecoverFromCorruptValues()
    {
        // One of the places that used to read past a table: a value cast from a bad number.
        const auto before = softAssertFailures();
        QCOMPARE(std::string(toString(RunStatus::Compensated)), std::string("compensated"));
        QCOMPARE(softAssertFailures(), before);
        QCOMPARE(std::string(toString(static_cast<RunStatus>(99))), std::string("unknown"));
        QCOMPARE(std::string(toString(static_cast<SpanStatus>(-1))), std::string("unknown"));
        QCOMPARE(softAssertFailures(), before + 2);
    }

    void fatalModeAborts()
    {
        const pid_t child = fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            setSoftAssertsFatal(true);
            (void)valueAt({}, 0);
            _exit(0); // not reached when the assert aborts
        }
        int status = 0;
        QCOMPARE(waitpid(child, &status, 0), child);
        QVERIFY2(WIFSIGNALED(status), "the failed assert did not end the process");
        QCOMPARE(WTERMSIG(status), SIGABRT);
    }
};

QTEST_GUILESS_MAIN(TestSoftAssert)
#include "tst_softassert.moc"
