// A `tutti serve` worker: connections, request handling, runs (see serveworker.h).
#include "serveworker.h"

#include "serveshared.h"

#include <engine/core/duration.h>
#include <engine/core/jsonio.h>
#include <engine/model/flowparser.h>
#include <engine/model/schema.h>
#include <engine/model/steps/registry.h>
#include <engine/net/http1request.h>
#include <engine/net/realclock.h>
#include <engine/runtime/circuitbreaker.h>
#include <engine/runtime/oauth2tokens.h>

#include <QDateTime>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

#include <chrono>
#include <cstdio>
#include <set>
#include <unordered_map>

#include <sys/socket.h>

namespace tutti::server::internal {

using namespace tutti::engine;

namespace {

Micros steadyMicros()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

Json errorBody(const std::string &type, const std::string &message)
{
    return Json{{"type", type}, {"message", message}};
}

// Run input nests at most as deep as a flow file may (SPEC §3): every later stage (schema,
// redactor, templates) walks values recursively.
constexpr int kMaxInputDepth = 64;

// The query string as a run input: `a=1&b=x` → {"a": …, "b": "x"}; a value is converted to a
// number or boolean when the flow's input schema says that property is one; repeated names
// make an array.
Json queryInput(std::string_view query, const Json &schema)
{
    Json input = Json::object();
    const QUrlQuery q(QString::fromUtf8(query.data(), static_cast<qsizetype>(query.size())));
    for (const auto &[k, v] : q.queryItems(QUrl::FullyDecoded)) {
        const std::string key = k.toStdString();
        Json value = v.toStdString();
        std::string type;
        if (schema.is_object() && schema.contains("properties") &&
            schema["properties"].is_object() && schema["properties"].contains(key) &&
            schema["properties"][key].is_object())
            type = schema["properties"][key].value("type", std::string());
        if (type == "integer" || type == "number") {
            bool ok = false;
            const double d = v.toDouble(&ok);
            if (ok)
                value = type == "integer" && d == static_cast<double>(static_cast<long long>(d))
                            ? Json(static_cast<long long>(d))
                            : Json(d);
        } else if (type == "boolean" && (v == "true" || v == "false")) {
            value = v == "true";
        }
        if (!input.contains(key))
            input[key] = std::move(value);
        else if (input[key].is_array())
            input[key].push_back(std::move(value));
        else
            input[key] = Json::array({input[key], std::move(value)});
    }
    return input;
}

// Step latency into the metrics; payloads are not needed for that.
class MetricsSink final : public TraceSink {
public:
    explicit MetricsSink(ServeMetrics &metrics)
        : m_metrics(metrics)
    {
    }
    bool wantsPayloads() const override { return false; }
    void runStarted(const RunRecord &) override {}
    void spanStarted(const RunRecord &, const Span &) override {}
    void spanFinished(const RunRecord &run, const Span &span) override
    {
        if (span.kind != SpanKind::Step)
            return;
        const std::size_t flow = m_metrics.flowIndex(run.flow);
        if (flow != std::string::npos)
            m_metrics.observeStep(flow, m_metrics.stepIndex(flow, span.stepId), span.duration);
    }
    void runFinished(const RunRecord &) override {}

private:
    ServeMetrics &m_metrics;
};

struct Response {
    int status = 200;
    std::string body;
    std::string contentType = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
    bool close = false;
};

Response jsonResponse(int status, const Json &body)
{
    Response r;
    r.status = status;
    r.body = dumpJson(body);
    return r;
}

} // namespace

// What the access log and the metrics need to know about a request.
struct RequestInfo {
    Micros start = 0;
    std::string method = "-", path = "-";
    std::size_t route = 0;
    std::optional<Reject> reason;
    std::string flow, runId;
    std::size_t bytesIn = 0;
};

class Connection final : public QObject {
public:
    enum class Phase { Idle, Head, Body, Busy };
    Connection(QTcpSocket *s, Http1Limits limits)
        : socket(s)
        , parser(limits)
    {
        socket->setParent(this);
        timer.setSingleShot(true);
    }
    QTcpSocket *socket;
    Http1RequestParser parser;
    QTimer timer{this};
    Phase phase = Phase::Busy; // forces the first updatePhase() to arm the idle timer
    bool busy = false, closed = false, continueSent = false;
    std::uint64_t runId = 0;
    std::string remote;
};

class WorkerCore final : public QObject {
public:
    WorkerCore(ServeShared &shared, ServeWorker &worker, int index)
        : m_shared(shared)
        , m_worker(worker)
        , m_index(index)
        , m_metricsSink(shared.metrics)
    {
        m_sink.add(&m_metricsSink);
        if (shared.traceSink)
            m_sink.add(shared.traceSink);
        // A zero timer, not a posted event: arming it wakes nothing (the loop is in this thread).
        m_reaper.setSingleShot(true);
        m_reaper.setInterval(0);
        connect(&m_reaper, &QTimer::timeout, this, [this] { m_finished.clear(); });
    }
    ~WorkerCore() override
    {
        m_runs.clear(); // before the transports and the clock they use
        m_finished.clear();
        for (auto *c : m_connections)
            delete c;
        for (auto *c : m_lingering)
            delete c;
    }

    bool start(int fd, std::string &error)
    {
        for (std::size_t i = 0; i < m_shared.flows.size(); ++i) {
            auto t = m_shared.transports(m_shared.flows[i], m_clock);
            if (!t) {
                error = "cannot create the transport of flow " + m_shared.flows[i].flow()->name;
                return false;
            }
            m_transports.push_back(std::move(t));
        }
        if (!m_server.setSocketDescriptor(fd)) {
            error = "cannot use the listening socket: " + m_server.errorString().toStdString();
            return false;
        }
        connect(&m_server, &QTcpServer::newConnection, this, [this] { accept(); });
        return true;
    }

    void stopAccepting()
    {
        // Open connections stay: their next request learns about the drain (503, /readyz 503,
        // Connection: close), and shutdown() closes whatever is left once runs are done.
        m_server.close();
    }

    int cancelRuns()
    {
        std::vector<FlowRun *> running;
        for (auto &[id, r] : m_runs)
            if (!r.run->isFinished())
                running.push_back(r.run.get());
        for (auto *run : running)
            run->cancel();
        return static_cast<int>(running.size());
    }

    void shutdown()
    {
        m_server.close();
        std::vector<Connection *> all(m_connections.begin(), m_connections.end());
        for (auto *c : all)
            close(c, true);
        // Give written responses a moment to leave, then end the thread.
        auto *poll = new QTimer(this);
        const Micros deadline = steadyMicros() + 2 * kSecond;
        connect(poll, &QTimer::timeout, this, [this, deadline] {
            if ((m_connections.empty() && m_lingering.empty()) || steadyMicros() > deadline)
                QThread::currentThread()->quit();
        });
        poll->start(5);
    }

private:
    struct ActiveRun {
        std::unique_ptr<FlowRun> run;
        QPointer<Connection> connection;
        RequestInfo info;
        bool keepAlive = true;
    };

    void accept()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            if (m_shared.draining.load()) {
                socket->abort();
                socket->deleteLater();
                continue;
            }
            const Http1Limits limits{m_shared.options.limits.maxHeadBytes,
                                     m_shared.options.limits.maxHeaders,
                                     m_shared.options.limits.maxBody};
            auto *c = new Connection(socket, limits);
            c->remote = socket->peerAddress().toString().toStdString() + ":" +
                        std::to_string(socket->peerPort());
            // Bounded reading: a client that sends faster than we answer is pushed back by TCP.
            socket->setReadBufferSize(qint64(m_shared.options.limits.maxBody) + 64 * 1024);
            m_connections.insert(c);
            connect(socket, &QTcpSocket::readyRead, c, [this, c] { process(c); });
            connect(socket, &QTcpSocket::disconnected, c, [this, c] {
                if (c->closed)
                    destroy(c); // a lingering close ends when the client closes too
                else
                    close(c, false);
            });
            connect(&c->timer, &QTimer::timeout, c, [this, c] { timedOut(c); });
            updatePhase(c);
            process(c);
        }
    }

    void close(Connection *c, bool graceful)
    {
        if (c->closed)
            return;
        c->closed = true;
        c->timer.stop();
        m_connections.erase(c);
        if (c->runId)
            if (auto it = m_runs.find(c->runId); it != m_runs.end())
                it->second.connection = nullptr;
        if (!graceful) {
            destroy(c);
            return;
        }
        // Lingering close: send what is written, then FIN, and discard what the client still
        // sends (say, the rest of a refused 413 body) until it closes or 2 s pass. Closing with
        // unread data makes the kernel send a reset, which can destroy the response in flight.
        m_lingering.insert(c);
        auto finishWrite = [c] {
            if (c->socket->bytesToWrite() == 0 && c->socket->socketDescriptor() >= 0)
                ::shutdown(int(c->socket->socketDescriptor()), SHUT_WR);
        };
        connect(c->socket, &QTcpSocket::bytesWritten, c, finishWrite);
        c->socket->flush();
        finishWrite();
        c->timer.start(2000);
    }

    // Final: the socket goes (reset if still open) and the connection with it.
    void destroy(Connection *c)
    {
        if (!m_lingering.erase(c) && !c->closed)
            m_connections.erase(c);
        c->closed = true;
        c->timer.stop();
        c->socket->abort();
        c->deleteLater();
    }

    void updatePhase(Connection *c)
    {
        using P = Connection::Phase;
        const P p = c->busy                         ? P::Busy
                    : c->parser.headComplete()      ? P::Body
                    : c->parser.hasPartialRequest() ? P::Head
                                                    : P::Idle;
        if (p == c->phase)
            return; // a dribbling client does not restart its timer
        c->phase = p;
        c->timer.stop();
        const auto &l = m_shared.options.limits;
        const Micros t = p == P::Idle   ? l.idleTimeout
                         : p == P::Head ? l.headerTimeout
                         : p == P::Body ? l.bodyTimeout
                                        : 0;
        if (t > 0)
            c->timer.start(std::chrono::milliseconds(std::max<Micros>(1, t / 1000)));
    }

    void timedOut(Connection *c)
    {
        if (c->closed) {
            destroy(c); // the lingering close ran out of time
            return;
        }
        if (c->phase == Connection::Phase::Idle) {
            close(c, false);
            return;
        }
        RequestInfo info;
        info.start = steadyMicros();
        info.route = m_shared.otherRoute;
        info.reason = Reject::Timeout;
        Response r =
            jsonResponse(408, errorBody("timeout", "the request was not received in time"));
        r.close = true;
        respond(c, r, info);
    }

    void process(Connection *c)
    {
        if (c->closed) {
            c->socket->readAll(); // lingering: discard
            return;
        }
        while (!c->closed && !c->busy) {
            const QByteArray data = c->socket->readAll();
            const auto state =
                c->parser.feed(std::string_view(data.constData(), std::size_t(data.size())));
            if (state == Http1RequestParser::State::Error) {
                const Http1Error &e = c->parser.error();
                RequestInfo info;
                info.start = steadyMicros();
                info.route = m_shared.otherRoute;
                info.reason = e.status == 413                        ? Reject::BodyTooLarge
                              : (e.status == 431 || e.status == 414) ? Reject::HeadersTooLarge
                                                                     : Reject::BadRequest;
                Response r = jsonResponse(e.status, errorBody("bad_request", e.message));
                r.close = true;
                respond(c, r, info);
                return;
            }
            if (state == Http1RequestParser::State::NeedMore) {
                if (c->parser.headComplete() && !c->continueSent) {
                    const auto expect = c->parser.head().header("Expect");
                    if (expect && (*expect == "100-continue" || *expect == "100-Continue")) {
                        c->socket->write("HTTP/1.1 100 Continue\r\n\r\n");
                        c->continueSent = true;
                    }
                }
                updatePhase(c);
                return;
            }
            c->continueSent = false;
            handle(c, c->parser.take());
        }
        if (!c->closed)
            updatePhase(c);
    }

    bool authorised(const Http1Request &request, std::size_t &keyIndex) const
    {
        keyIndex = m_shared.keys.size(); // the anonymous bucket (--no-auth)
        if (!m_shared.options.auth)
            return true;
        const auto presented = ApiKeys::presented(request);
        if (!presented)
            return false;
        const auto match = m_shared.keys.match(*presented);
        if (!match)
            return false;
        keyIndex = *match;
        return true;
    }

    void handle(Connection *c, Http1Request request)
    {
        RequestInfo info;
        info.start = steadyMicros();
        info.method = request.method;
        info.path = std::string(request.path());
        info.bytesIn = request.body.size();
        info.route = m_shared.otherRoute;
        const bool draining = m_shared.draining.load();
        const bool keepAlive = request.keepAlive && !draining;
        auto reply = [&](Response r) {
            r.close = r.close || !keepAlive;
            respond(c, r, info);
        };
        auto reject = [&](Reject reason, int status, const std::string &type,
                          const std::string &message) {
            info.reason = reason;
            return jsonResponse(status, errorBody(type, message));
        };
        auto getOnly = [&](std::size_t route) {
            info.route = route;
            if (request.method == "GET" || request.method == "HEAD")
                return true;
            Response r = reject(Reject::MethodNotAllowed, 405, "method_not_allowed",
                                "use GET for " + info.path);
            r.headers.emplace_back("Allow", "GET, HEAD");
            reply(r);
            return false;
        };

        // Probes answer without a key: load balancers and kubelets have none.
        if (info.path == "/healthz") {
            if (getOnly(m_shared.healthRoute))
                reply(jsonResponse(200, Json{{"status", "ok"}}));
            return;
        }
        if (info.path == "/readyz") {
            if (getOnly(m_shared.readyRoute))
                reply(draining ? jsonResponse(503, Json{{"status", "draining"}})
                               : jsonResponse(200, Json{{"status", "ready"}}));
            return;
        }
        // Everything else needs a key, unknown paths included (no route discovery without one).
        std::size_t keyIndex = 0;
        if (!authorised(request, keyIndex)) {
            Response r = reject(Reject::Unauthorized, 401, "unauthorized",
                                "send an API key as 'Authorization: Bearer KEY' or 'X-Api-Key'");
            r.headers.emplace_back("WWW-Authenticate", "Bearer");
            if (info.path == "/metrics")
                info.route = m_shared.metricsRoute;
            reply(r);
            return;
        }
        if (info.path == "/metrics") {
            if (!getOnly(m_shared.metricsRoute))
                return;
            Response r;
            r.contentType = "text/plain; version=0.0.4; charset=utf-8";
            r.body = m_shared.metrics.render();
            reply(r);
            return;
        }
        const Router::Match match = m_shared.router.find(request.method, info.path);
        if (match.kind == Router::Match::NotFound) {
            reply(reject(Reject::NotFound, 404, "not_found", "no flow is served at " + info.path));
            return;
        }
        if (match.kind == Router::Match::WrongMethod) {
            const RouteInfo &ri = m_shared.routeInfo[match.flow];
            info.route = ri.metricRoute;
            Response r = reject(Reject::MethodNotAllowed, 405, "method_not_allowed",
                                info.path + " takes " + match.allow);
            r.headers.emplace_back("Allow", match.allow);
            reply(r);
            return;
        }
        const RouteInfo &route = m_shared.routeInfo[match.flow];
        const RunPlan &served = m_shared.flows[route.flow];
        info.route = route.metricRoute;
        info.flow = served.flow()->name;
        if (draining) {
            Response r = reject(Reject::Draining, 503, "draining", "the server is shutting down");
            r.headers.emplace_back("Retry-After", "1");
            reply(r);
            return;
        }
        int retryAfter = 1;
        if (m_shared.limiter && !m_shared.limiter->allow(keyIndex, steadyMicros(), retryAfter)) {
            Response r = reject(Reject::RateLimited, 429, "rate_limited",
                                "too many requests for this API key");
            r.headers.emplace_back("Retry-After", std::to_string(retryAfter));
            reply(r);
            return;
        }

        Json input;
        if (route.queryInput) {
            input = queryInput(request.query(), served.flow()->inputSchema);
        } else if (request.body.find_first_not_of(" \t\r\n") == std::string::npos) {
            input = Json::object();
        } else {
            auto parsed =
                parseJson(request.body, JsonLimits{request.body.size() + 1, kMaxInputDepth});
            if (!parsed) {
                reply(
                    reject(Reject::InvalidJson, 400, "parse",
                           "the request body is not valid JSON: " + jsonErrorText(parsed.error())));
                return;
            }
            input = std::move(*parsed);
        }
        if (!served.flow()->inputSchema.is_null()) {
            const Errors problems = served.flow()->inputValidator.validate(input);
            if (!problems.empty()) {
                std::string message = "input does not match the flow's input schema:";
                Json fields = Json::array();
                for (const auto &p : problems) {
                    // A missing property is named by its own pointer, not its parent's.
                    std::string field = p.path;
                    static const std::string missing = "missing required property '";
                    if (auto at = p.message.find(missing); at != std::string::npos) {
                        const auto from = at + missing.size();
                        field += "/" + p.message.substr(from, p.message.find('\'', from) - from);
                    }
                    if (field.empty())
                        field = "/";
                    message += " " + p.message + ";";
                    fields.push_back(Json{{"field", field}, {"message", p.message}});
                }
                message.pop_back();
                Response r = reject(Reject::InvalidInput, 400, "validation", message);
                Json body = errorBody("validation", message);
                body["field"] = fields.front()["field"];
                body["problems"] = fields;
                r.body = dumpJson(body);
                reply(r);
                return;
            }
        }
        // In-flight bound last, so refused requests never hold a slot.
        if (m_shared.metrics.inflight.fetch_add(1) >= m_shared.options.limits.maxInflight) {
            m_shared.metrics.inflight.fetch_sub(1);
            Response r = reject(Reject::Overloaded, 503, "overloaded",
                                "too many runs in progress; retry shortly");
            r.headers.emplace_back("Retry-After", "1");
            reply(r);
            return;
        }
        startRun(c, route.flow, std::move(input), info, keepAlive);
    }

    void startRun(Connection *c, std::size_t flowIndex, Json input, RequestInfo info,
                  bool keepAlive)
    {
        RunWiring wiring;
        wiring.clock = &m_clock;
        wiring.transport = m_transports[flowIndex].get();
        wiring.sink = &m_sink;
        wiring.breakers = &m_breakers;
        wiring.tokens = &m_tokens;
        RunOptions options;
        options.input = std::move(input);
        options.seed = QRandomGenerator::global()->generate64() & 0xFFFFFFFFFFFFull;
        options.validateInput = false; // done above, with a 400 naming the field
        const std::uint64_t id = ++m_nextRun;
        auto run = m_shared.flows[flowIndex].newRun(wiring, std::move(options));
        FlowRun *raw = run.get();
        m_runs.emplace(id, ActiveRun{std::move(run), c, std::move(info), keepAlive});
        m_worker.m_activeRuns.fetch_add(1);
        c->busy = true;
        c->runId = id;
        updatePhase(c);
        // Answered from inside the callback, without a copy of the result or a trip through the
        // event loop; only the run's destruction waits for the loop (finishRun).
        raw->onFinished = [this, id, flowIndex](const RunResult &result) {
            finishRun(id, flowIndex, result);
        };
        raw->start();
    }

    Response runResponse(const RunResult &result) const
    {
        const RunRecord &record = result.record;
        if (record.status == RunStatus::Succeeded) {
            Response r;
            r.status =
                result.httpStatus >= 100 && result.httpStatus <= 599 ? result.httpStatus : 200;
            r.body = dumpJson(record.output);
            r.headers.emplace_back("X-Tutti-Run", record.id);
            return r;
        }
        const Json &error = record.error;
        const std::string type = error.is_object() ? error.value("type", std::string()) : "";
        const std::string step = error.is_object() ? error.value("step", std::string()) : "";
        int status = 500;
        // The flow's own verdict on the request (a fail step's error, in this flow or in a
        // sub-flow): 422, not a server fault.
        if (result.rejected)
            status = 422;
        else if (type == "timeout")
            status = 504;
        else if (type == "connection" || type == "parse" || type == "auth" ||
                 type == "circuit_open" || type.starts_with("http."))
            status = 502;
        else if (type == "cancelled")
            status = 503;
        Json body{{"type", type.empty() ? "error" : type},
                  {"message", error.is_object() ? error.value("message", std::string()) : ""},
                  {"step", step.empty() ? Json() : Json(step)},
                  {"run", record.id},
                  {"status", toString(record.status)}};
        Response r = jsonResponse(status, body);
        r.headers.emplace_back("X-Tutti-Run", record.id);
        return r;
    }

    void finishRun(std::uint64_t id, std::size_t flowIndex, const RunResult &result)
    {
        auto it = m_runs.find(id);
        if (it == m_runs.end())
            return;
        ActiveRun active = std::move(it->second);
        m_runs.erase(it);
        // Called from inside the run: it may not be destroyed before its callback returns.
        m_finished.push_back(std::move(active.run));
        if (!m_reaper.isActive())
            m_reaper.start();
        m_shared.metrics.countRun(flowIndex, result.record.status);
        active.info.runId = result.record.id;
        Response r = runResponse(result);
        r.close = !active.keepAlive || m_shared.draining.load();
        // The slot is free before the client can read its answer and send the next request.
        m_shared.metrics.inflight.fetch_sub(1);
        m_worker.m_activeRuns.fetch_sub(1);
        Connection *c = active.connection.data();
        if (c && !c->closed) {
            c->busy = false;
            c->runId = 0;
            respond(c, r, active.info);
        } else {
            log(r.status, 0, active.info, "-"); // the client left; the run still counts
            m_shared.metrics.countRequest(active.info.route, r.status);
        }
        if (c && !c->closed)
            process(c); // a pipelined request may be waiting
    }

    void respond(Connection *c, const Response &r, const RequestInfo &info)
    {
        std::string out;
        out.reserve(r.body.size() + 200);
        out += "HTTP/1.1 " + std::to_string(r.status) + " " + engine::httpReasonPhrase(r.status) +
               "\r\n";
        out += "Content-Type: " + r.contentType + "\r\n";
        out += "Content-Length: " + std::to_string(r.body.size()) + "\r\n";
        for (const auto &[n, v] : r.headers)
            out += n + ": " + v + "\r\n";
        if (r.close)
            out += "Connection: close\r\n";
        out += "\r\n";
        if (info.method != "HEAD")
            out += r.body;
        // Counted before the answer leaves: a client reading /metrics right after it sees it.
        if (info.reason)
            m_shared.metrics.countRejected(*info.reason);
        m_shared.metrics.countRequest(info.route, r.status);
        log(r.status, r.body.size(), info, c->remote);
        c->socket->write(out.data(), qint64(out.size()));
        c->socket->flush(); // now, not on the next turn of the loop: the client is waiting
        if (r.close)
            close(c, true);
    }

    void log(int status, std::size_t bytesOut, const RequestInfo &info, const std::string &remote)
    {
        if (!m_shared.options.accessLog)
            return;
        // No headers, no query string, no body: nothing a key or a secret could be in.
        Json line{
            {"time", QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString()},
            {"worker", m_index},
            {"remote", remote},
            {"method", info.method},
            {"path", info.path},
            {"status", status},
            {"duration_ms", double(steadyMicros() - info.start) / 1000.0},
            {"bytes_in", info.bytesIn},
            {"bytes_out", bytesOut}};
        if (!info.flow.empty())
            line["flow"] = info.flow;
        if (!info.runId.empty())
            line["run"] = info.runId;
        if (info.reason)
            line["reason"] = toString(*info.reason);
        const std::string text = dumpJson(line) + "\n";
        std::fwrite(text.data(), 1, text.size(), stderr); // stderr is unbuffered: one write
    }

    ServeShared &m_shared;
    ServeWorker &m_worker;
    int m_index;
    RealClock m_clock;
    CircuitBreakers m_breakers;
    OAuth2Tokens m_tokens; // one token fetch per worker when several runs need it
    MetricsSink m_metricsSink;
    FanOutSink m_sink;
    std::vector<std::unique_ptr<HttpTransport>> m_transports;
    QTcpServer m_server;
    std::set<Connection *> m_connections; // open, reading requests
    std::set<Connection *> m_lingering;   // closed, response still leaving
    std::unordered_map<std::uint64_t, ActiveRun> m_runs;
    std::vector<std::unique_ptr<FlowRun>> m_finished; // answered, destroyed by m_reaper
    QTimer m_reaper;
    std::uint64_t m_nextRun = 0;
};

ServeWorker::ServeWorker(ServeShared &shared, int index, int listenFd)
    : m_shared(shared)
    , m_index(index)
    , m_fd(listenFd)
{
}

ServeWorker::~ServeWorker()
{
    quit();
    wait();
}

bool ServeWorker::waitStarted()
{
    m_started.acquire();
    return m_error.empty();
}

void ServeWorker::post(std::function<void(WorkerCore &)> fn)
{
    WorkerCore *core = m_core.load();
    if (!core)
        return;
    QMetaObject::invokeMethod(
        core, [core, fn = std::move(fn)] { fn(*core); }, Qt::QueuedConnection);
}

void ServeWorker::stopAccepting()
{
    post([](WorkerCore &core) { core.stopAccepting(); });
}

void ServeWorker::cancelRuns(std::function<void(int)> cancelled)
{
    post([cancelled = std::move(cancelled)](WorkerCore &core) { cancelled(core.cancelRuns()); });
}

void ServeWorker::shutdown()
{
    post([](WorkerCore &core) { core.shutdown(); });
}

void ServeWorker::run()
{
    {
        WorkerCore core(m_shared, *this, m_index);
        if (!core.start(m_fd, m_error)) {
            m_started.release();
            return;
        }
        m_core.store(&core);
        m_started.release();
        exec();
        m_core.store(nullptr);
    }
}

} // namespace tutti::server::internal
