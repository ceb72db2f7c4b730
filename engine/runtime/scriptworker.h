// The script worker: a child process that runs `script` steps in a frozen QJSEngine under an
// address-space limit, and the wire format ScriptEvaluator speaks with it over a socket.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tutti::engine::scriptworker {

// Any program that links the evaluator is its own worker: ScriptEvaluator starts /proc/self/exe
// with the socket on kSocketFd and these variables set, and the worker takes over before main().
inline constexpr const char *kSocketVariable = "TUTTI_SCRIPT_WORKER_FD";
inline constexpr const char *kParentVariable = "TUTTI_SCRIPT_WORKER_PARENT";
inline constexpr int kSocketFd = 3;

// AddressSanitizer reserves terabytes of shadow memory and cannot run under RLIMIT_AS.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kEnforcesMemoryLimit = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kEnforcesMemoryLimit = false;
#else
inline constexpr bool kEnforcesMemoryLimit = true;
#endif
#else
inline constexpr bool kEnforcesMemoryLimit = true;
#endif

// Both ends are the same binary, so headers travel as raw structs.
struct RequestHeader {
    std::uint64_t memoryLimit = 0; // bytes the worker's address space may grow by
    std::uint32_t codeSize = 0;    // UTF-8 bytes of the function body that follow
    std::uint32_t contextSize = 0; // then the context as JSON text
};

enum class ReplyKind : std::uint32_t {
    Ready,       // sent once, after start-up
    Ok,          // payload: the result as JSON text
    Error,       // payload: message; line: 1-based line in the code, or 0
    Interrupted, // the evaluator's interrupt (its timeout) stopped the script
    OutOfMemory, // the address-space limit was hit; the worker exits after this reply
    Crashed,     // the engine died on a signal (line holds it); the worker exits
};

struct ReplyHeader {
    ReplyKind kind = ReplyKind::Error;
    std::int32_t line = 0;
    std::uint32_t size = 0;     // payload bytes that follow
    std::uint32_t retiring = 0; // 1: the worker exits after this reply (heap too large to keep)
};

// Serves requests on `fd` until the other end closes it, then exits the process.
[[noreturn]] void serve(int fd);

} // namespace tutti::engine::scriptworker
