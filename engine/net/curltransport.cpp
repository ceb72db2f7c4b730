// CurlTransport: libcurl multi handle + QSocketNotifier per socket + one QTimer for curl's
// timeouts.
#include <engine/net/curltransport.h>

#include <QObject>
#include <QSocketNotifier>
#include <QTimer>

#include <engine/core/text.h>

#include <curl/curl.h>

#include <algorithm>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tutti::engine {

namespace internal {

namespace {

void ensureCurlGlobalInit()
{
    // curl_global_init is not thread-safe in older libcurl; call it once for the process.
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

long toMillisRoundedUp(Micros value)
{
    return static_cast<long>(std::max<Micros>((value + 999) / 1000, 1));
}

} // namespace

// One request in flight. Its address is stable (held by unique_ptr) because curl keeps pointers
// to it (CURLOPT_PRIVATE, the write/header callbacks, the error buffer, the POST body).
struct Pending {
    RequestId id = 0;
    CURL *easy = nullptr; // null for a request that failed before reaching curl
    curl_slist *headerList = nullptr;
    HttpRequest request;
    HttpResponse response;
    std::function<void(TransportResult)> done;
    bool tooLarge = false;
    TransportResult earlyFailure; // for requests with easy == nullptr
    char errorBuffer[CURL_ERROR_SIZE] = {};
};

// One watched socket. Notifiers are kept per descriptor and only toggled: curl closes and
// reopens descriptors often, and disabling is safe from inside the notifier's own signal.
struct SocketWatch {
    std::unique_ptr<QSocketNotifier> read;
    std::unique_ptr<QSocketNotifier> write;
};

struct CurlTransportState {
    CURLM *multi = nullptr;
    QObject context; // owns the timer and notifiers' connections; lives on the owning thread
    QTimer timer;
    std::unordered_map<RequestId, std::unique_ptr<Pending>> pending;
    std::unordered_map<curl_socket_t, SocketWatch> sockets;
    std::vector<CURL *> pool;
    RequestId nextId = 1;
    int acting = 0;        // depth of act() calls on the stack
    bool runAgain = false; // curl asked for an immediate timeout while act() was running

    static constexpr std::size_t kMaxPooledHandles = 256;

    CurlTransportState();
    ~CurlTransportState();

    static int onSocket(CURL *easy, curl_socket_t fd, int what, void *userp, void *socketp);
    static int onTimer(CURLM *multi, long timeoutMs, void *userp);
    static std::size_t onBody(char *data, std::size_t size, std::size_t count, void *userp);
    static std::size_t onHeader(char *data, std::size_t size, std::size_t count, void *userp);

    void watch(curl_socket_t fd, int what);
    void act(curl_socket_t fd, int eventMask);
    void collectFinished();
    CURL *acquireEasy();
    void releaseEasy(Pending &p);
    bool configure(Pending &p);
    TransportResult resultFor(Pending &p, CURLcode code);
};

CurlTransportState::CurlTransportState()
{
    ensureCurlGlobalInit();
    multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, &CurlTransportState::onSocket);
    curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, &CurlTransportState::onTimer);
    curl_multi_setopt(multi, CURLMOPT_TIMERDATA, this);
    timer.setSingleShot(true);
    timer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&timer, &QTimer::timeout, &context, [this] { act(CURL_SOCKET_TIMEOUT, 0); });
}

CurlTransportState::~CurlTransportState()
{
    timer.stop();
    for (auto &[id, p] : pending)
        if (p->easy) {
            curl_multi_remove_handle(multi, p->easy);
            curl_easy_cleanup(p->easy);
            curl_slist_free_all(p->headerList);
        }
    pending.clear();
    for (CURL *easy : pool)
        curl_easy_cleanup(easy);
    // Cleanup closes cached connections and may still call onSocket; the state is alive here.
    curl_multi_cleanup(multi);
    sockets.clear();
}

int CurlTransportState::onSocket(CURL *, curl_socket_t fd, int what, void *userp, void *)
{
    static_cast<CurlTransportState *>(userp)->watch(fd, what);
    return 0;
}

int CurlTransportState::onTimer(CURLM *, long timeoutMs, void *userp)
{
    // Never drive curl from inside its own callback. An immediate timeout requested while act()
    // is running (typically: a callback sent the next request) is run by act() itself, which
    // saves an event-loop round trip per request; otherwise it goes through the loop.
    auto *self = static_cast<CurlTransportState *>(userp);
    if (timeoutMs == 0 && self->acting > 0)
        self->runAgain = true;
    else if (timeoutMs < 0)
        self->timer.stop();
    else
        self->timer.start(static_cast<int>(std::min<long>(timeoutMs, INT32_MAX)));
    return 0;
}

std::size_t CurlTransportState::onBody(char *data, std::size_t size, std::size_t count, void *userp)
{
    auto *p = static_cast<Pending *>(userp);
    const std::size_t bytes = size * count;
    if (p->response.body.size() + bytes > p->request.maxBody) {
        // Returning a short count makes curl abort the transfer with CURLE_WRITE_ERROR.
        p->tooLarge = true;
        return 0;
    }
    p->response.body.append(data, bytes);
    return bytes;
}

std::size_t CurlTransportState::onHeader(char *data, std::size_t size, std::size_t count,
                                         void *userp)
{
    auto *p = static_cast<Pending *>(userp);
    const std::size_t bytes = size * count;
    const std::string_view line(data, bytes);
    if (startsWithNoCase(line, "HTTP/")) {
        // A new status line (after a 1xx interim response): only the final headers count.
        p->response.headers.clear();
        return bytes;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos)
        return bytes; // the blank line ending the headers, or a malformed line
    p->response.headers.emplace_back(std::string(trimmed(line.substr(0, colon), " \t\r\n")),
                                     std::string(trimmed(line.substr(colon + 1), " \t\r\n")));
    return bytes;
}

void CurlTransportState::watch(curl_socket_t fd, int what)
{
    if (what == CURL_POLL_REMOVE) {
        auto it = sockets.find(fd);
        if (it != sockets.end()) {
            it->second.read->setEnabled(false);
            it->second.write->setEnabled(false);
        }
        return;
    }
    auto [it, inserted] = sockets.try_emplace(fd);
    SocketWatch &w = it->second;
    if (inserted) {
        w.read = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Read);
        w.write = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Write);
        w.read->setEnabled(false);
        w.write->setEnabled(false);
        QObject::connect(w.read.get(), &QSocketNotifier::activated, &context,
                         [this, fd] { act(fd, CURL_CSELECT_IN); });
        QObject::connect(w.write.get(), &QSocketNotifier::activated, &context,
                         [this, fd] { act(fd, CURL_CSELECT_OUT); });
    }
    const bool wantRead = what == CURL_POLL_IN || what == CURL_POLL_INOUT;
    const bool wantWrite = what == CURL_POLL_OUT || what == CURL_POLL_INOUT;
    if (w.read->isEnabled() != wantRead)
        w.read->setEnabled(wantRead);
    if (w.write->isEnabled() != wantWrite)
        w.write->setEnabled(wantWrite);
}

void CurlTransportState::act(curl_socket_t fd, int eventMask)
{
    // Bounded so a stream of immediate timeouts cannot starve the rest of the event loop.
    constexpr int kMaxRounds = 16;
    ++acting;
    for (int round = 0;; ++round) {
        runAgain = false;
        int running = 0;
        curl_multi_socket_action(multi, fd, eventMask, &running);
        collectFinished();
        if (!runAgain)
            break;
        if (round + 1 == kMaxRounds) {
            timer.start(0);
            break;
        }
        fd = CURL_SOCKET_TIMEOUT;
        eventMask = 0;
    }
    --acting;
}

void CurlTransportState::collectFinished()
{
    // Gather first, then call back: a callback may send or cancel, which changes the multi
    // handle and the pending table.
    std::vector<std::pair<RequestId, TransportResult>> finished;
    int left = 0;
    while (CURLMsg *msg = curl_multi_info_read(multi, &left)) {
        if (msg->msg != CURLMSG_DONE)
            continue;
        Pending *p = nullptr;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, reinterpret_cast<char **>(&p));
        const CURLcode code = msg->data.result;
        if (!p)
            continue;
        finished.emplace_back(p->id, resultFor(*p, code));
    }
    for (auto &[id, result] : finished) {
        auto node = pending.extract(id);
        if (node.empty())
            continue; // cancelled by an earlier callback in this batch
        Pending &p = *node.mapped();
        releaseEasy(p);
        auto done = std::move(p.done);
        node.mapped().reset();
        done(std::move(result));
    }
}

TransportResult CurlTransportState::resultFor(Pending &p, CURLcode code)
{
    TransportResult result;
    const std::string curlMessage = p.errorBuffer[0] ? p.errorBuffer : curl_easy_strerror(code);
    if (code == CURLE_OK) {
        long status = 0;
        curl_easy_getinfo(p.easy, CURLINFO_RESPONSE_CODE, &status);
        p.response.status = static_cast<int>(status);
        result.response = std::move(p.response);
    } else if ((code == CURLE_WRITE_ERROR && p.tooLarge) || code == CURLE_FILESIZE_EXCEEDED) {
        result.error = TransportError::TooLarge;
        result.errorMessage =
            "response body larger than " + std::to_string(p.request.maxBody) + " bytes";
    } else if (code == CURLE_OPERATION_TIMEDOUT) {
        result.error = TransportError::Timeout;
        result.errorMessage = curlMessage;
    } else {
        // Refused, reset, DNS, TLS, malformed URL, unsupported scheme: all "connection" to a flow.
        result.error = TransportError::Connection;
        result.errorMessage = curlMessage;
    }
    return result;
}

CURL *CurlTransportState::acquireEasy()
{
    if (!pool.empty()) {
        CURL *easy = pool.back();
        pool.pop_back();
        return easy;
    }
    CURL *e = curl_easy_init();
    if (!e)
        return nullptr;
    // What every request shares is set once per handle; configure() sets (or resets) the rest,
    // which is cheaper than curl_easy_reset and a full setup per request.
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt(e, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
    curl_easy_setopt(e, CURLOPT_PROXY, ""); // never a proxy from the environment
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &CurlTransportState::onBody);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &CurlTransportState::onHeader);
    return e;
}

void CurlTransportState::releaseEasy(Pending &p)
{
    if (!p.easy)
        return;
    // Removing an unfinished transfer closes its connection; a finished one goes back to the
    // multi handle's connection cache for the next request to the same host.
    curl_multi_remove_handle(multi, p.easy);
    // Drop every pointer into `p` before it dies; configure() sets them again on reuse.
    static const char kNoBody[] = "";
    curl_easy_setopt(p.easy, CURLOPT_HTTPHEADER, static_cast<curl_slist *>(nullptr));
    curl_easy_setopt(p.easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(0));
    curl_easy_setopt(p.easy, CURLOPT_POSTFIELDS, kNoBody);
    curl_easy_setopt(p.easy, CURLOPT_ERRORBUFFER, static_cast<char *>(nullptr));
    curl_easy_setopt(p.easy, CURLOPT_PRIVATE, nullptr);
    curl_easy_setopt(p.easy, CURLOPT_WRITEDATA, nullptr);
    curl_easy_setopt(p.easy, CURLOPT_HEADERDATA, nullptr);
    curl_slist_free_all(p.headerList);
    p.headerList = nullptr;
    if (pool.size() < kMaxPooledHandles)
        pool.push_back(p.easy);
    else
        curl_easy_cleanup(p.easy);
    p.easy = nullptr;
}

bool CurlTransportState::configure(Pending &p)
{
    CURL *e = p.easy;
    const HttpRequest &r = p.request;
    curl_easy_setopt(e, CURLOPT_PRIVATE, &p);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, p.errorBuffer);
    curl_easy_setopt(e, CURLOPT_URL, r.url.c_str());
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &p);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, &p);

    const Micros total = r.timeout > 0 ? r.timeout : CurlTransport::kDefaultTimeout;
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, toMillisRoundedUp(total));
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
                     toMillisRoundedUp(std::min(total, CurlTransport::kConnectTimeout)));
    // 0 means "no limit" to curl; onBody enforces the maxBody == 0 case.
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(r.maxBody));

    // A pooled handle remembers the previous method: start from a plain GET every time
    // (HTTPGET also clears NOBODY), then say what this request is.
    const std::string &m = r.method;
    curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, static_cast<char *>(nullptr));
    curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
    if (m == "GET" && r.body.empty()) {
        // done
    } else if (m == "HEAD") {
        curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    } else if (!r.body.empty() || m == "POST" || m == "PUT" || m == "PATCH") {
        // The body stays alive in Pending, so curl can send it without a copy.
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, r.body.c_str());
        if (m != "POST")
            curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, m.c_str());
    } else {
        curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, m.c_str());
    }

    // Send exactly the headers asked for: no "Expect: 100-continue" round trip, and no
    // form content type invented by curl for a body the request did not label.
    bool hasContentType = false;
    bool hasExpect = false;
    for (const auto &[name, value] : r.headers) {
        hasContentType = hasContentType || startsWithNoCase(name, "content-type");
        hasExpect = hasExpect || startsWithNoCase(name, "expect");
        // "Name;" is curl's spelling for a header with an empty value ("Name:" would remove it).
        const std::string line = value.empty() ? name + ";" : name + ": " + value;
        p.headerList = curl_slist_append(p.headerList, line.c_str());
    }
    if (!hasExpect)
        p.headerList = curl_slist_append(p.headerList, "Expect:");
    if (!hasContentType)
        p.headerList = curl_slist_append(p.headerList, "Content-Type:");
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, p.headerList);
    return p.headerList != nullptr;
}

} // namespace internal

using internal::Pending;

CurlTransport::CurlTransport()
    : m_state(std::make_unique<internal::CurlTransportState>())
{
}

CurlTransport::~CurlTransport() = default;

RequestId CurlTransport::send(HttpRequest request, std::function<void(TransportResult)> done)
{
    auto &s = *m_state;
    auto owned = std::make_unique<Pending>();
    Pending &p = *owned;
    p.id = s.nextId++;
    p.request = std::move(request);
    p.done = std::move(done);
    const RequestId id = p.id;

    std::string failure;
    if (p.request.url.starts_with("mock://")) {
        failure = "mock:// URLs need the in-process transport";
    } else if (std::string problem = requestProblem(p.request); !problem.empty()) {
        // The executor refuses these first (`validation`); this keeps any other caller from
        // putting CR/LF into the request line or headers on the wire (SPEC §9).
        failure = "request not sent: " + problem;
    } else if (p.easy = s.acquireEasy(); !p.easy) {
        failure = "cannot create a libcurl handle";
    } else if (!s.configure(p)) {
        failure = "out of memory building request headers";
    } else if (const CURLMcode mc = curl_multi_add_handle(s.multi, p.easy); mc != CURLM_OK) {
        failure = curl_multi_strerror(mc);
    }
    if (!failure.empty()) {
        s.releaseEasy(p);
        p.earlyFailure.error = TransportError::Connection;
        p.earlyFailure.errorMessage = std::move(failure);
        // `done` is never called from inside send(): report through the event loop, unless the
        // request is cancelled first.
        QMetaObject::invokeMethod(
            &s.context,
            [state = &s, id] {
                auto node = state->pending.extract(id);
                if (node.empty())
                    return;
                auto done = std::move(node.mapped()->done);
                auto result = std::move(node.mapped()->earlyFailure);
                node.mapped().reset();
                done(std::move(result));
            },
            Qt::QueuedConnection);
    }
    s.pending.emplace(id, std::move(owned));
    return id;
}

void CurlTransport::cancel(RequestId id)
{
    auto node = m_state->pending.extract(id);
    if (node.empty())
        return;
    m_state->releaseEasy(*node.mapped());
}

std::size_t CurlTransport::pendingRequests() const
{
    return m_state->pending.size();
}

} // namespace tutti::engine
