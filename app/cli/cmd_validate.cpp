// `tutti validate FLOW...` (SPEC §7): every problem of every flow as FILE:LINE:COL: error: MESSAGE
// on stderr, nothing on stdout when all are valid; exit 0 valid, 1 invalid, 2 usage.
#include "clisupport.h"
#include "commands.h"

#include <engine/core/softassert.h>
#include <engine/model/flowparser.h>
#include <engine/model/flowresolver.h>

#include <QCommandLineParser>

#include <cstdio>

namespace tutti::cli {

int validateCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("tutti validate FLOW...\n\n"
                       "Check flow files: structure, step types, expressions, services, jumps, "
                       "reachability and cycles. Errors go to stderr as "
                       "FILE:LINE:COL: error: MESSAGE."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    parser.addPositionalArgument(QStringLiteral("FLOW"),
                                 QStringLiteral("*.flow.yaml files to check."),
                                 QStringLiteral("FLOW..."));
    // QCommandLineParser expects the program name first.
    if (!parser.parse(QStringList{QStringLiteral("tutti validate")} + args)) {
        std::fprintf(stderr, "tutti validate: %s\n", qPrintable(parser.errorText()));
        std::fprintf(stderr, "usage: tutti validate FLOW...\n");
        return ExitUsage;
    }
    if (parser.isSet(help)) {
        out(helpText(parser).toStdString());
        return ExitOk;
    }
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        std::fprintf(stderr, "tutti validate: no flow files given\n");
        std::fprintf(stderr, "usage: tutti validate FLOW...\n");
        return ExitUsage;
    }
    bool allValid = true;
    // Parse, then resolve; one resolver, so flows of one workspace share its mocks' reads.
    engine::FlowResolver resolver;
    for (const QString &file : files) {
        const engine::FlowLoad load = resolver.loadFile(file.toStdString());
        for (const auto &error : load.errors)
            std::fprintf(stderr, "%s\n", error.toString().c_str());
        if (!load.ok()) {
            allValid = false;
            // A failed load always says why; should one ever not, never report "invalid" silently.
            TUTTI_ASSERT(
                !load.errors.empty(),
                std::fprintf(stderr, "%s: error: the flow could not be read\n", qPrintable(file)));
        }
    }
    return allValid ? ExitOk : ExitInvalid;
}

} // namespace tutti::cli
