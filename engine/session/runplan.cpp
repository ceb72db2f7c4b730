// Loading a flow for runs and wiring each run of it (runplan.h).
#include <engine/session/runplan.h>

#include <engine/model/flowparser.h>
#include <engine/model/schema.h>
#include <engine/model/steps/registry.h>

namespace tutti::engine {

std::string SetupError::text() const
{
    std::string out;
    for (const Error &e : errors)
        out += (out.empty() ? "" : "\n") + e.toString();
    return out;
}

std::expected<RunPlan, SetupError> RunPlan::load(const FlowSource &source,
                                                 const std::string &environment,
                                                 std::shared_ptr<FlowResolver> resolver)
{
    RunPlan plan;
    plan.m_resolver = resolver ? std::move(resolver) : std::make_shared<FlowResolver>();
    plan.m_path = source.path.empty() && source.flow ? source.flow->filePath : source.path;
    if (source.flow) {
        plan.m_flows.push_back(source.flow);
    } else {
        FlowLoad load = source.text.empty() ? plan.m_resolver->loadFile(source.path)
                                            : plan.m_resolver->loadText(source.text, source.path);
        if (!load.ok()) {
            Errors errors = std::move(load.errors);
            if (errors.empty())
                errors.push_back({ErrorCode::Io, "cannot read the flow", {source.path}, {}});
            return std::unexpected(SetupError{SetupStage::Flow, std::move(errors)});
        }
        plan.m_flows.push_back(load.flow);
    }

    auto workspace = plan.m_resolver->workspaceFor(plan.m_path);
    if (!workspace)
        return std::unexpected(SetupError{SetupStage::Environment, {workspace.error()}});
    auto env = RunEnvironment::fromWorkspace(*workspace, environment);
    if (!env)
        return std::unexpected(SetupError{SetupStage::Environment, {env.error()}});
    plan.m_workspace = std::move(*workspace);
    plan.m_environment = std::move(*env);
    plan.loadSubFlows();
    return plan;
}

void RunPlan::loadSubFlows()
{
    auto subFlows = std::make_shared<std::map<std::string, std::shared_ptr<const Flow>>>();
    const std::string &self = flow()->filePath;
    for (std::size_t i = 0; i < m_flows.size(); ++i)
        for (const Step *step : allSteps(*m_flows[i])) {
            StepReferences refs;
            addReferences(*step, refs);
            for (const std::string &path : refs.flowFiles.names()) {
                if (subFlows->contains(path) || path == self)
                    continue;
                FlowLoad sub = m_resolver->loadFile(path);
                if (!sub.ok()) {
                    m_subFlowErrors.insert(m_subFlowErrors.end(), sub.errors.begin(),
                                           sub.errors.end());
                    if (sub.errors.empty())
                        m_subFlowErrors.push_back({ErrorCode::Io,
                                                   "cannot read the sub-flow " + path,
                                                   step->location,
                                                   {}});
                    continue;
                }
                subFlows->emplace(path, sub.flow);
                m_flows.push_back(sub.flow);
            }
        }
    m_subFlows = std::move(subFlows);
}

FlowLoader RunPlan::flowLoader() const
{
    // The map is never written after load(), so every thread may read it; the resolver locks.
    return [subFlows = m_subFlows, resolver = m_resolver](
               const std::string &path, Errors &errors) -> std::shared_ptr<const Flow> {
        if (auto it = subFlows->find(path); it != subFlows->end())
            return it->second;
        FlowLoad load = resolver->loadFile(path);
        errors.insert(errors.end(), load.errors.begin(), load.errors.end());
        return load.ok() ? load.flow : nullptr;
    };
}

Errors RunPlan::inputProblems(const Json &input) const
{
    if (flow()->inputSchema.is_null())
        return {};
    Errors problems = flow()->inputValidator.validate(input);
    for (Error &p : problems)
        p.message = "input" + (p.path.empty() ? std::string() : " " + p.path) + ": " + p.message;
    return problems;
}

TransportRequest RunPlan::transportRequest(const std::vector<std::string> &profiles,
                                           Clock &clock) const
{
    return TransportRequest{m_flows, m_environment, profiles, clock};
}

std::unique_ptr<FlowRun> RunPlan::newRun(const RunWiring &wiring, RunOptions options) const
{
    RunDeps deps;
    deps.clock = wiring.clock;
    deps.transport = wiring.transport;
    deps.sink = wiring.sink;
    deps.breakers = wiring.breakers;
    deps.tokens = wiring.tokens;
    deps.scripts = wiring.scripts;
    deps.environment = &m_environment;
    deps.loadFlow = flowLoader();
    return std::make_unique<FlowRun>(flow(), std::move(deps), std::move(options));
}

} // namespace tutti::engine
