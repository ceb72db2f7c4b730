// One worker of `tutti serve`: a thread with its own event loop, QTcpServer (on a listening
// socket it is handed), clock, transports, circuit breakers and runs. Internal to FlowServer.
#pragma once

#include <QSemaphore>
#include <QThread>

#include <atomic>
#include <functional>
#include <string>

namespace tutti::server::internal {

struct ServeShared;
class WorkerCore;

class ServeWorker final : public QThread {
public:
    ServeWorker(ServeShared &shared, int index, int listenFd);
    ~ServeWorker() override;

    // Blocks until the worker listens (true) or failed (false, error()).
    bool waitStarted();
    const std::string &error() const { return m_error; }

    // Thread-safe: queued onto the worker's event loop.
    void stopAccepting();
    void cancelRuns(std::function<void(int)> cancelled); // called with the count, on the worker
    void shutdown(); // closes connections once written, then ends the thread
    int activeRuns() const { return m_activeRuns.load(); }

protected:
    void run() override;

private:
    friend class WorkerCore;
    void post(std::function<void(WorkerCore &)> fn);

    ServeShared &m_shared;
    int m_index;
    int m_fd;
    std::string m_error;
    QSemaphore m_started;
    std::atomic<WorkerCore *> m_core{nullptr};
    std::atomic<int> m_activeRuns{0};
};

} // namespace tutti::server::internal
