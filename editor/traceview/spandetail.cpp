// Span detail: facts, error, retry schedule and the request/response/context JSON of one span.
#include <editor/traceview/spandetail.h>

#include <editor/runcontroller.h>
#include <editor/statustext.h>
#include <editor/traceview/jsonview.h>

#include <engine/core/jsonio.h>
#include <engine/model/flowparser.h>
#include <engine/model/steps/registry.h>
#include <engine/runtime/retry.h>
#include <engine/trace/traceexport.h>

#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>
#include <unordered_map>

namespace tutti::editor {

using engine::Json;
using engine::Micros;
using engine::RunTrace;
using engine::Span;
using engine::SpanKind;
using engine::SpanStatus;

namespace {

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

QString ms(Micros value)
{
    return RunController::formatLatency(value);
}

QString errorName(const Json &error)
{
    return error.is_object() ? q(error.value("type", std::string("error"))) : QString();
}

QString errorMessage(const Json &error)
{
    if (!error.is_object() || !error.contains("message") || !error["message"].is_string())
        return {};
    return q(error["message"].get<std::string>());
}

const Span *spanAt(const RunTrace &run, int index)
{
    return index >= 0 && index < static_cast<int>(run.second.size())
               ? &run.second[static_cast<std::size_t>(index)]
               : nullptr;
}

int indexOfId(const RunTrace &run, engine::SpanId id)
{
    if (id == 0)
        return -1;
    for (std::size_t i = 0; i < run.second.size(); ++i)
        if (run.second[i].id == id)
            return static_cast<int>(i);
    return -1;
}

// Children of a span, in the store's order (by start).
std::vector<int> childrenOf(const RunTrace &run, int index)
{
    std::vector<int> out;
    const Span *parent = spanAt(run, index);
    if (!parent)
        return out;
    for (std::size_t i = 0; i < run.second.size(); ++i)
        if (run.second[i].parent == parent->id && static_cast<int>(i) != index)
            out.push_back(static_cast<int>(i));
    return out;
}

QString policyLine(const engine::RetryPolicy &p)
{
    QStringList on;
    for (const std::string &name : p.on)
        on << q(name);
    QString backoff = p.backoff > 1.0 ? SpanDetail::tr("×%1 after each retry").arg(p.backoff)
                                      : SpanDetail::tr("fixed");
    QString line =
        SpanDetail::tr("Retry policy: up to %1 on %2; first delay %3, %4, at most %5; jitter %6")
            .arg(p.retries == 1 ? SpanDetail::tr("1 retry")
                                : SpanDetail::tr("%1 retries").arg(p.retries),
                 on.join(QStringLiteral(", ")), ms(p.interval), backoff, ms(p.maxDelay),
                 p.jitter == engine::Jitter::Full ? SpanDetail::tr("full")
                                                  : SpanDetail::tr("none"));
    if (p.respectRetryAfter)
        line += SpanDetail::tr("; a longer Retry-After from the server wins");
    return line;
}

} // namespace

SpanDetail::SpanDetail(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_facts(new QLabel(this))
    , m_error(new QLabel(this))
    , m_retries(new QLabel(this))
    , m_panes(new QSplitter(Qt::Horizontal, this))
    , m_requestTitle(new QLabel(this))
    , m_responseTitle(new QLabel(this))
    , m_contextTitle(new QLabel(tr("<b>Data context</b>"), this))
    , m_contextPane(nullptr)
    , m_request(new JsonView(this))
    , m_response(new JsonView(this))
    , m_context(new JsonView(this))
    , m_contextNote(new QLabel(this))
{
    QFont big = m_title->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.15);
    m_title->setFont(big);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    for (QLabel *l : {m_facts, m_error, m_retries, m_contextNote}) {
        l->setWordWrap(true);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_error->setStyleSheet(QStringLiteral("color: #dc2626;"));
    m_contextNote->setForegroundRole(QPalette::PlaceholderText);

    // Each pane: its title over its JSON (the context's note between them).
    auto pane = [this](QLabel *title, QWidget *note, JsonView *view) {
        auto *w = new QWidget(m_panes);
        auto *l = new QVBoxLayout(w);
        l->setContentsMargins(0, 0, 0, 0);
        l->setSpacing(3);
        title->setTextFormat(Qt::RichText);
        title->setTextInteractionFlags(Qt::TextSelectableByMouse);
        l->addWidget(title);
        if (note)
            l->addWidget(note);
        l->addWidget(view, 1);
        m_panes->addWidget(w);
        return w;
    };
    pane(m_requestTitle, nullptr, m_request);
    pane(m_responseTitle, nullptr, m_response);
    m_contextPane = pane(m_contextTitle, m_contextNote, m_context);
    m_panes->setChildrenCollapsible(false);
    m_panes->setStretchFactor(0, 4);
    m_panes->setStretchFactor(1, 4);
    m_panes->setStretchFactor(2, 3);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 4);
    layout->setSpacing(4);
    layout->addWidget(m_title);
    layout->addWidget(m_facts);
    layout->addWidget(m_error);
    layout->addWidget(m_retries);
    layout->addWidget(m_panes, 1);
    showSpan(-1);
}

void SpanDetail::setRun(std::shared_ptr<const RunTrace> run)
{
    m_run = std::move(run);
    showSpan(-1);
}

void SpanDetail::setFlow(std::shared_ptr<const engine::Flow> flow)
{
    m_flow = std::move(flow);
    showSpan(m_span);
}

void SpanDetail::showRun()
{
    m_span = -1;
    m_retries->hide();
    m_requestTitle->setText(tr("<b>Input</b>"));
    m_responseTitle->setText(tr("<b>Output</b>"));
    m_contextPane->hide();
    if (!m_run) {
        m_title->setText(tr("No run"));
        m_facts->setText(tr("Open a run from the run history, the Run panel or the Simulation "
                            "panel."));
        m_error->hide();
        m_request->setJson(nullptr);
        m_response->setJson(nullptr);
        return;
    }
    const engine::RunRecord &r = m_run->first;
    m_title->setText(tr("Run %1 — %2").arg(q(r.id), q(r.flow)));
    QString facts = tr("status <b>%1</b> · started %2%3 · duration %4 · %6 spans · seed %5")
                        .arg(statusText(r.status), q(engine::formatTimestamp(r.startedAt)),
                             r.virtualTime ? tr(" (virtual time)") : QString(), ms(r.duration))
                        .arg(r.seed)
                        .arg(m_run->second.size());
    m_facts->setText(facts + tr("<br>Select a span for its request, response and retries."));
    const QString err = errorName(r.error);
    m_error->setVisible(!err.isEmpty());
    QString errText = err;
    if (!errorMessage(r.error).isEmpty())
        errText += QStringLiteral(": ") + errorMessage(r.error);
    if (r.error.is_object() && r.error.contains("step") && r.error["step"].is_string())
        errText += tr(" (step %1)").arg(q(r.error["step"].get<std::string>()));
    m_error->setText(errText);
    m_request->setJson(r.input, tr("(no input)"));
    m_response->setJson(r.output, tr("(no output)"));
}

void SpanDetail::showSpan(int spanIndex)
{
    const Span *s = m_run ? spanAt(*m_run, spanIndex) : nullptr;
    if (!s) {
        showRun();
        return;
    }
    m_span = spanIndex;
    const RunTrace &run = *m_run;
    QString title = spanName(*s);
    if (!s->stepId.empty() && s->stepId != s->name)
        title += tr(" · step %1").arg(q(s->stepId));
    m_title->setText(title);

    const Micros origin = run.first.startedAt;
    m_facts->setText(tr("%1 · status <b>%2</b> · start +%3 (%4) · duration %5")
                         .arg(kindText(s->kind), statusText(s->status), ms(s->start - origin),
                              q(engine::formatTimestamp(s->start)), ms(s->duration)));

    // The error: this span's, else (a step) that of its failed attempt.
    const QString name = errorName(s->error);
    m_error->setVisible(!name.isEmpty());
    if (!name.isEmpty()) {
        QString text = tr("<b>%1</b>").arg(name.toHtmlEscaped());
        if (!errorMessage(s->error).isEmpty())
            text += QStringLiteral(": ") + errorMessage(s->error).toHtmlEscaped();
        if (s->error.contains("status"))
            text += tr(" (HTTP %1)").arg(q(engine::dumpJson(s->error["status"])));
        m_error->setText(text);
    }

    const int owner = ownerOf(run, spanIndex);
    const Span *o = spanAt(run, owner);
    const engine::RetryPolicy *policy =
        o ? policyFor(m_flow.get(), o->stepId, o->kind == SpanKind::Compensation) : nullptr;
    const QStringList schedule = retrySchedule(run, spanIndex, policy);
    m_retries->setVisible(!schedule.isEmpty());
    if (!schedule.isEmpty()) {
        // The line of the selected attempt or wait in bold: lines follow the owner's attempt
        // and wait children in order.
        int current = -1, n = 0;
        for (int child : childrenOf(run, owner)) {
            const SpanKind k = run.second[static_cast<std::size_t>(child)].kind;
            if (k != SpanKind::Attempt && k != SpanKind::Wait)
                continue;
            if (child == spanIndex)
                current = n;
            ++n;
        }
        QString html = tr("<b>Retries</b>");
        for (int i = 0; i < schedule.size(); ++i)
            html += QStringLiteral("<br>&nbsp;•&nbsp;") +
                    (i == current ? QStringLiteral("<b>%1</b>").arg(schedule[i].toHtmlEscaped())
                                  : schedule[i].toHtmlEscaped());
        m_retries->setText(html);
    }

    // The exchange: the attempt's own, or a step's last attempt.
    const Span *x = spanAt(run, exchangeOf(run, spanIndex));
    QString requestTab = tr("<b>Request</b>"), responseTab = tr("<b>Response</b>");
    const QString none = s->kind == SpanKind::Wait ? tr("(a backoff wait sends nothing)")
                                                   : tr("(this span made no HTTP request)");
    if (x && x != s)
        requestTab += tr(" of %1").arg(spanName(*x).toHtmlEscaped());
    if (x && x->request.is_object())
        requestTab += QStringLiteral(" · %1 %2")
                          .arg(q(x->request.value("method", std::string())).toHtmlEscaped(),
                               q(x->request.value("url", std::string())).toHtmlEscaped());
    if (x && x->response.is_object()) {
        if (x->response.contains("status"))
            responseTab += QStringLiteral(" · %1").arg(q(engine::dumpJson(x->response["status"])));
        if (x->response.contains("body"))
            responseTab += QStringLiteral(" · %1").arg(bodySize(x->response["body"]));
    }
    m_requestTitle->setText(requestTab);
    m_responseTitle->setText(responseTab);
    m_contextPane->show();
    m_request->setJson(x ? x->request : Json(nullptr), none);
    m_response->setJson(
        x ? x->response : Json(nullptr),
        x && x->request.is_object()
            ? tr("(no response: %1)").arg(name.isEmpty() ? tr("none recorded") : name)
            : none);
    const Json context = dataContext(run, spanIndex);
    m_contextNote->setText(
        context.contains("steps")
            ? tr("What the step saw: the run's input, the results of the steps that had "
                 "finished when it started (as `steps.ID` reads them) and `vars` then — redacted "
                 "as stored.")
            : tr("This run was stored without step results (an older Tutti, or a simulation). "
                 "Shown: the run's input, the last response of each step that had finished when "
                 "this span started, and the finished steps without one."));
    m_context->setJson(context);
}

int SpanDetail::ownerOf(const RunTrace &run, int spanIndex)
{
    int guard = 0;
    for (int i = spanIndex; i >= 0 && guard++ < 256;) {
        const Span &s = run.second[static_cast<std::size_t>(i)];
        if (s.kind == SpanKind::Step || s.kind == SpanKind::Compensation)
            return i;
        i = indexOfId(run, s.parent);
    }
    return -1;
}

int SpanDetail::exchangeOf(const RunTrace &run, int spanIndex)
{
    const Span *s = spanAt(run, spanIndex);
    if (!s)
        return -1;
    if (s->request.is_object() || s->response.is_object())
        return spanIndex;
    if (s->kind != SpanKind::Step && s->kind != SpanKind::Compensation)
        return -1;
    int last = -1;
    for (int c : childrenOf(run, spanIndex))
        if (run.second[static_cast<std::size_t>(c)].kind == SpanKind::Attempt &&
            run.second[static_cast<std::size_t>(c)].request.is_object())
            last = c;
    return last;
}

QStringList SpanDetail::retrySchedule(const RunTrace &run, int spanIndex,
                                      const engine::RetryPolicy *policy)
{
    QStringList lines;
    const int owner = ownerOf(run, spanIndex);
    if (owner < 0)
        return lines;
    std::vector<int> children = childrenOf(run, owner);
    int attempts = 0, waits = 0;
    for (int c : children) {
        const SpanKind k = run.second[static_cast<std::size_t>(c)].kind;
        attempts += k == SpanKind::Attempt;
        waits += k == SpanKind::Wait;
    }
    if (attempts <= 1 && waits == 0)
        return lines; // tried once: nothing to explain
    const Span *lastAttempt = nullptr;
    int retry = 0;
    for (int c : children) {
        const Span &s = run.second[static_cast<std::size_t>(c)];
        if (s.kind == SpanKind::Attempt) {
            QString line = s.status == SpanStatus::Ok
                               ? tr("%1: ok after %2").arg(spanName(s), ms(s.duration))
                               : tr("%1: %2 after %3")
                                     .arg(spanName(s),
                                          s.status == SpanStatus::Cancelled ? tr("cancelled")
                                          : errorName(s.error).isEmpty()    ? tr("failed")
                                                                            : errorName(s.error),
                                          ms(s.duration));
            if (s.response.is_object() && s.response.contains("status") &&
                s.status != SpanStatus::Ok && !errorName(s.error).startsWith(QLatin1String("http")))
                line += tr(" (HTTP %1)").arg(q(engine::dumpJson(s.response["status"])));
            lines << line;
            lastAttempt = &s;
        } else if (s.kind == SpanKind::Wait) {
            ++retry;
            const QString cause = lastAttempt ? errorName(lastAttempt->error) : QString();
            QString line = tr("waited %1 before attempt %2").arg(ms(s.duration)).arg(retry + 1);
            if (lastAttempt)
                line += tr(" because %1 failed with %2")
                            .arg(spanName(*lastAttempt), cause.isEmpty() ? tr("an error") : cause);
            if (policy) {
                QString matched;
                for (const std::string &pattern : policy->on)
                    if (!cause.isEmpty() && engine::errorMatches(cause.toStdString(), pattern)) {
                        matched = q(pattern);
                        break;
                    }
                QStringList why;
                if (!matched.isEmpty())
                    why << tr("retried on %1").arg(matched);
                // What the policy asks for before this retry, before jitter: the executor's
                // own rule (engine/runtime/retry.h) on the policy without jitter.
                engine::RetryPolicy plain = *policy;
                plain.jitter = engine::Jitter::None;
                plain.respectRetryAfter = false;
                engine::Rng unused;
                const QString plannedText = ms(engine::retryDelay(plain, retry, unused));
                if (policy->backoff > 1.0)
                    why << tr("exponential backoff: %1 × %2^%3 = %4")
                               .arg(ms(policy->interval))
                               .arg(policy->backoff)
                               .arg(retry - 1)
                               .arg(plannedText);
                else
                    why << tr("fixed delay %1").arg(plannedText);
                if (policy->jitter == engine::Jitter::Full)
                    why << tr("full jitter: a random part of it");
                if (s.status == SpanStatus::Cancelled)
                    why << tr("cut short: the run was cancelled");
                line += QStringLiteral(" (") + why.join(QStringLiteral("; ")) + QLatin1Char(')');
            } else if (s.status == SpanStatus::Cancelled) {
                line += tr(" (cut short: the run was cancelled)");
            }
            lines << line;
        }
    }
    if (policy)
        lines << policyLine(*policy);
    else
        lines << tr("The retry policy is not known here: the viewer was given no flow.");
    return lines;
}

const engine::RetryPolicy *SpanDetail::policyFor(const engine::Flow *flow,
                                                 const std::string &stepId, bool compensation)
{
    if (compensation)
        return &engine::compensationRetryPolicy();
    if (!flow)
        return nullptr;
    for (const engine::Step *step : engine::allSteps(*flow))
        if (step->id == stepId) {
            if (step->retry)
                return &*step->retry;
            if (engine::stepDescriptor(*step).flowDefaults && flow->defaultRetry)
                return &*flow->defaultRetry;
            return nullptr;
        }
    return nullptr;
}

Json SpanDetail::dataContext(const RunTrace &run, int spanIndex)
{
    const Span *at = spanAt(run, spanIndex);
    // Runs stored with step results (trace schema 3): the context itself, as the step saw it.
    if (at && std::any_of(run.second.begin(), run.second.end(),
                          [](const Span &s) { return s.result.has_value(); })) {
        Json steps = Json::object();
        Json vars = Json::object();
        for (const Span &s : run.second) {
            if (s.kind != SpanKind::Step || s.stepId == at->stepId ||
                s.start + s.duration > at->start)
                continue;
            if (s.result)
                steps[s.stepId] = *s.result;
            if (s.vars.is_object())
                vars = s.vars;
        }
        return Json{{"input", run.first.input}, {"steps", std::move(steps)}, {"vars", vars}};
    }
    Json responses = Json::object();
    Json finished = Json::array();
    if (at) {
        // One pass for the last attempt with a response under each span (spans come by start).
        std::unordered_map<engine::SpanId, const Span *> lastResponse;
        for (const Span &s : run.second)
            if (s.kind == SpanKind::Attempt && s.response.is_object())
                lastResponse[s.parent] = &s;
        for (const Span &s : run.second) {
            if (s.kind != SpanKind::Step || s.stepId == at->stepId ||
                s.start + s.duration > at->start)
                continue;
            const Span *x = s.response.is_object() ? &s : nullptr;
            if (auto it = lastResponse.find(s.id); !x && it != lastResponse.end())
                x = it->second;
            if (x)
                responses[s.stepId] = x->response;
            else if (std::find(finished.begin(), finished.end(), Json(s.stepId)) == finished.end())
                finished.push_back(s.stepId);
        }
    }
    return Json{{"input", run.first.input},
                {"responses", std::move(responses)},
                {"finished_without_response", std::move(finished)}};
}

QString SpanDetail::bodySize(const Json &body)
{
    const std::size_t bytes = body.is_string() ? body.get_ref<const std::string &>().size()
                                               : engine::dumpJson(body).size();
    if (bytes < 1024)
        return tr("%1 B").arg(bytes);
    if (bytes < 1024 * 1024)
        return tr("%1 KiB").arg(static_cast<double>(bytes) / 1024.0, 0, 'f', 1);
    return tr("%1 MiB").arg(static_cast<double>(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
}

} // namespace tutti::editor
