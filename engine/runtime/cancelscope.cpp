// CancelScope: hooks of pending leaf operations and child scopes, cancelled or abandoned as a tree.
#include <engine/runtime/cancelscope.h>

#include <algorithm>
#include <utility>

namespace tutti::engine::internal {

std::shared_ptr<CancelScope> CancelScope::child()
{
    auto c = std::make_shared<CancelScope>();
    if (m_cancelled)
        c->m_cancelled = true;
    // Kept even when already cancelled, so that abandon() still reaches its hooks. Expired
    // entries are dropped whenever the vector would grow, so a long run stays bounded.
    if (m_children.size() == m_children.capacity())
        std::erase_if(m_children, [](const auto &w) { return w.expired(); });
    m_children.push_back(c);
    return c;
}

void CancelScope::cancel()
{
    if (m_cancelled)
        return;
    m_cancelled = true;
    auto hooks = std::move(m_hooks);
    m_hooks.clear();
    for (auto &[id, hook] : hooks)
        hook();
    auto children = std::move(m_children);
    for (auto &weak : children)
        if (auto c = weak.lock())
            c->cancel();
}

void CancelScope::abandon()
{
    auto hooks = std::move(m_hooks);
    m_hooks.clear();
    auto children = std::move(m_children);
    m_children.clear();
    hooks.clear(); // may destroy the last owner of a child: it is only reached weakly below
    for (auto &weak : children)
        if (auto c = weak.lock())
            c->abandon();
}

} // namespace tutti::engine::internal
