// The cancellation tree of a run: fail-fast, step and flow timeouts, cancel() and destroying a run
// all end pending leaf operations (timers, HTTP requests) through it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <utility>
#include <vector>

namespace tutti::engine::internal {

// Cancelling a scope runs the hooks of its pending leaf operations and cancels its children. Each
// hook makes its operation end (asynchronously) as a cancellation. A hook holds its operation's
// completion, which holds the list walking it, which holds the scope: a cycle by design while the
// operation is pending. abandon() breaks it when the run is destroyed mid-flight (dropping the
// hooks without running them).
class CancelScope : public std::enable_shared_from_this<CancelScope> {
public:
    std::shared_ptr<CancelScope> child();
    std::uint64_t onCancel(std::function<void()> hook)
    {
        const auto id = ++m_nextHook;
        m_hooks.emplace(id, std::move(hook));
        return id;
    }
    void remove(std::uint64_t id) { m_hooks.erase(id); }
    void cancel();
    bool cancelled() const { return m_cancelled; }
    // Drops the hooks of this scope and of its live children without running them.
    void abandon();

private:
    bool m_cancelled = false;
    std::uint64_t m_nextHook = 0;
    std::map<std::uint64_t, std::function<void()>> m_hooks;
    std::vector<std::weak_ptr<CancelScope>> m_children;
};
using ScopePtr = std::shared_ptr<CancelScope>;

} // namespace tutti::engine::internal
