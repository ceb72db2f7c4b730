// The typed spec of an http step: one request to a service or a full URL (SPEC §3 http).
#pragma once

#include <engine/model/steps/common.h>

namespace tutti::engine {

struct HttpSpec {
    std::string service;
    HttpRequestSpec request;
    std::optional<HttpRequestSpec> compensate;
    std::vector<StatusRange> expect;          // empty: 2xx
    std::optional<expr::JsonTemplate> output; // default {status, headers, body}
    std::optional<AuthSpec> auth;
    bool allowDynamicHost = false;
    std::size_t maxBody = 16u << 20;
};

struct StepDescriptor;
const StepDescriptor &httpStepDescriptor(); // httpstep.cpp

} // namespace tutti::engine
