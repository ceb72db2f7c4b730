// Logging, counting and the fatal switch of TUTTI_ASSERT (softassert.h).
#include <engine/core/softassert.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>

namespace tutti::engine {

namespace {

bool fatalFromEnvironment()
{
    const char *value = std::getenv("TUTTI_FATAL_ASSERTS");
    return value && *value && std::strcmp(value, "0") != 0;
}

std::atomic<bool> &fatalFlag()
{
    static std::atomic<bool> fatal{fatalFromEnvironment()};
    return fatal;
}

std::atomic<std::uint64_t> g_failures{0};
std::mutex g_lastMutex;
std::string g_last;

} // namespace

void softAssertFailed(const char *condition, const char *file, int line)
{
    // The build may pass absolute or "../" paths; from the source root on is enough.
    const char *shown = nullptr;
    for (const char *root :
         {"engine/", "mocks/", "editor/", "app/", "server/", "document/", "tests/"})
        if (const char *at = std::strstr(file, root);
            at && (at == file || at[-1] == '/') && (!shown || at < shown))
            shown = at;
    if (!shown)
        shown = file;
    std::string message =
        std::string("SOFT ASSERT: \"") + condition + "\" in " + shown + ":" + std::to_string(line);
    g_failures.fetch_add(1, std::memory_order_relaxed);
    {
        std::lock_guard lock(g_lastMutex);
        g_last = message;
    }
    if (fatalFlag().load(std::memory_order_relaxed)) {
        std::fprintf(stderr, "%s (fatal: TUTTI_FATAL_ASSERTS)\n", message.c_str());
        std::abort();
    }
    std::fprintf(stderr, "%s\n", message.c_str());
}

void setSoftAssertsFatal(bool fatal)
{
    fatalFlag().store(fatal, std::memory_order_relaxed);
}

bool softAssertsAreFatal()
{
    return fatalFlag().load(std::memory_order_relaxed);
}

std::uint64_t softAssertFailures()
{
    return g_failures.load(std::memory_order_relaxed);
}

std::string lastSoftAssert()
{
    std::lock_guard lock(g_lastMutex);
    return g_last;
}

} // namespace tutti::engine
