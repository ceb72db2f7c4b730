// `tutti debug FLOW --dap`: a Debug Adapter Protocol server over stdin/stdout, so a flow can be
// debugged from VS Code, Neovim or any DAP client (docs/debugging.md). The run is set up the way
// `tutti run` sets one up (RunPlan, RunSession, the CLI's transports, the workspace's trace
// database) with an engine DebugSession as its debugger; this file only speaks the protocol.
#include "clisupport.h"
#include "commands.h"
#include "consolesink.h"
#include "dapframing.h"
#include "runsetup.h"

#include <engine/core/jsonio.h>
#include <engine/core/jsonnames.h>
#include <engine/debug/debugsession.h>
#include <engine/model/flowparser.h>
#include <engine/model/steplines.h>
#include <engine/model/yamldoc.h>
#include <engine/session/runsession.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QSocketNotifier>

#include <cerrno>
#include <cstdio>
#include <memory>
#include <optional>
#include <unistd.h>

namespace tutti::cli {

using namespace tutti::engine;

namespace {

constexpr int kThread = 1;                  // one thread: the run (a stop holds all of it)
constexpr std::size_t kMaxChildren = 10000; // variables listed per container at most

std::string canonical(const std::string &path)
{
    const QString c = QFileInfo(QString::fromStdString(path)).canonicalFilePath();
    return c.isEmpty() ? absolutePath(QString::fromStdString(path)) : c.toStdString();
}

// How a value reads in a variables view: scalars as JSON, containers as a short preview.
std::string display(const Json &value)
{
    if (value.is_object())
        return value.empty() ? "{}" : "{…} " + std::to_string(value.size()) + " keys";
    if (value.is_array())
        return value.empty() ? "[]" : "[…] " + std::to_string(value.size()) + " items";
    std::string text = dumpJson(value);
    if (text.size() > 4096)
        text = text.substr(0, 4096) + "…";
    return text;
}

bool identifier(const std::string &key)
{
    if (key.empty() || !(std::isalpha(static_cast<unsigned char>(key[0])) || key[0] == '_'))
        return false;
    for (char c : key)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_'))
            return false;
    return true;
}

class DapServer {
public:
    DapServer(std::string program, std::function<void(int)> quit)
        : m_program(std::move(program))
        , m_quit(std::move(quit))
    {
        m_reader.onMessage = [this](Json message) { handle(message); };
        m_reader.onProblem = [this](const std::string &problem) {
            event("output", {{"category", "stderr"}, {"output", "tutti debug: " + problem + "\n"}});
        };
        m_debug.onStopped = [this](const DebugStop &stop) { stopped(stop); };
        m_debug.onResumed = [this] { m_refs.clear(); };
    }

    void feed(std::string_view bytes) { m_reader.feed(bytes); }

    // The client went away: stop the run (compensating) and end.
    void inputClosed()
    {
        m_inputClosed = true;
        if (running())
            m_debug.stop();
        else
            m_quit(m_exitCode);
    }

private:
    struct VarRef {
        std::size_t frame = 0;
        DebugScope scope = DebugScope::Vars;
        std::string pointer;                  // inside the scope's value
        std::shared_ptr<const Json> snapshot; // an evaluate result: not editable
        std::string path;                     // the expression that reads it (evaluateName)
    };

    bool running() const { return m_session && m_session->isStarted() && !m_session->isFinished(); }

    // --- sending -------------------------------------------------------------------------------
    void send(Json message)
    {
        message["seq"] = m_seq++;
        const std::string frame = dapFrame(message);
        std::fwrite(frame.data(), 1, frame.size(), stdout);
        std::fflush(stdout);
    }
    void respond(const Json &request, Json body = Json::object())
    {
        send({{"type", "response"},
              {"request_seq", request.value("seq", 0)},
              {"success", true},
              {"command", request.value("command", std::string())},
              {"body", std::move(body)}});
    }
    void fail(const Json &request, const std::string &message)
    {
        send({{"type", "response"},
              {"request_seq",
               request.is_object() && request.contains("seq") && request["seq"].is_number_integer()
                   ? request["seq"].get<long long>()
                   : 0},
              {"success", false},
              {"command",
               request.is_object() && request.contains("command") && request["command"].is_string()
                   ? request["command"].get<std::string>()
                   : std::string()},
              {"message", message},
              {"body", {{"error", {{"id", 1}, {"format", message}}}}}});
    }
    void event(const std::string &name, Json body = Json::object())
    {
        send({{"type", "event"}, {"event", name}, {"body", std::move(body)}});
    }
    void output(const std::string &text, const char *category = "stdout")
    {
        event("output", {{"category", category}, {"output", text}});
    }

    // --- dispatch ------------------------------------------------------------------------------
    void handle(const Json &message)
    {
        if (message.value("type", Json("")) != Json("request") || !message.contains("command") ||
            !message["command"].is_string()) {
            output("tutti debug: ignored a message that is not a request\n", "stderr");
            return;
        }
        const std::string command = message["command"].get<std::string>();
        const Json args = message.contains("arguments") && message["arguments"].is_object()
                              ? message["arguments"]
                              : Json::object();
        try {
            if (command == "initialize")
                return initialize(message);
            if (command == "launch")
                return launch(message, args);
            if (command == "setBreakpoints")
                return setBreakpoints(message, args);
            if (command == "setExceptionBreakpoints") {
                bool unhandled = false;
                if (args.contains("filters") && args["filters"].is_array())
                    for (const Json &f : args["filters"])
                        unhandled = unhandled || f == Json("unhandled");
                m_debug.setStopOnException(unhandled);
                return respond(message);
            }
            if (command == "configurationDone")
                return configurationDone(message);
            if (command == "threads")
                return threads(message);
            if (command == "stackTrace")
                return stackTrace(message);
            if (command == "scopes")
                return scopes(message, args);
            if (command == "variables")
                return variables(message, args);
            if (command == "setVariable")
                return setVariable(message, args);
            if (command == "evaluate")
                return evaluate(message, args);
            if (command == "continue") {
                respond(message, {{"allThreadsContinued", true}});
                return m_debug.continueRun();
            }
            if (command == "next") {
                respond(message);
                return m_debug.stepOver();
            }
            if (command == "stepIn") {
                respond(message);
                return m_debug.stepIn();
            }
            if (command == "pause") {
                respond(message);
                return m_debug.pause();
            }
            if (command == "terminate") {
                respond(message);
                if (running())
                    m_debug.stop();
                else
                    finishWithoutRun(m_exitCode);
                return;
            }
            if (command == "disconnect")
                return disconnect(message);
            fail(message, "unsupported request '" + command + "'");
        } catch (const std::exception &e) { // a wrongly typed argument, in any request
            fail(message, std::string("invalid arguments: ") + e.what());
        }
    }

    // --- requests ------------------------------------------------------------------------------
    void initialize(const Json &request)
    {
        respond(request, {{"supportsConfigurationDoneRequest", true},
                          {"supportsConditionalBreakpoints", true},
                          {"supportsSetVariable", true},
                          {"supportsEvaluateForHovers", true},
                          {"supportsTerminateRequest", true},
                          {"exceptionBreakpointFilters",
                           Json::array({{{"filter", "unhandled"},
                                         {"label", "Unhandled step errors (before compensation)"},
                                         {"default", true}}})}});
    }

    void launch(const Json &request, const Json &args)
    {
        if (m_session || m_launchFailed)
            return fail(request, "a run is already launched");
        const std::string program = args.contains("program") && args["program"].is_string()
                                        ? args["program"].get<std::string>()
                                        : m_program;
        if (program.empty())
            return launchFailed(request, "launch: no program (the flow file) given", ExitUsage);
        const std::string path = absolutePath(QString::fromStdString(program));
        const std::string environment = args.value("environment", std::string("mock"));

        // As `tutti run` does it: the plan, the input against its schema, then the session.
        auto plan = RunPlan::load({path, {}, {}}, environment);
        if (!plan)
            return launchFailed(request, plan.error().text(), setupExitCode(plan.error()));
        Json input = Json::object();
        if (args.contains("input")) {
            if (args["input"].is_string()) {
                auto parsed = readJsonArgument(
                    QString::fromStdString(args["input"].get<std::string>()), "input");
                if (!parsed)
                    return launchFailed(request, parsed.error().toString(), ExitInvalid);
                input = std::move(*parsed);
            } else {
                input = args["input"];
            }
        }
        if (Errors problems = plan->inputProblems(input); !problems.empty()) {
            const SetupError error{SetupStage::Input, std::move(problems)};
            return launchFailed(request, error.text(), setupExitCode(error));
        }
        RunRequest run;
        run.input = std::move(input);
        if (args.contains("seed")) {
            const Json &seed = args["seed"];
            if (seed.is_number_unsigned() ||
                (seed.is_number_integer() && seed.get<long long>() >= 0))
                run.seed = seed.get<std::uint64_t>();
            else if (seed.is_string() && !seed.get<std::string>().empty()) {
                bool ok = false;
                run.seed = QString::fromStdString(seed.get<std::string>()).toULongLong(&ok);
                if (!ok)
                    return launchFailed(request, "launch: seed takes a non-negative whole number",
                                        ExitUsage);
            }
        }
        if (args.contains("profile")) {
            const Json &profile = args["profile"];
            if (profile.is_string())
                run.profiles.push_back(
                    absolutePath(QString::fromStdString(profile.get<std::string>())));
            else if (profile.is_array())
                for (const Json &p : profile)
                    run.profiles.push_back(
                        absolutePath(QString::fromStdString(p.get<std::string>())));
        }
        if (args.value("noTrace", false))
            run.trace = TraceTarget::none();
        else if (args.contains("traceDb") && args["traceDb"].is_string())
            run.trace = TraceTarget::database(
                absolutePath(QString::fromStdString(args["traceDb"].get<std::string>())));
        m_console =
            std::make_unique<ConsoleSink>(false, [this](const std::string &line) { output(line); });
        run.sinks.push_back(m_console.get());
        run.debugger = &m_debug;
        m_debug.setStopOnEntry(args.value("stopOnEntry", false));
        auto session = RunSession::create(std::move(*plan), run, transportProvider());
        if (!session)
            return launchFailed(request, session.error().text(), setupExitCode(session.error()));
        m_session = std::move(*session);
        m_programPath = canonical(path);
        m_session->onFinished = [this](const RunResult &result) { finished(result); };
        output("Running " + m_session->plan().flow()->name + " (env " +
               m_session->plan().environment().name + ", seed " +
               std::to_string(m_session->seed()) + ")\n");
        m_launch = request;
        event("initialized");
        if (m_configured) // configurationDone came first
            startRun();
    }

    void launchFailed(const Json &request, const std::string &message, int exitCode)
    {
        m_launchFailed = true;
        output(message + (message.ends_with('\n') ? "" : "\n"), "stderr");
        fail(request, message);
        finishWithoutRun(exitCode);
    }

    void finishWithoutRun(int exitCode)
    {
        m_exitCode = exitCode;
        if (!m_terminated) {
            m_terminated = true;
            event("terminated");
            event("exited", {{"exitCode", exitCode}});
        }
    }

    void configurationDone(const Json &request)
    {
        respond(request);
        m_configured = true;
        if (m_session && !m_session->isStarted())
            startRun();
    }

    void startRun()
    {
        if (m_launch) {
            respond(*m_launch);
            m_launch.reset();
        }
        m_session->start();
    }

    // Lines of the flow file (or of a sub-flow's file) to steps, by the parser's positions.
    void setBreakpoints(const Json &request, const Json &args)
    {
        const Json source = args.value("source", Json::object());
        const std::string path = source.value("path", std::string());
        Json results = Json::array();
        std::vector<Breakpoint> breakpoints;
        std::vector<std::size_t> kept; // results index of each breakpoint kept
        std::optional<StepLines> lines;
        std::string problem;
        if (path.empty()) {
            problem = "no source path";
        } else if (auto text = internal::readFlowText(path); !text) {
            problem = text.error().message;
        } else {
            auto document = parseYaml(*text, path);
            FlowLoad load = parseFlow(*text, path);
            if (!document || !load.flow)
                problem = "the file does not parse as a flow";
            else
                lines.emplace(*load.flow, *document);
        }
        const Json requested = args.value("breakpoints", Json::array());
        for (const Json &bp : requested) {
            const int line = bp.value("line", 0);
            Json result = {{"verified", false}, {"line", line}};
            if (!problem.empty()) {
                result["message"] = problem;
            } else if (auto step = lines->stepAt(line)) {
                result["line"] = step->line;
                result["column"] = step->column;
                result["verified"] = true;
                result["message"] = "step " + step->stepId;
                breakpoints.push_back({step->stepId, bp.value("condition", std::string())});
                kept.push_back(results.size());
            } else {
                result["message"] = "no step on line " + std::to_string(line);
            }
            result["id"] = m_nextBreakpoint++;
            results.push_back(std::move(result));
        }
        if (problem.empty()) {
            const std::string file = canonical(path);
            auto conditions =
                m_debug.setBreakpoints(file == m_programPath ? std::string() : file, breakpoints);
            for (std::size_t i = 0; i < conditions.size(); ++i)
                if (conditions[i]) {
                    results[kept[i]]["verified"] = false;
                    results[kept[i]]["message"] = "condition: " + conditions[i]->message;
                }
        }
        respond(request, {{"breakpoints", std::move(results)}});
    }

    void threads(const Json &request)
    {
        Json list = Json::array();
        if (m_session)
            list.push_back({{"id", kThread},
                            {"name", m_session->plan().flow()->name + " (run " +
                                         m_session->record().id + ")"}});
        respond(request, {{"threads", std::move(list)}});
    }

    void stackTrace(const Json &request)
    {
        Json frames = Json::array();
        if (const DebugStop *stop = m_debug.currentStop())
            for (std::size_t i = 0; i < stop->stack.size(); ++i) {
                const DebugFrame &f = stop->stack[i];
                Json frame = {{"id", i + 1},
                              {"name", f.name},
                              {"line", f.line},
                              {"column", f.column > 0 ? f.column : 1}};
                if (!f.flowFile.empty())
                    frame["source"] = {
                        {"name",
                         QFileInfo(QString::fromStdString(f.flowFile)).fileName().toStdString()},
                        {"path", f.flowFile}};
                frames.push_back(std::move(frame));
            }
        const std::size_t total = frames.size();
        respond(request, {{"stackFrames", std::move(frames)}, {"totalFrames", total}});
    }

    std::size_t frameOf(const Json &args) const
    {
        const long long id = args.value("frameId", 1LL);
        return id > 0 ? static_cast<std::size_t>(id - 1) : 0;
    }

    int addRef(VarRef ref)
    {
        m_refs.push_back(std::move(ref));
        return static_cast<int>(m_refs.size());
    }

    void scopes(const Json &request, const Json &args)
    {
        const std::size_t frame = frameOf(args);
        Json list = Json::array();
        for (DebugScope scope : m_debug.scopes(frame)) {
            const Json value = m_debug.scopeValue(scope, frame);
            list.push_back(
                {{"name", toString(scope)},
                 {"variablesReference",
                  value.is_structured()
                      // `request` is no expression root: its values have no evaluateName.
                      ? addRef({frame, scope, "", nullptr,
                                scope == DebugScope::Request ? "" : toString(scope)})
                      : 0},
                 {"namedVariables", value.is_object() ? value.size() : 0},
                 {"expensive", false}});
        }
        respond(request, {{"scopes", std::move(list)}});
    }

    const VarRef *ref(const Json &args) const
    {
        const long long id = args.value("variablesReference", 0LL);
        if (id <= 0 || static_cast<std::size_t>(id) > m_refs.size())
            return nullptr;
        return &m_refs[static_cast<std::size_t>(id - 1)];
    }

    Json valueOf(const VarRef &r) const
    {
        const Json root = r.snapshot ? *r.snapshot : m_debug.scopeValue(r.scope, r.frame);
        try {
            const Json::json_pointer where(r.pointer);
            return root.contains(where) ? root.at(where) : Json(nullptr);
        } catch (const std::exception &) {
            return nullptr;
        }
    }

    Json variable(const VarRef &parent, const std::string &name, const std::string &token,
                  const std::string &path, const Json &value)
    {
        VarRef child{parent.frame, parent.scope, parent.pointer + "/" + pointerToken(token),
                     parent.snapshot, path};
        Json out = {{"name", name}, {"value", display(value)}, {"type", jsonTypeName(value)}};
        if (!path.empty())
            out["evaluateName"] = path;
        out["variablesReference"] =
            value.is_structured() && !value.empty() ? addRef(std::move(child)) : 0;
        return out;
    }

    void variables(const Json &request, const Json &args)
    {
        const VarRef *found = ref(args);
        if (!found)
            return fail(request, "unknown variablesReference (the run has gone on)");
        const VarRef parent = *found; // addRef may move m_refs
        const Json value = valueOf(parent);
        const std::size_t start = static_cast<std::size_t>(std::max(0LL, args.value("start", 0LL)));
        const long long countArg = args.value("count", 0LL);
        const std::size_t count =
            countArg > 0 ? std::min<std::size_t>(static_cast<std::size_t>(countArg), kMaxChildren)
                         : kMaxChildren;
        Json list = Json::array();
        std::size_t index = 0;
        if (value.is_object()) {
            for (const auto &[key, child] : value.items()) {
                if (index++ < start)
                    continue;
                if (list.size() >= count)
                    break;
                const std::string path =
                    parent.path.empty()
                        ? std::string()
                        : parent.path + (identifier(key) ? "." + key : "['" + key + "']");
                list.push_back(variable(parent, key, key, path, child));
            }
        } else if (value.is_array()) {
            for (std::size_t i = start; i < value.size() && list.size() < count; ++i) {
                const std::string n = std::to_string(i);
                list.push_back(variable(parent, "[" + n + "]", n,
                                        parent.path.empty() ? "" : parent.path + "[" + n + "]",
                                        value[i]));
            }
        }
        respond(request, {{"variables", std::move(list)}});
    }

    // The new value as JSON, else as an expression against the frame ("vars.a + 1"), else text.
    Result<Json> parseValue(const std::string &text, std::size_t frame) const
    {
        engine::JsonLimits limits;
        limits.maxDepth = 64;
        if (auto json = parseJson(text, limits))
            return *json;
        return m_debug.evaluate(text, frame);
    }

    void setVariable(const Json &request, const Json &args)
    {
        const VarRef *found = ref(args);
        if (!found)
            return fail(request, "unknown variablesReference (the run has gone on)");
        const VarRef parent = *found;
        if (parent.snapshot)
            return fail(request,
                        "a watch result cannot be edited; edit it in input, steps or vars");
        std::string name = args.at("name").get<std::string>();
        const Json container = valueOf(parent);
        if (container.is_array() && name.size() > 2 && name.front() == '[' && name.back() == ']')
            name = name.substr(1, name.size() - 2);
        auto value = parseValue(args.at("value").get<std::string>(), parent.frame);
        if (!value)
            return fail(request, value.error().message);
        auto stored = m_debug.setValue(parent.scope, parent.pointer + "/" + pointerToken(name),
                                       std::move(*value), parent.frame);
        if (!stored)
            return fail(request, stored.error().message);
        VarRef child{parent.frame, parent.scope, parent.pointer + "/" + pointerToken(name), nullptr,
                     parent.path + "." + name};
        respond(request,
                {{"value", display(*stored)},
                 {"type", jsonTypeName(*stored)},
                 {"variablesReference",
                  stored->is_structured() && !stored->empty() ? addRef(std::move(child)) : 0}});
    }

    void evaluate(const Json &request, const Json &args)
    {
        const std::string expression = args.at("expression").get<std::string>();
        const std::size_t frame = frameOf(args);
        auto value = m_debug.evaluate(expression, frame);
        if (!value)
            return fail(request, value.error().message);
        const bool nested = value->is_structured() && !value->empty();
        auto snapshot = std::make_shared<const Json>(*value);
        respond(request,
                {{"result",
                  value->is_structured() ? dumpJson(*value).substr(0, 4096) : display(*value)},
                 {"type", jsonTypeName(*value)},
                 {"variablesReference",
                  nested ? addRef({frame, DebugScope::Vars, "", snapshot, expression}) : 0}});
    }

    void disconnect(const Json &request)
    {
        if (running()) {
            m_disconnect = request; // answered once the run has ended (compensation included)
            m_debug.stop();
            return;
        }
        respond(request);
        m_quit(m_exitCode);
    }

    // --- what the run does ---------------------------------------------------------------------
    void stopped(const DebugStop &stop)
    {
        m_refs.clear();
        Json body = {{"reason", toString(stop.reason)},
                     {"description", stop.description},
                     {"threadId", kThread},
                     {"allThreadsStopped", true}};
        if (stop.reason == StopReason::Exception)
            body["text"] = stop.description;
        event("stopped", std::move(body));
    }

    void finished(const RunResult &result)
    {
        const RunRecord &record = result.record;
        output(runSummary(result));
        m_exitCode = runExitCode(record);
        m_terminated = true;
        event("terminated");
        event("exited", {{"exitCode", m_exitCode}});
        if (m_disconnect) {
            respond(*m_disconnect);
            m_disconnect.reset();
            m_quit(m_exitCode);
        } else if (m_inputClosed) {
            m_quit(m_exitCode);
        }
    }

    std::string m_program;
    std::function<void(int)> m_quit;
    DapReader m_reader;
    long long m_seq = 1;
    int m_nextBreakpoint = 1;
    // The debugger outlives the run session, which holds it as its run's hook.
    DebugSession m_debug;
    std::unique_ptr<ConsoleSink> m_console;
    std::unique_ptr<RunSession> m_session;
    std::string m_programPath;
    std::optional<Json> m_launch;     // answered at configurationDone, when the run starts
    std::optional<Json> m_disconnect; // answered when the stopped run has ended
    std::vector<VarRef> m_refs;       // variablesReference N is m_refs[N-1], until the run goes on
    bool m_configured = false;
    bool m_launchFailed = false;
    bool m_terminated = false;
    bool m_inputClosed = false;
    int m_exitCode = ExitOk;
};

} // namespace

int debugCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument("FLOW",
                                 "The *.flow.yaml file (a launch's `program` overrides it).");
    const QCommandLineOption dapOpt("dap", "Speak the Debug Adapter Protocol on stdin/stdout.");
    parser.addOption(dapOpt);
    if (int code = parseOrExit(
            parser, args,
            "tutti debug [FLOW] --dap\n\n"
            "Debugs a flow from any Debug Adapter Protocol client (VS Code, Neovim, …): "
            "breakpoints\n"
            "on steps (with conditions), step over and into branches, map items and sub-flows,\n"
            "the paused context to read and edit, evaluate expressions. The client's `launch` "
            "takes\n"
            "program, input, environment (default mock), profile, seed and stopOnEntry; see\n"
            "docs/debugging.md.");
        code >= 0)
        return code;
    if (!parser.isSet(dapOpt)) {
        err("tutti debug: only the Debug Adapter Protocol is supported: add --dap (see "
            "docs/debugging.md)\n");
        return ExitUsage;
    }
    if (parser.positionalArguments().size() > 1) {
        err("tutti debug: expected at most one FLOW file (try 'tutti debug --help')\n");
        return ExitUsage;
    }
    const std::string program = parser.positionalArguments().isEmpty()
                                    ? std::string()
                                    : parser.positionalArguments().front().toStdString();

    int exitCode = ExitOk;
    bool quitting = false;
    DapServer server(program, [&](int code) {
        exitCode = code;
        if (!quitting) {
            quitting = true;
            QCoreApplication::exit(code);
        }
    });
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, &input, [&] {
        char buffer[64 * 1024];
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n > 0) {
            server.feed(std::string_view(buffer, static_cast<std::size_t>(n)));
        } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
            input.setEnabled(false);
            server.inputClosed();
        }
    });
    onInterrupt([&] { server.inputClosed(); });
    QCoreApplication::exec();
    return exitCode;
}

} // namespace tutti::cli
