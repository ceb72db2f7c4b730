// How one step (or one list of steps) ends: a value, a jump, `end`, a respond, or a named error.
// Every action ends in exactly one Outcome, handed to its Done.
#pragma once

#include <engine/core/json.h>
#include <engine/runtime/steperror.h>

#include <functional>
#include <string>
#include <utility>

namespace tutti::engine::internal {

struct Outcome {
    enum class Kind { Next, End, Respond, Error };
    Kind kind = Kind::Next;
    Json value;
    std::string jump; // Next: step id to jump to ("" = fall through)
    int status = 0;   // Respond
    StepError error;  // Error
    // Next/End of a step whose result now lives in its frame: read it there instead of copying
    // (unordered_map nodes are stable, so the pointer stays valid while the frame lives).
    const Json *ref = nullptr;

    static Outcome ok(Json v) { return {Kind::Next, std::move(v), {}, 0, {}}; }
    static Outcome jumpTo(Json v, std::string id)
    {
        return {Kind::Next, std::move(v), std::move(id), 0, {}};
    }
    static Outcome respond(Json body, int status)
    {
        return {Kind::Respond, std::move(body), {}, status, {}};
    }
    static Outcome failure(StepError e) { return {Kind::Error, nullptr, {}, 0, std::move(e)}; }
    bool failed() const { return kind == Kind::Error; }
};

using Done = std::function<void(Outcome)>;

} // namespace tutti::engine::internal
