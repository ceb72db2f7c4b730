// Editor benchmark (SPEC §10): open a generated N-step flow (target: 1,000 steps ≤ 1 s, 10,000
// ≤ 2 s, to the first painted frame) and time frames while panning and zooming at several zooms
// (target ≤ 16 ms). Prints figures, phase by phase; never fails on them.
//   bench_editor [STEPS] [ROUNDS]   (default 1000 1; the best of ROUNDS is printed)
//   bench_editor shots DIR FLOW     screenshots: 1,000 steps fitted, 10,000 zoomed out, FLOW
//                                   at 100 % (what docs/performance.md shows)
#include <editor/floweditor.h>
#include <editor/flowscene.h>
#include <editor/flowview.h>
#include <editor/graphlayout.h>
#include <editor/nodeitem.h>

#include <document/flowdocument.h>
#include <engine/model/yamldoc.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QUndoStack>

#include <algorithm>
#include <cstdio>
#include <limits>

namespace {

using tutti::engine::Json;

// A flow like a big generated one: mostly transforms and waits, a choice every 100 steps that
// jumps ahead, and every 100 steps a parallel step with two lanes of two steps (containers).
Json bigFlow(int steps)
{
    Json flow = Json::object({{"tutti", 1}, {"name", "big"}, {"steps", Json::array()}});
    auto id = [](int i) { return "s" + std::to_string(i); };
    int i = 0;
    while (i < steps) {
        Json s;
        if (i % 100 == 50 && i + 5 < steps) {
            s = Json::object(
                {{"id", id(i)},
                 {"type", "choice"},
                 {"cases",
                  Json::array({Json::object({{"when", "input.x > 1"}, {"next", id(i + 3)}})})},
                 {"default", id(i + 1)}});
        } else if (i % 100 == 80 && i + 5 < steps) {
            Json branches = Json::array();
            for (int b = 0; b < 2; ++b) {
                Json lane = Json::array();
                for (int k = 0; k < 2; ++k)
                    lane.push_back(Json::object({{"id", id(i + 1 + b * 2 + k)},
                                                 {"type", "transform"},
                                                 {"set", Json::object({{"v", "{{ input.x }}"}})}}));
                branches.push_back(
                    Json::object({{"name", "lane" + std::to_string(b)}, {"steps", lane}}));
            }
            flow["steps"].push_back(
                Json::object({{"id", id(i)}, {"type", "parallel"}, {"branches", branches}}));
            i += 5;
            continue;
        } else if (i % 50 == 10) {
            s = Json::object({{"id", id(i)}, {"type", "wait"}, {"duration", "1ms"}});
        } else {
            s = Json::object({{"id", id(i)},
                              {"type", "transform"},
                              {"set", Json::object({{"v", "{{ input.x }}"}})}});
        }
        flow["steps"].push_back(s);
        ++i;
    }
    return flow;
}

double ms(const QElapsedTimer &t)
{
    return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

struct Figures {
    double parse = 0, document = 0, layout = 0, scene = 0, open = 0, firstFrame = 0;
    double pan100 = 0, panFit = 0, panFar = 0, zoom = 0, fitZoom = 0, farZoom = 0;
};

void keepBest(Figures &best, const Figures &f)
{
    auto min = [](double &a, double b) { a = a == 0 ? b : std::min(a, b); };
    min(best.parse, f.parse);
    min(best.document, f.document);
    min(best.layout, f.layout);
    min(best.scene, f.scene);
    min(best.open, f.open);
    min(best.firstFrame, f.firstFrame);
    min(best.pan100, f.pan100);
    min(best.panFit, f.panFit);
    min(best.panFar, f.panFar);
    min(best.zoom, f.zoom);
    best.fitZoom = f.fitZoom;
    best.farZoom = f.farZoom;
}

Figures measure(const QString &path, const std::string &text)
{
    Figures f;
    QElapsedTimer t;
    // The phases on their own: parse, document (parse + index + validate), layout, scene.
    t.start();
    auto yaml = tutti::engine::parseYaml(text, "big.flow.yaml");
    f.parse = ms(t);
    {
        tutti::engine::FlowDocument doc;
        t.restart();
        (void)doc.load(path.toStdString());
        f.document = ms(t);
        t.restart();
        const auto layout = tutti::editor::layoutFlow(doc);
        f.layout = ms(t);
        doc.setPositions(layout.positions);
        QUndoStack undo;
        t.restart();
        tutti::editor::FlowScene scene(&doc, &undo);
        f.scene = ms(t);
    }

    // What the user waits for: the editor opens the file and shows its first frame.
    tutti::editor::FlowEditor editor;
    editor.resize(1400, 900);
    t.restart();
    if (!editor.openFile(path)) {
        std::printf("open failed\n");
        std::exit(4);
    }
    f.open = ms(t);
    editor.show();
    tutti::editor::FlowView *view = editor.view();
    QApplication::processEvents();
    view->viewport()->repaint();
    f.firstFrame = ms(t);
    f.fitZoom = view->zoom();

    // A frame is what the viewport paints after a pan or zoom step (the real paint path, item
    // caches included).
    auto frame = [&] { view->repaint(); }; // the canvas and the minimap on it
    constexpr int frames = 30;
    auto pan = [&](double zoom) {
        view->setZoom(zoom);
        const QPointF start = view->mapToScene(view->viewport()->rect().center());
        frame(); // warm the caches at this zoom
        QElapsedTimer p;
        p.start();
        for (int i = 0; i < frames; ++i) {
            // 40 screen pixels per frame, down and right: a brisk drag.
            view->centerOn(start + QPointF(i * 40.0, i * 40.0) / zoom);
            frame();
        }
        return ms(p) / frames;
    };
    view->fitAll();
    f.fitZoom = view->zoom();
    f.panFit = pan(view->zoom());
    f.pan100 = pan(1.0);
    f.panFar = pan(0.0); // as far out as the view zooms (it clamps)
    f.farZoom = view->zoom();
    // Zooming out step by step from 100 % to the fit, and back: each step repaints at a new
    // scale (no cached pixmap survives a scale change).
    view->setZoom(1.0);
    frame();
    QElapsedTimer z;
    z.start();
    int steps = 0;
    for (double zoom = 1.0; zoom > f.fitZoom; zoom /= 1.2, ++steps) {
        view->setZoom(zoom);
        frame();
    }
    for (double zoom = f.fitZoom; zoom < 1.0; zoom *= 1.2, ++steps) {
        view->setZoom(zoom);
        frame();
    }
    f.zoom = ms(z) / std::max(steps, 1);
    return f;
}

void writeFlow(const QString &path, int steps)
{
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(QByteArray::fromStdString(tutti::engine::toYaml(bigFlow(steps))));
}

int shots(const QString &dir, const QString &example)
{
    QTemporaryDir tmp;
    auto shoot = [&](const QString &flow, const QString &name, auto &&arrange) {
        tutti::editor::FlowEditor editor;
        editor.resize(1400, 900);
        editor.setYamlVisible(false);
        if (!editor.openFile(flow))
            return false;
        editor.show();
        QApplication::processEvents();
        editor.view()->fitAll();
        arrange(editor);
        QApplication::processEvents();
        const bool ok = editor.grab().save(dir + QLatin1Char('/') + name);
        std::printf("%s: zoom %.0f %%\n", qPrintable(name), editor.view()->zoom() * 100);
        return ok;
    };
    const QString big = tmp.filePath(QStringLiteral("big.flow.yaml"));
    const QString huge = tmp.filePath(QStringLiteral("huge.flow.yaml"));
    writeFlow(big, 1000);
    writeFlow(huge, 10000);
    bool ok = shoot(big, QStringLiteral("fit-1000.png"), [](auto &) {});
    ok &= shoot(big, QStringLiteral("fit-1000-run.png"), [](tutti::editor::FlowEditor &e) {
        // A run in progress: done, failed and running steps at the fitted zoom.
        for (int i = 0; i < 14; ++i)
            e.setNodeState(QStringLiteral("s%1").arg(i), tutti::editor::NodeState::Succeeded,
                           QStringLiteral("%1 ms").arg(i + 2));
        e.setNodeState(QStringLiteral("s14"), tutti::editor::NodeState::Failed);
        e.setNodeState(QStringLiteral("s15"), tutti::editor::NodeState::Running);
    });
    ok &= shoot(huge, QStringLiteral("zoomed-out-10000.png"), [](tutti::editor::FlowEditor &e) {
        e.view()->resetZoom(); // a zoom of the user's: the view stops following its fit
        e.view()->setZoom(0.1);
        e.view()->centerOn(0, 30000);
    });
    ok &= shoot(huge, QStringLiteral("zoom-40-10000.png"), [](tutti::editor::FlowEditor &e) {
        e.view()->resetZoom();
        e.view()->setZoom(0.4);
    });
    ok &= shoot(big, QStringLiteral("text-returns-1000.png"), [](tutti::editor::FlowEditor &e) {
        e.view()->resetZoom();
        e.view()->setZoom(tutti::editor::NodeItem::textScaleThreshold() * 1.01);
    });
    ok &= shoot(example, QStringLiteral("checkout-100.png"),
                [](tutti::editor::FlowEditor &e) { e.view()->resetZoom(); });
    return ok ? 0 : 4;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen")
                                                                    : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    if (argc > 3 && qstrcmp(argv[1], "shots") == 0)
        return shots(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]));
    const int steps = argc > 1 ? std::atoi(argv[1]) : 1000;
    const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 1;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.flow.yaml"));
    const std::string text = tutti::engine::toYaml(bigFlow(steps));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return 4;
    file.write(QByteArray::fromStdString(text));
    file.close();

    Figures best;
    for (int r = 0; r < rounds; ++r)
        keepBest(best, measure(path, text));
    const double target = steps > 1000 ? 2000 : 1000;
    std::printf("editor: %d-step flow, best of %d\n", steps, rounds);
    std::printf("editor:   parse YAML                  %8.1f ms\n", best.parse);
    std::printf("editor:   document (load, validate)   %8.1f ms\n", best.document);
    std::printf("editor:   layout                      %8.1f ms\n", best.layout);
    std::printf("editor:   scene items                 %8.1f ms\n", best.scene);
    std::printf("editor:   open (all of the above)     %8.1f ms\n", best.open);
    std::printf("editor: open to first frame           %8.1f ms (target <= %.0f)\n",
                best.firstFrame, target);
    std::printf("editor: fit zoom                      %8.1f %%\n", best.fitZoom * 100);
    std::printf("editor: pan frame at fit              %8.2f ms (target <= 16)\n", best.panFit);
    std::printf("editor: pan frame at 100%%             %8.2f ms (target <= 16)\n", best.pan100);
    std::printf("editor: pan frame at %4.1f%% (min zoom) %8.2f ms (target <= 16)\n",
                best.farZoom * 100, best.panFar);
    std::printf("editor: zoom step 100%% <-> fit        %8.2f ms (target <= 16)\n", best.zoom);
    return 0;
}
