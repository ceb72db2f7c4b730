// MapAction: the body once per item, at most `concurrency` items in flight, results in item
// order; failed items beyond `tolerate` end the step and cancel the items still running.
#include <engine/runtime/actions/mapaction.h>

#include <engine/core/random.h>
#include <engine/runtime/actions/stepcontext.h>

#include <algorithm>
#include <optional>
#include <utility>

namespace tutti::engine::internal {

namespace {

// Items are started by one loop (pump) that a synchronous body re-enters: an item that finishes
// while pump is starting others only records its result and returns, and the loop picks up the
// free slot. So no callback ever destroys code that is still running (the launcher used to be a
// std::function that the last item cleared from inside itself), and a long list of synchronous
// items does not grow the stack. The state lives as long as a caller holds it: pump's caller and
// each pending item callback keep a shared_ptr.
struct MapRun : std::enable_shared_from_this<MapRun> {
    ActionContext *run = nullptr;
    const Step *step = nullptr;
    const MapSpec *map = nullptr;
    FramePtr frame;
    SpanId stepSpan = 0;
    Json items;
    Json results;
    std::size_t n = 0, limit = 0;
    std::size_t next = 0, running = 0, failed = 0;
    std::size_t tolerance = 0;
    bool busy = false; // inside pump or an item's completion: re-entries only record
    std::optional<StepError> firstError;
    ScopePtr scope;
    Done done;

    void pump()
    {
        if (busy)
            return;
        auto self = shared_from_this();
        busy = true;
        while (running < limit && next < n && !firstError)
            startItem(next++);
        busy = false;
        finishIfDone();
    }
    void startItem(std::size_t i)
    {
        ++running;
        auto itemFrame = std::make_shared<Frame>();
        itemFrame->parent = frame;
        itemFrame->flow = frame->flow;
        itemFrame->hasItem = true;
        itemFrame->itemName = map->as;
        itemFrame->item = items[i];
        itemFrame->index = i;
        itemFrame->key = mixSeed(mixSeed(frame->key, hashString(step->id)), i + 1);
        const SpanId span =
            run->openSpan(SpanKind::Item, "item " + std::to_string(i), step->id, stepSpan);
        run->runList(&map->body, std::move(itemFrame), scope, span,
                     [self = shared_from_this(), span, i](Outcome o) {
                         self->itemDone(span, i, std::move(o));
                     });
    }
    void itemDone(SpanId span, std::size_t i, Outcome o)
    {
        // Cancelling the scope below can finish other items synchronously: they only record.
        const bool nested = busy;
        busy = true;
        --running;
        const bool failedItem = o.failed();
        run->closeSpan(span, failedItem ? o.error.spanStatus() : SpanStatus::Ok,
                       failedItem ? o.error.toJson() : Json(nullptr));
        if (failedItem) {
            results[i] = Json{{"error", o.error.toJson()}};
            if (!o.error.isCancellation() && ++failed > tolerance && !firstError) {
                firstError = o.error;
                firstError->message = "item " + std::to_string(i) + ": " + o.error.message;
                scope->cancel();
            }
        } else {
            results[i] = std::move(o.value);
        }
        busy = nested;
        if (!nested)
            pump();
    }
    void finishIfDone()
    {
        const bool allStarted = next >= n || firstError;
        if (running != 0 || !allStarted || !done)
            return;
        auto d = std::exchange(done, nullptr);
        if (firstError)
            d(Outcome::failure(std::move(*firstError)));
        else
            d(Outcome::ok(std::move(results)));
    }
};

} // namespace

void MapAction::act(ActionContext &run, const ActionCall &call, Done done) const
{
    const Step &step = call.step;
    const MapSpec &map = step.as<MapSpec>();
    auto items = evaluate(run, *map.items, *call.frame);
    if (!items)
        return done(Outcome::failure(expressionError(items.error(), step)));
    if (!items->is_array())
        return done(Outcome::failure(StepError::validation(
            "map items must be an array, got " + std::string(items->type_name()), step.id)));
    auto st = std::make_shared<MapRun>();
    st->run = &run;
    st->step = &step;
    st->map = &map;
    st->frame = call.frame;
    st->stepSpan = call.span;
    st->items = std::move(*items);
    st->n = st->items.size();
    st->results = Json::array();
    for (std::size_t i = 0; i < st->n; ++i)
        st->results.push_back(nullptr);
    if (map.tolerateCount)
        st->tolerance = static_cast<std::size_t>(std::max(0, *map.tolerateCount));
    else if (map.toleratePercent)
        st->tolerance =
            static_cast<std::size_t>(*map.toleratePercent / 100.0 * static_cast<double>(st->n));
    st->scope = call.scope->child();
    st->done = std::move(done);
    if (st->n == 0)
        return std::exchange(st->done, nullptr)(Outcome::ok(Json::array()));
    st->limit = map.concurrency > 0 ? static_cast<std::size_t>(map.concurrency) : st->n;
    st->pump();
}

} // namespace tutti::engine::internal
