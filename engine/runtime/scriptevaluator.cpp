// ScriptEvaluator: starts the script worker (scriptworker.cpp) as a child of this process, sends
// it each call, enforces the timeout (an interrupt, then SIGKILL) and turns replies and worker
// deaths into outcomes. This process never runs user code, so nothing a script does (hang in a
// builtin, exhaust memory, crash the engine) can take it down.
#include <engine/core/jsonio.h>
#include <engine/runtime/scriptevaluator.h>
#include <engine/runtime/scriptworker.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace tutti::engine {

namespace {

using Clock = std::chrono::steady_clock;
namespace worker = scriptworker;

// Any program that links the evaluator serves as its own worker: the evaluator starts
// /proc/self/exe with the worker's socket on fd 3, and this takes over before main() runs.
[[maybe_unused]] const bool kIsWorker = [] {
    const char *fd = std::getenv(worker::kSocketVariable);
    struct stat st {};
    if (!fd || std::strtol(fd, nullptr, 10) != worker::kSocketFd ||
        ::fstat(worker::kSocketFd, &st) != 0 || !S_ISSOCK(st.st_mode))
        return false;
    worker::serve(worker::kSocketFd);
}();

// After the interrupt a script gets this long to stop before its worker is killed: builtins
// such as Array.prototype.fill on a huge array, and code that catches the interrupt, ignore it.
constexpr auto kGrace = std::chrono::milliseconds(100);
constexpr auto kStartTimeout = std::chrono::seconds(10);

std::string describeBytes(std::size_t bytes)
{
    constexpr std::size_t kMiB = std::size_t(1) << 20;
    if (bytes >= kMiB && bytes % kMiB == 0)
        return std::to_string(bytes / kMiB) + " MiB";
    if (bytes >= 1024 && bytes % 1024 == 0)
        return std::to_string(bytes / 1024) + " KiB";
    return std::to_string(bytes) + " bytes";
}

} // namespace

class ScriptEvaluator::Impl {
public:
    ~Impl() { stop(); }

    ScriptOutcome evaluate(const std::string &code, const Json &context, Micros timeout,
                           std::size_t memoryLimit)
    {
        ScriptOutcome out;
        if (m_pid < 0) {
            if (std::string why = start(); !why.empty()) {
                out.message = "could not start the script worker: " + why;
                return out;
            }
        }
        // Text that is not UTF-8 becomes U+FFFD rather than an exception.
        const std::string text = dumpJson(context);
        if (code.size() > UINT32_MAX || text.size() > UINT32_MAX) {
            out.message = "script or its context is larger than 4 GiB";
            return out;
        }
        worker::RequestHeader request;
        request.memoryLimit = memoryLimit;
        request.codeSize = static_cast<std::uint32_t>(code.size());
        request.contextSize = static_cast<std::uint32_t>(text.size());

        // The clock starts before the worker sees the code: compiling is inside the timeout.
        m_softDeadline = Clock::now() + std::chrono::microseconds(std::max<Micros>(timeout, 0));
        m_hardDeadline = m_softDeadline + kGrace;
        m_interruptSent = false;
        worker::ReplyHeader reply;
        std::string payload;
        const Io io = [&] {
            for (const auto &[data, size] :
                 {std::pair<const void *, std::size_t>{&request, sizeof request},
                  {code.data(), code.size()},
                  {text.data(), text.size()}})
                if (Io r = transfer(const_cast<void *>(data), size, true); r != Io::Done)
                    return r;
            if (Io r = transfer(&reply, sizeof reply, false); r != Io::Done)
                return r;
            payload.resize(reply.size);
            return transfer(payload.data(), payload.size(), false);
        }();

        if (io == Io::TimedOut) {
            stop(); // the worker ignored its interrupt
            return timedOut(timeout);
        }
        if (io == Io::Closed) {
            out.message = "the script worker ended unexpectedly (" + stop(true) + ")";
            return out;
        }
        switch (reply.kind) {
        case worker::ReplyKind::Ok:
            if (auto value = parseJson(payload)) {
                out.value = std::move(*value);
                out.ok = true;
            } else {
                out.message =
                    "script returned a value that cannot be used: " + jsonErrorText(value.error());
            }
            break;
        case worker::ReplyKind::Error:
            out.message = payload;
            out.line = reply.line;
            break;
        case worker::ReplyKind::Interrupted:
            out = timedOut(timeout);
            break;
        case worker::ReplyKind::OutOfMemory:
            out.outOfMemory = true;
            out.message = "script exceeded its memory limit of " + describeBytes(memoryLimit);
            stop(true);
            break;
        case worker::ReplyKind::Crashed:
            out.message = "the script engine crashed (signal " + std::to_string(reply.line) + ")";
            stop(true);
            break;
        case worker::ReplyKind::Ready:
            out.message = "the script worker answered out of turn";
            stop();
            break;
        }
        if (reply.retiring && m_pid >= 0)
            stop(true);
        return out;
    }

private:
    enum class Io { Done, Closed, TimedOut };

    static ScriptOutcome timedOut(Micros timeout)
    {
        ScriptOutcome out;
        out.timedOut = true;
        out.message = "script exceeded its timeout of " + std::to_string(timeout / 1000) + " ms";
        return out;
    }

    // Sends or receives exactly `size` bytes, waiting at most until the hard deadline; at the
    // soft deadline the worker is told to interrupt its script.
    Io transfer(void *data, std::size_t size, bool sending)
    {
        char *p = static_cast<char *>(data);
        while (size > 0) {
            const auto now = Clock::now();
            if (now >= m_hardDeadline)
                return Io::TimedOut;
            if (now >= m_softDeadline && !m_interruptSent) {
                ::kill(m_pid, SIGUSR1);
                m_interruptSent = true;
            }
            const auto until = m_interruptSent ? m_hardDeadline : m_softDeadline;
            const auto wait = std::chrono::ceil<std::chrono::milliseconds>(until - now).count();
            pollfd pfd{m_fd, static_cast<short>(sending ? POLLOUT : POLLIN), 0};
            const int ready = ::poll(&pfd, 1, static_cast<int>(std::min<long long>(wait, 1000)));
            if (ready < 0 && errno != EINTR)
                return Io::Closed;
            if (ready <= 0)
                continue;
            const ssize_t n = sending ? ::send(m_fd, p, size, MSG_NOSIGNAL | MSG_DONTWAIT)
                                      : ::recv(m_fd, p, size, MSG_DONTWAIT);
            if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
                continue;
            if (n <= 0)
                return Io::Closed;
            p += n;
            size -= static_cast<std::size_t>(n);
        }
        return Io::Done;
    }

    // Starts the worker and waits for it to be ready; returns why not, or "".
    std::string start()
    {
        int sv[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
            return std::string("socketpair: ") + std::strerror(errno);
        // The child's end must not already be fd 3: dup2 onto itself would keep close-on-exec.
        int child = sv[1];
        if (child <= worker::kSocketFd) {
            child = ::fcntl(sv[1], F_DUPFD_CLOEXEC, worker::kSocketFd + 1);
            ::close(sv[1]);
        }
        std::vector<std::string> env;
        for (char **e = environ; e && *e; ++e)
            if (std::strncmp(*e, "TUTTI_SCRIPT_WORKER", 19) != 0)
                env.emplace_back(*e);
        env.push_back(std::string(worker::kSocketVariable) + "=" +
                      std::to_string(worker::kSocketFd));
        env.push_back(std::string(worker::kParentVariable) + "=" + std::to_string(::getpid()));
        std::vector<char *> envp;
        for (std::string &e : env)
            envp.push_back(e.data());
        envp.push_back(nullptr);
        char name[] = "tutti-script-worker";
        char *argv[] = {name, nullptr};

        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_adddup2(&actions, child, worker::kSocketFd);
        pid_t pid = -1;
        const int rc = ::posix_spawn(&pid, "/proc/self/exe", &actions, nullptr, argv, envp.data());
        posix_spawn_file_actions_destroy(&actions);
        ::close(child);
        if (rc != 0) {
            ::close(sv[0]);
            return std::string("posix_spawn: ") + std::strerror(rc);
        }
        m_pid = pid;
        m_fd = sv[0];
        m_softDeadline = m_hardDeadline = Clock::now() + kStartTimeout;
        m_interruptSent = true; // nothing to interrupt yet
        worker::ReplyHeader ready;
        const Io io = transfer(&ready, sizeof ready, false);
        if (io != Io::Done || ready.kind != worker::ReplyKind::Ready || ready.size != 0) {
            const std::string why = stop(true);
            return io == Io::TimedOut ? std::string("it did not start in time") : why;
        }
        return {};
    }

    // Stops and reaps the worker; returns how it ended. A worker that said it exits, or whose
    // socket closed, gets up to 100 ms to do so, so its status is its own.
    std::string stop(bool exiting = false)
    {
        if (m_pid < 0)
            return "not running";
        ::close(m_fd);
        m_fd = -1;
        int status = 0;
        pid_t r = 0;
        for (int i = 0; exiting && i < 200 && (r = ::waitpid(m_pid, &status, WNOHANG)) == 0; ++i)
            ::usleep(500);
        if (r == 0) {
            ::kill(m_pid, SIGKILL);
            r = ::waitpid(m_pid, &status, 0);
        }
        m_pid = -1;
        if (r < 0)
            return "its status is unknown";
        if (WIFSIGNALED(status))
            return std::string("signal ") + std::to_string(WTERMSIG(status));
        return "exit status " + std::to_string(WEXITSTATUS(status));
    }

    pid_t m_pid = -1;
    int m_fd = -1;
    Clock::time_point m_softDeadline, m_hardDeadline;
    bool m_interruptSent = false;
};

ScriptEvaluator::ScriptEvaluator()
    : m(std::make_unique<Impl>())
{
}
ScriptEvaluator::~ScriptEvaluator() = default;

bool ScriptEvaluator::enforcesMemoryLimit()
{
    return worker::kEnforcesMemoryLimit;
}

ScriptOutcome ScriptEvaluator::evaluate(const std::string &code, const Json &context,
                                        Micros timeout, std::size_t memoryLimit)
{
    return m->evaluate(code, context, timeout, memoryLimit);
}

} // namespace tutti::engine
