// What the steps of one list can read: its results, a map item, a caught error, and the enclosing
// lists up to the flow (or sub-flow) they belong to.
#pragma once

#include <engine/core/json.h>
#include <engine/model/flow.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace tutti::engine::internal {

// The flow being executed at some depth: the run's own flow, or a sub-flow of a `call` step.
struct FlowScope {
    std::shared_ptr<const Flow> flow;
    Json input;
    Json vars = Json::object();
};

// Variables visible to the steps of one list: its results, a map item, and the enclosing lists.
struct Frame {
    std::shared_ptr<Frame> parent;
    std::shared_ptr<FlowScope> flow;
    std::unordered_map<std::string, Json> results;
    bool boundary = false; // a sub-flow: steps of the caller are not visible
    bool hasItem = false;
    std::string itemName;
    Json item;
    Json index;
    Json error; // the error a catch jumped with (the `error` root), null otherwise
    // Where in the run this frame is (top level, branch "ship", item 3, …), hashed: it makes
    // mock draws depend on the position of a call, not on how concurrent work interleaves.
    std::uint64_t key = 0;

    const Json *stepResult(std::string_view id) const
    {
        for (const Frame *f = this; f; f = f->parent.get()) {
            auto it = f->results.find(std::string(id));
            if (it != f->results.end())
                return &it->second;
            if (f->boundary)
                break;
        }
        return nullptr;
    }
    const Frame *itemFrame(std::string_view name) const
    {
        for (const Frame *f = this; f; f = f->parent.get()) {
            if (f->hasItem && (name.empty() || f->itemName == name))
                return f;
            if (f->boundary)
                break;
        }
        return nullptr;
    }
    const Json *caughtError() const
    {
        for (const Frame *f = this; f; f = f->parent.get()) {
            if (!f->error.is_null())
                return &f->error;
            if (f->boundary)
                break;
        }
        return nullptr;
    }
    // Every visible step result, nearest first wins (for scripts, which get a plain object).
    Json visibleSteps() const
    {
        Json all = Json::object();
        for (const Frame *f = this; f; f = f->parent.get()) {
            for (const auto &[id, value] : f->results)
                if (!all.contains(id))
                    all[id] = value;
            if (f->boundary)
                break;
        }
        return all;
    }
};
using FramePtr = std::shared_ptr<Frame>;

} // namespace tutti::engine::internal
