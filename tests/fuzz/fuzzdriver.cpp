// A small stand-in for libFuzzer's main() so every fuzz target also builds with g++ and runs in
// CTest: it replays the seed corpus, then feeds random mutations of it (byte edits, splices,
// dictionary tokens, nesting bombs, long runs, bytes that are not UTF-8) to
// LLVMFuzzerTestOneInput for a bounded time or count. No coverage feedback: it finds what shallow
// mutation finds (the classes issue 7 lists), and the clang build (TUTTI_FUZZ=libfuzzer) does the
// rest. Command line, a subset of libFuzzer's so the two are used alike:
//
//   fuzz_TARGET [-max_total_time=S] [-runs=N] [-seed=N] [-max_len=N] [-timeout=S]
//               [-dict=FILE] [-artifact_prefix=DIR/] CORPUS_DIR_OR_FILE...
//
// Only files given (no directory): replay them and stop (how a crash reproducer is run).
// A crash or a hang writes the input to ARTIFACT_PREFIX{crash,timeout}-HASH and exits non-zero.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);
// Optional in a target, as with libFuzzer.
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);
// Present when a sanitizer runtime is linked (TUTTI_SANITIZE): it reports memory errors itself
// and exits without a signal, so the input is saved from its death callback instead.
extern "C" __attribute__((weak)) void __sanitizer_set_death_callback(void (*callback)(void));

namespace fs = std::filesystem;

namespace {

using Bytes = std::string;

// ---- the input being run, for the crash and timeout handlers ------------------------------
// Plain globals: the handlers may only use async-signal-safe calls.
const char *g_currentData = nullptr;
std::size_t g_currentSize = 0;
char g_artifactPrefix[4096] = "./";

std::uint64_t fnv1a(const char *data, std::size_t size)
{
    std::uint64_t h = 1469598103934665603ull;
    for (std::size_t i = 0; i < size; ++i)
        h = (h ^ static_cast<unsigned char>(data[i])) * 1099511628211ull;
    return h;
}

void writeString(const char *s)
{
    const ssize_t ignored = ::write(2, s, std::strlen(s));
    (void)ignored;
}

// Async-signal-safe: builds the name by hand, writes with open/write.
void saveCurrentInput(const char *kind)
{
    if (!g_currentData)
        return;
    char path[4200];
    std::size_t n = 0;
    for (const char *p = g_artifactPrefix; *p && n < 4096; ++p)
        path[n++] = *p;
    for (const char *p = kind; *p; ++p)
        path[n++] = *p;
    path[n++] = '-';
    const std::uint64_t h = fnv1a(g_currentData, g_currentSize);
    for (int shift = 60; shift >= 0; shift -= 4)
        path[n++] = "0123456789abcdef"[(h >> shift) & 0xf];
    path[n] = '\0';
    const int fd = ::open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
        std::size_t done = 0;
        while (done < g_currentSize) {
            const ssize_t w = ::write(fd, g_currentData + done, g_currentSize - done);
            if (w <= 0)
                break;
            done += static_cast<std::size_t>(w);
        }
        ::close(fd);
    }
    writeString("fuzzdriver: input saved to ");
    writeString(path);
    writeString("\n");
}

void onDeadlySignal(int signal)
{
    writeString(signal == SIGALRM ? "\nfuzzdriver: timeout (one input ran too long)\n"
                                  : "\nfuzzdriver: deadly signal\n");
    saveCurrentInput(signal == SIGALRM ? "timeout" : "crash");
    if (signal == SIGALRM)
        ::_exit(70);
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

void onSanitizerDeath()
{
    saveCurrentInput("crash");
}

void installHandlers()
{
    // Hangs are caught by alarm() in every build; crashes by the sanitizer when there is one.
    std::signal(SIGALRM, onDeadlySignal);
    if (__sanitizer_set_death_callback) {
        __sanitizer_set_death_callback(onSanitizerDeath);
        return;
    }
    // Its own stack, so a stack overflow (the deep-input class) is still reported and saved.
    static std::vector<char> altStack(1 << 16);
    stack_t ss{};
    ss.ss_sp = altStack.data();
    ss.ss_size = altStack.size();
    sigaltstack(&ss, nullptr);
    struct sigaction sa {};
    sa.sa_handler = onDeadlySignal;
    sa.sa_flags = SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    for (int s : {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL})
        sigaction(s, &sa, nullptr);
}

// ---- options --------------------------------------------------------------------------
struct Options {
    double maxTotalTime = 0; // seconds; 0 = no limit
    long long runs = -1;     // mutations; -1 = no limit
    std::uint64_t seed = 0;  // 0 = from the clock (printed, so a run can be repeated)
    std::size_t maxLen = 256 * 1024;
    unsigned timeout = 20; // seconds for one input
    std::vector<std::string> dictionaries;
    std::vector<std::string> inputs;
};

bool flag(std::string_view arg, std::string_view name, std::string &value)
{
    if (!arg.starts_with(name) || arg.size() <= name.size() || arg[name.size()] != '=')
        return false;
    value = std::string(arg.substr(name.size() + 1));
    return true;
}

Options parseOptions(int argc, char **argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        std::string v;
        if (flag(a, "-max_total_time", v))
            o.maxTotalTime = std::stod(v);
        else if (flag(a, "-runs", v))
            o.runs = std::stoll(v);
        else if (flag(a, "-seed", v))
            o.seed = std::stoull(v);
        else if (flag(a, "-max_len", v))
            o.maxLen = std::stoull(v);
        else if (flag(a, "-timeout", v))
            o.timeout = static_cast<unsigned>(std::stoul(v));
        else if (flag(a, "-dict", v))
            o.dictionaries.push_back(v);
        else if (flag(a, "-artifact_prefix", v))
            std::snprintf(g_artifactPrefix, sizeof g_artifactPrefix, "%s", v.c_str());
        else if (a.starts_with("-"))
            std::fprintf(stderr, "fuzzdriver: ignoring unknown option %s\n", argv[i]);
        else
            o.inputs.emplace_back(a);
    }
    return o;
}

Bytes readFile(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// libFuzzer's dictionary format: one token a line, `name="value"` or `"value"`, with \\, \" and
// \xNN escapes; `#` starts a comment line.
std::vector<Bytes> readDictionary(const std::string &path)
{
    std::vector<Bytes> tokens;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        const std::size_t open = line.find('"');
        const std::size_t close = line.rfind('"');
        if (line.starts_with('#') || open == std::string::npos || close <= open)
            continue;
        Bytes token;
        for (std::size_t i = open + 1; i < close; ++i) {
            if (line[i] == '\\' && i + 1 < close) {
                if (line[i + 1] == 'x' && i + 3 < close) {
                    token += static_cast<char>(std::stoi(line.substr(i + 2, 2), nullptr, 16));
                    i += 3;
                } else {
                    token += line[++i];
                }
            } else {
                token += line[i];
            }
        }
        if (!token.empty())
            tokens.push_back(token);
    }
    return tokens;
}

// ---- mutations --------------------------------------------------------------------------
class Mutator {
public:
    Mutator(std::uint64_t seed, const std::vector<Bytes> &corpus, std::vector<Bytes> dictionary,
            std::size_t maxLen)
        : m_rng(seed)
        , m_corpus(corpus)
        , m_dictionary(std::move(dictionary))
        , m_maxLen(maxLen)
    {
        // Tokens every target's text formats share; the target's dictionary adds its own.
        for (const char *t : {"{",
                              "}",
                              "[",
                              "]",
                              "(",
                              ")",
                              ":",
                              ",",
                              "\"",
                              "'",
                              "\n",
                              "\r\n",
                              "-",
                              " ",
                              "\\",
                              "\\u0000",
                              "\\ud800",
                              "1e999999",
                              "-1e999999",
                              "18446744073709551616",
                              "9223372036854775807",
                              "-0",
                              "0.0",
                              "null",
                              "true",
                              "{{",
                              "}}",
                              "&a",
                              "*a",
                              "<<: *a",
                              "!!binary",
                              "%"})
            m_dictionary.emplace_back(t);
    }

    Bytes next()
    {
        // One time in 16: a bomb on its own or around a seed, so deep input is tried often.
        if (chance(16))
            return bomb(m_corpus.empty() ? Bytes() : pick(m_corpus));
        Bytes data = m_corpus.empty() ? Bytes() : pick(m_corpus);
        const int edits = 1 + static_cast<int>(below(6));
        for (int i = 0; i < edits; ++i)
            mutate(data);
        if (data.size() > m_maxLen)
            data.resize(m_maxLen);
        return data;
    }

private:
    std::size_t below(std::size_t n)
    {
        return n == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, n - 1)(m_rng);
    }
    bool chance(std::size_t oneIn) { return below(oneIn) == 0; }
    template <typename T>
    const T &pick(const std::vector<T> &v)
    {
        return v[below(v.size())];
    }
    std::size_t position(const Bytes &d) { return below(d.size() + 1); }

    // A few thousand to a hundred thousand repetitions: deeper than any sane limit and than
    // an 8 MiB stack allows for a naive recursive walk.
    std::size_t bombCount()
    {
        static const std::size_t counts[] = {64, 65, 100, 1000, 5000, 20000, 100000};
        return counts[below(std::size(counts))];
    }

    static Bytes repeat(std::string_view unit, std::size_t n)
    {
        Bytes out;
        out.reserve(unit.size() * n);
        for (std::size_t i = 0; i < n; ++i)
            out += unit;
        return out;
    }

    Bytes bomb(Bytes around)
    {
        // Openers of every nesting construct of the formats: JSON/YAML flow collections, block
        // sequences, expression parentheses/arrays/objects/members/operators/unary chains,
        // templates, function calls.
        static const char *openers[] = {"[",       "{\"a\":", "{a: ",    "- ",      "(",  "a.",
                                        "1+",      "!",       "-",       "[[",      "{{", "not(",
                                        "x: &a [", "? ",      "input.a", "length(", "'",  "\\"};
        static const char *closers[] = {"]",  "}",  "}", "",  ")", "a", "1", "true", "1",
                                        "]]", "}}", ")", "]", "",  "",  ")", "",     ""};
        const std::size_t k = below(std::size(openers));
        const std::size_t n = std::min(bombCount(), m_maxLen / (std::strlen(openers[k]) + 1));
        Bytes b = repeat(openers[k], n);
        if (chance(2))
            b += repeat(closers[k], n);
        const std::size_t at = position(around);
        around.insert(at, b);
        return around;
    }

    void mutate(Bytes &d)
    {
        static const unsigned char interesting[] = {0x00, 0xff, 0xfe, 0x80, 0xc0, 0xc1, 0xed, 0xf4,
                                                    0x7f, 0x0a, 0x0d, 0x09, 0x22, 0x27, 0x5c, 0x7b,
                                                    0x7d, 0x5b, 0x5d, 0x3a, 0x2c, 0x20, 0x30, 0x39};
        // Sequences that are not UTF-8: a lone continuation, an overlong NUL, a surrogate,
        // a truncated three-byte sequence, above U+10FFFF.
        static const char *notUtf8[] = {
            "\x80", "\xc0\x80", "\xed\xa0\x80", "\xe2\x82", "\xf4\x90\x80\x80", "\xff", "\xfe\xff"};
        switch (below(12)) {
        case 0: // flip a bit
            if (!d.empty())
                d[below(d.size())] ^= static_cast<char>(1u << below(8));
            break;
        case 1: // an interesting byte, replaced or inserted
            if (!d.empty() && chance(2))
                d[below(d.size())] = static_cast<char>(interesting[below(std::size(interesting))]);
            else
                d.insert(position(d), 1,
                         static_cast<char>(interesting[below(std::size(interesting))]));
            break;
        case 2: // random bytes
            for (std::size_t i = 0, n = 1 + below(8); i < n; ++i)
                d.insert(position(d), 1, static_cast<char>(below(256)));
            break;
        case 3: { // delete a range
            if (d.empty())
                break;
            const std::size_t at = below(d.size());
            d.erase(at, 1 + below(std::min<std::size_t>(d.size() - at, 64)));
            break;
        }
        case 4: // a dictionary token
            d.insert(position(d), pick(m_dictionary));
            break;
        case 5: { // splice: a piece of another seed, inserted or overwriting the tail
            if (m_corpus.empty())
                break;
            const Bytes &other = pick(m_corpus);
            if (other.empty())
                break;
            const std::size_t from = below(other.size());
            const std::size_t len = 1 + below(std::min<std::size_t>(other.size() - from, 512));
            const std::size_t at = position(d);
            if (chance(2))
                d.insert(at, other, from, len);
            else
                d = d.substr(0, at) + other.substr(from);
            break;
        }
        case 6: { // duplicate a range (repeated keys, steps, routes)
            if (d.empty())
                break;
            const std::size_t at = below(d.size());
            const std::size_t len = 1 + below(std::min<std::size_t>(d.size() - at, 256));
            const Bytes piece = d.substr(at, len);
            for (std::size_t i = 0, n = 1 + below(4); i < n; ++i)
                d.insert(position(d), piece);
            break;
        }
        case 7: { // a long run of one byte or token
            const Bytes unit =
                chance(2) ? Bytes(1, static_cast<char>(interesting[below(std::size(interesting))]))
                          : pick(m_dictionary);
            const std::size_t n =
                std::min<std::size_t>(1 + below(chance(4) ? 100000 : 300), m_maxLen / unit.size());
            d.insert(position(d), repeat(unit, n));
            break;
        }
        case 8: // bytes that are not UTF-8
            d.insert(position(d), notUtf8[below(std::size(notUtf8))]);
            break;
        case 9: // truncate
            d.resize(below(d.size() + 1));
            break;
        case 11: { // a dictionary token as a line of its own (YAML keys, HTTP header lines)
            std::size_t at = position(d);
            const std::size_t lineStart = d.rfind('\n', at == 0 ? 0 : at - 1);
            at = lineStart == Bytes::npos ? 0 : lineStart + 1;
            d.insert(at, pick(m_dictionary) + "\n");
            break;
        }
        case 10: { // swap two bytes (reorders, unbalances quotes and brackets)
            if (d.size() < 2)
                break;
            std::swap(d[below(d.size())], d[below(d.size())]);
            break;
        }
        }
    }

    std::mt19937_64 m_rng;
    const std::vector<Bytes> &m_corpus;
    std::vector<Bytes> m_dictionary;
    std::size_t m_maxLen;
};

void runOne(const Bytes &input, unsigned timeout)
{
    // A copy the target cannot read past without ASan noticing (and the handlers can save).
    std::vector<std::uint8_t> copy(input.begin(), input.end());
    g_currentData = reinterpret_cast<const char *>(copy.data());
    g_currentSize = copy.size();
    alarm(timeout);
    LLVMFuzzerTestOneInput(copy.data(), copy.size());
    alarm(0);
    g_currentData = nullptr;
    g_currentSize = 0;
}

} // namespace

int main(int argc, char **argv)
{
    Options options = parseOptions(argc, argv);
    installHandlers();
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);

    std::vector<Bytes> corpus;
    bool sawDirectory = false;
    for (const std::string &input : options.inputs) {
        std::error_code ec;
        if (fs::is_directory(input, ec)) {
            sawDirectory = true;
            std::vector<fs::path> files;
            for (const auto &entry : fs::recursive_directory_iterator(input, ec))
                if (entry.is_regular_file())
                    files.push_back(entry.path());
            std::sort(files.begin(), files.end()); // the same order on every machine
            for (const auto &f : files)
                corpus.push_back(readFile(f));
        } else if (fs::is_regular_file(input, ec)) {
            corpus.push_back(readFile(input));
        } else {
            std::fprintf(stderr, "fuzzdriver: no such file or directory: %s\n", input.c_str());
            return 2;
        }
    }
    std::vector<Bytes> dictionary;
    for (const std::string &d : options.dictionaries) {
        const auto tokens = readDictionary(d);
        dictionary.insert(dictionary.end(), tokens.begin(), tokens.end());
    }

    const auto start = std::chrono::steady_clock::now();
    for (const Bytes &seed : corpus)
        runOne(seed, options.timeout);
    std::fprintf(stderr, "fuzzdriver: replayed %zu inputs\n", corpus.size());
    const bool replayOnly = !sawDirectory && options.runs < 0 && options.maxTotalTime <= 0;
    if (replayOnly)
        return 0;

    if (options.seed == 0)
        options.seed =
            static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
    std::fprintf(stderr, "fuzzdriver: mutating with -seed=%llu\n",
                 static_cast<unsigned long long>(options.seed));
    Mutator mutator(options.seed, corpus, std::move(dictionary), options.maxLen);
    long long runs = 0;
    for (; options.runs < 0 || runs < options.runs; ++runs) {
        if (options.maxTotalTime > 0 &&
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() >=
                options.maxTotalTime)
            break;
        runOne(mutator.next(), options.timeout);
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "fuzzdriver: %lld mutated inputs in %.1f s, no crash\n", runs, seconds);
    return 0;
}
