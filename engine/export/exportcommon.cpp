// Helpers every exporter shares (exportcommon.h).
#include <engine/export/exportcommon.h>

#include <engine/model/steps/registry.h>

namespace tutti::engine {

std::string ExportWarning::toString() const
{
    std::string out;
    if (!location.file.empty())
        out += location.file + ":";
    if (location.isKnown())
        out += std::to_string(location.line) + ":" + std::to_string(location.column) + ":";
    if (!out.empty())
        out += " ";
    out += "warning: ";
    if (!step.empty())
        out += "step " + step + ": ";
    return out + message;
}

std::string
exportStepTableMarkdown(const std::function<const ExportStepMapping *(StepType)> &mappingOf,
                        const std::string &unmapped)
{
    std::string out = "| step type | becomes | not carried because |\n|---|---|---|\n";
    for (const StepDescriptor *d : stepDescriptors()) {
        const ExportStepMapping *m = mappingOf(d->type);
        out += "| `" + d->name + "` | " + (m && !m->becomes.empty() ? m->becomes : unmapped) +
               " | " + (m ? m->notCarried : std::string("no mapping")) + " |\n";
    }
    return out;
}

std::optional<std::string> exportBaseUrl(const Flow &flow, const Environment *environment,
                                         const std::string &service)
{
    if (environment) {
        auto it = environment->serviceUrls.find(service);
        if (it != environment->serviceUrls.end())
            return it->second;
    }
    auto svc = flow.services.find(service);
    if (svc != flow.services.end() && svc->second.baseUrl)
        return *svc->second.baseUrl;
    return std::nullopt;
}

} // namespace tutti::engine
