// Editor benchmark (SPEC §10): open a generated 1,000-step flow (target ≤ 1 s, layout included)
// and time a full-view repaint (target ≤ 16 ms per frame). Prints figures; never fails on them.
#include <editor/floweditor.h>
#include <editor/flowscene.h>
#include <editor/flowview.h>

#include <engine/model/yamldoc.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>

#include <cstdio>

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen")
                                                                    : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    const int steps = argc > 1 ? std::atoi(argv[1]) : 1000;
    using tutti::engine::Json;
    Json flow = Json::object({{"tutti", 1}, {"name", "big"}, {"steps", Json::array()}});
    for (int i = 0; i < steps; ++i) {
        Json s = Json::object({{"id", "s" + std::to_string(i)},
                               {"type", "transform"},
                               {"set", Json::object({{"v", "{{ input.x }}"}})}});
        if (i % 50 == 10)
            s = Json::object(
                {{"id", "s" + std::to_string(i)}, {"type", "wait"}, {"duration", "1ms"}});
        flow["steps"].push_back(s);
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.flow.yaml"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return 4;
    f.write(QByteArray::fromStdString(tutti::engine::toYaml(flow)));
    f.close();

    tutti::editor::FlowEditor editor;
    editor.resize(1400, 900);
    QElapsedTimer t;
    t.start();
    if (!editor.openFile(path)) {
        std::printf("open failed\n");
        return 4;
    }
    const double openMs = t.nsecsElapsed() / 1e6;
    editor.show();
    QApplication::processEvents();

    tutti::editor::FlowView *view = editor.view();
    QImage image(view->viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    auto frame = [&] {
        QPainter p(&image);
        view->render(&p);
    };
    view->resetZoom();
    frame(); // warm the caches
    t.restart();
    const int frames = 20;
    for (int i = 0; i < frames; ++i) {
        view->centerOn(0, i * 40.0);
        frame();
    }
    const double paint100 = t.nsecsElapsed() / 1e6 / frames;
    view->fitAll();
    frame();
    t.restart();
    for (int i = 0; i < frames; ++i)
        frame();
    const double paintFit = t.nsecsElapsed() / 1e6 / frames;
    std::printf(
        "editor: open %d-step flow (parse, validate, layout, scene): %.1f ms (target <= 1000)\n",
        steps, openMs);
    std::printf("editor: full-view repaint at 100%%: %.2f ms/frame (target <= 16)\n", paint100);
    std::printf("editor: full-view repaint, whole flow in view: %.2f ms/frame\n", paintFit);
    return 0;
}
