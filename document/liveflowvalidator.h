// Live validation of a flow while someone edits it: the pure parse at once on the caller's
// thread (no disk), the resolve step (workspace, mocks, sub-flow files) on a worker thread, its
// problems delivered back to the caller's thread. A result for text that has since changed is
// dropped, so the problems shown always belong to the latest text. QtCore only.
#pragma once

#include <engine/core/result.h>
#include <engine/model/flowresolver.h>

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

namespace tutti::engine {

class LiveFlowValidator : public QObject {
    Q_OBJECT
public:
    explicit LiveFlowValidator(QObject *parent = nullptr);
    ~LiveFlowValidator() override; // waits for a resolve in flight (it only stats and reads)

    // Parses `text` (as the file `fileName`) and returns the parse's problems; when it parsed far
    // enough to build a flow, resolves it in the background and later emits resolved() with the
    // parse's and the resolve's problems together, in file order. Any earlier result still to
    // come is dropped. `parsed`, when given, is parseYaml(text) done by the caller already.
    Errors validate(const std::string &text, const std::string &fileName,
                    const YamlDocument *parsed = nullptr);
    // Drops the result still to come, if any (the document was given another validator).
    void cancel();
    // A result is still to come (tests wait on it).
    bool isResolving() const { return m_resolving; }
    // The latest delivered problems (parse and resolve), valid after resolved().
    const Errors &problems() const { return m_problems; }

signals:
    void resolved();

private:
    void deliver(std::uint64_t generation, Errors problems);

    std::shared_ptr<FlowResolver> m_resolver; // its cache keeps repeated resolves cheap
    // Bumped by every validate() and cancel(); the worker skips work already stale, and only the
    // result of the current generation is delivered.
    std::shared_ptr<std::atomic<std::uint64_t>> m_generation;
    bool m_resolving = false;
    Errors m_problems;
    QThreadPool m_pool; // one thread: resolves run in order, never two at once
};

} // namespace tutti::engine
