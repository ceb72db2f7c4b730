// A deterministic EvalContext for the expression tests: fixed roots, two steps, one secret,
// a fixed clock and a counting uuid().
#pragma once

#include <engine/expr/expression.h>

#include <cstdio>
#include <map>
#include <string>

namespace tutti::engine::expr::test {

class FakeContext : public EvalContext {
public:
    FakeContext()
    {
        m_roots["input"] = Json::parse(R"({
            "sku": "A1", "qty": 2, "amount": 12.5, "name": "  Bob  ", "tags": ["a", "b", "c"],
            "nested": {"k": {"v": 1}}, "empty": "", "zero": 0, "nil": null,
            "obj": {"x": 1, "y": 2}, "weird key": "w", "nums": [3, 1, 2], "mixed": [1, 2.5],
            "flag": true, "csv": "a,b,,c", "big": 9223372036854775807
        })");
        m_roots["vars"] = Json::parse(R"({"region": "eu", "count": 3})");
        m_roots["env"] = Json::parse(R"({"region": "eu-west"})");
        m_roots["item"] = Json::parse(R"({"id": 7})");
        m_roots["index"] = 2;
        m_roots["run"] = Json::parse(R"({"id": "run-1", "attempt": 1})");
        m_steps["reserve"] = Json::parse(
            R"({"status": 201, "headers": {}, "body": {"id": "r_1", "n": 5, "list": [10, 20, 30]}})");
        m_steps["charge"] = Json::parse(R"({"status": 200, "body": {"id": "ch_9"}})");
        // A map step's result is an array; a parallel step's is an object keyed by branch.
        m_steps["fanout"] = Json::parse(R"([{"body": {"id": 1}}, {"body": {"id": 2}}])");
        m_steps["ship_and_notify"] = Json::parse(R"({"ship": {"body": {"id": "sh_1"}}})");
        m_secrets["PAYMENT_KEY"] = "sk_test";
    }

    const Json *root(std::string_view name) const override
    {
        const auto it = m_roots.find(std::string(name));
        return it == m_roots.end() ? nullptr : &it->second;
    }
    const Json *step(std::string_view id) const override
    {
        const auto it = m_steps.find(std::string(id));
        return it == m_steps.end() ? nullptr : &it->second;
    }
    std::optional<std::string> secret(std::string_view name) override
    {
        const auto it = m_secrets.find(std::string(name));
        if (it == m_secrets.end())
            return std::nullopt;
        return it->second;
    }
    // 2025-11-26T14:52:34.123456Z
    Micros now() override { return 1764168754123456; }
    std::string uuid() override
    {
        char buffer[40];
        std::snprintf(buffer, sizeof buffer, "00000000-0000-4000-8000-%012d", ++m_uuids);
        return buffer;
    }

    std::map<std::string, Json> m_roots;
    std::map<std::string, Json> m_steps;
    std::map<std::string, std::string> m_secrets;
    int m_uuids = 0;
};

} // namespace tutti::engine::expr::test
