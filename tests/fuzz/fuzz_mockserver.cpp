// Fuzz target: bytes as what a client sends to `tutti mock` — the loopback MockServer's HTTP/1.1
// request parser, then the mock service that answers (matchers, templates over the request's
// path, query, headers and body). The parser lives inside the server's connection class with no
// seam that takes bytes, so the target goes through a real loopback socket, in process: one
// connection per input, the input written, the write side shut, events pumped until the server
// closes the connection. (A pure parseRequest(bytes) function would make this target ten times
// faster and socket-free; see docs/testing.md.)
#include <mocks/mockparser.h>
#include <mocks/mockregistry.h>
#include <mocks/mockserver.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTcpSocket>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include <sys/socket.h>

using namespace tutti;

namespace {

// The checkout example's inventory routes (resources/examples/checkout/mocks, without its
// latency: real-time waits would only slow the fuzzer down), routes that read every other part
// of a request, and the regex matchers issue 7 names (a backtracking pattern, a long subject).
const char *kMock = R"(tutti-mock: 1
service: fuzz
state: { reserved: 0 }
routes:
  - match: { method: POST, path: /reservations, body: { qty: { gt: 100 } } }
    respond: { status: 409, body: { error: out_of_stock, sku: "{{ request.body.sku }}" } }
  - match: { method: POST, path: /reservations }
    respond:
      status: 201
      body: { id: "res_{{ uuid() }}", sku: "{{ request.body.sku }}", qty: "{{ request.body.qty }}" }
    set_state: { reserved: "{{ state.reserved + 1 }}" }
  - match: { method: DELETE, path: "/reservations/{id}" }
    respond: { status: 204 }
    set_state: { reserved: "{{ state.reserved - 1 }}" }
  - match:
      method: GET
      path: "/items/{id}"
      query: { q: { regex: "^[a-z]+$" } }
      headers: { x-id: { exists: true } }
    respond:
      status: 200
      headers: { X-Echo: "{{ request.headers['x-id'] }}" }
      body: { id: "{{ params.id }}", q: "{{ request.query.q }}", all: "{{ request.query }}" }
  - match: { method: PUT, path: "/items/{id}", body: { tags: { in: [[a], [b]] } } }
    respond: { status: 200, body: "{{ request.body }}" }
  - match: { method: POST, path: /search, body: { q: { regex: "^(a+)+$" } } }
    respond: { status: 200, body: { found: "{{ request.body.q }}" } }
  - match: { method: POST, path: /scan, body: { text: { regex: "^(a|b|c)*$" } } }
    respond: { status: 200, body_text: scanned }
  - match: { path: "/echo/{a}/{b}" }
    respond:
      status: 200
      body_text: "{{ request.method }} {{ params.a }} {{ params.b }} {{ request.headers }} {{ request.body }}"
)";

struct Harness {
    mocks::MockRegistry registry;
    mocks::MockServer *server = nullptr;
    quint16 port = 0;
};

Harness *g_harness = nullptr;

[[noreturn]] void die(const char *what)
{
    std::fprintf(stderr, "fuzz_mockserver: %s\n", what);
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    static int argc = 1;
    static char name[] = "fuzz_mockserver";
    static char *argv[] = {name, nullptr};
    new QCoreApplication(argc, argv); // lives until exit, like the process's own
    g_harness = new Harness;
    mocks::MockLoad load = mocks::parseMock(kMock, "fuzz.mock.yaml");
    if (!load.ok())
        die(load.errors.empty() ? "the embedded mock did not load"
                                : load.errors.front().toString().c_str());
    if (!g_harness->registry.add(load.spec))
        die("cannot register the embedded mock");
    g_harness->server = new mocks::MockServer(g_harness->registry, "fuzz", 1);
    auto port = g_harness->server->listen(0);
    if (!port)
        die(port.error().toString().c_str());
    g_harness->port = *port;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    g_harness->registry.reset(); // each input starts from the mock's initial state
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, g_harness->port);
    if (!client.waitForConnected(5000))
        die("cannot connect to the mock server");
    qint64 written = 0;
    while (written < static_cast<qint64>(size)) {
        const qint64 n = client.write(reinterpret_cast<const char *>(data) + written,
                                      static_cast<qint64>(size) - written);
        if (n < 0)
            die("write to the mock server failed");
        written += n;
    }
    client.flush();
    // Pump both ends until the server has answered everything it is going to answer. Each
    // processEvents() call runs the server's handlers to completion (one thread), so a few
    // calls in a row that bring no new bytes mean it is idle. Only then is the write side shut:
    // Qt drops a socket's unsent answer when it sees the peer's FIN first, so shutting earlier
    // would make the outcome depend on how long a request took to handle.
    QElapsedTimer clock;
    clock.start();
    bool shut = false;
    int idle = 0;
    QByteArray reply;
    while (client.state() != QAbstractSocket::UnconnectedState) {
        QCoreApplication::processEvents(QEventLoop::AllEvents);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        const QByteArray chunk = client.readAll();
        reply += chunk;
        idle = chunk.isEmpty() && client.bytesToWrite() == 0 ? idle + 1 : 0;
        if (!shut && idle >= 3) {
            // End of input: a server waiting for more of a request must now give up and close.
            ::shutdown(static_cast<int>(client.socketDescriptor()), SHUT_WR);
            shut = true;
        }
        if (reply.size() > (64 << 20))
            die("the mock server answered more than 64 MiB to one input");
        if (clock.elapsed() > 10000)
            die("the mock server neither answered nor closed the connection within 10 s");
    }
    // Server-side sockets and connections are deleted with deleteLater().
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    if (std::getenv("TUTTI_FUZZ_VERBOSE")) // to see what the server made of a reproducer
        std::fprintf(stderr, "fuzz_mockserver: %lld bytes answered:\n%.*s\n",
                     static_cast<long long>(reply.size()),
                     static_cast<int>(std::min<qsizetype>(reply.size(), 2000)), reply.constData());
    // Every answer is an HTTP/1.1 status line (or nothing, when the input ended mid-request).
    if (!reply.isEmpty() && !reply.startsWith("HTTP/1.1 "))
        die("the mock server answered something that is not HTTP/1.1");
    return 0;
}
