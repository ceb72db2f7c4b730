// The script worker process: one QJSEngine whose built-ins and global object are frozen before any
// user code runs, user code compiled by the Function constructor (never glued into source text),
// a compile cache, and the limits: RLIMIT_AS for memory, SIGUSR1 from the evaluator for time.
#include <engine/runtime/scriptworker.h>

#include <QCoreApplication>
#include <QJSEngine>
#include <QJSValue>
#include <QString>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <unordered_map>

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

namespace tutti::engine::scriptworker {

// serve() runs during the static initialisation of the host program, before main() and possibly
// before this file's own dynamic initialisers: everything at namespace scope here must be
// constant-initialised (literals, zeros), never a QString or std::string.
namespace {

// Set up once per engine, before user code exists. Three jobs:
// - RegExp's legacy statics ($1…$9, lastMatch, input, …) would hand one run's last match to the
//   next: they are deleted.
// - Writable data properties of the prototypes that ordinary code shadows on its own objects
//   (o.toString = …, e.message = …, counts['constructor'] = …) become accessors whose setter makes
//   an own property: on a frozen prototype the plain assignment would throw for every object that
//   inherits it (the "override mistake").
// - Everything reachable from the global object, and the intrinsics that are not (iterator and
//   generator prototypes, %TypedArray%, %ThrowTypeError%), is frozen. In strict code a write to
//   any of it then throws, so no run can change what a later run sees.
const char *const kRealmSetup = R"js(
(function (global) {
    'use strict';
    const defineProperty = Object.defineProperty;
    const describe = Object.getOwnPropertyDescriptor;
    for (const key of Object.getOwnPropertyNames(RegExp)) {
        const d = describe(RegExp, key);
        if (d.get && d.configurable)
            delete RegExp[key];
    }
    const shadowable = (proto, keys) => {
        for (const key of keys || Reflect.ownKeys(proto)) {
            const d = describe(proto, key);
            if (!d || !('value' in d) || !d.writable || !d.configurable)
                continue;
            const value = d.value;
            defineProperty(proto, key, {
                get() { return value; },
                set(v) {
                    if (this === proto)
                        throw new TypeError("Cannot assign to read only property '" +
                                            String(key) + "' of a built-in prototype");
                    defineProperty(this, key,
                                   { value: v, writable: true, enumerable: true, configurable: true });
                },
                enumerable: d.enumerable,
                configurable: false
            });
        }
    };
    shadowable(Object.prototype);
    shadowable(Function.prototype);
    for (const E of [Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError])
        shadowable(E.prototype);
    for (const C of [Array, String, Number, Boolean, Date, RegExp, Symbol, Promise])
        shadowable(C.prototype, ['constructor', 'toString', 'toLocaleString', 'valueOf']);

    const hidden = [
        () => Object.getPrototypeOf(function* () {}),
        () => Object.getPrototypeOf((function* () {})()),
        () => Object.getPrototypeOf([][Symbol.iterator]()),
        () => Object.getPrototypeOf(''[Symbol.iterator]()),
        () => Object.getPrototypeOf(new Map()[Symbol.iterator]()),
        () => Object.getPrototypeOf(new Set()[Symbol.iterator]()),
        () => Object.getPrototypeOf('a'.matchAll(/a/g)),
        () => Object.getPrototypeOf(Int8Array),
        () => describe(function () { 'use strict'; return arguments; }(), 'callee').get,
    ];
    const pending = [global];
    for (const h of hidden) {
        try { pending.push(h()); } catch (e) { /* not in this engine */ }
    }
    const seen = new Set();
    while (pending.length) {
        const o = pending.pop();
        if (o === null || (typeof o !== 'object' && typeof o !== 'function') || seen.has(o))
            continue;
        seen.add(o);
        pending.push(Object.getPrototypeOf(o));
        for (const key of Reflect.ownKeys(o)) {
            const d = describe(o, key);
            if ('value' in d)
                pending.push(d.value);
            else
                pending.push(d.get, d.set);
        }
        Object.freeze(o);
    }
    return Object.isFrozen(global) && Object.isFrozen(Object.prototype);
})(this)
)js";

// Runs one compiled function over a fresh parse of the context. `box` tells a return from a
// throw: the call's return value is the thrown value when it did not reach the end.
const char *const kAdapter = R"js(
(function (fn, text, box) {
    'use strict';
    const c = JSON.parse(text);
    const r = fn(c.input, c.steps, c.vars, c.env, c.item, c.index, c.run);
    box.stage = 1;
    box.result = JSON.stringify(r === undefined ? null : r);
    box.stage = 2;
})
)js";

const char *const kFreeze = R"js(
(function (f) { 'use strict'; Object.freeze(f.prototype); return Object.freeze(f); })
)js";

// Only used to describe a syntax error, so it is never run: the trailing duplicate `let` makes
// every text that parses fail at compile time, and code that closes the function early is told
// apart by that error. Line n of the code is line n of this text.
const char *const kGuardName = "__tutti_guard__";
const char *const kDiagnosePrefix =
    "'use strict'; let __tutti_guard__; (function (input, steps, vars, env, item, index, run) {";
const char *const kDiagnoseSuffix = "\n});\nlet __tutti_guard__;";

// State the signal handlers read: plain values, written before the handlers can run.
QJSEngine *g_engine = nullptr;
int g_fd = -1;
volatile std::sig_atomic_t g_interrupted = 0;
volatile std::sig_atomic_t g_inRequest = 0;
bool g_retiring = false;    // the last reply said this worker exits
std::size_t g_baseline = 0; // address-space size after start-up
std::size_t g_limit = 0;    // current limit above the baseline

// Moves exactly `size` bytes through `step` (one send() or recv()), again after EINTR; false
// when the peer is gone. Async-signal-safe: the crash handler writes its reply with it.
template <typename Byte, typename Step>
bool transferAll(Byte *data, std::size_t size, Step step)
{
    while (size > 0) {
        const ssize_t n = step(data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

bool writeAll(int fd, const void *data, std::size_t size)
{
    return transferAll(static_cast<const char *>(data), size, [fd](const char *p, std::size_t n) {
        return ::send(fd, p, n, MSG_NOSIGNAL);
    });
}

bool readAll(int fd, void *data, std::size_t size)
{
    return transferAll(static_cast<char *>(data), size,
                       [fd](char *p, std::size_t n) { return ::recv(fd, p, n, 0); });
}

// VmSize from /proc/self/statm, with async-signal-safe calls only (the crash handler uses it).
std::size_t addressSpace()
{
    const int fd = ::open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    char buf[64];
    const ssize_t n = ::read(fd, buf, sizeof buf - 1);
    ::close(fd);
    std::size_t pages = 0;
    for (ssize_t i = 0; i < n && buf[i] >= '0' && buf[i] <= '9'; ++i)
        pages = pages * 10 + static_cast<std::size_t>(buf[i] - '0');
    return pages * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

void reply(ReplyKind kind, int line, const std::string &payload, bool retiring = false)
{
    g_inRequest = 0; // from here a crash is not this request's: the evaluator sees the socket close
    if (payload.size() > UINT32_MAX)
        return reply(ReplyKind::Error, 0, "script returned a value larger than 4 GiB", retiring);
    ReplyHeader h;
    h.kind = kind;
    h.line = line;
    h.size = static_cast<std::uint32_t>(payload.size());
    h.retiring = retiring ? 1 : 0;
    g_retiring = retiring;
    if (!writeAll(g_fd, &h, sizeof h) || !writeAll(g_fd, payload.data(), payload.size()))
        ::_exit(0); // the evaluator is gone
}

void onInterrupt(int)
{
    g_interrupted = 1;
    if (g_engine)
        g_engine->setInterrupted(true); // one atomic store
}

// V4 does not check every allocation: under RLIMIT_AS a failed one often ends in SIGSEGV (a null
// dereference) or SIGABRT. Near the limit that is the limit; otherwise it is reported as a crash.
void onCrash(int signal)
{
    if (g_inRequest) {
        ReplyHeader h;
        const bool nearLimit = g_limit > 0 && addressSpace() >= g_baseline + g_limit / 2;
        h.kind = nearLimit ? ReplyKind::OutOfMemory : ReplyKind::Crashed;
        h.line = signal;
        (void)writeAll(g_fd, &h, sizeof h);
    }
    ::_exit(70);
}

void onTerminate()
{
    // A bad_alloc that unwinds through engine frames without handlers ends here.
    bool outOfMemory = false;
    if (std::exception_ptr e = std::current_exception()) {
        try {
            std::rethrow_exception(e);
        } catch (const std::bad_alloc &) {
            outOfMemory = true;
        } catch (...) {
        }
    }
    if (g_inRequest) {
        ReplyHeader h;
        h.kind = outOfMemory ? ReplyKind::OutOfMemory : ReplyKind::Crashed;
        h.line = SIGABRT;
        (void)writeAll(g_fd, &h, sizeof h);
    }
    ::_exit(70);
}

void installHandlers()
{
    static char altStack[64 * 1024];
    stack_t ss{};
    ss.ss_sp = altStack;
    ss.ss_size = sizeof altStack;
    ::sigaltstack(&ss, nullptr);

    struct sigaction crash {};
    crash.sa_handler = onCrash;
    crash.sa_flags = SA_ONSTACK | SA_RESETHAND;
    sigemptyset(&crash.sa_mask);
    for (int s : {SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE})
        ::sigaction(s, &crash, nullptr);

    struct sigaction interrupt {};
    interrupt.sa_handler = onInterrupt;
    interrupt.sa_flags = SA_RESTART;
    sigemptyset(&interrupt.sa_mask);
    ::sigaction(SIGUSR1, &interrupt, nullptr);

    // A mask inherited from the evaluator's thread could hold back the interrupt.
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    // The evaluator owns the worker's lifetime; ^C at a terminal reaches the whole process group.
    ::signal(SIGINT, SIG_IGN);
    ::signal(SIGPIPE, SIG_IGN);
    std::set_terminate(onTerminate);
}

class ScriptWorker {
public:
    ScriptWorker()
    {
        // No extensions: no console, print, timers, translation or module loading.
        g_engine = &m_engine;
        m_function = m_engine.globalObject().property(QStringLiteral("Function"));
        m_adapter = m_engine.evaluate(QString::fromUtf8(kAdapter), QStringLiteral("tutti:adapter"));
        m_freeze = m_engine.evaluate(QString::fromUtf8(kFreeze), QStringLiteral("tutti:freeze"));
        const QJSValue frozen =
            m_engine.evaluate(QString::fromUtf8(kRealmSetup), QStringLiteral("tutti:realm"));
        if (!frozen.toBool() || !m_adapter.isCallable() || !m_freeze.isCallable())
            ::_exit(71); // never serve scripts from a realm that is not sealed
        m_box = m_engine.newObject();
        m_engine.collectGarbage();
    }

    void serve()
    {
        for (;;) {
            RequestHeader h;
            if (!readAll(g_fd, &h, sizeof h))
                ::_exit(0);
            // The request's own bytes must fit whatever limit the previous request left.
            if (g_limit > 0 && std::size_t(h.codeSize) + h.contextSize > g_limit / 4)
                setLimit(0);
            std::string code(h.codeSize, '\0');
            std::string context(h.contextSize, '\0');
            if (!readAll(g_fd, code.data(), code.size()) ||
                !readAll(g_fd, context.data(), context.size()))
                ::_exit(0);
            // An interrupt meant for the previous request has been delivered by now: the
            // evaluator sends one only before it reads that request's reply.
            g_interrupted = 0;
            m_engine.setInterrupted(false);
            setLimit(h.memoryLimit);
            m_started = std::chrono::steady_clock::now();
            g_inRequest = 1;
            try {
                handle(code, context);
            } catch (const std::bad_alloc &) {
                g_inRequest = 0;
                reply(ReplyKind::OutOfMemory, 0, {}, true);
            }
            g_inRequest = 0;
            if (g_retiring)
                ::_exit(0);
            // Promise reactions were posted for an event loop that never runs: drop them.
            QCoreApplication::removePostedEvents(nullptr);
        }
    }

private:
    struct Compiled {
        QJSValue fn;       // callable when the code compiled
        std::string error; // otherwise the message
        int line = 0;
    };

    // `limit` bytes above the baseline; 0: none.
    void setLimit(std::uint64_t limit)
    {
        if (limit == g_limit)
            return;
        g_limit = static_cast<std::size_t>(limit);
        if (!kEnforcesMemoryLimit)
            return; // ASan's shadow memory cannot live under RLIMIT_AS
        rlimit rl{};
        rl.rlim_cur = limit > 0 ? static_cast<rlim_t>(g_baseline + g_limit) : RLIM_INFINITY;
        rl.rlim_max = RLIM_INFINITY;
        ::setrlimit(RLIMIT_AS, &rl);
    }

    void handle(const std::string &code, const std::string &context)
    {
        const Compiled *c = compile(code);
        if (g_interrupted)
            return reply(ReplyKind::Interrupted, 0, {});
        if (!c->fn.isCallable())
            return reply(ReplyKind::Error, c->line, c->error);

        m_box.setProperty(QStringLiteral("stage"), 0);
        m_box.setProperty(QStringLiteral("result"), QJSValue());
        const QJSValue thrown =
            m_adapter.call({c->fn, QJSValue(QString::fromStdString(context)), m_box});
        if (g_interrupted)
            return reply(ReplyKind::Interrupted, 0, {});
        const int stage = m_box.property(QStringLiteral("stage")).toInt();
        if (stage == 2) {
            const QJSValue result = m_box.property(QStringLiteral("result"));
            if (!result.isString())
                return reply(ReplyKind::Error, 0, "script returned a value that is not JSON");
            reply(ReplyKind::Ok, 0, result.toString().toStdString(), retire());
            return;
        }
        // Thrown by the script (stage 0) or while turning its result into JSON (stage 1).
        int line = 0;
        std::string message;
        if (thrown.isError()) {
            message = thrown.property(QStringLiteral("name")).toString().toStdString() + ": " +
                      thrown.property(QStringLiteral("message")).toString().toStdString();
            if (stage == 0 && thrown.property(QStringLiteral("fileName")).toString() !=
                                  QStringLiteral("tutti:adapter"))
                line = std::max(0, thrown.property(QStringLiteral("lineNumber")).toInt() - 1);
        } else {
            message = "uncaught exception: " + thrown.toString().toStdString();
        }
        if (stage == 1)
            message = "script returned a value that is not JSON: " + message;
        reply(ReplyKind::Error, line, message, retire());
    }

    const Compiled *compile(const std::string &code)
    {
        if (auto it = m_cache.find(code); it != m_cache.end())
            return &it->second;
        const QString body = QString::fromStdString(code);
        Compiled c;
        // The Function constructor parses its body as one function expression: text that closes
        // the function early is a syntax error, and nothing of it runs. The directive keeps line
        // numbers (it is on the body's first line).
        const QJSValue fn = m_function.callAsConstructor(
            {QJSValue(QStringLiteral("input")), QJSValue(QStringLiteral("steps")),
             QJSValue(QStringLiteral("vars")), QJSValue(QStringLiteral("env")),
             QJSValue(QStringLiteral("item")), QJSValue(QStringLiteral("index")),
             QJSValue(QStringLiteral("run")), QJSValue(QStringLiteral("'use strict';") + body)});
        if (g_interrupted)
            return &m_interruptedCompile; // not cached: the next attempt may finish in time
        if (fn.isCallable()) {
            c.fn = m_freeze.call({fn}); // the function object is shared by every run of it
        } else {
            c.error = fn.property(QStringLiteral("name")).toString().toStdString() + ": " +
                      fn.property(QStringLiteral("message")).toString().toStdString();
            c.line = std::max(0, fn.property(QStringLiteral("lineNumber")).toInt() - 1);
            if (fn.property(QStringLiteral("message")).toString() == QStringLiteral("Parse error"))
                diagnose(body, c);
        }
        if (m_cache.size() >= 256)
            m_cache.clear();
        return &m_cache.emplace(code, std::move(c)).first->second;
    }

    // V4's Function constructor says only "Parse error"; the engine's parser says what and where.
    void diagnose(const QString &body, Compiled &c)
    {
        const QJSValue e = m_engine.evaluate(QString::fromUtf8(kDiagnosePrefix) + body +
                                                 QString::fromUtf8(kDiagnoseSuffix),
                                             QStringLiteral("tutti:diagnose"), 1);
        const QString message = e.property(QStringLiteral("message")).toString();
        if (!e.isError() || message.contains(QString::fromUtf8(kGuardName))) {
            c.error = "SyntaxError: the code closes the function it runs in; a script is a "
                      "function body";
            c.line = 0;
            return;
        }
        c.error = "SyntaxError: " + message.toStdString();
        const int line = e.property(QStringLiteral("lineNumber")).toInt();
        c.line = line >= 1 && line <= body.count(QLatin1Char('\n')) + 1 ? line : 0;
    }

    // After a script that left a large heap behind, collect; if it stays large, this worker
    // hands over to a fresh one rather than give later scripts less than their limit. Growing
    // the heap by a large share of the limit takes milliseconds, so quicker requests skip the
    // check (it reads /proc).
    bool retire()
    {
        if (g_limit == 0 ||
            std::chrono::steady_clock::now() - m_started < std::chrono::milliseconds(1))
            return false;
        if (addressSpace() < g_baseline + g_limit / 2)
            return false;
        m_engine.collectGarbage();
        return addressSpace() >= g_baseline + g_limit / 2;
    }

    QJSEngine m_engine;
    QJSValue m_function, m_adapter, m_freeze, m_box;
    std::unordered_map<std::string, Compiled> m_cache;
    Compiled m_interruptedCompile;
    std::chrono::steady_clock::time_point m_started;
};

} // namespace

void serve(int fd)
{
    // Only the socket stays open; the evaluator set up 0-2.
    ::close_range(static_cast<unsigned>(fd) + 1, ~0u, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (const char *parent = std::getenv(kParentVariable);
        !parent || std::strtol(parent, nullptr, 10) != ::getppid())
        ::_exit(0); // the evaluator died before the line above
    ::unsetenv(kSocketVariable);
    ::unsetenv(kParentVariable);
    g_fd = fd;
    installHandlers();

    static int argc = 1;
    static char name[] = "tutti-script-worker";
    static char *argv[] = {name, nullptr};
    QCoreApplication app(argc, argv);
    ScriptWorker worker;
    g_baseline = addressSpace();
    reply(ReplyKind::Ready, 0, {});
    worker.serve();
    ::_exit(0);
}

} // namespace tutti::engine::scriptworker
