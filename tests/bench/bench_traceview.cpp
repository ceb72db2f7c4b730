// Run viewer benchmark (issue 10: a 10,000-span run opens in <= 200 ms): loads a generated
// 10,000-span run from a trace database, shows it in the RunViewer (setRun) and paints it once,
// then measures repaints while scrolling and zooming. Reports wall and process CPU time: on the
// shared development machines the wall clock mostly measures other people's compilers.
// Usage: bench_traceview [SPANS=10000] [REPEATS=5]   (offscreen unless QT_QPA_PLATFORM is set)
#include <tests/traceviewdata.h>

#include <editor/traceview/runviewer.h>
#include <editor/traceview/waterfallview.h>

#include <QApplication>
#include <QScrollBar>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <time.h>
#include <vector>

using namespace tutti;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double cpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int spans = argc > 1 ? std::atoi(argv[1]) : 10000;
    const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;

    // The run, stored as `tutti run` stores it.
    QTemporaryDir dir;
    const std::string db = dir.filePath("traces.db").toStdString();
    const engine::RunTrace generated = traceviewdata::generatedRun(spans, "run-bench-10000");
    {
        engine::TraceStore store;
        if (!store.open(db)) {
            std::fprintf(stderr, "cannot open %s\n", db.c_str());
            return 1;
        }
        store.setBulkMode(true);
        engine::RunRecord record = generated.first;
        store.runStarted(record);
        for (const engine::Span &s : generated.second)
            store.spanFinished(record, s);
        store.runFinished(record);
        if (!store.flush()) {
            std::fprintf(stderr, "cannot write the run\n");
            return 1;
        }
    }

    editor::RunViewer viewer;
    viewer.resize(1400, 900);
    viewer.show();
    app.processEvents();
    std::vector<double> load, set, paint, total, cpu;
    for (int i = 0; i < repeats; ++i) {
        viewer.clear();
        app.processEvents();
        const double cpu0 = cpuMs();
        const auto t0 = Clock::now();
        engine::TraceStore store;
        auto opened = store.open(db);
        auto run = store.loadRun("run-bench-10000");
        if (!opened || !run) {
            std::fprintf(stderr, "loadRun failed\n");
            return 1;
        }
        const auto t1 = Clock::now();
        viewer.setRun(std::move(*run));
        const auto t2 = Clock::now();
        viewer.repaint(); // the first paint, synchronously (children included)
        const auto t3 = Clock::now();
        load.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        set.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
        paint.push_back(std::chrono::duration<double, std::milli>(t3 - t2).count());
        total.push_back(std::chrono::duration<double, std::milli>(t3 - t0).count());
        cpu.push_back(cpuMs() - cpu0);
    }
    const std::size_t shown = viewer.run()->second.size();
    std::printf("open a %zu-span run (median of %d): loadRun %.1f ms + setRun %.1f ms + first "
                "paint %.1f ms = %.1f ms wall, %.1f ms CPU; budget 200 ms -> %.2f of it\n",
                shown, repeats, median(load), median(set), median(paint), median(total),
                median(cpu), median(total) / 200.0);
    std::printf("  viewer alone (setRun + first paint): %.1f ms wall\n",
                median(set) + median(paint));

    // Smoothness: repaint after scrolling a page and after zooming, like a user would.
    editor::WaterfallView *w = viewer.waterfall();
    const int frames = 60;
    auto t = Clock::now();
    double c = cpuMs();
    for (int i = 0; i < frames; ++i) {
        w->verticalScrollBar()->setValue(w->verticalScrollBar()->maximum() * i / frames);
        w->viewport()->repaint();
    }
    const double scroll = msSince(t) / frames, scrollCpu = (cpuMs() - c) / frames;
    t = Clock::now();
    c = cpuMs();
    for (int i = 0; i < frames; ++i) {
        w->zoomBy(i < frames / 2 ? 1.1 : 1 / 1.1);
        w->viewport()->repaint();
    }
    const double zoom = msSince(t) / frames, zoomCpu = (cpuMs() - c) / frames;
    t = Clock::now();
    c = cpuMs();
    for (int i = 0; i < 20; ++i) {
        i % 2 ? w->expandAll() : w->collapseAll();
        w->viewport()->repaint();
    }
    const double collapse = msSince(t) / 20, collapseCpu = (cpuMs() - c) / 20;
    std::printf("per frame (wall / CPU): scroll %.2f / %.2f ms, zoom %.2f / %.2f ms, collapse or "
                "expand all %.2f / %.2f ms (16 ms = 60 fps)\n",
                scroll, scrollCpu, zoom, zoomCpu, collapse, collapseCpu);
    return 0;
}
