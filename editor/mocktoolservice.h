// What the mock and profile editors ask of the program they live in: the mock loader's verdict
// on a file, latency draws with the simulator's own code, the format's vocabulary and "Try it"
// requests answered in-process. The editor declares it and never links the mocks; the studio
// (app/studio/services/studiomocktools.h) implements it with mocks/, a test may inject a fake.
#pragma once

#include <engine/core/duration.h>
#include <engine/core/httptransport.h>
#include <engine/core/json.h>
#include <engine/core/result.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tutti::editor {

enum class SpecKind { Mock, Profile };

struct TryRequest {
    std::string method = "GET";
    std::string path = "/"; // with an optional ?query
    engine::Headers headers;
    std::string body;
    std::uint64_t seed = 1; // the draws (latency, faults, uuid()) of this request
};

struct TryAnswer {
    bool answered = false; // false: the connection failed or timed out (see error)
    engine::HttpResponse response;
    engine::Micros latency = 0; // on the simulator's clock, until the answer (or the failure)
    std::string error;          // "connection reset by peer", "timeout after 30s", …
};

// A mock loaded once from the editor's text: answers keep its state and sequence positions
// from request to request, as in a run; reset() starts over.
class MockTrySession {
public:
    virtual ~MockTrySession() = default;
    virtual TryAnswer send(const TryRequest &request) = 0;
    virtual void reset() = 0;
};

class MockToolService {
public:
    virtual ~MockToolService() = default;

    // Every problem of the text as `tutti` itself reports it for that kind of file, located.
    virtual engine::Errors validate(SpecKind kind, std::string_view text,
                                    const std::string &fileName) const = 0;

    // `count` draws of a latency as written in a file (80ms, {dist: lognormal, …}), with the
    // simulator's own distributions and Rng(seed); an error when the value is not a latency.
    virtual engine::Result<std::vector<engine::Micros>>
    sampleLatency(const engine::Json &latency, int count, std::uint64_t seed) const = 0;

    // The format's vocabulary (docs/mocks.md): latency kinds with their duration fields, fault
    // kinds, and what templates may read (completion).
    struct LatencyKind {
        std::string name;
        std::vector<std::string> fields;
    };
    virtual std::vector<LatencyKind> latencyKinds() const = 0;
    virtual std::vector<std::string> faultKinds() const = 0;
    virtual std::vector<std::string> templatePaths() const = 0;

    // The error an http step sees when the mock injects `fault` ({kind, status?}): "http.503",
    // "timeout", "connection", "parse"; "" when the step gets a normal answer (slow_body).
    virtual std::string faultErrorName(const engine::Json &fault) const = 0;

    // Loads the mock text for requests in-process (the simulator's transport, virtual time).
    virtual engine::Result<std::unique_ptr<MockTrySession>>
    openTrySession(std::string_view mockText, const std::string &fileName) const = 0;
};

} // namespace tutti::editor
