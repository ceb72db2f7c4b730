// Parse now, resolve on a worker, deliver the latest (liveflowvalidator.h).
#include <document/liveflowvalidator.h>

#include <engine/model/flowparser.h>

#include <QMetaObject>

namespace tutti::engine {

LiveFlowValidator::LiveFlowValidator(QObject *parent)
    : QObject(parent)
    , m_resolver(std::make_shared<FlowResolver>())
    , m_generation(std::make_shared<std::atomic<std::uint64_t>>(0))
{
    m_pool.setMaxThreadCount(1);
}

LiveFlowValidator::~LiveFlowValidator()
{
    cancel();
    // The worker posts to this object: it must be done before the object goes. Results posted
    // but not yet delivered are discarded with the object.
    m_pool.waitForDone();
}

Errors LiveFlowValidator::validate(const std::string &text, const std::string &fileName,
                                   const YamlDocument *yaml)
{
    const std::uint64_t generation = ++*m_generation;
    FlowLoad parsed = yaml ? parseFlow(*yaml, text, fileName) : parseFlow(text, fileName);
    Errors problems = parsed.errors;
    m_resolving = parsed.flow != nullptr;
    if (!m_resolving)
        return problems;
    m_pool.start([this, generation, parsed = std::move(parsed), resolver = m_resolver,
                  current = m_generation]() {
        if (current->load() != generation)
            return; // newer text is waiting behind this one
        Errors all = resolver->problems(parsed);
        QMetaObject::invokeMethod(
            this,
            [this, generation, all = std::move(all)]() mutable {
                deliver(generation, std::move(all));
            },
            Qt::QueuedConnection);
    });
    return problems;
}

void LiveFlowValidator::cancel()
{
    ++*m_generation;
    m_resolving = false;
}

void LiveFlowValidator::deliver(std::uint64_t generation, Errors problems)
{
    if (generation != m_generation->load())
        return; // stale: the text changed (or validation was cancelled) meanwhile
    m_resolving = false;
    m_problems = std::move(problems);
    emit resolved();
}

} // namespace tutti::engine
