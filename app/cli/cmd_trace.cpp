// `tutti trace list|show|diff|export|stats|prune`: read (and prune) the workspace's trace database
// (SPEC §6, §7).
#include "commands.h"

#include <engine/core/duration.h>
#include <engine/core/jsonio.h>
#include <engine/model/workspace.h>
#include <engine/trace/rundiff.h>
#include <engine/trace/spantree.h>
#include <engine/trace/traceexport.h>
#include <engine/trace/tracestore.h>

#include <QSaveFile>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tutti::cli {

namespace {

namespace fs = std::filesystem;
using namespace tutti::engine;

constexpr const char *kUsage =
    "usage: tutti trace list [--limit N] [--flow FLOW] [--status STATUS] [--json] [--trace-db "
    "PATH]\n"
    "       tutti trace show RUN [--json] [--trace-db PATH]\n"
    "       tutti trace diff RUN_A RUN_B [--json] [--trace-db PATH]\n"
    "       tutti trace export RUN --format otlp|chrome [-o FILE] [--trace-db PATH]\n"
    "       tutti trace stats [--json] [--trace-db PATH]\n"
    "       tutti trace prune --older-than AGE | --keep N [--dry-run] [--json] [--trace-db PATH]\n"
    "RUN is a run id or a unique prefix of one. The database defaults to .tutti/traces.db in the\n"
    "workspace of the current folder (the nearest folder at or above it holding tutti.yaml).\n"
    "prune deletes finished runs (never running ones) started more than AGE ago (30d, 12h, 90m)\n"
    "or all but the newest N, with their spans, then shrinks the file; stats prints its size.\n"
    "diff aligns the two runs' steps by path and lists what differs: status, attempts, latency,\n"
    "error, request and response (method, URL, status, body).\n";

// Human output may quote bytes from upstream bodies and headers: never write invalid UTF-8.
void print(const std::string &text)
{
    const std::string shown = toValidUtf8(text);
    std::fwrite(shown.data(), 1, shown.size(), stdout);
}

int usageError(const std::string &message)
{
    std::fprintf(stderr, "tutti trace: %s\n%s", message.c_str(), kUsage);
    return ExitUsage;
}

int reportError(const Error &error)
{
    std::fprintf(stderr, "tutti trace: %s\n", error.message.c_str());
    return error.code == ErrorCode::Validation || error.code == ErrorCode::Version ? ExitInvalid
                                                                                   : ExitInternal;
}

struct Options {
    QString subcommand;
    QStringList positional;
    std::optional<int> limit;
    std::optional<Micros> olderThan;
    std::optional<std::int64_t> keep;
    QString flow, status, format, output, traceDb;
    bool json = false;
    bool dryRun = false;
    bool help = false;
};

// Options may come anywhere after the subcommand, as "--name value" or "--name=value".
std::optional<std::string> parse(const QStringList &args, Options &out)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        QString arg = args[i];
        std::optional<QString> inlineValue;
        if (arg.startsWith("--") && arg.contains('=')) {
            inlineValue = arg.section('=', 1);
            arg = arg.section('=', 0, 0);
        }
        auto value = [&](QString &into) -> bool {
            if (inlineValue) {
                into = *inlineValue;
                return true;
            }
            if (i + 1 >= args.size())
                return false;
            into = args[++i];
            return true;
        };
        if (arg == "--json" || arg == "-h" || arg == "--help" || arg == "--dry-run") {
            if (inlineValue)
                return arg.toStdString() + " takes no value";
            (arg == "--json" ? out.json : arg == "--dry-run" ? out.dryRun : out.help) = true;
        } else if (arg == "--older-than") {
            QString text;
            if (!value(text))
                return std::string("--older-than needs an age such as 30d, 12h or 90m");
            out.olderThan = parseDuration(text.toStdString());
            if (!out.olderThan || *out.olderThan <= 0)
                return "--older-than needs an age such as 30d, 12h or 90m, not '" +
                       text.toStdString() + "'";
        } else if (arg == "--keep") {
            QString text;
            bool ok = false;
            if (!value(text) || (out.keep = text.toLongLong(&ok), !ok) || *out.keep < 0)
                return "--keep needs a number of runs >= 0, not '" + text.toStdString() + "'";
        } else if (arg == "--limit") {
            QString text;
            bool ok = false;
            if (!value(text) || (out.limit = text.toInt(&ok), !ok) || *out.limit < 0)
                return std::string("--limit needs a number >= 0");
        } else if (arg == "--flow" || arg == "--status" || arg == "--format" || arg == "-o" ||
                   arg == "--output" || arg == "--trace-db") {
            QString &into = arg == "--flow"       ? out.flow
                            : arg == "--status"   ? out.status
                            : arg == "--format"   ? out.format
                            : arg == "--trace-db" ? out.traceDb
                                                  : out.output;
            if (!value(into) || into.isEmpty())
                return arg.toStdString() + " needs a value";
        } else if (arg.startsWith('-') && arg != "-") {
            return "unknown option " + arg.toStdString();
        } else if (out.subcommand.isEmpty()) {
            out.subcommand = arg;
        } else {
            out.positional << arg;
        }
    }
    return std::nullopt;
}

// The workspace of the current folder: the nearest folder at or above it with tutti.yaml.
std::string defaultTraceDb()
{
    std::error_code ec;
    const fs::path cwd = fs::current_path(ec);
    fs::path dir = cwd;
    for (fs::path at = cwd; !at.empty(); at = at.parent_path()) {
        if (fs::exists(at / "tutti.yaml", ec)) {
            dir = at;
            break;
        }
        if (at == at.parent_path())
            break;
    }
    if (auto workspace = loadWorkspace(dir.string()))
        return workspace->traceDbPath();
    return (dir / ".tutti" / "traces.db").string();
}

std::string padRight(std::string text, std::size_t width)
{
    // Pad by display width: count UTF-8 lead bytes, not bytes.
    std::size_t columns = 0;
    for (unsigned char c : text)
        columns += (c & 0xC0) != 0x80;
    if (columns < width)
        text.append(width - columns, ' ');
    return text;
}

std::string formatMs(Micros micros)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f", static_cast<double>(micros) / 1000.0);
    return buffer;
}

std::string humanTime(Micros micros)
{
    std::string text = formatTimestamp(micros); // 2026-11-26T14:53:30.123Z
    text[10] = ' ';
    text.pop_back();
    return text;
}

std::string errorText(const Json &error)
{
    if (error.is_null())
        return {};
    if (!error.is_object())
        return dumpJson(error);
    std::string text = error.value("type", std::string("error"));
    if (error.contains("message") && error["message"].is_string())
        text += ": " + error["message"].get<std::string>();
    return text;
}

std::string httpSummary(const Span &span)
{
    if (!span.request.is_object())
        return {};
    std::string text = span.request.value("method", std::string()) + " " +
                       span.request.value("url", std::string());
    if (span.response.is_object() && span.response.contains("status"))
        text += " -> " + dumpJson(span.response["status"]);
    return text;
}

int listCommand(const Options &opt, const std::string &dbPath)
{
    if (!opt.positional.isEmpty())
        return usageError("trace list takes no run id");
    RunQuery query;
    query.flow = opt.flow.toStdString();
    query.limit = opt.limit.value_or(50);
    if (!opt.status.isEmpty()) {
        RunStatus status;
        if (!parseRunStatus(opt.status.toStdString(), status))
            return usageError("unknown status '" + opt.status.toStdString() + "' (" +
                              runStatusNames() + ")");
        query.status = status;
    }
    std::vector<RunRecord> runs;
    if (fs::exists(dbPath)) { // reading never creates a database
        TraceStore store;
        if (auto r = store.open(dbPath); !r)
            return reportError(r.error());
        auto listed = store.listRuns(query);
        if (!listed)
            return reportError(listed.error());
        runs = std::move(*listed);
    }
    if (opt.json) {
        print(dumpJson(runListToJson(runs), 2) + "\n");
        return ExitOk;
    }
    if (runs.empty()) {
        std::fprintf(stderr, "no runs in %s\n", dbPath.c_str());
        return ExitOk;
    }
    std::size_t idWidth = 3, flowWidth = 4;
    for (const RunRecord &r : runs) {
        idWidth = std::max(idWidth, r.id.size());
        flowWidth = std::max(flowWidth, r.flow.size());
    }
    std::string out = padRight("RUN", idWidth + 2) + padRight("FLOW", flowWidth + 2) +
                      padRight("STATUS", 21) + padRight("STARTED (UTC)", 25) + "DURATION ms\n";
    for (const RunRecord &r : runs) {
        const std::string duration = formatMs(r.duration);
        out += padRight(r.id, idWidth + 2) + padRight(r.flow, flowWidth + 2) +
               padRight(toString(r.status), 21) + padRight(humanTime(r.startedAt), 25) +
               std::string(duration.size() < 11 ? 11 - duration.size() : 0, ' ') + duration + "\n";
    }
    print(out);
    return ExitOk;
}

Result<RunTrace> loadRequestedRun(const std::string &requested, const std::string &dbPath)
{
    if (!fs::exists(dbPath))
        return fail(ErrorCode::Validation,
                    "no run '" + requested + "': no trace database at " + dbPath);
    TraceStore store;
    if (auto r = store.open(dbPath); !r)
        return std::unexpected(r.error());
    auto id = store.resolveRunId(requested);
    if (!id)
        return std::unexpected(id.error());
    return store.loadRun(*id);
}

int showCommand(const Options &opt, const std::string &dbPath)
{
    if (opt.positional.size() != 1)
        return usageError("trace show needs exactly one run id");
    auto loaded = loadRequestedRun(opt.positional.value(0).toStdString(), dbPath);
    if (!loaded)
        return reportError(loaded.error());
    const auto &[run, spans] = *loaded;
    if (opt.json) {
        print(dumpJson(traceShowToJson(run, spans), 2) + "\n");
        return ExitOk;
    }

    std::string out = "run      " + run.id + "\nflow     " + run.flow;
    if (!run.flowFile.empty())
        out += " (" + run.flowFile + ")";
    out += "\nstatus   " + std::string(toString(run.status)) + "\nstarted  " +
           humanTime(run.startedAt) + " UTC" + (run.virtualTime ? " (virtual time)" : "") +
           "\nduration " + formatMs(run.duration) + " ms\nseed     " + std::to_string(run.seed) +
           "\n";
    if (!run.error.is_null()) {
        out += "error    " + errorText(run.error);
        if (run.error.is_object() && run.error.contains("step"))
            out += " (step " + run.error["step"].get<std::string>() + ")";
        out += "\n";
    }
    out += "\n";

    std::vector<std::pair<const Span *, int>> rows; // tree order, with depth
    for (const SpanTree::Node &node : buildSpanTree(spans).rows)
        rows.emplace_back(&spans[node.span], node.depth);
    Micros end = run.startedAt + run.duration;
    for (const Span &s : spans)
        end = std::max(end, s.start + s.duration);
    const Micros total = std::max<Micros>(1, end - run.startedAt);
    constexpr int kBar = 30;
    std::size_t nameWidth = 4;
    for (const auto &[span, depth] : rows)
        nameWidth = std::max(nameWidth, span->name.size() + 2 * static_cast<std::size_t>(depth));
    nameWidth = std::min<std::size_t>(nameWidth, 48);
    out += padRight("SPAN", nameWidth + 2) + padRight("KIND", 14) + "  START ms  DURATION ms  " +
           padRight("STATUS", 11) + padRight("TIMELINE", kBar + 4) + "DETAIL\n";
    for (const auto &[span, depth] : rows) {
        std::string name = std::string(2 * static_cast<std::size_t>(depth), ' ') + span->name;
        if (name.size() > nameWidth)
            name = name.substr(0, nameWidth - 1) + "~";
        const std::string start = formatMs(span->start - run.startedAt);
        const std::string duration = formatMs(span->duration);
        // A text waterfall: where the span sits within the run.
        const auto offset = std::clamp<Micros>(span->start - run.startedAt, 0, total);
        const int from = static_cast<int>(offset * kBar / total);
        const int to =
            std::max(from + 1, static_cast<int>((offset + span->duration) * kBar / total));
        std::string bar(kBar, ' ');
        for (int i = from; i < std::min(to, kBar); ++i)
            bar[static_cast<std::size_t>(i)] = span->status == SpanStatus::Ok ? '=' : '!';
        std::string detail = errorText(span->error);
        const std::string http = httpSummary(*span);
        if (!http.empty())
            detail = detail.empty() ? http : http + "  " + detail;
        out += padRight(name, nameWidth + 2) + padRight(toString(span->kind), 14) +
               std::string(start.size() < 10 ? 10 - start.size() : 0, ' ') + start +
               std::string(duration.size() < 13 ? 13 - duration.size() : 0, ' ') + duration + "  " +
               padRight(toString(span->status), 11) + "|" + bar + "|  " + detail + "\n";
    }
    if (spans.empty())
        out += "(no spans recorded)\n";
    print(out);
    return ExitOk;
}

int exportCommand(const Options &opt, const std::string &dbPath)
{
    if (opt.positional.size() != 1)
        return usageError("trace export needs exactly one run id");
    if (opt.format != "otlp" && opt.format != "chrome")
        return usageError(opt.format.isEmpty()
                              ? "trace export needs --format otlp|chrome"
                              : "unknown format '" + opt.format.toStdString() + "' (otlp, chrome)");
    auto loaded = loadRequestedRun(opt.positional.value(0).toStdString(), dbPath);
    if (!loaded)
        return reportError(loaded.error());
    const auto &[run, spans] = *loaded;
    const Json doc = opt.format == "otlp" ? toOtlpJson(run, spans) : toChromeTraceJson(run, spans);
    const std::string text = dumpJson(doc) + "\n";
    if (opt.output.isEmpty() || opt.output == "-") {
        print(text);
        return ExitOk;
    }
    QSaveFile file(opt.output); // write then rename: never a half-written export
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(text.data(), static_cast<qint64>(text.size())) !=
            static_cast<qint64>(text.size()) ||
        !file.commit()) {
        std::fprintf(stderr, "tutti trace: cannot write %s: %s\n", qPrintable(opt.output),
                     qPrintable(file.errorString()));
        return ExitInternal;
    }
    std::fprintf(stderr, "wrote %s (%zu spans)\n", qPrintable(opt.output), spans.size());
    return ExitOk;
}

std::string signedMs(Micros micros)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%+.1f", static_cast<double>(micros) / 1000.0);
    return buffer;
}

std::string sideText(const std::optional<DiffSide> &side)
{
    if (!side)
        return "-";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%-9s %2d× %10.1f ms", toString(side->status),
                  side->attempts, static_cast<double>(side->duration) / 1000.0);
    return buffer;
}

std::string shortJson(const Json &value)
{
    std::string text = value.is_null() ? std::string("(absent)") : dumpJson(value);
    if (text.size() > 60)
        text = text.substr(0, 57) + "...";
    return text;
}

int diffCommand(const Options &opt, const std::string &dbPath)
{
    if (opt.positional.size() != 2)
        return usageError("trace diff needs two run ids");
    auto a = loadRequestedRun(opt.positional[0].toStdString(), dbPath);
    if (!a)
        return reportError(a.error());
    auto b = loadRequestedRun(opt.positional[1].toStdString(), dbPath);
    if (!b)
        return reportError(b.error());
    const RunDiff diff = diffRuns(*a, *b);
    if (opt.json) {
        print(dumpJson(runDiffToJson(diff), 2) + "\n");
        return ExitOk;
    }
    std::string out;
    for (const auto &[label, run] : {std::pair{"A", &a->first}, std::pair{"B", &b->first}})
        out += std::string(label) + "  " + run->id + "  " + run->flow + "  " +
               toString(run->status) + "  " + formatMs(run->duration) + " ms  " +
               humanTime(run->startedAt) + " UTC\n";
    if (diff.runDifferences.empty()) {
        out += "run: same status, output and error\n";
    } else {
        out += "run differs in:";
        for (const std::string &d : diff.runDifferences)
            out += " " + d;
        out += "\n";
    }
    out += "\n";
    std::size_t pathWidth = 4;
    for (const StepDiff &s : diff.steps)
        pathWidth = std::max(pathWidth, s.path.size());
    pathWidth = std::min<std::size_t>(pathWidth, 40);
    out += padRight("STEP", pathWidth + 2) + padRight("A", 30) + padRight("B", 30) +
           "      Δ ms  DIFFERENCES\n";
    int onlyA = 0, onlyB = 0;
    for (const StepDiff &s : diff.steps) {
        onlyA += (s.differences & StepDiff::OnlyA) != 0;
        onlyB += (s.differences & StepDiff::OnlyB) != 0;
        std::string path = s.path;
        if (path.size() > pathWidth)
            path = "~" + path.substr(path.size() - pathWidth + 1);
        const std::string delta = s.a && s.b ? signedMs(s.latencyDelta()) : std::string();
        std::string names;
        for (const std::string &n : differenceNames(s.differences))
            names += (names.empty() ? "" : " ") + n;
        out += padRight(path, pathWidth + 2) + padRight(sideText(s.a), 30) +
               padRight(sideText(s.b), 30) +
               std::string(delta.size() < 10 ? 10 - delta.size() : 0, ' ') + delta + "  " +
               (names.empty() ? "-" : names) + "\n";
        for (const PayloadDifference &p : s.payload)
            out += "    " + p.where + p.pointer + ": " + shortJson(p.a) + " -> " + shortJson(p.b) +
                   "\n";
        if (s.morePayloadDifferences > 0)
            out += "    (" + std::to_string(s.morePayloadDifferences) + " more differences)\n";
    }
    out += "\n" + std::to_string(diff.differentSteps()) + " of " +
           std::to_string(diff.steps.size()) + " steps differ (" + std::to_string(onlyA) +
           " only in A, " + std::to_string(onlyB) + " only in B)\n";
    print(out);
    return ExitOk;
}

std::string humanBytes(std::int64_t bytes)
{
    char buffer[32];
    if (bytes < 1024)
        std::snprintf(buffer, sizeof buffer, "%lld B", static_cast<long long>(bytes));
    else if (bytes < 1024 * 1024)
        std::snprintf(buffer, sizeof buffer, "%.1f KiB", static_cast<double>(bytes) / 1024.0);
    else
        std::snprintf(buffer, sizeof buffer, "%.1f MiB",
                      static_cast<double>(bytes) / (1024.0 * 1024.0));
    return buffer;
}

int statsCommand(const Options &opt, const std::string &dbPath)
{
    if (!opt.positional.isEmpty())
        return usageError("trace stats takes no run id");
    TraceStats stats;
    if (fs::exists(dbPath)) { // reading never creates a database
        TraceStore store;
        if (auto r = store.open(dbPath); !r)
            return reportError(r.error());
        auto read = store.stats();
        if (!read)
            return reportError(read.error());
        stats = std::move(*read);
    }
    if (opt.json) {
        Json byStatus = Json::object();
        for (const auto &[status, n] : stats.byStatus)
            byStatus[toString(status)] = n;
        print(dumpJson(Json{{"database", dbPath},
                            {"runs", stats.runs},
                            {"statuses", byStatus},
                            {"bytes", stats.bytes},
                            {"free_bytes", stats.freeBytes}},
                       2) +
              "\n");
        return ExitOk;
    }
    std::string out = "database " + dbPath + "\nsize     " + humanBytes(stats.bytes) + " (" +
                      std::to_string(stats.bytes) + " bytes, " + humanBytes(stats.freeBytes) +
                      " free inside)\nruns     " + std::to_string(stats.runs);
    for (std::size_t i = 0; i < stats.byStatus.size(); ++i)
        out += std::string(i == 0 ? " (" : ", ") + toString(stats.byStatus[i].first) + " " +
               std::to_string(stats.byStatus[i].second);
    out += stats.byStatus.empty() ? "\n" : ")\n";
    print(out);
    return ExitOk;
}

int pruneCommand(const Options &opt, const std::string &dbPath)
{
    if (!opt.positional.isEmpty())
        return usageError("trace prune takes no run id");
    if (opt.olderThan.has_value() == opt.keep.has_value())
        return usageError(opt.keep ? "give --older-than or --keep, not both"
                                   : "trace prune needs --older-than AGE or --keep N");
    PruneOptions options;
    options.dryRun = opt.dryRun;
    options.keep = opt.keep;
    if (opt.olderThan)
        options.startedBefore = std::chrono::duration_cast<std::chrono::microseconds>(
                                    std::chrono::system_clock::now().time_since_epoch())
                                    .count() -
                                *opt.olderThan;
    PruneResult result;
    if (fs::exists(dbPath)) { // pruning never creates a database either
        TraceStore store;
        if (auto r = store.open(dbPath); !r)
            return reportError(r.error());
        auto pruned = store.prune(options);
        if (!pruned)
            return reportError(pruned.error());
        result = std::move(*pruned);
    }
    if (!result.vacuumError.empty())
        std::fprintf(stderr, "tutti trace: warning: could not shrink %s: %s\n", dbPath.c_str(),
                     result.vacuumError.c_str());
    const std::int64_t freed = std::max<std::int64_t>(0, result.bytesBefore - result.bytesAfter);
    if (opt.json) {
        print(dumpJson(Json{{"database", dbPath},
                            {"dry_run", opt.dryRun},
                            {"runs", result.runs},
                            {"spans", result.spans},
                            {"bytes_before", result.bytesBefore},
                            {"bytes_after", result.bytesAfter},
                            {"bytes_freed", freed}},
                       2) +
              "\n");
        return ExitOk;
    }
    if (opt.dryRun)
        print("would delete " + std::to_string(result.runs) + " runs (" +
              std::to_string(result.spans) + " spans) from " + dbPath + "\n");
    else
        print("deleted " + std::to_string(result.runs) + " runs (" + std::to_string(result.spans) +
              " spans) from " + dbPath + ", freed " + humanBytes(freed) + " (" +
              humanBytes(result.bytesAfter) + " now)\n");
    return ExitOk;
}

} // namespace

int traceCommand(const QStringList &args)
{
    Options opt;
    if (auto problem = parse(args, opt))
        return usageError(*problem);
    if (opt.help) {
        print(kUsage);
        return ExitOk;
    }
    const std::string dbPath = opt.traceDb.isEmpty() ? defaultTraceDb() : opt.traceDb.toStdString();
    try {
        if (opt.subcommand == "list")
            return listCommand(opt, dbPath);
        if (opt.subcommand == "show")
            return showCommand(opt, dbPath);
        if (opt.subcommand == "diff")
            return diffCommand(opt, dbPath);
        if (opt.subcommand == "export")
            return exportCommand(opt, dbPath);
        if (opt.subcommand == "stats")
            return statsCommand(opt, dbPath);
        if (opt.subcommand == "prune")
            return pruneCommand(opt, dbPath);
    } catch (const std::exception &e) { // nothing may escape a command
        std::fprintf(stderr, "tutti trace: internal error: %s\n", e.what());
        return ExitInternal;
    }
    return usageError(opt.subcommand.isEmpty()
                          ? "missing subcommand"
                          : "unknown subcommand '" + opt.subcommand.toStdString() + "'");
}

} // namespace tutti::cli
