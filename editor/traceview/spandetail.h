// The detail of one span of a run: what it was (kind, step, start, duration, status), its error's
// name and message, the retry schedule that applied to its step, and read-only JSON views of the
// request (method, URL, headers, body), the response (status, headers, body, size) and the data
// context as far as the trace records it. With no span selected it shows the run's input, output
// and error.
#pragma once

#include <engine/trace/tracestore.h>

#include <QStringList>
#include <QWidget>

#include <memory>

class QLabel;
class QSplitter;

namespace tutti::engine {
struct RetryPolicy;
struct Flow;
} // namespace tutti::engine

namespace tutti::editor {

class JsonView;

class SpanDetail : public QWidget {
    Q_OBJECT
public:
    explicit SpanDetail(QWidget *parent = nullptr);

    void setRun(std::shared_ptr<const engine::RunTrace> run);
    void setFlow(std::shared_ptr<const engine::Flow> flow);
    void showSpan(int spanIndex); // -1: the run itself
    int spanIndex() const { return m_span; }

    QLabel *titleLabel() const { return m_title; }
    QLabel *factsLabel() const { return m_facts; }
    QLabel *errorLabel() const { return m_error; }
    QLabel *retryLabel() const { return m_retries; }
    QLabel *contextNote() const { return m_contextNote; }
    // Request, response and data context side by side, each under its title ("Request (attempt
    // 3) POST", "Response 503 · 39 B"); with no span: the run's input and output.
    QSplitter *panes() const { return m_panes; }
    QLabel *requestTitle() const { return m_requestTitle; }
    QLabel *responseTitle() const { return m_responseTitle; }
    QLabel *contextTitle() const { return m_contextTitle; }
    JsonView *requestView() const { return m_request; }
    JsonView *responseView() const { return m_response; }
    JsonView *contextView() const { return m_context; }

    // The span whose attempts and waits make the schedule: the span itself when it is a step or
    // compensation, else its nearest such ancestor; -1 when none.
    static int ownerOf(const engine::RunTrace &run, int spanIndex);
    // The span that holds the HTTP exchange to show: the span when it has one, else (a step) its
    // last attempt with a request; -1 when none.
    static int exchangeOf(const engine::RunTrace &run, int spanIndex);
    // One line per attempt and wait of the owner's step, in order ("attempt 1: http.503 after
    // 12 ms", "waited 200 ms before attempt 2 because attempt 1 failed with http.503 (retried on
    // http.5xx; exponential backoff: 200 ms × 2^0)"), then the policy line when `policy` is given.
    // Empty for a span that was tried once and has no policy.
    static QStringList retrySchedule(const engine::RunTrace &run, int spanIndex,
                                     const engine::RetryPolicy *policy);
    // The policy that applied to `stepId` in `flow` (its own, else the flow's defaults where its
    // type takes them); nullptr when none or unknown. `compensation`: the compensation policy.
    static const engine::RetryPolicy *policyFor(const engine::Flow *flow, const std::string &stepId,
                                                bool compensation);
    // What the trace knows of the context a span saw: the run's input and the last response of
    // every step that had finished when the span started ({"input", "responses": {ID: {status,
    // headers, body}}}).
    static engine::Json dataContext(const engine::RunTrace &run, int spanIndex);
    // A body's size as sent: a string's bytes, else its compact JSON's ("1.2 KiB").
    static QString bodySize(const engine::Json &body);

private:
    void showRun();

    std::shared_ptr<const engine::RunTrace> m_run;
    std::shared_ptr<const engine::Flow> m_flow;
    int m_span = -1;
    QLabel *m_title;
    QLabel *m_facts;
    QLabel *m_error;
    QLabel *m_retries;
    QSplitter *m_panes;
    QLabel *m_requestTitle, *m_responseTitle, *m_contextTitle;
    QWidget *m_contextPane;
    JsonView *m_request;
    JsonView *m_response;
    JsonView *m_context;
    QLabel *m_contextNote;
};

} // namespace tutti::editor
