// Throughput and latency of the loopback MockServer for a fixed stub: the server runs on its own
// thread; a keep-alive libcurl client loop on the main thread prints req/s and p50/p99.
#include <mocks/mockparser.h>
#include <mocks/mockserver.h>

#include <QCoreApplication>
#include <QThread>

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <future>
#include <vector>

using namespace tutti;

namespace {
std::size_t discard(char *, std::size_t size, std::size_t n, void *)
{
    return size * n;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int requests = argc > 1 ? std::atoi(argv[1]) : 50000;
    auto load = mocks::parseMock(
        "tutti-mock: 1\nservice: stub\nroutes:\n  - match: { method: GET, path: /ping }\n"
        "    respond: { status: 200, body: { ok: true } }\n",
        "stub.mock.yaml");
    if (!load.ok())
        return 1;
    mocks::MockRegistry registry;
    (void)registry.add(load.spec);

    QThread thread;
    std::promise<quint16> bound;
    mocks::MockServer *server = nullptr;
    thread.start();
    auto *anchor = new QObject;
    anchor->moveToThread(&thread);
    QMetaObject::invokeMethod(anchor, [&] {
        server = new mocks::MockServer(registry, "stub");
        auto port = server->listen(0);
        bound.set_value(port ? *port : 0);
    });
    const quint16 port = bound.get_future().get();
    if (port == 0)
        return 1;

    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURL *curl = curl_easy_init();
    const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/ping";
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(curl, CURLOPT_TCP_NODELAY, 1L);
    std::vector<double> us;
    us.reserve(static_cast<std::size_t>(requests));
    int failures = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < requests; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        long status = 0;
        if (curl_easy_perform(curl) != CURLE_OK)
            ++failures;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        failures += status != 200;
        us.push_back(
            std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0)
                .count());
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    curl_easy_cleanup(curl);
    std::sort(us.begin(), us.end());
    std::printf(
        "mock server fixed stub: %d requests, %.0f req/s, p50 %.0f us, p99 %.0f us, failures %d\n",
        requests, requests / seconds, us[us.size() / 2], us[us.size() * 99 / 100], failures);

    QMetaObject::invokeMethod(
        anchor,
        [&] {
            delete server;
            delete anchor;
        },
        Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
    return failures == 0 ? 0 : 1;
}
