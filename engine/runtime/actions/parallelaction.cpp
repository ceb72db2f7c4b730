// ParallelAction: starts every branch in a child scope, collects {BRANCH: last result}, and on a
// failure keeps the first real error (a cancellation only until a real one arrives); with
// `fail: fast` the first failure cancels the other branches.
#include <engine/runtime/actions/parallelaction.h>

#include <engine/core/random.h>

#include <optional>
#include <vector>

namespace tutti::engine::internal {

void ParallelAction::act(ActionContext &run, const ActionCall &call, Done done) const
{
    const Step &step = call.step;
    const ParallelSpec &parallel = step.as<ParallelSpec>();
    struct State {
        std::size_t remaining = 0;
        Json results = Json::object();
        std::vector<FramePtr> frames;
        std::optional<StepError> firstError;
        ScopePtr scope;
        Done done;
    };
    auto st = std::make_shared<State>();
    st->remaining = parallel.branches.size();
    st->scope = call.scope->child();
    st->done = std::move(done);
    if (parallel.branches.empty())
        return st->done(Outcome::ok(Json::object()));
    for (const Branch &branch : parallel.branches)
        st->results[branch.name] = nullptr;
    const FramePtr &frame = call.frame;
    for (const Branch &branch : parallel.branches) {
        auto bf = std::make_shared<Frame>();
        bf->parent = frame;
        bf->flow = frame->flow;
        bf->key = mixSeed(mixSeed(frame->key, hashString(step.id)), hashString(branch.name));
        st->frames.push_back(bf);
        const SpanId span = run.openSpan(SpanKind::Branch, branch.name, step.id, call.span);
        run.runList(&branch.steps, bf, st->scope, span,
                    [&run, st, span, frame, &parallel, name = branch.name](Outcome o) {
                        const bool failed = o.failed();
                        run.closeSpan(span, failed ? o.error.spanStatus() : SpanStatus::Ok,
                                      failed ? o.error.toJson() : Json(nullptr));
                        if (failed) {
                            if (!st->firstError ||
                                (st->firstError->isCancellation() && !o.error.isCancellation()))
                                st->firstError = o.error;
                            if (parallel.failFast)
                                st->scope->cancel();
                        } else {
                            st->results[name] = std::move(o.value);
                        }
                        if (--st->remaining > 0)
                            return;
                        // Steps inside branches stay readable after the parallel step (ids are
                        // unique in a file).
                        for (const FramePtr &bf : st->frames)
                            for (auto &[id, value] : bf->results)
                                frame->results[id] = value;
                        auto d = std::move(st->done);
                        if (st->firstError)
                            d(Outcome::failure(std::move(*st->firstError)));
                        else
                            d(Outcome::ok(std::move(st->results)));
                    });
    }
}

} // namespace tutti::engine::internal
