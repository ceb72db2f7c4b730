// ScriptEvaluator: results, errors and their names, code that tries to escape the function it runs
// in, fresh built-ins and globals between runs (also through FlowRun), timeouts that cover
// compilation and builtins that ignore interrupts, and the per-step memory limit. LABELS: unit
#include "runharness.h"

#include <engine/model/flowparser.h>
#include <engine/runtime/circuitbreaker.h>
#include <engine/runtime/executor.h>
#include <engine/runtime/scriptevaluator.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QtTest>

#include <fstream>

using namespace tutti::engine;
using namespace tutti::engine::test;

namespace {

constexpr Micros kShort = 150 * kMillisecond;
constexpr std::size_t kMiB = std::size_t(1) << 20;

const Json kContext = {{"input", {{"qty", 21}, {"sku", "A-1"}}},
                       {"steps", {{"prev", {{"body", {{"id", "r1"}}}}}}},
                       {"vars", {{"n", 2}}},
                       {"env", {{"region", "eu"}}},
                       {"run", {{"id", "run-1"}, {"attempt", 1}}},
                       {"item", nullptr},
                       {"index", nullptr}};

// Resident set of this process, from /proc/self/statm.
std::size_t residentBytes()
{
    std::ifstream statm("/proc/self/statm");
    std::size_t pages = 0, resident = 0;
    statm >> pages >> resident;
    return resident * 4096;
}

} // namespace

class TestScriptEvaluator : public QObject {
    Q_OBJECT

    ScriptOutcome run(const std::string &code, Micros timeout = kSecond,
                      std::size_t memory = 256 * kMiB)
    {
        return m_scripts.evaluate(code, kContext, timeout, memory);
    }

    // Fails the test unless `code` returns true.
    void expectTrue(const std::string &code)
    {
        const ScriptOutcome out = run(code);
        if (!out.ok)
            qWarning("%s", out.message.c_str());
        QVERIFY(out.ok);
        QCOMPARE(out.value, Json(true));
    }

    ScriptEvaluator m_scripts;

private slots:
    void returnsJsonWithTheContextInScope()
    {
        ScriptOutcome out = run("return { total: input.qty * 2, id: steps.prev.body.id, "
                                "n: vars.n, region: env.region, run: run.id, item, index };");
        QVERIFY2(out.ok, out.message.c_str());
        QCOMPARE(out.value, Json({{"total", 42},
                                  {"id", "r1"},
                                  {"n", 2},
                                  {"region", "eu"},
                                  {"run", "run-1"},
                                  {"item", nullptr},
                                  {"index", nullptr}}));
        out = run("const s = 'caf\u00e9'; return [s, s.length, 1.5, true, null];");
        QVERIFY2(out.ok, out.message.c_str());
        QCOMPARE(out.value, Json::parse(R"(["café", 4, 1.5, true, null])"));
        out = run("var x = 1; x += 1;"); // no return: null
        QVERIFY(out.ok);
        QVERIFY(out.value.is_null());
    }

    void eachCallWorksOnItsOwnCopyOfTheContext()
    {
        QVERIFY(run("input.qty = 0; vars.extra = 1; return null;").ok);
        expectTrue("return input.qty === 21 && vars.extra === undefined;");
    }

    void errorsCarryTheirLine()
    {
        ScriptOutcome out = run("const a = 1;\n\nthrow new Error('nope');");
        QVERIFY(!out.ok);
        QVERIFY(!out.timedOut && !out.outOfMemory);
        QVERIFY2(out.message.find("Error: nope") != std::string::npos, out.message.c_str());
        QCOMPARE(out.line, 3);

        out = run("const a = 1;\nreturn (;");
        QVERIFY(!out.ok);
        QVERIFY2(out.message.find("SyntaxError") != std::string::npos, out.message.c_str());
        QCOMPARE(out.line, 2);

        out = run("throw 'boom';");
        QVERIFY(!out.ok);
        QVERIFY2(out.message.find("boom") != std::string::npos, out.message.c_str());

        out = run("return function () {};");
        QVERIFY(!out.ok);
        QVERIFY2(out.message.find("not JSON") != std::string::npos, out.message.c_str());

        out = run("const o = {}; o.self = o; return o;");
        QVERIFY(!out.ok);
        QVERIFY2(out.message.find("TypeError") != std::string::npos, out.message.c_str());
    }

    // Rows: code, what the message starts with after "LINE: " (the JS error's name and text),
    // the line (0: not checked).
    void errorKinds_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("line");
        QTest::newRow("TypeError") << "const o = null;\nreturn o.x;"
                                   << "TypeError" << 2;
        QTest::newRow("ReferenceError") << "return missing + 1;"
                                        << "ReferenceError" << 1;
        QTest::newRow("RangeError") << "\n\nreturn new Array(-1);"
                                    << "RangeError" << 3;
        QTest::newRow("SyntaxError") << "return {;"
                                     << "SyntaxError" << 1;
        QTest::newRow("strict mode") << "undeclared = 1;"
                                     << "ReferenceError" << 1;
        QTest::newRow("custom message") << "throw new Error('out of stock');"
                                        << "Error: out of stock" << 1;
        QTest::newRow("own subclass")
            << "class StockError extends Error {\n"
               "  constructor(m) { super(m); this.name = 'StockError'; }\n"
               "}\n"
               "throw new StockError('none left');"
            << "StockError: none left" << 2; // where the Error was built: super()
        QTest::newRow("thrown string") << "throw 'plain';"
                                       << "plain" << 0;
        QTest::newRow("thrown number") << "throw 42;"
                                       << "42" << 0;
        QTest::newRow("a symbol is not JSON") << "return Symbol('s');"
                                              << "not JSON" << 0;
    }
    void errorKinds()
    {
        QFETCH(QString, code);
        QFETCH(QString, message);
        QFETCH(int, line);
        const ScriptOutcome out = run(code.toStdString());
        QVERIFY(!out.ok);
        QVERIFY(!out.timedOut && !out.outOfMemory);
        QVERIFY(!out.message.empty());
        QVERIFY2(out.message.find(message.toStdString()) != std::string::npos, out.message.c_str());
        if (line > 0)
            QCOMPARE(out.line, line);
        expectTrue("return true;"); // an error never breaks the worker
    }

    // Rows: a script step's code and timeout, the error name the trace gives it, and whether a
    // `catch` on that name takes the run to its recovery step: every failure of a script is
    // "script", except running out of time, which is "timeout".
    void errorNamesThroughFlowRun_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("timeout");
        QTest::addColumn<QString>("name");
        QTest::newRow("throw") << "throw new TypeError('bad');"
                               << "5s"
                               << "script";
        QTest::newRow("syntax error") << "return (;"
                                      << "5s"
                                      << "script";
        QTest::newRow("not JSON") << "return () => 1;"
                                  << "5s"
                                  << "script";
        QTest::newRow("loop past the timeout") << "for (;;) {}"
                                               << "100ms"
                                               << "timeout";
    }
    void errorNamesThroughFlowRun()
    {
        QFETCH(QString, code);
        QFETCH(QString, timeout);
        QFETCH(QString, name);
        const std::string yaml = "tutti: 1\nname: s\nsteps:\n"
                                 "  - id: s\n    type: script\n    timeout: " +
                                 timeout.toStdString() +
                                 "\n    code: " + Json(code.toStdString()).dump() +
                                 "\n    catch: [ { on: [" + name.toStdString() +
                                 "], next: recover } ]\n"
                                 "  - { id: never, type: transform, set: { x: 1 } }\n"
                                 "  - { id: recover, type: respond, body: recovered }\n";
        auto flow = flowFrom(yaml);
        QVERIFY(flow);
        Harness h;
        h.scripts = &m_scripts;
        RunResult r = h.run(flow, Json::object(), 0, "run-1");
        QCOMPARE(r.record.status, RunStatus::Succeeded);
        QCOMPARE(r.record.output, Json("recovered"));
        bool seen = false;
        for (const auto &s : r.record.steps) {
            QVERIFY2(s.id != "never", "the catch did not jump");
            if (s.id == "s") {
                seen = true;
                QCOMPARE(s.status, StepStatus::Failed);
                QCOMPARE(QString::fromStdString(s.error.value("type", std::string())), name);
            }
        }
        QVERIFY(seen);
    }

    void codeCannotEscapeItsFunction_data()
    {
        QTest::addColumn<QString>("code");
        QTest::newRow("close and loop") << "}); while (true) {} (function () {";
        QTest::newRow("close the wrapper twice")
            << "}) }); while (true) {} (function () { (function () {";
        QTest::newRow("close and pollute")
            << "}); Object.prototype.pwned = 1; this.pwned = 1; (function () {";
        QTest::newRow("close, newline and loop") << "}\n)\n;for(;;){}\n(function(){";
        QTest::newRow("end the function early") << "} + (function () { while (true) {} })() + {";
        QTest::newRow("open a comment") << "}); while (true) {} /*";
        QTest::newRow("close the adapter")
            << "})(); }); Object.prototype.pwned = 1; (function(){ (function(){";
    }
    void codeCannotEscapeItsFunction()
    {
        QFETCH(QString, code);
        const ScriptOutcome out = run(code.toStdString(), kShort);
        QVERIFY(!out.ok);
        QVERIFY2(!out.timedOut, "escaped code ran");
        QVERIFY2(out.message.find("SyntaxError") != std::string::npos, out.message.c_str());
        // Nothing of it ran, not even at compile time.
        expectTrue("return ({}).pwned === undefined;");
    }

    void builtinsAndGlobalsAreFrozen_data()
    {
        QTest::addColumn<QString>("code");
        QTest::newRow("prototype property") << "Object.prototype.leak = 1;";
        QTest::newRow("defineProperty") << "Object.defineProperty(Object.prototype, 'leak', "
                                           "{ value: 1 });";
        QTest::newRow("array method") << "Array.prototype.push = function () { return 0; };";
        QTest::newRow("delete a method") << "delete Array.prototype.map;";
        QTest::newRow("JSON.stringify") << "JSON.stringify = () => '\"owned\"';";
        QTest::newRow("Math") << "Math.max = () => 0;";
        QTest::newRow("constructor static") << "Object.keys = () => [];";
        QTest::newRow("undeclared global") << "leak = 1;";
        QTest::newRow("global via Function") << "Function('return this')().leak = 1;";
        QTest::newRow("global via eval") << "(0, eval)('this').leak = 1;";
        QTest::newRow("sloppy var via eval") << "(0, eval)('var leak = 1'); return leak;";
        QTest::newRow("prototype chain") << "Object.setPrototypeOf(Array.prototype, { leak: 1 });";
        QTest::newRow("iterator prototype")
            << "Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())).leak = 1;";
        QTest::newRow("generator prototype")
            << "Object.getPrototypeOf(function* () {}).prototype.leak = 1;";
        QTest::newRow("typed array prototype")
            << "Object.getPrototypeOf(Int8Array.prototype).leak = 1;";
        QTest::newRow("error prototype") << "Error.prototype.leak = 1;";
        QTest::newRow("the function itself") << "anonymous.leak = 1;";
        QTest::newRow("String.prototype") << "String.prototype.trim = () => 'x';";
    }
    void builtinsAndGlobalsAreFrozen()
    {
        QFETCH(QString, code);
        const ScriptOutcome out = run(code.toStdString());
        QVERIFY2(!out.ok, "a shared built-in or the global object could be changed");
        QVERIFY(!out.timedOut);
        QVERIFY2(out.message.find("Error") != std::string::npos, out.message.c_str());
        // The next run sees pristine built-ins.
        expectTrue("return ({}).leak === undefined && typeof leak === 'undefined' && "
                   "[].leak === undefined && [1].map(x => x + 1)[0] === 2 && "
                   "typeof anonymous.leak === 'undefined' && Math.max(1, 2) === 2 && "
                   "JSON.stringify({ a: 1 }) === '{\"a\":1}' && Object.keys({ a: 1 }).length "
                   "=== 1 && ' a '.trim() === 'a' && new Error('x').leak === undefined && "
                   "(function* () {})().leak === undefined && new Int8Array(1).leak === "
                   "undefined && (() => { const a = []; a.push(1); return a.length; })() === 1;");
    }

    void runsDoNotShareState()
    {
        // RegExp's legacy statics would hand the last match of one run to the next.
        QVERIFY(run("return /(sec)ret/.exec('secret')[1];").ok);
        expectTrue("return RegExp.$1 === undefined && RegExp.lastMatch === undefined;");
        // A var or function declared in one run is gone in the next.
        QVERIFY(run("var counter = 1; function helper() { return 1; } return counter;").ok);
        expectTrue("return typeof counter === 'undefined' && typeof helper === 'undefined';");
    }

    void ordinaryCodeStillWorksOnFrozenBuiltins()
    {
        // Assigning a name that a frozen prototype also has (toString, message, name) makes an
        // own property, as on an unfrozen realm.
        ScriptOutcome out = run(R"(
            const o = {};
            o.toString = () => 'custom';
            o.constructor = 'c';
            o.hasOwnProperty = 1;
            const counts = {};
            for (const w of ['constructor', 'valueOf', 'x', 'x'])
                counts[w] = (Object.prototype.hasOwnProperty.call(counts, w) ? counts[w] : 0) + 1;
            const e = new Error('first');
            e.message = 'second';
            class MyError extends Error {
                constructor(m) { super(m); this.name = 'MyError'; }
            }
            const m = new MyError('bad');
            const f = function () {};
            f.prototype.greet = () => 'hi';
            return [String(o), o.constructor, o.hasOwnProperty, counts, e.message, m.name,
                    String(m), new f().greet(), Object.prototype.toString.call([])];
        )");
        QVERIFY2(out.ok, out.message.c_str());
        QCOMPARE(out.value,
                 Json::parse(R"(["custom", "c", 1, {"constructor": 1, "valueOf": 1, "x": 2},
                                "second", "MyError", "MyError: bad", "hi", "[object Array]"])"));
        // Assigning on the frozen prototype itself still fails.
        QVERIFY(!run("Object.prototype.toString = () => 'x';").ok);
        QVERIFY(!run("Error.prototype.message = 'x';").ok);
        expectTrue("return String({}) === '[object Object]' && new Error().message === '';");
    }

    void noHostFacilities()
    {
        expectTrue("return [typeof print, typeof console, typeof Qt, typeof gc, typeof qsTr, "
                   "typeof setTimeout, typeof setInterval, typeof require, typeof fetch, "
                   "typeof XMLHttpRequest, typeof importScripts, typeof process]"
                   ".every(t => t === 'undefined');");
        // Promise callbacks never run: nothing outlives the call (they would run outside the
        // watchdog, from whatever event loop comes next).
        QVERIFY(run("Promise.resolve().then(() => { while (true) {} }); return 1;").ok);
        QCoreApplication::processEvents();
        QCoreApplication::sendPostedEvents();
        expectTrue("return true;");
    }

    void timeoutStopsLoopsAndTheNextScriptWorks()
    {
        ScriptOutcome out = run("while (true) {}", kShort);
        QVERIFY(!out.ok);
        QVERIFY(out.timedOut);
        QVERIFY2(out.message.find("timeout") != std::string::npos, out.message.c_str());
        // A loop that catches what the interrupt throws.
        out = run("for (;;) { try { for (;;) {} } catch (e) {} }", kShort);
        QVERIFY(out.timedOut);
        out = run("function f() { try { f(); } catch (e) { f(); } } f();", kShort);
        QVERIFY(!out.ok);
        expectTrue("return true;");
    }

    void timeoutCoversBuiltinsThatIgnoreInterrupts()
    {
        // Filling a sparse array of 5e7 slots is one builtin call: it takes seconds and never
        // looks at the interrupt flag. The step still ends at its timeout (plus a grace).
        QElapsedTimer timer;
        timer.start();
        const ScriptOutcome out = run("return new Array(5e7).fill(0).length;", kShort);
        QVERIFY(!out.ok);
        QVERIFY(out.timedOut);
        QVERIFY2(timer.elapsed() < 5000, "the builtin ran to its end");
        expectTrue("return true;");
    }

    void timeoutCoversCompilation()
    {
        // ~4 MB of code in a function that is never called: running it is instant, compiling
        // it takes far longer than the timeout.
        std::string code = "function never() { let a = 0, b = 0;\n";
        code.reserve(4u << 20);
        while (code.size() < (4u << 20) - 64)
            code += "a = a + 1; b = [a, b, { c: a * b }];\n";
        code += "}\nreturn 1;";
        const ScriptOutcome out = run(code, 10 * kMillisecond);
        QVERIFY(!out.ok);
        QVERIFY2(out.timedOut, out.message.c_str());
        expectTrue("return true;");
    }

    void memoryLimitEndsTheStep_data()
    {
        QTest::addColumn<QString>("code");
        QTest::newRow("growing array") << "const a = []; for (;;) a.push({ n: a.length });";
        QTest::newRow("growing strings")
            << "const a = []; for (let i = 0; ; ++i) a.push('x'.repeat(1e5) + i);";
        QTest::newRow("doubling string") << "let s = 'x'; for (;;) s += s;";
        QTest::newRow("one huge string") << "return 'x'.repeat(2 ** 28).length;";
        QTest::newRow("one huge typed array") << "return new Uint8Array(2 ** 30).fill(1).length;";
        QTest::newRow("sparse fill") << "return new Array(1e8).fill(0).length;";
    }
    void memoryLimitEndsTheStep()
    {
        if (!ScriptEvaluator::enforcesMemoryLimit())
            QSKIP("AddressSanitizer cannot run under an address-space limit");
        QFETCH(QString, code);
        const std::size_t before = residentBytes();
        const ScriptOutcome out = run(code.toStdString(), 20 * kSecond, 64 * kMiB);
        QVERIFY(!out.ok);
        QVERIFY2(!out.timedOut, out.message.c_str());
        QVERIFY2(out.message.find("memory") != std::string::npos, out.message.c_str());
        // This process did not grow by what the script allocated, and scripts still work.
        QVERIFY2(residentBytes() < before + 32 * kMiB,
                 "the script's memory stayed in this process");
        expectTrue("return [1, 2, 3].reduce((a, b) => a + b) === 6;");
    }

    void memoryLimitLeavesRoomForOrdinaryScripts()
    {
        const ScriptOutcome out =
            run("const a = []; for (let i = 0; i < 1e5; ++i) a.push({ i }); return a.length;",
                10 * kSecond, 64 * kMiB);
        QVERIFY2(out.ok, out.message.c_str());
        QCOMPARE(out.value, Json(100000));
    }

    void freshBuiltinsAcrossFlowRuns()
    {
        // Two runs of one flow in one process sharing one evaluator, as a simulation does: the
        // first run tries to change what every later run would see.
        auto flow = flowFrom(R"(
tutti: 1
name: s
steps:
  - id: tamper
    type: script
    code: |
      const tries = [() => { Object.prototype.polluted = 'yes'; },
                     () => { JSON.stringify = () => '"forged"'; },
                     () => { Array.prototype.map = null; },
                     () => { seen = (typeof seen === 'number' ? seen : 0) + 1; }];
      let blocked = 0;
      for (const t of tries) { try { t(); } catch (e) { ++blocked; } }
      return blocked;
  - id: check
    type: script
    code: |
      return ({}).polluted === undefined && JSON.stringify([1]) === '[1]' &&
             typeof [].map === 'function' && typeof seen === 'undefined';
)");
        QVERIFY(flow);
        Harness h;
        h.scripts = &m_scripts;
        for (int i = 0; i < 2; ++i) {
            RunResult r = h.run(flow, Json::object(), 0, "run-" + std::to_string(i));
            QCOMPARE(r.record.status, RunStatus::Succeeded);
            QCOMPARE(r.record.output, Json(true));
        }
    }

    void scriptErrorsPointIntoTheFile()
    {
        auto flow = flowFrom(R"(tutti: 1
name: s
steps:
  - id: boom
    type: script
    code: |
      const x = 1;
      throw new Error('nope');
  )");
        QVERIFY(flow);
        Harness h;
        h.scripts = &m_scripts;
        RunResult r = h.run(flow, Json::object(), 0, "run-1");
        QCOMPARE(r.record.error["type"].get<std::string>(), std::string("script"));
        const std::string message = r.record.error["message"].get<std::string>();
        QVERIFY2(message.find("test.flow.yaml:8: Error: nope") != std::string::npos,
                 message.c_str());

        flow = flowFrom(R"(tutti: 1
name: s
steps:
  - id: typo
    type: script
    code: |
      const x = 1;

      return (x;
  )");
        QVERIFY(flow);
        r = h.run(flow, Json::object(), 0, "run-1");
        QCOMPARE(r.record.error["type"].get<std::string>(), std::string("script"));
        const std::string syntax = r.record.error["message"].get<std::string>();
        QVERIFY2(syntax.find("test.flow.yaml:9: SyntaxError") != std::string::npos, syntax.c_str());
    }

    void memoryAndTimeoutErrorsThroughFlowRun()
    {
        if (!ScriptEvaluator::enforcesMemoryLimit())
            QSKIP("AddressSanitizer cannot run under an address-space limit");
        auto flow = flowFrom(R"(
tutti: 1
name: s
steps:
  - id: hog
    type: script
    memory: 32MiB
    timeout: 20s
    catch: [ { on: [script], next: spin } ]
    code: "const a = []; for (;;) a.push('y'.repeat(1000) + a.length);"
  - id: spin
    type: script
    timeout: 100ms
    code: "for (;;) {}"
)");
        QVERIFY(flow);
        Harness h;
        h.scripts = &m_scripts;
        RunResult r = h.run(flow, Json::object(), 0, "run-1");
        QCOMPARE(r.record.status, RunStatus::Failed);
        QCOMPARE(r.record.error["type"].get<std::string>(), std::string("timeout"));
        QCOMPARE(r.record.error["step"].get<std::string>(), std::string("spin"));
        bool hogFailed = false;
        for (const auto &s : r.record.steps)
            if (s.id == "hog" && s.status == StepStatus::Failed) {
                hogFailed = true;
                QCOMPARE(s.error["type"].get<std::string>(), std::string("script"));
                const std::string message = s.error["message"].get<std::string>();
                QVERIFY2(message.find("memory") != std::string::npos, message.c_str());
            }
        QVERIFY(hogFailed);
    }
};

QTEST_GUILESS_MAIN(TestScriptEvaluator)
#include "tst_scriptevaluator.moc"
