// Route table (see router.h).
#include "router.h"

namespace tutti::server {

engine::Result<void> Router::add(const std::string &method, const std::string &path,
                                 std::size_t flow, const std::string &flowName)
{
    auto &methods = m_paths[path];
    if (auto it = methods.find(method); it != methods.end())
        return engine::fail(engine::ErrorCode::Validation,
                            "route " + method + " " + path + " of flow '" + flowName +
                                "' is already served by flow '" + it->second.name + "'");
    methods.emplace(method, Target{flow, flowName});
    return {};
}

Router::Match Router::find(std::string_view method, std::string_view path) const
{
    Match m;
    auto it = m_paths.find(path);
    if (it == m_paths.end())
        return m;
    for (const auto &[name, target] : it->second)
        if (name == method) {
            m.kind = Match::Found;
            m.flow = target.flow;
            return m;
        }
    m.kind = Match::WrongMethod;
    for (const auto &[name, target] : it->second)
        m.allow += (m.allow.empty() ? "" : ", ") + name;
    return m;
}

} // namespace tutti::server
