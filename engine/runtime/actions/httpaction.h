// The http step: builds the request from its templates (URL, query, headers, auth, body), checks
// it can be sent, asks the service's circuit, sends it through the run and classifies the answer
// into the step's result or a named error. Also sends `compensate:` requests for the run loop.
#pragma once

#include <engine/runtime/actions/stepaction.h>

namespace tutti::engine::internal {

class HttpAction final : public StepAction {
public:
    StepType type() const override { return StepType::Http; }
    ActionTraits traits() const override
    {
        ActionTraits t;
        t.attempts = true;
        return t;
    }
    void act(ActionContext &run, const ActionCall &call, Done done) const override;
};

// One attempt of the `compensate:` request `undo` of call.step, an http or a call step (SPEC §3
// saga): sent like the step's own request, with an http step's service, auth and limits (a call
// step has none: its compensation names a full url), its result not shaped by `output:`.
void sendCompensation(ActionContext &run, const ActionCall &call, const HttpRequestSpec &undo,
                      Done done);

// What the http step `step` would send if it ran now in `frame` — the debugger's "what will be
// sent": {method, url, headers, body} as its attempt span shows them (headers redacted; the caller
// redacts the rest), plus `auth` when an OAuth2 token is fetched only at sending; or
// {"not_sent": ERROR} with the error the step would fail with (an expression, a refused value).
// Sends nothing and fetches no token. null for other step types.
Json previewRequest(ActionContext &run, const Step &step, const Frame &frame);

} // namespace tutti::engine::internal
