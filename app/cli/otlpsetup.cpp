// Builds the OTLP exporter from the command line and the OTEL_* environment (see otlpsetup.h).
#include "otlpsetup.h"

#include "clisupport.h"
#include "commands.h"

#include <QByteArray>

namespace tutti::cli {

using namespace tutti::engine;

std::unique_ptr<OtlpExporter> makeOtlpExporter(const QString &endpoint, const std::string &command,
                                               int &exitCode)
{
    auto url = otlpTracesUrl(endpoint.toStdString());
    if (!url) {
        err(command + ": --otlp-endpoint: " + url.error().message + "\n");
        exitCode = ExitUsage;
        return nullptr;
    }
    OtlpOptions options;
    options.url = *url;
    // The traces-specific variable wins over the general one, as OpenTelemetry SDKs do.
    for (const char *name : {"OTEL_EXPORTER_OTLP_TRACES_HEADERS", "OTEL_EXPORTER_OTLP_HEADERS"}) {
        if (!qEnvironmentVariableIsSet(name))
            continue;
        auto headers = parseOtlpHeaders(qgetenv(name).toStdString());
        if (!headers) {
            err(command + ": " + name + ": " + headers.error().message + "\n");
            exitCode = ExitUsage;
            return nullptr;
        }
        options.headers = std::move(*headers);
        break;
    }
    return std::make_unique<OtlpExporter>(std::move(options), [command](const std::string &w) {
        err(command + ": warning: " + w + "\n");
    });
}

void flushOtlp(OtlpExporter &exporter, const std::string &command, Micros timeout)
{
    if (!exporter.flush(timeout))
        err(command + ": warning: OTLP export did not finish within " +
            std::to_string(timeout / kSecond) + " s; the rest of the spans were not sent\n");
}

} // namespace tutti::cli
