// `--otlp-endpoint URL` of `tutti run` and `tutti serve`: the exporter that sends each finished
// run to an OpenTelemetry collector (OTLP/HTTP JSON), with collector headers taken from the
// standard OTEL_EXPORTER_OTLP_TRACES_HEADERS / OTEL_EXPORTER_OTLP_HEADERS variables.
#pragma once

#include <engine/net/otlpexporter.h>

#include <QString>

#include <memory>
#include <string>

namespace tutti::cli {

// The exporter for `endpoint`, warnings going to stderr prefixed with `command` ("tutti run").
// On a bad endpoint or header variable prints why and returns null with `exitCode` = ExitUsage.
std::unique_ptr<engine::OtlpExporter> makeOtlpExporter(const QString &endpoint,
                                                       const std::string &command, int &exitCode);

// Waits (at most `timeout`) for queued runs to be sent; warns on stderr when some were not.
void flushOtlp(engine::OtlpExporter &exporter, const std::string &command, engine::Micros timeout);

} // namespace tutti::cli
