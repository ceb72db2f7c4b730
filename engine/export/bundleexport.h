// `tutti export FLOW... --to bundle -o DIR` (issue 13): a folder that deploys flows with
// `tutti serve` — the flows and every file they need (found by the resolver, not guessed), a
// Dockerfile, Kubernetes manifests, a systemd unit and a README on scaling out. No secret is ever
// written: API keys and TUTTI_SECRET_* come from a Kubernetes Secret or an environment file.
#pragma once

#include <engine/core/result.h>
#include <engine/export/aslexport.h>

#include <string>
#include <vector>

namespace tutti::engine {

// One flow to bundle: its file, and the text to export (the studio's unsaved edits; "" reads
// the file).
struct BundleFlow {
    std::string path;
    std::string text;
};

struct BundleOptions {
    std::string environment = "mock"; // `tutti serve --env`
    int port = 8080;
};

struct BundleFile {
    std::string path; // relative to the bundle folder, '/'-separated
    std::string content;
};

struct BundleExport {
    std::vector<BundleFile> files; // sorted by path
    std::vector<ExportWarning> warnings;
    std::string name; // the deployment's name (DNS-1123), from the first flow
};

// The bundle's files. Fails (located) when a flow does not load, when the flows belong to
// different workspaces, or when a file they need lies outside their workspace.
Result<BundleExport> exportBundle(const std::vector<BundleFlow> &flows,
                                  const BundleOptions &options = {});

// Writes the files under `dir` (created), and copies `binary` (the tutti executable, "" for
// none) to DIR/bin/tutti. Refuses a non-empty `dir` unless `force`.
Result<void> writeBundle(const BundleExport &bundle, const std::string &dir, bool force,
                         const std::string &binary = {});

// The Debian 12 packages the Dockerfile installs: those holding the shared libraries `tutti`
// links (ldd), libc6 aside (the base image has it), plus ca-certificates. The one list: the
// Dockerfile is generated from it and tst_bundleexport checks it against `ldd`.
const std::vector<std::string> &bundleRuntimePackages();

} // namespace tutti::engine
