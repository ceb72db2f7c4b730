// `tutti export FLOW --to asl|argo` (SPEC §7, §8): the flow as an AWS Step Functions state machine
// or an Argo Workflow on stdout or in a file; what cannot be carried over is a warning on stderr
// (an error with --strict). The mappings are the engine's (engine/export/aslexport.h,
// argoexport.h); docs/export.md tells them.
#include "clisupport.h"
#include "commands.h"

#include <engine/export/argoexport.h>
#include <engine/export/aslexport.h>
#include <engine/model/flowparser.h>
#include <engine/model/workspace.h>

#include <QCommandLineParser>
#include <QSaveFile>

namespace tutti::cli {

using namespace tutti::engine;

int exportCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument("FLOW", "The *.flow.yaml file to export.");
    const QCommandLineOption toOpt(
        "to", "Target: asl (AWS Step Functions) or argo (Argo Workflows).", "TARGET");
    const QCommandLineOption envOpt(
        "env",
        "Environment from tutti.yaml whose service URLs become the HTTP Tasks' ApiEndpoint "
        "(default: the flow's base_url, else placeholders).",
        "NAME");
    const QCommandLineOption languageOpt(
        "query-language",
        "jsonpath or jsonata (default: JSONPath when every expression maps onto it, else "
        "JSONata). Forcing jsonpath fails with the expressions it cannot carry.",
        "LANG");
    const QCommandLineOption strictOpt("strict",
                                       "Fail (exit 1) when anything cannot be carried over.");
    const QCommandLineOption outOpt({"o", "output"}, "Write to PATH instead of stdout.", "PATH");
    parser.addOptions({toOpt, envOpt, languageOpt, strictOpt, outOpt});
    if (int code =
            parseOrExit(parser, args,
                        "tutti export FLOW --to asl|argo [options]\n\nExports a flow to another "
                        "engine's format (docs/export.md).");
        code >= 0)
        return code;
    if (parser.positionalArguments().size() != 1) {
        err("tutti export: expected exactly one FLOW file (try 'tutti export --help')\n");
        return ExitUsage;
    }
    const QString target = parser.value(toOpt);
    if (target.isEmpty()) {
        err("tutti export: --to is required (asl, argo)\n");
        return ExitUsage;
    }
    if (target != "asl" && target != "argo") {
        err("tutti export: unknown or not yet supported target '" + target.toStdString() +
            "' (supported: asl, argo)\n");
        return ExitUsage;
    }
    AslOptions options;
    if (parser.isSet(languageOpt) && target != "asl") {
        err("tutti export: --query-language is for --to asl\n");
        return ExitUsage;
    }
    if (parser.isSet(languageOpt)) {
        const QString lang = parser.value(languageOpt).toLower();
        if (lang == "jsonpath")
            options.language = AslQueryLanguage::JsonPath;
        else if (lang == "jsonata")
            options.language = AslQueryLanguage::Jsonata;
        else {
            err("tutti export: --query-language takes jsonpath or jsonata\n");
            return ExitUsage;
        }
    }

    const std::string flowPath = absolutePath(parser.positionalArguments().front());
    const FlowLoad load = loadFlowFile(flowPath);
    if (!load.ok()) {
        printErrors(load.errors.empty() ? Errors{Error{ErrorCode::Io,
                                                       "the flow could not be read",
                                                       SourceLocation{flowPath, 0, 0},
                                                       {}}}
                                        : load.errors);
        return ExitInvalid;
    }
    std::optional<Environment> environment;
    if (parser.isSet(envOpt) && parser.value(envOpt) != "mock") {
        const std::string name = parser.value(envOpt).toStdString();
        auto workspace = workspaceForFlow(flowPath);
        if (!workspace) {
            printErrors({workspace.error()});
            return ExitInvalid;
        }
        auto it = workspace->environments.find(name);
        if (it == workspace->environments.end()) {
            std::string known;
            for (const auto &[n, e] : workspace->environments)
                known += (known.empty() ? "" : ", ") + n;
            err("tutti export: environment '" + name + "' is not in " + workspace->dir +
                "/tutti.yaml (known: " + (known.empty() ? std::string("none") : known) + ")\n");
            return ExitInvalid;
        }
        environment = it->second;
        options.environment = &*environment;
    }

    std::vector<ExportWarning> warnings;
    std::string text;
    if (target == "argo") {
        ArgoExport argo = exportArgo(*load.flow, ArgoOptions{options.environment});
        warnings = std::move(argo.warnings);
        text = argoText(argo.workflow);
    } else {
        auto exported = exportAsl(*load.flow, options);
        if (!exported) {
            printErrors({exported.error()});
            return ExitInvalid;
        }
        warnings = std::move(exported->warnings);
        text = aslText(exported->machine);
    }
    for (const ExportWarning &w : warnings)
        err(w.toString() + "\n");
    if (parser.isSet(strictOpt) && !warnings.empty()) {
        err("tutti export: " + std::to_string(warnings.size()) +
            " thing(s) cannot be carried over (--strict); nothing written\n");
        return ExitInvalid;
    }
    if (!parser.isSet(outOpt)) {
        out(text);
        return ExitOk;
    }
    QSaveFile file(parser.value(outOpt)); // write then rename: never a half-written export
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(text.data(), static_cast<qint64>(text.size())) !=
            static_cast<qint64>(text.size()) ||
        !file.commit()) {
        err("tutti export: cannot write " + parser.value(outOpt).toStdString() + ": " +
            file.errorString().toStdString() + "\n");
        return ExitInternal;
    }
    return ExitOk;
}

} // namespace tutti::cli
