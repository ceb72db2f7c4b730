// `tutti export FLOW --to asl|argo` (SPEC §7, §8): the flow as an AWS Step Functions state machine
// or an Argo Workflow on stdout or in a file; what cannot be carried over is a warning on stderr
// (an error with --strict). The mappings are the engine's (engine/export/aslexport.h,
// argoexport.h); docs/export.md tells them.
#include "clisupport.h"
#include "commands.h"

#include <engine/export/argoexport.h>
#include <engine/export/aslexport.h>
#include <engine/export/bundleexport.h>
#include <engine/model/flowparser.h>
#include <engine/model/workspace.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSaveFile>

namespace tutti::cli {

using namespace tutti::engine;

namespace {

// `--to bundle`: the flows, the files they need and the deployment files, in DIR.
int exportBundleCommand(const QCommandLineParser &parser, const QString &env, const QString &dir,
                        bool force, bool strict)
{
    if (parser.positionalArguments().isEmpty()) {
        err("tutti export: expected at least one FLOW file (try 'tutti export --help')\n");
        return ExitUsage;
    }
    if (dir.isEmpty()) {
        err("tutti export: --to bundle needs -o DIR\n");
        return ExitUsage;
    }
    std::vector<BundleFlow> flows;
    for (const QString &f : parser.positionalArguments())
        flows.push_back({absolutePath(f), {}});
    if (env != "mock") {
        auto workspace = workspaceForFlow(flows.front().path);
        if (!workspace) {
            printErrors({workspace.error()});
            return ExitInvalid;
        }
        if (!workspace->environments.contains(env.toStdString())) {
            err("tutti export: environment '" + env.toStdString() + "' is not in " +
                workspace->dir + "/tutti.yaml\n");
            return ExitInvalid;
        }
    }
    auto bundle = exportBundle(flows, BundleOptions{env.toStdString(), 8080});
    if (!bundle) {
        printErrors({bundle.error()});
        return ExitInvalid;
    }
    for (const ExportWarning &w : bundle->warnings)
        err(w.toString() + "\n");
    if (strict && !bundle->warnings.empty()) {
        err("tutti export: warnings (--strict); nothing written\n");
        return ExitInvalid;
    }
    // The image runs this very binary (bin/tutti), built for the Debian 12 the Dockerfile names.
    auto written = writeBundle(*bundle, absolutePath(dir), force,
                               QCoreApplication::applicationFilePath().toStdString());
    if (!written) {
        printErrors({written.error()});
        return written.error().code == ErrorCode::Io &&
                       written.error().message.find("not empty") != std::string::npos
                   ? ExitInvalid
                   : ExitInternal;
    }
    out("bundle " + bundle->name + " written to " + dir.toStdString() + "\n");
    return ExitOk;
}

} // namespace

int exportCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument("FLOW", "The *.flow.yaml file(s) to export (several: bundle).");
    const QCommandLineOption toOpt("to",
                                   "Target: asl (AWS Step Functions), argo (Argo Workflows) or "
                                   "bundle (a folder deploying `tutti serve`).",
                                   "asl|argo|bundle");
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
    const QCommandLineOption outOpt(
        {"o", "output"}, "Write to PATH instead of stdout (bundle: the folder).", "PATH");
    const QCommandLineOption forceOpt("force", "bundle: write into a non-empty folder.");
    parser.addOptions({toOpt, envOpt, languageOpt, strictOpt, outOpt, forceOpt});
    if (int code = parseOrExit(parser, args,
                               "tutti export FLOW --to asl|argo [options]\n"
                               "tutti export FLOW... --to bundle -o DIR [--env NAME] "
                               "[--force]\n\nExports a flow to another "
                               "engine's format (docs/export.md).");
        code >= 0)
        return code;
    const QString target = parser.value(toOpt);
    if (target.isEmpty()) {
        err("tutti export: --to is required (asl, argo, bundle)\n");
        return ExitUsage;
    }
    if (target == "bundle")
        return exportBundleCommand(parser, parser.isSet(envOpt) ? parser.value(envOpt) : "mock",
                                   parser.value(outOpt), parser.isSet(forceOpt),
                                   parser.isSet(strictOpt));
    if (target != "asl" && target != "argo") {
        err("tutti export: unknown or not yet supported target '" + target.toStdString() +
            "' (supported: asl, argo, bundle)\n");
        return ExitUsage;
    }
    if (parser.positionalArguments().size() != 1) {
        err("tutti export: expected exactly one FLOW file (try 'tutti export --help')\n");
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
