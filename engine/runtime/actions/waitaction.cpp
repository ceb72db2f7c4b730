// WaitAction: how long to wait (`duration`, or `until` an ISO-8601 time or epoch milliseconds),
// then one `wait` span around the run's sleep.
#include <engine/runtime/actions/waitaction.h>

#include <engine/runtime/actions/stepcontext.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>

namespace tutti::engine::internal {

void WaitAction::act(ActionContext &run, const ActionCall &call, Done done) const
{
    const Step &step = call.step;
    const WaitSpec &wait = step.as<WaitSpec>();
    Micros delay = wait.duration.value_or(0);
    if (wait.until) {
        auto at = evaluate(run, *wait.until, *call.frame);
        if (!at)
            return done(Outcome::failure(expressionError(at.error(), step)));
        Micros target = 0;
        if (at->is_number()) {
            target = static_cast<Micros>(at->get<double>() * 1000.0);
        } else if (at->is_string()) {
            std::tm tm{};
            const std::string text = at->get<std::string>();
            const char *rest = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
            if (!rest)
                return done(Outcome::failure(StepError::validation(
                    "wait until: '" + text + "' is not an ISO-8601 time", step.id)));
            target = static_cast<Micros>(timegm(&tm)) * kSecond;
            if (*rest == '.')
                target += static_cast<Micros>(std::strtod(rest, nullptr) * kSecond);
        } else {
            return done(Outcome::failure(StepError::validation(
                "wait until needs a time (ISO-8601 text or epoch ms)", step.id)));
        }
        delay = std::max<Micros>(0, target - run.now());
    }
    const SpanId span =
        run.openSpan(SpanKind::Wait, "wait " + formatDuration(delay), step.id, call.span);
    run.sleep(
        delay, call.scope, [&run, span, &step, delay, done = std::move(done)](bool cancelled) {
            run.closeSpan(span, cancelled ? SpanStatus::Cancelled : SpanStatus::Ok);
            if (cancelled)
                return done(
                    Outcome::failure(StepError::cancelled("cancelled while waiting", step.id)));
            done(Outcome::ok(Json{{"waited_ms", delay / kMillisecond}}));
        });
}

} // namespace tutti::engine::internal
