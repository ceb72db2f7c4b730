// Errors at module edges: a value with a code, a message and where it happened.
#pragma once

#include <expected>
#include <string>
#include <vector>

namespace tutti::engine {

// A position in a source file; line and column are 1-based, 0 means unknown.
struct SourceLocation {
    std::string file;
    int line = 0;
    int column = 0;
    bool isKnown() const { return line > 0; }
};

enum class ErrorCode {
    Io,         // file missing, unreadable, not writable
    Syntax,     // YAML/JSON/expression text that does not parse
    Schema,     // well-formed but wrong keys, types or values
    Validation, // graph checks (ids, reachability, cycles) and input validation
    Limit,      // size, depth, alias expansion
    Version,    // format version newer than this build reads
    Database,   // SQLite failures
    Network,    // bind/listen failures
    Internal,
};

struct Error {
    ErrorCode code = ErrorCode::Internal;
    std::string message;
    SourceLocation location;
    std::string path; // JSON pointer or expression path that failed, when there is one

    // "FILE:LINE:COL: error: MESSAGE", or as much of it as is known.
    std::string toString() const;
};

template <typename T>
using Result = std::expected<T, Error>;

// Several errors at once (validation reports every problem, not only the first).
using Errors = std::vector<Error>;

inline std::unexpected<Error> fail(ErrorCode code, std::string message, SourceLocation where = {},
                                   std::string path = {})
{
    return std::unexpected<Error>(
        Error{code, std::move(message), std::move(where), std::move(path)});
}

} // namespace tutti::engine
