// The route table of `tutti serve`: method + exact path → flow. Knows which methods a path
// takes, so a wrong method is 405 with Allow rather than 404.
#pragma once

#include <engine/core/result.h>

#include <map>
#include <string>
#include <string_view>

namespace tutti::server {

class Router {
public:
    struct Match {
        enum Kind { Found, NotFound, WrongMethod } kind = NotFound;
        std::size_t flow = 0;
        std::string allow; // WrongMethod: "GET, POST"
    };

    // Fails when the method and path are already taken (by flow `owner`).
    engine::Result<void> add(const std::string &method, const std::string &path, std::size_t flow,
                             const std::string &flowName);
    Match find(std::string_view method, std::string_view path) const;

private:
    struct Target {
        std::size_t flow;
        std::string name;
    };
    std::map<std::string, std::map<std::string, Target>, std::less<>> m_paths;
};

} // namespace tutti::server
