// `tutti debug --dap` driven over its pipes as a DAP client does: the bundled checkout example
// through initialize → launch → setBreakpoints → configurationDone → stopped → stackTrace, scopes,
// variables, evaluate, setVariable → next → continue → terminated/exited (and the edit is in the
// trace), stop = compensation with `tutti run`'s exit code, and garbage frames that never crash
// it.
#include "../testfiles.h"

#include <engine/core/json.h>
#include <engine/core/jsonio.h>
#include <engine/trace/tracestore.h>

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <optional>

using tutti::engine::Json;

namespace {

const QString kTutti = QStringLiteral(TUTTI_BINARY_DIR "/app/tutti");

// A DAP client over the process's pipes. Reads are bounded by a deadline, never slept.
class DapClient {
public:
    explicit DapClient(const QStringList &args = {QStringLiteral("debug"), QStringLiteral("--dap")})
    {
        m_process.start(kTutti, args);
        m_process.waitForStarted();
    }
    ~DapClient()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }
    QProcess &process() { return m_process; }

    void writeRaw(const QByteArray &bytes)
    {
        m_process.write(bytes);
        m_process.waitForBytesWritten();
    }
    int request(const std::string &command, Json arguments = Json::object())
    {
        const int seq = m_seq++;
        Json message = {{"seq", seq}, {"type", "request"}, {"command", command}};
        if (!arguments.empty())
            message["arguments"] = std::move(arguments);
        const std::string body = tutti::engine::dumpJson(message);
        writeRaw("Content-Length: " + QByteArray::number(qsizetype(body.size())) + "\r\n\r\n" +
                 QByteArray::fromStdString(body));
        return seq;
    }
    // The next message that `match` accepts; every message read is kept in log().
    std::optional<Json> waitFor(const std::function<bool(const Json &)> &match, int ms = 20000)
    {
        QElapsedTimer timer;
        timer.start();
        for (;;) {
            while (auto message = next())
                if (match(*message))
                    return message;
            const int left = ms - int(timer.elapsed());
            if (left <= 0 || m_process.state() == QProcess::NotRunning)
                return std::nullopt;
            m_process.waitForReadyRead(left);
        }
    }
    std::optional<Json> response(int seq)
    {
        return waitFor([seq](const Json &m) {
            return m.value("type", std::string()) == "response" &&
                   m.value("request_seq", -1) == seq;
        });
    }
    std::optional<Json> event(const std::string &name)
    {
        return waitFor([name](const Json &m) { return m.value("event", std::string()) == name; });
    }
    const std::vector<Json> &log() const { return m_log; }

private:
    std::optional<Json> next()
    {
        m_buffer += m_process.readAllStandardOutput();
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return std::nullopt;
        const QByteArray header = m_buffer.left(end);
        const qsizetype length = header.mid(header.indexOf(':') + 1).trimmed().toLongLong();
        if (m_buffer.size() < end + 4 + length)
            return std::nullopt;
        Json message = Json::parse(m_buffer.mid(end + 4, length).toStdString());
        m_buffer.remove(0, end + 4 + length);
        m_log.push_back(message);
        return message;
    }

    QProcess m_process;
    QByteArray m_buffer;
    int m_seq = 1;
    std::vector<Json> m_log;
};

bool ok(const std::optional<Json> &response)
{
    return response && response->value("success", false);
}

// The line of `text` in `file` (1-based), 0 when absent.
int lineOf(const QString &file, const QString &text)
{
    const QStringList lines = QString::fromUtf8(testfiles::readBytes(file)).split('\n');
    for (int i = 0; i < lines.size(); ++i)
        if (lines[i].contains(text))
            return i + 1;
    return 0;
}

} // namespace

class TestDapSession : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(QFile::exists(kTutti), qPrintable(kTutti)); }

    void fullSession()
    {
        QTemporaryDir dir;
        QVERIFY(testfiles::copyTree(QStringLiteral(TUTTI_EXAMPLES "/checkout"), dir.path()));
        const QString flow = dir.path() + "/checkout.flow.yaml";
        const int chargeLine = lineOf(flow, "- id: charge");
        const int requestLine = lineOf(flow, "request: { method: POST, path: /charges");
        const int doneLine = lineOf(flow, "- id: done");
        QVERIFY(chargeLine > 0 && requestLine > chargeLine && doneLine > 0);

        DapClient dap;
        auto init = dap.response(dap.request("initialize", {{"adapterID", "tutti"}}));
        QVERIFY(ok(init));
        QVERIFY((*init)["body"].value("supportsConditionalBreakpoints", false));
        const int launch =
            dap.request("launch", {{"program", flow.toStdString()},
                                   {"input", {{"sku", "A-1"}, {"qty", 1}, {"amount", 10}}},
                                   {"seed", 7}});
        QVERIFY(dap.event("initialized"));
        // A line inside charge's mapping means charge (canonical: its `- id:` line); a condition
        // that holds; a line outside every step is not verified.
        auto bps = dap.response(dap.request(
            "setBreakpoints",
            {{"source", {{"path", flow.toStdString()}}},
             {"breakpoints", Json::array({{{"line", requestLine}},
                                          {{"line", doneLine}, {"condition", "input.qty == 1"}},
                                          {{"line", 1}}})}}));
        QVERIFY(ok(bps));
        const Json &list = (*bps)["body"]["breakpoints"];
        QCOMPARE(list.size(), std::size_t(3));
        QVERIFY(list[0]["verified"].get<bool>());
        QCOMPARE(list[0]["line"].get<int>(), chargeLine);
        QVERIFY(list[1]["verified"].get<bool>());
        QVERIFY(!list[2]["verified"].get<bool>());
        QVERIFY(ok(dap.response(dap.request("configurationDone"))));
        QVERIFY(ok(dap.response(launch)));

        auto stopped = dap.event("stopped");
        QVERIFY(stopped);
        QCOMPARE((*stopped)["body"]["reason"].get<std::string>(), std::string("breakpoint"));
        auto threads = dap.response(dap.request("threads"));
        QVERIFY(ok(threads));
        QCOMPARE((*threads)["body"]["threads"].size(), std::size_t(1));
        auto stack = dap.response(dap.request("stackTrace", {{"threadId", 1}}));
        QVERIFY(ok(stack));
        const Json &frame = (*stack)["body"]["stackFrames"][0];
        QCOMPARE(frame["name"].get<std::string>(), std::string("charge"));
        QCOMPARE(frame["line"].get<int>(), chargeLine);
        QVERIFY(QString::fromStdString(frame["source"]["path"].get<std::string>())
                    .endsWith("checkout.flow.yaml"));

        auto scopes = dap.response(dap.request("scopes", {{"frameId", 1}}));
        QVERIFY(ok(scopes));
        std::map<std::string, int> refs;
        for (const Json &s : (*scopes)["body"]["scopes"])
            refs[s["name"].get<std::string>()] = s["variablesReference"].get<int>();
        QVERIFY(refs.count("input") && refs.count("steps") && refs.count("vars") &&
                refs.count("env"));
        auto steps =
            dap.response(dap.request("variables", {{"variablesReference", refs["steps"]}}));
        QVERIFY(ok(steps));
        QCOMPARE((*steps)["body"]["variables"][0]["name"].get<std::string>(),
                 std::string("reserve"));
        auto evaluated = dap.response(dap.request(
            "evaluate",
            {{"expression", "steps.reserve.status"}, {"frameId", 1}, {"context", "watch"}}));
        QVERIFY(ok(evaluated));
        QCOMPARE((*evaluated)["body"]["result"].get<std::string>(), std::string("201"));
        QVERIFY(!ok(dap.response(dap.request("evaluate", {{"expression", "input.("}}))));
        auto set = dap.response(dap.request(
            "setVariable",
            {{"variablesReference", refs["input"]}, {"name", "amount"}, {"value", "12"}}));
        QVERIFY(ok(set));
        QCOMPARE((*set)["body"]["value"].get<std::string>(), std::string("12"));
        // charge is an http step: its `request` scope is what it will send, edit included.
        QVERIFY(refs.count("request"));
        auto request =
            dap.response(dap.request("variables", {{"variablesReference", refs["request"]}}));
        QVERIFY(ok(request));
        std::map<std::string, std::string> sent;
        for (const Json &v : (*request)["body"]["variables"])
            sent[v["name"].get<std::string>()] = v["value"].get<std::string>();
        QVERIFY2(sent["url"].find("mock://payment/charges") != std::string::npos,
                 sent["url"].c_str());
        QVERIFY2(sent["method"].find("POST") != std::string::npos, sent["method"].c_str());
        int bodyRef = 0;
        for (const Json &v : (*request)["body"]["variables"])
            if (v["name"] == "body")
                bodyRef = v["variablesReference"].get<int>();
        QVERIFY(bodyRef > 0);
        auto body = dap.response(dap.request("variables", {{"variablesReference", bodyRef}}));
        QVERIFY(ok(body));
        std::map<std::string, std::string> fields;
        for (const Json &v : (*body)["body"]["variables"]) {
            fields[v["name"].get<std::string>()] = v["value"].get<std::string>();
            QVERIFY(!v.contains("evaluateName")); // `request` is no expression root
        }
        QCOMPARE(fields["amount"], std::string("12"));
        QVERIFY(!ok(dap.response(dap.request(
            "setVariable",
            {{"variablesReference", refs["request"]}, {"name", "url"}, {"value", "\"x\""}}))));

        QVERIFY(ok(dap.response(dap.request("next", {{"threadId", 1}}))));
        stopped = dap.event("stopped");
        QVERIFY(stopped);
        QCOMPARE((*stopped)["body"]["reason"].get<std::string>(), std::string("step"));
        stack = dap.response(dap.request("stackTrace", {{"threadId", 1}}));
        QCOMPARE((*stack)["body"]["stackFrames"][0]["name"].get<std::string>(),
                 std::string("ship_and_notify"));
        QVERIFY(ok(dap.response(dap.request("continue", {{"threadId", 1}}))));
        stopped = dap.event("stopped"); // done's condition holds
        QVERIFY(stopped);
        QVERIFY(ok(dap.response(dap.request("continue", {{"threadId", 1}}))));
        QVERIFY(dap.event("terminated"));
        auto exited = dap.event("exited");
        QVERIFY(exited);
        QCOMPARE((*exited)["body"]["exitCode"].get<int>(), 0);
        QVERIFY(ok(dap.response(dap.request("disconnect"))));
        QVERIFY(dap.process().waitForFinished(20000));
        QCOMPARE(dap.process().exitCode(), 0);

        // The step lines `tutti run` prints came as output events.
        bool sawCharge = false;
        for (const Json &m : dap.log())
            if (m.value("event", std::string()) == "output" &&
                m["body"].value("output", std::string()).find("✓ charge") != std::string::npos)
                sawCharge = true;
        QVERIFY(sawCharge);
        // The run is in the workspace's trace database with the edit recorded as a debug span.
        tutti::engine::TraceStore store;
        QVERIFY(store.open((dir.path() + "/.tutti/traces.db").toStdString()).has_value());
        auto runs = store.listRuns({});
        QVERIFY(runs.has_value());
        QCOMPARE(runs->size(), std::size_t(1));
        auto run = store.loadRun(runs->front().id);
        QVERIFY(run.has_value());
        bool sawEdit = false;
        for (const auto &span : run->second)
            if (span.kind == tutti::engine::SpanKind::Debug && span.name == "set input/amount")
                sawEdit = span.request.value("value", Json()) == Json(12);
        QVERIFY(sawEdit);
    }

    // Stop at a breakpoint, then terminate: completed steps are compensated and `exited` carries
    // `tutti run`'s exit code for a compensated run (3).
    void terminateCompensates()
    {
        QTemporaryDir dir;
        QVERIFY(testfiles::copyTree(QStringLiteral(TUTTI_EXAMPLES "/checkout"), dir.path()));
        const QString flow = dir.path() + "/checkout.flow.yaml";
        DapClient dap;
        QVERIFY(ok(dap.response(dap.request("initialize"))));
        dap.request("launch", {{"program", flow.toStdString()},
                               {"input", {{"sku", "A-1"}, {"qty", 1}, {"amount", 10}}},
                               {"noTrace", true}});
        QVERIFY(dap.event("initialized"));
        dap.request("setBreakpoints",
                    {{"source", {{"path", flow.toStdString()}}},
                     {"breakpoints", Json::array({{{"line", lineOf(flow, "- id: done")}}})}});
        dap.request("configurationDone");
        QVERIFY(dap.event("stopped"));
        QVERIFY(ok(dap.response(dap.request("terminate"))));
        auto exited = dap.event("exited");
        QVERIFY(exited);
        QCOMPARE((*exited)["body"]["exitCode"].get<int>(), 3);
        bool compensated = false;
        for (const Json &m : dap.log())
            if (m.value("event", std::string()) == "output" &&
                m["body"].value("output", std::string()).find("↩ compensate charge") !=
                    std::string::npos)
                compensated = true;
        QVERIFY(compensated);
        QVERIFY(ok(dap.response(dap.request("disconnect"))));
        QVERIFY(dap.process().waitForFinished(20000));
    }

    void launchErrorsAreReported()
    {
        DapClient dap;
        dap.request("initialize");
        auto launch = dap.response(dap.request("launch", {{"program", "/nonexistent.flow.yaml"}}));
        QVERIFY(launch);
        QVERIFY(!ok(launch));
        auto exited = dap.event("exited");
        QVERIFY(exited);
        QCOMPARE((*exited)["body"]["exitCode"].get<int>(), 1);
        dap.request("disconnect");
        QVERIFY(dap.process().waitForFinished(20000));
    }

    // Hostile input: garbage headers, a missing or absurd Content-Length, a body that is not
    // JSON or is too deep, wrongly typed arguments. None crashes it; a valid request afterwards
    // is still answered, and EOF ends the process cleanly.
    void garbageNeverCrashesIt()
    {
        DapClient dap;
        dap.writeRaw("hello\r\n\r\n");
        dap.writeRaw("Content-Length: abc\r\n\r\n{}");
        dap.writeRaw("Content-Length: 99999999999\r\n\r\n"); // larger than 16 MiB: skipped
        dap.process().closeWriteChannel();
        QVERIFY(dap.process().waitForFinished(20000));
        QCOMPARE(dap.process().exitStatus(), QProcess::NormalExit);

        DapClient again;
        again.writeRaw(QByteArray(20000, 'x')); // a header block over its bound
        again.writeRaw("\r\n\r\n");
        again.writeRaw("Content-Length: 5\r\n\r\nnope!");
        QByteArray deep = QByteArray(200, '[') + QByteArray(200, ']');
        again.writeRaw("Content-Length: " + QByteArray::number(deep.size()) + "\r\n\r\n" + deep);
        again.writeRaw("Content-Length: 2\r\n\r\n[]");
        again.request("launch", {{"program", 42}, {"input", "not json"}});
        again.request("variables", {{"variablesReference", "x"}});
        again.request("setBreakpoints", {{"breakpoints", {{"line", "ten"}}}});
        again.request("stackTrace");
        again.request("evaluate", {{"expression", "1 +"}});
        again.request("noSuchRequest");
        // Random bytes framed as messages.
        quint32 state = 12345;
        for (int i = 0; i < 200; ++i) {
            QByteArray body;
            for (int j = 0; j < 40; ++j) {
                state = state * 1103515245u + 12345u;
                body.append(char("{}[]\":,0123456789abcdefnulltrue \\\x01\xff"[state % 40]));
            }
            again.writeRaw("Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" +
                           body);
        }
        auto init = again.response(again.request("initialize"));
        QVERIFY(ok(init));
        QVERIFY(again.process().state() == QProcess::Running);
        again.process().closeWriteChannel();
        QVERIFY(again.process().waitForFinished(20000));
        QCOMPARE(again.process().exitStatus(), QProcess::NormalExit);
    }
};

QTEST_GUILESS_MAIN(TestDapSession)
#include "tst_dapsession.moc"
